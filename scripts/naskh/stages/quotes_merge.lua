-- naskh.stages.quotes_merge: the same quote in several articles, merged.
-- A corpus stage; run it after `quotes`. Two quotes are the same when, after
-- folding and light stemming, most words of the shorter one are in the longer
-- one (containment >= min_similarity, at least min_shared words shared, and
-- at least 0.4 times that share of the longer one's words) and
-- their speakers do not contradict (two different entity ids never merge).
-- Short quotes (fewer than min_shared words) merge only when equal.
--
-- corpus.quotes = { {text=, kind=, verb=, speaker={text=, id=, type=, name=}, source={text=, id=}?, docs={id...},
--                    occurrences={ {doc=, s=, e=, kind=, verb=, speaker=}, ... }}, ... }
-- ordered by the number of articles (most first), then by first appearance;
-- each doc quote gets q.group = its index in corpus.quotes.
local artext = require "naskh.text.artext"

local SUFFIXES = { "هما", "كما", "ها", "هم", "نا", "ون", "ين", "ات", "ان", "ه", "ي" }
local PREFIXES = { "وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل" }
local STOP = {}
for _, w in ipairs({ "في", "من", "علي", "الي", "عن", "ان", "او", "ما", "لا", "قد", "هو", "هي", "مع",
  "هذا", "هذه", "التي", "الذي", "كل", "ذلك", "بعد", "قبل", "لكن", "ثم" }) do STOP[w] = true end

-- A light stem of a folded word (for matching only).
local function key_of(f)
  if STOP[f] then return nil end
  for _, p in ipairs(PREFIXES) do
    if #f - #p >= 6 and f:sub(1, #p) == p then f = f:sub(#p + 1); break end
  end
  for _, sfx in ipairs(SUFFIXES) do
    if #f - #sfx >= 6 and f:sub(-#sfx) == sfx then f = f:sub(1, -#sfx - 1); break end
  end
  if STOP[f] then return nil end
  return f
end

local function token_set(text)
  local set, n = {}, 0
  for w in artext.mask(text):gmatch("[%w_\128-\255]+") do
    local k = key_of(artext.fold(w))
    if k and not set[k] then set[k] = true; n = n + 1 end
  end
  return set, n
end

local function similar(a, b, opts)
  local shared = 0
  for k in pairs(a.set) do if b.set[k] then shared = shared + 1 end end
  local small = math.min(a.n, b.n)
  if small == 0 then return false end
  if small < opts.min_shared then return shared == a.n and shared == b.n end
  local large = math.max(a.n, b.n)
  return shared >= opts.min_shared and shared / small >= opts.min_similarity
      and shared / large >= opts.min_similarity * 0.4
end

local function compatible(a, b)
  local x, y = a.q.speaker, b.q.speaker
  if x and y and x.id and y.id and x.id ~= y.id then return false end
  return true
end

local function run(corpus, opts)
  local items = {}
  for di, doc in ipairs(corpus.docs) do
    for qi, q in ipairs(doc.quotes or {}) do
      local set, n = token_set(q.text or doc.text:sub(q.s, q.e))
      items[#items + 1] = { doc = doc, di = di, qi = qi, q = q, set = set, n = n }
    end
  end
  -- union-find
  local parent = {}
  for i = 1, #items do parent[i] = i end
  local function find(i)
    while parent[i] ~= i do parent[i] = parent[parent[i]]; i = parent[i] end
    return i
  end
  -- Exact repeats (syndicated copies) join their first copy at once; only the
  -- distinct word sets go through the fuzzy comparison.
  local reps, by_key = {}, {}
  for i, it in ipairs(items) do
    local ws = {}
    for k in pairs(it.set) do ws[#ws + 1] = k end
    table.sort(ws)
    local key = table.concat(ws, " ")
    local r = by_key[key]
    if r and compatible(items[r], it) then
      parent[i] = r
    else
      if not r then by_key[key] = i end
      reps[#reps + 1] = i
    end
  end
  -- Candidate pairs share at least one word that is not in too many quotes
  -- (an inverted index keeps this far below all pairs on a large corpus).
  local index = {}
  for _, i in ipairs(reps) do
    local it = items[i]
    for k in pairs(it.set) do
      local l = index[k]
      if not l then l = {}; index[k] = l end
      l[#l + 1] = i
    end
  end
  local max_df = math.max(50, #reps // 20)
  for _, i in ipairs(reps) do
    local a = items[i]
    local cand = {}
    for k in pairs(a.set) do
      local l = index[k]
      if #l <= max_df then
        for _, j in ipairs(l) do if j > i then cand[j] = true end end
      end
    end
    local js = {}
    for j in pairs(cand) do js[#js + 1] = j end
    table.sort(js)
    for _, j in ipairs(js) do
      local b = items[j]
      if a.doc ~= b.doc and find(i) ~= find(j) and compatible(a, b) and similar(a, b, opts) then
        parent[find(j)] = find(i)
      end
    end
  end
  local groups, order = {}, {}
  for i, it in ipairs(items) do
    local r = find(i)
    if not groups[r] then groups[r] = { members = {}, first = i }; order[#order + 1] = r end
    table.insert(groups[r].members, it)
  end
  local out = {}
  for _, r in ipairs(order) do
    local g = groups[r]
    local best, docs, seen = nil, {}, {}
    local speaker_votes, speaker_best = {}, nil
    local occ = {}
    local source
    for _, it in ipairs(g.members) do
      local q = it.q
      if q.source and not source then source = { text = q.source.text, id = q.source.id, name = q.source.name } end
      if not best or #q.text > #best.text then best = q end
      if not seen[it.doc.id] then seen[it.doc.id] = true; docs[#docs + 1] = it.doc.id end
      local sp = q.speaker
      if sp then
        local k = sp.id or sp.text
        speaker_votes[k] = (speaker_votes[k] or 0) + (sp.id and 2 or 1)
        if not speaker_best or speaker_votes[k] > (speaker_votes[speaker_best.id or speaker_best.text] or 0) then
          speaker_best = sp
        end
      end
      occ[#occ + 1] = { doc = it.doc.id, s = q.s, e = q.e, kind = q.kind, verb = q.verb,
                        speaker = sp and (sp.name or sp.text) or nil }
    end
    local sp = speaker_best and { text = speaker_best.text, id = speaker_best.id, type = speaker_best.type,
                                  name = speaker_best.name } or nil
    out[#out + 1] = { text = best.text, kind = best.kind, verb = best.verb, speaker = sp, docs = docs, source = source,
                      occurrences = occ, _members = g.members, _first = g.first }
  end
  table.sort(out, function(a, b)
    if #a.docs ~= #b.docs then return #a.docs > #b.docs end
    return a._first < b._first
  end)
  for gi, g in ipairs(out) do
    for _, it in ipairs(g._members) do it.q.group = gi end
    g._members, g._first = nil, nil
  end
  corpus.quotes = out
end

return {
  name = "quotes_merge",
  summary = "merge the same quote across the articles of a corpus (run after quotes)",
  scope = "corpus",
  needs = { "quotes" }, -- fields an earlier stage must add (lint checks the order)
  adds = { "quotes" },
  options = {
    min_similarity = { type = "number", min = 0, max = 1, default = 0.6,
      doc = "Share of the shorter quote's words (stemmed) that must be in the longer one." },
    min_shared = { type = "integer", min = 1, default = 3,
      doc = "Words two quotes must share; shorter quotes merge only when equal." },
    report_shared_only = { type = "boolean", default = false,
      doc = "Markdown report: list only the quotes found in more than one article." },
  },
  example = { min_similarity = 0.6 },
  run = run,
}
