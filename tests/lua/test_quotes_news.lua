-- The quotes stage on news text it was not shaped on (issue 16): hard-wrapped
-- lines, passives and impersonal verbs, scare quotes, speakers. The fixtures
-- are written for this test (not taken from the evaluation data).
local t = require "t"
local x = require "xhelp"

local function quotes_of(text, opts, meta)
  local d = x.doc("t", text, meta)
  x.run({ d }, { "entities", { "quotes", opts } })
  return d.quotes, d
end

local function texts(qs)
  local out = {}
  for i, q in ipairs(qs) do out[i] = q.text end
  return out
end

-- Hard-wrapped text: the quote runs across the line ends to the end of its sentence.
do
  local text = table.concat({
    "قال وزير الزراعة في مؤتمر صحفي عقده في العاصمة مساء الأحد إن الحكومة",
    "ستواصل دعم صغار المزارعين في المناطق الريفية حتى نهاية الموسم الحالي رغم",
    "الصعوبات المالية الكبيرة. وأضاف الوزير أن برنامج القروض الميسرة سيشمل",
    "ألف أسرة جديدة خلال الأشهر المقبلة في ثلاث محافظات شمالية على الأقل.",
    "وتابع: \"لن نترك أحدا خلف الركب في هذه المرحلة الصعبة من تاريخ",
    "البلاد\".",
  }, "\n")
  local qs = quotes_of(text)
  t.eq(texts(qs), {
    "الحكومة\nستواصل دعم صغار المزارعين في المناطق الريفية حتى نهاية الموسم الحالي رغم\nالصعوبات المالية الكبيرة",
    "برنامج القروض الميسرة سيشمل\nألف أسرة جديدة خلال الأشهر المقبلة في ثلاث محافظات شمالية على الأقل",
    "لن نترك أحدا خلف الركب في هذه المرحلة الصعبة من تاريخ\nالبلاد",
  }, "hard-wrapped lines: each quote runs to the end of its sentence, across line ends")
  t.eq(#quotes_of(text, { join_lines = "never" }) > 0 and texts(quotes_of(text, { join_lines = "never" }))[1],
    "الحكومة", "join_lines: never keeps every line end a quote end")
end

-- A headline without a final period is not joined to the paragraph under it,
-- and lines of an unwrapped article (one paragraph per line) stay apart.
do
  local text = "الوزير يعد المزارعين بالدعم\n"
    .. "قال وزير الزراعة في مؤتمر صحفي عقده في العاصمة مساء الأحد وسط حضور كبير من ممثلي"
    .. " الجمعيات الزراعية والصحفيين والمراقبين إن الحكومة ستواصل دعم صغار المزارعين.\n"
    .. "وأشار إلى أن الموسم كان صعبا على الجميع بسبب الجفاف الذي ضرب المنطقة منذ أشهر طويلة"
    .. " دون أن تسقط قطرة مطر واحدة على الحقول\n"
    .. "وختم اللقاء بالشكر."
  local qs = quotes_of(text)
  t.eq(texts(qs), { "الحكومة ستواصل دعم صغار المزارعين",
    "الموسم كان صعبا على الجميع بسبب الجفاف الذي ضرب المنطقة منذ أشهر طويلة دون أن تسقط قطرة مطر واحدة على الحقول" },
    "unwrapped text: a long line without a period is not joined to the next paragraph")
end
