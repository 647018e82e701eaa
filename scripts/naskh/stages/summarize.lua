-- naskh.stages.summarize: extractive summaries of a cluster of articles
-- (corpus.summary) and, on request, of each article (doc.summary).
-- Methods: learned (the default: a linear scorer over sentence features whose
-- weights are data, configs/data/summary_weights.tsv, learned from EASC by
-- tests/eval/train_summary.lua), lead, centroid (MEAD: centroid + position +
-- first-sentence overlap, length cutoff), lexrank (continuous or thresholded),
-- textrank. Redundancy by MMR or a cosine cutoff; near-duplicate sentences
-- across articles collapse into one that lists every source. A sentence that
-- hangs on the one before it is kept only after it; a cluster summary leads
-- with its event sentence. Every summary sentence carries its article id, span
-- and kept-sentence number. See docs/summarization.md.
local textsim = require "naskh.text.textsim"

local DEFAULT_WORDS = 100 -- the budget when no words, sentences or chars are given
local SHORT_WORDS = 6 -- the learned scorer's feature `short`: fewer words than this

local options = {
  method = { type = "string", enum = { "learned", "lead", "centroid", "lexrank", "textrank" },
    default = "learned",
    doc = "how sentences are scored; learned: a linear scorer over position, LexRank and centroid "
      .. "centrality, similarity to the first sentence, length and more, weights from `weights`" },
  weights = { type = "string", file = true, default = "data/summary_weights.tsv",
    doc = "learned: the feature weights (feature<TAB>weight lines, '#' comments; "
      .. "`make summary-weights` retrains them), relative to the recipe or configs/" },
  connectives = { type = "string", file = true, default = "data/connectives_ar.txt",
    doc = "openings that hang on an earlier sentence (وأضاف، كما، لكنه …), one per line: a sentence "
      .. "opening so is not chosen unless the sentence before it is (or it names its speaker)" },
  same_event = { type = "number", min = 0, max = 1, default = 0.4,
    doc = "clusters: a chosen sentence with at least this cosine with the event sentence, or with "
      .. "one chosen before it, reports the same event and is left out" },
  statement_cues = { type = "string", file = true, default = "data/statement_cues_ar.txt",
    doc = "clusters: reporting verbs that make a sentence a statement (ordered after the event)" },
  fill = { type = "string", enum = { "auto", "cut", "none" }, default = "auto",
    doc = "with a word budget: cut = fill it (sentences in order of choice until the budget is reached, "
      .. "then the summary in its printed order is cut at the budget: the last sentence printed ends "
      .. "with …); none = whole sentences only, skipping to shorter ones; auto = cut for one article, "
      .. "none for a cluster" },
  words = { type = "integer", min = 1,
    doc = "budget in words (word tokens); when no budget is given: " .. DEFAULT_WORDS .. " words" },
  sentences = { type = "integer", min = 1, doc = "budget in sentences" },
  chars = { type = "integer", min = 1, doc = "budget in characters (code points)" },
  cluster = { type = "boolean", default = true,
    doc = "one summary of all articles together (corpus.summary)" },
  per_document = { type = "boolean", default = false,
    doc = "also summarize each article on its own (doc.summary), with the same budget" },
  redundancy = { type = "string", enum = { "auto", "mmr", "cutoff", "none" }, default = "auto",
    doc = "mmr: trade score against similarity to chosen sentences (lambda); "
      .. "cutoff: skip a sentence too similar to a chosen one (max_similarity); "
      .. "auto = mmr for a cluster, none for one article with the learned method" },
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
    doc = "length cutoff: shorter sentences (captions, headings) are never chosen (see cutoffs)" },
  complete = { type = "boolean", default = true,
    doc = "choose only sentences that end with . ! ? ؟ … (headlines and captions do not), "
      .. "unless no sentence does (see cutoffs)" },
  cutoffs = { type = "string", enum = { "auto", "always", "never" }, default = "auto",
    doc = "whether min_words and complete apply: auto = always, except for one article with the "
      .. "learned method, whose scorer weighs length and ending itself (features short, complete)" },
  order = { type = "string", enum = { "source", "score" }, default = "source",
    doc = "source: by article date (meta.date, else input order) and position (a cluster: the event "
      .. "sentence first, then statements, then the rest); score: best first" },
  scores = { type = "boolean", default = false,
    doc = "keep every sentence's scores (summary.scores), like MEAD's scores mode" },
  idf = { type = "string", file = { except = { "cluster" } }, default = "cluster",
    doc = "'cluster' (document frequency over the cluster's sentences) or an IDF file from `naskh idf build`" },
  stopwords = { type = "string", file = true, default = textsim.DEFAULT_STOPWORDS,
    doc = "stopword list (one word per line), relative to the recipe or configs/; '' for none" },
  outliers = { type = "string", enum = { "exclude", "include" }, default = "exclude",
    doc = "articles flagged by the outliers stage are left out of the cluster summary unless 'include'" },
  text = { type = "boolean", default = true, doc = "copy each summary sentence's text into the result" },
}


-- The learned scorer's features, in the order of the weights file. Each is a
-- number per sentence; summarize.features_of computes them (training reads the
-- same function, tests/eval/train_summary.lua).
local FEATURES = { "bias", "lexrank", "centroid", "position", "inverse_position", "first",
  "sim_first", "length", "short", "complete", "number", "quote", "connective", "in_budget",
  "budget_share" }

-- Read a weights file (feature<TAB>weight, '#' comments); unknown features are an
-- error naming the file and line.
local weight_cache = {}
local function read_weights(path)
  if weight_cache[path] then return weight_cache[path] end
  local fh, err = io.open(path, "rb")
  if not fh then error("summarize: cannot open weights file " .. tostring(err), 0) end
  local known = {}
  for _, f in ipairs(FEATURES) do known[f] = true end
  local w, ln = {}, 0
  for line in fh:lines() do
    ln = ln + 1
    line = line:gsub("#.*$", "")
    if line:find("%S") then
      local name, val = line:match("^%s*(%S+)%s+(%S+)%s*$")
      if not name or not tonumber(val) then
        fh:close()
        error(string.format("summarize: %s:%d: expected 'feature<TAB>weight'", path, ln), 0)
      end
      if not known[name] then
        fh:close()
        error(string.format("summarize: %s:%d: unknown feature '%s' (known: %s)", path, ln, name,
          table.concat(FEATURES, ", ")), 0)
      end
      w[name] = tonumber(val)
    end
  end
  fh:close()
  weight_cache[path] = w
  return w
end

-- The budget limits of opts ({words=, sentences=, chars=}, 0 = none).
local function budget_of(opts)
  local b = { words = opts.words or 0, sentences = opts.sentences or 0, chars = opts.chars or 0 }
  if b.words == 0 and b.sentences == 0 and b.chars == 0 then b.words = DEFAULT_WORDS end
  return b
end

local function by_date(docs)
  local order = {}
  for i, d in ipairs(docs) do
    local date = type(d.meta) == "table" and type(d.meta.date) == "string" and d.meta.date or ""
    order[i] = { doc = d, i = i, date = date }
  end
  table.sort(order, function(a, b)
    local da, db = a.date, b.date
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


local M = {}

local CONNECTIVES -- the connective openings (configs/data/connectives_ar.txt), read once

-- The connective openings, from a data file (one per line, '#' comments): a
-- sentence that opens with one hangs on an earlier sentence (وأضاف، كما، لكنه …).
local conn_cache = {}
function M.connectives(path)
  if conn_cache[path] then return conn_cache[path] end
  local fh, err = io.open(path, "rb")
  if not fh then error("summarize: cannot open connectives file " .. tostring(err), 0) end
  local list = {}
  for line in fh:lines() do
    line = line:gsub("#.*$", ""):match("^%s*(.-)%s*$")
    if line ~= "" then list[#list + 1] = line end
  end
  fh:close()
  conn_cache[path] = list
  return list
end

-- Does sentence text open with one of the connectives (as a whole word or
-- phrase)? Leading white space, quotes, brackets and dashes are skipped. The
-- list is indexed once by first word (a phrase by its first word too).
local conn_index = setmetatable({}, { __mode = "k" })
function M.hangs(text, conn)
  local idx = conn_index[conn]
  if not idx then
    idx = {}
    for _, c in ipairs(conn) do
      local first = c:match("^%S+")
      if first then
        idx[first] = idx[first] or {}
        table.insert(idx[first], c)
      end
    end
    conn_index[conn] = idx
  end
  local t = text:gsub("^[%s%-%(%[\"']+", ""):gsub("^\194[\171\187]%s*", "")
  -- the first word: up to white space or . , : ، ؛
  local w = t:match("^(.-)[%s,.:]") or t
  local cut = w:find("\216[\140\155]")
  if cut then w = w:sub(1, cut - 1) end
  local cands = idx[w]
  if not cands then return false end
  for _, c in ipairs(cands) do
    if t:sub(1, #c) == c then
      local nx = t:sub(#c + 1, #c + 1)
      local nx2 = t:sub(#c + 1, #c + 2)
      if nx == "" or nx:find("[%s,.:]") or nx2 == "\216\140" or nx2 == "\216\155" then return true end
    end
  end
  return false
end

-- Which sentences hang on the one before them: they open with a connective
-- (conn), or they start inside a quotation opened in an earlier sentence of
-- the same article (« » by direction; " and “ ” by parity, since Arabic sites
-- set them either way). Returns hang[i] = true.
function M.hanging(docs, n, u_dn, u_s, u_e, conn, open)
  local hang, depth, parity, last = {}, 0, 0, nil
  local marks, mk -- the quotation marks of the article: {position, kind}
  for i = 1, n do
    local dn = u_dn[i]
    local text = docs[dn].text
    if dn ~= last then
      depth, parity, last, mk = 0, 0, dn, 1
      marks = {}
      -- plain searches (fast) for " “ ” (kind 0, by parity), « (1) and » (2)
      for _, m in ipairs({ { '"', 0 }, { "\226\128\156", 0 }, { "\226\128\157", 0 },
                           { "\194\171", 1 }, { "\194\187", 2 } }) do
        local p = text:find(m[1], 1, true)
        while p do
          marks[#marks + 1] = { p, m[2] }
          p = text:find(m[1], p + 1, true)
        end
      end
      table.sort(marks, function(a, b) return a[1] < b[1] end)
    end
    local s, e = u_s[i], u_e[i]
    while marks[mk] and marks[mk][1] < s do mk = mk + 1 end -- marks between sentences (dropped text)
    local opens = open and open[i]
    if opens == nil then opens = M.hangs(text:sub(s, math.min(e, s + 80)), conn) end
    hang[i] = (depth > 0 or parity % 2 == 1) or opens
    while marks[mk] and marks[mk][1] <= e do
      local k = marks[mk][2]
      if k == 0 then parity = parity + 1
      elseif k == 1 then depth = depth + 1
      else depth = math.max(0, depth - 1) end
      mk = mk + 1
    end
  end
  return hang
end

-- The event of a cluster: among each article's first four kept sentences that
-- can be chosen and hang on nothing, the one most like the other articles (the
-- sum over them of its best cosine with their first six sentences); ties go
-- to the better score. nil when no sentence has support in another article.
function M.event_sentence(ss, n, u_dn, u_pos, eligible, hang, scores)
  local best, best_v
  local cand, early = {}, {} -- the candidates; each article's first six sentences
  for i = 1, n do
    local p = u_pos[i]
    early[i] = p <= 6
    cand[i] = p <= 4 and eligible[i] and not hang[i] or false
  end
  local support = ss:support(cand, early) -- in C, from the graph's cosines
  for i = 1, n do
    if cand[i] and support[i] > 0 then
      local v = support[i] + 0.01 * scores[i]
      if not best or v > best_v then best, best_v = i, v end
    end
  end
  return best
end

-- Background from another year: in a cluster, a sentence whose years (19xx,
-- 20xx) are all earlier than the latest year of the cluster (its articles'
-- meta.date, or the years of each article's first six sentences, where the
-- dateline and the lead are) reports an earlier event. Returns past(i).
function M.past_checker(docs, n, u_dn, u_s, u_e, u_pos)
  local latest = 0
  local years_in = naskh._years -- "%f[%d]([12][09]%d%d)%f[%D]" in the sentence, in C
  local function years(i)
    return years_in(docs[u_dn[i]].text, u_s[i], u_e[i])
  end
  for _, d in ipairs(docs) do
    local y = type(d.meta) == "table" and type(d.meta.date) == "string" and tonumber(d.meta.date:match("^(%d%d%d%d)"))
    if y and y > latest then latest = y end
  end
  for i = 1, n do
    if u_pos[i] <= 6 then
      for _, y in ipairs(years(i)) do if y > latest then latest = y end end
    end
  end
  return function(i)
    local ys = years(i)
    if #ys == 0 then return false end
    for _, y in ipairs(ys) do if y >= latest then return false end end
    return true
  end
end

-- past_checker with the sentences' years read in C (ss:past), one pass per
-- cluster; tests/lua/test_summary_features.lua compares the two.
function M.past_list(ss, docs, u_dn, u_s, u_e, u_pos)
  local latest = 0
  for _, d in ipairs(docs) do
    local y = type(d.meta) == "table" and type(d.meta.date) == "string" and tonumber(d.meta.date:match("^(%d%d%d%d)"))
    if y and y > latest then latest = y end
  end
  local list = ss:past(docs, u_dn, u_s, u_e, u_pos, latest)
  return function(i) return list[i] end
end

-- Words that mark a statement (reported speech), from a data file: one per line.
local cue_cache = {}
function M.cues(path)
  if not cue_cache[path] then cue_cache[path] = M.connectives(path) end
  return cue_cache[path]
end

-- Is the sentence a statement: a quotation, or a reporting cue as a word of it?
function M.is_statement(text, cues)
  if text:find("\194\171", 1, true) or text:find('"', 1, true) or text:find("\226\128\156", 1, true) then
    return true
  end
  for _, c in ipairs(cues) do
    local p = text:find(c, 1, true)
    while p do
      local before = p == 1 and " " or text:sub(p - 1, p - 1)
      local after = text:sub(p + #c, p + #c)
      if (before == " " or before == "\136") and (after == "" or after:find("[%s,.:]")
        or after == "\216" or after == "\217") then
        return true
      end
      p = text:find(c, p + 1, true)
    end
  end
  return false
end

--[[
Features of the n sentences of a summarization (see FEATURES): a list of
arrays, one per sentence. lexrank and centroid are scaled to [0, 1] over the
set; position = (n_doc - pos + 1) / n_doc; inverse_position = 1 / pos; first =
1 for an article's first sentence; sim_first = cosine with it; length =
min(words, 40) / 40; short = fewer than 6 words (SHORT_WORDS, whatever
min_words is); complete = ends with a terminator; number = has a digit; quote = has a quotation mark; connective =
opens with a connective that hangs on an earlier sentence; in_budget = 1 when
the article's words before the sentence are fewer than the word budget (the
part a reader of the first W words sees); budget_share = max(0, 1 - words
before / budget).
]]
function M.features_of(ss, docs, n, u_dn, u_s, u_e, u_pos, doc_n, first_of, words, opts, conn, need, wv, memo)
  need = need or setmetatable({}, { __index = function() return true end }) -- nil: all
  local lr = need.lexrank and ss:rank({ method = "lexrank", threshold = 0, damping = opts.damping or 0.85 })
  local ce = need.centroid and ss:centroid(0)
  local mlr, mce = 0, 0
  for i = 1, n do
    if lr and lr[i] > mlr then mlr = lr[i] end
    if ce and ce[i] > mce then mce = ce[i] end
  end
  if mlr <= 0 then mlr = 1 end
  if mce <= 0 then mce = 1 end
  local min_words = SHORT_WORDS -- fixed: the weights were learned with it
  local W = (opts.words and opts.words > 0) and opts.words or DEFAULT_WORDS
  local n_sf, n_co, n_nu, n_qu, n_cn = need.sim_first, need.complete, need.number, need.quote, need.connective
  local cosine = ss.cosine
  local out, before, last_dn = {}, 0, nil
  for i = 1, n do
    if u_dn[i] ~= last_dn then before, last_dn = 0, u_dn[i] end
    local dn = u_dn[i]
    local text = docs[dn].text
    local s, e = u_s[i], u_e[i]
    local pos, nd = u_pos[i], doc_n[dn]
    local f = first_of[dn]
    local w = words[i]
    local sent = (n_nu or n_qu) and text:sub(s, e)
    local f2, f3 = lr and lr[i] / mlr or 0, ce and ce[i] / mce or 0
    local f4, f5, f6 = (nd - pos + 1) / nd, 1 / pos, pos == 1 and 1 or 0
    local f7 = n_sf and ((f == i) and 1 or (f and cosine(ss, i, f) or 0)) or 0
    local f8, f9 = math.min(w, 40) / 40, w < min_words and 1 or 0
    local comp = n_co and is_complete(text, s, e)
    local f10 = comp and 1 or 0
    local f11 = n_nu and (sent:find("%d") or sent:find("\217[\160-\169]")) and 1 or 0
    local f12 = n_qu and (sent:find('"', 1, true) or sent:find("\194[\171\187]")
      or sent:find("\226\128[\156\157]")) and 1 or 0
    -- the opening (as M.hanging reads it: connectives are short)
    local open = n_cn and M.hangs(text:sub(s, math.min(e, s + 80)), conn)
    local f13 = open and 1 or 0
    if memo then memo.complete[i], memo.open[i] = comp, open end
    local f14, f15 = before < W and 1 or 0, math.max(0, 1 - before / W)
    if wv then -- the score itself (the same sum, in feature order, as over a row)
      out[i] = 0 + wv[1] + wv[2] * f2 + wv[3] * f3 + wv[4] * f4 + wv[5] * f5 + wv[6] * f6
        + wv[7] * f7 + wv[8] * f8 + wv[9] * f9 + wv[10] * f10 + wv[11] * f11 + wv[12] * f12
        + wv[13] * f13 + wv[14] * f14 + wv[15] * f15
    else
      out[i] = { 1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15 }
    end
    before = before + w
  end
  return out
end

-- The learned scorer's sums (wv: the weights in FEATURES order), computed in C
-- by ss:learned_scores: the same features, term for term, as features_of with
-- wv, without Lua work per sentence (tests/lua/test_summary_features.lua checks
-- that the two agree). Fills memo.complete and memo.open like features_of.
function M.learned_scores(ss, docs, n, u_dn, u_s, u_e, u_pos, doc_n, first_of, opts, conn, need, wv, memo)
  local copts = {
    weights = wv, connectives = conn,
    budget = (opts.words and opts.words > 0) and opts.words or DEFAULT_WORDS,
    lexrank = need.lexrank and ss:rank({ method = "lexrank", threshold = 0, damping = opts.damping or 0.85 }),
    centroid = need.centroid and ss:centroid(0) or nil,
    sim_first = need.sim_first, complete = need.complete, number = need.number, quote = need.quote,
    connective = need.connective, endings = memo ~= nil, -- the eligibility check reads the endings
  }
  if not copts.lexrank then copts.lexrank = nil end
  local scores, complete, open = ss:learned_scores(docs, u_dn, u_s, u_e, u_pos, doc_n, first_of, copts)
  if memo then
    if complete then memo.complete = complete end
    if open then memo.open = open end
  end
  return scores
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
  local n = 0
  local whole -- the offering set, while every sentence is its sentence of the same number
  -- The lean path, when the caller keeps no document (summarize --clusters)
  -- and no document was split: no table per sentence and no doc.sentences. An
  -- article whose vectors the outliers stage offers is taken from them (its
  -- kept spans); any other is split and added in C (ss:add_split), leaving
  -- out what clean dropped.
  local lean = ctx.lean
  if lean then
    for _, doc in ipairs(docs) do
      if doc.sentences then lean = false; break end
    end
  end
  local all_split = lean -- every article through add_split: u_c is complete
  if lean then u_c = {} end
  for dn, doc in ipairs(docs) do
    local text = doc.text
    local list = doc.sentences
    local dropped = doc.dropped and #doc.dropped > 0 and doc.dropped or nil
    -- the vectors the outliers stage built for these sentences, when it offered them
    local src, first, sp2 = textsim.offered(doc, vocab)
    if lean then
      if not src then
        local n0 = n
        n = ss:add_split(text, dn, u_dn, u_s, u_e, u_pos, u_c, n, dropped)
        if n > n0 then first_of[dn] = n0 + 1 end
        doc_n[dn] = n - n0
        whole = false
        goto next_doc
      end
      list, dropped, all_split = sp2, nil, false -- the offered spans are the kept sentences
    end
    if not list then
      list = naskh.sentences(text)
      doc.sentences = list
    end
    -- In C (ss:add_doc): each sentence that overlaps no dropped span is added, from
    -- src when it offers it, and whether the set is still, sentence for sentence, the
    -- offering one (same numbers, same documents) is tracked: 0 not known, 1 src, 2 no,
    -- 3 another set.
    do
      local ws = whole == nil and 0 or whole == false and 2 or (src and whole == src) and 1 or 3
      local n0, pos = n, nil
      n, pos, ws = ss:add_doc(text, list, dn, dropped, src, first, sp2, u_dn, u_s, u_e, u_k, u_pos, n, ws)
      if ws == 0 then whole = nil elseif ws == 1 then whole = src elseif ws == 2 then whole = false end
      if pos > 0 then first_of[dn] = n0 + 1 end
      doc_n[dn] = pos
    end
    ::next_doc::
  end
  if not all_split then u_c = nil end -- the endings come from the scorer (memo) instead
  local budget = budget_of(opts)
  local result = { method = opts.method, budget = budget, sentences = {}, words = 0,
                   documents = #docs, candidates = n }
  if n == 0 then return result end
  -- exactly the set outliers built and prepared: take it (prepare is then a no-op)
  if whole and idf_mode == "set" and whole:size() == n then ss = whole end
  ss:prepare(idf_mode)

  -- Method scores, normalized to [0, 1], plus position and first-sentence terms.
  local base
  local method = opts.method
  local words = ss:words()
  local feats
  -- what the features found and the later steps need again: a sentence's ending, its opening
  local memo = { complete = {}, open = {} }
  if method == "learned" then
    local w = ctx.weights or read_weights(ctx:resolve(opts.weights)) -- ctx.weights: training
    -- only the features with a weight are computed (all of them when training collects)
    local used = {}
    for k, name in ipairs(FEATURES) do if ctx.collect or (w[name] or 0) ~= 0 then used[#used + 1] = k end end
    local need = {}
    for _, k in ipairs(used) do need[FEATURES[k]] = true end
    local conn = M.connectives(ctx:resolve(opts.connectives))
    if ctx.collect then -- training: every feature of every sentence
      feats = M.features_of(ss, docs, n, u_dn, u_s, u_e, u_pos, doc_n, first_of, words, opts, conn, need)
      base = {}
      for i = 1, n do
        local f, sc = feats[i], 0
        for _, k in ipairs(used) do sc = sc + (w[FEATURES[k]] or 0) * f[k] end
        base[i] = sc
      end
      ctx.collect(feats, u_dn, u_s, u_e)
    else -- the scores directly, without a table per sentence
      local wv = {}
      for k, name in ipairs(FEATURES) do wv[k] = w[name] or 0 end
      base = M.learned_scores(ss, docs, n, u_dn, u_s, u_e, u_pos, doc_n, first_of, opts, conn, need, wv, memo)
    end
  elseif method == "lead" then
    base = {}
    for i = 1, n do base[i] = 1 / u_pos[i] - u_dn[i] * 1e-9 end
  elseif method == "centroid" then
    base = ss:centroid(opts.centroid_terms)
  else
    base = ss:rank({ method = method, threshold = opts.threshold, damping = opts.damping })
  end
  if method == "learned" then -- scaled to [0, 1] like the other methods' scores
    local lo, hi = math.huge, -math.huge
    for i = 1, n do
      if base[i] < lo then lo = base[i] end
      if base[i] > hi then hi = base[i] end
    end
    if hi > lo then
      local span = hi - lo
      for i = 1, n do base[i] = (base[i] - lo) / span end
    else
      for i = 1, n do base[i] = 1 end
    end
  end
  local maxb = 0
  for i = 1, n do if base[i] > maxb then maxb = base[i] end end
  if maxb <= 0 then maxb = 1 end
  local scores, eligible = {}, {}
  local wpos, wfirst, min_words = opts.position, opts.first, opts.min_words
  -- One article with the learned method: the scorer weighs length and ending (its
  -- features short and complete), and no hard cutoff is added (cutoffs: auto).
  local single_learned = #docs == 1 and method == "learned"
  local cutoffs = opts.cutoffs or "auto"
  if cutoffs == "auto" then cutoffs = single_learned and "never" or "always" end
  local want_complete = opts.complete and cutoffs == "always"
  if cutoffs == "never" then min_words = 0 end
  local any_complete = false
  -- The length cutoff drops captions and datelines; when it would drop every
  -- sentence (a one-sentence input, a list of short lines) it is not applied.
  local any_long = false
  for i = 1, n do if words[i] >= min_words then any_long = true; break end end
  if not any_long then min_words = 0 end
  local position_terms = method ~= "lead" and method ~= "learned"
  local endings = u_c or memo.complete
  local failed = 0 -- sentences left out by the complete-check alone (eligible[i] = nil)
  for i = 1, n do
    local b = base[i] / maxb
    base[i] = b
    local sc = b
    if position_terms then
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
    if ok and want_complete then
      ok = endings[i]
      if ok == nil then ok = is_complete(docs[u_dn[i]].text, u_s[i], u_e[i]) end
      if ok then any_complete = true else ok = nil; failed = failed + 1 end -- nil: complete-check failed
    end
    eligible[i] = ok
  end
  if failed > 0 then
    -- No sentence ends like one (a list of headlines, an unpunctuated text): drop the check.
    local fill = want_complete and not any_complete
    for i = 1, n do if eligible[i] == nil then eligible[i] = fill end end
  end

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
  local redundancy = opts.redundancy
  if redundancy == "auto" then redundancy = single_learned and "none" or "mmr" end
  if redundancy == "mmr" then
    sel.lambda, sel.cutoff = opts.lambda, opts.duplicate
  elseif redundancy == "cutoff" then
    sel.lambda, sel.cutoff = 1, opts.max_similarity
  else
    sel.lambda, sel.cutoff = 1, 1
  end
  local fill = opts.fill
  if fill == "auto" then fill = #docs == 1 and "cut" or "none" end
  local fill_cut = fill == "cut" and budget.words > 0 and budget.sentences == 0 and budget.chars == 0
  -- Words as a reader and ROUGE scripts count them: white-space separated, and two
  -- sentences the source glues ("X.Y") are printed glued, as one word (M.glued).
  local nws = {}
  local function ws_words(i)
    local nw = nws[i]
    if not nw then
      nw = 0
      for _ in docs[u_dn[i]].text:sub(u_s[i], u_e[i]):gmatch("%S+") do nw = nw + 1 end
      nws[i] = nw
    end
    return nw
  end
  local function glued(p, i) return u_dn[p] == u_dn[i] and u_s[i] == u_e[p] + 1 end
  local function select_once()
    if fill_cut then
      -- Fill a word budget: the sentences in selection order while the summary, in
      -- source order, is shorter than the budget; the last one may overflow it, and
      -- the summary in its printed order is cut at the budget below (the cut sentence
      -- is then the last one printed), rather than skipping to a shorter, less
      -- important sentence.
      sel.words = 0
      local order = ss:select(pick, sel)
      local chosen, in_set, used = {}, {}, 0
      for _, i in ipairs(order) do
        if used >= budget.words then break end
        local nw = ws_words(i)
        if i > 1 and in_set[i - 1] and glued(i - 1, i) then nw = nw - 1 end
        if in_set[i + 1] and glued(i, i + 1) then nw = nw - 1 end
        chosen[#chosen + 1] = i
        in_set[i] = true
        used = used + nw
      end
      -- exactly full: a sentence glued to the last one still gives its first word
      local last = 0
      for _, i in ipairs(chosen) do if i > last then last = i end end
      if used == budget.words and last > 0 and last < n and eligible[last + 1] and glued(last, last + 1) then
        chosen[#chosen + 1] = last + 1
      end
      return chosen
    end
    return ss:select(pick, sel)
  end

  -- Readable extracts: a sentence that hangs on the one before it (a connective
  -- opening, or a sentence inside a quotation opened earlier) is kept only right
  -- after that sentence; otherwise it is left out and the choice made again.
  -- (ss:hanging: M.hanging in C, tests/lua/test_summary_features.lua compares them)
  local hang = ss:hanging(docs, u_dn, u_s, u_e, M.connectives(ctx:resolve(opts.connectives)))
  local cluster_mode = #docs > 1
  local event
  local past = cluster_mode and M.past_list(ss, docs, u_dn, u_s, u_e, u_pos)
  if cluster_mode then
    for i = 1, n do -- event candidates about an earlier year are not candidates
      if u_pos[i] <= 4 and eligible[i] and past(i) then eligible[i] = false end
    end
    event = M.event_sentence(ss, n, u_dn, u_pos, eligible, hang, scores)
    if event then -- it must fit the budget on its own
      local t = docs[u_dn[event]].text:sub(u_s[event], u_e[event])
      local nc = utf8.len(t) or #t
      if (budget.words > 0 and words[event] > budget.words) or (budget.chars > 0 and nc > budget.chars) then
        event = nil
      end
    end
    if event then eligible[event] = true end
  end
  local chosen
  -- Each round makes at least one more sentence ineligible. A filled budget goes on until
  -- nothing hangs (n + 1 rounds always end; 8 left it short when the sentences that
  -- overflowed it hung one after another); whole-sentence selection keeps its 8 rounds.
  for _ = 1, fill_cut and n + 1 or 8 do
    chosen = select_once()
    local set, bad = {}, false
    for _, i in ipairs(chosen) do set[i] = true end
    for _, i in ipairs(chosen) do
      if (hang[i] and not (i > 1 and u_dn[i - 1] == u_dn[i] and set[i - 1])) or (past and past(i)) then
        eligible[i] = false
        bad = true
      end
    end
    if not bad then break end
  end
  do -- anything still hanging after the last round is dropped
    local set, keep = {}, {}
    for _, i in ipairs(chosen) do set[i] = true end
    for _, i in ipairs(chosen) do
      if (not hang[i] or (i > 1 and u_dn[i - 1] == u_dn[i] and set[i - 1])) and not (past and past(i)) then
        keep[#keep + 1] = i
      end
    end
    chosen = keep
  end
  -- A cluster summary leads with the event (the sentence the articles share most):
  -- it goes first, what reports the same event again goes, and the rest must fit.
  if cluster_mode then
    -- two sentences about the same event (cosine >= same_event): the one chosen first stays
    local keep = {}
    if event then keep[1] = event end
    for _, i in ipairs(chosen) do
      local ok = i ~= event
      for _, j in ipairs(keep) do
        if ok and ss:cosine(i, j) >= opts.same_event then ok = false end
      end
      if ok then keep[#keep + 1] = i end
    end
    -- then what fits every limit of the budget, the event first (it fits on its own)
    chosen = {}
    local uw, uc = 0, 0
    for _, i in ipairs(keep) do
      local t = docs[u_dn[i]].text:sub(u_s[i], u_e[i])
      local nc = utf8.len(t) or #t
      if (budget.words == 0 or uw + words[i] <= budget.words)
        and (budget.chars == 0 or uc + nc <= budget.chars)
        and (budget.sentences == 0 or #chosen < budget.sentences) then
        chosen[#chosen + 1] = i
        uw, uc = uw + words[i], uc + nc
      end
    end
  end
  local rank_of = {}
  for r, i in ipairs(chosen) do rank_of[i] = r end
  if opts.order == "source" then
    -- clusters: the event, then statements (quotes, reported speech), then the rest
    local class = {}
    for _, i in ipairs(chosen) do
      class[i] = (i == event) and 0 or (cluster_mode and M.is_statement(docs[u_dn[i]].text:sub(u_s[i], u_e[i]),
        M.cues(ctx:resolve(opts.statement_cues))) and 1) or 2
    end
    table.sort(chosen, function(a, b)
      if class[a] ~= class[b] then return class[a] < class[b] end
      if u_dn[a] ~= u_dn[b] then return u_dn[a] < u_dn[b] end
      return u_pos[a] < u_pos[b]
    end)
  end
  local with_text = opts.text
  local used = 0
  for r, i in ipairs(chosen) do
    local glue = r > 1 and glued(chosen[r - 1], i)
    -- past the cut (a sentence glued to the last one still gives its first word, as in the source)
    if fill_cut and (used > budget.words or (used == budget.words and not glue)) then break end
    local doc = docs[u_dn[i]]
    local item = { doc = doc.id, s = u_s[i], e = u_e[i], sentence = u_pos[i], score = scores[i],
                   rank = rank_of[i], words = words[i] }
    if glue then item.glued = true end -- printed right after the one before, as in the source
    if fill_cut then
      local nw = ws_words(i) - (glue and 1 or 0)
      if used + nw > budget.words then -- cut at the budget: its first words, then " …"
        local k, e, p = budget.words - used + (glue and 1 or 0), u_s[i] - 1, u_s[i]
        local kept = 0
        for we in doc.text:sub(u_s[i], u_e[i]):gmatch("%S+()") do
          if kept >= k then break end
          kept = kept + 1
          e = p + we - 2
        end
        item.e, item.words, item.cut = e, kept, true
        nw = budget.words - used
      end
      used = used + nw
    end
    if with_text then item.text = doc.text:sub(item.s, item.e) end -- writers add " …" to a cut one
    local sources = {}
    for _, j in ipairs(groups[rep[i]] or { i }) do
      sources[#sources + 1] = { doc = docs[u_dn[j]].id, s = u_s[j], e = u_e[j], sentence = u_pos[j] }
    end
    item.sources = sources
    result.sentences[#result.sentences + 1] = item
    result.words = result.words + item.words
  end
  for r = #result.sentences + 1, #chosen do rank_of[chosen[r]] = nil end -- past the cut: not selected
  if opts.scores then
    local all = {}
    for i = 1, n do
      local l = leader[i]
      all[i] = { doc = docs[u_dn[i]].id, s = u_s[i], e = u_e[i], sentence = u_pos[i], score = scores[i],
                 method_score = base[i], words = words[i], selected = rank_of[i] ~= nil,
                 duplicate_of = l and l ~= i and (docs[u_dn[l]].id .. ":" .. u_pos[l]) or nil }
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

local stage = {
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
  FEATURES = FEATURES,
}
for k, v in pairs(stage) do M[k] = v end
return M
