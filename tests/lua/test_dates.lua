-- The dates stage: absolute dates in both month series and the combined
-- form, Hijri dates (ICU), weekdays and relative expressions resolved against
-- the article date (meta.date, dateline, previous date), times.
local t = require "t"
local x = require "xhelp"
local naskh = require "naskh"
local dates = require "naskh.stages.dates"

local function run1(text, meta, opts)
  return x.run({ x.doc("d", text, meta) }, { { "dates", opts } })[1]
end

-- The mention whose text is s (first one), or nil.
local function find(doc, s)
  for _, m in ipairs(doc.dates) do if m.text == s then return m end end
  return nil
end

local docs = x.run(x.samples(), { "clean", "dates" })
local by = {}
for _, d in ipairs(docs) do by[d.id:sub(1, 3)] = d end

-- Proof: الاثنين in an article dated Tuesday 21 Nov 2017 is 2017-11-20.
do
  local d = by["003"]
  t.eq(d.date_anchor and d.date_anchor.iso, "2017-11-21", "003: the dateline gives the article date")
  t.eq(d.date_anchor and d.date_anchor.source, "dateline", "003: ... from the dateline")
  local m = find(d, "مساء الاثنين")
  t.eq(m and m.iso, "2017-11-20", "003: مساء الاثنين resolves to 2017-11-20")
  t.eq(m and m.part, "evening", "003: ... in the evening")
  t.eq(m and m.resolved, "anchor", "003: ... resolved against the anchor")
  t.eq(find(d, "الثلاثاء 21 نوفمبر 2017, 10:43 صباحا").iso, "2017-11-21T10:43", "003: the dateline with its time")
  t.eq(find(d, "مساء الأحد").iso, "2017-11-19", "003: مساء الأحد is the Sunday before")
  t.eq(find(d, "الأربعاء").iso, "2017-11-22", "003: اعتبارا من الأربعاء is the next day")
  t.eq(find(d, "18 نوفمبر").iso, "2017-11-18", "003: 18 نوفمبر takes the article's year")
  t.eq({ find(d, "مطلع ديسمبر").iso, find(d, "مطلع ديسمبر").part }, { "2017-12", "early" }, "003: مطلع ديسمبر")
  t.eq({ find(d, "منتصف نوفمبر").iso, find(d, "منتصف نوفمبر").part }, { "2017-11", "mid" }, "003: منتصف نوفمبر")
  local c = find(d, "اليوم (الاثنين)")
  t.ok(c and c.iso == "2017-11-20" and c.conflict, "003: اليوم (الاثنين) inside a quote: the weekday written wins (flagged)")
end

-- Proof: "20 أكتوبر/تشرين الأول في 2015" is 2015-10-20.
do
  local m = find(by["000"], "20 أكتوبر/تشرين الأول في 2015")
  t.eq(m and m.iso, "2015-10-20", "000: 20 أكتوبر/تشرين الأول في 2015 resolves to 2015-10-20")
  t.eq(m and m.resolved, "absolute", "000: ... written in full")
  t.eq(find(by["001"], "20 أكتوبر 2015").iso, "2015-10-20", "001: 20 أكتوبر 2015")
  local w = find(by["000"], "الاثنين مساء")
  t.eq(w and w.resolved, "unresolved", "000: no article date and no earlier full date: the weekday stays unresolved")
  t.eq(w and w.rel, { weekday = 1, dir = "prev_or_same" }, "000: ... with what a later stage needs (rel: the last Monday up to the date)")
end

-- meta.date beats everything; weekdays around it.
do
  local d = run1("التقى الرئيسان الاثنين، وسيجتمعان الخميس المقبل، وكان قد زارها الجمعة الماضي. أمس وغدا واليوم.",
    { date = "2017-11-21" })
  t.eq(d.date_anchor.source, "meta.date", "meta.date is the anchor")
  local got = {}
  for _, m in ipairs(d.dates) do got[#got + 1] = m.text .. "=" .. tostring(m.iso) end
  t.eq(got, { "الاثنين=2017-11-20", "الخميس المقبل=2017-11-23", "الجمعة الماضي=2017-11-17",
    "أمس=2017-11-20", "وغدا=2017-11-22", "واليوم=2017-11-21" }, "weekdays, المقبل, الماضي, أمس, غدا, اليوم")
end

-- Periods: this week, last month, next year.
do
  local d = run1("اجتماع هذا الأسبوع ثم الشهر الماضي والعام المقبل وهذه السنة والرأي العام", { date = "2017-11-21" })
  local got = {}
  for _, m in ipairs(d.dates) do got[#got + 1] = m.text .. "=" .. tostring(m.iso) end
  t.eq(got, { "هذا الأسبوع=2017-W47", "الشهر الماضي=2017-10", "والعام المقبل=2018", "وهذه السنة=2017" },
    "periods: week (ISO week), month, year; الرأي العام is not a date")
  local a = require "naskh.text.artext"
  t.eq({ a.iso_week(a.days_from_civil(2021, 1, 3)), a.iso_week(a.days_from_civil(2020, 12, 31)),
         a.iso_week(a.days_from_civil(2018, 12, 31)) }, { "2020-W53", "2020-W53", "2019-W01" }, "ISO weeks at year ends")
end

-- Arabic-Indic digits, the Levantine series, numeric dates, years.
do
  local d = run1("في ٣ كانون الثاني ٢٠١٨ ثم في 5/3/2019 و2020-02-29 وفي آب 2014 وعام 1990.")
  local got = {}
  for _, m in ipairs(d.dates) do got[#got + 1] = m.text .. "=" .. tostring(m.iso) end
  t.eq(got, { "٣ كانون الثاني ٢٠١٨=2018-01-03", "5/3/2019=2019-03-05", "2020-02-29=2020-02-29",
    "آب 2014=2014-08", "1990=1990" }, "Arabic-Indic digits, كانون الثاني, d/m/y, ISO, month-year, year")
  t.eq(#run1("قال أبو محمد إن مارس الرياضة").dates, 0, "a weak month name alone is not a date")
  t.eq(#run1("في 31 فبراير 2017").dates, 1, "31 February is found ...")
  t.eq(run1("في 31 فبراير 2017").dates[1].resolved, "unresolved", "... but not resolved")
end

-- Hijri dates through ICU.
do
  local y, m, dd = naskh.hijri_to_gregorian(1439, 3, 3)
  t.eq({ y, m, dd }, { 2017, 11, 21 }, "naskh.hijri_to_gregorian(1439, 3, 3) = 2017-11-21 (Umm al-Qura)")
  t.eq({ naskh.gregorian_to_hijri(2017, 11, 21) }, { 1439, 3, 3 }, "naskh.gregorian_to_hijri")
  local nilv, msg = naskh.hijri_to_gregorian(1439, 13, 1)
  t.ok(nilv == nil and msg:find("out of range", 1, true), "month 13 is an error value")
  t.checkerr("did you mean 'civil'", "an unknown calendar name suggests the closest",
    naskh.hijri_to_gregorian, 1439, 1, 1, "civl")
  local d = run1("صدر في 3 ربيع الأول 1439 هـ وفي شهر رمضان 1438 هـ.")
  t.eq(d.dates[1] and d.dates[1].iso, "2017-11-21", "3 ربيع الأول 1439 هـ = 2017-11-21")
  t.eq(d.dates[1] and d.dates[1].hijri, "1439-03-03", "... keeps the Hijri date")
  t.eq(d.dates[2] and d.dates[2].iso, "2017-05-27/2017-06-24", "رمضان 1438 is an ISO interval")
  local civ = run1("في 3 ربيع الأول 1439 هـ", nil, { hijri_calendar = "civil" })
  t.ok(civ.dates[1].iso ~= nil and civ.dates[1].how:find("civil", 1, true), "hijri_calendar: civil")
end

-- Without meta or dateline: the nearest full date before the mention.
do
  local d = run1("مقدمة طويلة للخبر بلا تاريخ.\nمقدمة أخرى.\nسطر ثالث.\nوفي 10 مارس 2016 زار الوزير المدينة، وعاد في اليوم التالي، ثم غادر الخميس.")
  local m = find(d, "الخميس")
  t.eq(m and m.iso, "2016-03-10", "a weekday resolves against the previous full date in the text")
  t.ok(m and m.how:find("previous date", 1, true), "... and says so")
  t.eq(find(d, "اليوم"), nil, "في اليوم التالي is not today")
end

-- Times.
do
  local d = run1("بدأ الاجتماع الساعة 9:30 مساء")
  t.eq(d.dates[1] and d.dates[1].iso, "21:30", "a time with مساء")
end

-- rel re-resolution helper.
do
  local a = require("naskh.text.artext")
  local tue = a.days_from_civil(2017, 11, 21)
  local function iso(days) return a.iso(a.civil_from_days(days)) end
  t.eq({ iso(dates._resolve_rel({ weekday = 1, dir = "nearest" }, tue)),
         iso(dates._resolve_rel({ weekday = 2, dir = "next" }, tue)),
         iso(dates._resolve_rel({ weekday = 5, dir = "nearest" }, tue)),
         iso(dates._resolve_rel({ weekday = 6, dir = "nearest" }, tue)) },
    { "2017-11-20", "2017-11-28", "2017-11-24", "2017-11-18" }, "weekday resolution: nearest and next")
end

-- The timeline corpus stage: undated articles borrow the cluster's date unless they contradict it.
do
  local ds = x.run(x.samples(), { "clean", "dates", "timeline" })
  local tl = ds.corpus.timeline
  t.eq(ds.corpus.timeline_anchor and ds.corpus.timeline_anchor.iso, "2017-11-21", "timeline: the cluster date")
  local function ev(doc, label)
    for _, e in ipairs(tl) do if e.doc:sub(1, 3) == doc and e.label == label then return e end end
  end
  t.eq(ev("000", "الاثنين مساء") and ev("000", "الاثنين مساء").date, "2017-11-20",
    "timeline: 000's الاثنين مساء is 2017-11-20 through the cluster date")
  t.eq(ev("000", "20 أكتوبر/تشرين الأول في 2015").date, "2015-10-20", "timeline: 000's absolute date")
  t.eq(ev("004", "اليوم الأربعاء"), nil, "timeline: 004 (اليوم الأربعاء, not a Tuesday) is not forced onto the cluster date")
  local sorted = true
  local key = require("naskh.stages.timeline")._sort_key
  for i = 2, #tl do if key(tl[i - 1].date) > key(tl[i].date) then sorted = false end end
  t.eq(key("2017-W47"), "2017-11-20", "timeline: a week sorts at its Monday")
  t.ok(sorted and #tl > 10, "timeline: events are ordered by date")
  t.ok(tl[1].text == x.sample(tl[1].doc).text:sub(tl[1].s, tl[1].e), "timeline: event text is its sentence span")
end

-- Markdown.
do
  local inst = x.instance("dates")
  local md = require("naskh.io.render").markdown(inst, by["003"])
  t.ok(md:find("2017-11-20", 1, true) and md:find("article date 2017-11-21", 1, true), "markdown table")
end
t.done()
