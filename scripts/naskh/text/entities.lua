-- naskh.text.entities: the entity finder. Gazetteer matches (the user's lists and
-- naskh's bundled ones, through naskh.gazetteer) plus context rules written
-- here in Lua: titles and role nouns before a person's name, nationality
-- adjectives used as nouns (الإسباني فرناندو ألونسو), known given names, name
-- chains with بن/ابن, organization and place triggers, capitalised Latin
-- names, and the propagation of a name found once to its other mentions in
-- the same document. See docs/entities.md.
--
--   local entities = require "naskh.text.entities"
--   local f = entities.new { naskh = naskh, home = home, gazetteers = {"my.tsv"} }
--   for _, e in ipairs(f:find(text)) do print(e.s, e.e, e.type, e.id, e.name) end
--
-- Entities are Lua spans (s, e: 1-based inclusive bytes of text, after any
-- proclitic) with surface, id, type, name (canonical), clitic (with its span
-- clitic_s, clitic_e when there is one), source (user, bundled or rule) and
-- meta; rule results carry meta.rule.
local lex = require "naskh.text.entities_lexicon"

local M = {}
local concat, sort, unpack = table.concat, table.sort, table.unpack
local sub = string.sub

-- The bundled gazetteers (configs/gazetteers/NAME.yaml), in priority order.
M.BUNDLED = { "people", "organizations", "countries", "cities", "regions", "nationalities" }

-- The bundled tagger model, relative to the share dir (configs/models/README.md).
M.MODEL = "configs/models/entities.nktag"

-- Types that an ANERcorp-style evaluation scores; NORP (nationality adjectives) is extra.
M.TYPES = { PERS = true, LOC = true, ORG = true, MISC = true, NORP = true }

---------------------------------------------------------------------------
-- Keys: the light normalization used to compare words with the word lists.
---------------------------------------------------------------------------
-- key(word): the core's `entity` key profile (nk_normalize.h, docs/normalization.md):
-- no diacritics/tatweel/joiners, alef forms -> ا, ى ی -> ي, ة -> ه, ک -> ك, ASCII lower case.
local key = require("naskh").key
M.key = key

local function set_of(words)
  local s = {}
  for w in words:gmatch("%S+") do s[key(w)] = true end
  return s
end

local L = {}
for name, v in pairs(lex) do
  if type(v) == "string" then
    L[name] = set_of(v)
  elseif type(v) == "table" then
    L[name] = {}
    for k2, w in pairs(v) do L[name][k2] = set_of(w) end
  end
end
M.lexicon = L

---------------------------------------------------------------------------
-- Words: the rules' tokenizer over the original text (spans are bytes), in C
-- (core/nk_words.c).
---------------------------------------------------------------------------
--[[ words(text) -> list of {s=, e=, text=, k=key, r=raw letters, cls="ar"|"lat"|"num"|"punct", nl=}
  s, e: 1-based inclusive bytes. Letters and combining marks make words (a
  Latin word may hold ' and - between letters); digits make numbers; every
  other non-space character is a punct token. nl: a line break comes before.
  k is key(text) for words; r drops only the marks (diacritics, tatweel). ]]
M.words = require("naskh").words

-- The words of text as the finder reads them: the same tokens as M.words, kept in one compact
-- array in C (naskh.entwords, core/nk_entrules.c) and built as tables only when a rule reads
-- one (most words are never read: the per-word scans run in C). The array is toks._w.
local entwords = require("naskh").entwords
local function words_c(text)
  if not entwords then return M.words(text) end
  local w = entwords(text)
  local toks = w:tokens()
  rawset(toks, "_w", w)
  return toks
end
M.words_compact = words_c

-- Proclitic readings of a key: { {clitic, rest}, ... } starting with {"", k}.
-- و/ف, then ب/ل/ك, and لل (ل + ال) read as ال; the rest keeps >= 2 letters.
local function readings(k)
  local out = { { "", k } }
  local function add(pre, rest)
    if utf8.len(rest) and utf8.len(rest) >= 2 then out[#out + 1] = { pre, rest } end
  end
  local base, pre = k, ""
  local c1 = sub(k, 1, 2)
  if c1 == "و" or c1 == "ف" then
    base, pre = sub(k, 3), c1
    add(pre, base)
  end
  local c2 = sub(base, 1, 2)
  if sub(base, 1, 4) == "لل" then
    add(pre .. "ل", "ال" .. sub(base, 5))
  elseif c2 == "ب" or c2 == "ل" or c2 == "ك" then
    add(pre .. c2, sub(base, 3))
  end
  return out
end
M.readings = readings

-- readings are asked for the same few thousand words again and again: a
-- bounded memo (cleared when it holds 50,000 keys)
local memo, memo_n = {}, 0
local function readings_m(k)
  local r = memo[k]
  if r then return r end
  if memo_n >= 50000 then memo, memo_n = {}, 0 end
  r = readings(k)
  memo[k] = r
  memo_n = memo_n + 1
  return r
end

-- in_set(set, k): the clitic and the rest when some reading of k is in set.
-- The rules ask the same few word lists about the same words again and again:
-- the answers are memoised per list (bounded; the lists are not changed once
-- the rules use them).
local set_memo = setmetatable({}, { __mode = "k" })
local function in_set(set, k)
  if set[k] then return "", k end
  local m = set_memo[set]
  if not m then
    m = { n = 0, pre = {}, rest = {} }
    set_memo[set] = m
  end
  local p = m.pre[k]
  if p ~= nil then
    if p then return p, m.rest[k] end
    return nil
  end
  local rp, rr
  for _, r in ipairs(readings_m(k)) do
    if set[r[2]] then rp, rr = r[1], r[2]; break end
  end
  if m.n >= 50000 then m.pre, m.rest, m.n = {}, {}, 0 end
  m.pre[k], m.rest[k], m.n = rp or false, rr, m.n + 1
  return rp, rr
end

-- Does a word start with the article ال (possibly after a proclitic)? x is a
-- token (its raw letters are used: ألونسو has no article though its key starts
-- with ال) or a string.
local ART_PREFIX = { ["ال"] = true, ["لل"] = true }
local ART_PREFIX3 = { ["وال"] = true, ["بال"] = true, ["فال"] = true, ["كال"] = true }
-- (memoised per word: the rules ask it of every token, several times; bounded)
local art_memo, art_n = {}, 0
local function has_article(x)
  local k = type(x) == "table" and (x.r or x.k) or x
  local a = art_memo[k]
  if a ~= nil then return a end
  a = ART_PREFIX[sub(k, 1, 4)] or ART_PREFIX3[sub(k, 1, 6)] or false
  if art_n >= 50000 then art_memo, art_n = {}, 0 end
  art_memo[k], art_n = a, art_n + 1
  return a
end

---------------------------------------------------------------------------
-- Gazetteers
---------------------------------------------------------------------------

-- A gazetteer source: path of a .tsv / .yaml / compiled file. Returns the
-- compiled object or raises "path: message".
local function compile(naskh, path, variants)
  if not naskh.gazetteer then
    error("naskh.gazetteer is not available in this build (the matcher binding is missing)", 0)
  end
  local g, err = naskh.gazetteer(path, variants and { variants = true } or nil)
  if not g then error(tostring(err or ("cannot load gazetteer " .. path)), 0) end
  return g
end
M.compile = compile

--[[ M.new(opts) -> finder
  opts.naskh       the naskh module (default require "naskh")
  opts.home        share dir with configs/ (bundled gazetteers)
  opts.gazetteers  list of user gazetteer paths (matched first)
  opts.bundled     use the bundled gazetteers (default true)
  opts.rules       apply the context rules (default true)
  opts.all         return every candidate, overlapping (default false)
  opts.variants    ask the matcher for spelling variants (default false)
  opts.cache       a table to keep compiled gazetteers in (per path)
  opts.model       the tagger model (path; default the bundled one; false: gazetteers and
                   rules only, the finder of naskh 0.1) ]]
function M.new(opts)
  opts = opts or {}
  local naskh = opts.naskh or require "naskh"
  local self = {
    naskh = naskh, rules = opts.rules ~= false, all = opts.all == true,
    variants = opts.variants == true, gaz = {},
  }
  local cache = opts.cache or {}
  local function load(path, user)
    local ck = path .. (self.variants and "#v" or "")
    local g = cache[ck]
    if not g then g = compile(naskh, path, self.variants); cache[ck] = g end
    self.gaz[#self.gaz + 1] = { g = g, path = path, user = user, prio = #self.gaz + 1 }
  end
  local paths = {}
  for _, p in ipairs(opts.gazetteers or {}) do load(p, true); paths[#paths + 1] = p end
  if opts.bundled ~= false then
    local home = opts.home or naskh.home or "."
    local bpaths = {}
    for _, name in ipairs(M.BUNDLED) do
      local p = home .. "/configs/gazetteers/" .. name .. ".yaml"
      load(p, false)
      paths[#paths + 1] = p
      bpaths[#bpaths + 1] = p
    end
    -- the bundled lists as one gazetteer too: one matcher pass instead of one per list
    self.merged = M.merge_lists(naskh, bpaths, self.variants, cache)
  end
  -- given names: the lexicon's plus the first words of the gazetteers' persons
  local gk = "given:" .. concat(paths, "\0")
  if not cache[gk] then
    local given, seen, links = {}, {}, {}
    for _, p in ipairs(paths) do M.learn_given(naskh, p, seen, links) end
    cache[gk .. "#links"] = links
    -- a word that starts two or more different names
    -- (words ending in ة are nouns there: قوة; the lexicon has the women's names)
    for k, n in pairs(seen) do
      if n >= 2 and sub(k, -2) ~= "ه" then given[k] = true end
    end
    for k in pairs(L.given_names) do given[k] = true end
    cache[gk] = given
  end
  self.given = cache[gk]
  self.links = cache[gk .. "#links"]
  -- the tagger: opts.model (a path), the bundled model by default, false for none
  local model = opts.model
  if model == nil then model = (opts.home or naskh.home or ".") .. "/" .. M.MODEL end
  if model then
    local t = cache["model:" .. model]
    if not t then
      local err
      if not naskh.tagger then error("naskh.tagger is not available in this build", 0) end
      t, err = naskh.tagger(model)
      if not t then error(tostring(err), 0) end
      cache["model:" .. model] = t
    end
    self.tagger = t
    -- second opinion: the context rules' entities and the bundled lists' persons where the
    -- tagger found nothing (measured: docs/entities.md); opts.second = {} turns it off
    self.second = opts.second or { rule = true, ["bundled:PERS"] = true }
  end
  return setmetatable(self, { __index = M })
end

-- The bundled lists (YAML files) compiled into one gazetteer, with the list each entry comes
-- from: {g = gazetteer, prio_of = {id = index of its file}, path = first file}, or false when
-- that cannot be told from the ids (an entry without a string id, an id in two files, a count
-- that differs): the lists are then matched one by one. Kept in cache.
function M.merge_lists(naskh, paths, variants, cache)
  local ck = "merged:" .. concat(paths, "\0") .. (variants and "#v" or "")
  if cache[ck] ~= nil then return cache[ck] end
  local prio_of, n = {}, 0
  local ok = naskh.yaml_load ~= nil and naskh.gazetteer ~= nil
  for i, p in ipairs(paths) do
    if not ok then break end
    local fh = io.open(p, "rb")
    local data = fh and fh:read("a")
    if fh then fh:close() end
    local v = data and p:match("%.ya?ml$") and naskh.yaml_load(data, p)
    if type(v) ~= "table" then ok = false; break end
    for _, e in ipairs(v) do
      if type(e) ~= "table" or type(e.id) ~= "string" or prio_of[e.id] then ok = false; break end
      prio_of[e.id], n = i, n + 1
    end
  end
  local g
  if ok then
    g = naskh.gazetteer({ files = paths }, variants and { variants = true } or nil)
    ok = g and g:info().entries == n
  end
  cache[ck] = ok and { g = g, prio_of = prio_of, path = paths[1] } or false
  return cache[ck]
end

-- Count in `given` (word key -> number of names) the first words of the
-- multi-word PERS names of a TSV or YAML gazetteer file (compiled images and
-- unreadable files are skipped); links (key of an entry's `given` -> {id=,
-- name=}) lets the title rule link الملك سلمان to person:salman.
function M.learn_given(naskh, path, given, links)
  local fh = io.open(path, "rb")
  if not fh then return end
  local data = fh:read("a") or ""
  fh:close()
  local function add(name)
    local first, rest = name:match("^%s*(%S+)%s+(%S.*)$")
    if not first or not rest then return end
    local k = key(first)
    if utf8.len(k) and utf8.len(k) >= 2 and not has_article(first) and not in_set(L.stop, k)
      and not in_set(L.person_titles, k) and not L.name_prefixes[k] and not first:match("^%p")
      and not L.name_links[k] and first ~= lex.family then
      given[k] = (given[k] or 0) + 1
    end
  end
  if path:match("%.ya?ml$") and naskh.yaml_load then
    local v = naskh.yaml_load(data, path)
    if type(v) ~= "table" then return end
    for _, e in ipairs(v) do
      if type(e) == "table" and e.type == "PERS" and links and type(e.given) == "string"
        and type(e.id) == "string" then
        links[key(e.given)] = links[key(e.given)] or { id = e.id, name = e.name }
      end
      if type(e) == "table" and e.type == "PERS" then
        if type(e.name) == "string" then add(e.name) end
        for _, a in ipairs(type(e.aliases) == "table" and e.aliases or {}) do
          if type(a) == "string" then add(a) end
        end
      end
    end
  elseif not data:match("^NKGAZ") then
    for line in data:gmatch("[^\n]+") do
      local surface, ty = line:match("^([^\t#][^\t]*)\t([^\t\r]+)")
      if surface and ty == "PERS" then add(surface) end
    end
  end
end

-- Resolve overlapping candidates: leftmost, then longest, then lowest prio.
local function by_start(a, b)
  local as, bs = a.s, b.s
  if as ~= bs then return as < bs end
  if a.e ~= b.e then return a.e > b.e end
  if (a._prio or 0) ~= (b._prio or 0) then return (a._prio or 0) < (b._prio or 0) end
  return (a.id or "") < (b.id or "")
end
-- (sorted in C when the module has naskh.entsort: the same order, without a Lua call per
-- comparison)
local entsort = require("naskh").entsort
local function resolve(cands)
  if entsort then entsort(cands, "span") else sort(cands, by_start) end
  local out, last = {}, 0
  for _, c in ipairs(cands) do
    if c.s > last then out[#out + 1] = c; last = c.e end
  end
  return out
end
M.resolve = resolve

-- Token index helpers: which token holds byte position p.
local function token_at(toks, p)
  local w = rawget(toks, "_w")
  if w then return w:at(p) end
  local lo, hi = 1, #toks
  while lo <= hi do
    local mid = (lo + hi) // 2
    local t = toks[mid]
    if p < t.s then hi = mid - 1 elseif p > t.e then lo = mid + 1 else return mid end
  end
  return nil
end

-- The first token from index lo on that ends at or after byte p (#toks + 1
-- if none): a binary search over toks[lo..].
local function token_from(toks, p, lo)
  local w = rawget(toks, "_w")
  if w then return w:from(p, lo) end
  local hi = #toks
  -- the answer is mostly a few tokens on (matches and spans come in text
  -- order): gallop from lo before the binary search
  local step = 1
  while lo + step <= hi and toks[lo + step].e < p do
    lo = lo + step + 1
    step = step * 2
  end
  if lo + step <= hi then hi = lo + step - 1 end
  while lo <= hi do
    local mid = (lo + hi) // 2
    if toks[mid].e < p then lo = mid + 1 else hi = mid - 1 end
  end
  return lo
end

local function meta_of(m)
  local meta = {}
  if type(m.meta) == "table" then for k, v in pairs(m.meta) do meta[k] = v end end
  return meta
end

-- All gazetteer candidates of text, as entity tables with token indexes.
-- The candidates of one gazetteer's matches ms into cands; prio: the list's priority, or a
-- function of the match (the merged bundled lists).
local function add_candidates(cands, text, toks, ms, user, prio)
  -- the words of every match at once, in C: _t1, _t2 = the words holding its first and last
  -- byte (what the searches below find)
  local w = rawget(toks, "_w")
  if w then w:locate(ms) end
  -- the matches come in text order: their tokens are searched from the
  -- previous match's token on
  local kc, last_s = 1, 0
  local fixed = type(prio) ~= "function" and prio
  for _, m in ipairs(ms) do
    -- a proclitic before a two-letter entry is mostly a word of its own: بين is not ب + ين
    if (m.clitic or "") ~= "" and (utf8.len(m.surface or "") or 0) <= 2 then goto continue end
    local meta = meta_of(m)
    -- the match table becomes the entity (s, e, surface, id, type, clitic,
    -- clitic_s, clitic_e are already there); its meta is a copy (the
    -- matcher shares one table between the matches of an entry)
    local e = m
    e.surface = m.surface or sub(text, m.s, m.e)
    e.name = m.name or meta.name or m.surface
    e.meta = meta
    e.source, e._prio = user and "user" or "bundled", fixed or prio(m)
    if w then
      e._t1, e._t2 = m._t1, m._t2
    elseif m.s >= last_s then
      last_s = m.s
      kc = token_from(toks, m.s, kc)
      local k2 = token_from(toks, m.e, kc)
      e._t1 = toks[kc] and toks[kc].s <= m.s and kc or nil
      e._t2 = toks[k2] and toks[k2].s <= m.e and k2 or nil
    else
      e._t1, e._t2 = token_at(toks, m.s), token_at(toks, m.e)
    end
    if meta.ambiguous == "true" or meta.ambiguous == true then e._amb = true end
    cands[#cands + 1] = e
    ::continue::
  end
end

-- All gazetteer candidates of text, as entity tables with token indexes: the lists in priority
-- order (the user's, then the bundled ones), each list's in its matcher's order.
function M:gazetteer_candidates(text, toks)
  local cands = {}
  local mopts = { all = true }
  if self.variants then mopts.variants = true end
  local merged, nuser = self.merged, 0
  for _, gz in ipairs(self.gaz) do
    if merged and not gz.user then break end
    local ms, err = gz.g:match(text, mopts)
    if not ms then error(gz.path .. ": " .. tostring(err), 0) end
    add_candidates(cands, text, toks, ms, gz.user, gz.prio)
    nuser = nuser + 1
  end
  if merged then
    -- one pass for the bundled lists; each match goes to its list's place (a stable bucket
    -- sort by list: the order the lists matched one by one give)
    local ms, err = merged.g:match(text, mopts)
    if not ms then error(merged.path .. ": " .. tostring(err), 0) end
    local prio_of, missing = merged.prio_of, false
    local part = {}
    add_candidates(part, text, toks, ms, false, function(m)
      local p = prio_of[m.id]
      if not p then missing = true; return 0 end
      return nuser + p
    end)
    if missing then
      -- an id the files did not name (cannot happen when the counts agreed): one by one
      for k = nuser + 1, #self.gaz do
        local gz = self.gaz[k]
        local ms1, err1 = gz.g:match(text, mopts)
        if not ms1 then error(gz.path .. ": " .. tostring(err1), 0) end
        add_candidates(cands, text, toks, ms1, gz.user, gz.prio)
      end
      return cands
    end
    local buckets = {}
    for _, e in ipairs(part) do
      local b = buckets[e._prio]
      if not b then b = {}; buckets[e._prio] = b end
      b[#b + 1] = e
    end
    for k = nuser + 1, #self.gaz do
      for _, e in ipairs(buckets[k] or {}) do cands[#cands + 1] = e end
    end
  end
  return cands
end

---------------------------------------------------------------------------
-- Rules
---------------------------------------------------------------------------

local function tok_is_word(t) return t and (t.cls == "ar" or t.cls == "lat") end

-- بن/ابن/بنت/ولد/آل: the next word belongs to the same name.
local name_links, family = L.name_links, lex.family
local function is_link(t) return t and (name_links[t.k] or t.text == family) end

local PRONOUN_ENDS = { "ها", "هم", "هما", "كم", "نا", "ته", "تها", "تهم" }
-- Is the shape of word t possible in a name? Not a word with a pronoun suffix
-- (رؤيته، معها), not و + word unless a known given name, no article after a
-- proclitic (للرئيس، بالقرار).
local function shape_ok(t, given)
  if t.cls == "lat" then return true end
  local k = t.k
  if utf8.len(k) < 2 then return false end
  local k4 = sub(k, 1, 4)
  if sub(k, 1, 6) == "وال" or sub(k, 1, 6) == "بال" or sub(k, 1, 6) == "فال" or sub(k, 1, 6) == "كال"
    or k4 == "لل" then
    return false
  end
  local known = given and (given[k] or given[sub(k, 3)])
  if sub(k, 1, 2) == "و" and not known then return false end
  local n = utf8.len(k)
  if not known then
    -- imperfect and future verbs: يتلقى، ستكون، سيتعامل
    if n >= 4 and sub(k, 1, 2) == "ي" then return false end
    if n >= 5 and (sub(k, 1, 4) == "سي" or sub(k, 1, 4) == "ست" or sub(k, 1, 4) == "سن") then return false end
    -- a short indefinite accusative: ردا، حقا
    if n == 3 and sub(k, -2) == "ا" then return false end
  end
  -- a raw final ه (not ة) after three letters is the pronoun suffix (فريقه، مرماه)
  if utf8.len(k) >= 4 and sub(t.text, -2) == "ه" and not k:match("الله$") and not k:match("لله$") then
    return false
  end
  if utf8.len(k) >= 5 then
    for _, suf in ipairs(PRONOUN_ENDS) do
      if sub(k, -#suf) == suf then return false end
    end
  end
  return true
end

-- Does word t look like ب/ل + a word of three or more letters (لكرة، بعنوان)?
-- A name after a title, or inside a name, does not start with a preposition;
-- known given names and short words (بوش) are exempt.
local function prep_clitic(t, given)
  if t.cls ~= "ar" then return false end
  local c, c2 = sub(t.k, 1, 2), sub(t.k, 3, 4)
  if (c == "ب" or c == "ل") and utf8.len(t.k) >= 4 then
    -- foreign names start ب/ل + a vowel letter or a liquid: بوتين، بيسكوف، لافروف، بلير
    if c2 == "ي" or c2 == "و" or c2 == "ا" or c2 == "ل" or c2 == "ر" then return false end
    return not (given and given[t.k])
  end
  return false
end

-- Could token t start or continue a person's name?
local function namelike_word(t)
  if not tok_is_word(t) then return false end
  if utf8.len(t.k) and utf8.len(t.k) < 2 then return false end
  if in_set(L.stop, t.k) or in_set(L.person_titles, t.k) or L.needs_complement[t.k] then return false end
  if in_set(L.org_heads, t.k) or in_set(L.org_triggers, t.k) or in_set(L.loc_triggers, t.k) then return false end
  return true
end

-- Read a person's name from token i: returns the last token index or nil.
-- Units: a word, or a prefix with its word (عبد الله، أبو مازن); بن/ابن/آل/بنت
-- chains continue the name; a word with the article may only come second
-- (family names: فيصل المشعل) or as an ordinal after a name. max: units.
local function read_name(toks, i, cover, max, allow_article_first, given)
  local function free(j) return toks[j] and not cover[j] and not toks[j].nl end
  local function namelike(t2) return namelike_word(t2) and shape_ok(t2, given) end
  local t = toks[i]
  if not t or cover[i] or not namelike(t) then return nil end
  if t.cls == "lat" then
    -- capitalised Latin words
    if not t.text:match("^%u") then return nil end
    local j = i
    while free(j + 1) and toks[j + 1].cls == "lat" and toks[j + 1].text:match("^%u") and j - i < 3 do j = j + 1 end
    return j
  end
  if has_article(t) and not allow_article_first then return nil end
  if prep_clitic(t, given) then return nil end
  local j, units = i, 1
  if L.name_prefixes[t.k] then
    if not (free(i + 1) and tok_is_word(toks[i + 1])) then return nil end
    j = i + 1
  end
  local last_unit_given = given and given[t.k]
  while true do
    local n1 = toks[j + 1]
    if not free(j + 1) or not tok_is_word(n1) then break end
    -- و inside a name starts another name: وكلارنس سيدورف، وهشام
    if n1.cls == "ar" and sub(n1.k, 1, 2) == "و" and not (given and given[n1.k]) then break end
    if n1.cls == "ar" and sub(n1.k, 1, 2) == "و" and given and given[sub(n1.k, 3)] then break end
    if is_link(n1) then
      -- X بن Y (بن عبد العزيز): the chain does not count against max
      local n2 = toks[j + 2]
      if free(j + 2) and tok_is_word(n2) and not in_set(L.stop, n2.k) then
        j = j + 2
        if L.name_prefixes[n2.k] and free(j + 1) and tok_is_word(toks[j + 1]) then j = j + 1 end
      else
        break
      end
    elseif L.ordinals[n1.k] and units >= 1 then
      j = j + 1
      break
    elseif (n1.k == "الدين" or n1.k == "الله") and toks[j].cls == "ar" and not is_link(toks[j]) then
      -- سيف الدين، نصر الله: one unit with the word before
      j = j + 1
    elseif units >= max or (units >= 2 and not last_unit_given) then
      -- a third word only after a second given name (عبدالرحيم محمد حسين)
      break
    elseif L.name_prefixes[n1.k] and free(j + 2) and tok_is_word(toks[j + 2]) then
      j = j + 2; units = units + 1
      last_unit_given = true
    elseif has_article(n1) then
      -- a family name with the article, only right after a one-word first name
      if units == 1 and j == i and namelike(n1) and not n1.k:match("يه$") and sub(n1.k, 1, 4) == "ال"
        and L.given_names[t.k] then
        j = j + 1; units = units + 1
      end
      break
    elseif namelike(n1) and (not prep_clitic(n1, given) or (units == 1 and given and given[t.k])) then
      j = j + 1; units = units + 1
      last_unit_given = given and given[n1.k]
    else
      break
    end
  end
  -- never end on a connector
  while j > i and (is_link(toks[j]) or L.name_prefixes[toks[j].k]) do j = j - 1 end
  -- noun + adjective in the indefinite accusative (هجوما عنيفا، اتصالا هاتفيا) is no name
  for k = i, j - 1 do
    local a, b = toks[k], toks[k + 1]
    if a.cls == "ar" and b.cls == "ar" and sub(a.k, -2) == "ا" and sub(b.k, -2) == "ا"
      and not (given and (given[a.k] or given[b.k])) then
      return nil
    end
  end
  return j
end

local function span_text(text, toks, i, j) return sub(text, toks[i].s, toks[j].e) end

-- Entity from tokens i..j (the clitic of token i is peeled when given).
local function make(text, toks, i, j, ty, rule, clitic)
  local s = toks[i].s + (clitic and #clitic or 0)
  local surface = sub(text, s, toks[j].e)
  local e = {
    s = s, e = toks[j].e, surface = surface, type = ty, name = surface,
    id = ty .. ":" .. key(surface), clitic = clitic or "", meta = { rule = rule }, source = "rule",
    _t1 = i, _t2 = j,
  }
  if clitic and clitic ~= "" then e.clitic_s, e.clitic_e = toks[i].s, s - 1 end
  return e
end

local given_memo = setmetatable({}, { __mode = "k" })
local scan_memo = setmetatable({}, { __mode = "k" })

-- triggers(k): which of the title, organization and place rules word key k
-- can start ({title=, org=, loc=}), or false; memoised (bounded).
local trig_memo, trig_n = {}, 0
local function triggers(k)
  local r = trig_memo[k]
  if r ~= nil then return r end
  local title = in_set(L.person_titles, k) ~= nil
  local org = in_set(L.org_heads, k) ~= nil or in_set(L.org_triggers, k) ~= nil
  local loc = in_set(L.loc_triggers, k) ~= nil
  r = (title or org or loc) and { title = title, org = org, loc = loc } or false
  if trig_n >= 50000 then trig_memo, trig_n = {}, 0 end
  trig_memo[k], trig_n = r, trig_n + 1
  return r
end

-- Raw clitic bytes of token t for a reading whose clitic (in key letters) is pre:
-- the key and the text agree on these letters (و ف ب ل ك carry no variants).
local function clitic_bytes(t, pre)
  if pre == "" then return nil end
  return sub(t.text, 1, #pre)
end

-- The word lists of the rules' scan, in C (naskh.entlists), for a set of given names.
local entlists_of = setmetatable({}, { __mode = "k" })
function M:entlists(given)
  local l = entlists_of[given]
  if not l then
    l = require("naskh").entlists {
      titles = L.person_titles, org_heads = L.org_heads, org_triggers = L.org_triggers,
      loc_triggers = L.loc_triggers, given = given, links = name_links, family = family,
    }
    entlists_of[given] = l
  end
  return l
end

-- The rules proper. gents: resolved gazetteer entities (with _t1/_t2).
function M:rule_candidates(text, toks, gents)
  local cover, ent_at = {}, {}
  for _, e in ipairs(gents) do
    if e._t1 and e._t2 then
      for k = e._t1, e._t2 do cover[k] = e end
      ent_at[e._t1] = e
    end
  end
  local out = {}
  local taken = {}
  local function emit(e)
    for k = e._t1, e._t2 do if taken[k] then return end end
    for k = e._t1, e._t2 do taken[k] = true end
    out[#out + 1] = e
  end
  local function covered(k) return cover[k] or taken[k] end
  local function free(k) return toks[k] and not covered(k) end
  -- person rules may start on (or run through) a one-word person of a user's
  -- gazetteer: a list of first names (مايكل) must not stop مايكل شوماخر
  local pcover = {}
  for k, e in pairs(cover) do
    if not (e.type == "PERS" and e.source == "user" and e._t1 == e._t2) then pcover[k] = e end
  end
  local function pfree(k) return toks[k] and not pcover[k] and not taken[k] end
  local function emit_person(e)
    if e._t1 == e._t2 and cover[e._t1] then return end -- the list has it already
    emit(e)
  end
  local n = #toks

  -- skip a title's complement from token j: words with the article, LOC/ORG/NORP
  -- entities, complement nouns, one comma; returns the first token after it.
  local function after_complement(j, required, strong)
    local steps, comma = 0, false
    local start = j
    while j <= n and steps < 6 do
      local t, ce = toks[j], cover[j]
      if ce and (ce.type == "NORP" or ce.type == "LOC" or ce.type == "ORG") then
        j = ce._t2 + 1
      elseif ce then
        break
      elseif tok_is_word(t) and ((has_article(t) and not strong) or L.complement[t.k])
        and not in_set(L.stop, t.k) then
        if j > start and in_set(L.person_titles, t.k) then break end
        j = j + 1
      elseif (t.text == "،" or t.text == ",") and not comma and j > start then
        comma = true; j = j + 1
      else
        break
      end
      steps = steps + 1
      if toks[j] and toks[j].nl then return nil end
    end
    if required and j == start then return nil end
    return j
  end

  local given = self.given or L.given_names
  -- a given name, bare or after و/ف (never after ب/ل: باسم is also بـ + اسم)
  local function given_reading_(k)
    if given[k] then return "", k end
    -- عبدالرحيم، عبدالواحد: عبد + a name written as one word
    if sub(k, 1, 10) == "عبدال" and utf8.len(k) >= 7 then return "", k end
    local c = sub(k, 1, 2)
    if (c == "و" or c == "ف") and given[sub(k, 3)] then return c, sub(k, 3) end
    return nil
  end
  -- memoised per list of given names (bounded; a list is complete once the rules use it)
  local gm = given_memo[given]
  if not gm then
    gm = { n = 0, pre = {}, rest = {} }
    given_memo[given] = gm
  end
  local function given_reading(k)
    local p = gm.pre[k]
    if p ~= nil then
      if p then return p, gm.rest[k] end
      return nil
    end
    local rp, rr = given_reading_(k)
    if gm.n >= 50000 then gm.pre, gm.rest, gm.n = {}, {}, 0 end
    gm.pre[k], gm.rest[k], gm.n = rp or false, rr, gm.n + 1
    return rp, rr
  end
  local function is_given(t) return t and given_reading(t.k) ~= nil end

  -- The words that can start rules 1, 3, 4, 5 and 6 (one pass over the words; the
  -- rules then visit only these, in text order).
  local c_title, c_org, c_loc, c_given, c_lat = {}, {}, {}, {}, {}
  -- what a word key can start, as bits (1 title, 2 org, 4 place, 8 given name), memoised
  -- per list of given names (bounded)
  local w = rawget(toks, "_w")
  if w then
    -- one pass in C over the words (nk_ent_scan) with the same word lists
    c_title, c_org, c_loc, c_given, c_lat = self:entlists(given):scan(w)
  else
    local sm = scan_memo[given]
    if not sm then
      sm = { n = 0, bits = {} }
      scan_memo[given] = sm
    end
    local sbits = sm.bits
    for i = 1, n do
      local t = toks[i]
      local cls = t.cls
      if cls == "ar" or cls == "lat" then
        local k = t.k
        local b = sbits[k]
        if not b then
          local tr = triggers(k)
          b = (tr and ((tr.title and 1 or 0) | (tr.org and 2 or 0) | (tr.loc and 4 or 0)) or 0)
            | (given_reading(k) ~= nil and 8 or 0)
          if sm.n >= 50000 then sbits, sm.n = {}, 0; sm.bits = sbits end
          sbits[k], sm.n = b, sm.n + 1
        end
        if b ~= 0 then
          if b & 1 ~= 0 then c_title[#c_title + 1] = i end
          if b & 2 ~= 0 then c_org[#c_org + 1] = i end
          if b & 4 ~= 0 then c_loc[#c_loc + 1] = i end
        end
        -- rule 3 needs a given name here or a name link next
        if b & 8 ~= 0 then
          c_given[#c_given + 1] = i
        else
          local nt = toks[i + 1]
          if nt and (name_links[nt.k] or nt.text == family) then c_given[#c_given + 1] = i end
        end
        if cls == "lat" and t.text:match("^%u%l") then c_lat[#c_lat + 1] = i end
      end
    end
  end

  -- 1. title rule: (clitic)TITLE [complement] NAME -> PERS. After a strong title
  -- (الرئيس، الملك، الشيخ...) one word is enough; otherwise the name needs two
  -- words or a known given name.
  for _, i in ipairs(c_title) do
    local t = toks[i]
    if not covered(i) then
      local pre, tk = in_set(L.person_titles, t.k)
      if tk then
        local j = after_complement(i + 1, L.needs_complement[tk], L.strong_titles[tk])
        if j and j <= n and pfree(j) and not toks[j].nl then
          local last = read_name(toks, j, pcover, 2, false, given)
          -- الشيخ القرضاوي: after a strong title, a nisba family name with the article
          local w = toks[j]
          if not last and L.strong_titles[tk] and sub(w.r or w.k, 1, 4) == "ال" and sub(w.k, -2) == "ي"
            and utf8.len(w.k) >= 6 and not L.complement[w.k] and not in_set(L.stop, w.k)
            and not (toks[j + 1] and pcover[j + 1]) then
            last = j
          end
          -- a single unknown word after a strong title: not a plural in ات, not an accusative in ا
          local single_ok = L.strong_titles[tk] and last == j and not toks[j].k:match("ات$")
            and not toks[j].k:match("..ا$")
          if last and (last > j or single_ok or is_given(toks[j]) or toks[j].cls == "lat") then
            local e = make(text, toks, j, last, "PERS", "title")
            e.meta.title = sub(t.text, #(clitic_bytes(t, pre) or "") + 1)
            e.meta.given_key = toks[j].k
            emit_person(e)
          end
        end
      end
    end
  end

  -- 2. nationality adjective used as a noun: NORP NAME -> PERS (الإسباني فرناندو ألونسو),
  -- when the name starts with a known given name or is Latin.
  for _, ge in ipairs(gents) do
    if ge.type == "NORP" and ge._t2 and has_article(toks[ge._t1]) then
      local j = ge._t2 + 1
      if pfree(j) and not toks[j].nl and (is_given(toks[j]) or (toks[j].cls == "lat" and toks[j].text:match("^%u"))) then
        local last = read_name(toks, j, pcover, 2, false, given)
        if last then
          local e = make(text, toks, j, last, "PERS", "nationality")
          e.meta.nationality = ge.id
          emit_person(e)
        end
      end
    end
  end

  -- 3. known given name + a name-like word -> PERS; X بن Y chains
  for _, i in ipairs(c_given) do
    local t = toks[i]
    if pfree(i) and tok_is_word(t) and not t.nl and not has_article(t) then
      local pre, gk = given_reading(t.k)
      local chain = is_link(toks[i + 1]) and pfree(i + 1) and namelike_word(t) and shape_ok(t, given)
        and pfree(i + 2) and tok_is_word(toks[i + 2]) and not has_article(toks[i + 2])
      if gk or chain then
        local cl = pre and clitic_bytes(t, pre) or nil
        local last = read_name(toks, i, pcover, 3, false, given)
        if last and last > i then
          emit_person(make(text, toks, i, last, "PERS", gk and "given-name" or "chain", cl))
        end
      end
    end
  end

  -- 4. organizations: HEAD words start the name (حزب العمال), TRIGGER words precede it
  for _, i in ipairs(c_org) do
    local t = toks[i]
    if free(i) then
      local pre, hk = in_set(L.org_heads, t.k)
      local pre2, tk = in_set(L.org_triggers, t.k)
      if hk or tk then
        local j = i + 1
        local last
        local bare = 0
        while toks[j] and tok_is_word(toks[j]) and not toks[j].nl and j - i <= 4 do
          local w = toks[j]
          if cover[j] then
            -- جامعة القاهرة: a head with a known place makes the organization;
            -- وكالة الأنباء السورية: a nationality adjective ends a name made of
            -- words with the article (not شركة توتال الفرنسية)
            if hk and j == i + 1 and cover[j].type == "LOC" then last = cover[j]._t2 end
            if last and cover[j].type == "NORP" and cover[j]._t1 == j and bare == 0
              and toks[last].cls ~= "lat" then
              last = cover[j]._t2
            end
            break
          end
          if taken[j] or in_set(L.stop, w.k) or in_set(L.person_titles, w.k) or not shape_ok(w, given) then break end
          if has_article(w) or (w.cls == "lat" and w.text:match("^%u")) then
            -- after one bare word, one word with the article ends the name (نادي شباب الرصيفة)
            if bare > 0 and w.cls ~= "lat" then
              if bare == 1 and tk and (L.org_clubs[tk] or false) then last = j end
              break
            end
            last = j; j = j + 1
          elseif tk and bare < 2 and (j == i + 1 or bare > 0) then
            -- شركة شل، صحيفة يديعوت أحرونوت: up to two bare words after a descriptor
            bare = bare + 1; last = j; j = j + 1
          else
            break
          end
        end
        -- an entity right after the trigger: a trigger before a known ORG/LOC adds nothing
        if last then
          if hk then
            emit(make(text, toks, i, last, "ORG", "org-head", pre ~= "" and clitic_bytes(t, pre) or nil))
          elseif L.org_agency[tk] and bare == 0 then
            -- وكالة الأنباء السورية: a descriptive name takes the descriptor along
            emit(make(text, toks, i, last, "ORG", "org-agency", pre2 ~= "" and clitic_bytes(t, pre2) or nil))
          else
            emit(make(text, toks, i + 1, last, "ORG", "org-trigger"))
          end
        end
      end
    end
  end

  -- 5. places: TRIGGER NAME -> LOC (مدينة حلب), the trigger not included
  for _, i in ipairs(c_loc) do
    local t = toks[i]
    if not covered(i) then
      local _, lk = in_set(L.loc_triggers, t.k)
      if lk and free(i + 1) and tok_is_word(toks[i + 1]) and not toks[i + 1].nl then
        local w = toks[i + 1]
        if not in_set(L.stop, w.k) and not L.loc_triggers[w.k] and not in_set(L.person_titles, w.k)
          and shape_ok(w, given) and not (has_article(w) and (w.k:match("يه$") or w.k:match("ي$"))) then
          local last = i + 1
          -- two-word names: X Y where Y is bare (not an adjective with the article)
          local w2 = toks[i + 2]
          if free(i + 2) and tok_is_word(w2) and not w2.nl and not has_article(w2)
            and not in_set(L.stop, w2.k) and w.cls == w2.cls and w.cls == "lat" then
            last = i + 2
          end
          emit(make(text, toks, i + 1, last, "LOC", "place-trigger"))
        end
      end
    end
  end

  -- 6. capitalised Latin names of two or more words (Angela Merkel) -> PERS? MISC
  for _, i in ipairs(c_lat) do
    local t = toks[i]
    if free(i) and t.cls == "lat" and t.text:match("^%u%l") and (i == 1 or toks[i - 1].cls ~= "lat") then
      local j = i
      while free(j + 1) and toks[j + 1].cls == "lat" and toks[j + 1].text:match("^%u%l") do j = j + 1 end
      if j > i then emit(make(text, toks, i, j, "MISC", "latin-caps")) end
    end
  end

  return out
end

-- Link rule persons to known entries (title + given name: الملك سلمان), and
-- propagate names found once to their other mentions in the document.
function M:propagate(text, toks, gents, rents)
  local given = {}
  for _, ge in ipairs(gents) do
    if ge.type == "PERS" and ge.meta and ge.meta.given then given[key(ge.meta.given)] = ge end
  end
  for k, l in pairs(self.links or {}) do given[k] = given[k] or l end
  for _, re in ipairs(rents) do
    if re.type == "PERS" and re.meta.rule == "title" and re._t1 == re._t2 then
      local ge = given[re.meta.given_key]
      if ge then re.id, re.name = ge.id, ge.name end
    end
  end
  -- propagation: full names (2+ tokens) and their last word
  local forms = {}
  for _, re in ipairs(rents) do
    local r = re.meta.rule
    local src_ok = r == "nationality" or r == "given-name" or r == "chain"
      or (r == "title" and (self.given or L.given_names)[toks[re._t1].k])
    if re.type == "PERS" and re._t2 > re._t1 and src_ok then
      local words = {}
      for k = re._t1, re._t2 do words[#words + 1] = key(toks[k].text) end
      forms[concat(words, " ")] = forms[concat(words, " ")] or re
      local lastw = words[#words]
      -- the family name alone, when the first name is one of the lexicon's given names
      if #words >= 2 and utf8.len(lastw) >= 4 and sub(lastw, -2) ~= "ه" and sub(lastw, -2) ~= "ا"
        and not has_article(toks[re._t2])
        and not L.ordinals[lastw]
        and L.given_names[words[1]] and not (self.given or L.given_names)[lastw]
        and not in_set(L.stop, lastw) then
        forms[lastw] = forms[lastw] or re
      end
    end
  end
  if next(forms) == nil then return {} end
  local cover = {}
  for _, e in ipairs(gents) do for k = e._t1 or 0, e._t2 or -1 do cover[k] = true end end
  for _, e in ipairs(rents) do for k = e._t1, e._t2 do cover[k] = true end end
  local first = {}
  for f in pairs(forms) do first[f:match("^%S+")] = true end
  local out = {}
  local n = #toks
  -- per word key: does a reading start one of the forms (most words: no)
  local starts = {}
  local w = rawget(toks, "_w")
  -- the words that can start a form: found in C (nk_ent_word_in) on the compact words
  local cand = w and w:starting(first)
  for ci = 1, cand and #cand or n do
    local i = cand and cand[ci] or ci
    local ti = toks[i]
    local cls = ti.cls
    local st = false
    if cand then
      st = not cover[i]
    elseif not cover[i] and (cls == "ar" or cls == "lat") then
      local k = ti.k
      st = starts[k]
      if st == nil then
        st = false
        local rs = memo[k] or readings_m(k)
        for ri = 1, #rs do
          if first[rs[ri][2]] then st = true; break end
        end
        starts[k] = st
      end
    end
    if st then
      local rs = memo[ti.k] or readings_m(ti.k)
      for ri = 1, #rs do
        local r = rs[ri]
        if not first[r[2]] then goto next_reading end
        local found
        for len = 4, 1, -1 do
          if i + len - 1 <= n then
            local ws = { r[2] }
            local okw = true
            for k = i + 1, i + len - 1 do
              if cover[k] or not tok_is_word(toks[k]) then okw = false; break end
              ws[#ws + 1] = toks[k].k
            end
            local src = okw and forms[concat(ws, " ")]
            if src then
              local e = make(text, toks, i, i + len - 1, "PERS", "propagate", clitic_bytes(toks[i], r[1]))
              e.id, e.name = src.id, src.name
              for k = i, i + len - 1 do cover[k] = true end
              out[#out + 1] = e
              found = true
              break
            end
          end
        end
        if found then break end
        ::next_reading::
      end
    end
  end
  return out
end

-- Decide the one-word mentions of ambiguous entries (meta ambiguous: true):
-- kept with a context word before them, a proclitic (places), a sure entity
-- of the same type beside them, or when the same entry is sure elsewhere in
-- the document (matched in a longer form, or confirmed once by context).
local function confirm_ambiguous(toks, gents)
  local sure, ok = {}, {}
  for idx, e in ipairs(gents) do
    if not (e._amb and e._t1 == e._t2) then
      sure[e.id] = true
      ok[idx] = true
    end
  end
  for idx, e in ipairs(gents) do
    if not ok[idx] then
      local prev = toks[e._t1 - 1]
      local conf = L.confirm[e.type]
      local yes = prev and conf and tok_is_word(prev) and in_set(conf, prev.k) and true or false
      -- the clitic itself may be the context (في -> ب: بمالي)
      if not yes and e.clitic and e.clitic ~= "" and e.type == "LOC" then yes = true end
      -- coordination with a sure entity of the same type: مالي والنيجر، النيجر ومالي
      if not yes then
        local function coord(a, b) -- a before b: "a وb" or "a، b"
          if not (a and b and a.type == b.type and a._t2 and b._t1) then return false end
          if b._t1 == a._t2 + 1 then return sub(b.clitic or "", 1, 2) == "و" end
          local mid = toks[a._t2 + 1]
          return b._t1 == a._t2 + 2 and mid and (mid.text == "،" or mid.text == ",")
        end
        local p, q = gents[idx - 1], gents[idx + 1]
        if (p and not p._amb and coord(p, e)) or (q and not q._amb and coord(e, q)) then yes = true end
      end
      if yes then ok[idx] = true; sure[e.id] = true end
    end
  end
  local keep = {}
  for idx, e in ipairs(gents) do
    -- a one-word form shaped like a nisba adjective (العربية) needs its own context
    -- every time: one قناة العربية does not make every العربية a channel
    local k = toks[e._t1] and toks[e._t1].k or ""
    local adjective = e._amb and e._t1 == e._t2 and has_article(toks[e._t1])
      and (sub(k, -2) == "ي" or sub(k, -4) == "يه")
    if ok[idx] or (sure[e.id] and not adjective) then keep[#keep + 1] = e end
  end
  return keep
end

-- Join a person's name cut in two pieces (a rule's first name and a
-- gazetteer's family name: عمرو + موسى; X + بن + Y) into one entity.
local function merge_persons(text, toks, ents)
  local out = {}
  for _, e in ipairs(ents) do
    local p = out[#out]
    local gap = p and p._t2 and e._t1 and e._t1 - p._t2
    local joined = p and p.type == "PERS" and e.type == "PERS" and (e.clitic or "") == ""
      and not (p.source == "bundled" and e.source == "bundled")
      and (gap == 1 or (gap == 2 and is_link(toks[p._t2 + 1]))) and not toks[e._t1].nl
    if joined then
      local known = (p.source == "bundled" and p) or (e.source == "bundled" and e) or nil
      local surface = sub(text, p.s, e.e)
      local m = {
        s = p.s, e = e.e, surface = surface, type = "PERS", clitic = p.clitic,
        clitic_s = p.clitic_s, clitic_e = p.clitic_e, source = "rule", meta = { rule = "merge" },
        id = known and known.id or ("PERS:" .. key(surface)), name = known and known.name or surface,
        _t1 = p._t1, _t2 = e._t2,
      }
      out[#out] = m
    else
      out[#out + 1] = e
    end
  end
  return out
end

local function finish(e)
  -- the finder's working fields (_t1, _t2: token indexes; _prio; _amb) go
  e._t1, e._t2, e._prio, e._amb = nil, nil, nil, nil
  if e.meta then e.meta.given_key = nil end
  return e
end

-- The finder of naskh 0.1 on the words of text: gazetteer candidates, resolved and confirmed,
-- context rules, propagation and merged persons. Returns the entities (not finished), the
-- gazetteer candidates and the rules' candidates.
function M:rule_path(text, toks)
  local cands = self:gazetteer_candidates(text, toks)
  local gents = confirm_ambiguous(toks, resolve(cands))
  local result, rents = gents, {}
  if self.rules then
    rents = self:rule_candidates(text, toks, gents)
    local prop = self:propagate(text, toks, gents, rents)
    result = {}
    for _, e in ipairs(gents) do result[#result + 1] = e end
    for _, e in ipairs(rents) do result[#result + 1] = e end
    for _, e in ipairs(prop) do result[#result + 1] = e end
    result = merge_persons(text, toks, resolve(result))
  end
  return result, cands, rents
end

-- Hints for the tagger (naskh.tagger, core/nk_tagger.h): every gazetteer match, overlapping
-- ones too, as {s=, e=, type=, source = "user" | "bundled"} (s from the proclitic on, so the
-- word holding it is found), and with rules on the context rules' candidates (source "rule").
-- Also returns the entities of the rule path (M:rule_path), for linking, and the words.
local HINT_TYPES = { PERS = true, LOC = true, ORG = true, MISC = true, NORP = true }
function M:hints(text, toks)
  toks = toks or words_c(text)
  local result, cands, rents = self:rule_path(text, toks)
  local out = {}
  for _, c in ipairs(cands) do
    if HINT_TYPES[c.type] then
      out[#out + 1] = { s = c.clitic_s or c.s, e = c.e, type = c.type, source = c.source }
    end
  end
  for _, r in ipairs(rents) do
    if HINT_TYPES[r.type] then
      out[#out + 1] = { s = r.clitic_s or r.s, e = r.e, type = r.type, source = "rule" }
    end
  end
  return out, result, toks, cands
end

---------------------------------------------------------------------------
-- The tagger path: the model decides what is an entity and its type; the
-- gazetteers and rules are its hints, and a tagged span that a list entry
-- covers exactly, with the same type, carries the entry's id, name and meta.
---------------------------------------------------------------------------

local AL, LL = "\216\167\217\132", "\217\132\217\132" -- ال, لل
local PROCLITIC = { ["\217\136"] = true, ["\217\129"] = true, ["\216\168"] = true,
  ["\217\132"] = true, ["\217\131"] = true } -- و ف ب ل ك

-- The proclitic bytes to peel from a tagged span's first word: و ف ب ل ك in front of the
-- article (والرياض -> الرياض, بالعراق; للعراق -> ل + لعراق as the matcher writes it), and
-- nothing before a bare name (وليد stays whole).
local function tagged_clitic(t)
  local w = t.text
  local i = 1
  while i <= 5 and PROCLITIC[sub(w, i, i + 1)] do
    if sub(w, i + 2, i + 5) == AL and #w >= i + 9 then return sub(w, 1, i + 1) end
    if sub(w, i, i + 3) == LL and #w >= i + 7 then return sub(w, 1, i + 1) end
    i = i + 2
  end
  return nil
end

-- Does a list entry's reading agree with the text? Not for a last word written with tanween
-- fatha (an adverb: دوماً, not Douma).
-- Nor a place when the next word is لل + a noun of the lexicon's org_after_place (مصر
-- للطيران, the airline, not Egypt): a company or body named after a place.
-- Nor a person whose first word is a given name that the entry's name does not have (محمد
-- البشير is not عمر البشير) when the link comes from a rule (merged names, the title rule)
-- or from the end of a name: given is the finder's set of given names, t1 the first word.
local function given_ok(c, t1, t2, given)
  -- a list entry matched on these very words vouches for them (an alias: دميترى بيسكوف)
  if c.type ~= "PERS" or t1 == t2 or not given or (c.source ~= "rule" and c.source ~= "tagger") then
    return true
  end
  local k = t1.k
  if not given[k] then return true end
  for w in key(c.name or ""):gmatch("%S+") do if w == k then return true end end
  return false
end

local function link_ok(c, t2, nxt, t1, given)
  if not t2 then return false end
  if t1 and not given_ok(c, t1, t2, given) then return false end
  local raw = t2.text
  if sub(raw, -2) == "\217\139" or sub(raw, -4, -3) == "\217\139" then return false end
  if c.type == "LOC" and nxt and nxt.cls == "ar" and not nxt.nl and sub(nxt.k, 1, 4) == LL
    and L.org_after_place["\216\167" .. sub(nxt.k, 3)] then
    return false
  end
  return c.id ~= nil
end

function M:find_tagged(text)
  local toks = words_c(text)
  local hints, found, _, cands = self:hints(text, toks)
  local spans = self.tagger:entities(text, hints)
  -- what the rule path found (ids, names, clitics, rules' meta), then every list match, by
  -- words and type
  -- (by[type][t1 * 2^26 + t2]: integer keys, no string built per candidate)
  local by = {}
  local function by_of(ty)
    local b = by[ty]
    if not b then b = {}; by[ty] = b end
    return b
  end
  for _, c in ipairs(found) do
    if c._t1 and c._t2 then by_of(c.type)[c._t1 * 67108864 + c._t2] = c end
  end
  for _, c in ipairs(cands) do
    if c._t1 and c._t2 then
      local b, k = by_of(c.type), c._t1 * 67108864 + c._t2
      local cur = b[k]
      if not cur or (cur._prio and c._prio < cur._prio and cur.source ~= "rule") then b[k] = c end
    end
  end
  -- a tagged name that is the last word(s) of a name linked elsewhere in the text (بوتين after
  -- فلاديمير بوتين) takes that link; a form two linked names end with links to neither
  local tail = {}
  for _, c in ipairs(found) do
    if c.id and c._t1 and c._t2 and c._t2 > c._t1 and c.source ~= "tagger"
      and not c.id:find("^%u+:") then
      for k = c._t2, c._t1 + 1, -1 do
        local words = {}
        for x = k, c._t2 do words[#words + 1] = toks[x].k end
        local tk = c.type .. ":" .. concat(words, " ")
        local cur = tail[tk]
        if cur == nil then tail[tk] = c elseif cur and cur.id ~= c.id then tail[tk] = false end
      end
    end
  end
  local function by_tail(i, j, ty)
    local words = {}
    for x = i, j do
      local k = toks[x].k
      if x == i then
        local cl = tagged_clitic(toks[i])
        if cl then k = key(sub(toks[i].text, #cl + 1)) end
      end
      words[#words + 1] = k
    end
    return tail[ty .. ":" .. concat(words, " ")]
  end
  local out, lo, covered = {}, 1, {}
  -- the spans' words in one C call (the spans come in text order: the same words as the
  -- searches from the previous span on)
  local w = rawget(toks, "_w")
  if w then w:locate(spans, "from") end
  for _, sp in ipairs(spans) do
    local i, j
    if w then
      i, j = sp._t1, sp._t2
    else
      i = token_from(toks, sp.s, lo)
      j = token_from(toks, sp.e, i)
    end
    lo = i
    -- a single word written with tanween fatha is an adverb or an indefinite noun (دوماً،
    -- غداً), not a place, body or event name
    local adverb = toks[i] and i == j and sp.type ~= "PERS"
      and (sub(toks[i].text, -2) == "\217\139" or sub(toks[i].text, -4, -3) == "\217\139")
    if toks[i] and toks[j] and not adverb then
      local c = by[sp.type] and by[sp.type][i * 67108864 + j]
      local e
      if c and link_ok(c, toks[j], toks[j + 1], toks[i], self.given) then
        e = c
      else
        e = make(text, toks, i, j, sp.type, nil, tagged_clitic(toks[i]))
        e.source, e.meta = "tagger", {}
        local l = by_tail(i, j, sp.type)
        if l and link_ok(l, toks[j], toks[j + 1], toks[i], self.given) then
          e.id, e.name = l.id, l.name
          e.meta = meta_of(l)
          e.meta.rule = nil
          e.source = l.source
        end
      end
      for k = i, j do covered[k] = true end
      out[#out + 1] = e
    end
  end
  -- nationality adjectives (NORP) of the lists, which the tagger does not claim, and (second
  -- opinion, when set) what the rule path found from the sources in self.second where the
  -- tagger found nothing
  local second = self.second or {}
  -- second["source:TYPE"] as second2[source][TYPE] (no string built per entity)
  if self._second_of ~= second then
    local s2 = {}
    for k, v in pairs(second) do
      local src, ty = tostring(k):match("^(.-):(.*)$")
      if src and v then
        s2[src] = s2[src] or {}
        s2[src][ty] = true
      end
    end
    self._second_of, self._second2 = second, s2
  end
  local second2 = self._second2
  for _, c in ipairs(found) do
    local s2 = second2[c.source]
    if (c.type == "NORP" or second[c.source] or (s2 and s2[c.type])) and c._t1 and c._t2 then
      local free = true
      for k = c._t1, c._t2 do if covered[k] then free = false end end
      -- ال...ى after a definite feminine noun is an elative adjective agreeing with it (الرئة
      -- اليمنى، اليد اليسرى), not a nisba (which would end in ية there)
      local w, prev = toks[c._t2], toks[c._t1 - 1]
      if c.type == "NORP" and c._t1 == c._t2 and sub(w.text, -2) == "\217\137" and has_article(w)
        and prev and sub(prev.k, -2) == "\217\135" and has_article(prev) then
        free = false
      end
      if free and not given_ok(c, toks[c._t1], toks[c._t2], self.given) then
        c.id, c.name, c.meta = "PERS:" .. key(c.surface), c.surface, {}
      end
      if free then out[#out + 1] = c end
    end
  end
  if entsort then
    entsort(out, "start")
  else
    sort(out, function(a, b) return a.s < b.s end)
  end
  for _, e in ipairs(out) do finish(e) end
  return out
end

-- find(text) -> entities sorted by position.
function M:find(text)
  if self.tagger and not self.all then return self:find_tagged(text) end
  local toks = words_c(text)
  if self.all then
    local cands = self:gazetteer_candidates(text, toks)
    local out = {}
    for _, c in ipairs(cands) do out[#out + 1] = c end
    if self.rules then
      for _, r in ipairs(self:rule_candidates(text, toks, resolve(cands))) do out[#out + 1] = r end
    end
    -- (equal spans keep their order in C: the lists' priority order, then the rules)
    if entsort then
      entsort(out, "extent")
    else
      sort(out, function(a, b) if a.s ~= b.s then return a.s < b.s end return a.e > b.e end)
    end
    for _, e in ipairs(out) do finish(e) end
    return out
  end
  local result = self:rule_path(text, toks)
  for _, e in ipairs(result) do finish(e) end
  return result
end

-- entities(text [, opts]) -> entities: the finder as one call (also naskh.entities in the C
-- module). opts as M.new (home defaults to naskh.home); finders are kept per options, so the
-- lists and the model load once.
local finders, nfinders = {}, 0
function M.entities(text, opts)
  if type(text) ~= "string" then error("naskh.entities: text must be a string", 2) end
  opts = opts or {}
  local parts = {}
  for _, k in ipairs { "home", "bundled", "rules", "all", "variants", "model" } do
    parts[#parts + 1] = tostring(opts[k])
  end
  for _, g in ipairs(opts.gazetteers or {}) do parts[#parts + 1] = g end
  local ck = concat(parts, "\0")
  local f = finders[ck]
  if not f then
    local o = {}
    for k, v in pairs(opts) do o[k] = v end
    o.naskh = o.naskh or require "naskh"
    o.home = o.home or o.naskh.home
    f = M.new(o)
    if nfinders >= 16 then finders, nfinders = {}, 0 end
    finders[ck], nfinders = f, nfinders + 1
  end
  return f:find(text)
end

---------------------------------------------------------------------------
-- Counts (the cross-document view)
---------------------------------------------------------------------------

-- written(e): the surface as a reader would write it alone. After the
-- proclitic ل the article's alef is dropped (للأسد: clitic ل, surface لأسد);
-- when ال + the rest is part of the canonical name, that form is given back.
function M.written(e)
  local sf = e.surface or ""
  local cl = e.clitic or ""
  if cl ~= "" and sub(cl, -2) == "ل" and sub(sf, 1, 2) == "ل" and e.name then
    local full = "ا" .. sf
    if key(e.name):find(key(full), 1, true) then return full end
  end
  return sf
end

--[[ counts(entities [, types]) -> list of {id=, name=, type=, count=, surfaces={surface=n}}
  sorted by count (desc), then name. types: set of types to keep (nil: all). ]]
function M.counts(ents, types)
  local by, order = {}, {}
  for _, e in ipairs(ents or {}) do
    if not types or types[e.type] then
      local id = e.id or (e.type .. ":" .. key(e.surface or ""))
      local c = by[id]
      if not c then
        c = { id = id, name = e.name or e.surface, type = e.type, count = 0, surfaces = {} }
        by[id] = c; order[#order + 1] = c
      end
      c.count = c.count + 1
      local sf = M.written(e)
      c.surfaces[sf] = (c.surfaces[sf] or 0) + 1
    end
  end
  sort(order, function(a, b)
    if a.count ~= b.count then return a.count > b.count end
    return a.name < b.name
  end)
  return order
end

--[[ merge_counts(lists) -> one list: per id, count = sum, docs = number of lists with it. ]]
function M.merge_counts(lists)
  local by, order = {}, {}
  for _, list in ipairs(lists) do
    for _, c in ipairs(list) do
      local m = by[c.id]
      if not m then
        m = { id = c.id, name = c.name, type = c.type, count = 0, docs = 0, surfaces = {} }
        by[c.id] = m; order[#order + 1] = m
      end
      m.count = m.count + c.count
      m.docs = m.docs + 1
      for sf, k in pairs(c.surfaces or {}) do m.surfaces[sf] = (m.surfaces[sf] or 0) + k end
    end
  end
  sort(order, function(a, b)
    if a.count ~= b.count then return a.count > b.count end
    if a.docs ~= b.docs then return a.docs > b.docs end
    return a.name < b.name
  end)
  return order
end

return M
