-- naskh.text.tagger: training and evaluation of the entity tagger (core/nk_tagger.h) on
-- CoNLL-style files (token<TAB>BIO tag, a blank line between sentences; ANERcorp's format),
-- and the hints the tagger reads (gazetteer matches and context rules). See docs/entities.md.
--
--   local tagger = require "naskh.text.tagger"
--   local sents = tagger.read_conll("train.tsv")
--   local bytes = tagger.train(sents, { finder = f, epochs = 10 })
--   local r = tagger.evaluate(model, sents, { finder = f })   -- r.all.p, r.all.r, r.all.f, r.PERS...
local M = {}

M.TYPES = { "PERS", "LOC", "ORG", "MISC" }
local SCORED = { PERS = true, LOC = true, ORG = true, MISC = true }

-- read_conll(path) -> sentences {{toks = {...}, tags = {...}, line = first line}, ...}
-- Raises "PATH:LINE: message" on a malformed line.
function M.read_conll(path)
  local f, err = io.open(path, "rb")
  if not f then error(tostring(err), 0) end
  local sents, cur, ln = {}, nil, 0
  for line in f:lines() do
    ln = ln + 1
    line = line:gsub("\r$", "")
    if line == "" then
      if cur then sents[#sents + 1] = cur; cur = nil end
    else
      local tok, tag = line:match("^([^\t]+)\t([^\t]+)$")
      if not tok then
        f:close()
        error(string.format("%s:%d: expected token<TAB>tag", path, ln), 0)
      end
      if tag ~= "O" then
        local bi, ty = tag:match("^([BI])%-(%u+)$")
        if not bi or not SCORED[ty] then
          f:close()
          error(string.format("%s:%d: unknown tag '%s' (O, B-/I- PERS LOC ORG MISC)", path, ln, tag), 0)
        end
      end
      cur = cur or { toks = {}, tags = {}, line = ln }
      cur.toks[#cur.toks + 1] = tok
      cur.tags[#cur.tags + 1] = tag
    end
  end
  f:close()
  if cur then sents[#sents + 1] = cur end
  return sents
end

-- BIO tags -> {{first, last, type}} token spans.
function M.bio_spans(tags)
  local spans, open = {}, nil
  for i, t in ipairs(tags) do
    local bi, ty = t:match("^([BI])%-(%u+)$")
    if bi == "I" and open and open[3] == ty then
      open[2] = i
    elseif bi then
      open = { i, i, ty }; spans[#spans + 1] = open
    else
      open = nil
    end
  end
  return spans
end

-- The text of a sentence (tokens joined by spaces) and the byte span of each token.
function M.sentence_text(s)
  local parts, pos, ts = {}, 1, {}
  for i, tok in ipairs(s.toks) do
    ts[i] = { pos, pos + #tok - 1 }
    parts[i] = tok
    pos = pos + #tok + 1
  end
  return table.concat(parts, " "), ts
end

-- Hints of text for the tagger: every match of the finder's gazetteers (overlapping ones too),
-- source user or bundled, and (when the finder has rules) the context rules' entities.
function M.hints(finder, text)
  if not finder then return nil end
  return finder:hints(text)
end

-- fold_lists(sents, k) -> k gazetteers as TSV text: list j holds the entities of the sentences
-- outside fold j (folds: k contiguous blocks), each surface (tokens joined by spaces) with its
-- most frequent type, nothing left out -- what a user's own list of names looks like to the
-- sentences it was not made from.
function M.fold_lists(sents, k)
  local fold_of = function(i) return math.floor((i - 1) * k / #sents) + 1 end
  local counts, order = {}, {}
  for i, s in ipairs(sents) do
    local fj = fold_of(i)
    for _, sp in ipairs(M.bio_spans(s.tags)) do
      local surface = table.concat(s.toks, " ", sp[1], sp[2])
      local c = counts[surface]
      if not c then c = {}; counts[surface] = c; order[#order + 1] = surface end
      c[fj] = c[fj] or {}
      c[fj][sp[3]] = (c[fj][sp[3]] or 0) + 1
    end
  end
  local lists = {}
  for j = 1, k do
    local lines = {}
    for _, surface in ipairs(order) do
      local tot = {}
      for fj, byt in pairs(counts[surface]) do
        if fj ~= j then for ty, n in pairs(byt) do tot[ty] = (tot[ty] or 0) + n end end
      end
      local best, bn = nil, 0
      for _, ty in ipairs(M.TYPES) do
        if (tot[ty] or 0) > bn then best, bn = ty, tot[ty] end
      end
      if best and not surface:find("[\t\n#]") then lines[#lines + 1] = surface .. "\t" .. best end
    end
    lists[j] = table.concat(lines, "\n") .. "\n"
  end
  return lists, fold_of
end

-- train(sents, opts) -> model bytes. opts: finder (hints), epochs (10), seed (1), bits (19),
-- progress(epoch, errors, words), user_folds (jackknife: each sentence also gets, as user
-- hints, a list built from the entities of the other folds; 0 = none), user_every (2),
-- doc_sents (1: each sentence its own text; `naskh train entities` uses 40).
function M.train(sents, opts)
  opts = opts or {}
  local naskh = opts.naskh or require "naskh"
  local tr = naskh.tagger_trainer(opts.bits or 19)
  -- user lists (opts.user_folds = k > 0, opts.new_finder(paths) -> finder): every
  -- opts.user_every-th sentence reads, as a user's -g list, the list of the other folds
  local ufinders, fold_of, tmps = {}, nil, {}
  if (opts.user_folds or 0) > 0 and opts.new_finder then
    local lists
    lists, fold_of = M.fold_lists(sents, opts.user_folds)
    for j, text in ipairs(lists) do
      local path = os.tmpname()
      tmps[#tmps + 1] = path
      local fh = assert(io.open(path, "wb"))
      fh:write(text)
      fh:close()
      local okf, f = pcall(opts.new_finder, { path })
      if not okf then
        for _, p in ipairs(tmps) do os.remove(p) end
        error(f, 0)
      end
      ufinders[j] = f
    end
    for _, p in ipairs(tmps) do os.remove(p) end
  end
  local every = opts.user_every or 2
  -- documents: opts.doc_sents consecutive sentences (never across a user-list part) joined by
  -- line breaks, read as one text, as `naskh eval entities` reads a file (the hints of the
  -- rule path see the neighbouring sentences; the tagger's document features too)
  local per = opts.doc_sents or 1
  local si = 1
  while si <= #sents do
    local last = math.min(#sents, si + per - 1)
    if fold_of then
      while fold_of(last) ~= fold_of(si) do last = last - 1 end
    end
    local parts, gold, pos = {}, {}, 0
    for k = si, last do
      local s = sents[k]
      local text, ts = M.sentence_text(s)
      parts[#parts + 1] = text
      for _, sp in ipairs(M.bio_spans(s.tags)) do
        gold[#gold + 1] = { s = ts[sp[1]][1] + pos, e = ts[sp[2]][2] + pos, type = sp[3] }
      end
      pos = pos + #text + 1
    end
    local text = table.concat(parts, "\n")
    local hints
    if per == 1 then
      if fold_of and si % every == 0 then
        hints = ufinders[fold_of(si)]:hints(text)
      else
        hints = opts.hints_of and opts.hints_of(sents[si], text) or M.hints(opts.finder, text)
      end
    else
      -- every `every`-th sentence reads the user list: the hints of the whole document with
      -- and without it, each sentence taking the ones that start in it
      hints = M.hints(opts.finder, text) or {}
      if fold_of then
        local hu, keep, b = ufinders[fold_of(si)]:hints(text), {}, 0
        local bounds = {}
        for j = 1, #parts do
          bounds[j] = { b + 1, b + #parts[j] + 1, (si + j - 1) % every == 0 }
          b = b + #parts[j] + 1
        end
        local function use(h, user)
          for _, x in ipairs(h) do
            for _, bd in ipairs(bounds) do
              if x.s >= bd[1] and x.s <= bd[2] then
                if bd[3] == user then keep[#keep + 1] = x end
                break
              end
            end
          end
        end
        use(hints, false)
        use(hu, true)
        hints = keep
      end
    end
    tr:add(text, gold, hints)
    si = last + 1
  end
  return tr:train { epochs = opts.epochs or 10, seed = opts.seed or 1, runs = opts.runs or 1,
    progress = opts.progress }
end

-- The predicted entities of one sentence as token spans "first\tlast\tTYPE".
function M.predict(model, s, hints_of)
  local text, ts = M.sentence_text(s)
  local ents = model:entities(text, hints_of and hints_of(s, text) or nil)
  local out, k = {}, 1
  for _, e in ipairs(ents) do
    local first, last
    for i = k, #ts do
      if ts[i][1] > e.e then break end
      if ts[i][2] >= e.s then first = first or i; last = i end
    end
    if first then out[#out + 1] = { first, last, e.type } end
  end
  return out
end

-- The predicted entities of sentences read as one document (joined by line breaks): a list
-- of token span lists, one per sentence.
function M.predict_doc(model, sents, hints_of)
  local parts, where, pos = {}, {}, 1
  for si, s in ipairs(sents) do
    local text, ts = M.sentence_text(s)
    parts[si] = text
    for i, t in ipairs(ts) do where[#where + 1] = { si, i, t[1] + pos - 1, t[2] + pos - 1 } end
    pos = pos + #text + 1
  end
  local doc = table.concat(parts, "\n")
  local ents = model:entities(doc, hints_of and hints_of(nil, doc) or nil)
  local preds, k = {}, 1
  for si = 1, #sents do preds[si] = {} end
  for _, e in ipairs(ents) do
    while k <= #where and where[k][4] < e.s do k = k + 1 end
    local first, last
    for i = k, #where do
      local w = where[i]
      if w[3] > e.e then break end
      if w[4] >= e.s then first = first or w; last = w end
    end
    if first and first[1] == last[1] then
      local l = preds[first[1]]
      l[#l + 1] = { first[2], last[2], e.type }
    end
  end
  return preds
end

-- The entities a finder (naskh.entities) gives on sentences read as one document, as token
-- span lists per sentence (what `naskh entities` prints for the file, scored by tokens).
function M.predict_finder(finder, sents)
  local parts, where, pos = {}, {}, 1
  for si, s in ipairs(sents) do
    local text, ts = M.sentence_text(s)
    parts[si] = text
    for i, t in ipairs(ts) do where[#where + 1] = { si, i, t[1] + pos - 1, t[2] + pos - 1 } end
    pos = pos + #text + 1
  end
  local ents = finder:find(table.concat(parts, "\n"))
  local preds, k, seen = {}, 1, {}
  for si = 1, #sents do preds[si] = {} end
  for _, e in ipairs(ents) do
    if SCORED[e.type] then
      local s0 = e.clitic_s or e.s
      while k <= #where and where[k][4] < s0 do k = k + 1 end
      local first, last
      for i = k, #where do
        local w = where[i]
        if w[3] > e.e then break end
        if w[4] >= s0 then first = first or w; last = w end
      end
      if first and first[1] == last[1] then
        local key = first[1] .. ":" .. first[2] .. ":" .. last[2] .. ":" .. e.type
        if not seen[key] then
          seen[key] = true
          local l = preds[first[1]]
          l[#l + 1] = { first[2], last[2], e.type }
        end
      end
    end
  end
  return preds
end

-- score(gold_sets, pred_sets) over sentences: {all = {p, r, f, tp, np, ng}, PERS = {...}, ...}
function M.score(sents, preds)
  local by = { all = { tp = 0, np = 0, ng = 0 } }
  for _, t in ipairs(M.TYPES) do by[t] = { tp = 0, np = 0, ng = 0 } end
  for i, s in ipairs(sents) do
    local gold = {}
    for _, sp in ipairs(M.bio_spans(s.tags)) do
      local k = sp[1] .. ":" .. sp[2] .. ":" .. sp[3]
      gold[k] = true
      by.all.ng = by.all.ng + 1; by[sp[3]].ng = by[sp[3]].ng + 1
    end
    for _, sp in ipairs(preds[i]) do
      local k = sp[1] .. ":" .. sp[2] .. ":" .. sp[3]
      by.all.np = by.all.np + 1; by[sp[3]].np = by[sp[3]].np + 1
      if gold[k] then by.all.tp = by.all.tp + 1; by[sp[3]].tp = by[sp[3]].tp + 1 end
    end
  end
  for _, b in pairs(by) do
    b.p = b.np > 0 and 100 * b.tp / b.np or 0
    b.r = b.ng > 0 and 100 * b.tp / b.ng or 0
    b.f = (b.p + b.r) > 0 and 2 * b.p * b.r / (b.p + b.r) or 0
  end
  return by
end

-- evaluate(model, sents, opts) -> score table (opts.finder or opts.hints_of give the hints).
function M.evaluate(model, sents, opts)
  opts = opts or {}
  local hints_of = opts.hints_of
  if not hints_of and opts.finder then
    hints_of = function(_, text) return opts.finder:hints(text) end
  end
  local preds
  if opts.document then
    preds = M.predict_doc(model, sents, hints_of)
  else
    preds = {}
    for i, s in ipairs(sents) do preds[i] = M.predict(model, s, hints_of) end
  end
  return M.score(sents, preds)
end

-- A table of a score: lines "type P R F1 gold pred".
function M.format(by)
  local out = { string.format("%-6s %7s %7s %7s %6s %6s", "type", "P", "R", "F1", "gold", "pred") }
  local rows = { "PERS", "LOC", "ORG", "MISC", "all" }
  for _, t in ipairs(rows) do
    local b = by[t]
    out[#out + 1] = string.format("%-6s %7.2f %7.2f %7.2f %6d %6d", t, b.p, b.r, b.f, b.ng, b.np)
  end
  return table.concat(out, "\n")
end

return M
