-- tests/eval/anercorp.lua: helper of tests/eval/eval_entities.sh (run with a stock lua5.4).
--
--   lua5.4 anercorp.lua split TRAIN.tsv DIR [DEV_PERCENT [last|first|interleave|I/K]]
--       DIR/gaz.tsv   gazetteer from the training part: surface<TAB>TYPE (tokens joined by spaces;
--                     a surface seen with several types gets its most frequent one; a one-word
--                     surface whose lightly normalized form is seen more often outside entities
--                     than inside in the training part is left out: علي is mostly the
--                     preposition على there)
--       DIR/dev.txt   the dev part: tokens joined by spaces, one sentence per line
--       DIR/dev.gold  gold entities: sentence<TAB>first token<TAB>last token<TAB>TYPE (1-based)
--       DIR/gaz_raw.tsv the same without leaving anything out
--       DIR/train_part.tsv, DIR/dev.tsv  the two parts in ANERcorp's format
--   lua5.4 anercorp.lua baseline DIR [GAZ] > DIR/baseline.pred
--       plain dictionary baseline: exact token sequences of gaz.tsv, leftmost-longest, no
--       normalization, no clitics
--   lua5.4 anercorp.lua tokpred DIR OUT.jsonl > DIR/NAME.pred
--       JSON Lines of `naskh match`/`naskh entities` (start/end code points into dev.txt) to
--       token-level entities: the tokens a match overlaps, with the match's type
--   lua5.4 anercorp.lua oracle DIR GAZ
--       the recall ceiling of a pure gazetteer matcher with GAZ
--   lua5.4 anercorp.lua subsets DIR GAZ NAME.pred...
--       recall of each system on the gold entities found exactly in GAZ and on those only
--       normalization or a proclitic reading finds
--   lua5.4 anercorp.lua score DIR NAME.pred...
--       entity-level precision, recall and F1 (exact token span and type) for each file
--
-- The split: ANERcorp's CAMeL train file has no documents; sentences are numbered in file order
-- and the last DEV_PERCENT (default 20) percent are the dev part, the rest the training part.
-- With "interleave", every (100/DEV_PERCENT)-th sentence is a dev sentence instead (dev and
-- training parts then share articles: a secondary, easier setting); with "first", the first
-- DEV_PERCENT percent are the dev part (a held-out check: the rules were developed looking at
-- the errors on the last 20 %, never at the first).

local TYPES = { PERS = true, LOC = true, ORG = true, MISC = true }

-- A light normalization (hamza seats of alef, alef maqsura, taa marbuta, diacritics) used
-- only to decide which one-word surfaces to leave out of the gazetteer.
local NORM = { ["أ"] = "ا", ["إ"] = "ا", ["آ"] = "ا", ["ى"] = "ي", ["ة"] = "ه", ["ـ"] = "" }
for cp = 0x64B, 0x652 do NORM[utf8.char(cp)] = "" end
local function norm(w) return (w:gsub(utf8.charpattern, NORM)) end

local function read_sentences(path)
  local sents, cur = {}, {}
  for line in io.lines(path) do
    if line == "" then
      if #cur > 0 then sents[#sents + 1] = cur; cur = {} end
    else
      local tok, tag = line:match("^([^\t]*)\t([^\t]*)$")
      if tok then cur[#cur + 1] = { tok = tok, tag = tag } end
    end
  end
  if #cur > 0 then sents[#sents + 1] = cur end
  return sents
end

-- Gold spans of one sentence from BIO tags: {{ts, te, type}}.
local function bio_spans(sent)
  local spans, open = {}, nil
  for i, t in ipairs(sent) do
    local bi, ty = t.tag:match("^([BI])%-(%u+)$")
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

local function write(path, lines)
  local f = assert(io.open(path, "w"))
  f:write(table.concat(lines, "\n"), #lines > 0 and "\n" or "")
  f:close()
end

-- Proclitic readings of a lightly normalized token, as the matcher reads them: the token,
-- without و/ف, then without ب/ك/ل/س (لل = ل + ال), keeping at least three letters.
local function readings(k)
  local out = { k }
  local function n(w) return utf8.len(w) or 0 end
  local rest = k
  local l0 = rest:sub(1, 2)
  if (l0 == "و" or l0 == "ف") and n(rest) >= 4 then
    rest = rest:sub(3); out[#out + 1] = rest
  end
  local l1 = rest:sub(1, 2)
  if (l1 == "ب" or l1 == "ك" or l1 == "ل" or l1 == "س") and n(rest) >= 4 then
    out[#out + 1] = rest:sub(3)
  end
  if rest:sub(1, 4) == "لل" and n(rest) >= 3 then out[#out + 1] = "ا" .. rest:sub(3) end
  return out
end

-- The entity-rate gazetteer. Candidates: every training entity surface (its most frequent
-- type) and, when bare is set, the same surface without a proclitic in front of the article
-- (والعراق, بالعراق, للعراق -> العراق). The training text is read the way the matcher reads it
-- (light normalization, proclitic readings of the first word, leftmost-longest over all
-- candidates), and each candidate keeps its place only when at least the share min_rate of the
-- matches it wins there are gold entities with its tokens and its type.
local function rate_gaz(sents, train_ids, counts, order, min_rate, bare)
  local cand, keyed, maxlen = {}, {}, 1
  local function add(surface, ty)
    if cand[surface] then return end
    cand[surface] = ty
    local words = {}
    for w in surface:gmatch("%S+") do words[#words + 1] = norm(w) end
    local key = table.concat(words, " ")
    keyed[key] = keyed[key] or surface
    if #words > maxlen then maxlen = #words end
  end
  local function best_type(c)
    local best, bn = nil, -1
    for ty, n in pairs(c) do
      if n > bn or (n == bn and ty < best) then best, bn = ty, n end
    end
    return best
  end
  for _, surface in ipairs(order) do add(surface, best_type(counts[surface])) end
  if bare then
    for _, surface in ipairs(order) do
      local first, rest = surface:match("^(%S+)(.*)$")
      local w = first
      local c = w:sub(1, 2)
      if c == "و" or c == "ف" then w = w:sub(3); c = w:sub(1, 2) end
      if c == "ب" or c == "ك" then w = w:sub(3)
      elseif c == "ل" and w:sub(3, 4) == "ل" then w = "ا" .. w:sub(3) -- لل = ل + ال
      elseif c == "ل" then w = w:sub(3) end
      if w ~= first and w:sub(1, 4) == "ال" and utf8.len(w) >= 4 then
        add(w .. rest, best_type(counts[surface]))
      end
    end
  end
  local won, good = {}, {}
  for _, si in ipairs(train_ids) do
    local s, gold = sents[si], {}
    for _, sp in ipairs(bio_spans(s)) do gold[sp[1] .. ":" .. sp[2]] = sp[3] end
    local toks = {}
    for i, t in ipairs(s) do toks[i] = norm(t.tok) end
    local i = 1
    while i <= #toks do
      local hit, hn
      for n = math.min(maxlen, #toks - i + 1), 1, -1 do
        local tail = n > 1 and (" " .. table.concat(toks, " ", i + 1, i + n - 1)) or ""
        for _, r in ipairs(readings(toks[i])) do
          local f = keyed[r .. tail]
          if f then hit, hn = f, n; break end
        end
        if hit then break end
      end
      if hit then
        won[hit] = (won[hit] or 0) + 1
        if gold[i .. ":" .. (i + hn - 1)] == cand[hit] then good[hit] = (good[hit] or 0) + 1 end
        i = i + hn
      else
        i = i + 1
      end
    end
  end
  local out, n = {}, 0
  for surface, ty in pairs(cand) do
    n = n + 1
    local w = won[surface] or 0
    if w == 0 or (good[surface] or 0) >= min_rate * w then out[#out + 1] = surface .. "\t" .. ty end
  end
  table.sort(out)
  return out, n
end

local function split(train, dir, pct, how, rate, bare)
  pct = tonumber(pct) or 20
  local sents = read_sentences(train)
  local ndev = math.floor(#sents * pct / 100 + 0.5)
  local first_dev = #sents - ndev + 1
  local step = math.floor(100 / pct + 0.5)
  -- how = "I/K": fold I of K contiguous blocks of sentences (k-fold cross-validation)
  local fi, fk = tostring(how or ""):match("^(%d+)/(%d+)$")
  fi, fk = tonumber(fi), tonumber(fk)
  local function is_dev(si)
    if fk then return math.floor((si - 1) * fk / #sents) + 1 == fi end
    if how == "interleave" then return si % step == 0 end
    if how == "first" then return si <= ndev end
    return si >= first_dev
  end
  local train_ids, dev_ids = {}, {}
  for si = 1, #sents do
    if is_dev(si) then dev_ids[#dev_ids + 1] = si else train_ids[#train_ids + 1] = si end
  end
  local counts, order = {}, {}
  for _, si in ipairs(train_ids) do
    local s = sents[si]
    for _, sp in ipairs(bio_spans(s)) do
      local words = {}
      for i = sp[1], sp[2] do words[#words + 1] = s[i].tok end
      local surface = table.concat(words, " ")
      local c = counts[surface]
      if not c then c = {}; counts[surface] = c; order[#order + 1] = surface end
      c[sp[3]] = (c[sp[3]] or 0) + 1
    end
  end
  local outside, inside_n = {}, {}
  for surface, c in pairs(counts) do
    if not surface:find(" ") then
      for _, n in pairs(c) do inside_n[norm(surface)] = (inside_n[norm(surface)] or 0) + n end
    end
  end
  for _, si in ipairs(train_ids) do
    for _, t in ipairs(sents[si]) do
      local k = norm(t.tok)
      if t.tag == "O" and inside_n[k] then outside[k] = (outside[k] or 0) + 1 end
    end
  end
  local gaz, raw, dropped = {}, {}, 0
  for _, surface in ipairs(order) do
    local best0, bn0 = nil, -1
    for ty, n in pairs(counts[surface]) do
      if n > bn0 or (n == bn0 and ty < best0) then best0, bn0 = ty, n end
    end
    raw[#raw + 1] = surface .. "\t" .. best0
    if not surface:find(" ") and (outside[norm(surface)] or 0) > inside_n[norm(surface)] then
      dropped = dropped + 1
      goto continue
    end
    local best, bn = nil, -1
    for ty, n in pairs(counts[surface]) do
      if n > bn or (n == bn and ty < best) then best, bn = ty, n end
    end
    gaz[#gaz + 1] = surface .. "\t" .. best
    ::continue::
  end
  table.sort(gaz)
  table.sort(raw)
  local dev, gold = {}, {}
  for di, si in ipairs(dev_ids) do
    local s, words = sents[si], {}
    for i, t in ipairs(s) do words[i] = t.tok end
    dev[#dev + 1] = table.concat(words, " ")
    for _, sp in ipairs(bio_spans(s)) do
      gold[#gold + 1] = string.format("%d\t%d\t%d\t%s", di, sp[1], sp[2], sp[3])
    end
  end
  write(dir .. "/gaz.tsv", gaz)
  write(dir .. "/gaz_raw.tsv", raw)
  -- the training part in ANERcorp's format (for a tuning split inside it) and, when asked,
  -- the entity-rate gazetteer (see rate_gaz)
  local tr = {}
  for _, si in ipairs(train_ids) do
    for _, t in ipairs(sents[si]) do tr[#tr + 1] = t.tok .. "\t" .. t.tag end
    tr[#tr + 1] = ""
  end
  write(dir .. "/train_part.tsv", tr)
  if rate then
    local rg, nin = rate_gaz(sents, train_ids, counts, order, tonumber(rate), bare)
    write(dir .. "/gaz_rate.tsv", rg)
    io.stderr:write(string.format("anercorp: gaz_rate.tsv: min rate %s%s: %d forms (%d candidates)\n",
      rate, bare and ", bare forms added" or "", #rg, nin))
  end
  write(dir .. "/dev.txt", dev)
  write(dir .. "/dev.gold", gold)
  -- the dev part in ANERcorp's format (naskh eval entities)
  local dv = {}
  for _, si in ipairs(dev_ids) do
    for _, t in ipairs(sents[si]) do dv[#dv + 1] = t.tok .. "\t" .. t.tag end
    dv[#dv + 1] = ""
  end
  write(dir .. "/dev.tsv", dv)
  io.stderr:write(string.format("anercorp: %d sentences: %d train (%d gazetteer forms, %d dropped as mostly"
    .. " non-entity), %d dev (%d gold entities)\n", #sents, #train_ids, #gaz, dropped, #dev, #gold))
end

local function dev_tokens(dir)
  local sents = {}
  for line in io.lines(dir .. "/dev.txt") do
    local toks = {}
    for w in line:gmatch("%S+") do toks[#toks + 1] = w end
    sents[#sents + 1] = toks
  end
  return sents
end

local function baseline(dir, gazfile)
  local dict, maxlen = {}, 1
  for line in io.lines(gazfile or (dir .. "/gaz.tsv")) do
    local surface, ty = line:match("^(.-)\t(%S+)$")
    if surface then
      dict[surface] = ty
      local n = select(2, surface:gsub(" ", "")) + 1
      if n > maxlen then maxlen = n end
    end
  end
  local out = {}
  for si, toks in ipairs(dev_tokens(dir)) do
    local i = 1
    while i <= #toks do
      local hit
      for n = math.min(maxlen, #toks - i + 1), 1, -1 do
        local ty = dict[table.concat(toks, " ", i, i + n - 1)]
        if ty then hit = n; out[#out + 1] = string.format("%d\t%d\t%d\t%s", si, i, i + n - 1, ty); break end
      end
      i = i + (hit or 1)
    end
  end
  io.write(table.concat(out, "\n"), #out > 0 and "\n" or "")
end

-- Minimal reader of the flat JSON objects naskh writes: the fields start, end, type.
local function json_fields(line)
  local s = tonumber(line:match('"start"%s*:%s*(%d+)'))
  local e = tonumber(line:match('"end"%s*:%s*(%d+)'))
  local ty = line:match('"type"%s*:%s*"([^"]*)"')
  return s, e, ty
end

local function tokpred(dir, jsonl)
  -- token code point ranges [s, e) over the whole dev.txt (lines end with "\n")
  local toks, base, si = {}, 0, 0
  for line in io.lines(dir .. "/dev.txt") do
    si = si + 1
    local ti, pos = 0, 1
    while true do
      local a, b = line:find("%S+", pos)
      if not a then break end
      ti = ti + 1
      local s = base + utf8.len(line, 1, a - 1) -- code points before the token (a - 1 bytes)
      toks[#toks + 1] = { si = si, ti = ti, s = s, e = s + utf8.len(line, a, b) }
      pos = b + 1
    end
    base = base + utf8.len(line) + 1
  end
  local out, seen = {}, {}
  local lo = 1
  local preds = {}
  for line in io.lines(jsonl) do
    local s, e, ty = json_fields(line)
    if s and e and ty then preds[#preds + 1] = { s = s, e = e, ty = ty } end
  end
  table.sort(preds, function(a, b) return a.s < b.s or (a.s == b.s and a.e > b.e) end)
  for _, p in ipairs(preds) do
    if TYPES[p.ty] then
      while lo <= #toks and toks[lo].e <= p.s do lo = lo + 1 end
      local first, last
      for k = lo, #toks do
        local t = toks[k]
        if t.s >= p.e then break end
        if t.e > p.s then first = first or t; last = t end
      end
      if first and first.si == last.si then
        local key = string.format("%d\t%d\t%d\t%s", first.si, first.ti, last.ti, p.ty)
        if not seen[key] then seen[key] = true; out[#out + 1] = key end
      end
    end
  end
  io.write(table.concat(out, "\n"), #out > 0 and "\n" or "")
end

local function load_set(path)
  local set, n = {}, 0
  for line in io.lines(path) do
    if line ~= "" and not set[line] then set[line] = true; n = n + 1 end
  end
  return set, n
end

local function score(dir, files)
  local gold, ng = load_set(dir .. "/dev.gold")
  print(string.format("%-22s %7s %7s %7s %7s", "system", "P", "R", "F1", "pred"))
  for _, f in ipairs(files) do
    local pred, np = load_set(f)
    local tp = 0
    for k in pairs(pred) do if gold[k] then tp = tp + 1 end end
    local p = np > 0 and tp / np or 0
    local r = ng > 0 and tp / ng or 0
    local f1 = (p + r) > 0 and 2 * p * r / (p + r) or 0
    local name = f:match("([^/]+)%.pred$") or f
    print(string.format("%-22s %7.2f %7.2f %7.2f %7d", name, 100 * p, 100 * r, 100 * f1, np))
  end
  -- per type, for the last file (the full entity finder when called by eval_entities.sh)
  local byt = {}
  local function slot(ty) byt[ty] = byt[ty] or { g = 0, p = 0, tp = 0 }; return byt[ty] end
  for k in pairs(gold) do slot(k:match("(%S+)$")).g = slot(k:match("(%S+)$")).g + 1 end
  local pred = load_set(files[#files])
  for k in pairs(pred) do
    local b = slot(k:match("(%S+)$")); b.p = b.p + 1
    if gold[k] then b.tp = b.tp + 1 end
  end
  local names = {}
  for ty in pairs(byt) do names[#names + 1] = ty end
  table.sort(names)
  local parts = {}
  for _, ty in ipairs(names) do
    local b = byt[ty]
    local p = b.p > 0 and b.tp / b.p or 0
    local r = b.g > 0 and b.tp / b.g or 0
    parts[#parts + 1] = string.format("%s %.1f", ty, (p + r) > 0 and 200 * p * r / (p + r) or 0)
  end
  print(string.format("per type F1 (%s): %s", files[#files]:match("([^/]+)%.pred$") or "",
    table.concat(parts, ", ")))
end

-- The gold entities of the dev part sorted by what a list GAZ can do for them: part[line] = 1
-- when the exact surface is in GAZ (any dictionary finds it), 2 when only the lightly
-- normalized surface is, bare or after one proclitic reading as the matcher reads them
-- (والأردن, بالعراق, الاسد for الأسد), nil otherwise. Returns part, the gold count, n1, n2.
-- (Before 2026-11-23 the readings were Lua patterns like [وف], which match bytes, not
-- letters, and counted readings such as صبري -> بري: the ceiling was overstated.)
local function gold_parts(dir, gazfile)
  local exact, normed = {}, {}
  for line in io.lines(gazfile) do
    local surface = line:match("^(.-)\t")
    if surface then exact[surface] = true; normed[norm(surface)] = true end
  end
  local sents = dev_tokens(dir)
  local part, n, n1, n2 = {}, 0, 0, 0
  for line in io.lines(dir .. "/dev.gold") do
    local si, a, b = line:match("^(%d+)\t(%d+)\t(%d+)")
    local s = table.concat(sents[tonumber(si)], " ", tonumber(a), tonumber(b))
    n = n + 1
    if exact[s] then
      part[line] = 1; n1 = n1 + 1
    else
      for _, f in ipairs(readings(norm(s))) do
        if normed[f] then part[line] = 2; n2 = n2 + 1; break end
      end
    end
  end
  return part, n, n1, n2
end

-- The recall ceiling of a gazetteer matcher with GAZ: the share of gold entities in part 1,
-- and in parts 1 and 2.
local function oracle(dir, gazfile)
  local _, n, n1, n2 = gold_parts(dir, gazfile)
  print(string.format("recall ceiling of %s: exact surfaces %.1f%%, normalized + one proclitic %.1f%% (of %d)",
    gazfile:match("[^/]+$"), 100 * n1 / n, 100 * (n1 + n2) / n, n))
end

-- Recall of each system on parts 1 and 2: what any dictionary can find, and what only a
-- matcher that normalizes and peels proclitics can.
local function subsets(dir, gazfile, files)
  local part, _, n1, n2 = gold_parts(dir, gazfile)
  print(string.format("%-22s %18s %22s", "recall on", "exact in list (" .. n1 .. ")",
    "only after norm./clitics (" .. n2 .. ")"))
  for _, f in ipairs(files) do
    local pred = load_set(f)
    local h1, h2 = 0, 0
    for k, p in pairs(part) do
      if pred[k] then if p == 1 then h1 = h1 + 1 else h2 = h2 + 1 end end
    end
    print(string.format("%-22s %17.1f%% %21.1f%%", f:match("([^/]+)%.pred$") or f,
      n1 > 0 and 100 * h1 / n1 or 0, n2 > 0 and 100 * h2 / n2 or 0))
  end
end

local cmd = arg[1]
if cmd == "split" then split(arg[2], arg[3], arg[4], arg[5], arg[6], arg[7] == "bare")
elseif cmd == "baseline" then baseline(arg[2], arg[3])
elseif cmd == "oracle" then oracle(arg[2], arg[3])
elseif cmd == "subsets" then subsets(arg[2], arg[3], table.move(arg, 4, #arg, 1, {}))
elseif cmd == "tokpred" then tokpred(arg[2], arg[3])
elseif cmd == "score" then score(arg[2], table.move(arg, 3, #arg, 1, {}))
else
  io.stderr:write("usage: lua5.4 anercorp.lua split|baseline|tokpred|oracle|subsets|score ...\n")
  os.exit(2)
end
