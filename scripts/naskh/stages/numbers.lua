-- naskh.stages.numbers: figures in the text, written with digits (Latin or
-- Arabic-Indic) or with number words, with the noun they count.
--
-- doc.numbers = { {s=, e=, text=, value=, kind=, unit=, unit_span=, approx=, bound=}, ... }
--   kind    digits | words | dual (عامين = 2 years) | percent | year (a lone 4-digit year)
--   value   the number (3500 for "ثلاثة آلاف وخمسمائة", 4 for "4 ساعات", 2 for "عامين")
--   unit    the counted noun as written ("ساعات", "جولات", "عام"); nil when none follows
--   approx  true after حوالي/نحو/قرابة/زهاء; bound = "more" | "less" after أكثر من / أقل من
-- Numbers inside dates found by the dates stage and in dropped boilerplate are skipped.
local artext = require "naskh.text.artext"
local spans = require "naskh.text.spans"

local byte, sub, find, fold = string.byte, string.sub, string.find, artext.fold

local WORDS = {
  ["واحد"] = 1, ["واحده"] = 1, ["اثنان"] = 2, ["اثنين"] = 2, ["اثنتان"] = 2, ["اثنتين"] = 2,
  ["اثنا"] = 2, ["اثني"] = 2, ["اثنتا"] = 2, ["اثنتي"] = 2,
  ["ثلاث"] = 3, ["ثلاثه"] = 3, ["اربع"] = 4, ["اربعه"] = 4, ["خمس"] = 5, ["خمسه"] = 5, ["ست"] = 6,
  ["سته"] = 6, ["سبع"] = 7, ["سبعه"] = 7, ["ثمان"] = 8, ["ثماني"] = 8, ["ثمانيه"] = 8, ["تسع"] = 9,
  ["تسعه"] = 9, ["عشر"] = 10, ["عشره"] = 10,
  ["عشرون"] = 20, ["عشرين"] = 20, ["ثلاثون"] = 30, ["ثلاثين"] = 30, ["اربعون"] = 40, ["اربعين"] = 40,
  ["خمسون"] = 50, ["خمسين"] = 50, ["ستون"] = 60, ["ستين"] = 60, ["سبعون"] = 70, ["سبعين"] = 70,
  ["ثمانون"] = 80, ["ثمانين"] = 80, ["تسعون"] = 90, ["تسعين"] = 90,
  ["مئه"] = 100, ["مائه"] = 100, ["مئتان"] = 200, ["مئتين"] = 200, ["مائتان"] = 200, ["مائتين"] = 200,
  ["الفان"] = 2000, ["الفين"] = 2000,
}
for _, h in ipairs({ { "ثلاث", 3 }, { "اربع", 4 }, { "خمس", 5 }, { "ست", 6 }, { "سبع", 7 }, { "ثمان", 8 },
  { "تسع", 9 } }) do
  WORDS[h[1] .. "مئه"] = h[2] * 100
  WORDS[h[1] .. "مائه"] = h[2] * 100
end
-- "أحد" counts only before عشر ("أحد عشر"); alone it means "one of".
local ONE_OF = { ["احد"] = 1, ["احدي"] = 1 }
local MULT = { ["الف"] = 1000, ["الاف"] = 1000, ["مليون"] = 1e6, ["ملايين"] = 1e6, ["مليار"] = 1e9,
  ["مليارات"] = 1e9, ["بليون"] = 1e9, ["ترليون"] = 1e12, ["تريليون"] = 1e12 }
-- Dual nouns: folded form -> singular unit.
local DUAL = {}
for _, d in ipairs({ { "عام", "عامين", "عامان" }, { "سنه", "سنتين", "سنتان" }, { "يوم", "يومين", "يومان" },
  { "شهر", "شهرين", "شهران" }, { "اسبوع", "اسبوعين", "اسبوعان" }, { "ساعه", "ساعتين", "ساعتان" },
  { "دقيقه", "دقيقتين", "دقيقتان" }, { "مره", "مرتين", "مرتان" }, { "جوله", "جولتين", "جولتان" },
  { "دولار", "دولارين", "دولاران" }, { "عقد", "عقدين", "عقدان" }, { "قرن", "قرنين", "قرنان" },
  { "ليله", "ليلتين", "ليلتان" }, { "كيلومتر", "كيلومترين", "كيلومتران" } }) do
  DUAL[d[2]] = d[1]
  DUAL[d[3]] = d[1]
end
local APPROX = { ["حوالي"] = true, ["نحو"] = true, ["قرابه"] = true, ["زهاء"] = true, ["ما يقارب"] = true,
  ["تقريبا"] = true }
-- Words that are not a counted noun after a number.
local NOT_UNIT = {}
for _, w in ipairs({ "في", "من", "علي", "الي", "عن", "و", "او", "ثم", "مع", "بعد", "قبل", "حتي", "منذ",
  "الي", "ان", "التي", "الذي", "هو", "هي", "كما", "عند", "بين", "ضد", "لدي", "خلال" }) do NOT_UNIT[w] = true end

local YEAR_CUE = { ["عام"] = true, ["العام"] = true, ["سنه"] = true, ["لعام"] = true, ["منذ"] = true,
  ["في"] = true }

local function strip_wa(f)
  if sub(f, 1, 2) == "\xD9\x88" and #f > 4 then return sub(f, 3) end
  return nil
end

-- A number word's value (or multiplier) at folded f; second result "mult".
local function word_value(f, allow_wa)
  local v = WORDS[f]
  if v then return v end
  if MULT[f] then return MULT[f], "mult" end
  if allow_wa then
    local g = strip_wa(f)
    if g then
      if WORDS[g] then return WORDS[g] end
      if MULT[g] then return MULT[g], "mult" end
    end
  end
  return nil
end

-- Can folded word f (not digits) start a number: a number word or multiplier,
-- one of the "one" forms, a definite number (الثلاثة) or a dual?
local function maybe_number(f)
  if WORDS[f] or MULT[f] or ONE_OF[f] or DUAL[f] then return true end
  local n = #f
  -- the shortest number word has two letters (4 bytes): a shorter rest needs no lookup
  if n >= 8 and WORDS[sub(f, 5)] then return true end
  local b1, b2 = byte(f, 1, 2)
  return b1 == 0xD9 and b2 == 0x88 and n > 4 and DUAL[sub(f, 3)] ~= nil -- و + a dual
end

-- Can folded word f start a number (digits or maybe_number)? Asked of every word:
-- memoised (bounded; the word lists do not change).
local starts_memo, starts_n = {}, 0
local function may_start(f)
  local r = starts_memo[f]
  if r ~= nil then return r end
  local b = byte(f)
  r = (b and b <= 57 and b >= 48) or maybe_number(f)
  if starts_n >= 50000 then starts_memo, starts_n = {}, 0 end
  starts_memo[f], starts_n = r, starts_n + 1
  return r
end

local function in_dates(doc, s, e)
  for _, d in ipairs(doc.dates or {}) do
    if d.s <= e and s <= d.e then return true end
    if d.s > e then break end
  end
  return false
end

local function run(doc, opts, ctx)
  local text = doc.text
  local W = artext.words(doc, ctx)
  local out = {}
  local i, n = 1, #W
  local function tight(a)
    local g = W[a + 1] and sub(text, W[a].e + 1, W[a + 1].s - 1)
    return g and not find(g, "%S")
  end
  local function unit_after(j)
    local w = W[j + 1]
    if not w or not tight(j) then return nil end
    if NOT_UNIT[w.f] or word_value(w.f, true) or w.f:match("^%d") then return nil end
    if not artext.has_arabic(sub(text, w.s, w.e)) then return nil end
    return w
  end
  while i <= n do
    local w = W[i]
    local f = w.f
    local m
    if not may_start(f) then
      -- not a number word: nothing to do (the cheap test comes first)
    elseif spans.is_dropped(doc, w.s, w.e) or in_dates(doc, w.s, w.e) then
      -- skip
    elseif f:match("^%d") then
      -- digits: 1,500 / 2.5 / ٣٫٥ / 103,7 (the mask splits them into words; join back)
      local raw = fold(sub(text, w.s, w.s + 24))
      local num = raw:match("^%d+[%.,\xD9]?[\xAB]?%d*") or f
      local j = i
      local value
      local intpart, frac = num:match("^(%d+)[%.\xD9][\xAB]?(%d+)$")
      if intpart then
        value = tonumber(intpart .. "." .. frac); j = i + 1
      else
        local a, b = num:match("^(%d+),(%d%d%d)$")
        -- a comma before one or two digits is a decimal comma (103,7 مليون، 1,5):
        -- a thousands separator is always followed by three
        local da, db = num:match("^(%d+),(%d%d?)$")
        if a then value = tonumber(a .. b); j = i + 1
        elseif da then value = tonumber(da .. "." .. db); j = i + 1
        else value = tonumber(f:match("^%d+")) end
      end
      if value and W[j] then
        m = { i = i, j = j, value = value, kind = "digits" }
        local nx = W[j + 1]
        if nx and tight(j) then
          local mv, mk = word_value(nx.f, false)
          if mk == "mult" then m.value = value * mv; m.j = j + 1 end
        end
        local after = sub(text, W[m.j].e + 1, W[m.j].e + 4)
        if after:match("^%s?%%") or after:match("^%s?\xD9\xAA") then
          m.kind, m.unit = "percent", "%"
        elseif #f == 4 and value >= 1900 and value <= 2100
            and (not unit_after(m.j) or (W[i - 1] and YEAR_CUE[W[i - 1].f])) then
          m.kind = "year"
        end
      end
    else
      local v, mk = word_value(f, false)
      if not v and ONE_OF[f] and W[i + 1] and (W[i + 1].f == "عشر" or W[i + 1].f == "عشره") then v = 1 end
      if v and mk == "mult" and f ~= "الف" then v = nil end -- "آلاف" alone is "thousands of"
      if v then
        local total, current = 0, v
        if mk == "mult" then total, current = v, 0 end
        local j = i
        while W[j + 1] and tight(j) do
          local nf = W[j + 1].f
          local nv, nk = word_value(nf, true)
          if not nv then break end
          if nk == "mult" then
            total = total + math.max(current, 1) * nv
            current = 0
          else
            current = current + nv
          end
          j = j + 1
        end
        m = { i = i, j = j, value = total + current, kind = "words" }
      elseif sub(f, 1, 4) == "\xD8\xA7\xD9\x84" and WORDS[sub(f, 5)] and WORDS[sub(f, 5)] < 11
          and W[i - 1] and sub(W[i - 1].f, 1, 4) == "\xD8\xA7\xD9\x84" and tight(i - 1) then
        -- "الرؤساء الثلاثة": a definite number after its definite noun
        local p = W[i - 1]
        out[#out + 1] = { s = w.s, e = w.e, text = sub(text, w.s, w.e), value = WORDS[sub(f, 5)], kind = "words",
                          unit = sub(text, p.s, p.e), unit_span = { s = p.s, e = p.e } }
      elseif DUAL[f] or (strip_wa(f) and DUAL[strip_wa(f)]) then
        local key = DUAL[f] and f or strip_wa(f)
        local s = DUAL[f] and w.s or w.s + 2
        out[#out + 1] = { s = s, e = w.e, text = sub(text, s, w.e), value = 2, kind = "dual", unit = DUAL[key] }
      end
    end
    if m then
      local s, e = W[m.i].s, W[m.j].e
      if m.kind == "words" and not WORDS[W[m.i].f] and not MULT[W[m.i].f] and strip_wa(W[m.i].f) then s = s + 2 end
      local rec = { s = s, e = e, text = sub(text, s, e), value = m.value, kind = m.kind, unit = m.unit }
      if m.kind ~= "year" and m.kind ~= "percent" then
        local u = unit_after(m.j)
        if u then
          rec.unit = sub(text, u.s, u.e)
          rec.unit_span = { s = u.s, e = u.e }
          m.j = m.j + 1
        end
      end
      local p = W[m.i - 1]
      if p then
        if APPROX[p.f] then rec.approx = true end
        local pp = W[m.i - 2]
        local ppf = pp and (strip_wa(pp.f) or pp.f)
        if p.f == "من" and (ppf == "اكثر" or ppf == "اكبر") then rec.bound = "more" end
        if p.f == "من" and (ppf == "اقل" or ppf == "اصغر") then rec.bound = "less" end
      end
      if opts.years or rec.kind ~= "year" then out[#out + 1] = rec end
      i = m.j
    end
    i = i + 1
  end
  doc.numbers = out
end

return {
  name = "numbers",
  summary = "figures written with digits or words (أربع ساعات، ثلاثة آلاف وخمسمائة) with their counted noun",
  scope = "document",
  needs = {}, -- fields an earlier stage must add (lint checks the order)
  adds = { "numbers" },
  options = {
    years = { type = "boolean", default = false,
      doc = "Also list lone 4-digit years (kind year) that no dates stage took." },
  },
  example = { years = false },
  run = run,
}
