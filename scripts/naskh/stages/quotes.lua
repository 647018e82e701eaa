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
--              previous (the last speaker: وأضاف أن ...)
--   source     {s=, e=, text=, id=?} when the text names one (بحسب ما ذكرته وكالة
--              فرانس برس، وفق «فرانس برس»، نقلت وكالة ... عن X)
--   unclosed   true when the closing quote mark is missing (the quote runs to
--              the end of the paragraph)
-- Text dropped by the clean stage is skipped. The quotes_merge corpus stage
-- merges the same quote across articles.
local artext = require "naskh.artext"
local spans = require "naskh.spans"

local sub, find, byte, fold = string.sub, string.find, string.byte, artext.fold

-- Speech verbs: folded form -> lemma. Feminine (+ت) forms are added below.
local VERB_LEMMAS = {
  "قال", "اضاف", "اكد", "اعلن", "صرح", "اوضح", "تابع", "اشار", "ذكر", "افاد", "اعتبر", "شدد",
  "لفت", "نقل", "اورد", "كشف", "اعرب", "عبر", "وصف", "ابلغ", "حذر", "اعترف", "زعم", "اكدت",
  "اردف", "استطرد", "علق", "نفي", "راي", "يقول", "تقول", "يضيف", "تضيف", "يري", "تري",
}
local VERBS = {}
for _, v in ipairs(VERB_LEMMAS) do
  VERBS[v] = v
  if v:sub(1, 2) ~= "\xD9\x8A" and v:sub(1, 2) ~= "\xD8\xAA" then
    local fem = v
    if v == "نفي" then fem = "نفت" elseif v == "راي" then fem = "رات" else fem = v .. "\xD8\xAA" end
    VERBS[fem] = VERBS[fem] or v
  end
end
-- Adverbials that continue the current speaker: مضيفا أن، مشيرا إلى أن ...
local ADVERBIAL = {
  ["مضيفا"] = "اضاف", ["مضيفه"] = "اضاف", ["مؤكدا"] = "اكد", ["مؤكده"] = "اكد", ["مشيرا"] = "اشار",
  ["مشيره"] = "اشار", ["موضحا"] = "اوضح", ["موضحه"] = "اوضح", ["معتبرا"] = "اعتبر",
  ["معتبره"] = "اعتبر", ["لافتا"] = "لفت", ["مشددا"] = "شدد", ["محذرا"] = "حذر",
}
-- Words that introduce the quoted content.
local COMP = {}
for _, w in ipairs({ "ان", "انه", "انها", "انهم", "انهما", "اننا", "انني", "انهن" }) do
  COMP[w] = true
  COMP["ب" .. w] = true
end
-- Words that end the speaker's name (prepositions, time words, adverbs).
local CUT = {}
for _, w in ipairs({ "في", "خلال", "علي", "عن", "الي", "امام", "مع", "بعد", "قبل", "وفق", "وفقا",
  "بحسب", "حسب", "نقلا", "اليوم", "امس", "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس",
  "الجمعه", "السبت", "قائلا", "قائله", "بالقول", "ايضا", "كذلك", "صباح", "مساء", "له", "لها", "لهم",
  "الذي", "التي", "الذين", "اثناء", "عقب", "لدي", "من", "قوله", "قولها", "تصريحات",
  "تصريح", "غدا" }) do
  CUT[w] = true
end
-- A one-word head that takes its owner: بيان للكرملين، مصدر لوزارة ...
local OWNER = { ["بيان"] = true, ["مصدر"] = true, ["مصادر"] = true, ["متحدث"] = true, ["ناطق"] = true,
  ["مسؤول"] = true, ["تقرير"] = true, ["رساله"] = true, ["المتحدث"] = true, ["الناطق"] = true }
local SOURCE_MARK = { ["بحسب"] = true, ["حسب"] = true, ["وفق"] = true, ["وفقا"] = true,
  ["نقلا"] = true, ["طبقا"] = true }
local FUNCTION_WORD = { ["ان"] = true, ["بان"] = true, ["التي"] = true, ["الذي"] = true, ["و"] = true,
  ["ما"] = true, ["لا"] = true, ["قد"] = true, ["كما"] = true, ["ثم"] = true, ["لكن"] = true, ["انه"] = true }

-- After a comma, these start the journalist's words, not the speaker's:
-- "، في إشارة إلى ..."، "، حيث ..."، "، بحسب ...".
local COMMENT_AFTER_COMMA = { ["حيث"] = true, ["وفق"] = true, ["وفقا"] = true, ["بحسب"] = true,
  ["حسب"] = true, ["نقلا"] = true, ["طبقا"] = true }

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

-- The same verbs with و/ف glued on: folded form -> {lemma, form without the clitic}.
local VERBS_CL = {}
for form, lemma in pairs(VERBS) do
  VERBS_CL[form] = { lemma, form }
  VERBS_CL["\xD9\x88" .. form] = { lemma, form }
  VERBS_CL["\xD9\x81" .. form] = { lemma, form }
end

local function verb_of(f)
  local v = VERBS_CL[f]
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
  for _, en in ipairs(doc.entities or {}) do
    if en.s >= s and en.e <= e then out[#out + 1] = en end
    if en.s > e then break end
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

local function speaker_from_entity(sp, en)
  if en then sp.id, sp.type, sp.name = en.id, en.type, en.name end
  return sp
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
  if not W[j] then return nil end
  local s = W[j].s
  -- ل glued to the name: لوكالة → وكالة
  if W[j].f:match("^\xD9\x84") and not W[j].f:match("^\xD9\x84\xD8\xA7") then s = s + 2 end
  local e = W[j].e
  local n = 1
  local le = self.le
  local l = j
  while W[l + 1] and W[l + 1].s <= le and n < 7 do
    local gap = sub(text, W[l].e + 1, W[l + 1].s - 1)
    if gap:find("[,%.%-:;%(%)]") or gap:find("\xD8\x8C") or gap:find("\xE2\x80") or gap:find("\xC2\xBB") then break end
    local f = W[l + 1].f
    if COMP[f] or f == "فان" or verb_of(f) then break end
    l = l + 1; n = n + 1; e = W[l].e
  end
  return { s = s, e = e, text = sub(text, s, e) }
end

-- Find the source of a quote in words a..b (or nil).
local function find_source(self, a, b)
  local W = self.W
  for k = a, b do
    if W[k] and (SOURCE_MARK[W[k].f] or SOURCE_MARK[(unclitic(W[k].f))]) then
      local src = source_after(self, k)
      if src then
        local en = pick_entity(entities_in(self.doc, src.s, src.e), true, { "ORG", "PERS" })
        if en then src.id, src.type, src.name = en.id, en.type, en.name end
        return src
      end
    end
  end
  return nil
end

-- Speaker words v+1..k-1: the head (up to a comma, dash, preposition or time word).
local function speaker_head(self, a, b)
  local W, text = self.W, self.text
  local hs, he
  local k = a
  while k <= b do
    local w = W[k]
    local gap = k > a and sub(text, W[k - 1].e + 1, w.s - 1) or ""
    if gap:find("[,%-%(:]") or gap:find("\xD8\x8C") or gap:find("\xE2\x80[\x93\x94]") then break end
    local f = w.f
    if CUT[f] or COMP[f] or ADVERBIAL[f] or SOURCE_MARK[unclitic(f)] then break end
    local first2 = sub(f, 1, 4)
    local prep = first2 == "\xD9\x84\xD9\x84" -- لل
        or (sub(f, 1, 2) == "\xD9\x84" and #f >= 6 and not sub(f, 3, 4):match("^\xD8\xA7")) -- لنظيره
    if prep and not (hs and k == a + 1 and OWNER[W[a].f]) then
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

local function run(doc, opts, ctx)
  local text = doc.text
  local W = artext.words(doc)
  local quotes = {}
  local last_speaker
  local ents_by_start = {}
  for _, en in ipairs(doc.entities or {}) do
    local l = ents_by_start[en.s]
    if not l then l = {}; ents_by_start[en.s] = l end
    l[#l + 1] = en
  end
  local self = { W = W, text = text, doc = doc, ents_by_start = ents_by_start }
  local wi = 1
  local pos = 1
  local n = #text
  while pos <= n do
    local nl = find(text, "\n", pos, true) or n + 1
    local ls, le = pos, nl - 1
    pos = nl + 1
    if le >= ls and not spans.is_dropped(doc, ls, le) and find(sub(text, ls, le), "%S") then
      self.le = le
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
        local lemma, vf = verb_of(w.f)
        local adverbial = ADVERBIAL[w.f]
        if (lemma or adverbial) and w.s > covered_until then
          local inside_pair = false
          for _, q in ipairs(pairs_) do if w.s > q.os and w.e < (q.ce or q.e) then inside_pair = true end end
          -- scan the gap
          local k = v + 1
          local cstart, direct
          local gap_end_word = v
          while k <= last and k <= v + opts.max_gap do
            local gap = sub(text, W[k - 1].e + 1, W[k].s - 1)
            local colon = gap:find(":", 1, true)
            -- a quote mark in the gap that opens a long quote
            local qpos
            for _, q in ipairs(pairs_) do
              if q.os > W[k - 1].e and q.os < W[k].s then qpos = q end
            end
            -- أعرب/عبر ... عن «...»: what was expressed, however short
            local expressed = qpos and (lemma == "اعرب" or lemma == "عبر") and W[k - 1].f == "عن"
            if qpos and (colon or expressed or pair_words(text, qpos) >= opts.min_quote_words
                         or qpos.unclosed) then
              direct = qpos; gap_end_word = k - 1; break
            end
            if colon then cstart = W[k - 1].e + colon + 1; gap_end_word = k - 1; break end
            if gap:find("[%.!?]") or gap:find("\xD8\x9F") then break end
            local f = W[k].f
            if COMP[f] then
              cstart = W[k].e + 1
              gap_end_word = k - 1
              -- إنه "…": the quote right after the complementizer
              local after = sub(text, W[k].e + 1, W[k].e + 4)
              local sp = W[k].e + 1 + (#after - #after:gsub("^%s+", ""))
              local q = pair_at(sp)
              if q then direct = q end
              break
            end
            if verb_of(f) and k > v + 1 then break end
            k = k + 1
          end
          if (cstart or direct) and not inside_pair then
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
                local aside = COMMENT_AFTER_COMMA[nf] or (nf == "في" and W[k2 + 1] and W[k2 + 1].f == "اشاره")
                if (g:find("\xD8\x8C") or g:find(",")) and (verb_of(nf) or ADVERBIAL[nf] or aside) then
                  -- up to the comma (a closing quote mark before it stays in)
                  local cpos = g:find("\xD8\x8C") or g:find(",", 1, true)
                  send = W[k2 - 1].e + cpos - 1
                  break
                end
              end
              q.s, q.e = trim_punct(text, cstart, send)
              covered_until = q.e
              for i, p in ipairs(pairs_) do if p.os >= q.s and p.os <= q.e then used[i] = true end end
            end
            -- source: in the gap, then after the quote to the end of the sentence
            local send2 = sentence_end(text, math.min(q.e + 1, le), le, pairs_)
            local after_last = v
            while W[after_last + 1] and W[after_last + 1].e <= send2 do
              after_last = after_last + 1
              if W[after_last].s > q.e and (verb_of(W[after_last].f) or ADVERBIAL[W[after_last].f]) then
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
                    speaker_from_entity(sp, pick_entity(entities_in(doc, hs, he), false, { "PERS", "ORG" }))
                  end
                  break
                end
              end
            end
            if not sp and lemma then
              local hs, he, hk = speaker_head(self, v + 1, gap_end_word)
              if hs then
                sp = { s = hs, e = he, how = "explicit" }
                -- an appositive name after the head: المتحدث باسم الكرملين، ديمتري بيسكوف، أن
                local ents = entities_in(doc, hs, he)
                local en = pick_entity(ents, OWNER[W[v + 1].f], { "PERS", "ORG" }) or title_entity(self, hs, he, ents)
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
                speaker_from_entity(sp, en)
              end
            end
            if not sp and lemma and v > first then
              -- بوتين قال ...: a name right before the verb
              local p = W[v - 1]
              local g = sub(text, p.e + 1, w.s - 1)
              if not g:find("%S") and not FUNCTION_WORD[p.f] and not COMP[p.f] then
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
              for _, x in ipairs(entities_in(doc, W[v - 2].s, W[v - 2].e)) do en = x end
              if en then sp = speaker_from_entity({ s = en.s, e = en.e, how = "before_verb" }, en) end
            end
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
            if not sp and last_speaker then
              sp = {}
              for kk, vv in pairs(last_speaker) do sp[kk] = vv end
              sp.how = "previous"
            end
            if sp then
              sp.text = sp.text or sub(text, sp.s, sp.e)
              last_speaker = sp
            end
            q.speaker = sp
            if q.e >= q.s and count_words(text, q.s, q.e) >= 1 then
              q.text = sub(text, q.s, q.e)
              quotes[#quotes + 1] = q
            end
          end
        end
      end
      -- Long quotes in marks that no verb introduced.
      if opts.unattributed then
        for i, p in ipairs(pairs_) do
          if not used[i] and p.os > covered_until and pair_words(text, p) >= opts.min_quote_words + 2 then
            local s, e = trim_punct(text, p.s, p.e)
            local inside = false
            for _, q in ipairs(quotes) do if s >= q.s and e <= q.e then inside = true end end
            if not inside then
              quotes[#quotes + 1] = { s = s, e = e, text = sub(text, s, e), kind = "direct", unclosed = p.unclosed }
            end
          end
        end
      end
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
    unattributed = { type = "boolean", default = true,
      doc = "Also keep long quotes in marks that no speech verb introduces (speaker unknown)." },
  },
  example = { max_gap = 25, min_quote_words = 4 },
  run = run,
  _quote_pairs = quote_pairs,
}
