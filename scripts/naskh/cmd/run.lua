-- naskh run RECIPE [INPUT...]: run a pipeline.
local naskh = require "naskh"
local pipeline = require "naskh.engine.pipeline"
local formats = require "naskh.io.formats" -- a new output format is io/ only

return {
  checks_outputs = true, -- the pipeline compares -o with the recipe, inputs and stage files itself
  summary = "run a pipeline (RECIPE: a path or a bundled recipe's name)",
  usage = "naskh run RECIPE [INPUT...] [-o OUT] [--set STAGE.KEY=VALUE]... [--stream] [--jobs N]",
  help = [[INPUT: text files (one document each), directories (their .txt and .jsonl files),
JSON Lines files ({"id","text","meta"} per line) or '-' for stdin. An input whose first
non-blank byte is '{' and whose first line is a JSON object is read as JSON Lines whatever
its name (stdin too); --jsonl says so for every input. Without inputs the recipe's
input.paths are used, else stdin.
-o FILE writes one output to FILE in the format of its extension (]] .. formats.SHOWN_EXTENSIONS .. [[)
or of --format; without either, the recipe's format. When the recipe has several
outputs, the ones not written are named on stderr. JSON Lines output is one object per
document and, when the recipe has corpus stages, a last line {"corpus": {...}} with their
results (summary, timeline, counts); read back as input, that line is skipped.
--stream reads JSON Lines on stdin and writes JSON Lines on stdout, one document at a
time (a Hadoop Streaming mapper / Spark pipe / GNU parallel --pipe worker); recipes with
corpus stages group consecutive documents with the same meta.cluster.
--jobs N runs document recipes in N worker processes; output keeps the input order.
Paths written in the recipe (outputs, input.paths, gazetteers, word lists, scripts) must
lie, after symbolic links and '..', in the recipe's directory or the working directory
(the bundled configs/ are readable too); --allow-path DIR adds a directory, --trust lifts
the rule. No output may be an input or the recipe itself (exit 2, nothing done).
Examples:
  naskh run summarize configs/samples/*.txt
  naskh run digest articles.jsonl -o digest.jsonl --jobs 2
  naskh run my-recipe.yaml articles/ -o out.jsonl --set summarize.words=80]],
  options = {
    output = { type = "string", short = "o", arg = "FILE",
      doc = "write one output to FILE ('-' = stdout), in the format of its extension or --format" },
    format = { type = "string", short = "f", arg = "FORMAT",
      enum = formats.FLAG_NAMES,
      doc = "the output's format (without -o: on stdout); replaces the recipe's outputs" },
    jsonl = { type = "boolean", doc = "read every input (and stdin) as JSON Lines" },
    set = { type = "string", list = true, arg = "STAGE.KEY=VALUE", doc = "override a stage option" },
    trust = { type = "boolean", doc = "run the recipe's scripts with the full Lua library (no sandbox) and let the recipe's paths point anywhere" },
    ["allow-path"] = { type = "string", list = true, arg = "DIR",
      doc = "let the recipe read and write in DIR too (its paths are confined to its directory and the working directory)" },
    stream = { type = "boolean", doc = "JSON Lines on stdin -> JSON Lines on stdout, bounded memory" },
    jobs = { type = "integer", short = "j", arg = "N", min = 1, doc = "worker processes (default: number of cores)" },
    ["fail-fast"] = { type = "boolean", doc = "stop at the first failing document (no output is written)" },
    ["max-doc-mb"] = { type = "number", arg = "N", min = 0,
      doc = "documents over N MB are not processed, each is recorded as failed (default 64; 0: no limit)" },
  },
  run = function(args, cli)
    local o = args.opts
    if not args[1] then cli.usage_error("run: which recipe? usage: naskh run RECIPE [INPUT...]; `naskh recipes` lists them") end
    local env = { home = cli.home, trust = o.trust, sets = o.set, quiet = o.quiet, verbose = o.verbose,
                  output = o.output, format = o.format, paths = {}, allow_paths = o["allow-path"], stream = o.stream, jobs = o.jobs or naskh.ncpu(),
                  fail_fast = o["fail-fast"], max_doc_mb = o["max-doc-mb"] }
    for i = 2, #args do env.paths[#env.paths + 1] = args[i] end
    if o.stream and #env.paths > 0 then
      cli.usage_error("run: --stream reads standard input; do not name input files")
    end
    local rec, plan = pipeline.prepare(args[1], env)
    if not rec or not plan.stages then
      cli.fail(2, table.concat(plan, "\nnaskh: "))
    end
    if o.jsonl then plan.input.format = "jsonl" end
    if cli.tty and not o.quiet then
      local total
      local allfiles = #env.paths > 0
      for _, p in ipairs(env.paths) do
        if not p:match("%.txt$") then allfiles = false end
      end
      if allfiles then total = #env.paths end
      env.progress = pipeline.progress_reporter(total)
    end
    return pipeline.run(plan, env)
  end,
}
