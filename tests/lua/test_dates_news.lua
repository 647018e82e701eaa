-- The dates stage on news it was not shaped on (issue 16): false friends,
-- time ago, months alone, ordinal days, ranges of years, a Hijri year alone,
-- a year written elsewhere, the weekday written beside اليوم. Fixtures are
-- written for this test.
local t = require "t"
local x = require "xhelp"

local function run1(text, date)
  return x.run({ x.doc("d", text, { date = date }) }, { "dates" })[1]
end

local function got(d)
  local out = {}
  for _, m in ipairs(d.dates) do out[#out + 1] = m.text .. "=" .. tostring(m.iso) end
  return out
end

t.eq(got(run1("صوت الأعضاء الاثنين والعشرين على القرار، وتحدث عبد الأحد عن اليوم الثاني للترشح وعن نهاية اليوم.",
  "2020-03-10")), {}, "false friends: الاثنين والعشرين، عبد الأحد، اليوم الثاني، نهاية اليوم")

t.eq(got(run1("وصل الوفد أول من أمس، ثم عاد منذ عامين وقبل شهر ومنذ أربعة أشهر وقبل 3 أيام.", "2020-03-10")),
  { "أول من أمس=2020-03-08", "منذ عامين=2018", "وقبل شهر=2020-02", "ومنذ أربعة أشهر=2019-11", "وقبل 3 أيام=2020-03-07" },
  "أول من أمس is two days before; a time ago at the unit's precision")

t.eq(got(run1("وصل قبل يومين من القمة، ويعمل هنا منذ عام 1994، ومنذ أشهر.", "2020-03-10")), { "1994=1994" },
  "قبل يومين من (before an event) and منذ أشهر (vague) are not a time ago; منذ عام 1994 is the year")

t.eq(got(run1("بدأ العمل في شهر مارس، وجرت التجارب بين شهري نيسان وحزيران، وعقود يوليو. وركب سيارة نيسان.",
  "2020-11-17")),
  { "شهر مارس=2020-03", "نيسان=2020-04", "وحزيران=2020-06", "يوليو=2020-07" },
  "months alone: after a cue word, after another month; a transliterated name anywhere; نيسان the car is no month")

t.eq(got(run1("وستبدأ المرحلة في يناير.", "2020-12-01")), { "يناير=2021-01" },
  "a month at most two months ahead is the coming one")

t.eq(got(run1("في الأول من سبتمبر 1939 بدأت الحرب، وتسلم الجائزة يوم الخميس 26 أيار 2005.")),
  { "الأول من سبتمبر 1939=1939-09-01", "يوم الخميس 26 أيار 2005=2005-05-26" },
  "an ordinal day (الأول من); يوم and a weekday before a full date")

t.eq(got(run1("نشر عامي 2013-2014 ثم بين عامي 1966 و1972، وولد سنة 1844م 1260هـ.")),
  { "2013=2013", "2014=2014", "1966=1966", "1972=1972", "1844م=1844", "1260هـ=1844" },
  "ranges of years give one mention per year; a Hijri year alone is its Gregorian year")

t.eq(got(run1("منذ هجمات 11 سبتمبر 2001 تغير كثير. وقبل 11 سبتمبر كان الوضع مختلفا.", "2005-05-12")),
  { "11 سبتمبر 2001=2001-09-11", "11 سبتمبر=2001-09-11" }, "a day and month take the year written with them elsewhere")

do
  local d = run1("وقال الوزير: «اعتبارا من اليوم (الاثنين) تبدأ الاتصالات».", "2017-11-21")
  local m = d.dates[1]
  t.eq({ m and m.iso, m and m.conflict ~= nil }, { "2017-11-20", true },
    "اليوم (الاثنين) in a Tuesday article: the weekday written wins, the conflict is kept")
end

t.eq(got(run1("بالرغم من نشر صورة هذا الصباح, الاحتياجات في هذا الشهر الفضيل كثيرة.", "2016-11-02")),
  { "هذا الصباح=2016-11-02" }, "هذا الصباح is today; هذا الشهر الفضيل is Ramadan, not this month")

do
  local d = run1("فلاديمير بوتين (ولد في 7 أكتوبر 1952) سياسي روسي.\nالتقى بوتين الأسد الاثنين.\n")
  t.eq({ d.date_anchor, d.dates[2] and d.dates[2].resolved }, { nil, "unresolved" },
    "a birth date in the first line is neither the dateline nor an anchor for later weekdays")
  d = run1("موسكو - الثلاثاء 21 نوفمبر 2017\nالتقى بوتين الأسد الاثنين.\n")
  t.eq({ d.date_anchor and d.date_anchor.iso, d.dates[2] and d.dates[2].iso }, { "2017-11-21", "2017-11-20" },
    "... while a real dateline still is")
end

t.eq(got(run1("تعقد القمة من 20 إلى 22 نوفمبر 2017، والمعرض بين 3 و5 ديسمبر. وقتل 5 أشخاص في 3 حوادث.", "2017-11-15")),
  { "20=2017-11-20", "22 نوفمبر 2017=2017-11-22", "3=2017-12-03", "5 ديسمبر=2017-12-05" },
  "ranges of days: the first day takes the month and year of the second; counts are no dates")

t.eq(got(run1("في الحادي عشر من سبتمبر 2001 وفي الخامس والعشرين من مايو 2005 وفي الحادي والثلاثين من ديسمبر 1999"
  .. " واليوم الحادي عشر للإضراب.")),
  { "الحادي عشر من سبتمبر 2001=2001-09-11", "الخامس والعشرين من مايو 2005=2005-05-25",
    "الحادي والثلاثين من ديسمبر 1999=1999-12-31" }, "ordinal days up to 31; اليوم الحادي عشر is no date")

t.eq(got(run1("ستعقد القمة بعد غد في الرياض، وبعد ذلك يعود الوفد.", "2005-06-01")), { "بعد غد=2005-06-03" },
  "بعد غد is two days after; بعد ذلك is no date")
