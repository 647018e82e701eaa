-- naskh.stages.summarize: extractive summaries of a cluster of articles
-- (corpus.summary) and, on request, of each article (doc.summary).
-- Methods: lead, centroid (MEAD: centroid + position + first-sentence overlap,
-- length cutoff), lexrank (continuous or thresholded), textrank. Redundancy by
-- MMR or a cosine cutoff; near-duplicate sentences across articles collapse
-- into one that lists every source. Every summary sentence carries its
-- article id and span. See docs/summarization.md.
local textsim = require "naskh.textsim"

local DEFAULT_WORDS = 100 -- the budget when no words, sentences or chars are given

local options = {
  method = { type = "string", enum = { "lead", "centroid", "lexrank", "textrank" }, default = "lexrank",
    doc = "how sentences are scored" },
  words = { type = "integer", min = 1,
    doc = "budget in words (word tokens); when no budget is given: " .. DEFAULT_WORDS .. " words" },
  sentences = { type = "integer", min = 1, doc = "budget in sentences" },
  chars = { type = "integer", min = 1, doc = "budget in characters (code points)" },
  cluster = { type = "boolean", default = true,
    doc = "one summary of all articles together (corpus.summary)" },
  per_document = { type = "boolean", default = false,
    doc = "also summarize each article on its own (doc.summary), with the same budget" },
  redundancy = { type = "string", enum = { "mmr", "cutoff", "none" }, default = "mmr",
    doc = "mmr: trade score against similarity to chosen sentences (lambda); "
      .. "cutoff: skip a sentence too similar to a chosen one (max_similarity)" },
  lambda = { type = "number", min = 0, max = 1, default = 0.7,
    doc = "MMR: weight of the score against redundancy (1 = score only)" },
  max_similarity = { type = "number", min = 0, max = 1, default = 0.5,
    doc = "cutoff: the largest cosine allowed with an already chosen sentence" },
  duplicate = { type = "number", min = 0, max = 1, default = 0.7,
    doc = "sentences with at least this cosine are one sentence (sources merged)" },
  threshold = { type = "number", min = 0, max = 1, default = 0,
    doc = "lexrank: 0 = continuous (cosine weights); > 0 = thresholded (an edge when cosine >= threshold)" },
  damping = { type = "number", min = 0, max = 1, default = 0.85, doc = "lexrank/textrank: PageRank damping" },
  position = { type = "number", min = 0, default = 1,
    doc = "weight of the position score (n - i + 1) / n added to the normalized method score" },
  first = { type = "number", min = 0, default = 0,
    doc = "weight of the cosine with the article's first sentence (MEAD's SimWithFirst)" },
  centroid_terms = { type = "integer", min = 0, default = 0,
    doc = "centroid: keep only the top N terms of the centroid (0 = all)" },
  length_penalty = { type = "number", min = 0, max = 1, default = 0,
    doc = "divide each score by (words / mean words)^p before choosing: a word budget then favours "
      .. "shorter sentences that say as much (0 = off)" },
  min_words = { type = "integer", min = 0, default = 6,
    doc = "length cutoff: shorter sentences (captions, headings) are never chosen" },
  complete = { type = "boolean", default = true,
    doc = "choose only sentences that end with . ! ? ؟ … (headlines and captions do not), "
      .. "unless no sentence does" },
  order = { type = "string", enum = { "source", "score" }, default = "source",
    doc = "source: by article date (meta.date, else input order) and position; score: best first" },
  scores = { type = "boolean", default = false,
    doc = "keep every sentence's scores (summary.scores), like MEAD's scores mode" },
  idf = { type = "string", default = "cluster",
    doc = "'cluster' (document frequency over the cluster's sentences) or an IDF file from `naskh idf build`" },
  stopwords = { type = "string", default = textsim.DEFAULT_STOPWORDS,
    doc = "stopword list (one word per line), relative to the recipe or configs/; '' for none" },
  outliers = { type = "string", enum = { "exclude", "include" }, default = "exclude",
    doc = "articles flagged by the outliers stage are left out of the cluster summary unless 'include'" },
  text = { type = "boolean", default = true, doc = "copy each summary sentence's text into the result" },
}

-- The budget limits of opts ({words=, sentences=, chars=}, 0 = none).
local function budget_of(opts)
  local b = { words = opts.words or 0, sentences = opts.sentences or 0, chars = opts.chars or 0 }
  if b.words == 0 and b.sentences == 0 and b.chars == 0 then b.words = DEFAULT_WORDS end
  return b
end

local function by_date(docs)
  local order = {}
  for i, d in ipairs(docs) do order[i] = { doc = d, i = i } end
  table.sort(order, function(a, b)
    local da = type(a.doc.meta) == "table" and type(a.doc.meta.date) == "string" and a.doc.meta.date or ""
    local db = type(b.doc.meta) == "table" and type(b.doc.meta.date) == "string" and b.doc.meta.date or ""
    if da ~= db then
      if da == "" then return false end
      if db == "" then return true end
      return da < db
    end
    return a.i < b.i
  end)
  local out = {}
  for i, o in ipairs(order) do out[i] = o.doc end
  return out
end

local spans = require "naskh.spans"
local naskh = require "naskh"
local byte = string.byte

-- Ends with a sentence terminator (. ! ? ؟ …), possibly followed by closing
-- quotes, brackets or spaces? Byte-level: no substrings.
local function is_complete(text, s, e)
  while e >= s do
    local c = byte(text, e)
    if c == 32 or c == 9 or c == 10 or c == 13 or c == 34 or c == 39 or c == 41 or c == 93 then
      e = e - 1
    elseif c == 0xBB and e - 1 >= s and byte(text, e - 1) == 0xC2 then -- »
      e = e - 2
    elseif (c == 0x9D or c == 0x9C) and e - 2 >= s and byte(text, e - 1) == 0x80
      and byte(text, e - 2) == 0xE2 then -- ” “
      e = e - 3
    else
      break
    end
  end
  if e < s then return false end
  local c = byte(text, e)
  if c == 46 or c == 33 or c == 63 then return true end -- . ! ?
  if c == 0x9F and e - 1 >= s and byte(text, e - 1) == 0xD8 then return true end -- ؟
  return c == 0xA6 and e - 2 >= s and byte(text, e - 1) == 0x80 and byte(text, e - 2) == 0xE2 -- …
end


--[[
Summarize a list of documents (already in source order). Returns the summary
table: { method=, budget=, words=, sentences={...}, documents=, candidates=,
scores=? }. ctx supplies the vocabulary cache and resolve(). Sentences are
kept in parallel arrays (no table per sentence): this runs once per cluster
and clusters come by the thousand.
]]
local function summarize_docs(docs, opts, ctx)
  local vocab, idf_mode = textsim.vocab(ctx, opts)
  -- one sentence set per stage instance, emptied for each cluster (keeps its memory)
  local ss = ctx.cache.simset
  if ss then ss:clear() else ss = vocab:simset(); ctx.cache.simset = ss end
  local u_dn, u_s, u_e, u_k, u_pos = {}, {}, {}, {}, {}
  local u_c -- lean path: whether each sentence ends like one (computed in C)
  local doc_n, first_of = {}, {}
  local is_dropped = spans.is_dropped
  local n = 0
  -- The lean path, when the caller keeps no document (summarize --clusters)
  -- and no document was split or cleaned: split and add in C, without a
  -- table per sentence and without storing doc.sentences.
  local lean = ctx.lean
  if lean then
    for _, doc in ipairs(docs) do
      if doc.sentences or (doc.dropped and #doc.dropped > 0) then lean = false; break end
    end
  end
  if lean then u_c, u_pos = {}, u_k end -- nothing is dropped: position = sentence number
  for dn, doc in ipairs(docs) do
    local text = doc.text
    local list = doc.sentences
    if lean then
      local n0 = n
      n = ss:add_split(text, dn, u_dn, u_s, u_e, u_k, u_c, n)
      if n > n0 then first_of[dn] = n0 + 1 end
      doc_n[dn] = n - n0
      goto next_doc
    end
    if not list then
      list = naskh.sentences(text)
      doc.sentences = list
    end
    local dropped = doc.dropped and #doc.dropped > 0
    local pos = 0
    for k = 1, #list do
      local sp = list[k]
      local s, e = sp.s, sp.e
      if not (dropped and is_dropped(doc, s, e)) then
        ss:add(text, s, e, dn)
        n = n + 1
        pos = pos + 1
        u_dn[n], u_s[n], u_e[n], u_k[n], u_pos[n] = dn, s, e, k, pos
        if pos == 1 then first_of[dn] = n end
      end
    end
    doc_n[dn] = pos
    ::next_doc::
  end
  local budget = budget_of(opts)
  local result = { method = opts.method, budget = budget, sentences = {}, words = 0,
                   documents = #docs, candidates = n }
  if n == 0 then return result end
  ss:prepare(idf_mode)

  -- Method scores, normalized to [0, 1], plus position and first-sentence terms.
  local base
  local method = opts.method
  if method == "lead" then
    base = {}
    for i = 1, n do base[i] = 1 / u_pos[i] - u_dn[i] * 1e-9 end
  elseif method == "centroid" then
    base = ss:centroid(opts.centroid_terms)
  else
    base = ss:rank({ method = method, threshold = opts.threshold, damping = opts.damping })
  end
  local maxb = 0
  for i = 1, n do if base[i] > maxb then maxb = base[i] end end
  if maxb <= 0 then maxb = 1 end
  local words = ss:words()
  local scores, eligible = {}, {}
  local wpos, wfirst, min_words = opts.position, opts.first, opts.min_words
  local any_complete = false
  for i = 1, n do
    local b = base[i] / maxb
    base[i] = b
    local sc = b
    if method ~= "lead" then
      local dn = u_dn[i]
      local nd = doc_n[dn]
      sc = sc + wpos * (nd - u_pos[i] + 1) / nd
      if wfirst > 0 then
        local f = first_of[dn]
        sc = sc + wfirst * (f == i and 1 or ss:cosine(i, f))
      end
    end
    scores[i] = sc
    local ok = words[i] >= min_words
    if ok and opts.complete then
      if u_c then ok = u_c[i] else ok = is_complete(docs[u_dn[i]].text, u_s[i], u_e[i]) end
      if ok then any_complete = true else ok = nil end -- nil: complete-check failed
    end
    eligible[i] = ok
  end
  if opts.complete and not any_complete then
    -- No sentence ends like one (a list of headlines, an unpunctuated text): drop the check.
    for i = 1, n do if eligible[i] == nil then eligible[i] = true end end
  end
  for i = 1, n do eligible[i] = eligible[i] and true or false end

  -- Near-duplicates: one representative per group (best score, then earliest), all sources kept.
  local rep = ss:duplicates(opts.duplicate)
  local groups = {}
  for i = 1, n do
    local r = rep[i]
    if r ~= i then
      local g = groups[r]
      if not g then g = { r }; groups[r] = g end
      g[#g + 1] = i
    end
  end
  local leader = {}
  for _, members in pairs(groups) do
    local best
    for _, i in ipairs(members) do
      if eligible[i] and (not best or scores[i] > scores[best]) then best = i end
    end
    for _, i in ipairs(members) do
      leader[i] = best
      if i ~= best then eligible[i] = false end
    end
  end

  local pick = scores
  if opts.length_penalty > 0 then
    local total = 0
    for i = 1, n do total = total + words[i] end
    local mean = math.max(total / n, 1)
    local p = opts.length_penalty
    pick = {}
    for i = 1, n do pick[i] = scores[i] / (math.max(words[i], 1) / mean) ^ p end
  end
  local sel = { words = budget.words, sentences = budget.sentences, chars = budget.chars,
                eligible = eligible }
  if opts.redundancy == "mmr" then
    sel.lambda, sel.cutoff = opts.lambda, opts.duplicate
  elseif opts.redundancy == "cutoff" then
    sel.lambda, sel.cutoff = 1, opts.max_similarity
  else
    sel.lambda, sel.cutoff = 1, 1
  end
  local chosen = ss:select(pick, sel)
  local rank_of = {}
  for r, i in ipairs(chosen) do rank_of[i] = r end
  if opts.order == "source" then
    table.sort(chosen, function(a, b)
      if u_dn[a] ~= u_dn[b] then return u_dn[a] < u_dn[b] end
      return u_pos[a] < u_pos[b]
    end)
  end
  local with_text = opts.text
  for _, i in ipairs(chosen) do
    local doc = docs[u_dn[i]]
    local item = { doc = doc.id, s = u_s[i], e = u_e[i], sentence = u_k[i], score = scores[i],
                   rank = rank_of[i], words = words[i] }
    if with_text then item.text = doc.text:sub(u_s[i], u_e[i]) end
    local sources = {}
    for _, j in ipairs(groups[rep[i]] or { i }) do
      sources[#sources + 1] = { doc = docs[u_dn[j]].id, s = u_s[j], e = u_e[j], sentence = u_k[j] }
    end
    item.sources = sources
    result.sentences[#result.sentences + 1] = item
    result.words = result.words + words[i]
  end
  if opts.scores then
    local all = {}
    for i = 1, n do
      local l = leader[i]
      all[i] = { doc = docs[u_dn[i]].id, s = u_s[i], e = u_e[i], sentence = u_k[i], score = scores[i],
                 method_score = base[i], words = words[i], selected = rank_of[i] ~= nil,
                 duplicate_of = l and l ~= i and (docs[u_dn[l]].id .. ":" .. u_k[l]) or nil }
    end
    result.scores = all
  end
  return result
end

local function run(corpus, opts, ctx)
  local docs = corpus.docs or {}
  if opts.cluster then
    local use, excluded = {}, {}
    for _, d in ipairs(docs) do
      if d.outlier and opts.outliers == "exclude" then
        excluded[#excluded + 1] = { doc = d.id, reason = d.outlier.reason }
      else
        use[#use + 1] = d
      end
    end
    local summary = summarize_docs(by_date(use), opts, ctx)
    summary.excluded = excluded
    corpus.summary = summary
  end
  if opts.per_document then
    for _, d in ipairs(docs) do
      d.summary = summarize_docs({ d }, opts, ctx)
    end
  end
end

return {
  name = "summarize",
  summary = "extractive summary of the cluster (and of each article) with sources for every sentence",
  scope = "corpus",
  needs = {}, -- fields an earlier stage must add (lint checks the order)
  adds = { "summary" },
  options = options,
  example = { method = "lexrank", words = 120, redundancy = "mmr", lambda = 0.7 },
  run = run,
  summarize_docs = summarize_docs,
  budget_of = budget_of,
}
