-- The layout of the Lua side (issue 19): the engine under naskh.engine.*, the language
-- modules under naskh.text.*, the old public names kept, one reader of word lists,
-- one date arithmetic, one place that says an option is a file.
local t = require "t"

-- The engine and the language modules under their folders; users' names still work.
local engine = { "cli", "pipeline", "plan", "workers", "recipe", "schema", "registry", "sandbox",
  "paths", "progress", "docguard", "suggest", "json" }
for _, m in ipairs(engine) do
  t.ok(type(require("naskh.engine." .. m)) == "table", "naskh.engine." .. m .. " loads")
end
for _, m in ipairs({ "artext", "entities", "entities_lexicon", "textsim", "rouge", "spans", "tagger" }) do
  t.ok(type(require("naskh.text." .. m)) == "table", "naskh.text." .. m .. " loads")
end
t.ok(require "naskh.pipeline" == require "naskh.engine.pipeline", "require 'naskh.pipeline' is the engine's pipeline")
t.ok(require "naskh.json" == require "naskh.engine.json", "require 'naskh.json' is the engine's JSON")

-- Planning and execution: the pipeline offers the plan's functions under their old names.
local pipeline, plan = require "naskh.engine.pipeline", require "naskh.engine.plan"
for _, k in ipairs({ "prepare", "default_home", "choose_output", "check_outputs", "format_of_path" }) do
  t.ok(pipeline[k] == plan[k], "pipeline." .. k .. " is plan." .. k)
end
local rec, p = pipeline.prepare({ stages = { { split = {} } } }, {})
t.ok(rec and p.stages and p.stages[1].name == "split", "pipeline.prepare plans a recipe table")
local corpus = pipeline.process(p, { { id = "a", text = "جملة أولى. جملة ثانية." } })
t.eq(#corpus.all[1].sentences, 2, "pipeline.process runs the plan")
t.ok(type(require("naskh.engine.workers").run) == "function", "the --jobs protocol is naskh.engine.workers")

-- One word-list reader: the stages' and textsim's lists read the same way.
local artext, textsim = require "naskh.text.artext", require "naskh.text.textsim"
local tmp = os.tmpname()
local fh = assert(io.open(tmp, "wb"))
fh:write("# a comment line\n", "  أ.د  \n", "\n", "ص.ب # a note after a space\n", "C#\n", "ق.م\r\n")
fh:close()
local want = { "أ.د", "ص.ب", "C#", "ق.م" }
t.eq(artext.read_list(tmp), want, "artext.read_list: comments, blanks, spaces and CR dropped; C# kept")
t.eq(textsim.read_list(tmp), want, "textsim.read_list reads a list the same way")
os.remove(tmp)
t.checkerr("cannot open word list", "textsim.read_list names a list it cannot open",
  textsim.read_list, tmp .. ".missing")
local nothing, err = artext.read_list(tmp .. ".missing")
t.ok(nothing == nil and type(err) == "string", "artext.read_list: nil and the reason")

-- One date arithmetic: outliers' day numbers are artext's.
local outliers = require "naskh.stages.outliers"
t.eq(outliers.day_number("2017-11-21"), artext.days_from_civil(2017, 11, 21), "outliers uses artext's days")
t.eq(outliers.day_number("2017-11"), artext.days_from_civil(2017, 11, 15), "a month is its 15th")
t.eq(outliers.day_number("2017-13-01"), nil, "month 13 is no date")
t.eq(artext.days_from_civil(1970, 1, 1), 0, "day 0 is 1970-01-01")

-- "This option is a file" is said by the schema only (no side table in naskh.engine.recipe).
local registry = require "naskh.engine.registry"
t.eq(require("naskh.engine.recipe").FILE_OPTIONS, nil, "no FILE_OPTIONS table")
t.eq(registry.get("clean").options.markers_file.file, true, "clean.markers_file is a file")
t.eq(registry.get("clean").options.outlets_file.file, true, "clean.outlets_file is a file")
t.eq(registry.get("summarize").options.stopwords.file, true, "summarize.stopwords is a file")
t.eq(registry.get("summarize").options.idf.file, { except = { "cluster" } }, "summarize.idf: a file or 'cluster'")
local ok, msgs = pipeline.prepare({ stages = { { clean = { outlets_file = "no-such-list.txt" } } } }, {})
t.ok(not ok and tostring(msgs[1]):find("option 'outlets_file' for stage 'clean': cannot read", 1, true),
  "a missing outlets_file is refused before the run", msgs and msgs[1])

-- Output formats are data in io/: a writer module and its line in naskh.io.formats are all a
-- new format needs (the recipe schema, -o's extension and --format read the same tables).
local formats = require "naskh.io.formats"
t.ok(require("naskh.engine.recipe").OUTPUT_FORMATS == formats.NAMES, "the recipe schema's formats are io/formats'")
t.eq(pipeline.format_of_path("out.NDJSON"), "jsonl", "-o FILE's extension from io/formats")
package.preload["naskh.io.idlist"] = function()
  local W = {}
  W.__index = W
  function W:doc(doc) self.sink:write(doc.id, "\n") end
  return { new = function(sk) return setmetatable({ sink = sk }, W) end }
end
formats.NAMES[#formats.NAMES + 1] = "idlist"
formats.EXTENSIONS.ids = "idlist"
local dir = os.tmpname()
os.remove(dir)
assert(os.execute("mkdir -p '" .. dir .. "'"))
for _, name in ipairs({ "a.txt", "b.txt" }) do
  local f = assert(io.open(dir .. "/" .. name, "wb"))
  f:write("جملة. ")
  f:close()
end
local _, p2 = pipeline.prepare({ stages = { { split = {} } } }, { allow_paths = { dir } })
local rc = pipeline.run(p2, { paths = { dir .. "/a.txt", dir .. "/b.txt" }, output = dir .. "/out.ids", quiet = true,
  home = pipeline.default_home(), allow_paths = { dir } })
t.eq(rc, 0, "a run writes the new format")
t.eq(t.read(dir .. "/out.ids"), "a\nb\n", "-o out.ids is written by the format's writer")
os.execute("rm -rf '" .. dir .. "'")
t.done()
