-- naskh.normalize / normview / norm_profiles / norm_switches and the normalize stage.
local t = require "t"
local naskh = require "naskh"

local s = "إِلَى الرَّئِيسِ «أحمد» ٢٠٢٤ ﻻ ﷲ"
t.eq(naskh.normalize(s), 'الي الرييس "احمد" 2024 لا الله', "default profile is search")
t.eq(naskh.normalize(s, "search"), naskh.normalize(s), "profile by name")
t.eq(naskh.normalize("هل ذهبت إلى المكتبة؟", "camel"), "هل ذهبت الي المكتبه؟", "camel profile")
t.eq(naskh.normalize("الرئيس", "camel"), "الرئيس", "camel keeps hamza seats")
t.eq(naskh.normalize("الرئيس", { profile = "search", hamza = false }), "الرئيس", "switch override")
t.eq(naskh.normalize("إِلَى", { profile = "display", diacritics = "strip" }), "إلى", "enum switch")
t.eq(naskh.normalize("مُدَرِّس", { profile = "none", diacritics = "keep_shadda" }), "مدرّس", "keep_shadda")
t.eq(naskh.normalize(""), "", "empty string")

-- errors: misuse raises with did-you-mean; invalid UTF-8 returns nil, msg, offset
t.checkerr("unknown option 'diacritcs'; did you mean 'diacritics'?", "unknown option suggests",
  naskh.normalize, "x", { diacritcs = "strip" })
t.checkerr("did you mean 'strip'", "bad enum value suggests", naskh.normalize, "x", { diacritics = "strp" })
t.checkerr("expected one of: keep basic all", "bad enum value lists the values",
  naskh.normalize, "x", { alef = "zzzzzz" })
t.checkerr("must be a boolean", "boolean switch type", naskh.normalize, "x", { hamza = "yes" })
t.checkerr("must be a string", "enum switch type", naskh.normalize, "x", { alef = true })
t.checkerr("unknown profile 'serch'; did you mean 'search'?", "unknown profile suggests",
  naskh.normalize, "x", "serch")
t.checkerr("unknown profile 'zzz'", "unknown profile", naskh.normalize, "x", { profile = "zzz" })
t.checkerr("profile name or options table", "bad profile argument", naskh.normalize, "x", 42)
local r, msg, off = naskh.normalize("ab\255cd", { invalid = "error" })
t.eq({ r, msg, off }, { nil, "invalid UTF-8 at byte 3", 3 }, "invalid UTF-8 as error: nil, msg, offset")
t.eq(naskh.normalize("ab\255cd"), "ab\u{FFFD}cd", "invalid UTF-8 replaced by U+FFFD")

-- the view and its offset map (Lua positions: 1-based inclusive)
local text = "في ﷲ نثق"
local n = naskh.normview(text)
t.eq(n:text(), "في الله نثق", "normview text")
t.eq(n:len(), #"في الله نثق", "normview len")
t.eq(n:source(), text, "normview source")
local a, b = n:orig(6, 13) -- "الله"
t.eq(text:sub(a, b), "ﷲ", "expansion maps back to the one source character")
a, b = n:orig(8, 9) -- one "ل" inside الله
t.eq(text:sub(a, b), "ﷲ", "part of an expansion maps to the whole character")
local d = "كَتَبَ الدَّرْسَ"
local nd = naskh.normview(d)
local ws, we = nd:text():find("الدرس", 1, true)
a, b = nd:orig(ws, we)
t.eq(d:sub(a, b), "الدَّرْسَ", "a found word maps to the original with its diacritics")
a, b = nd:orig(1, 0)
t.eq({ a, b }, { 1, 0 }, "empty span")
t.checkerr("out of range", "span out of range", n.orig, n, 1, 999)
t.ok(tostring(n):find("naskh.Norm", 1, true), "tostring names the type")
n:close()
t.checkerr("closed", "a closed view raises", n.text, n)
local nn, m2, o2 = naskh.normview("\255", { invalid = "error" })
t.eq({ nn, m2, o2 }, { nil, "invalid UTF-8 at byte 1", 1 }, "normview invalid UTF-8")

-- every normalized word maps inside the original and renormalizes to itself
t.test("round trip on words", function()
  local src = "قال الرئيسُ: «إنّ مؤتمر ٢٠٢٤ سيُعقَد في ﷲ»\u{200F} ـــ Straße"
  local v = naskh.normview(src)
  local nt = v:text()
  for ws2, we2 in nt:gmatch("()%S+()") do
    local x, y = v:orig(ws2, we2 - 1)
    assert(x >= 1 and y <= #src and x <= y, "span inside the original")
    local back = naskh.normalize(src:sub(x, y))
    assert(back:find(nt:sub(ws2, we2 - 1), 1, true), "renormalizes: " .. src:sub(x, y))
  end
end)

-- the streaming normalizer
t.test("normalizer: chunks cut anywhere give the one-shot result", function()
  local src = ("قال الرئيسُ: «إنّ مؤتمر ٢٠٢٤ سيُعقَد» ﻻ ﷲ ا\u{654}حمد\n"):rep(20)
  local want = naskh.normalize(src)
  for _, size in ipairs({ 1, 3, 7, 64, 4099 }) do
    local z = naskh.normalizer()
    local parts = {}
    for i = 1, #src, size do parts[#parts + 1] = z:feed(src:sub(i, i + size - 1)) end
    parts[#parts + 1] = z:finish()
    assert(table.concat(parts) == want, "chunk size " .. size)
  end
end)
t.test("normalizer: reusable after finish, options as for normalize", function()
  local z = naskh.normalizer({ profile = "camel" })
  assert(z:feed("الرئيس ") .. z:finish() == "الرئيس ")
  assert(z:feed("إلى") .. z:finish() == "الي")
end)
do
  local z = naskh.normalizer({ invalid = "error" })
  local out = z:feed("abc ")
  local r2, m2b, o2b = z:feed("d\255")
  if r2 then r2, m2b, o2b = z:finish() end
  t.eq({ out, r2, m2b, o2b }, { "abc ", nil, "invalid UTF-8 at byte 6", 6 },
    "normalizer: invalid UTF-8 offset counts from the stream's start")
  z:close()
  t.checkerr("closed", "normalizer: closed", z.feed, z, "x")
end

-- profiles and switches
t.eq(naskh.norm_profiles(), { "search", "display", "camel", "none" }, "norm_profiles")
local sws = naskh.norm_switches("camel")
local byname = {}
for _, sw in ipairs(sws) do byname[sw.name] = sw end
t.eq(#sws, 18, "18 switches")
t.eq(byname.alef.values, { "keep", "basic", "all" }, "enum values")
t.eq(byname.alef.value, "basic", "camel alef value")
t.eq(byname.hamza.value, false, "camel hamza value")
t.ok(type(byname.tatweel.doc) == "string" and #byname.tatweel.doc > 0, "switch docs")

-- the stage
local stage = require "naskh.stages.normalize"
t.eq(stage.name, "normalize", "stage name")
t.ok(stage.options.profile.default == "search" and stage.options.hamza.type == "boolean"
  and stage.options.alef.enum[3] == "all", "stage schema from the core switches")
t.test("stage sets doc.norm and keeps doc.text", function()
  local doc = { id = "1", text = "الرئيسُ في ﷲ" }
  local ctx = { naskh = naskh, cache = {} }
  stage.run(doc, { profile = "search", store_text = false }, ctx)
  assert(doc.text == "الرئيسُ في ﷲ")
  assert(doc.norm:text() == "الرييس في الله", doc.norm:text())
  assert(doc.normalized == nil)
  local doc2 = { id = "2", text = "الرئيسُ" }
  local ctx2 = { naskh = naskh, cache = {} }
  stage.run(doc2, { profile = "search", hamza = false, store_text = true }, ctx2)
  assert(doc2.normalized == "الرئيس", doc2.normalized)
end)
t.test("stage reports invalid UTF-8 as an error", function()
  local ok, err = pcall(stage.run, { text = "a\255" }, { profile = "search", invalid = "error" },
    { naskh = naskh, cache = {} })
  assert(not ok and tostring(err):find("invalid UTF-8", 1, true), tostring(err))
end)

t.done()
