# naskh: the date expressions of the dates stage (issue 16), as token patterns
# for the pattern engine (core/nk_pattern.c; the language: docs/extraction.md,
# "The pattern language"). Words are compared after folding (alef forms, ى/ي,
# ة/ه, diacritics, Arabic-Indic digits). A recipe can point the stage at its
# own copy: `dates: { patterns_file: my_dates.pat }`.
#
# The lists are the stage's lexicons (month and weekday names, cue words);
# the patterns say where a date expression starts and what it is made of. The
# stage's Lua code turns a match into a value (ISO date, how it was resolved)
# and applies the checks that need more than the tokens around a match
# (the article's date, the sentence's tense, a date written elsewhere).
#
# Values: a month's number, a weekday 0 (Sunday) .. 6, a day offset, a part of
# a month or a day, a unit and its count ("year/2").

# {=== lexicons ===

# Gregorian months, transliterated (Egypt, Gulf), Maghreb and Levantine (Syriac) series.
list month =
    يناير:1 ينار:1 جانفي:1 فبراير:2 فيفري:2 مارس:3 أبريل:4 إبريل:4 أفريل:4 مايو:5 ماي:5
    يونيو:6 يونيه:6 جوان:6 يوليو:7 يوليه:7 يوليوز:7 جويلية:7 أغسطس:8 غشت:8 أوت:8
    سبتمبر:9 شتنبر:9 أكتوبر:10 نوفمبر:11 نونبر:11 ديسمبر:12 دجنبر:12
    "كانون الثاني":1 شباط:2 آذار:3 نيسان:4 أيار:5 حزيران:6 تموز:7 آب:8 أيلول:9
    "تشرين الأول":10 "تشرين الثاني":11 "كانون الأول":12
# One-word month names that are also common words: alone only after a cue word.
list month_weak = ماي آب مارس أوت تموز
# Levantine names are also names of places, brands and people (نيسان).
list month_levantine =
    "كانون الثاني" شباط آذار نيسان أيار حزيران تموز آب أيلول "تشرين الأول" "تشرين الثاني"
    "كانون الأول"
list month_hijri =
    محرم:1 صفر:2 "ربيع الأول":3 "ربيع الآخر":4 "ربيع الثاني":4 "جمادى الأولى":5 "جمادى الأول":5
    "جمادى الآخرة":6 "جمادى الثانية":6 "جمادى الآخر":6 "جمادى الثاني":6 رجب:7 شعبان:8 رمضان:9
    شوال:10 "ذو القعدة":11 "ذي القعدة":11 "ذو الحجة":12 "ذي الحجة":12
# Words before a month name alone that make it a date: في مارس، منذ أبريل، شهري نيسان.
list month_cue =
    في شهر شهري خلال منذ حتى بين إلى من قبل بعد مطلع أوائل أواخر منتصف نهاية بداية
list weekday = الأحد:0 الاثنين:1 الثلاثاء:2 الأربعاء:3 الخميس:4 الجمعة:5 السبت:6
list daypart =
    صباح:morning صباحا:morning فجر:morning فجرا:morning ظهر:noon ظهرا:noon ظهيرة:noon
    عصر:afternoon عصرا:afternoon مساء:evening مساءا:evening ليلة:night ليل:night ليلا:night
list deictic = اليوم:0 أمس:-1 الأمس:-1 البارحة:-1 غدا:1 غد:1 الغد:1
list month_part =
    منتصف:mid أواسط:mid وسط:mid مطلع:early أوائل:early بداية:early مستهل:early أول:early
    أواخر:late نهاية:late آخر:late أخير:late
list next = المقبل القادم المقبلة القادمة
list prev = الماضي المنصرم الفائت الماضية
list now = الجاري الحالي الجارية الحالية
list period = الأسبوع:week الشهر:month العام:year السنة:year
# Adjectives after هذا الشهر that make it a named month (Ramadan), not the current one.
list period_epithet = الفضيل الكريم المبارك
# Ordinal days: الأول من سبتمبر، الحادي عشر، الخامس والعشرين.
list ordinal_day =
    الأول:1 الثاني:2 الثالث:3 الرابع:4 الخامس:5 السادس:6 السابع:7 الثامن:8 التاسع:9 العاشر:10
list ordinal_unit =
    الحادي:1 الأول:1 الثاني:2 الثالث:3 الرابع:4 الخامس:5 السادس:6 السابع:7 الثامن:8 التاسع:9
list ordinal_tens = العشرين:20 الثلاثين:30
list and_tens = والعشرين:20 والثلاثين:30
# Ordinals after اليوم: اليوم الأول، اليوم الثاني للترشح (not a date).
list ordinal =
    التالي السابق الأول الثاني الثالث الرابع الخامس السادس السابع الثامن التاسع العاشر الأخير
    الواحد الحادي العشرين الثلاثين
# Words before اليوم that make it a span of the day, not a date: نهاية اليوم.
# Also "up to now" (حتى اليوم، إلى اليوم) and "per day" or "on the day"
# (مرتين في اليوم، في اليوم الذي): the article's day is written اليوم alone.
list day_span = نهاية طوال طيلة حتى منذ بداية آخر إلى الى في
# Words around اليوم that make it another day than the article's (anaphoric: ذلك اليوم،
# اليوم نفسه، اليوم الذي), and the pronouns before "nowadays" (فهو اليوم، وهي اليوم).
list anaphor_before = ذلك ذات نفس تلك هو وهو فهو هي وهي فهي هم وهم فهم نحن ونحن فنحن
list anaphor_after = نفسه ذاته الذي التي
# Tens after الاثنين make it the number two (الأعضاء الاثنين والعشرين).
list tens =
    والعشرين والثلاثين والأربعين والخمسين والستين والسبعين والثمانين والتسعين
# "ago": منذ/قبل + [count] unit (منذ عامين، قبل شهر، منذ أربعة أشهر).
list ago = منذ قبل
list unit =
    يوم:day/1 يومين:day/2 أيام:day أسبوع:week/1 أسبوعين:week/2 أسابيع:week
    شهر:month/1 شهرين:month/2 أشهر:month شهور:month
    عام:year/1 عامين:year/2 أعوام:year عاما:year سنة:year/1 سنتين:year/2 سنوات:year سنين:year
list count =
    ثلاثة:3 ثلاث:3 أربعة:4 أربع:4 خمسة:5 خمس:5 ستة:6 ست:6 سبعة:7 سبع:7 ثمانية:8 ثماني:8
    تسعة:9 تسع:9 عشرة:10 عشر:10
# Words before a bare weekday that make it future (the same clause).
list future_cue =
    يعتزم ينوي المقرر المرتقب المرتقبة المنتظر المزمع اعتبارا سوف يتوقع ستعقد سيعقد سيجري
    ستجري سيلتقي ستبدأ سيبدأ سيزور سيتوجه سيصل
# A year after these is a year (في 2015، عام 2015، منذ 2011).
list year_cue =
    بحلول عام العام سنة لعام منذ في خلال بعام وعام عامي سنتي الأعوام السنوات أعوام سنوات
# Only after these is an older year (before 1900) a year: عام 1899.
list year_noun = عام العام سنة لعام بعام وعام
# Words before the first year of a range of years (من 2010 إلى 2015، بين 2010 و2015).
list year_range = من:من بين:بين
# A date after these in an article's first line is a life date, not a dateline.
list birth = ولد ولدت مواليد المولود المولودة توفي توفيت المتوفى مواليده

# }=== lexicons ===

# {=== patterns ===
# One pattern per kind of expression. Where one of the patterns below matches,
# the stage's matchers read the expression from its first token (the first that
# accepts it, in this order: absolute, month, period, year, ago, relative) and
# compute its value; the patterns after "read from their captures" say it all.

# [يوم] [صباح] [الاثنين،] 20 [-] نوفمبر [/تشرين الثاني] [، 2017م] [، 10:43]
# الأول من سبتمبر، الحادي عشر من مارس، الخامس والعشرين من مايو
# a range of days: 20-22 نوفمبر، بين 20 و22 نوفمبر، من 20 إلى 22 نوفمبر
pattern day_month =
    يوم? (part=@daypart &(@weekday~))? (weekday=@weekday~ _",")?
    ( day=#1..31
    | day=(@ordinal_unit (عشر | @and_tens) | @ordinal_tens | @ordinal_day) من
    | day=#1..31 (_"-–" | _="و" | إلى | حتى) #1..31 )
    _"-" month=(@month~ | @month_hijri~)
    (_"/(" (@month~ | @month_hijri~))?
    (_",-" @year_cue? year=#1000..2200~)?

# [منتصف] [شهر] نوفمبر [/تشرين الثاني] [2017 | من عام 2017 | المقبل | الماضي]; شهر رمضان 1439
# alone: a transliterated month (يونيو), or a weak or Levantine one after a cue
# word (في مارس، شهر تموز) or after another month (نيسان وحزيران)
pattern month_year =
    (part=@month_part)? شهر? month=(@month~ | @month_hijri~) (_"/(" (@month~ | @month_hijri~))?
    (_",-" @year_cue? year=#1000..2200~ | من @year_noun year=#1000..2200~)
pattern month_part = part=@month_part شهر? month=(@month~ | @month_hijri~)
pattern month_alone =
    شهر? ( !(@month_weak~) !(@month_levantine~) month=@month~
         | <(@month_cue~) month=@month~
         | <(@month~) month=@month~ ) (@next | @prev)?

# هذا الأسبوع، الشهر الماضي، العام المقبل، هذه السنة، العام قبل الماضي، مطلع الشهر المقبل
# التاسع من الشهر الجاري، الـ15 من الشهر الماضي، يوم 5 من الشهر المقبل
pattern period =
    (part=@month_part)? ( (هذا~ | هذه~) unit=@period~ | unit=@period~ (@prev | @next | @now | قبل @prev | بعد @next) )
    !(@period_epithet)
pattern day_of_period =
    يوم? (day=#1..31 | day=(@ordinal_unit (عشر | @and_tens) | @ordinal_tens | @ordinal_day)) من الشهر
    (@prev | @next | @now)
pattern day_of_period_al = :arabic من الشهر (@prev | @next | @now)

# في 2015، عام 1899، منذ 2011، 1844م، 1260 هـ، مطلع 2020، من 2010 إلى 2015،
# بين عامي 1966 و1972، 2013-2014
pattern year =
    ( part=@month_part | @year_cue~ | @year_range~ )? year=#1000..2200~ (م | ه)?
    ( (_"-–" | _="و" | إلى | حتى) year2=#1000..2200~ )?

# منذ عامين، قبل شهر، منذ أربعة أشهر، قبل 3 أيام (not قبل يومين من القمة)
pattern ago = @ago~ (count=(@count | #1..100))? unit=@unit !(من | #0..9999 | @weekday~)

# أمس، اليوم (الاثنين)، غدا الخميس، أول من أمس، أمس الأول، بعد غد، هذا الصباح،
# مساء الأحد، يوم الأربعاء المقبل; not عبد الأحد, الاثنين والعشرين, نهاية اليوم, أمس الحاجة (most in need),
# اليوم الثاني للترشح
pattern relative =
    (part=@daypart)? يوم? هذا?
    ( أول من? أمس~ | أول الأمس | بعد~ غد | هذا (الصباح | المساء | الظهر)
    | !(اليوم) deictic=@deictic~ !(الحاجة) (_",(" يوم? weekday=@weekday~)?
    | <!(@day_span | @anaphor_before) deictic=اليوم !(@ordinal | @anaphor_after) (_",(" يوم? weekday=@weekday~)?
    | <!(عبد~) weekday=@weekday~ !(@tens) (@next | @prev | @daypart)? )

# Patterns that no matcher of the stage reads are read from their captures
# (docs/extraction.md): day, month or hmonth, year, weekday, offset, part;
# hour and minute (a time).

# 21/11/2017, 21.11.2017, 21-11-2017, 2017-11-21
pattern numeric = day=#1..31 (_="/" | _="." | _="-") month=#1..12 (_="/" | _="." | _="-") year=#1000..9999
pattern numeric_iso = year=#1000..9999 _="-" month=#1..12 _="-" day=#1..31

# 10:43، الساعة 10:43 صباحا، 9:30 م (two digits after the colon)
list ampm = ص:morning م:evening
pattern time = الساعة? hour=#0..24 _=":" minute=#0..59 (part=@daypart | part=@ampm)?

# في الخامس من شهر مارس، يوم 5 من شهر مارس 2017
pattern day_of_month =
    يوم? ( day=#1..31 | day=@ordinal_day ) من شهر (month=@month~ | hmonth=@month_hijri~)
    (_",-" @year_cue? year=(#1000..2200~ (م | ه)?))?

# 2005/5/16 (the year first, with slashes)
pattern numeric_ymd = year=#1000..2200 _="/" month=#1..12 _="/" day=#1..31

# الليلة الماضية، ليلة البارحة: the night before the article date
list night = الليلة:night ليلة:night
list night_before = الماضية:-1 المنصرمة:-1 البارحة:-1
pattern last_night = part=@night~ offset=@night_before

# صباح الغد، مساء غد: tomorrow with a part of the day (الغد alone is too often
# figurative, "the future": the relative matcher keeps it before a weekday only)
list tomorrow = الغد:1 غد:1
pattern daypart_tomorrow = part=@daypart offset=@tomorrow~

# }=== patterns ===
