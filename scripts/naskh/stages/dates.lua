-- naskh.stages.dates: dates, weekdays, times and relative expressions, each
-- with an ISO 8601 value and how it was resolved.
--
-- doc.dates = { {s=, e=, text=, kind=, iso=, resolved=, how=, ...}, ... } in text order
--   kind      date | month | year | weekday | relative | month_part | period | time
--   iso       "2017-11-20", "2017-11-21T10:43", "2017-11", "2017", "10:43", or
--             an interval "2017-05-27/2017-06-25" (a Hijri month); nil when unresolved
--   resolved  absolute (all in the text) | anchor (needs the article's date) | unresolved
--   how       a short English explanation ("weekday nearest the article date 2017-11-21 (dateline)")
--   rel       for relative mentions, what a later stage needs to re-resolve them
--             against another anchor: {days=N} | {weekday=0..6, dir="nearest"|"next"|"prev"}
--             | {month=M, year_from_anchor=true} | {period="week"|"month"|"year", offset=-1|0|1}
--   part      early | mid | late (of a month); morning | noon | afternoon | evening | night (of a day)
--   calendar  "hijri" for Hijri dates (hijri = "1439-03-03"); Gregorian otherwise
-- doc.date_anchor = {iso=, source="meta.date"|"dateline", s=, e=} or nil.
-- Without an anchor, a relative mention takes the nearest explicit full date
-- BEFORE it in the text (resolved "anchor", how "... previous date ..."); else
-- it stays unresolved (the timeline stage can resolve it against the cluster).
local naskh = require "naskh"
local artext = require "naskh.text.artext"
local spans = require "naskh.text.spans"

local fold, sub, find = artext.fold, string.sub, string.find
local days_from_civil, civil_from_days = artext.days_from_civil, artext.civil_from_days

-- The lexicons (month and weekday names, cue words) are data: the lists of
-- the patterns file (configs/data/dates.pat, option patterns_file), read into
-- these tables by use_lexicons. Keys are folded; two-word names are keyed
-- "first second".
local GREG, WEAK_MONTH, LEVANTINE, MONTH_CUE, ORDINAL_DAY, ORDINAL, DAY_SPAN, TENS, AGO, UNIT, COUNT
local PERIOD_EPITHET, HIJRI, WEEKDAY, DAYPART, DEICTIC, MONTH_PART, NEXT, PREV, FUTURE_CUE, YEAR_RANGE
local YEAR_NOUN, YEAR_CUE, ORD_UNIT, ORD_TENS, PERIOD, PERIOD_NOW, BIRTH
local MATCHERS

-- {=== the patterns file ===

-- The lists the stage reads (each must be in the patterns file) and how a value becomes a Lua one.
local function num(v) return tonumber(v) end
local function flag() return true end
local function str(v) return v end
local function unit(v)
  local u, n = v:match("^(%a+)/?(%d*)$")
  return { u, tonumber(n) }
end
local LISTS = {
  { "month", num }, { "month_weak", flag }, { "month_levantine", flag }, { "month_cue", flag },
  { "ordinal_day", num }, { "ordinal", flag }, { "day_span", flag }, { "tens", flag }, { "ago", flag },
  { "unit", unit }, { "count", num }, { "period_epithet", flag }, { "month_hijri", num }, { "weekday", num },
  { "daypart", str }, { "deictic", num }, { "month_part", str }, { "next", flag }, { "prev", flag },
  { "future_cue", flag }, { "year_range", str }, { "year_noun", flag }, { "year_cue", flag },
  { "ordinal_unit", num }, { "ordinal_tens", num }, { "and_tens", num }, { "period", str }, { "now", flag },
  { "birth", flag },
}

-- The lexicon tables from a compiled set; nil, message when a list is missing.
local function use_lexicons(set)
  local L = {}
  for _, d in ipairs(LISTS) do
    local l = set:list(d[1])
    if not l then return nil, "the patterns file has no list '" .. d[1] .. "'" end
    local t = {}
    for k, v in pairs(l) do t[k] = d[2](v == true and "" or v) end
    L[d[1]] = t
  end
  GREG, WEAK_MONTH, LEVANTINE, MONTH_CUE = L.month, L.month_weak, L.month_levantine, L.month_cue
  ORDINAL_DAY, ORDINAL, DAY_SPAN, TENS, AGO, UNIT, COUNT = L.ordinal_day, L.ordinal, L.day_span, L.tens,
    L.ago, L.unit, L.count
  PERIOD_EPITHET, HIJRI, WEEKDAY, DAYPART, DEICTIC = L.period_epithet, L.month_hijri, L.weekday, L.daypart,
    L.deictic
  MONTH_PART, NEXT, PREV, FUTURE_CUE, YEAR_RANGE = L.month_part, L.next, L.prev, L.future_cue, L.year_range
  YEAR_NOUN, YEAR_CUE, PERIOD, PERIOD_NOW, BIRTH = L.year_noun, L.year_cue, L.period, L.now, L.birth
  ORD_UNIT = L.ordinal_unit
  ORD_TENS = {}
  for k, v in pairs(L.ordinal_tens) do ORD_TENS[k] = v end
  for k, v in pairs(L.and_tens) do ORD_TENS[k] = v end
  return true
end

-- Read and compile the patterns file at path: set, or nil and a message
-- ("PATH:LINE:COL: ...", or a list the stage needs that the file lacks).
local function compile_file(path)
  local fh, err = io.open(path, "rb")
  if not fh then return nil, string.format("dates: cannot read patterns_file %s", tostring(err)) end
  local src = fh:read("a")
  fh:close()
  local set, perr = naskh.patterns(src, path)
  if not set then return nil, perr end
  for _, d in ipairs(LISTS) do
    if not set:list(d[1]) then return nil, path .. ": the patterns file has no list '" .. d[1] .. "'" end
  end
  return set
end

-- The compiled patterns of the file named by opts.patterns_file (resolved
-- against the recipe, then the bundled configs), loaded once per file.
local loaded_path, loaded_set
local function patterns(opts, ctx)
  local file = opts.patterns_file or "data/dates.pat"
  local path = ctx and ctx.resolve and ctx:resolve(file) or file
  if path == loaded_path then return loaded_set end
  local set, err = compile_file(path)
  if not set then error(err, 0) end
  use_lexicons(set)
  loaded_path, loaded_set = path, set
  return set
end

-- }===

local WEEKDAY_NAME = { [0] = "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday" }

-- A future verb: س + an imperfect prefix (سيعقد، ستبدأ، سنواصل), optionally after و/ف.
local function FUTURE_VERB(f)
  local c = sub(f, 1, 2)
  if (c == "\xD9\x88" or c == "\xD9\x81") and #f > 8 then f = sub(f, 3) end
  if sub(f, 1, 2) ~= "\xD8\xB3" or #f < 8 then return false end
  local p = sub(f, 3, 4)
  return p == "\xD9\x8A" or p == "\xD8\xAA" or p == "\xD9\x86" -- ي ت ن
end
-- A present verb: ي + at least three letters (يعقد، ويلتقي), or, opening the
-- sentence, ت + three (وتقام، تنطلق; elsewhere ت starts nouns: تقرير).
local function PRESENT_VERB(f, first)
  local c = sub(f, 1, 2)
  if (c == "\xD9\x88" or c == "\xD9\x81") and #f > 8 then f = sub(f, 3) end
  if #f < 8 or not f:find("^[\xD8-\xDB\x80-\xBF]+$") then return false end
  local p = sub(f, 1, 2)
  return p == "\xD9\x8A" or (first and p == "\xD8\xAA")
end
-- A word's folded form with one proclitic و/ف/ب/ل removed when that gives a key of tbl.
local function lookup(tbl, f)
  local v = tbl[f]
  if v ~= nil then return v, 0 end
  local c = sub(f, 1, 2)
  if (c == "\xD9\x88" or c == "\xD9\x81" or c == "\xD8\xA8" or c == "\xD9\x84") and #f > 4 then
    v = tbl[sub(f, 3)]
    if v ~= nil then return v, 1 end
  end
  return nil
end

local function digits(f)
  return f:match("^%d+$") and tonumber(f) or nil
end

local function parse_iso_date(s)
  if type(s) ~= "string" then return nil end
  local y, m, d = s:match("^(%d%d%d%d)%-(%d%d)%-(%d%d)")
  if not y then
    d, m, y = s:match("^(%d%d?)/(%d%d?)/(%d%d%d%d)$")
  end
  y, m, d = tonumber(y), tonumber(m), tonumber(d)
  if y and m >= 1 and m <= 12 and d >= 1 and d <= artext.days_in_month(y, m) then return y, m, d end
  return nil
end

-- The scanner works on the word list; W[i].f is the folded word.
local Scan = {}
Scan.__index = Scan

-- Raw bytes between words i and j (exclusive).
function Scan:gap(i, j)
  local W = self.W
  if not W[i] or not W[j] then return "" end
  return sub(self.text, W[i].e + 1, W[j].s - 1)
end

-- Only spaces (and at most the given punctuation) between words i and i+1?
function Scan:tight(i, allow)
  local g = self:gap(i, i + 1)
  if #g > 12 then return false end
  g = g:gsub("%s", "")
  if g == "" then return true end
  return allow and g:gsub("[" .. allow .. "]", "") == "" or false
end

-- A month name at word i: number, calendar, last word index, weak.
function Scan:month_at(i)
  local W = self.W
  local w = W[i]
  if not w then return nil end
  local f = w.f
  local f2 = W[i + 1] and self:tight(i) and (f .. " " .. W[i + 1].f)
  local c = sub(f, 1, 2)
  local strip = (c == "\xD9\x88" or c == "\xD9\x81" or c == "\xD8\xA8") and #f > 6 and sub(f, 3) or nil
  for _, key in ipairs({ f2 or false, strip and f2 and (strip .. " " .. W[i + 1].f) or false }) do
    if key then
      if GREG[key] then return GREG[key], "gregorian", i + 1, false end
      if HIJRI[key] then return HIJRI[key], "hijri", i + 1, false end
    end
  end
  for _, key in ipairs({ f, strip or false }) do
    if key then
      if GREG[key] then return GREG[key], "gregorian", i, WEAK_MONTH[key] or false end
      if HIJRI[key] then return HIJRI[key], "hijri", i, true end
    end
  end
  return nil
end

-- A year at word i (optionally after a cue word): year, suffix calendar, last index.
function Scan:year_at(i, allow_cue)
  local W = self.W
  local w = W[i]
  if not w then return nil end
  local j = i
  if allow_cue and YEAR_CUE[w.f] and W[i + 1] then j = i + 1 end
  local f = W[j].f
  local y, suffix = f:match("^(%d%d%d%d)(\217?[\133\135]?)$") -- 2017 / 2017م / 1439ه
  y = tonumber(y)
  if not y then return nil end
  local cal
  if suffix == "\xD9\x85" then cal = "gregorian" elseif suffix == "\xD9\x87" then cal = "hijri" end
  local last = j
  local nx = W[j + 1]
  if not cal and nx and self:tight(j) then
    if nx.f == "\xD9\x85" then cal, last = "gregorian", j + 1          -- م
    elseif nx.f == "\xD9\x87" then cal, last = "hijri", j + 1 end      -- هـ (tatweel folded away)
  end
  if cal == "hijri" then
    if y < 1000 or y > 1700 then return nil end
  elseif y < 1300 or y > 2200 then
    return nil
  end
  return y, cal, last
end

-- The year written after a month ending at word mj: "نوفمبر 2017"، "نوفمبر، عام 2017"
-- or "نوفمبر من عام 2017" (the month of that year): year, calendar, last index.
function Scan:year_after_month(mj)
  local W = self.W
  if not W[mj + 1] then return nil end
  if self:tight(mj, ",%-") then
    local y, cal, yj = self:year_at(mj + 1, true)
    if y then return y, cal, yj end
  end
  if W[mj + 1].f == "من" and self:tight(mj) and W[mj + 2] and YEAR_NOUN[W[mj + 2].f] and self:tight(mj + 1) then
    return self:year_at(mj + 2, true)
  end
  return nil
end

-- A time at word i: hour, minute, last index.
function Scan:time_at(i)
  local W = self.W
  local w = W[i]
  if not w or not W[i + 1] then return nil end
  local h, mi = digits(w.f), digits(W[i + 1].f)
  if not h or not mi or #W[i + 1].f ~= 2 or h > 24 or mi > 59 then return nil end
  if self:gap(i, i + 1) ~= ":" then return nil end
  local last = i + 1
  local nx = W[i + 2]
  if nx and self:tight(i + 1) then
    local p = DAYPART[nx.f] or (nx.f == "\xD8\xB5" and "morning") or (nx.f == "\xD9\x85" and "evening")
    if p then
      if (p == "evening" or p == "night" or p == "afternoon") and h < 12 then h = h + 12 end
      if p == "noon" and h < 6 then h = h + 12 end
      last = i + 2
    end
  end
  return h, mi, last
end

local function add(self, m)
  local s, e = self.W[m.i].s, self.W[m.j].e
  -- "اليوم (الاثنين)": take the closing bracket too
  if find(sub(self.text, s, e), "(", 1, true) and sub(self.text, e + 1, e + 1) == ")" then e = e + 1 end
  m.s, m.e = s, e
  m.text = sub(self.text, s, e)
  self.out[#self.out + 1] = m
end

-- The patterns of the file that the matchers above read from their first word
-- (in this order: absolute, month_phrase, period, year_only, ago, relative). Any
-- other pattern of the file (numeric dates, times, a user's) is read from its captures.
MATCHERS = { day_month = true, month_year = true,
  month_part = true, month_alone = true, period = true, day_of_period = true, day_of_period_al = true,
  year = true, ago = true, relative = true }

-- A mention from the captures of a match m (set:scan): day (a number or a list
-- value), month (Gregorian 1-12) or hmonth (Hijri 1-12), year (digits; ه after
-- them makes it Hijri), weekday (0-6), offset (days from the article date), part
-- (a list value: early/mid/late, morning...); hour and minute (two digits) make a
-- time, which a part (evening, م ...) moves to the afternoon. A Gregorian date
-- that does not exist (31/02/2017) is none. Returns the last word index, or nil.
function Scan:from_captures(m)
  local c = m.caps
  local function val(name)
    local x = c[name]
    if not x then return nil end
    return tonumber(x.v or "") or tonumber(fold(sub(self.text, x.s, x.e)):match("^%d+") or "")
  end
  local day, mon, hmon, wd, off = val("day"), val("month"), val("hmonth"), val("weekday"), val("offset")
  local year, cal = val("year"), hmon and "hijri" or "gregorian"
  if c.year and fold(sub(self.text, c.year.s, c.year.e)):find("\xD9\x87$") then cal = "hijri" end
  local part = c.part and c.part.v
  if c.hour and c.minute then
    local h, mi = val("hour"), val("minute")
    if #fold(sub(self.text, c.minute.s, c.minute.e)) ~= 2 or h > 24 or mi > 59 then return nil end
    if (part == "evening" or part == "night" or part == "afternoon") and h < 12 then h = h + 12 end
    if part == "noon" and h < 6 then h = h + 12 end
    add(self, { i = m.i, j = m.j, kind = "time", hour = h, min = mi })
    return m.j
  end
  local mm = mon or hmon
  if (day and (day < 1 or day > 31)) or (mm and (mm < 1 or mm > 12)) or (wd and (wd < 0 or wd > 6)) then return nil end
  if mon and day and year and not hmon and cal == "gregorian" and day > artext.days_in_month(year, mon) then
    return nil
  end
  local out = { i = m.i, j = m.j, part = part, calendar = cal }
  if mm then
    out.kind, out.m, out.d, out.y = day and "date" or (part and "month_part" or "month"), mm, day, year
  elseif year then
    out.kind, out.y = "year", year
  elseif off then
    out.kind, out.rel, out.weekday = "relative", { days = off }, wd
  elseif wd then
    out.kind, out.weekday, out.rel = "weekday", wd, { weekday = wd, dir = "prev_or_same" }
  else
    return nil
  end
  add(self, out)
  return m.j
end

-- An ordinal day at word k: day, last index (الأول، الحادي عشر، العشرين،
-- الخامس والعشرين، الحادي والثلاثين).
function Scan:ordinal_day_at(k)
  local W = self.W
  local f = W[k] and W[k].f
  if not f then return nil end
  local u = ORD_UNIT[f]
  local nx = W[k + 1] and self:tight(k) and W[k + 1].f
  if u and nx == "عشر" then return 10 + u, k + 1 end
  if u and nx and ORD_TENS[nx] and sub(nx, 1, 2) == "\xD9\x88" and ORD_TENS[nx] + u <= 31 then
    return ORD_TENS[nx] + u, k + 1
  end
  if ORD_TENS[f] and sub(f, 1, 2) ~= "\xD9\x88" then return ORD_TENS[f], k end
  if ORDINAL_DAY[f] then return ORDINAL_DAY[f], k end
  return nil
end

-- Try an absolute date at i: [weekday] day month[/month] [cue] [year] [time].
function Scan:absolute(i)
  local W = self.W
  local start, wd = i, nil
  local k = i
  if W[k].f == "يوم" and W[k + 1] and self:tight(k) then k = k + 1 end -- يوم الخميس 26 أيار، يوم 23 أيار
  -- a day part before the weekday: صباح الاثنين 11 مارس، ليلة السبت 9 مارس
  local dpart = DAYPART[W[k].f]
  if dpart and W[k + 1] and self:tight(k) and lookup(WEEKDAY, W[k + 1].f) then k = k + 1 else dpart = nil end
  local wdv = lookup(WEEKDAY, W[k].f)
  if wdv and W[k + 1] and self:tight(k, ",") then wd = wdv; k = k + 1 end
  if dpart and not wd then return nil end
  local day = digits(W[k].f)
  local mk = k + 1 -- where the month name is
  if day and #W[k].f > 2 then day = nil end
  if not day then
    -- الأول من سبتمبر، الحادي عشر من مارس، الخامس والعشرين من مايو
    local od, oj = self:ordinal_day_at(k)
    if od and W[oj + 1] and W[oj + 1].f == "من" and W[oj + 2] and self:tight(oj) and self:tight(oj + 1) then
      day, mk = od, oj + 2
    end
  end
  -- a range of days: 20-22 نوفمبر، بين 20 و22 نوفمبر، من 20 إلى 22 نوفمبر: the first
  -- day takes the month (and year) written after the second, which is read next
  if day and day >= 1 and day <= 31 and W[mk] and not self:month_at(mk) then
    local k2
    local g = self:gap(k, k + 1)
    if g:match("^%s*[%-\xE2\x80\x93]+%s*$") or g:match("^%s+\xD9\x88$") then k2 = k + 1
    elseif (W[k + 1].f == "الي" or W[k + 1].f == "حتي") and W[k + 2] and self:tight(k + 1) then k2 = k + 2 end
    local d2 = k2 and digits(W[k2].f)
    if d2 and #W[k2].f <= 2 and d2 > day and d2 <= 31 and W[k2 + 1] and self:tight(k2) then
      local mon, cal, mj = self:month_at(k2 + 1)
      if mon then
        local y, ycal
        if W[mj + 1] and self:tight(mj, ",%-") then y, ycal = self:year_at(mj + 1, true) end
        if not ((cal == "hijri" and ycal == "gregorian") or (cal == "gregorian" and ycal == "hijri")) then
          add(self, { i = start, j = k, kind = "date", y = y, m = mon, d = day, weekday = wd, calendar = cal })
          return k
        end
      end
    end
  end
  if day and day >= 1 and day <= 31 and W[mk] and self:tight(mk - 1, "-") then
    local mon, cal, mj = self:month_at(mk)
    if mon then
      local last = mj
      -- combined form: 20 أكتوبر/تشرين الأول, أكتوبر (تشرين الأول)
      if W[mj + 1] and self:tight(mj, "/%(") then
        local mon2, _, mj2 = self:month_at(mj + 1)
        if mon2 == mon then last = mj2 end
      end
      local y, ycal, yj = self:year_after_month(last)
      local m = { i = start, j = yj or last, kind = "date", y = y, m = mon, d = day, weekday = wd,
                  calendar = cal, part = dpart }
      if cal == "hijri" and ycal == "gregorian" then return nil end
      if cal == "gregorian" and ycal == "hijri" then return nil end
      -- a time right after: "2017, 10:43 صباحا"
      local tj = m.j
      if W[tj + 1] and self:tight(tj, ",") then
        local h, mi, last2 = self:time_at(tj + 1)
        if h then m.hour, m.min, m.j = h, mi, last2 end
      end
      add(self, m)
      return m.j
    end
  end
  return nil
end

-- month [year] with a month-part word or a year; or a month after "في/شهر".
function Scan:month_phrase(i)
  local W = self.W
  local part
  local k = i
  local pv = MONTH_PART[W[k].f]
  if pv and W[k + 1] and self:tight(k) then part = pv; k = k + 1 end
  if W[k].f == "شهر" and W[k + 1] then k = k + 1 end
  local mon, cal, mj, weak = self:month_at(k)
  if not mon then return nil end
  -- combined form without a day: أبريل/نيسان 1999، يونيو حزيران 1960
  if W[mj + 1] and self:tight(mj, "/%(") then
    local mon2, cal2, mj2, weak2 = self:month_at(mj + 1)
    if mon2 == mon and cal2 == cal then mj, weak = mj2, weak and weak2 end
  end
  local y, ycal, yj = self:year_after_month(mj)
  -- a range of months with one year after the second (بين حزيران وتموز من عام 2010،
  -- من يونيو إلى أغسطس 2010): the first takes that year too (its span stays its own)
  local range_year
  if not y and cal == "gregorian" and W[mj + 1] and self:tight(mj) then
    local k2 = mj + 1
    if (W[k2].f == "الي" or W[k2].f == "حتي") and W[k2 + 1] and self:tight(k2) then k2 = k2 + 1 end
    local mon2, cal2, mj2 = self:month_at(k2)
    if mon2 and cal2 == cal and (k2 > mj + 1 or sub(W[k2].f, 1, 2) == "\xD9\x88") then
      range_year = self:year_after_month(mj2)
    end
  end
  if not y and not part and not range_year then
    -- alone: a Hijri month needs its year (شهر رمضان is generic); a
    -- transliterated month (يونيو) is a date anywhere; a weak or Levantine one
    -- (مارس، نيسان) after a cue word (في، منذ، شهر ...) or after another month (نيسان وحزيران)
    if cal == "hijri" then return nil end
    local key = mj > k and (W[k].f .. " " .. W[mj].f) or W[k].f
    local strong = not weak and not lookup(LEVANTINE, key)
    local prev = W[i - 1] and (lookup(MONTH_CUE, W[i - 1].f) or self.last_month_end == i - 1
      and sub(W[i].f, 1, 2) == "\xD9\x88")
    if not strong and not prev then return nil end
  end
  if (cal == "hijri" and ycal == "gregorian") or (cal == "gregorian" and ycal == "hijri") then return nil end
  -- مارس المقبل، شباط الماضي (a Gregorian month without a year)
  local mdir
  if not y and cal == "gregorian" and W[mj + 1] and self:tight(mj) then
    local nf = W[mj + 1].f
    if NEXT[nf] then mdir = 1 elseif PREV[nf] then mdir = -1 end
    if mdir then mj = mj + 1 end
  end
  if range_year then y = range_year end
  add(self, { i = i, j = yj or mj, kind = part and "month_part" or "month", y = y, m = mon,
              part = part, calendar = cal, mdir = mdir })
  self.last_month_end = yj or mj
  return yj or mj
end

-- "في 2015", "عام 2015", "منذ 2011": a year alone.
-- Also a year with its era written (1844م، 1260هـ), and a range of years
-- (2013-2014، عامي 1966 و1972): one mention per year.
function Scan:year_only(i)
  local W = self.W
  local first = i + 1
  -- مطلع 2020، أواخر 2021، منتصف 2019: a year with its part
  local ypart = MONTH_PART[W[i].f]
  if ypart and W[i + 1] and self:tight(i) then
    local y, cal, yj = self:year_at(i + 1, false)
    if y and (cal or (y >= 1900 and y <= 2100)) then
      add(self, { i = i, j = yj, kind = "year", y = y, part = ypart, calendar = cal or "gregorian" })
      return yj
    end
  end
  -- من 2010 إلى 2015، بين 2010 و2015: a range of years after من / بين
  local rf = lookup(YEAR_RANGE, W[i].f)
  if rf and W[i + 1] and self:tight(i) then
    local y1, c1, j1 = self:year_at(i + 1, false)
    local k2 = j1 and W[j1 + 1] and (rf == "من" and (W[j1 + 1].f == "الي" or W[j1 + 1].f == "حتي")
      and self:tight(j1) and j1 + 2 or rf == "بين" and self:gap(j1, j1 + 1):match("^%s+\xD9\x88$") and j1 + 1)
    local y2, c2, j2
    if k2 and W[k2] then y2, c2, j2 = self:year_at(k2, false) end
    if y2 and y2 > y1 and y2 - y1 <= 50 and (c1 or "gregorian") == (c2 or "gregorian") then
      add(self, { i = i + 1, j = j1, kind = "year", y = y1, calendar = c1 or "gregorian" })
      add(self, { i = k2, j = j2, kind = "year", y = y2, calendar = c2 or "gregorian" })
      return j2
    end
  end
  if not YEAR_CUE[W[i].f] or not W[i + 1] then first = i end
  local y, cal, yj = self:year_at(first, false)
  if not y then return nil end
  if first == i and not cal then
    -- no cue word: only a range of years written with a dash (2013-2014)
    local y2 = W[i + 1] and self:gap(i, i + 1):match("^%s*[%-\xE2\x80\x93]+%s*$") and self:year_at(i + 1, false)
    if not (y2 and y2 > y and y2 - y <= 10 and y >= 1900 and y <= 2100) then return nil end
  end
  -- سنة 1500 ق.م. / قبل الميلاد: before the era, no date
  local after = sub(self.text, W[yj].e + 1, W[yj].e + 24)
  if after:find("^%s*\xD9\x82%.?%s*\xD9\x85") or after:find("^%s*\xD9\x82\xD8\xA8\xD9\x84%s+\xD8\xA7\xD9\x84\xD9\x85\xD9\x8A\xD9\x84\xD8\xA7\xD8\xAF") then
    return yj
  end
  -- an older year only after عام/سنة (عام 1899; في 1500 may be a count)
  if not cal and (y < (YEAR_NOUN[W[i].f] and first > i and 1000 or 1900) or y > 2100) then return nil end
  add(self, { i = first, j = yj, kind = "year", y = y, calendar = cal or "gregorian" })
  -- the second year of a range: 2013-2014، عامي 1966 و1972
  local nx = W[yj + 1]
  if nx then
    local g = self:gap(yj, yj + 1)
    local y2, cal2, yj2 = self:year_at(yj + 1, false)
    if y2 and (cal2 or "gregorian") == (cal or "gregorian") and y2 > y and y2 - y <= 50
        and (g:match("^%s*[%-\xE2\x80\x93]+%s*$") or g:match("^%s+\xD9\x88$")) then
      add(self, { i = yj + 1, j = yj2, kind = "year", y = y2, calendar = cal2 or cal or "gregorian" })
      return yj2
    end
  end
  -- the next years of a list, و written apart: سنة 1934 و 1938، أعوام 1958 و 1962 و 1970
  local last = yj
  while W[last + 2] and W[last + 1].f == "\xD9\x88" and self:tight(last) and self:tight(last + 1) do
    local y3, cal3, yj3 = self:year_at(last + 2, false)
    if not y3 or (cal3 or "gregorian") ~= (cal or "gregorian") or y3 <= y or y3 - y > 100 then break end
    add(self, { i = last + 2, j = yj3, kind = "year", y = y3, calendar = cal3 or cal or "gregorian" })
    last, y = yj3, y3
  end
  return last
end

-- منذ عامين، قبل شهر، منذ أربعة أشهر، قبل 3 أيام: a time ago from the article
-- date (not منذ نحو 20 عاما, an approximate duration).
function Scan:ago(i)
  local W = self.W
  if not lookup(AGO, W[i].f) or not W[i + 1] or not self:tight(i) then return nil end
  local k, n = i + 1, nil
  local cnt = COUNT[W[k].f] or digits(W[k].f)
  if cnt then
    if not W[k + 1] or not self:tight(k) then return nil end
    n, k = cnt, k + 1
  end
  local u = UNIT[W[k].f]
  if not u then return nil end
  if n and u[2] then return nil end      -- "3 عامين"
  if not n and not u[2] then return nil end -- "منذ أشهر": vague
  n = n or u[2]
  if n < 1 or n > 100 then return nil end
  -- قبل يومين من القمة (before an event), منذ عام 1994، قبل يوم 23 أيار: not a time ago
  local nx = W[k + 1]
  if nx and self:tight(k, ",") and (nx.f == "من" or digits(nx.f) or lookup(WEEKDAY, nx.f)) then return nil end
  add(self, { i = i, j = k, kind = "relative", rel = { ago = n, unit = u[1] } })
  return k
end

-- A weekday with an optional day part, modifier or deictic; or a deictic alone.
function Scan:relative(i)
  local W = self.W
  local k = i
  local part, offset, wd
  local dp = DAYPART[W[k].f]
  if dp and W[k + 1] and self:tight(k) then part = dp; k = k + 1 end
  local cur = W[k]
  if cur.f == "يوم" and W[k + 1] and self:tight(k) then k = k + 1; cur = W[k] end
  if (cur.f == "هذا") and W[k + 1] and W[k + 1].f == "اليوم" and self:tight(k) then k = k + 1; cur = W[k] end
  -- هذا الصباح، هذا المساء: today
  if cur.f == "هذا" and W[k + 1] and self:tight(k) and not part then
    local dp2 = ({ ["الصباح"] = "morning", ["المساء"] = "evening", ["الظهر"] = "noon" })[W[k + 1].f]
    if dp2 then
      add(self, { i = i, j = k + 1, kind = "relative", part = dp2, rel = { days = 0 } })
      return k + 1
    end
  end
  -- "أول أمس", "أول من أمس", "أمس الأول"
  if cur.f == "اول" and W[k + 1] and lookup(DEICTIC, W[k + 1].f) == -1 and self:tight(k) then
    offset = -2; k = k + 1
  elseif cur.f == "اول" and W[k + 2] and W[k + 1].f == "من" and lookup(DEICTIC, W[k + 2].f) == -1
      and self:tight(k) and self:tight(k + 1) then
    offset = -2; k = k + 2
  elseif (cur.f == "بعد" or cur.f == "وبعد") and W[k + 1] and W[k + 1].f == "غد" and self:tight(k) then
    offset = 2; k = k + 1 -- بعد غد: the day after tomorrow
  else
    local dv, stripped = lookup(DEICTIC, cur.f)
    local base = stripped == 1 and sub(cur.f, 3) or cur.f
    if dv then
      offset = dv
      local nx = W[k + 1]
      if dv == -1 and nx and nx.f == "الاول" and self:tight(k) then offset = -2; k = k + 1 end
      if dv == 0 and nx and ORDINAL[nx.f] then return nil end -- اليوم الأول، اليوم الثاني للترشح
      if dv == 0 and W[i - 1] and DAY_SPAN[W[i - 1].f] and k == i then return nil end -- نهاية اليوم
      if dv == 1 and base ~= "غدا" and not (nx and lookup(WEEKDAY, nx.f)) then
        -- "غد" / "الغد" alone is too often a figure of speech; keep it with a weekday only
        return nil
      end
    end
  end
  local j = k
  local nx = W[j + 1]
  if offset and nx and self:tight(j, ",%(") then
    if nx.f == "يوم" and W[j + 2] and lookup(WEEKDAY, W[j + 2].f) then j = j + 1; nx = W[j + 1] end
    local v = lookup(WEEKDAY, nx.f)
    if v then wd = v; j = j + 1 end
  end
  if not offset then
    wd = lookup(WEEKDAY, cur.f)
    if not wd then return nil end
    -- عبد الأحد (a name); الأعضاء الاثنين والعشرين (the number two)
    if W[k - 1] and W[k - 1].f == "عبد" and self:tight(k - 1) then return nil end
    if wd == 1 and W[k + 1] and TENS[W[k + 1].f] then return nil end
  end
  -- a modifier or a day part after
  local dir
  local after = W[j + 1]
  if after and self:tight(j, ",") then
    if wd and not offset and NEXT[after.f] then dir = "next"; j = j + 1
    elseif wd and not offset and PREV[after.f] then dir = "prev"; j = j + 1
    elseif DAYPART[after.f] and not part then part = DAYPART[after.f]; j = j + 1 end
  end
  if offset and offset == 0 and not wd and not part and W[i].f == "اليوم" then
    -- "اليوم" alone: keep only when it is about the day (not "العالم اليوم")
    local prev = W[i - 1] and W[i - 1].f
    if prev == "حتي" or prev == "منذ" then return nil end
  end
  local m = { i = i, j = j, kind = offset and "relative" or "weekday", part = part, weekday = wd }
  if offset then
    m.rel = { days = offset }
  else
    if not dir then
      -- news reports what happened: a bare weekday is the last one up to the article
      -- date, unless a future cue or a future verb (سيعقد، ستبدأ) comes before it
      dir = "prev_or_same"
      -- the cues count in the weekday's own sentence only
      local from = i
      while from > math.max(1, i - 6) and not self:gap(from - 1, from):find("[%.!?\n]")
          and not self:gap(from - 1, from):find("\xD8\x9F") do
        from = from - 1
      end
      local opens = from == 1 or self:gap(from - 1, from):find("[%.!?\n]") or self:gap(from - 1, from):find("\xD8\x9F")
      for b = from, i - 1 do
        local bf = W[b].f
        if FUTURE_CUE[bf] or FUTURE_VERB(bf) then dir = "next_or_same" end
        if bf == "امس" or bf == "الامس" then dir = "prev" end
        -- a present verb (يعقد، وتقام at the sentence start): the nearest such day
        if dir == "prev_or_same" and PRESENT_VERB(bf, b == from and opens) then dir = "nearest" end
      end
    end
    m.rel = { weekday = wd, dir = dir }
  end
  add(self, m)
  return j
end

-- هذا الأسبوع، الشهر الماضي، العام المقبل، هذه السنة ...
function Scan:period(i)
  local W = self.W
  local f = W[i].f
  local c = sub(f, 1, 2)
  if (c == "\xD9\x88" or c == "\xD9\x81") and #f > 6 then f = sub(f, 3) end -- والعام، وهذه
  local unit, offset, j
  -- التاسع من الشهر الجاري، الـ15 من الشهر الماضي، يوم 5 من الشهر المقبل: a day of a relative month
  do
    local k = i
    if W[k].f == "يوم" and W[k + 1] and self:tight(k) then k = k + 1 end
    local d, dj = nil, k
    local raw = W[k].f:match("^\xD8\xA7\xD9\x84(%d%d?)$") or W[k].f -- الـ15
    if raw:match("^%d%d?$") then d = tonumber(raw) else d, dj = self:ordinal_day_at(k) end
    if d and d >= 1 and d <= 31 and W[dj + 3] and W[dj + 1].f == "من" and W[dj + 2].f == "الشهر"
        and self:tight(dj) and self:tight(dj + 1) and self:tight(dj + 2) then
      local nf = W[dj + 3].f
      local off = PREV[nf] and -1 or NEXT[nf] and 1 or PERIOD_NOW[nf] and 0 or nil
      if off then
        add(self, { i = i, j = dj + 3, kind = "period", rel = { period = "month", offset = off, day = d } })
        return dj + 3
      end
    end
  end
  -- مطلع الشهر المقبل، منتصف الأسبوع المقبل، نهاية العام الجاري: the modifier is part of the date
  local part, start = nil, i
  local pv = MONTH_PART[f]
  if pv and W[i + 1] and self:tight(i) then
    local nf = W[i + 1].f
    if PERIOD[nf] or nf == "هذا" or nf == "هذه" then part, i, f = pv, i + 1, nf end
  end
  if (f == "هذا" or f == "هذه") and W[i + 1] and self:tight(i) then
    unit = PERIOD[W[i + 1].f]
    offset, j = 0, i + 1
  elseif PERIOD[f] and W[i + 1] and self:tight(i) then
    local nf = W[i + 1].f
    unit = PERIOD[f]
    if PREV[nf] then offset = -1 elseif NEXT[nf] then offset = 1 elseif PERIOD_NOW[nf] then offset = 0 end
    j = i + 1
    -- العام قبل الماضي، الأسبوع بعد المقبل: two periods away
    if (nf == "قبل" or nf == "بعد") and W[i + 2] and self:tight(i + 1) then
      local n2 = W[i + 2].f
      if nf == "قبل" and PREV[n2] then offset, j = -2, i + 2 elseif nf == "بعد" and NEXT[n2] then offset, j = 2, i + 2 end
    end
  end
  if not unit or not offset then return nil end
  if W[j + 1] and PERIOD_EPITHET[W[j + 1].f] and self:tight(j) then return nil end -- هذا الشهر الفضيل
  -- an article that calls Ramadan هذا الشهر الفضيل means it by هذا الشهر elsewhere too
  if unit == "month" and offset == 0 and not part and self.holy_month then return nil end
  add(self, { i = start, j = j, kind = "period", part = part, rel = { period = unit, offset = offset } })
  return j
end

-- Resolve a relative spec against an anchor day number; returns day number.
local function resolve_rel(rel, anchor_days)
  if rel.days then return anchor_days + rel.days end
  local awd = artext.weekday(anchor_days)
  local diff = (rel.weekday - awd) % 7 -- 0..6 days ahead
  if rel.dir == "next" then
    if diff == 0 then diff = 7 end
    return anchor_days + diff
  elseif rel.dir == "prev" then
    if diff == 0 then return anchor_days - 7 end
    return anchor_days + diff - 7
  elseif rel.dir == "next_or_same" then
    return anchor_days + diff
  elseif rel.dir == "prev_or_same" then
    return anchor_days + (diff == 0 and 0 or diff - 7)
  end
  -- nearest: -3..+3
  if diff > 3 then diff = diff - 7 end
  return anchor_days + diff
end

-- The year for a month (and day) without one. News reports what happened: the
-- month is the last one of that name up to the article's month, unless it is
-- at most two months ahead (يونيو in a May article: the coming June).
local function year_near(anchor, m, d)
  local ay, am = anchor.y, anchor.m
  local ahead = (m - am) % 12
  _ = d
  if ahead == 0 then return ay end
  if ahead <= 2 then return m > am and ay or ay + 1 end
  return m < am and ay or ay - 1
end

local M_NAMES = { "January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December" }

-- Fill iso / resolved / how of mention m, with anchor (or nil) {y,m,d,days,iso,source}.
local function resolve(m, anchor, nk, variant)
  local function with_time(iso)
    if m.hour then return string.format("%sT%02d:%02d", iso, m.hour, m.min) end
    return iso
  end
  if m.kind == "time" then
    m.iso = string.format("%02d:%02d", m.hour, m.min)
    m.resolved, m.how = "absolute", "time of day"
    return
  end
  if m.calendar == "hijri" and m.kind == "year" then
    -- a Hijri year alone: the Gregorian year that holds most of it (its 7th month)
    m.hijri = tostring(m.y)
    local gy = nk.hijri_to_gregorian and nk.hijri_to_gregorian(m.y, 7, 1, variant)
    if not gy then m.resolved, m.how = "unresolved", "Hijri year out of range"; return end
    m.iso, m.resolved, m.how = artext.iso(gy), "absolute", "Hijri year converted with ICU (" .. variant .. ")"
    return
  end
  if m.calendar == "hijri" then
    if not m.y then
      m.resolved, m.how = "unresolved", "Hijri month without a year"
      return
    end
    if not nk.hijri_to_gregorian then
      m.resolved, m.how = "unresolved", "Hijri conversion is not available in this build"
      return
    end
    if m.d then
      local gy, gm, gd = nk.hijri_to_gregorian(m.y, m.m, m.d, variant)
      m.hijri = artext.iso(m.y, m.m, m.d)
      if not gy then m.resolved, m.how = "unresolved", "no such Hijri date: " .. tostring(gm); return end
      m.iso = with_time(artext.iso(gy, gm, gd))
      m.resolved, m.how = "absolute", "Hijri date converted with ICU (" .. variant .. ")"
    else
      local gy, gm, gd = nk.hijri_to_gregorian(m.y, m.m, 1, variant)
      local ny, nm = m.y, m.m + 1
      if nm == 13 then ny, nm = ny + 1, 1 end
      local ey, em, ed = nk.hijri_to_gregorian(ny, nm, 1, variant)
      m.hijri = artext.iso(m.y, m.m)
      if not gy or not ey then m.resolved, m.how = "unresolved", "Hijri month out of range"; return end
      local last = days_from_civil(ey, em, ed) - 1
      m.iso = artext.iso(gy, gm, gd) .. "/" .. artext.iso(civil_from_days(last))
      m.resolved, m.how = "absolute", "Hijri month converted with ICU (" .. variant .. ")"
    end
    return
  end
  if m.kind == "date" then
    if m.y then
      m.iso = with_time(artext.iso(m.y, m.m, m.d))
      m.resolved, m.how = "absolute", "date written in full"
      if m.d > artext.days_in_month(m.y, m.m) then
        m.iso, m.resolved, m.how = nil, "unresolved", "no such day"
      elseif m.weekday and artext.weekday(days_from_civil(m.y, m.m, m.d)) ~= m.weekday then
        m.conflict = "the weekday does not match the date"
      end
    elseif anchor then
      local y = year_near(anchor, m.m, m.d)
      m.iso = with_time(artext.iso(y, m.m, m.d))
      m.rel = { month = m.m, day = m.d, year_from_anchor = true }
      m.resolved = "anchor"
      m.how = string.format("year taken from the article date %s (%s)", anchor.iso, anchor.source)
    else
      m.rel = { month = m.m, day = m.d, year_from_anchor = true }
      m.resolved, m.how = "unresolved", "day and month without a year, and no article date"
    end
    return
  end
  if m.kind == "month" or m.kind == "month_part" then
    if m.y then
      m.iso, m.resolved, m.how = artext.iso(m.y, m.m), "absolute", "month and year written"
    elseif anchor and m.mdir then
      -- مارس المقبل: the next one after the article's month; شباط الماضي: the last one before it
      local y = anchor.y
      if m.mdir > 0 and m.m <= anchor.m then y = y + 1 elseif m.mdir < 0 and m.m >= anchor.m then y = y - 1 end
      m.iso = artext.iso(y, m.m)
      m.rel = { month = m.m, year_from_anchor = true }
      m.resolved = "anchor"
      m.how = string.format("the %s %s the article date %s (%s)", M_NAMES[m.m], m.mdir > 0 and "after" or "before",
        anchor.iso, anchor.source)
    elseif anchor then
      local y = year_near(anchor, m.m)
      m.iso = artext.iso(y, m.m)
      m.rel = { month = m.m, year_from_anchor = true }
      m.resolved = "anchor"
      m.how = string.format("the last %s up to the article date %s (%s), or the coming one within two months",
        M_NAMES[m.m], anchor.iso, anchor.source)
    else
      m.rel = { month = m.m, year_from_anchor = true }
      m.resolved, m.how = "unresolved", "month without a year, and no article date"
    end
    return
  end
  if m.kind == "year" then
    m.iso, m.resolved, m.how = artext.iso(m.y), "absolute", "year written"
    return
  end
  if m.kind == "period" then
    if not anchor then
      m.resolved, m.how = "unresolved", "no article date to resolve against"
      return
    end
    local p, off = m.rel.period, m.rel.offset
    if p == "year" then
      m.iso = artext.iso(anchor.y + off)
    elseif p == "month" then
      local mm = anchor.y * 12 + (anchor.m - 1) + off
      local yy
      yy, mm = mm // 12, mm % 12 + 1
      if m.rel.day and m.rel.day <= artext.days_in_month(yy, mm) then
        m.iso = artext.iso(yy, mm, m.rel.day)
      else
        m.iso = artext.iso(yy, mm)
      end
    else
      m.iso = artext.iso_week(anchor.days + 7 * off)
    end
    m.resolved = "anchor"
    m.how = string.format("%s%s the article date %s (%s)", m.rel.day and ("day " .. m.rel.day .. " of ") or "",
      ({ [-2] = "the " .. p .. " two before", [-1] = "the " .. p .. " before", [0] = "the " .. p .. " of",
         [1] = "the " .. p .. " after", [2] = "the " .. p .. " two after" })[off],
      anchor.iso, anchor.source)
    return
  end
  -- relative / weekday
  if not anchor then
    m.resolved, m.how = "unresolved", "no article date to resolve against"
    return
  end
  if m.rel.ago then
    -- منذ عامين، قبل شهر: at the unit's precision
    local n, u = m.rel.ago, m.rel.unit
    if u == "year" then
      m.iso = artext.iso(anchor.y - n)
    elseif u == "month" then
      local mm = anchor.y * 12 + (anchor.m - 1) - n
      m.iso = artext.iso(mm // 12, mm % 12 + 1)
    elseif u == "week" then
      m.iso = artext.iso_week(anchor.days - 7 * n)
    else
      m.iso = artext.iso(civil_from_days(anchor.days - n))
    end
    m.resolved = "anchor"
    m.how = string.format("%d %s%s before the article date %s (%s)", n, u, n > 1 and "s" or "", anchor.iso,
      anchor.source)
    return
  end
  local days = resolve_rel(m.rel, anchor.days)
  m.iso = artext.iso(civil_from_days(days))
  m.resolved = "anchor"
  local what
  if m.rel.days then
    what = ({ [0] = "the article date", [-1] = "the day before the article date",
              [1] = "the day after the article date", [-2] = "two days before the article date",
              [2] = "two days after the article date" })[m.rel.days] or "relative to the article date"
    if m.weekday and artext.weekday(days) ~= m.weekday then
      -- اليوم (الاثنين): the weekday written in the text wins (the article is
      -- often dated a day after the words were said); the nearest such day
      local said = resolve_rel({ weekday = m.weekday, dir = "nearest" }, days)
      m.conflict = string.format("%s is a %s, the text says %s", m.iso,
        WEEKDAY_NAME[artext.weekday(days)], WEEKDAY_NAME[m.weekday])
      days = said
      m.iso = artext.iso(civil_from_days(days))
      what = string.format("the %s written beside it, nearest %s", WEEKDAY_NAME[m.weekday], what)
    end
  else
    what = string.format("%s %s the article date", WEEKDAY_NAME[m.rel.weekday],
      ({ nearest = "nearest", next = "after", prev = "before", next_or_same = "on or after",
        prev_or_same = "on or before" })[m.rel.dir] or m.rel.dir)
  end
  m.how = string.format("%s %s (%s)", what, anchor.iso, anchor.source)
end

-- A date in brackets or after ولد/توفي in an article's first line is a life
-- date ("بشار الأسد (ولد في 11 سبتمبر 1965)"), not the article's date.
-- The line is the core's logical line (naskh.lines: a hard-wrapped paragraph is
-- one, so "(ولد في⏎11 سبتمبر 1965)" is still in brackets); lines is its list.
local function biographic(text, m, lines)
  local ls = 1
  local lo, hi = 1, #lines
  while lo <= hi do -- the last logical line starting at or before m.s
    local mid = (lo + hi) // 2
    if lines[mid].s <= m.s then ls = lines[mid].s; lo = mid + 1 else hi = mid - 1 end
  end
  local before = sub(text, ls, m.s - 1)
  local _, opens = before:gsub("%(", "")
  local _, closes = before:gsub("%)", "")
  if opens > closes then return true end
  local words = {}
  for w in fold(artext.mask(before)):gmatch("[%w_\128-\255]+") do words[#words + 1] = w end
  for k = math.max(1, #words - 2), #words do
    local w = words[k]
    if BIRTH[w] or (sub(w, 1, 2) == "\xD9\x88" and BIRTH[sub(w, 3)]) then return true end
  end
  return false
end

local function make_anchor(y, mo, d, source, s, e)
  local days = days_from_civil(y, mo, d)
  return { y = y, m = mo, d = d, days = days, iso = artext.iso(y, mo, d), source = source, s = s, e = e }
end

local function run(doc, opts, ctx)
  local text = doc.text
  local llines = naskh.lines(text) -- logical lines (hard-wrapped paragraphs joined)
  local set = patterns(opts, ctx)
  local W = artext.words(doc, ctx)
  local self = setmetatable({ W = W, text = text, out = {} }, Scan)
  for k = 2, #W do
    if PERIOD_EPITHET[W[k].f] and W[k - 1].f == "الشهر" then self.holy_month = true; break end
  end
  -- The patterns find where a date expression starts (in C, one pass over the
  -- words); the matchers read it from there, in their order, and the scan goes
  -- on after what they took. The tokens are those of artext.words.
  local ms = set:scan(text)
  local i, q = 1, 1
  while q <= #ms do
    local k, q2 = ms[q].i, q
    while ms[q2 + 1] and ms[q2 + 1].i == k do q2 = q2 + 1 end
    if k >= i and not spans.is_dropped(doc, W[k].s, W[k].e) then
      local j = self:absolute(k) or self:month_phrase(k) or self:period(k) or self:year_only(k)
          or self:ago(k) or self:relative(k)
      for r = q, q2 do -- a pattern of the file that no matcher reads: its captures say the date
        if j then break end
        if not MATCHERS[ms[r].pattern] then j = self:from_captures(ms[r]) end
      end
      i = j and j + 1 or k + 1
    end
    q = q2 + 1
  end
  local mentions = self.out

  -- The anchor: meta.date, else a full date in the first lines (a dateline).
  local anchor
  local my, mm, md = parse_iso_date(doc.meta and doc.meta.date)
  if my then
    anchor = make_anchor(my, mm, md, "meta.date")
  elseif opts.dateline_lines > 0 then
    local lines_seen, pos = 0, 1
    local limit = #text
    while lines_seen < opts.dateline_lines and pos <= #text do
      local nl = find(text, "\n", pos, true) or #text + 1
      local line = sub(text, pos, nl - 1)
      if line:match("%S") and not spans.is_dropped(doc, pos, nl - 1) then lines_seen = lines_seen + 1 end
      limit = nl
      pos = nl + 1
    end
    for _, m in ipairs(mentions) do
      if m.s > limit then break end
      if m.kind == "date" and m.y and m.calendar ~= "hijri" and m.d <= artext.days_in_month(m.y, m.m)
          and not biographic(text, m, llines) then
        anchor = make_anchor(m.y, m.m, m.d, "dateline", m.s, m.e)
        m.dateline = true
        break
      end
    end
  end
  doc.date_anchor = anchor and { iso = anchor.iso, source = anchor.source, s = anchor.s, e = anchor.e } or nil

  -- A bare اليوم that is the text's only relative date, in a text without a
  -- dateline, is "nowadays" (المعروفة منها اليوم، المجلس يتألف اليوم من …: the
  -- encyclopedic register): news that says "today" names other days around it
  -- (أمس، الاثنين، الأسبوع المقبل) or carries a dateline. Option lone_today keeps it.
  if not opts.lone_today and not (anchor and anchor.source == "dateline") then
    local bare, other = {}, false
    for idx, m in ipairs(mentions) do
      local f = fold(m.text)
      if m.kind == "relative" and not m.weekday and not m.part and (f == "اليوم" or f == "واليوم") then
        bare[idx] = true
      elseif m.kind == "relative" or m.kind == "weekday" or m.kind == "period"
          or ((m.kind == "month" or m.kind == "date" or m.kind == "month_part") and not m.y) then
        other = true
      end
    end
    if not other and next(bare) then
      local kept = {}
      for idx, m in ipairs(mentions) do if not bare[idx] then kept[#kept + 1] = m end end
      mentions = kept
    end
  end

  -- 11 سبتمبر when "11 سبتمبر 2001" is written elsewhere in the article: that year
  local full_year = {}
  for _, m in ipairs(mentions) do
    if m.kind == "date" and m.y and m.calendar ~= "hijri" then
      local key = m.m * 100 + m.d
      if full_year[key] == nil then full_year[key] = m.y elseif full_year[key] ~= m.y then full_year[key] = false end
    end
  end
  for _, m in ipairs(mentions) do
    if m.kind == "date" and not m.y and m.calendar ~= "hijri" and full_year[m.m * 100 + m.d] then
      m.y, m.year_elsewhere = full_year[m.m * 100 + m.d], true
    end
  end

  local nk = ctx.naskh or require("naskh")
  local prev_full -- nearest explicit full date before the current mention
  for _, m in ipairs(mentions) do
    local a = anchor
    if not a and prev_full and m.kind ~= "date" then a = prev_full end
    if not a and prev_full and m.kind == "date" and not m.y then a = prev_full end
    resolve(m, a, nk, opts.hijri_calendar)
    if m.year_elsewhere then
      m.how, m.year_elsewhere = "year from the same date written in full elsewhere in the text", nil
    end
    if m.kind == "date" and m.y and m.iso and m.calendar ~= "hijri" and opts.previous_date_anchor
        and not biographic(text, m, llines) then
      prev_full = make_anchor(m.y, m.m, m.d, "previous date in the text", m.s, m.e)
    end
    m.i, m.j, m.y, m.m, m.d, m.hour, m.min = nil, nil, nil, nil, nil, nil, nil
    if m.weekday then m.weekday = WEEKDAY_NAME[m.weekday] end
    if m.rel and m.rel.weekday then m.rel = { weekday = m.rel.weekday, dir = m.rel.dir } end
    if m.calendar == "gregorian" then m.calendar = nil end
  end
  doc.dates = mentions
end

return {
  name = "dates",
  summary = "absolute, Hijri and relative dates, weekdays and times, with ISO 8601 values",
  scope = "document",
  needs = {}, -- fields an earlier stage must add (lint checks the order)
  adds = { "dates", "date_anchor" },
  options = {
    dateline_lines = { type = "integer", min = 0, default = 3,
      doc = "A full date in this many first non-empty lines is the article date (a dateline); 0 = off." },
    lone_today = { type = "boolean", default = false,
      doc = "Keep a bare اليوم that is the only relative date of a text without a dateline (by default it "
        .. "reads as 'nowadays' and is left out)." },
    previous_date_anchor = { type = "boolean", default = true,
      doc = "Without an article date, resolve a relative mention against the nearest full date before it." },
    patterns_file = { type = "string", default = "data/dates.pat",
      file = { check = function(path) return select(2, compile_file(path)) end },
      doc = "The date patterns and lexicons (month and weekday names, cue words): lists and token "
        .. "patterns for the pattern engine (docs/extraction.md); relative to the recipe, then the bundled configs." },
    hijri_calendar = { type = "string", enum = { "umalqura", "civil", "tabular", "astronomical" },
      default = "umalqura", doc = "ICU Islamic calendar used to convert Hijri dates." },
  },
  example = { dateline_lines = 3, hijri_calendar = "umalqura" },
  init = function(opts, ctx) patterns(opts, ctx) end,
  run = run,
  _resolve_rel = resolve_rel,
}
