-- Tests of naskh.text.rouge: tokens with Arabic normalization, ROUGE-N, ROUGE-L,
-- several references, and the figures of a hand-checked example.
local t = require "t"
local rouge = require "naskh.text.rouge"

t.test("tokens: normalization folds harakat, hamza forms, ى, ة, digits; drops punctuation", function()
  t.eq(rouge.tokens("أعلنَ الكرملينُ، «إلى» مدرسة مستشفى ٢٠١٧!"),
    { "اعلن", "الكرملين", "الي", "مدرسه", "مستشفي", "2017" }, "tokens")
  t.eq(rouge.tokens("Putin MET Assad."), { "putin", "met", "assad" }, "latin lower-cased")
  t.eq(rouge.tokens("والمعلمون", { stem = true }), { "معلم" }, "stemmed")
end)

t.test("rouge-n: counts clipped n-grams; precision, recall and F1", function()
  local c = { "a", "b", "a", "c" }
  local r = { "a", "b", "d" }
  local r1 = rouge.rouge_n(c, r, 1)
  assert(math.abs(r1.p - 2 / 4) < 1e-12 and math.abs(r1.r - 2 / 3) < 1e-12)
  assert(math.abs(r1.f - 2 * 0.5 * (2 / 3) / (0.5 + 2 / 3)) < 1e-12)
  local r2 = rouge.rouge_n(c, r, 2)
  assert(math.abs(r2.p - 1 / 3) < 1e-12 and math.abs(r2.r - 1 / 2) < 1e-12)
  local z = rouge.rouge_n({}, r, 1)
  t.eq(z, { p = 0, r = 0, f = 0 }, "empty candidate")
end)

t.test("rouge-l: longest common subsequence", function()
  t.eq(rouge.lcs({ "a", "b", "c", "d" }, { "a", "c", "d", "b" }), 3, "lcs")
  local l = rouge.rouge_l({ "a", "b", "c", "d" }, { "a", "c", "d", "b" })
  assert(math.abs(l.p - 0.75) < 1e-12 and math.abs(l.r - 0.75) < 1e-12)
end)

t.test("score: identical texts score 1 after normalization; references are averaged", function()
  local s = rouge.score("أعلن الكرملين أن بوتين التقى الأسد.", { "اعلن الكرملين ان بوتين التقى الاسد" })
  assert(s["1"].f == 1 and s["2"].f == 1 and s.L.f == 1)
  local two = rouge.score("بوتين التقى الأسد", { "بوتين التقى الأسد", "ارتفعت أسعار النفط" })
  assert(math.abs(two["1"].f - 0.5) < 1e-12, "average over references: " .. two["1"].f)
end)

t.done()
