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
  position = { type = "number", min = 0, default = 0.5,
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

-- Ends with a sentence terminator, possibly followed by closing quotes or brackets?
local function is_complete(text, s, e)
  local tail = text:sub(math.max(s, e - 11), e)
  tail = tail:gsub("[%s\"'%)%]]+$", "")
  for _, q in ipairs({ "\xC2\xBB", "\xE2\x80\x9D", "\xE2\x80\x9C" }) do -- » ” “
    while tail:sub(-#q) == q do tail = tail:sub(1, -#q - 1):gsub("[%s\"'%)%]]+$", "") end
  end
  return tail:find("[%.!?]$") ~= nil or tail:sub(-2) == "\xD8\x9F" or tail:sub(-3) == "\xE2\x80\xA6"
end

local function normalized(x)
  local m = 0
  for _, v in ipairs(x) do if v > m then m = v end end
  local out = {}
  for i, v in ipairs(x) do out[i] = m > 0 and v / m or 0 end
  return out
end

--[[
Summarize a list of documents (already in source order). Returns the summary
table: { method=, budget=, words=, sentences={...}, documents=, candidates=,
scores=? }. ctx supplies the vocabulary cache and resolve().
]]
local function summarize_docs(docs, opts, ctx)
  local vocab, idf_mode = textsim.vocab(ctx, opts)
  local ss = vocab:simset()
  local units = {} -- per sentence: {doc=, s=, e=, k=, pos=, n=}
  local first_of = {}
  for dn, doc in ipairs(docs) do
    local kept = textsim.kept_sentences(doc)
    for pos, sp in ipairs(kept) do
      local i = textsim.add(ss, doc.text, sp.s, sp.e, dn)
      units[i] = { doc = doc, s = sp.s, e = sp.e, k = sp.k, pos = pos, n = #kept, dn = dn }
      if pos == 1 then first_of[dn] = i end
    end
  end
  local n = #units
  local budget = budget_of(opts)
  local result = { method = opts.method, budget = budget, sentences = {}, words = 0,
                   documents = #docs, candidates = n }
  if n == 0 then return result end
  ss:prepare(idf_mode)

  -- Method scores, normalized to [0, 1], plus position and first-sentence terms.
  local base
  if opts.method == "lead" then
    base = {}
    for i, u in ipairs(units) do base[i] = 1 / u.pos - u.dn * 1e-9 end
  elseif opts.method == "centroid" then
    base = ss:centroid(opts.centroid_terms)
  else
    base = ss:rank({ method = opts.method, threshold = opts.threshold, damping = opts.damping })
  end
  base = normalized(base)
  local scores, words = {}, {}
  local eligible = {}
  for i, u in ipairs(units) do
    local sc = base[i]
    if opts.method ~= "lead" then
      sc = sc + opts.position * (u.n - u.pos + 1) / u.n
      if opts.first > 0 and first_of[u.dn] and first_of[u.dn] ~= i then
        sc = sc + opts.first * ss:cosine(i, first_of[u.dn])
      elseif opts.first > 0 then
        sc = sc + opts.first
      end
    end
    scores[i] = sc
    words[i] = ss:info(i)
    eligible[i] = words[i] >= opts.min_words
  end
  if opts.complete then
    local any = false
    local complete = {}
    for i, u in ipairs(units) do
      complete[i] = eligible[i] and is_complete(u.doc.text, u.s, u.e)
      any = any or complete[i]
    end
    if any then eligible = complete end
  end

  -- Near-duplicates: one representative per group (best score, then earliest), all sources kept.
  local rep = ss:duplicates(opts.duplicate)
  local groups = {}
  for i = 1, n do
    local r = rep[i]
    groups[r] = groups[r] or {}
    table.insert(groups[r], i)
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
    pick = {}
    for i = 1, n do pick[i] = scores[i] / (math.max(words[i], 1) / mean) ^ opts.length_penalty end
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
      if units[a].dn ~= units[b].dn then return units[a].dn < units[b].dn end
      return units[a].pos < units[b].pos
    end)
  end
  for _, i in ipairs(chosen) do
    local u = units[i]
    local item = { doc = u.doc.id, s = u.s, e = u.e, sentence = u.k, score = scores[i],
                   rank = rank_of[i], words = words[i] }
    if opts.text then item.text = u.doc.text:sub(u.s, u.e) end
    local sources = {}
    for _, j in ipairs(groups[rep[i]]) do
      local v = units[j]
      sources[#sources + 1] = { doc = v.doc.id, s = v.s, e = v.e, sentence = v.k }
    end
    item.sources = sources
    result.sentences[#result.sentences + 1] = item
    result.words = result.words + words[i]
  end
  if opts.scores then
    local all = {}
    for i, u in ipairs(units) do
      all[i] = { doc = u.doc.id, s = u.s, e = u.e, sentence = u.k, score = scores[i],
                 method_score = base[i], words = words[i], selected = rank_of[i] ~= nil,
                 duplicate_of = leader[i] and leader[i] ~= i and units[leader[i]].doc.id .. ":" ..
                   units[leader[i]].k or nil }
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

-- Markdown: the cluster summary with citations, then a table of the articles.
local function cite(item)
  local parts = {}
  for _, src in ipairs(item.sources) do parts[#parts + 1] = src.doc .. ", s" .. src.sentence end
  return "[" .. table.concat(parts, "; ") .. "]"
end

local function one_line(s)
  return (s:gsub("%s+", " "):gsub("^ ", ""):gsub(" $", ""))
end

local function markdown_summary(summary, heading)
  local md = require "naskh.io.markdown"
  local lines = {}
  local b = summary.budget
  local unit = b.words > 0 and (b.words .. " words") or b.sentences > 0 and (b.sentences .. " sentences")
    or (b.chars .. " characters")
  lines[#lines + 1] = string.format("%s (%s, budget %s: %d sentences, %d words)", heading,
    summary.method, unit, #summary.sentences, summary.words)
  lines[#lines + 1] = ""
  for i, item in ipairs(summary.sentences) do
    local text = item.text or ""
    lines[#lines + 1] = string.format("%d. %s %s", i, md.escape(one_line(text)), md.escape(cite(item)))
  end
  if #summary.sentences == 0 then lines[#lines + 1] = "(no sentence fits the budget)" end
  return table.concat(lines, "\n")
end

local function markdown(target, opts)
  if target.docs == nil then
    -- a document: its own summary (per_document)
    if not target.summary then return nil end
    return markdown_summary(target.summary, "**Summary**")
  end
  local out = {}
  local summary = target.summary
  if summary then
    out[#out + 1] = markdown_summary(summary, "## Summary")
    local rows = { "", "| article | date | sentences | in summary | note |", "|---|---|---|---|---|" }
    local used = {}
    for _, item in ipairs(summary.sentences) do
      for _, src in ipairs(item.sources) do used[src.doc] = (used[src.doc] or 0) + 1 end
    end
    local md = require "naskh.io.markdown"
    for _, d in ipairs(target.all or target.docs) do
      local note = ""
      if d.failed then note = "failed"
      elseif d.outlier then
        note = (opts.outliers == "exclude" and "left out: " or "outlier: ") .. d.outlier.reason
      end
      local date = type(d.meta) == "table" and type(d.meta.date) == "string" and d.meta.date or ""
      rows[#rows + 1] = string.format("| %s | %s | %d | %d | %s |", md.escape(d.id), md.escape(date),
        d.sentences and #d.sentences or 0, used[d.id] or 0, md.escape(note))
    end
    out[#out + 1] = table.concat(rows, "\n")
  end
  return table.concat(out, "\n")
end

return {
  name = "summarize",
  summary = "extractive summary of the cluster (and of each article) with sources for every sentence",
  scope = "corpus",
  options = options,
  example = { method = "lexrank", words = 120, redundancy = "mmr", lambda = 0.7 },
  run = run,
  markdown = markdown,
  summarize_docs = summarize_docs,
  budget_of = budget_of,
}
