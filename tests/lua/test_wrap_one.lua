-- One hard-wrap mechanism (issues 16 and 17): the core's logical lines
-- (naskh.lines) decide which line ends are spaces, for the split stage and
-- the quotes stage alike, under one switch, join_lines = auto|always|never
-- (true and false still accepted). Fixtures written for this test.
local t = require "t"
local naskh = require "naskh"
local schema = require "naskh.engine.schema"
local x = require "xhelp"

-- A headline, a blank line, a paragraph wrapped at about 60 code points with a
-- quotation that runs across a line ending with a period, and a caption.
local text = table.concat({
  "اجتماع وزراء الخارجية",
  "",
  "قال وزير الخارجية في مؤتمر صحفي عقده في القاهرة إن بلاده تدعم",
  "الحل السلمي. وأضاف الوزير: \"سنواصل العمل مع الشركاء حتى نهاية العام.",
  "ولن نتخلى عن التزاماتنا أمام شعوب المنطقة في هذه المرحلة الصعبة\".",
  "صورة من الأرشيف",
  "",
}, "\n")

local function lines(opts)
  local out = {}
  for i, sp in ipairs(naskh.lines(text, opts)) do out[i] = text:sub(sp.s, sp.e):gsub("\n", "/") end
  return out
end

-- naskh.lines: the three modes and the boolean forms
local auto = lines()
t.eq(#auto, 3, "auto: headline, the wrapped paragraph as one logical line, caption")
t.ok(auto[2]:find("^قال") and auto[2]:find("الصعبة\"%.$"), "auto: the paragraph runs across its line ends", auto[2])
t.eq(lines({ join_lines = "auto" }), auto, "join_lines = \"auto\" is the default")
t.eq(#lines({ join_lines = "never" }), 5, "never: every line its own")
t.eq(lines({ join_lines = false }), lines({ join_lines = "never" }), "false = never")
t.eq(lines({ keep_lines = true }), lines({ join_lines = "never" }), "keep_lines = true = never")
t.eq(#lines({ join_lines = "always" }), 2, "always: every single line end joins (the blank line still separates)")
t.eq(lines({ join_lines = true }), lines({ join_lines = "always" }), "true = always")
local ok, err = pcall(naskh.lines, text, { join_lines = "sometimes" })
t.ok(not ok and tostring(err):find("auto, always or never") ~= nil, "a bad mode is an error naming the values",
  tostring(err))

-- naskh.sentences takes the same values
t.eq(#naskh.sentences(text, { join_lines = "never" }), #naskh.sentences(text, { join_lines = false }),
  "sentences: never = false")
t.eq(#naskh.sentences(text, { join_lines = "always" }), #naskh.sentences(text, { join_lines = true }),
  "sentences: always = true")

-- every sentence of the split lies inside one logical line (the same decision)
for _, mode in ipairs({ "auto", "always", "never" }) do
  local ll = naskh.lines(text, { join_lines = mode })
  local inside = true
  for _, s in ipairs(naskh.sentences(text, { join_lines = mode })) do
    local found = false
    for _, l in ipairs(ll) do if s.s >= l.s and s.e <= l.e then found = true end end
    inside = inside and found
  end
  t.ok(inside, "join_lines = " .. mode .. ": every sentence inside one logical line")
end

-- the quotes stage reads the same logical lines: the quotation opened on one
-- line is closed on the next, across a line that ends with a period
local function quotes_of(opts)
  local d = x.doc("w", text)
  x.run({ d }, { "entities", { "quotes", opts } })
  local out = {}
  for i, q in ipairs(d.quotes) do out[i] = { q.text:gsub("\n", "/"), q.unclosed or false } end
  return out
end
local qs = quotes_of({})
local direct
for _, q in ipairs(qs) do if q[1]:find("^سنواصل") then direct = q end end
t.eq(direct, { "سنواصل العمل مع الشركاء حتى نهاية العام./ولن نتخلى عن التزاماتنا أمام شعوب المنطقة في هذه المرحلة الصعبة", false },
  "quotes, auto: the quotation runs across the wrapped lines to its closing mark")
t.eq(quotes_of({ join_lines = true }), quotes_of({ join_lines = "always" }), "quotes: true = always")
t.eq(quotes_of({ join_lines = false }), quotes_of({ join_lines = "never" }), "quotes: false = never")
local never = quotes_of({ join_lines = "never" })
local cut = false
for _, q in ipairs(never) do if q[1]:find("^سنواصل") and q[2] then cut = true end end
t.ok(cut, "quotes, never: the line end cuts the quotation (unclosed)")

-- one schema for the switch in both stages: the same values, booleans accepted
for _, name in ipairs({ "split", "quotes" }) do
  local f = require("naskh.stages." .. name).options.join_lines
  t.eq({ f.type, f.default, table.concat(f.enum, ",") }, { "string", "auto", "auto,always,never" },
    name .. ".join_lines: auto|always|never, default auto")
  for _, v in ipairs({ "auto", "always", "never", true, false }) do
    local problems = {}
    schema.check(v, f, "join_lines", function(m) problems[#problems + 1] = m end,
      function(_, _, m) problems[#problems + 1] = m end)
    t.eq(problems, {}, name .. ".join_lines accepts " .. tostring(v))
  end
  t.eq(schema.coerce("true", f), true, name .. ": --set " .. name .. ".join_lines=true is the boolean")
end

-- the dates stage reads the same logical lines: a birth date in brackets whose
-- bracket opens on the line before (a hard-wrapped biography) is no dateline
do
  local bio = table.concat({
    "نجيب محفوظ كاتب وروائي مصري معروف في العالم العربي كله (ولد في",
    "11 ديسمبر 1911) وعاش في القاهرة معظم حياته وكتب عنها أشهر رواياته",
    "التي ترجمت إلى لغات كثيرة. وحصل على جائزة نوبل للآداب وكان أول",
    "كاتب عربي يحصل عليها في تاريخ الجائزة الطويل كما قال النقاد.",
    "" }, "\n")
  local d = x.doc("bio", bio)
  x.run({ d }, { "dates" })
  t.eq(d.date_anchor, nil, "dates: the wrapped biography's birth date is not taken as the dateline")
  t.eq(d.dates[1] and d.dates[1].iso, "1911-12-11", "... and is still a date mention")
end

-- the clean stage reads the same logical lines: the first line of a
-- hard-wrapped paragraph under a photo credit is running text, not a caption
do
  local txt = table.concat({
    "قمة وزراء الخارجية العرب في القاهرة",
    "",
    "AFP/Getty Images",
    "قال وزير الخارجية في مؤتمر صحفي عقده في القاهرة إن بلاده تدعم",
    "الحل السلمي للأزمة وإنها ستواصل العمل مع الشركاء حتى نهاية العام.",
    "ولن تتخلى عن التزاماتها أمام شعوب المنطقة في هذه المرحلة الصعبة.",
    "" }, "\n")
  local d = x.doc("credit", txt)
  x.run({ d }, { "clean" })
  local got = {}
  for i, sp in ipairs(d.dropped) do got[i] = sp.reason .. ": " .. txt:sub(sp.s, sp.e) end
  t.eq(got, { "credit: AFP/Getty Images" }, "clean: the credit is dropped, the wrapped line under it is kept")
  -- a short unpunctuated line under a credit that is no part of a paragraph is still a caption
  local cap = "قمة وزراء الخارجية العرب في القاهرة\n\nAFP/Getty Images\nالوزراء قبل بدء الاجتماع\n\n"
    .. "قال وزير الخارجية إن بلاده تدعم الحل السلمي.\n"
  local d2 = x.doc("caption", cap)
  x.run({ d2 }, { "clean" })
  t.eq(#d2.dropped >= 2 and d2.dropped[#d2.dropped].reason, "caption", "clean: a real caption is still dropped")
end

t.done()
