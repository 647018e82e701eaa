-- naskh.stages.quotes: who said what, in one article.
--
-- doc.quotes = { {s=, e=, text=, kind=, verb=, lemma=, verb_span=, speaker=, source=, unclosed=}, ... }
--   s, e       the quoted words (inside the quote marks; for reported speech,
--              from after إن/أن/: to the end of the sentence)
--   kind       direct (in quote marks) | reported (قال ... إن ...)
--   verb       the speech verb as written, without و/ف ("قال", "أضافت"); lemma its
--              folded masculine form ("قال", "اضاف"); verb_span = {s=, e=}
--   speaker    {s=, e=, text=, id=, type=, name=, how=} or nil; id/type/name come
--              from doc.entities (the entities stage) when an entity matches.
--              how: explicit (after the verb) | before_verb (بوتين قال ...) |
--              clause (the subject of an earlier clause of the sentence) |
--              previous (وأضاف أن ...: the person last named as a subject since
--              the previous quote of the paragraph, else the last speaker)
--   source     {s=, e=, text=, id=?} when the text names one (بحسب ما ذكرته وكالة
--              فرانس برس، وفق «فرانس برس»، نقلت وكالة ... عن X)
--   unclosed   true when the closing quote mark is missing (the quote runs to
--              the end of the paragraph)
-- Text dropped by the clean stage is skipped. Lines are read in blocks: the
-- core's logical lines (a hard-wrapped paragraph is one; option join_lines,
-- as in the split stage). The speech verbs and the cue words are data
-- (configs/data/speech_verbs.txt, quote_cues.txt; options verbs_file, verbs,
-- cues_file, cues). The quotes_merge corpus stage merges the same quote across
-- articles.
local naskh = require "naskh"
local artext = require "naskh.text.artext"
local spans = require "naskh.text.spans"

local sub, find, byte, fold = string.sub, string.find, string.byte, artext.fold

-- The speech verb lexicon (configs/data/speech_verbs.txt and the recipe's
-- `verbs`), loaded by load_lexicon() before a document is read:
--   VERBS       folded form -> lemma (speech verbs)
--   ADVERBIAL   folded participle -> lemma (مضيفا أن: the same speaker goes on)
--   IMPERSONAL  folded form -> true (وصفت بأنها، يعتقد أن: no quote when the
--               complementizer follows at once)
--   OBJECT_PREP lemma -> {folded preposition = true}: what follows the
--               preposition is the content (شدد على ضرورة ...، أشار إلى تجاوزات)
--   DIRECT_OBJECT lemma -> true: a participle of it takes the noun phrase
--               right after it as the content (متوقعا دخول المشروع ...)
--   NONSPEAKER  folded noun -> true: data as the subject of a verb (تقول
--               الأرقام، تكشف التحليلات) is evidence, not speech: no quote
--   REQUIRES    folded form -> folded preposition: the form is a speech verb
--               only with it in the gap (عبر عن ...; عبر alone is "via")
--   ALSO_PREP   folded form -> true: the form is also a preposition (عبر), so
--               without its REQUIRES preposition next it does not end a gap
-- The cue words (configs/data/quote_cues.txt and the recipe's `cues`), loaded
-- with the verbs: COMP introduces reported content (إن، بأنه), FA_COMP the same
-- after a source cue (فإن), CUT ends a name, SOURCE_MARK is a source cue,
-- NOT_SOURCE heads what was said (وفق تصريحات), COMMENT_AFTER_COMMA starts the
-- writer's words after a comma, OPENER opens a sentence before its subject,
-- DEMONSTRATIVE is dropped before a speaker, OWNER is a one-word head that takes
-- its owner (بيان للكرملين), PREP before a name makes it an object.
local FUNCTION_WORD = { ["ان"] = true, ["بان"] = true, ["التي"] = true, ["الذي"] = true, ["و"] = true,
  ["وقد"] = true, ["فقد"] = true, ["لقد"] = true,
  ["ما"] = true, ["لا"] = true, ["قد"] = true, ["كما"] = true, ["ثم"] = true, ["لكن"] = true, ["انه"] = true }

local RELATIVE = { ["التي"] = true, ["الذي"] = true, ["الذين"] = true }

-- Quote marks.
local OPEN_G, CLOSE_G = "\xC2\xAB", "\xC2\xBB"     -- « »
local LDQ, RDQ = "\xE2\x80\x9C", "\xE2\x80\x9D"     -- “ ”

-- Strip one leading و/ف from a folded word.
local function unclitic(f)
  local c = sub(f, 1, 2)
  if (c == "\xD9\x88" or c == "\xD9\x81") and #f > 4 then return sub(f, 3), true end
  return f, false
end

-- (VERBS_CL: the same verbs with و/ف glued on: folded form -> {lemma, form without the clitic}.)
-- These tables make one lexicon object per recipe context (ctx.cache; see load_lexicon), which
-- a run reaches as self.lex: nothing of it is kept at module level.

-- One lexicon line "FORM [LEMMA] [FLAG...]" into the tables; nil, why on a bad line.
local function add_verb(line, tables)
  local words = {}
  for w in line:gmatch("%S+") do words[#words + 1] = w end
  local form = words[1] and fold(words[1])
  if not form or form == "" then return nil, "empty entry" end
  local lemma, flags, preps = form, {}, {}
  for k = 2, #words do
    local w = words[k]
    if w == "adverbial" or w == "impersonal" or w == "nofem" or w == "direct" or w == "nonspeaker"
        or w == "past" or w == "prep" then
      flags[w] = true
    elseif w:sub(1, 1) == "+" and #w > 1 then preps[#preps + 1] = fold(w:sub(2))
    elseif w:sub(1, 1) == "!" and #w > 1 then tables.requires[form] = fold(w:sub(2))
    elseif k == 2 then lemma = fold(w)
    else
      return nil, "unknown flag '" .. w .. "' (adverbial, impersonal, nofem, direct, nonspeaker, past, prep, "
        .. "+PREPOSITION, !PREPOSITION)"
    end
  end
  if flags.nonspeaker then tables.nonspeaker[form] = true; return true end
  if flags.direct then tables.direct[lemma] = true end
  for _, p in ipairs(preps) do
    local t = tables.object[lemma] or {}
    t[p] = true
    tables.object[lemma] = t
  end
  if flags.adverbial then tables.adverbial[form] = lemma; return true end
  tables.verbs[form] = tables.verbs[form] or lemma
  if flags.impersonal then tables.impersonal[form] = true end
  if flags.prep then tables.also_prep[form] = true end
  local c = sub(form, 1, 2)
  local req = tables.requires[form]
  if not flags.nofem and (flags.past or c ~= "\xD9\x8A" and c ~= "\xD8\xAA") then -- not ي/ت: a past form
    tables.verbs[form .. "\xD8\xAA"] = tables.verbs[form .. "\xD8\xAA"] or lemma
    if flags.impersonal then tables.impersonal[form .. "\xD8\xAA"] = true end
    if req then tables.requires[form .. "\xD8\xAA"] = req; tables.requires[form .. "\xD9\x88\xD8\xA7"] = req end
    -- and the masculine plural (قالوا، أكدوا، أضافوا)
    tables.verbs[form .. "\xD9\x88\xD8\xA7"] = tables.verbs[form .. "\xD9\x88\xD8\xA7"] or lemma
  end
  return true
end

local CUE_SECTIONS = { complementizer = true, name_end = true, source = true, not_source = true, aside = true,
  opener = true, demonstrative = true, owner = true, before_object = true, frame = true, title_head = true,
  pronoun = true }

-- One cue line "SECTION: WORD ..." into sets; nil, why on a bad line. An entry
-- of two words is written in double quotes ("من المؤكد"); it is kept as the
-- folded words joined by one space.
local function add_cues(line, sets)
  local section, rest = line:match("^%s*([%w_]+)%s*:%s*(.-)%s*$")
  if not section then return nil, "expected 'SECTION: WORD ...'" end
  if not CUE_SECTIONS[section] then
    return nil, "unknown section '" .. section .. "' (complementizer, name_end, source, not_source, aside, "
      .. "opener, demonstrative, owner, before_object, frame, title_head, pronoun)"
  end
  local set = sets[section]
  rest = rest:gsub('"([^"]*)"', function(phrase)
    local ws = {}
    for w in phrase:gmatch("%S+") do ws[#ws + 1] = fold(w) end
    if #ws > 0 then set[table.concat(ws, " ")] = true end
    return " "
  end)
  if rest:find('"', 1, true) then return nil, "unclosed '\"'" end
  for w in rest:gmatch("%S+") do set[fold(w)] = true end
  return true
end

-- Load the cue words of opts into COMP, FA_COMP, CUT, ... (see above).
-- A lexicon option pair, as the recipe gives it: the file (resolved against the recipe), then
-- the recipe's own list; each entry goes through add(entry, into), and a bad one is an error
-- naming the file and entry number (or the list and index).
local function option_path(ctx, file)
  return file ~= "" and ctx and ctx.resolve and ctx:resolve(file) or file
end

local function load_entries(ctx, file_opt, file, list_opt, list, add, into)
  local path = option_path(ctx, file)
  if path ~= "" then
    for i, line in ipairs(artext.need_list(path, "quotes: cannot read " .. file_opt)) do
      local ok, why = add(line, into)
      if not ok then error(string.format("quotes: %s: entry %d: %s", path, i, why), 0) end
    end
  end
  for i, line in ipairs(list or {}) do
    local ok, why = add(line, into)
    if not ok then error(string.format("quotes: %s[%d]: %s", list_opt, i, why), 0) end
  end
  return path
end

local function load_cues(opts, ctx, L)
  local sets = {}
  for k in pairs(CUE_SECTIONS) do sets[k] = {} end
  local path = load_entries(ctx, "cues_file", opts.cues_file, "cues", opts.cues, add_cues, sets)
  L.COMP, L.FA_COMP = {}, {}
  for w in pairs(sets.complementizer) do
    L.COMP[w] = true
    L.COMP["\xD8\xA8" .. w] = true -- بأن
    L.FA_COMP["\xD9\x81" .. w] = true -- فإن
  end
  L.CUT, L.SOURCE_MARK, L.NOT_SOURCE, L.COMMENT_AFTER_COMMA = sets.name_end, sets.source, sets.not_source, sets.aside
  L.OPENER, L.DEMONSTRATIVE, L.OWNER, L.PREP = sets.opener, sets.demonstrative, sets.owner, sets.before_object
  L.FRAME, L.TITLE_HEAD, L.PRONOUN = sets.frame, sets.title_head, sets.pronoun
  return path
end

-- The lexicon of opts (the verb file, then the recipe's `verbs`; the cue file, then `cues`):
-- a table {VERBS=, ADVERBIAL=, IMPERSONAL=, OBJECT_PREP=, DIRECT_OBJECT=, NONSPEAKER=,
-- REQUIRES=, VERBS_CL=, COMP=, ...}, built once per stage context (kept in ctx.cache while
-- the options name the same lexicon; without a context, built for the call).
local function load_lexicon(opts, ctx)
  local cache = ctx and ctx.cache
  local path = option_path(ctx, opts.verbs_file)
  local cues_path = option_path(ctx, opts.cues_file)
  local key = path .. "\0" .. table.concat(opts.verbs or {}, "\0") .. "\1" .. cues_path .. "\0"
    .. table.concat(opts.cues or {}, "\0")
  if cache and cache.quotes_lexicon and cache.quotes_lexicon.key == key then return cache.quotes_lexicon.lex end
  local L = {}
  load_cues(opts, ctx, L)
  local tables = { verbs = {}, adverbial = {}, impersonal = {}, object = {}, direct = {}, nonspeaker = {},
    requires = {}, also_prep = {} }
  load_entries(ctx, "verbs_file", opts.verbs_file, "verbs", opts.verbs, add_verb, tables)
  L.VERBS, L.ADVERBIAL, L.IMPERSONAL, L.OBJECT_PREP = tables.verbs, tables.adverbial, tables.impersonal, tables.object
  L.DIRECT_OBJECT, L.NONSPEAKER, L.REQUIRES = tables.direct, tables.nonspeaker, tables.requires
  L.ALSO_PREP = tables.also_prep
  L.VERBS_CL = {}
  for form, lemma in pairs(L.VERBS) do
    L.VERBS_CL[form] = { lemma, form }
    L.VERBS_CL["\xD9\x88" .. form] = { lemma, form }
    L.VERBS_CL["\xD9\x81" .. form] = { lemma, form }
  end
  if cache then cache.quotes_lexicon = { key = key, lex = L } end
  return L
end

local function verb_of(self, f)
  local v = self.lex.VERBS_CL[f]
  if v then return v[1], v[2] end
  return nil
end

-- Quote pairs of one line [ls, le]: { {os=, oe=, cs=, ce=, s=, e=, unclosed=} } top level only.
local function quote_pairs(text, ls, le)
  local marks = {}
  local pos = ls
  while true do
    local s, e = find(text, "[\"\xC2\xE2][\xAB\xBB\x80]?[\x9C\x9D]?", pos)
    if not s or s > le then break end
    local m = sub(text, s, e)
    local kind
    if m == '"' then kind = "dq"; e = s
    elseif sub(m, 1, 2) == OPEN_G then kind = "og"; e = s + 1
    elseif sub(m, 1, 2) == CLOSE_G then kind = "cg"; e = s + 1
    elseif m == LDQ then kind = "ldq"
    elseif m == RDQ then kind = "rdq"
    end
    if kind then marks[#marks + 1] = { s = s, e = e, kind = kind } end
    pos = (kind and e or s) + 1
  end
  local pairs_, stack = {}, {}
  local function before(i) return i > ls and sub(text, i - 1, i - 1) or " " end
  local function after(i) return i < le and sub(text, i + 1, i + 1) or " " end
  for _, mk in ipairs(marks) do
    local b, a = before(mk.s), after(mk.e)
    local bspace = b:match("[%s:%(%[]") ~= nil or mk.s == ls
    local aspace = a:match("[%s%.,;:!?%)]") ~= nil or mk.e == le
    local role
    if mk.kind == "og" or mk.kind == "ldq" and not (not bspace and aspace) then role = "open"
    elseif mk.kind == "cg" then role = "close"
    elseif mk.kind == "ldq" then role = "close"
    else -- " or ”: decide by the neighbours, then by what is open
      if bspace and not aspace then role = "open"
      elseif aspace and not bspace then role = "close"
      else
        local top = stack[#stack]
        local colon = sub(text, math.max(ls, mk.s - 3), mk.s - 1):find(":", 1, true)
        role = (top and top.family == "d" and not colon) and "close" or "open"
      end
      if mk.kind == "rdq" and role == "open" and not (b:match("[%s:]") or mk.s == ls) then role = "close" end
    end
    local family = (mk.kind == "og" or mk.kind == "cg") and "g" or "d"
    if role == "open" then
      stack[#stack + 1] = { os = mk.s, oe = mk.e, family = family }
    else
      for k = #stack, 1, -1 do
        if stack[k].family == family then
          local o = stack[k]
          for _ = #stack, k, -1 do stack[#stack] = nil end
          if #stack == 0 then
            pairs_[#pairs_ + 1] = { os = o.os, oe = o.oe, cs = mk.s, ce = mk.e, s = o.oe + 1, e = mk.s - 1 }
          end
          break
        end
      end
    end
  end
  -- An opener left open at the end of the line (the outermost one).
  if #stack > 0 then
    local o = stack[1]
    pairs_[#pairs_ + 1] = { os = o.os, oe = o.oe, s = o.oe + 1, e = le, unclosed = true }
  end
  table.sort(pairs_, function(x, y) return x.os < y.os end)
  return pairs_
end

local function count_words(text, s, e)
  local n = 0
  for _ in artext.mask(sub(text, s, e)):gmatch("[%w_\128-\255]+") do n = n + 1 end
  return n
end

-- The number of words inside quote pair p (counted once per pair).
local function pair_words(text, p)
  local n = p.nwords
  if not n then
    n = count_words(text, p.s, p.e)
    p.nwords = n
  end
  return n
end

-- Trim spaces and separators (. , ; : ! ? - ، ؛ – — …) at both ends of s..e;
-- quote marks and brackets stay unless they are left unbalanced at an end.
local function trim_punct(text, s, e)
  local function lead()
    local c = sub(text, s, s)
    if c:match("[%s%.,;:!?%-%)]") then return 1 end
    local c2 = sub(text, s, s + 1)
    if c2:match("^\xD8[\x8C\x9B]") or c2 == CLOSE_G then return 2 end
    if sub(text, s, s + 2):match("^\xE2\x80[\x93\x94\xA6\x9D]") then return 3 end
    return 0
  end
  local function trail()
    local c = sub(text, e, e)
    if c:match("[%s%.,;:!?%-]") then return 1 end
    if e - 1 >= s and (sub(text, e - 1, e):match("^\xD8[\x8C\x9B]$") or sub(text, e - 1, e) == OPEN_G) then return 2 end
    if e - 2 >= s and sub(text, e - 2, e):match("^\xE2\x80[\x93\x94\xA6\x9C]$") then return 3 end
    return 0
  end
  while s <= e do local k = lead(); if k == 0 then break end; s = s + k end
  while e >= s do local k = trail(); if k == 0 then break end; e = e - k end
  -- an unbalanced closing mark or bracket at the end
  local body = sub(text, s, e)
  local function count(p) return select(2, body:gsub(p, "")) end
  if body:sub(-1) == ")" and count("%(") < count("%)") then e = e - 1 end
  if sub(text, e - 1, e) == CLOSE_G and count(OPEN_G) < count(CLOSE_G) then e = e - 2 end
  if sub(text, e, e) == '"' and count('"') % 2 == 1 then e = e - 1 end
  if sub(text, e - 2, e) == RDQ and count(LDQ) < count(RDQ) and count('"') == 0 then e = e - 3 end
  while e >= s do local k = trail(); if k == 0 then break end; e = e - k end
  return s, e
end

-- End of the sentence that starts at pos (before . ! ? ؟ outside quote pairs), within the line.
local function sentence_end(text, pos, le, pairs_)
  local p = pos
  while p <= le do
    -- the next . ! ? or ؟ (searched apart: \xD8 alone would stop at every Arabic letter)
    local s = find(text, "[%.!?]", p)
    local s2 = find(text, "\xD8\x9F", p, true)
    if s2 and (not s or s2 < s) then s = s2 end
    if not s or s > le then return le end
    local inside = false
    for _, q in ipairs(pairs_) do
      if s >= q.os and s <= (q.ce or q.e) then inside = true; p = (q.ce or q.e) + 1; break end
    end
    if not inside then
      local c = sub(text, s, s)
      if c == "\xD8" then
        if sub(text, s, s + 1) == "\xD8\x9F" then return s - 1 end
        p = s + 1
      elseif c == "." and sub(text, s + 1, s + 1) == "." then
        p = s + 2 -- an ellipsis ".." inside a sentence
      elseif c == "." and sub(text, s - 1, s - 1):match("%d") and sub(text, s + 1, s + 1):match("%d") then
        p = s + 1 -- a decimal point
      elseif c == "." and s > pos and sub(text, s + 1, s + 1):match("[%w\128-\255]")
          and (utf8.len(sub(text, math.max(pos, s - 12), s - 1):match("([^%s%.%(]*)$") or "") or 9) <= 3
          and sub(text, s - 1, s - 1):match("[%w\128-\255]") then
        p = s + 1 -- inside an abbreviation written with periods (سي.آي.إيه، U.S.)
      else
        return s - 1
      end
    end
  end
  return le
end

-- Entities of the document inside s..e.
local function entities_in(doc, s, e)
  local out = {}
  local list = doc.entities
  if not list then return out end
  -- entities are in text order: start at the first one at or after s
  local lo, hi = 1, #list
  while lo <= hi do
    local mid = (lo + hi) // 2
    if list[mid].s < s then lo = mid + 1 else hi = mid - 1 end
  end
  for i = lo, #list do
    local en = list[i]
    if en.s > e then break end
    if en.e <= e then out[#out + 1] = en end
  end
  return out
end

local function prepositional(en)
  return type(en.clitic) == "string" and en.clitic:match("[\xD9][\x84]$") ~= nil -- ends with ل
end

local function pick_entity(ents, allow_prep, types)
  for _, ty in ipairs(types) do
    for _, en in ipairs(ents) do
      if en.type == ty and (allow_prep or not prepositional(en)) then return en end
    end
  end
  return nil
end

-- "الرئيس الروسي" -> the president of Russia named elsewhere in the document
-- (a PERS entity whose metadata has that country and a role starting "president").
local TITLE_ROLE = { ["الرئيس"] = "president", ["رئيس الوزراء"] = "prime minister",
  ["الزعيم"] = "president", ["العاهل"] = "king", ["الملك"] = "king" }
local function title_entity(self, hs, he, ents)
  local head = fold(sub(self.text, hs, he))
  local title, rest = head:match("^(.-) (%S+)$")
  local role = title and TITLE_ROLE[title]
  if not role then return nil end
  local country
  for _, en in ipairs(ents) do
    if en.type == "NORP" and en.meta and en.meta.country and fold(sub(self.text, en.s, en.e)) == rest then
      country = en.meta.country
    end
  end
  if not country then return nil end
  local found
  for _, en in ipairs(self.doc.entities or {}) do
    local m = en.meta
    if en.type == "PERS" and m and m.country == country and type(m.role) == "string"
        and m.role:sub(1, #role) == role then
      if found and found.id ~= en.id then return nil end -- two candidates: do not guess
      found = en
    end
  end
  return found
end

local subject_in, recent_subject -- defined below (speaker helpers)
local source_quote, trailing_quote -- defined below (after sentence_end and find_source)
local speaker_after -- defined below (before run)

-- The folded words of s, ال dropped (البرغوثي → برغوثي).
local function name_words(s)
  local out = {}
  for w in fold(artext.mask(s or "")):gmatch("[%w_\128-\255]+") do
    if sub(w, 1, 4) == "\xD8\xA7\xD9\x84" and #w > 8 then w = sub(w, 5) end
    out[#out + 1] = w
  end
  return out
end

-- Does a person link agree with the text? A given name written right before
-- the matched words that the person's name lacks (محمد البشير for عمر البشير)
-- says it is someone else; a title (a word with ال: الرئيس، النائب، السيد) does not.
local function agrees(text, en)
  if en.type ~= "PERS" or not en.name then return true end
  local before = sub(text, math.max(1, en.s - 40), en.s - 1):match("([^%s%p]+)%s+$")
  if not before or not find(before, "^[\xD8-\xDB]") then return true end
  local f = fold(before)
  if sub(f, 1, 4) == "\xD8\xA7\xD9\x84" or sub(f, 1, 2) == "\xD9\x88" then return true end
  for _, w in ipairs(name_words(en.name)) do if w == f then return true end end
  for _, w in ipairs(name_words(sub(text, en.s, en.e))) do if w == f then return true end end
  return false, f
end

local function speaker_from_entity(sp, en, text)
  -- (only a link made from the speaker's own words: الرئيس السوري → the Syrian
  -- president named elsewhere is checked there, not here)
  if en and text and en.s >= sp.s and en.e <= sp.e and not agrees(text, en) then en = nil end
  if en then sp.id, sp.type, sp.name = en.id, en.type, en.name end
  return sp
end

-- A speaker the entities did not link (النائب البرغوثي): the one person named in
-- full in this document whose last name is the speaker's last word, when the
-- words before it are titles, not another given name.
local function link_by_name(self, sp)
  if sp.id or not sp.s then return end
  local ws = name_words(sub(self.text, sp.s, sp.e))
  local last = ws[#ws]
  if not last or (utf8.len(last) or #last) < 3 then return end
  -- the document's people by last name (computed once per document)
  local by_last = self.people_by_last
  if not by_last then
    by_last = {}
    for _, en in ipairs(self.doc.entities or {}) do
      if en.type == "PERS" and en.name then
        local nw = name_words(en.name)
        if #nw >= 2 then
          local l = by_last[nw[#nw]] or {}
          l[#l + 1] = en
          by_last[nw[#nw]] = l
        end
      end
    end
    self.people_by_last = by_last
  end
  local found
  for _, en in ipairs(by_last[last] or {}) do
    if found and found.id ~= en.id then return end -- two people: do not guess
    found = en
  end
  if not found then return end
  local raw = sub(self.text, sp.s, sp.e):match("(%S+)%s+%S+%s*$")
  if raw then
    local f = fold(raw)
    local titled = sub(f, 1, 4) == "\xD8\xA7\xD9\x84"
    local inname = false
    for _, w in ipairs(name_words(found.name)) do if w == f or "\xD8\xA7\xD9\x84" .. w == f then inname = true end end
    if not titled and not inname then return end
  end
  sp.id, sp.type, sp.name = found.id, found.type, found.name
end

-- A speaker that is only a definite role or body (وأضافت الوزيرة، وقالت الشركة،
-- وأوضح المدير: one or two words, no entity) is the latest earlier speaker of the
-- document (of the last three quotes) whose own words hold it (وزيرة الصحة هالة
-- زايد، شركة طيران الخليج):
-- its entity, else its fuller text as the name.
local ROLE_REACH = 3 -- among the last three quotes only (the speakers still in play)
local function link_by_role(sp, text, earlier)
  if sp.id or sp.name or not sp.s then return end
  local raw = sub(text, sp.s, sp.e)
  if not fold(raw):find("^\xD8\xA7\xD9\x84") then return end -- a definite noun (ال...)
  local ws = name_words(raw)
  if #ws == 0 or #ws > 2 then return end
  for i = #earlier, math.max(1, #earlier - ROLE_REACH + 1), -1 do
    local q = earlier[i]
    local p = q.speaker
    if p and p.text and p ~= sp and p.s ~= sp.s then
      local have = {}
      local pw = name_words(p.text)
      for _, w in ipairs(pw) do have[w] = true end
      local all = true
      for _, w in ipairs(ws) do if not have[w] then all = false end end
      if all then
        -- the nearest speaker that holds the words; nothing to add when it is no fuller
        if #pw > #ws or p.name then
          sp.id, sp.type, sp.name = p.id, p.type, p.name or p.text
          sp.how = "role"
        end
        return
      end
    end
  end
end

-- The source named from word index k on (after بحسب/وفق/...): span or nil.
local function source_after(self, k)
  local W, text = self.W, self.text
  local j = k + 1
  if W[j] and W[j].f == "ما" then j = j + 1 end
  if W[j] and W[j].f:match("^[\xD8\xD9]") then
    local f = unclitic(W[j].f)
    for _, stem in ipairs({ "ذكر", "اورد", "نقل", "نشر", "افاد", "قال", "اعلن", "اكد", "جاء", "عن", "ل" }) do
      if sub(f, 1, #stem) == stem and (#f <= #stem + 6) and stem ~= "ل" and stem ~= "عن" then j = j + 1; break end
    end
  end
  if W[j] and (W[j].f == "الي" or W[j].f == "علي" or W[j].f == "عن") and W[j + 1] then
    j = j + 1 -- استنادا إلى X، نقلا عن X
  end
  if W[j] and self.lex.DEMONSTRATIVE[W[j].f] and W[j + 1] then j = j + 1 end -- بحسب هذه المصادر
  if not W[j] then return nil end
  local s = W[j].s
  -- ل glued to the name: لوكالة → وكالة
  if W[j].f:match("^\xD9\x84\xD9\x84") and #W[j].f > 8 then
    s = s + 4 -- للمصادر → مصادر (ل + the article, its alef dropped)
  elseif W[j].f:match("^\xD9\x84") and not W[j].f:match("^\xD9\x84\xD8\xA7") then
    s = s + 2
  end
  local e = W[j].e
  local n = 1
  local le = self.le
  local l = j
  while W[l + 1] and W[l + 1].s <= le and n < 7 do
    local gap = sub(text, W[l].e + 1, W[l + 1].s - 1)
    if gap:find("[,%.%-:;%(%)]") or gap:find("\xD8\x8C") or gap:find("\xE2\x80") or gap:find("\xC2\xBB") then break end
    local f = W[l + 1].f
    if self.lex.COMP[f] or f == "فان" or verb_of(self, f) then break end
    l = l + 1; n = n + 1; e = W[l].e
  end
  return { s = s, e = e, text = sub(text, s, e) }
end

-- Find the source of a quote in words a..b (or nil).
local function find_source(self, a, b)
  local W = self.W
  for k = a, b do
    if W[k] and (self.lex.SOURCE_MARK[W[k].f] or self.lex.SOURCE_MARK[(unclitic(W[k].f))]) then
      local src = source_after(self, k)
      if src then
        local en = pick_entity(entities_in(self.doc, src.s, src.e), true, { "ORG", "PERS" })
        if en then src.id, src.type, src.name = en.id, en.type, en.name end
        -- وفق تصريحات ترجمت إلى الروسية: what was said, not who reports it
        local head = unclitic(fold(src.text:match("^(%S+)") or ""))
        if en or not self.lex.NOT_SOURCE[head] then return src end
      end
    end
  end
  return nil
end

-- The complementizer at word k belongs to the words right before it, not to a
-- speech verb further back (cue section `frame`): a conjunction (إذ أن، رغم أن،
-- حيث إن) or an impersonal frame (من المؤكد أن، لا شك أن). Words after verb v only.
local function framed(self, k, v)
  local W, text = self.W, self.text
  local FRAME = self.lex.FRAME
  local p1 = W[k - 1]
  if k - 1 <= v or sub(text, p1.e + 1, W[k].s - 1):find("%S") then return false end
  if FRAME[p1.f] or FRAME[(unclitic(p1.f))] then return true end
  local p2 = W[k - 2]
  if k - 2 <= v or sub(text, p2.e + 1, p1.s - 1):find("%S") then return false end
  return FRAME[p2.f .. " " .. p1.f] or FRAME[unclitic(p2.f) .. " " .. p1.f] or false
end

-- The word before a quote mark names what the marks hold (cue section
-- `title_head`: برنامج «…»، صحيفة "…"، بعنوان «…»): a title or a name, no quote.
local function titled(self, word)
  return word and (self.lex.TITLE_HEAD[word.f] or self.lex.TITLE_HEAD[(unclitic(word.f))]) or false
end

-- A preposition with a pronoun that may come between a verb and its subject.
local PRON_PREP = { ["فيه"] = true, ["فيها"] = true, ["فيهم"] = true, ["عنه"] = true, ["عنها"] = true }

-- Words inside a name that make the next word part of it (بن علي، أبو علي).
local NASAB = { ["بن"] = true, ["ابن"] = true, ["بنت"] = true, ["ابو"] = true, ["ابي"] = true, ["عبد"] = true }

-- Speaker words v+1..k-1: the head (up to a comma, dash, preposition or time word).
local function speaker_head(self, a, b)
  local W, text = self.W, self.text
  local hs, he
  local k = a
  if W[k] and self.lex.DEMONSTRATIVE[W[k].f] and k < b then k = k + 1; a = k end -- هذه المصادر
  -- التعليقات التي ادعى فيها البابا بأن: a preposition with a pronoun before the subject
  -- (only in a relative clause: يشرح فيها سبب ... is an object)
  if W[k] and PRON_PREP[W[k].f] and k < b and W[k - 2] and RELATIVE[W[k - 2].f]
      and not sub(text, W[k].e + 1, W[k + 1].s - 1):find("[^%s]") then
    k = k + 1; a = k
  end
  while k <= b do
    local w = W[k]
    local gap = k > a and sub(text, W[k - 1].e + 1, w.s - 1) or ""
    if gap:find("[,%-%(:]") or gap:find("\xD8\x8C") or gap:find("\xE2\x80[\x93\x94]") then break end
    -- وقال الناطق باسم الشرطة "لن نسمح ...": an opening mark ends the name unless
    -- a name starts there (صحيفة "لوموند")
    if k > a and (gap:find('"') or gap:find("\xC2\xAB") or gap:find("\xE2\x80\x9C"))
        and not self.ents_by_start[w.s] then
      break
    end
    local f = w.f
    -- سامي بن علي، أبو علي: after بن/أبو a name-end word (على/علي) is a name
    local in_name = k > a and NASAB[W[k - 1].f]
    if not in_name and (self.lex.CUT[f] or self.lex.COMP[f] or self.lex.ADVERBIAL[f] or self.lex.SOURCE_MARK[f]
        or self.lex.SOURCE_MARK[unclitic(f)] or (k == a and self.lex.PRONOUN[f])) then
      break
    end
    -- a word written with the accusative ending -ً (سابقاً، أيضاً، خرابا كبيراً) is
    -- an adverb or an object, never the subject of the verb
    if find(sub(text, w.s, w.e), "\xD9\x8B", 1, true) then break end
    local first2 = sub(f, 1, 4)
    local prep = first2 == "\xD9\x84\xD9\x84" -- لل
        or (sub(f, 1, 2) == "\xD9\x84" and #f >= 8 and not sub(f, 3, 4):match("^\xD8\xA7")) -- لنظيره (not ليف)
    if prep and not (hs and k == a + 1 and self.lex.OWNER[W[a].f]) then
      -- لجنة، لافروف: ل that belongs to the word; an entity without a clitic says so
      local own = false
      for _, en in ipairs(self.ents_by_start[w.s] or {}) do if en.clitic == nil or en.clitic == "" then own = true end end
      if not own then break end
    end
    if sub(text, w.s, w.e):find("^[%a_]+$") and not hs then break end
    hs = hs or w.s
    he = w.e
    k = k + 1
  end
  return hs, he, k
end

-- The blocks {ls, le} of text read as one, in order: the logical lines of the
-- core (naskh.lines: a hard-wrapped paragraph is one, a headline or a caption
-- is one of its own; docs/splitting.md, "Hard-wrapped text"), the same
-- decision the split stage takes. A line the clean stage dropped is cut out
-- as a block of its own (the reader skips it).
local function line_blocks(doc, text, mode)
  local blocks = {}
  local cleaned = doc.dropped and #doc.dropped > 0
  for _, ll in ipairs(naskh.lines(text, { join_lines = mode })) do
    if not (cleaned and spans.is_dropped(doc, ll.s, ll.e)) then
      blocks[#blocks + 1] = { ls = ll.s, le = ll.e }
    else
      -- line by line: dropped lines alone, the kept runs between them together
      local cur
      local pos = ll.s
      while pos <= ll.e do
        local nl = find(text, "\n", pos, true)
        local e = (nl and nl <= ll.e) and nl - 1 or ll.e
        if spans.is_dropped(doc, pos, e) then
          if cur then blocks[#blocks + 1] = cur; cur = nil end
          blocks[#blocks + 1] = { ls = pos, le = e }
        elseif cur then
          cur.le = e
        else
          cur = { ls = pos, le = e }
        end
        pos = e + 2
      end
      if cur then blocks[#blocks + 1] = cur end
    end
  end
  return blocks
end

-- The reported quote qs..qe introduced by the verb or source cue at word v, spoken by sp:
-- the verb as written (without a stripped proclitic) and its lemma.
local function reported_at(self, text, W, v, qs, qe, sp)
  local verb = sub(text, W[v].s, W[v].e)
  local vs = W[v].s
  local bare, had = W[v].f, false
  if not self.lex.SOURCE_MARK[bare] then bare, had = unclitic(bare) end
  if had then verb = sub(text, W[v].s + 2, W[v].e); vs = vs + 2 end
  return { s = qs, e = qe, text = sub(text, qs, qe), kind = "reported", verb = verb, lemma = bare,
           verb_span = { s = vs, e = W[v].e }, speaker = sp }
end

-- A source cue at word v (وبحسب، وطبقا ل، ووفقا ل) followed within a few words
-- by فإن, or by a comma after a source that is a name or a body (وفقاً لباركر،
-- ينشط …; وبحسب مصادر أمنية، قتل …): a reported quote whose speaker is the
-- source; nil when there is none.
source_quote = function(self, v, last, pairs_, le)
  local W, text = self.W, self.text
  for k = v + 1, math.min(last, v + 8) do
    local gap = sub(text, W[k - 1].e + 1, W[k].s - 1)
    if gap:find("[%.!?:]") or gap:find("\xD8\x9F") then return nil end
    local comma = k > v + 1 and not self.lex.FA_COMP[W[k].f] and (gap:find(",", 1, true) or gap:find("\xD8\x8C"))
    if comma then
      local src = source_after(self, v)
      if not src or src.s > W[k - 1].e then return nil end
      if src.e > W[k - 1].e then src.e = W[k - 1].e; src.text = sub(text, src.s, src.e) end
      local en = pick_entity(entities_in(self.doc, src.s, src.e), true, { "PERS", "ORG" })
      local first = src.text:match("^(%S+)") or ""
      local h0 = fold(first)
      local h1 = unclitic(h0)
      -- the source is a name or a body (its first word: وفقا لفرانس برس، بحسب
      -- مصادر أمنية، وفق صحيفة …), not what a name qualifies (وفق المعتقدات المسيحية)
      local named = en and en.s <= src.s + #first
      local body = self.lex.OWNER[h0] or self.lex.TITLE_HEAD[h0] or self.lex.OWNER[h1] or self.lex.TITLE_HEAD[h1]
      if not named and not body then return nil end
      local send = sentence_end(text, W[k].s, le, pairs_)
      local qs, qe = trim_punct(text, W[k].s, send)
      if qe < qs or count_words(text, qs, qe) < 3 then return nil end
      local sp = { s = src.s, e = src.e, text = src.text, how = "explicit" }
      speaker_from_entity(sp, en)
      return reported_at(self, text, W, v, qs, qe, sp)
    end
    if self.lex.FA_COMP[W[k].f] then
      if k == v + 1 then return nil end
      local cstart = W[k].e + 1
      local send = sentence_end(text, cstart, le, pairs_)
      local qs, qe = trim_punct(text, cstart, send)
      if qe < qs or count_words(text, qs, qe) < 1 then return nil end
      local src = source_after(self, v)
      if not src or src.s > W[k - 1].e then return nil end
      -- وبحسب الأرقام فإن ...: data, not a source that speaks
      if self.lex.NONSPEAKER[unclitic(fold(src.text:match("^(%S+)") or ""))] then return nil end
      if src.e > W[k - 1].e then src.e = W[k - 1].e; src.text = sub(text, src.s, src.e) end
      local sp = { s = src.s, e = src.e, text = src.text, how = "explicit" }
      speaker_from_entity(sp, pick_entity(entities_in(self.doc, src.s, src.e), true, { "PERS", "ORG" }))
      return reported_at(self, text, W, v, qs, qe, sp)
    end
  end
  return nil
end

-- An attribution after a comma that ends the sentence (…، كما قال X. …، بحسب
-- X. …، وفق ما أعلن X.): the sentence before it, from its start, is a reported
-- quote by X, when X is a name or a body (an entity, or a head such as مصدر،
-- وكالة, cue sections owner and title_head). v is the cue word (كما or a source
-- cue); nil when the words do not fit. The quote's att_end is where the
-- attribution ends.
trailing_quote = function(self, v, sent_start, last, le, pairs_)
  local W, text = self.W, self.text
  local gap = sub(text, W[v - 1].e + 1, W[v].s - 1)
  local what = W[v + 1] and W[v + 1].f == "ما" -- وفق ما أعلن، حسب ما قال: no comma needed
  if not (gap:find(",", 1, true) or gap:find("\xD8\x8C") or what) then return nil end
  -- the sentence ends within a few words of the cue
  local se = v
  while se < last and se < v + 8 do
    local g = sub(text, W[se].e + 1, W[se + 1].s - 1)
    if g:find("[%.!?]") or g:find("\xD8\x9F") then break end
    se = se + 1
  end
  local after = sub(text, W[se].e + 1, se < last and W[se + 1].s - 1 or le)
  if se < last and not (after:find("[%.!?]") or after:find("\xD8\x9F")) then return nil end
  if after:find('["\xC2\xAB\xC2\xBB\xE2\x80]') then return nil end
  local f = W[v].f
  local src, verb_k
  if f == "كما" or f == "وكما" then
    local lemma, vf = verb_of(self, W[v + 1] and W[v + 1].f or "")
    if not lemma or vf ~= W[v + 1].f or v + 2 > se then return nil end
    local hs, he = speaker_head(self, v + 2, se)
    if not hs then return nil end
    src, verb_k = { s = hs, e = he, text = sub(text, hs, he) }, v + 1
  elseif self.lex.SOURCE_MARK[f] or self.lex.SOURCE_MARK[(unclitic(f))] then
    src = source_after(self, v)
    if not src or src.s > W[se].e then return nil end
    if src.e > W[se].e then src.e = W[se].e; src.text = sub(text, src.s, src.e) end
    verb_k = v
  else
    return nil
  end
  local en = pick_entity(entities_in(self.doc, src.s, src.e), true, { "PERS", "ORG" })
  local first = src.text:match("^(%S+)") or ""
  local h0 = fold(first)
  local h1 = unclitic(h0)
  local h2 = h0:match("^\xD8\xA7\xD9\x84(..+)$") or h0 -- الوكالة → وكالة
  local named = en and en.s <= src.s + #first
  local body = self.lex.OWNER[h0] or self.lex.TITLE_HEAD[h0] or self.lex.OWNER[h1] or self.lex.TITLE_HEAD[h1]
    or self.lex.TITLE_HEAD[h2]
  if not named and not body then return nil end
  if self.lex.NONSPEAKER[h0] or self.lex.NONSPEAKER[h1] or self.lex.NOT_SOURCE[h0] or self.lex.NOT_SOURCE[h1] then
    return nil
  end
  local qs, qe = W[sent_start].s, W[v - 1].e
  -- a dateline before a colon (استنبول - ا ف ب : …) is not what was said
  local colon = sub(text, qs, qe):match(".*():")
  if colon then qs = qs + colon end
  qs, qe = trim_punct(text, qs, qe)
  if qe < qs or count_words(text, qs, qe) < 4 then return nil end
  -- no quote marks inside: a quotation there is a direct quote of its own
  for _, p in ipairs(pairs_) do if p.os >= qs and p.os <= qe then return nil end end
  local sp = { s = src.s, e = src.e, text = src.text, how = "explicit" }
  speaker_from_entity(sp, en)
  local vw = W[verb_k]
  local verb, vs = sub(text, vw.s, vw.e), vw.s
  local bare, had = vw.f, false
  if not self.lex.SOURCE_MARK[bare] then bare, had = unclitic(bare) end
  if had then verb = sub(text, vw.s + 2, vw.e); vs = vs + 2 end
  local lemma = verb_of(self, vw.f) or bare
  return { s = qs, e = qe, text = sub(text, qs, qe), kind = "reported", verb = verb, lemma = lemma,
           verb_span = { s = vs, e = vw.e }, speaker = sp, att_end = W[se].e }
end

-- The word index at byte position pos (the word starting there), or nil.
local function word_index(self, pos)
  local k = artext.word_at(self.W, pos)
  if self.W[k] and self.W[k].s == pos then return k end
  return nil
end

-- A person that can be a subject: not after a preposition, no ل/ب glued on.
local function subject_like(self, en)
  if en.type ~= "PERS" or prepositional(en) then return false end
  if type(en.clitic) == "string" and en.clitic:find("\xD8\xA8") then return false end -- ب
  local k = word_index(self, en.s)
  local prev = k and self.W[k - 1]
  if prev and self.lex.PREP[(unclitic(prev.f))] then return false end
  return true
end

-- The first person in words a..b that can be the subject (or nil).
subject_in = function(self, a, b)
  local W = self.W
  if not W[a] or not W[b] or a > b then return nil end
  for _, en in ipairs(entities_in(self.doc, W[a].s, W[b].e)) do
    if subject_like(self, en) then return en end
  end
  return nil
end

-- The last person named as a possible subject in from+1 .. to (or nil).
recent_subject = function(self, from, to)
  local found
  for _, en in ipairs(entities_in(self.doc, from + 1, to)) do
    if subject_like(self, en) then found = en end
  end
  return found
end

-- The grammatical gender of a speech verb as written: "m", "f" or nil.
local function verb_gender(q)
  if not q.verb or not q.lemma then return nil end
  local f = unclitic(fold(q.verb))
  if f == q.lemma then return "m" end
  if f == q.lemma .. "\xD8\xAA" then return "f" end -- قالت
  local c = sub(f, 1, 2)
  if c == "\xD9\x8A" then return "m" end -- يقول
  if c == "\xD8\xAA" and sub(q.lemma, 1, 2) ~= "\xD8\xAA" then return "f" end -- تقول
  return nil
end

-- وتقول: "...". وتشرح تارلو أن ...: a quote of a paragraph whose speaker is not
-- named there (none, or the previous speaker of an earlier paragraph) takes the
-- next speaker named explicitly in the same paragraph (an entity, or words that
-- are no definite role), when the two verbs agree in gender.
speaker_after = function(quotes, from, ls, text)
  for i = from, #quotes do
    local q = quotes[i]
    local sp = q.speaker
    -- (the verb opens its sentence: its subject is a pronoun, not a noun before it)
    local vs = q.verb_span and q.verb_span.s
    local opens = vs and vs >= ls and sub(text, ls, vs - 1):gsub("[\xD9][\x88\x81]$", ""):match("^(.-)%s*$")
    opens = opens and (opens == "" or opens:find("[%.!?:]%s*$") or opens:find("\xD8\x9F%s*$"))
    if opens and not q.continued and (not sp or (sp.how == "previous" and sp.s and sp.s < ls)) then
      local g = verb_gender(q)
      for j = i + 1, #quotes do
        local n = quotes[j]
        local nsp = n.speaker
        if nsp and nsp.how == "explicit" and nsp.s and nsp.s >= ls
            and (nsp.name or nsp.id or not fold(nsp.text or ""):find("^\xD8\xA7\xD9\x84")) then
          if g and verb_gender(n) == g then
            local c = {}
            for k, v in pairs(nsp) do c[k] = v end
            c.how = "after"
            q.speaker = c
          end
          break
        end
      end
    end
  end
end

local function run(doc, opts, ctx)
  local lex = load_lexicon(opts, ctx)
  local text = doc.text
  local W = artext.words(doc, ctx)
  local quotes = {}
  local last_speaker
  local ents_by_start = {}
  for _, en in ipairs(doc.entities or {}) do
    local l = ents_by_start[en.s]
    if not l then l = {}; ents_by_start[en.s] = l end
    l[#l + 1] = en
  end
  local self = { W = W, text = text, doc = doc, ents_by_start = ents_by_start, lex = lex }
  local wi = 1
  for _, blk in ipairs(line_blocks(doc, text, opts.join_lines)) do
    local ls, le = blk.ls, blk.le
    if le >= ls and not spans.is_dropped(doc, ls, le) and find(sub(text, ls, le), "%S") then
      self.le = le
      local block_quote_end = ls - 1 -- where the last quote of this block ended
      local block_first_quote = #quotes + 1
      local pairs_ = quote_pairs(text, ls, le)
      local used = {}
      local function pair_at(p)
        for i, q in ipairs(pairs_) do if q.os == p then return q, i end end
        return nil
      end
      -- words of this line
      while W[wi] and W[wi].s < ls do wi = wi + 1 end
      local first = wi
      local last = first - 1
      while W[last + 1] and W[last + 1].e <= le do last = last + 1 end
      local covered_until = 0 -- content already taken (no verb inside a quote starts another)
      local sent_start = first
      for v = first, last do
        local w = W[v]
        if v > first then
          local gs, ge = W[v - 1].e + 1, w.s - 1
          if ge > gs or byte(text, gs) ~= 32 then
            local gap_before = sub(text, gs, ge)
            if gap_before:find("[%.!?]") or gap_before:find("\xD8\x9F") then sent_start = v end
          end
        end
        local lemma, vf = verb_of(self, w.f)
        local adverbial = self.lex.ADVERBIAL[w.f]
        -- a word right after a preposition is a noun (في رأي الخبراء، من نقل، عبر): no verb
        if lemma and vf == w.f and v > first and (self.lex.PREP[W[v - 1].f] or self.lex.PREP[(unclitic(W[v - 1].f))])
            and not find(sub(text, W[v - 1].e + 1, w.s - 1), "[^%s]") then
          lemma = nil
        end
        -- وبحسب المصادر فإن ...، وطبقا لمسؤول فإن ...: the source speaks
        if not lemma and not adverbial and v == sent_start and w.s > covered_until
            and (self.lex.SOURCE_MARK[w.f] or self.lex.SOURCE_MARK[(unclitic(w.f))]) then
          local q = source_quote(self, v, last, pairs_, le)
          if q then
            quotes[#quotes + 1] = q
            covered_until = q.e
            last_speaker = q.speaker or last_speaker
            block_quote_end = math.max(block_quote_end, q.e)
          end
        end
        -- "…، كما قال المتحدث." / "…، بحسب وكالة الأنباء.": an attribution that
        -- ends the sentence makes the sentence before it a quote
        if not lemma and not adverbial and v > sent_start + 3 and w.s > covered_until
            and not (quotes[#quotes] and quotes[#quotes].e >= W[sent_start].s) then
          local q = trailing_quote(self, v, sent_start, last, le, pairs_)
          if q then
            quotes[#quotes + 1] = q
            covered_until = q.att_end
            q.att_end = nil
            block_quote_end = math.max(block_quote_end, covered_until)
          end
        end
        -- inside reported content, a speech verb with its own subject is a nested
        -- attribution (إن ... وقال النائب البرغوثي إنه ...): a quote of its own
        local nested = w.s <= covered_until and lemma ~= nil
        if (lemma or adverbial) and (w.s > covered_until or nested) then
          local inside_pair = false
          for _, q in ipairs(pairs_) do if w.s > q.os and w.e < (q.ce or q.e) then inside_pair = true end end
          -- scan the gap
          local k = v + 1
          local cstart, direct, nominal, op
          local gap_end_word = v
          op = self.lex.OBJECT_PREP[lemma or adverbial]
          -- (a nested attribution names its speaker in a few words: a shorter reach)
          local reach_gap = nested and math.min(opts.max_gap, 8) or opts.max_gap
          while k <= last and k <= v + reach_gap do
            local gap = sub(text, W[k - 1].e + 1, W[k].s - 1)
            local colon = gap:find(":", 1, true)
            -- a quote mark in the gap that opens a long quote
            local qpos
            for _, q in ipairs(pairs_) do
              if q.os > W[k - 1].e and q.os < W[k].s then qpos = q end
            end
            -- أعرب/عبر ... عن «...»: what was expressed, however short
            local expressed = qpos and (lemma == "اعرب" or lemma == "عبر") and W[k - 1].f == "عن"
            if qpos and (colon or not titled(self, W[k - 1]) and (expressed
                         or pair_words(text, qpos) >= opts.min_quote_words or qpos.unclosed)) then
              direct = qpos; gap_end_word = k - 1; break
            end
            if colon then
              cstart = W[k - 1].e + colon + 1; gap_end_word = k - 1
              -- وقال الوزير: إن الحكومة ...: the content starts after the complementizer
              if self.lex.COMP[W[k].f] and W[k + 1] and not sub(text, W[k].e + 1, W[k + 1].s - 1):find("[^%s]") then
                cstart = W[k].e + 1
              end
              break
            end
            if gap:find("[%.!?]") or gap:find("\xD8\x9F") then break end
            local f = W[k].f
            -- لشبكة "سي إن إن" بأن: a word inside a quoted name is no complementizer
            local in_name = false
            if self.lex.COMP[f] then
              for _, q in ipairs(pairs_) do
                if q.s <= W[k].s and W[k].e <= q.e and (pair_words(text, q) < opts.min_quote_words
                    or titled(self, W[artext.word_at(W, q.os) - 1])) then
                  in_name = true
                end
              end
            end
            -- إذ أن، رغم أن، من المؤكد أن: the clause is not the verb's
            if self.lex.COMP[f] and not in_name and framed(self, k, v) then break end
            if self.lex.COMP[f] and not in_name then
              cstart = W[k].e + 1
              gap_end_word = k - 1
              -- إنه "…": the quote right after the complementizer
              local after = sub(text, W[k].e + 1, W[k].e + 4)
              local sp = W[k].e + 1 + (#after - #after:gsub("^%s+", ""))
              local q = pair_at(sp)
              if q then direct = q end
              break
            end
            -- شدد على ضرورة ...، أشار إلى تجاوزات ...: a noun phrase after the
            -- verb's preposition (إلى أن goes on to the complementizer)
            -- (the preposition at most three words on, six after a subject with a
            -- place or a body: مصادر في الجمعية الوطنية عن)
            local reach = v + 3
            if W[v + 2] and (W[v + 2].f == "في" or W[v + 2].f == "من") then reach = v + 6 end
            if op and op[f] and k <= reach and W[k + 1] and not self.lex.COMP[W[k + 1].f]
                and not sub(text, W[k].e + 1, W[k + 1].s - 1):find("[^%s]") then
              cstart = W[k].e + 1
              gap_end_word = k - 1
              nominal = true
              break
            end
            -- متوقعا دخول المشروع ...: a participle flagged `direct` takes the noun
            -- phrase right after it
            if k == v + 1 and adverbial and self.lex.DIRECT_OBJECT[adverbial] and not self.lex.CUT[f] and not self.lex.COMP[f]
                and not (op and op[f]) and not gap:find("[^%s]") and f:find("^[\xD8\xD9]") then
              cstart = W[k].s
              gap_end_word = v
              nominal = true
              break
            end
            -- another speech verb ends the gap; not a form that is also a
            -- preposition (flag prep) without its own preposition next (قال …
            -- عبر الهاتف … إن: "via")
            if k > v + 1 then
              local _, gf = verb_of(self, f)
              local greq = gf and self.lex.ALSO_PREP[gf] and self.lex.REQUIRES[gf]
              if gf and (not greq or (W[k + 1] and W[k + 1].f == greq)) then break end
            end
            k = k + 1
          end
          -- «هذه خطوة تاريخية»، قال الرئيس ماكرون: a quote in marks that opens the
          -- sentence, then the verb and its subject (to the sentence end)
          if not cstart and not direct and lemma and not nested and v > first then
            local g = sub(text, W[v - 1].e + 1, w.s - 1)
            for i, p in ipairs(pairs_) do
              if p.ce and p.ce > W[v - 1].e and p.ce < w.s and not used[i]
                  and g:gsub("[\"\xC2\xAB\xBB\xE2\x80\x9C\x9D%s,\xD8\x8C]", "") == "" then
                local before = sub(text, ls, p.os - 1):match("(%S*)%s*$") or ""
                if before == "" or before:find("[%.:!?]$") or before:find("\xD8\x9F$") then
                  direct = p
                  local e2 = v
                  while e2 < last and not sub(text, W[e2].e + 1, W[e2 + 1].s - 1):find("[%.!?]") do e2 = e2 + 1 end
                  gap_end_word = e2
                end
              end
            end
          end
          -- وصفت بأنها، يعتقد أن، يذكر أن: passive or impersonal, nobody speaks
          local impersonal = lemma and self.lex.IMPERSONAL[vf] and gap_end_word == v
          -- هو يعتقد أن، وهم يعتقدون أن: a subject pronoun before the form makes it active
          if impersonal and v > first and (self.lex.PRONOUN[W[v - 1].f] or self.lex.PRONOUN[(unclitic(W[v - 1].f))])
              and not sub(text, W[v - 1].e + 1, w.s - 1):find("%S") then
            impersonal = false
          end
          -- عبر عن: without its preposition in the gap the word is something else
          local req = lemma and self.lex.REQUIRES[vf]
          if req then
            local seen = false
            for k3 = v + 1, math.min(gap_end_word + 1, last) do
              if W[k3].f == req then seen = true; break end
            end
            if not seen then impersonal = true end
          end
          -- a nested attribution reports with إن/أن only (no marks, no colon, no
          -- noun phrase), as a quote of its own inside the outer one
          if nested and (direct or nominal or not cstart or not self.lex.COMP[W[gap_end_word + 1].f]) then
            cstart, direct = nil, nil
          end
          if (cstart or direct) and (not inside_pair or nested) and not impersonal then
            local q = { verb = sub(text, w.s, w.e), lemma = lemma or adverbial,
                        verb_span = { s = w.s, e = w.e } }
            if vf and vf ~= w.f then
              q.verb = sub(text, w.s + 2, w.e)
              q.verb_span.s = w.s + 2
            end
            if direct then
              q.kind = "direct"
              q.s, q.e = trim_punct(text, direct.s, direct.e)
              q.unclosed = direct.unclosed or nil
              covered_until = direct.ce or direct.e
              for i, p in ipairs(pairs_) do if p == direct then used[i] = true end end
            else
              q.kind = "reported"
              local send = sentence_end(text, cstart, le, pairs_)
              -- stop before "، وأضاف" (a new speech verb after a comma)
              for k2 = gap_end_word + 2, last do
                if W[k2].s > send then break end
                local g = sub(text, W[k2 - 1].e + 1, W[k2].s - 1)
                local nf = W[k2].f
                local aside = self.lex.COMMENT_AFTER_COMMA[nf] or (nf == "في" and W[k2 + 1] and W[k2 + 1].f == "اشاره")
                -- "... وعرعر مبيناً أن ...": a participle that introduces its own
                -- content (أن or its preposition next) starts a new statement
                local adv = self.lex.ADVERBIAL[nf]
                local n1, n2 = W[k2 + 1], W[k2 + 2]
                if adv and n1 and (self.lex.COMP[n1.f] or (self.lex.OBJECT_PREP[adv] and self.lex.OBJECT_PREP[adv][n1.f] and n2 and self.lex.COMP[n2.f])) then
                  send = W[k2 - 1].e
                  break
                end
                if g:find("%.%.") and verb_of(self, nf) then
                  send = W[k2 - 1].e -- "..وأكدت في بيان": an ellipsis and a new speech verb
                  break
                end
                if (g:find("\xD8\x8C") or g:find(",")) and (verb_of(self, nf) or self.lex.ADVERBIAL[nf] or aside) then
                  -- up to the comma (a closing quote mark before it stays in)
                  local cpos = g:find("\xD8\x8C") or g:find(",", 1, true)
                  send = W[k2 - 1].e + cpos - 1
                  break
                end
                -- a contrasting clause with its own subject: بينما، في حين
                if k2 > gap_end_word + 2 and (nf == "بينما" or nf == "وبينما"
                    or (nf == "في" and W[k2 + 1] and W[k2 + 1].f == "حين")) then
                  send = W[k2 - 1].e
                  break
                end
                -- a noun phrase ends before the next circumstantial participle
                -- (... الأحكام منتقدا تصريحات): مفعلا-shaped, five letters or more
                if nominal and k2 > gap_end_word + 2 and nf:find("^\xD9\x85") and nf:find("\xD8\xA7$")
                    and not nf:find("[\x87\x86]\xD8\xA7$") -- not -ها، -نا (محفظتها)
                    and (utf8.len(nf) or 0) >= 5 and not FUNCTION_WORD[nf] then
                  send = W[k2 - 1].e
                  break
                end
              end
              q.s, q.e = trim_punct(text, cstart, send)
              covered_until = math.max(covered_until, q.e)
              for i, p in ipairs(pairs_) do if p.os >= q.s and p.os <= q.e then used[i] = true end end
            end
            -- source: in the gap, then after the quote to the end of the sentence
            local send2 = sentence_end(text, math.min(q.e + 1, le), le, pairs_)
            local after_last = v
            while W[after_last + 1] and W[after_last + 1].e <= send2 do
              after_last = after_last + 1
              if W[after_last].s > q.e and (verb_of(self, W[after_last].f) or self.lex.ADVERBIAL[W[after_last].f]) then
                after_last = after_last - 1
                break
              end
            end
            q.source = find_source(self, v + 1, gap_end_word)
            if not q.source then
              local qa = v
              while W[qa + 1] and W[qa + 1].s <= q.e do qa = qa + 1 end
              q.source = find_source(self, qa + 1, after_last)
            end
            -- speaker
            local sp
            if lemma == "نقل" then
              -- نقلت وكالة X عن Y قوله إن: Y speaks, X is the source
              for k2 = v + 1, gap_end_word do
                if W[k2].f == "عن" then
                  local hs, he = speaker_head(self, k2 + 1, gap_end_word)
                  if hs then
                    local ss, se = speaker_head(self, v + 1, k2 - 1)
                    if ss and not q.source then q.source = { s = ss, e = se, text = sub(text, ss, se) } end
                    sp = { s = hs, e = he, how = "explicit" }
                    speaker_from_entity(sp, pick_entity(entities_in(doc, hs, he), false, { "PERS", "ORG" }), text)
                  end
                  break
                end
              end
            end
            if not sp and lemma and v > first + 1 then
              -- إن بوتين أبلغ الأسد أنه ...: after a complementizer (or at the start
              -- of the sentence) a name right before the verb is its subject, and the
              -- words after it are the addressee
              local p = W[v - 1]
              if not sub(text, p.e + 1, w.s - 1):find("%S") then
                local en
                for _, x in ipairs(entities_in(doc, W[math.max(first, v - 4)].s, p.e)) do
                  if x.e == p.e and (x.type == "PERS" or x.type == "ORG") then en = x end
                end
                local k0 = en and word_index(self, en.s)
                if k0 and (k0 == sent_start or (W[k0 - 1] and self.lex.COMP[W[k0 - 1].f])) then
                  sp = speaker_from_entity({ s = en.s, e = en.e, how = "before_verb" }, en)
                end
              end
            end
            if not sp and lemma then
              local hs, he, hk = speaker_head(self, v + 1, gap_end_word)
              if hs then
                sp = { s = hs, e = he, how = "explicit" }
                -- an appositive name after the head: المتحدث باسم الكرملين، ديمتري بيسكوف، أن
                local ents = entities_in(doc, hs, he)
                local en = pick_entity(ents, self.lex.OWNER[W[v + 1].f], { "PERS", "ORG" }) or title_entity(self, hs, he, ents)
                -- المتحدث باسم الكرملين، ديمتري بيسكوف: a person after a role beats the organisation
                if (not en or (en.type == "ORG" and en.s > hs)) and hk <= gap_end_word then
                  local g = sub(text, W[hk - 1].e + 1, W[hk].s - 1)
                  if not g:find("[%-%(:]") and not g:find("\xE2\x80[\x93\x94]") then
                    -- up to the next comma, at most four words
                    local ae = hk
                    while ae < gap_end_word and ae < hk + 3 do
                      local g2 = sub(text, W[ae].e + 1, W[ae + 1].s - 1)
                      if g2:find("[,%-%(]") or g2:find("\xD8\x8C") then break end
                      ae = ae + 1
                    end
                    local pe = pick_entity(entities_in(doc, W[hk].s, W[ae].e), false, { "PERS" })
                    if pe then en = pe; sp.e = W[ae].e end
                  end
                end
                -- وقال المتحدث الرسمي لوزارة الصحة ... الدكتور خالد مرغلاني إن: a role
                -- (a common noun, no speaker) and the person further in the gap
                if not en or en.type ~= "PERS" then
                  local pe = subject_in(self, hk, gap_end_word)
                  if pe then en = pe; sp.e = math.max(sp.e, pe.e) end
                end
                speaker_from_entity(sp, en, text)
              end
            end
            if not sp and lemma and v > first then
              -- بوتين قال ...: a name right before the verb
              local p = W[v - 1]
              local g = sub(text, p.e + 1, w.s - 1)
              if not g:find("%S") and not FUNCTION_WORD[p.f] and not self.lex.COMP[p.f] then
                local en
                for _, x in ipairs(entities_in(doc, p.s, p.e)) do en = x end
                if en and (en.type == "PERS" or en.type == "ORG") then
                  sp = speaker_from_entity({ s = en.s, e = en.e, how = "before_verb" }, en)
                end
              end
            end
            if not sp and lemma and v > first + 1 and RELATIVE[W[v - 1].f] then
              -- موسكو، التي تقول إنها ...: the noun the relative clause is about
              local en
              for _, x in ipairs(entities_in(doc, W[v - 2].s, W[v - 2].e)) do
                if x.type == "PERS" or x.type == "ORG" or x.type == "LOC" then en = x end
              end
              if en then sp = speaker_from_entity({ s = en.s, e = en.e, how = "before_verb" }, en) end
              -- (الرؤية الأردنية التي أكد عليها: an adjective of nationality is nobody,
              -- and the noun it qualifies may be the object: the fallbacks decide)
              local norp = false
              for _, x in ipairs(entities_in(doc, W[v - 2].s, W[v - 2].e)) do
                if x.type == "NORP" then norp = true end
              end
              -- الميرزا علي محمد الشيرازي الذي أعلن أنه: the word before الذي
              local pw = W[v - 2]
              if not sp and not norp and pw.f:find("^[\xD8\xD9]") and not FUNCTION_WORD[pw.f] and not self.lex.CUT[pw.f]
                  and not sub(text, pw.e + 1, W[v - 1].s - 1):find("%S") then
                sp = { s = pw.s, e = pw.e, how = "before_verb" }
                link_by_name(self, sp)
              end
            end
            if not sp and lemma and v > sent_start then
              -- لكن أحد خبراء السفريات نبه إلى أن: a short subject that opens the
              -- sentence right before the verb (a nominal sentence)
              local a = sent_start
              while a < v and self.lex.OPENER[W[a].f] do a = a + 1 end
              -- وكانت وزارة الدفاع قد أعلنت: the subject before قد
              local vq = v
              if W[v - 1].f == "قد" and not sub(text, W[v - 1].e + 1, w.s - 1):find("%S") then vq = v - 1 end
              local ok = a < vq and vq - a <= 4
              for k2 = a, vq - 1 do
                if not ok then break end
                local f2 = W[k2].f
                local g = sub(text, W[k2].e + 1, W[k2 + 1].s - 1)
                local bare = unclitic(f2)
                if self.lex.COMP[f2] or self.lex.CUT[f2] or self.lex.CUT[bare] or verb_of(self, f2) or FUNCTION_WORD[f2] or FUNCTION_WORD[bare]
                    or self.lex.PRONOUN[f2] or self.lex.PRONOUN[bare]
                    or self.lex.PREP[bare] or not f2:find("^[\xD8\xD9]")
                    or g:find("[^%s]") then
                  ok = false
                end
              end
              if ok then
                sp = { s = W[a].s, e = W[vq - 1].e, how = "before_verb" }
                speaker_from_entity(sp, pick_entity(entities_in(doc, sp.s, sp.e), false, { "PERS", "ORG" }), text)
                link_by_name(self, sp)
              end
            end
            -- وأضاف أن / مضيفا أن: the person last named as a subject since the
            -- previous quote of this paragraph (دعا البرغوثي ... وأضاف أن)
            local function implicit_subject()
              -- a participle (مشددا على) continues the subject of its own sentence:
              -- the first person there; a new sentence (وأضاف أن) the last one named
              local en
              if adverbial then
                local from = math.max(block_quote_end, W[sent_start].s - 1)
                local a = artext.word_at(W, from + 1)
                en = subject_in(self, a, v - 1)
                -- the last speaker named again before the first other person
                -- (وتحدى العوادي أي مسؤول يتهم إياد علاوي ...، مشددا على)
                local key = last_speaker and last_speaker.text and fold(last_speaker.text):match("(%S+)$")
                if key then
                  for k2 = a, v - 1 do
                    if en and W[k2].s >= en.s then break end
                    if W[k2].f == key or unclitic(W[k2].f) == key then
                      local sp2 = {}
                      for kk, vv in pairs(last_speaker) do sp2[kk] = vv end
                      sp2.how = "previous"
                      return sp2
                    end
                  end
                end
              end
              en = en or recent_subject(self, block_quote_end, w.s - 1)
              if en then return speaker_from_entity({ s = en.s, e = en.e, how = "previous" }, en) end
            end
            if not sp and adverbial then sp = implicit_subject() end
            if not sp and adverbial and last_speaker then
              sp = {}
              for kk, vv in pairs(last_speaker) do sp[kk] = vv end
              sp.how = "previous"
            end
            if not sp and v > sent_start then
              -- the subject of an earlier clause, near the start of the sentence:
              -- من جهته، أبدى الأسد ...، وقال إن
              local lim = math.min(v - 1, sent_start + 4)
              local en = pick_entity(entities_in(doc, W[sent_start].s, W[lim].e), false, { "PERS", "ORG" })
              if en then sp = speaker_from_entity({ s = en.s, e = en.e, how = "clause" }, en) end
            end
            if not sp and v > sent_start then
              -- كتب X في رسالة يشرح فيها: ...: the subject of an earlier speech
              -- verb of the same sentence
              for k2 = sent_start, v - 1 do
                if verb_of(self, W[k2].f) and W[k2].s > block_quote_end then
                  local hs, he = speaker_head(self, k2 + 1, v - 1)
                  if hs then
                    sp = { s = hs, e = he, how = "clause" }
                    speaker_from_entity(sp, pick_entity(entities_in(doc, hs, he), false, { "PERS", "ORG" }), text)
                    break
                  end
                end
              end
            end
            if not sp and lemma and v > sent_start + 4 and v <= sent_start + 12 then
              -- فالمخطوطات الأثرية البالغة القدم والموجودة في مكتبة … تؤكد أن: a
              -- definite noun phrase that opens the sentence (its words up to a
              -- preposition, a comma or a relative word, at most four) is the subject
              local a = sent_start
              while a < v and self.lex.OPENER[W[a].f] do a = a + 1 end
              local fa = W[a].f
              local bare = unclitic(fa)
              local definite = bare:find("^\xD8\xA7\xD9\x84") and not bare:find("^\xD8\xA7\xD9\x84\xD8\xB0\xD9\x8A")
              local clean = definite and not self.lex.CUT[fa] and not self.lex.CUT[bare] and not verb_of(self, fa)
                and not self.lex.NONSPEAKER[bare] and not self.lex.PRONOUN[bare]
              for k2 = a, v - 1 do
                if not clean then break end
                local g = sub(text, W[k2].e + 1, W[k2 + 1].s - 1)
                if g:find("[,:;%-%(]") or g:find("\xD8\x8C")
                    or (k2 > a and (verb_of(self, W[k2].f) or self.lex.OPENER[W[k2].f])) then
                  clean = false
                end
              end
              if clean then
                local e = a
                while e + 1 < v and e < a + 3 do
                  local f2, b2 = W[e + 1].f, unclitic(W[e + 1].f)
                  -- (definite words only: the noun, its adjectives, a coordinated noun)
                  if self.lex.PREP[f2] or self.lex.CUT[f2] or self.lex.CUT[b2] or RELATIVE[f2] or RELATIVE[b2]
                      or FUNCTION_WORD[f2] or self.lex.COMP[f2]
                      or not (f2:find("^\xD8\xA7\xD9\x84") or b2:find("^\xD8\xA7\xD9\x84")) then
                    break
                  end
                  e = e + 1
                end
                local s0 = W[a].s
                if bare ~= fa then s0 = s0 + 2 end -- the و/ف before it
                sp = { s = s0, e = W[e].e, how = "before_verb" }
                speaker_from_entity(sp, pick_entity(entities_in(doc, s0, W[e].e), false, { "PERS", "ORG" }), text)
                link_by_name(self, sp)
              end
            end
            if not sp and gap_end_word == v then sp = implicit_subject() end
            if not sp and last_speaker then
              sp = {}
              for kk, vv in pairs(last_speaker) do sp[kk] = vv end
              sp.how = "previous"
            end
            if sp then
              sp.text = sp.text or sub(text, sp.s, sp.e)
              if sp.how == "explicit" then link_by_name(self, sp) end
              if sp.how == "explicit" or sp.how == "before_verb" then link_by_role(sp, text, quotes) end
              -- a nested attribution does not change who is speaking in the paragraph
              if not nested or not last_speaker then last_speaker = sp end
            end
            block_quote_end = math.max(block_quote_end, q.e)
            q.speaker = sp
            local data_subject = sp and sp.s and not sp.id and W[word_index(self, sp.s) or 0]
              and self.lex.NONSPEAKER[(unclitic(W[word_index(self, sp.s)].f))]
            -- معلنةً دخول موسم الأمطار: a participle's noun phrase with nobody speaking
            local nobody = nominal and adverbial and not sp
            if q.e >= q.s and count_words(text, q.s, q.e) >= 1 and not data_subject and not nobody then
              q.text = sub(text, q.s, q.e)
              quotes[#quotes + 1] = q
            end
          end
        end
      end
      -- Long quotes in marks that no verb introduced.
      if opts.unattributed then
        for i, p in ipairs(pairs_) do
          -- a name or a term inside a running sentence (شركة «...» وشركة) is no
          -- quote: the marks must start or end a sentence, or follow a colon
          local before = sub(text, ls, p.os - 1):match("(%S*)%s*$") or ""
          local after = sub(text, (p.ce or le) + 1, le):match("^%s*(%S*)") or ""
          local opens = before == "" or before:find("[%.:!?]$") or before:find("\xD8\x9F$")
          local closes = not p.unclosed and (after == "" or after:find("^[%.!?]") or after:find("^\xD8\x9F"))
          -- a paragraph that opens with a mark after a quote left open at the end
          -- of the previous one goes on with that quote (the press convention for
          -- a quotation over several paragraphs): same speaker and verb, any length
          local prevq = quotes[#quotes]
          local goes_on = before == "" and sub(text, ls, p.os - 1):match("^%s*$") and prevq and prevq.unclosed
              and prevq.kind == "direct" and prevq.e < ls
          local wb = W[artext.word_at(W, p.os) - 1] -- the word before the opening mark
          local title = wb and wb.s >= ls and titled(self, wb)
          if not used[i] and p.os > covered_until and not title
              and (goes_on or pair_words(text, p) >= opts.min_quote_words + 2 and (opens or closes)) then
            local s, e = trim_punct(text, p.s, p.e)
            local inside = false
            for _, q in ipairs(quotes) do if s >= q.s and e <= q.e then inside = true end end
            if not inside and e >= s then
              local q = { s = s, e = e, text = sub(text, s, e), kind = "direct", unclosed = p.unclosed }
              if goes_on then
                q.verb, q.lemma, q.verb_span = prevq.verb, prevq.lemma, prevq.verb_span
                if prevq.speaker then
                  q.speaker = {}
                  for kk, vv in pairs(prevq.speaker) do q.speaker[kk] = vv end
                  q.speaker.how = "previous"
                end
                q.continued = true
              end
              quotes[#quotes + 1] = q
            end
          end
        end
      end
      speaker_after(quotes, block_first_quote, ls, text)
      wi = last + 1
    end
  end
  table.sort(quotes, function(a, b) return a.s < b.s end)
  doc.quotes = quotes
end

return {
  name = "quotes",
  summary = "direct and reported speech with speaker, speech verb and source",
  scope = "document",
  needs = {}, -- fields an earlier stage must add (lint checks the order)
  adds = { "quotes" },
  options = {
    max_gap = { type = "integer", min = 1, default = 25,
      doc = "At most this many words between the speech verb and إن/أن/:/the quote." },
    min_quote_words = { type = "integer", min = 1, default = 4,
      doc = "Words in quote marks shorter than this are a term in quotes, not a quote, unless after ':'." },
    verbs_file = { type = "string", default = "data/speech_verbs.txt",
      doc = "The speech verb lexicon: one 'FORM [LEMMA] [FLAG ...]' per line (adverbial, impersonal, nofem, ...) "
        .. "(relative to the recipe, then the bundled configs); '' = none." },
    cues_file = { type = "string", default = "data/quote_cues.txt",
      doc = "The cue words: 'SECTION: WORD ...' lines (complementizer, name_end, source, not_source, aside, "
        .. "opener, demonstrative, owner, before_object, frame, title_head, pronoun); relative to the recipe, "
        .. "then the bundled configs." },
    cues = { type = "list", items = { type = "string" }, default = {},
      doc = "Extra cue lines, same syntax as a line of cues_file (\"source: استنادا\")." },
    verbs = { type = "list", items = { type = "string" }, default = {},
      doc = "Extra lexicon entries, same syntax as a line of verbs_file (\"صرّح\", \"يؤكدون اكد\")." },
    join_lines = { type = "string", enum = { "auto", "always", "never" }, default = "auto",
      bool_alias = true,
      doc = "Which line ends are spaces (docs/splitting.md): auto = those inside hard-wrapped paragraphs "
        .. "(the core's decision, as in the split stage); always (or true) = every single line end; "
        .. "never (or false) = none (every line end ends a quote)." },
    unattributed = { type = "boolean", default = true,
      doc = "Also keep long quotes in marks that no speech verb introduces (speaker unknown)." },
  },
  example = { max_gap = 25, min_quote_words = 4 },
  run = run,
  _quote_pairs = quote_pairs,
}
