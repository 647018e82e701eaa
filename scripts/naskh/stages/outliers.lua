-- naskh.stages.outliers: flag the articles of a cluster that are about a
-- different event. Evidence:
--   similarity: each article's mean cosine with the others (term vectors of
--     the text the clean stage kept, IDF over the cluster's articles); an
--     article far below the others' median is flagged;
--   dates: when articles carry a date (meta.date, or the dateline the dates
--     stage anchors on), one dated far from the cluster's median date, with a
--     below-median similarity, is flagged.
-- A flagged article gets doc.outlier = {reason=, why=, score=, similarity=, median=} (why: the
-- reasons as data, {kind="similarity", ratio=, facts=, terms=} and {kind="date", date=, from=,
-- to=}, which the HTML report words in Arabic; reason: the same in English);
-- corpus.outliers lists every article's figures. summarize leaves flagged
-- articles out of the cluster summary by default.
local textsim = require "naskh.text.textsim"
local artext = require "naskh.text.artext"

local function median(xs)
  local t = {}
  for i, x in ipairs(xs) do t[i] = x end
  table.sort(t)
  local n = #t
  if n == 0 then return nil end
  if n % 2 == 1 then return t[(n + 1) // 2] end
  return (t[n // 2] + t[n // 2 + 1]) / 2
end

-- Days since 1970-01-01 of an ISO date "YYYY-MM-DD..." (or "YYYY-MM"), or nil.
local function day_number(iso)
  if type(iso) ~= "string" then return nil end
  local y, m, d = iso:match("^(%d%d%d%d)%-(%d%d)%-?(%d*)")
  if not y then return nil end
  y, m, d = tonumber(y), tonumber(m), tonumber(d) or 15
  if m < 1 or m > 12 then return nil end
  return artext.days_from_civil(y, m, d)
end

-- The date an article is about: meta.date, else the anchor the dates stage
-- found (a dateline). Dates mentioned in the text are not used: articles
-- recall earlier events ("the last meeting, on 20 October 2015").
-- Returns iso, day number (or nil).
local function doc_date(doc)
  local meta = type(doc.meta) == "table" and doc.meta or {}
  local iso = type(meta.date) == "string" and meta.date or nil
  if not iso and type(doc.date_anchor) == "table" and type(doc.date_anchor.iso) == "string" then
    iso = doc.date_anchor.iso
  end
  if iso and day_number(iso) then return iso:sub(1, 10), day_number(iso) end
  return nil
end

-- Mean cosine with the other articles over sets of terms weighted by
-- ln(N / df): terms every article uses (the story's names) weigh nothing.
-- In C (nk_simset_shared_terms), summed in a fixed term order: an article's
-- terms are those of its kept sentences, already in the sentence set, plus
-- those of any kept text outside them (pieces) — the terms of
-- textsim.kept_text(d), without reading the text a second time.

-- The medians of the others' values, for each i: median({x[j] : j ~= i}), from
-- one sorted copy (leaving out one copy of x[i] leaves the same sorted values).
local function medians_of_others(x)
  local t = {}
  for i, v in ipairs(x) do t[i] = v end
  table.sort(t)
  local m = #t - 1
  local out = {}
  for i, v in ipairs(x) do
    if m == 0 then return out end
    local p = 1
    while p <= #t and t[p] ~= v do p = p + 1 end
    if p > #t then -- not found (NaN): the others, sorted apart
      local others = {}
      for j, w in ipairs(x) do if j ~= i then others[#others + 1] = w end end
      out[i] = median(others)
    else
      local function at(k) if k < p then return t[k] end return t[k + 1] end
      if m % 2 == 1 then out[i] = at((m + 1) // 2)
      else out[i] = (at(m // 2) + at(m // 2 + 1)) / 2 end
    end
  end
  return out
end

-- x[i] / median of the others' values (1 when that median is 0).
local function ratios(x)
  local out, med = {}, medians_of_others(x)
  for i = 1, #x do
    local m = med[i]
    out[i] = m > 0 and x[i] / m or 1
  end
  return out
end

local function run(corpus, opts, ctx)
  local docs = corpus.docs or {}
  local n = #docs
  corpus.outliers = {}
  if n < opts.min_articles then return end
  local vocab = textsim.vocab(ctx, opts)
  local ss = ctx.cache.simset
  if ss then ss:clear() else ss = vocab:simset(); ctx.cache.simset = ss end
  textsim.renew(ss)
  local pieces = {}
  for i, d in ipairs(docs) do
    local first, kept = textsim.add_kept(ss, d, i) -- the kept sentences, in one C call
    textsim.offer(ss, d, first, kept, true) -- summarize takes these vectors (issue 18 item 3)
    textsim.outside(d, kept, i, pieces)
  end
  local shared = ss:shared_terms(n, pieces)
  ss:prepare("set")
  -- shared facts: mean over an article's sentences (4+ terms) of the best cosine
  -- with a sentence of another article (articles on one event share facts and quotes)
  local cov = ss:coverage(n, 4)
  local rc, rs = ratios(cov), ratios(shared)
  local sims = {}
  for i = 1, n do sims[i] = (rc[i] + rs[i]) / 2 end
  -- dates
  local days, isos = {}, {}
  for i, d in ipairs(docs) do isos[i], days[i] = doc_date(d) end
  local dated = {}
  for i = 1, n do if days[i] then dated[#dated + 1] = days[i] end end
  local mday = #dated >= 2 and median(dated) or nil

  local cov_others = medians_of_others(cov)
  for i, d in ipairs(docs) do
    local ratio = sims[i]
    local reasons, why = {}, {}
    -- A cluster whose other articles share little (unrelated articles) has no
    -- "rest" to differ from: similarity is evidence only when they do.
    local coherent = cov_others[i] >= opts.min_coherence
    local low = coherent and ratio < opts.min_ratio
    if low then
      reasons[#reasons + 1] = string.format(
        "low similarity to the other articles (%.2f of theirs: shared facts %.2f, shared terms %.2f)",
        ratio, rc[i], rs[i])
      why[#why + 1] = { kind = "similarity", ratio = ratio, facts = rc[i], terms = rs[i] }
    end
    local far = false
    if mday and days[i] and math.abs(days[i] - mday) > opts.max_days then
      far = true
      local mi = {}
      for j = 1, n do if j ~= i and isos[j] then mi[#mi + 1] = isos[j] end end
      table.sort(mi)
      reasons[#reasons + 1] = string.format("dated %s while the others are dated %s", isos[i],
        mi[1] == mi[#mi] and mi[1] or (mi[1] .. " to " .. mi[#mi]))
      why[#why + 1] = { kind = "date", date = isos[i], from = mi[1], to = mi[#mi] }
    end
    local entry = { doc = d.id, similarity = ratio, coverage = cov[i], shared = shared[i], date = isos[i] }
    -- Flag on low similarity, or on a far date backed by a below-median similarity.
    if low or (far and ratio < 1) then
      d.outlier = { reason = table.concat(reasons, "; "), why = why, score = 1 - math.min(ratio, 1),
                    similarity = ratio }
      entry.outlier = true
      entry.reason, entry.why = d.outlier.reason, why
    end
    corpus.outliers[#corpus.outliers + 1] = entry
  end
end

return {
  name = "outliers",
  summary = "flag articles about a different event (low similarity to the rest, far dates)",
  scope = "corpus",
  needs = {}, -- fields an earlier stage must add (lint checks the order)
  adds = { "outliers", "outlier" },
  options = {
    min_ratio = { type = "number", min = 0, max = 1, default = 0.65,
      doc = "flag an article whose similarity to the others is below this fraction of theirs (median); "
        .. "similarity averages shared facts (best sentence matches) and shared terms (ln N/df weights)" },
    min_coherence = { type = "number", min = 0, max = 1, default = 0.1,
      doc = "similarity counts only when the other articles share facts with each other "
        .. "(median shared facts at least this): a pile of unrelated articles has no outlier" },
    max_days = { type = "integer", min = 0, default = 45,
      doc = "dates: an article dated more than this many days from the cluster's median date is suspect" },
    min_articles = { type = "integer", min = 3, default = 3,
      doc = "smaller clusters are not checked (two articles cannot outvote each other)" },
    stopwords = { type = "string", default = textsim.DEFAULT_STOPWORDS, file = true,
      doc = "stopword list, relative to the recipe or configs/; '' for none" },
  },
  example = { min_ratio = 0.6, max_days = 45 },
  run = run,
  day_number = day_number,
}
