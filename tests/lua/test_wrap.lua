-- naskh.sentences on hard-wrapped text: the layout pass (default), join_lines = true,
-- join_lines = false / keep_lines = true; the split stage's join_lines option.
local t = require "t"
local naskh = require "naskh"

local wrapped = table.concat({
  "محادثات بوتين والأسد",
  "قال الرئيس السوري بشار الأسد في مؤتمر صحفي عقده في دمشق إن",
  "المحادثات مع الجانب الروسي كانت مفيدة جدا وإن الحل السياسي",
  "هو الطريق الوحيد. وأضاف أن بلاده مستعدة للحوار مع جميع",
  "الأطراف دون شروط مسبقة من أي جهة كانت في الداخل أو الخارج.",
  "",
}, "\n")

local function count(opts) return #naskh.sentences(wrapped, opts) end

t.eq(count(), 3, "default: the headline, then two sentences across the soft line ends")
t.eq(count({ join_lines = true }), 2, "join_lines = true: the headline runs on too")
t.eq(count({ join_lines = false }), 6, "join_lines = false: every line end ends a sentence")
t.eq(count({ keep_lines = true }), 6, "keep_lines = true: the same")
local sp = naskh.sentences(wrapped)[2]
t.ok(wrapped:sub(sp.s, sp.e):find("\n", 1, true) ~= nil, "the span keeps the original bytes (its line ends)")
t.ok(not pcall(naskh.sentences, wrapped, { keep_lines = "yes" }), "keep_lines must be a boolean")

-- naskh.soft_breaks: the line ends the layout pass reads as spaces (for stages that
-- look at line ends themselves, such as quotes)
local soft = naskh.soft_breaks(wrapped)
t.eq(#soft, 3, "three soft line ends (not the headline's, not the paragraph's last)")
for _, p in ipairs(soft) do t.eq(wrapped:sub(p, p), "\n", "a soft break is a line end byte") end
t.ok(soft[1] > #"محادثات بوتين والأسد" + 1, "the headline's line end is not soft")
t.eq(#naskh.soft_breaks("سطر\nسطر آخر\n"), 0, "short lines: none")
t.eq(naskh.soft_breaks(wrapped:gsub("\n", "\r\n"))[1], soft[1] + 1, "CRLF: the CR's position")

-- the split stage: join_lines unset (detected), false (kept)
local split = require("naskh.engine.registry").get("split")
local schema = require "naskh.engine.schema"
local function ctx() return { naskh = naskh, cache = {}, resolve = function(_, p) return p end } end
local doc = { id = "w", text = wrapped }
split.run(doc, schema.fill({}, split.options), ctx())
t.eq(#doc.sentences, 3, "split stage, no option: hard-wrapped lines joined")
doc = { id = "w", text = wrapped }
split.run(doc, schema.fill({ join_lines = false }, split.options), ctx())
t.eq(#doc.sentences, 6, "split stage, join_lines: false: every line")
t.done()
