-- The token-pattern engine from Lua (naskh.patterns, bindings/lnk_pattern.c)
-- and the date patterns of the dates stage (configs/data/dates.pat): matches
-- and their captures, token indices that are artext.words' indices, errors
-- returned as FILE:LINE:COL, the false friends of issue 16 left alone, and a
-- user's patterns file through the stage option patterns_file.
local t = require "t"
local x = require "xhelp"
local naskh = require "naskh"

-- Matches as "PATTERN i-j [text]" strings.
local function show(set, text)
  local out = {}
  for _, m in ipairs(set:scan(text)) do out[#out + 1] = string.format("%s %d-%d [%s]", m.pattern, m.i, m.j, text:sub(m.s, m.e)) end
  return out
end

do
  local set, err = naskh.patterns("list wd = الأحد:0 الاثنين:1\npattern d = (w=@wd~ _\",\")? n=#1..31 شباط", "t.pat")
  t.ok(set and not err, "a set compiles", tostring(err))
  t.ok(tostring(set):find("^naskh.Patterns %(1 patterns, 1 lists%)") ~= nil, "tostring names the type and sizes")
  local text = "وصل «يوم» والاثنين, 5 شباط"
  local ms = set:scan(text)
  t.eq(#ms, 2, "two starts match (the weekday and the day)")
  local m = ms[1]
  t.eq({ m.pattern, text:sub(m.s, m.e) }, { "d", "والاثنين, 5 شباط" }, "the match, its pattern and its bytes")
  t.eq({ m.caps.w.v, text:sub(m.caps.w.s, m.caps.w.e), m.caps.n.v }, { "1", "والاثنين", nil },
    "captures: bytes and the list entry's value")
  local W = naskh.masked_words(text, naskh.mask(text))
  t.ok(W[m.i].s == m.s and W[m.j].e == m.e, "token indices are those of masked_words (artext.words)")
  t.eq(set:list("wd"), { ["الاحد"] = "0", ["الاثنين"] = "1" }, "list(): folded keys and values")
  t.eq(set:list("nope"), nil, "list() of an unknown name is nil")
  t.eq(set:lists(), { "wd" }, "lists() names the lists (not the literal words)")
  t.eq(set:patterns(), { "d" }, "patterns() names the patterns")
  t.eq(#set:scan(""), 0, "an empty text has no match")
end

do
  local set, err = naskh.patterns("pattern x = (أ\n", "my.pat")
  t.eq({ set, err }, { nil, "my.pat:1:13: the group opened here is not closed with ')'" },
    "an error in the source is returned as CHUNK:LINE:COL: message")
  local _, err2 = naskh.patterns("list a = b\npattern y = @a @zz")
  t.eq(err2, "patterns:2:16: unknown list '@zz'", "the default chunk name is 'patterns'")
  t.checkerr("bad argument #1 to", "a non-string source is an argument error", naskh.patterns, {})
  local set = naskh.patterns("pattern x = أ")
  t.checkerr("naskh.Patterns expected", "scan with a bad self", set.scan, {}, "")
  t.checkerr("bad argument #2", "scan of a non-string", set.scan, set, {})
end

-- The bundled date patterns.
local src = t.read(t.root .. "/configs/data/dates.pat")
local set, err = naskh.patterns(src, "configs/data/dates.pat")
t.ok(set, "configs/data/dates.pat compiles", tostring(err))

do
  local function starts(text)
    local out = {}
    for _, m in ipairs(set:scan(text)) do out[#out + 1] = m.pattern .. ":" .. text:sub(m.s, m.e) end
    return out
  end
  t.eq(starts("قال عبد الأحد"), {}, "عبد الأحد is a name: no weekday pattern")
  t.eq(starts("ووصل محمد وعبد الأحد"), {}, "... after و too (وعبد الأحد)")
  t.eq(starts("الأعضاء الاثنين والعشرين"), {}, "الاثنين والعشرين is the number: no weekday pattern")
  t.eq(starts("حتى نهاية اليوم"), {}, "نهاية اليوم is no date")
  t.eq(starts("في اليوم الثاني للترشح"), {}, "اليوم الثاني is an ordinal day, no date")
  t.eq(starts("قتل 150 شخصا وأصيب 2300"), {}, "counts are no dates")
  t.eq(starts("أول من أمس"), { "relative:أول من أمس", "relative:أمس" }, "أول من أمس (and أمس inside it)")
  t.eq(starts("بين عامي 1966 و1972"), { "year:عامي 1966 و1972", "year:1966 و1972", "year:1972" },
    "a range of years")
  t.eq(starts("في شهر مارس"), { "month_alone:شهر مارس", "month_alone:مارس" }, "في شهر مارس")
end

-- The stage: the false friends stay left alone, the expressions get their values.
do
  local function dates(text, meta)
    local d = x.run({ x.doc("d", text, meta or { date = "2017-11-21" }) }, { "dates" })[1]
    local out = {}
    for _, m in ipairs(d.dates) do out[#out + 1] = m.text .. "=" .. tostring(m.iso) end
    return out
  end
  t.eq(dates("وقال عبد الأحد إن الأعضاء الاثنين والعشرين سيبقون حتى نهاية اليوم"), {},
    "false friends: a name, the number two, نهاية اليوم")
  t.eq(dates("وصل في اليوم الثاني للترشح 300 مرشح"), {}, "false friends: an ordinal day, a count")
  t.eq(dates("وفي ذلك اليوم وصل، وفي ذات اليوم غادر، وعاد في اليوم نفسه"), {},
    "false friends: اليوم of another day (ذلك اليوم، ذات اليوم، اليوم نفسه)")
  t.eq(dates("وقال اليوم إن ما جرى أمس"), { "اليوم=2017-11-21", "أمس=2017-11-20" },
    "اليوم alone is still the article date (beside another relative date: a lone one reads as nowadays)")
  t.eq(dates("وهم في أمس الحاجة إلى الماء وبأمس الحاجة إليه"), {}, "أمس الحاجة (most in need) is no date")
  t.eq(dates("قتل ثلاثة الليلة الماضية"), { "الليلة الماضية=2017-11-20" }, "الليلة الماضية is the night before")
  t.eq(dates("بتاريخ 2005/5/16 وقع"), { "2005/5/16=2005-05-16" }, "2005/5/16: year first")
  -- numeric dates and times are read from their captures
  t.eq(dates("في 21/11/2017 و2017-11-20 و31/02/2017"), { "21/11/2017=2017-11-21", "2017-11-20=2017-11-20" },
    "numeric dates (day first, ISO); 31/02/2017 does not exist: no date")
  t.eq(dates("عند الساعة 10:43 م وفي 9:5 صباحا"), { "الساعة 10:43 م=22:43" },
    "a time with its part (م: evening); 9:5 has one digit after the colon: no time")
  t.eq(dates("ويصل صباح الغد إلى عمان"), { "صباح الغد=2017-11-22" }, "صباح الغد is tomorrow morning")
  t.eq(dates("يعملون من أجل الغد"), {}, "الغد alone (the future) is no date, at the end of the text too")
  t.eq(dates("التقى الوفد أول من أمس الوزير"), { "أول من أمس=2017-11-19" }, "أول من أمس is two days before")
  t.eq(dates("وعمل هناك بين عامي 1966 و1972"), { "1966=1966", "1972=1972" }, "بين عامي 1966 و1972: both years")
  t.eq(dates("وصل في شهر مارس"), { "شهر مارس=2017-03" }, "في شهر مارس")
  t.eq(dates("وزار الأسبوع الماضي عمان"), { "الأسبوع الماضي=2017-W46" }, "الأسبوع الماضي")
  -- day_of_month: a pattern no matcher reads, so its captures give the date
  t.eq(dates("ووقع في الخامس من شهر مارس 2016 قرب المدينة"), { "الخامس من شهر مارس 2016=2016-03-05" },
    "الخامس من شهر مارس 2016 (read from the captures)")
  t.eq(dates("يوم 5 من شهر رمضان 1438 هـ"), { "يوم 5 من شهر رمضان 1438 هـ=2017-05-31" },
    "يوم 5 من شهر رمضان 1438 هـ: a Hijri month capture and an era")
end

-- A user's patterns file: its own spellings are found; its errors name file, line and column.
do
  local path = os.tmpname()
  local fh = assert(io.open(path, "wb"))
  fh:write((src:gsub("list month =\n", "list month =\n    نوفمبرر:11\n", 1)))
  fh:close()
  local inst = x.instance("dates", { patterns_file = path })
  inst.stage.init(inst.opts, inst.ctx)
  local d = x.doc("d", "وصل يوم 20 نوفمبرر 2017", {})
  inst.stage.run(d, inst.opts, inst.ctx)
  t.eq(d.dates[1] and d.dates[1].iso, "2017-11-20", "a spelling added in a user's patterns file is read")
  os.remove(path)
  -- a user's pattern read from its captures: "عيد الميلاد" as 25 December
  path = os.tmpname()
  fh = assert(io.open(path, "wb"))
  fh:write(src, "list feast = \"عيد الميلاد\":12\npattern christmas = month=@feast~\n")
  fh:close()
  local with_feast = x.instance("dates", { patterns_file = path })
  d = x.doc("d", "احتفلوا بعيد الميلاد", { date = "2017-11-21" })
  with_feast.stage.run(d, with_feast.opts, with_feast.ctx)
  t.eq(d.dates[1] and { d.dates[1].text, d.dates[1].kind, d.dates[1].iso } or nil,
    { "بعيد الميلاد", "month", "2017-12" }, "a user's pattern: its captures make the mention (month capture)")
  os.remove(path)
  path = os.tmpname() -- a file is read once per path
  fh = assert(io.open(path, "wb"))
  fh:write("list month = يناير:1\npattern p = @month @nomonth\n")
  fh:close()
  local bad = x.instance("dates", { patterns_file = path })
  t.checkerr(path .. ":2:20: unknown list '@nomonth'", "an error in a user's patterns file: file:line:col",
    bad.stage.init, bad.opts, bad.ctx)
  os.remove(path)
  path = os.tmpname()
  fh = assert(io.open(path, "wb"))
  fh:write("list month = يناير:1\npattern p = @month\n")
  fh:close()
  local missing = x.instance("dates", { patterns_file = path })
  t.checkerr(path .. ": the patterns file has no list 'month_weak'", "a list the stage needs is missing",
    missing.stage.init, missing.opts, missing.ctx)
  os.remove(path)
  -- the bundled file again, for the tests that follow in this process
  local again = x.instance("dates", {})
  again.stage.init(again.opts, again.ctx)
end

t.done()
