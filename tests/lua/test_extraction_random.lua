-- Random texts made of the pieces the extraction stages react to: no stage
-- may fail, and every span must be inside the text on UTF-8 boundaries.
local t = require "t"
local x = require "xhelp"
local pieces = { "قال", " ", "إن", "«", "»", "\"", "“", "”", ":", "،", ".", "\n", "الاثنين", "20", "أكتوبر", "/",
  "تشرين الأول", "2015", "٢٠", "رمضان", "1438", "هـ", "أمس", "غدا", "ثلاثة", "آلاف", "و", "خمسمائة", "\xff", "-",
  "بحسب", "ما", "ذكرته", "وكالة", "المزيد", "تعليقات", "AFP", "عن", "نقلت", "قوله", "10:43", "مساء", "(", ")",
  "الأسبوع", "الماضي", "هذا", "منتصف", "نوفمبر", "عامين", "%", "1,500", "..", "؟" }
math.randomseed(42)
local n = 0
for k = 1, 300 do
  local parts = {}
  for i = 1, math.random(0, 60) do parts[i] = pieces[math.random(#pieces)] end
  local text = table.concat(parts)
  local docs = { x.doc("f" .. k, text, (k % 3 == 0) and { date = "2017-11-21" } or {}), x.doc("g", text) }
  local ok, err = pcall(x.run, docs, { "clean", "quotes", "dates", "numbers", "quotes_merge", "timeline" })
  if not ok then n = n + 1; if n < 5 then print("# FAIL", err, ("%q"):format(text)) end end
  if ok then
    for _, d in ipairs(docs) do
      for _, list in ipairs({ d.quotes, d.dates, d.numbers, d.dropped }) do
        for _, sp in ipairs(list) do
          local okb = sp.s >= 1 and sp.e <= #text and sp.s <= sp.e + 1
          if okb and utf8.len(text) and not utf8.len(text:sub(sp.s, sp.e)) then okb = false end
          if not okb then n = n + 1; print("# BAD SPAN", sp.s, sp.e, #text, ("%q"):format(text)) end
        end
      end
    end
  end
end
t.eq(n, 0, "300 random texts through clean, quotes, dates, numbers, quotes_merge, timeline: no failure, spans in bounds")
t.done()
