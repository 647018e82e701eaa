-- The quotes stage and quotes_merge: speakers, verbs, sources on the samples;
-- Putin's quote is found in every sample that carries it and merged.
local t = require "t"
local x = require "xhelp"

local docs = x.run(x.samples(), { "clean", "entities", "quotes", "quotes_merge" })
local by = {}
for _, d in ipairs(docs) do by[d.id:sub(1, 3)] = d end
local corpus = docs.corpus

local PUTIN = "ما زال أمامنا طريق طويل"
local function quotes_with(doc, s)
  local out = {}
  for _, q in ipairs(doc.quotes) do if q.text:find(s, 1, true) then out[#out + 1] = q end end
  return out
end

-- Which samples carry the quote (by their text), and is it found in each?
do
  local carriers, found = {}, {}
  for _, d in ipairs(docs) do
    if d.text:find(PUTIN, 1, true) then carriers[#carriers + 1] = d.id end
    if #quotes_with(d, PUTIN) > 0 then found[#found + 1] = d.id end
  end
  t.eq(found, carriers, "Putin's quote is found in every sample that carries it")
  t.ok(#carriers == 2, "... (two samples carry it)")
  for _, id in ipairs(found) do
    local q = quotes_with(by[id:sub(1, 3)], PUTIN)[1]
    t.eq({ q.kind, q.speaker and q.speaker.id }, { "direct", "person:putin" }, id .. ": direct, speaker Putin")
    t.ok(q.text:find("في نهايتها بالفعل$") ~= nil, id .. ": the quote runs to its closing mark")
  end
  local merged
  for _, g in ipairs(corpus.quotes) do if g.text:find(PUTIN, 1, true) then merged = merged and "twice" or g end end
  t.ok(type(merged) == "table", "Putin's quote is one merged group")
  t.eq(merged.docs, carriers, "... listing every article that carries it")
  t.eq(#merged.occurrences, 2, "... with one occurrence per article")
  t.eq(merged.speaker and merged.speaker.id, "person:putin", "... attributed to Putin")
  t.eq(corpus.quotes[1], merged, "... and listed first (most articles)")
  local q0 = quotes_with(by["000"], PUTIN)[1]
  t.eq(corpus.quotes[q0.group], merged, "doc quotes point at their group (q.group)")
end

-- Speakers, verbs and how they were found.
local function find_q(doc, s)
  for _, q in ipairs(doc.quotes) do if q.text:find(s, 1, true) then return q end end
end
do
  local q = find_q(by["000"], "أي تسوية سياسية يجب تنفيذها")
  t.eq({ q.verb, q.kind, q.speaker.id, q.speaker.how }, { "أضاف", "reported", "person:putin", "previous" },
    "وأضاف أن ...: reported, the previous speaker")
  q = find_q(by["000"], "الاجتماع الذي عقد في سوتشي")
  t.eq({ q.speaker.id, q.source and q.source.text }, { "person:peskov", "وكالة الإعلام الروسية" },
    "نقلت وكالة ... عن بيسكوف قوله إن: speaker Peskov, source the agency")
  q = find_q(by["000"], "بوتين سيتصل بالعاهل السعودي")
  t.eq(q.speaker.id, "person:peskov", "المتحدث باسم الكرملين، ديمتري بيسكوف، أن: the person in apposition")
  q = find_q(by["000"], "لا تستهدف سوى الإرهابيين")
  t.eq(q.speaker.id, "city:moscow", "موسكو، التي تقول إنها: the relative clause's noun")
  q = find_q(by["001"], "يريد الاجتماع به")
  t.eq({ q.speaker.id, q.speaker.how }, { "person:putin", "before_verb" }, "بوتين قال للأسد إنه: the name before the verb")
  q = find_q(by["001"], "إن المضي قدما")
  t.eq({ q.kind, q.unclosed, q.speaker.id }, { "direct", true, "person:assad" }, "” إن المضي ... without its closing mark")
  q = find_q(by["002"], "يجب الانتقال إلى العملية السياسية")
  t.eq(q.speaker.id, "person:putin", "الرئيس الروسي is resolved to the Russian president named in the article")
  q = find_q(by["002"], "المضي في العملية السياسية")
  t.eq({ q.speaker.id, q.speaker.how }, { "person:assad", "clause" }, "من جهته، أبدى الأسد ...، وقال إن: the clause subject")
  t.ok(q.text:find('الإرهابيين"$') ~= nil, "reported speech stops before '، في إشارة إلى' (the journalist's words)")
  t.eq(#corpus.quotes[q.group].docs, 2, "... and merges with 001's direct quote")
  q = find_q(by["003"], "فلاديمير بوتين أجرى محادثات")
  t.eq({ q.kind, q.speaker.id, q.source and q.source.id }, { "direct", "org:kremlin", "org:afp" },
    "وقال الكرملين، في بيان وفق «فرانس برس»، إن «...»: source AFP")
  q = find_q(by["003"], "الاحتفاظ بدور لها")
  t.eq(q.speaker.text, "تيمور أحمدوف", "a speaker not in any gazetteer keeps its text")
  q = find_q(by["004"], "نحن مستعدون للمساهمة")
  t.eq({ q.speaker.id, q.source and q.source.text }, { "person:putin", "بيان صادر عن الكرملين" },
    "بحسب بيان صادر عن الكرملين: the source")
  q = find_q(by["004"], "هدف العمليات العسكرية")
  t.eq(q.source and q.source.text, "الرئاسة السورية على تويتر", "بحسب ما أوردت ... after the quote")
  for _, d in ipairs(docs) do
    for _, qq in ipairs(d.quotes) do
      t.ok(qq.text == d.text:sub(qq.s, qq.e), d.id .. ": quote text equals text:sub(s, e)")
      break
    end
  end
end

do
  local q = find_q(by["000"], "امتنان الشعب السوري")
  t.eq({ q and q.kind, q and q.speaker.id, q and q.source and q.source.text, q and q.source and q.source.id },
    { "direct", "person:assad", "وكالة فرانس برس", "org:afp" },
    "وعبر الأسد له - بحسب ما ذكرته وكالة فرانس برس - عن \"امتنان الشعب السوري\": speaker, source")
  local g = corpus.quotes[q.group]
  t.eq(g.docs, { by["000"].id, by["003"].id }, "... merged with 003's وعبر الرئيس السوري ... عن «امتنان الشعب السوري»")
end

-- Nothing from dropped boilerplate.
do
  local d = by["004"]
  t.eq(find_q(d, "لولا التدخل"), nil, "a quote inside dropped navigation is skipped")
end

-- Without entities: text speakers still work.
do
  local d = x.run({ x.doc("a", "وقال المتحدث باسم الوزارة إن الاجتماع انتهى.\nوأضاف: \"نحن راضون عن النتائج كلها\".") },
    { "quotes" })[1]
  t.eq(#d.quotes, 2, "two quotes without the entities stage")
  t.eq({ d.quotes[1].speaker.text, d.quotes[2].speaker.text, d.quotes[2].kind },
    { "المتحدث باسم الوزارة", "المتحدث باسم الوزارة", "direct" }, "text speakers, carried to وأضاف:")
end

-- Quote marks.
do
  local q = require("naskh.stages.quotes")
  local s = 'قال: «أ "ب" ج» و“د”'
  local p = q._quote_pairs(s, 1, #s)
  t.eq(#p, 2, "nested marks give top-level pairs only")
end

-- Markdown.
do
  local inst = x.instance("quotes_merge")
  local md = require("naskh.io.render").markdown(inst, corpus)
  t.ok(md:find("Who said what", 1, true) and md:find(PUTIN, 1, true), "markdown of the merged quotes")
end
t.done()
