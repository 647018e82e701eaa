-- The rendering layer (naskh.io.render): stages produce data only, a stage's `view`
-- (plain data) shows its fields in Markdown and HTML, a stage's own markdown()/html()
-- hooks still win, and a new output format only needs a block formatter in io/.
local t = require "t"
local naskh = require "naskh"
local render = require "naskh.io.render"
local markdown = require "naskh.io.markdown"
local html = require "naskh.io.html"
local registry = require "naskh.engine.registry"

local function collect()
  local buf = {}
  return { write = function(_, ...) for _, s in ipairs({ ... }) do buf[#buf + 1] = s end end },
    function() return table.concat(buf) end
end

-- A document as a user's "claims" stage would leave it.
local function doc()
  return {
    id = "d1", text = "قال الوزير إن الحل سياسي.",
    claims = {
      { text = "الحل سياسي", who = { name = "الوزير" }, src = "s1", score = 0.75 },
      { text = "لا حل عسكريا", who = {}, score = 2.0 },
      { text = "ثالث", score = 1 },
    },
    tags = { { word = "سوريا", n = 3 }, { word = "UN|x", n = 1 } },
    verdict = "مؤكد",
  }
end

local VIEW = {
  { heading = "الادعاءات" },
  { field = "verdict", label = "الحكم" },
  { list = "claims", text = "text", speaker = { "who.name", "who.text" }, cite = "src", limit = 2 },
  { table = "claims", columns = { { field = "text", title = "النص" }, { field = "score", title = "الدرجة" } } },
  { chips = "tags", text = "word", count = "n" },
  { list = "missing", empty = "لا شيء" },
}

t.test("no stage requires anything from io/", function()
  local dir = t.root .. "/scripts/naskh/stages"
  local n = 0
  for _, f in ipairs(naskh.listdir(dir)) do
    if f:match("%.lua$") then
      n = n + 1
      local src = t.read(dir .. "/" .. f)
      assert(not src:find("naskh.io", 1, true), f .. " mentions naskh.io")
      assert(not src:find("markdown = ", 1, true), f .. " still has a markdown hook")
    end
  end
  assert(n >= 13, "found the stage files")
end)

t.test("a view resolves into blocks and renders as Markdown", function()
  local blocks = assert(render.resolve(VIEW, doc()))
  t.eq(#blocks, 6, "heading, field, list, table, chips, empty")
  t.eq(blocks[3].items[1].speaker, "الوزير", "first present path wins")
  t.eq(#blocks[3].items, 2, "limit")
  t.eq(blocks[4].rows[2][2], "2", "an integral float shows without .0")
  t.eq(blocks[4].rows[1][2], "0.75", "a fraction")
  t.eq(render.blocks_markdown(blocks), table.concat({
    "**الادعاءات**",
    "**الحكم**: مؤكد",
    "- **الوزير**: الحل سياسي (s1)\n- لا حل عسكريا",
    "| النص | الدرجة |\n|---|---|\n| الحل سياسي | 0.75 |\n| لا حل عسكريا | 2 |\n| ثالث | 1 |",
    "سوريا ×3، UN\\|x ×1",
    "لا شيء",
  }, "\n\n"), "the Markdown of every block kind")
end)

t.test("a view with nothing to show renders nothing (headings alone do not show)", function()
  t.eq(render.resolve(VIEW, { id = "e", text = "" }) ~= nil, true, "the empty text of the last block shows")
  t.eq(render.resolve({ { heading = "x" }, { list = "claims" } }, { id = "e", text = "" }), nil, "heading alone")
  t.eq(render.section({ name = "u", stage = { view = { { heading = "x" }, { field = "nope" } } } },
    { id = "e" }, "markdown"), nil, "no section")
end)

local function plan(st)
  return { name = "p", stages = { { name = "claims", stage = st, opts = {} } } }
end

t.test("the Markdown writer shows a user stage's view", function()
  local sink, got = collect()
  local w = markdown.new(sink, {}, plan({ scope = "document", view = VIEW, run = function() end }))
  w:begin()
  w:doc(doc())
  w:finish()
  local md = got()
  assert(md:find("## d1\n\n**الادعاءات**\n\n**الحكم**: مؤكد", 1, true), md)
  assert(md:find("| الحل سياسي | 0.75 |", 1, true), md)
end)

t.test("the HTML writer shows a user stage's view with the page's classes", function()
  local p = html.render({ all = { doc() } }, plan({ scope = "document", view = VIEW, run = function() end }), {})
  local sec = assert(p:match('<div class="stage stage%-claims">(.-)</div>'), "the stage's section")
  assert(sec:find("<h4>الادعاءات</h4>", 1, true), sec)
  assert(sec:find("<p><strong>الحكم</strong>: مؤكد</p>", 1, true), sec)
  assert(sec:find('<li><strong>الوزير</strong>: الحل سياسي <span class="cite"><bdi>s1</bdi></span></li>', 1, true), sec)
  assert(sec:find("<tr><th>النص</th><th>الدرجة</th></tr>", 1, true), sec)
  assert(sec:find('<span class="chip">سوريا<small>3</small></span>', 1, true), sec)
  assert(sec:find("<bdi>UN</bdi>|<bdi>x</bdi>", 1, true), "HTML is escaped, not Markdown-escaped: " .. sec)
end)

t.test("a stage's own markdown()/html() hooks win over its view (backward compatible)", function()
  local st = { scope = "document", view = VIEW, run = function() end,
    markdown = function(d, opts) return "legacy " .. d.id .. " " .. tostring(opts.k) end }
  t.eq(render.section({ name = "claims", stage = st, opts = { k = 1 } }, doc(), "markdown"), "legacy d1 1", "markdown() wins")
  -- HTML: no html hook, so the view (not the converted Markdown)
  local p = html.render({ all = { doc() } }, plan(st), {})
  assert(p:find("<h4>الادعاءات</h4>", 1, true) and not p:find("legacy", 1, true))
  st.html = function() return "<p>own</p>" end
  p = html.render({ all = { doc() } }, plan(st), {})
  assert(p:find('<div class="stage stage-claims"><p>own</p></div>', 1, true))
end)

t.test("a failing view is reported where its section would be", function()
  local sink, got = collect()
  local st = { scope = "document", run = function() end, view = { { list = "claims", text = "text" } } }
  local w = markdown.new(sink, {}, plan(st))
  local d = doc()
  d.claims = setmetatable({}, { __index = function() error("bad field") end, __len = function() return 1 end })
  w:doc(d)
  assert(got():find("(stage 'claims' could not render document 'd1' in Markdown:", 1, true), got())
end)

t.test("built-in stages render through io/views, a user's stage of the same name does not", function()
  local q = registry.get("numbers")
  assert(q.markdown == nil and q.view == nil, "the stage has no rendering of its own")
  local d = { id = "x", text = "أربع ساعات", numbers = { { text = "أربع ساعات", value = 4, unit = "ساعة" } } }
  local md = render.markdown({ name = "numbers", stage = q, opts = {} }, d)
  assert(md and md:find("| أربع ساعات | 4 | ساعة |", 1, true), md)
  local mine = { name = "numbers", scope = "document", run = function() end }
  t.eq(render.markdown({ name = "numbers", stage = mine, opts = {} }, d), nil, "user stage named numbers")
end)

t.test("a new output format is a view formatter (io/ only)", function()
  local function text_format(view, target, opts)
    local out = {}
    for _, b in ipairs(render.resolve(view, target, opts, "en", "text") or {}) do
      if b.kind == "list" then for _, it in ipairs(b.items) do out[#out + 1] = "* " .. it.text end end
    end
    return table.concat(out, "\n")
  end
  t.eq(render.section({ name = "claims", stage = { view = VIEW }, opts = {} }, doc(), "text", text_format),
    "* الحل سياسي\n* لا حل عسكريا", "text format")
end)

t.test("a malformed view stops the stage's load with its position", function()
  local st, err = registry.check_stage({ run = function() end, view = { { heading = "ok" }, { colour = "red" } } },
    "my_stage.lua")
  t.eq(st, nil, "refused")
  assert(err:find("my_stage.lua: view[2]: a block needs one of heading, field, list, table, chips", 1, true), err)
  st, err = registry.check_stage({ run = function() end, view = "table" }, "s.lua")
  assert(not st and err:find("'view' must be a list of blocks", 1, true), err)
  st, err = registry.check_stage({ run = function() end, view = { { table = "x" } } }, "s.lua")
  assert(not st and err:find("needs columns", 1, true), err)
end)


t.test("a user's stage declares report kinds: its quotes show as quote blocks and marks", function()
  local text = "قال الوزير: «الحل سياسي». وأضاف أن الحوار مستمر."
  local qs, qe = text:find("«الحل سياسي»", 1, true)
  local function d()
    return { id = "u1", text = text, sentences = { { s = 1, e = #text } },
             sayings = { { s = qs, e = qe, text = "الحل سياسي", kind = "direct", verb = "قال",
                           speaker = { name = "الوزير" } } } }
  end
  local st = { scope = "document", run = function() end, view = {
    { marks = "sayings", as = "quote" },
    { quotes = "sayings", title = { en = "Sayings", ar = "أقوال" } },
  } }
  t.eq(#render.check_view(st.view, "u.lua"), 0, "a well-formed view")
  t.eq(render.markdown({ name = "sayings", stage = st, opts = {} }, d()),
    "**Sayings** (1)\n\n- **الوزير** (direct, قال): «الحل سياسي»", "Markdown: the English title")
  local p = html.render({ all = { d() } }, plan(st), {})
  assert(p:find('<section id="quotes"><h2>أقوال</h2>', 1, true), "HTML: the Arabic title")
  assert(p:find('<span id="a1-q1" class="q" title="— الوزير">', 1, true), "the quote is marked in the text")
  assert(p:find('<a href="#a1-q1">المقال 1، الجملة 1</a>', 1, true), "and linked from its block")
end)

t.test("block options: when, only, scope, each, limit from an option, a formatted column", function()
  local corpus = { docs = {}, all = {} }
  for i = 1, 2 do
    local dd = { id = "d" .. i, text = "x", figures = { { text = "أكثر من ألف", value = 1000, bound = "more" },
                                                    { text = "نحو 5", value = 5.0, approx = true } } }
    corpus.docs[i], corpus.all[i] = dd, dd
  end
  local view = {
    { heading = { en = "Figures", ar = "الأرقام" }, level = 2 },
    { table = "figures", each = "docs", title = { en = "Figures of {id}" }, limit = { option = "top" },
      columns = { { field = "text", title = "text" }, { field = "value", title = "value", format = "amount" } } },
    { field = "nope", when = "verbose" },
    { chips = "docs", text = "id", only = "html" },
    { field = "id", scope = "document" },
  }
  local md = render.section({ name = "f", stage = { scope = "corpus", view = view }, opts = { top = 1 } }, corpus,
    "markdown")
  t.eq(md, table.concat({ "## Figures",
    "**Figures of d1**\n\n| text | value |\n|---|---|\n| أكثر من ألف | > 1000 |",
    "**Figures of d2**\n\n| text | value |\n|---|---|\n| أكثر من ألف | > 1000 |" }, "\n\n"),
    "each item, its title filled; limit from the option; the formatted cell is not escaped")
  local blocks = render.resolve(view, corpus, { top = 2 }, "ar", "html")
  t.eq(blocks[1].text, "الأرقام", "the Arabic title in HTML")
  t.eq(blocks[2].rows[1][2] .. " | " .. blocks[2].rows[2][2], "أكثر من 1000 | ≈ 5", "amount in Arabic")
  t.eq(blocks[#blocks].kind, "chips", "only = html shows in HTML")
end)

t.test("the writers know no stage by name: the built-in views are data", function()
  for _, f in ipairs({ "html", "markdown", "text", "render" }) do
    local src = t.read(t.root .. "/scripts/naskh/io/" .. f .. ".lua")
    -- (the page's section ids #summary, #timeline, #quotes, #entities are anchors of kinds)
    for _, name in ipairs({ "clean", "entity_counts", "quotes_merge", "numbers", "outliers", "summarize",
                            "dates", "split", "normalize" }) do
      assert(not src:find('"' .. name .. '"', 1, true), f .. ".lua names the stage " .. name)
    end
  end
  for _, f in ipairs(naskh.listdir(t.root .. "/scripts/naskh/io/views")) do
    if f:match("%.lua$") then
      local v = require("naskh.io.views." .. f:gsub("%.lua$", ""))
      t.eq(#render.check_view(v, f), 0, f .. " is a well-formed view")
      for _, b in ipairs(v) do
        for k, x in pairs(b) do assert(type(x) ~= "function", f .. ": " .. k .. " is code, not data") end
      end
    end
  end
end)


t.test("a new output format is a writer in io/ and its line in io/formats.lua, nothing else", function()
  -- what a file scripts/naskh/io/tsvx.lua and three entries in formats.lua would do
  package.preload["naskh.io.tsvx"] = function()
    local W = {}
    W.__index = W
    function W:doc(d) self.sink:write(d.id, "\t", tostring(#d.text), "\n") end
    function W:corpus(c) for _, d in ipairs(c.all) do self:doc(d) end end
    return { new = function(sk) return setmetatable({ sink = sk }, W) end }
  end
  local formats = require "naskh.io.formats"
  formats.NAMES[#formats.NAMES + 1] = "tsvx"
  formats.EXTENSIONS.tsvx = "tsvx"
  formats.FLAG_NAMES[#formats.FLAG_NAMES + 1] = "tsvx"
  local pipeline = require "naskh.engine.pipeline"
  local dir = os.tmpname()
  os.remove(dir)
  assert(os.execute("mkdir -p " .. dir))
  local fh = assert(io.open(dir .. "/a.txt", "wb")); fh:write("نص قصير."); fh:close()
  for _, how in ipairs({ "recipe", "extension" }) do
    local rec = { name = "t", stages = { { split = {} } } }
    local env = { home = pipeline.default_home(), dir = dir, quiet = true, paths = { dir .. "/a.txt" } }
    if how == "recipe" then rec.output = { format = "tsvx", path = dir .. "/out.x" }
    else env.output = dir .. "/out.tsvx" end
    local plan, errs = select(2, pipeline.prepare(rec, env))
    assert(plan and plan.stages, table.concat(type(errs) == "table" and errs or plan or {}, "\n"))
    t.eq(pipeline.run(plan, env), 0, how .. ": the run succeeds")
    t.eq(t.read(how == "recipe" and dir .. "/out.x" or dir .. "/out.tsvx"), "a\t14\n", how .. ": the new writer wrote it")
  end
  os.execute("rm -rf " .. dir)
  table.remove(formats.NAMES); table.remove(formats.FLAG_NAMES); formats.EXTENSIONS.tsvx = nil
end)

t.done()
