-- The pipeline from Lua: recipes as tables, user stages, schemas, failures.
local t = require "t"
local pipeline = require "naskh.engine.pipeline"
local schema = require "naskh.engine.schema"
local suggest = require "naskh.engine.suggest"

t.eq(suggest.closest("wrods", { "words", "sentences", "method" }), "words", "did you mean: transposition")
t.eq(suggest.closest("zzz", { "words", "sentences" }), nil, "no suggestion when nothing is close")
t.eq(suggest.hint("x", { "b", "a" }), " (expected one of: a, b)", "hint lists the choices")

t.eq(schema.fill({ a = 2 }, { a = { type = "integer", default = 1 }, b = { type = "list", default = { 1 } } }),
  { a = 2, b = { 1 } }, "defaults come from the schema")
t.eq(schema.coerce("12", { type = "integer" }), 12, "coerce integers")
t.eq(select(2, schema.coerce("x", { type = "boolean" })), 'expected true or false, got "x"', "coerce errors")
t.eq(schema.coerce("a,b", { type = "list", items = { type = "string" } }), { "a", "b" }, "coerce lists")

-- A recipe as a Lua table, with the example user stage.
local corpus = pipeline.process({
  name = "t",
  stages = { { script = { file = "scripts/examples/word_count.lua", min_words = 3 } } },
}, { { id = "a", text = "one two three four" }, { id = "b", text = "قال بوتين" } })
t.eq(#corpus.all, 2, "process returns every document")
t.eq(corpus.all[1].word_count, 4, "the user stage ran (latin)")
t.eq(corpus.all[2].word_count, 2, "the user stage ran (arabic)")
t.eq(corpus.all[2].warnings[1].message, "only 2 words (min_words is 3)", "ctx:warn records on the document")

-- A failing stage is recorded on its document; the others still run.
local c2 = pipeline.process({
  stages = { { script = { file = "tests/cli/fixtures/fail_some.lua" } } },
}, { { id = "x", text = "ok" }, { id = "y", text = "BOOM" }, { id = "z", text = "fine" } })
t.ok(c2.all[1].checked and c2.all[3].checked, "documents around a failure are processed")
t.ok(c2.all[2].failed and c2.all[2].errors[1].message:find("found the marker BOOM", 1, true),
  "the failure is recorded with its message")
t.eq(c2.all[2].errors[1].stage, "fail_some", "the failure names the stage")
t.eq(#c2.docs, 2, "corpus stages see only the documents that did not fail")

-- Configuration errors are raised with every problem.
t.checkerr("unknown option 'min_wrods' for stage 'word_count' (did you mean 'min_words'?)",
  "a bad option in a table recipe is reported", pipeline.process,
  { stages = { { script = { file = "scripts/examples/word_count.lua", min_wrods = 1 } } } }, {})
t.checkerr("unknown stage 'splt'", "an unknown stage is reported", pipeline.process,
  { stages = { { splt = {} } } }, {})

-- --set overrides are validated against the schema.
local rec, plan = pipeline.prepare({ stages = { { script = { file = "scripts/examples/word_count.lua" } } } },
  { sets = { "word_count.min_words=7" } })
t.ok(rec and plan.stages[1].opts.min_words == 7, "--set value reaches the stage options")
local _, msgs = pipeline.prepare({ stages = { { script = { file = "scripts/examples/word_count.lua" } } } },
  { sets = { "word_count.min_words=-1" } })
t.eq(msgs[1], "--set word_count.min_words=-1: option 'min_words' for stage 'word_count' must be >= 0, got -1",
  "--set values are range-checked")
t.done()
