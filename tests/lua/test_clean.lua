-- The clean stage: the samples' boilerplate is dropped and nothing else;
-- dropped spans are kept with their reason; spans.is_dropped agrees.
local t = require "t"
local x = require "xhelp"
local spans = require "naskh.text.spans"

local docs = x.run(x.samples(), { "clean" })
local by = {}
for _, d in ipairs(docs) do by[d.id:sub(1, 3)] = d end

-- Every dropped span as "reason|first line of its text".
local function summary(doc)
  local out = {}
  for _, d in ipairs(doc.dropped) do
    local first = x.text(doc, d):match("^[^\n]*")
    out[#out + 1] = d.reason .. "|" .. first
  end
  return out
end

local CAPTION = "اجتماع بوتين والأسد حضره قادة عسكريون كبار"
t.eq(summary(by["000"]), {
  "repeated_line|" .. CAPTION, "credit|AFP/Getty Images", "repeated_line|" .. CAPTION,
}, "000: the caption printed twice and AFP/Getty Images are dropped")

local TITLE = "الكرملين يعلن تفاصيل زيارة بشار الأسد السرية لموسكو أمس الإثنين"
t.eq(summary(by["001"]), {
  "repeated_line|" .. TITLE, "caption|اجتماع الرئيس بوتين بالاسد",
  "repeated_line|الرئيس بوتين والأسد", "repeated_line|لقاء بوتين والأسد",
  "repeated_line|زيارة الأسد السرية لموسكو", "caption|" .. TITLE .. " 1",
}, "001: repeated captions, the caption under the title and the numbered copy are dropped")
t.ok(by["001"].text:sub(1, #TITLE) == TITLE and not spans.is_dropped(by["001"], 1, #TITLE),
  "001: the headline itself (first copy) is kept")

t.eq(summary(by["002"]), {}, "002: nothing is dropped (section heading الحل السياسي kept)")

t.eq(summary(by["003"]), {
  "latin_line|Atwasat", "latin_line|WTV_Frequency", "navigation|المزيد من بوابة الوسط",
}, "003: outlet name, widget id and everything from المزيد من بوابة الوسط are dropped")
do
  local d = by["003"]
  local nav = d.dropped[3]
  t.ok(x.text(d, nav):find("تعليقات", 1, true) and x.text(d, nav):find("عناوين ذات صلة", 1, true)
    and nav.e == #d.text:gsub("%s+$", ""), "003: the navigation span runs to the end (تعليقات, عناوين ذات صلة)")
  local s = d.text:find("القاهرة - بوابة الوسط", 1, true)
  t.ok(s and not spans.is_dropped(d, s, s + 10), "003: the dateline line is kept")
  for _, h in ipairs({ "محادثات مع ترامب", "ليونة تركية" }) do
    local hs, he = d.text:find(h, 1, true)
    t.ok(not spans.is_dropped(d, hs, he), "003: section heading kept: " .. h)
  end
end

t.eq(summary(by["004"]), { "navigation|موضوعات متعلقة.." }, "004: موضوعات متعلقة.. and the headlines after it are dropped")
do
  local d = by["004"]
  local hs, he = d.text:find("خبراء: زيارة الأسد ضربة سياسية روسية كبيرة", 1, true)
  t.ok(not spans.is_dropped(d, hs, he), "004: a heading in the body is kept")
end

-- Nothing else: the kept text of every sample still has every sentence of the body.
do
  local kept_bytes, total = 0, 0
  for _, d in ipairs(docs) do
    for _, sp in ipairs(d.clean_spans) do kept_bytes = kept_bytes + (sp.e - sp.s + 1) end
    for _, dr in ipairs(d.dropped) do kept_bytes = kept_bytes + (dr.e - dr.s + 1) end
    total = total + #d.text
  end
  t.eq(kept_bytes, total, "clean_spans and dropped cover the text exactly once")
end

-- spans helpers.
do
  local d = { text = "abcdefghij", dropped = { { s = 3, e = 4, reason = "a" }, { s = 7, e = 8, reason = "b" } } }
  t.eq({ spans.is_dropped(d, 1, 2), spans.is_dropped(d, 2, 3), spans.is_dropped(d, 5, 6),
         spans.is_dropped(d, 8), spans.is_dropped(d, 9, 10) }, { nil, "a", nil, "b", nil },
    "spans.is_dropped finds overlaps")
  t.eq(spans.is_dropped({ text = "x" }, 1, 1), nil, "an uncleaned document has nothing dropped")
  t.eq(spans.complement(d.dropped, 10), { { s = 1, e = 2 }, { s = 5, e = 6 }, { s = 9, e = 10 } },
    "spans.complement")
end

-- Options: extra markers, clean_text, disabling rules.
do
  local text = "هذه فقرة أولى طويلة بما يكفي لتكون نصا من المقال نفسه.\n\nاقرأ أيضا:\nعنوان آخر لا علاقة له\n"
  local d = x.run({ x.doc("m", text) }, { { "clean", { clean_text = true } } })[1]
  t.eq(d.dropped[1] and d.dropped[1].reason, "navigation", "a bundled marker with trailing ':' starts navigation")
  t.eq(d.clean_text, "هذه فقرة أولى طويلة بما يكفي لتكون نصا من المقال نفسه.", "clean_text keeps the article")
  local d2 = x.run({ x.doc("m2", "هذه فقرة أولى طويلة بما يكفي لتكون نصا من المقال نفسه.\nروابط\nعنوان\n") },
    { { "clean", { markers = { "روابط" } } } })[1]
  t.eq(d2.dropped[1] and d2.dropped[1].marker, "روابط", "the option markers extends the list")
  local d3 = x.run({ x.doc("m3", "نص عربي طويل بما يكفي ليكون فقرة من فقرات الخبر هنا.\nAFP\n") },
    { { "clean", { latin_lines = false } } })[1]
  t.eq(#d3.dropped, 0, "latin_lines: false keeps Latin lines")
  local long = "هذه فقرة طويلة جدا فيها كلام كثير يتجاوز حد الكلمات " .. ("كلمة "):rep(30) .. "\n"
  local d4 = x.run({ x.doc("m4", "فقرة أولى من المقال فيها ثماني كلمات على الأقل هنا.\nتعليقات\n" .. long) }, { "clean" })[1]
  t.eq(d4.dropped[1] and d4.dropped[1].reason, "marker", "a marker followed by a long paragraph drops only its line")
end

do
  local body = "هذه فقرة أولى طويلة بما يكفي لتكون نصا من المقال نفسه.\n\n"
  local d = x.run({ x.doc("c", body .. "الرئيس يصافح ضيفه في القصر\nReuters\n\nوتابع الرئيس حديثه مع الضيوف في القصر الجمهوري أمس.\n") },
    { "clean" })[1]
  t.eq({ d.dropped[1] and d.dropped[1].reason, d.dropped[2] and d.dropped[2].reason }, { "caption", "credit" },
    "a short line right above a photo credit is its caption")
end

t.checkerr("cannot read markers_file", "a missing markers file is an error",
  function() x.run({ x.doc("e", "x") }, { { "clean", { markers_file = "/nonexistent/m.txt" } } }) end)

-- Markdown shows every dropped span with its reason.
do
  local inst = x.instance("clean", { report_text = true })
  local md = require("naskh.io.render").markdown(inst, by["000"])
  t.ok(md:find("AFP/Getty Images", 1, true) and md:find("*credit*", 1, true) and md:find("Cleaned text", 1, true),
    "markdown lists dropped spans and the cleaned text")
end
-- The C line key (naskh._clean_key) is the Lua one it replaced: mask, fold,
-- strip [%s%p] at both ends, collapse %s runs; words = runs of %S.
do
  local artext = require "naskh.text.artext"
  local naskh = require "naskh"
  local function lua_key(s)
    s = artext.fold(artext.mask(s))
    s = s:gsub("[%s%p]+$", ""):gsub("^[%s%p]+", ""):gsub("%s+", " ")
    return s, select(2, s:gsub("%S+", ""))
  end
  local pieces = { "ال", "أ", "ة", "\xD9\x8E", "ـ", "١", "۲", "،", "؟", "«", "»", "\xC2\xA0", "…", "“",
    "\xE2\x80\x8F", "\xEF\xBB\xBF", " ", "  ", "\t", ".", ":", "-", "/", "a", "Z", "7", "\xD8", "\xE2\x80",
    "\xC2", "\xD9", "\x80", "\r", "\v" }
  math.randomseed(7)
  local bad = 0
  for _ = 1, 3000 do
    local parts = {}
    for k = 1, math.random(0, 14) do parts[k] = pieces[math.random(#pieces)] end
    local line = table.concat(parts)
    local k1, w1 = lua_key(line)
    local k2, w2 = naskh._clean_key(line, 1, #line)
    if k1 ~= k2 or w1 ~= w2 then
      bad = bad + 1
      if bad <= 3 then print(("# %q: lua %q %d, C %q %d"):format(line, k1, w1, k2, w2)) end
    end
    if naskh._clean_key(line, 1, #line, true) ~= line:gsub("%s+", " ") then bad = bad + 1 end
  end
  t.eq(bad, 0, "C line keys (and spaces-only keys) agree with the Lua patterns on 3000 random lines")
end

t.done()
