-- The numbers stage: digits and number words with their counted noun.
local t = require "t"
local x = require "xhelp"

local function nums(text, stages)
  local d = x.run({ x.doc("n", text) }, stages or { "numbers" })[1]
  local out = {}
  for _, m in ipairs(d.numbers) do
    out[#out + 1] = string.format("%s=%s%s", m.text, (m.value == math.floor(m.value) and math.abs(m.value) < 2^53)
      and string.format("%d", m.value) or tostring(m.value), m.unit and ("|" .. m.unit) or "")
  end
  return out, d
end

t.eq(nums("دام الاجتماع أربع ساعات وعقدت سبع جولات بعد عامين"),
  { "أربع=4|ساعات", "سبع=7|جولات", "عامين=2|عام" }, "أربع ساعات، سبع جولات، عامين")
t.eq(nums("جمعوا ثلاثة آلاف وخمسمائة دولار"), { "ثلاثة آلاف وخمسمائة=3500|دولار" }, "ثلاثة آلاف وخمسمائة = 3500")
t.eq(nums("قتل خمسة وعشرون شخصا وأصيب أحد عشر جنديا"), { "خمسة وعشرون=25|شخصا", "أحد عشر=11|جنديا" },
  "compounds with و and the teens")
t.eq(nums("استغرقت 4 ساعات و٣ أيام ونسبة 12.5% و1,500 جندي و3 ملايين دولار"),
  { "4=4|ساعات", "٣=3|أيام", "12.5=12.5|%", "1,500=1500|جندي", "3 ملايين=3000000|دولار" },
  "digits: Latin, Arabic-Indic, decimals, thousands, millions")
t.eq(nums("وركزت محادثات الرؤساء الثلاثة على التهدئة"), { "الثلاثة=3|الرؤساء" }, "الرؤساء الثلاثة: the noun before")
t.eq(nums("قال أحد المسؤولين إن آلاف الأشخاص"), {}, "أحد (one of) and آلاف alone are not numbers")
do
  local _, d = nums("منذ حوالى 5 سنوات وأكثر من 10 قتلى")
  t.eq({ d.numbers[1].approx, d.numbers[2].bound }, { true, "more" }, "حوالى → approx, أكثر من → bound")
end
do
  local out = nums("زاره في 20 أكتوبر 2015 لمدة 4 ساعات", { "dates", "numbers" })
  t.eq(out, { "4=4|ساعات" }, "numbers inside dates are skipped")
  t.eq(nums("في عام 2015 وصل"), {}, "a lone year is not listed by default")
  t.eq(nums("في عام 2015 وصل", { { "numbers", { years = true } } }), { "2015=2015" }, "years: true lists it")
end

-- The samples.
local docs = x.run(x.samples(), { "clean", "dates", "numbers" })
local found = {}
for _, d in ipairs(docs) do
  for _, m in ipairs(d.numbers) do found[#found + 1] = d.id:sub(1, 3) .. ":" .. m.text .. "=" .. string.format("%d", m.value) end
end
local function has(s) for _, f in ipairs(found) do if f == s then return true end end return false end
t.ok(has("000:أربع=4") and has("000:عامين=2") and has("001:4=4") and has("003:سبع=7") and has("004:5=5"),
  "samples: أربع ساعات (000), عامين (000), 4 ساعات (001), سبع جولات (003), 5 سنوات (004)")
do
  local inst = x.instance("numbers")
  local md = require("naskh.io.render").markdown(inst, docs[1])
  t.ok(md and md:find("ساعات", 1, true), "markdown table")
end
t.done()
