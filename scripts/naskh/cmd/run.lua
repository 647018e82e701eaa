-- naskh run RECIPE [INPUT...]: run a pipeline.
local pipeline = require "naskh.pipeline"

return {
  summary = "run a pipeline (RECIPE: a path or a bundled recipe's name)",
  usage = "naskh run RECIPE [INPUT...] [-o OUT] [--set STAGE.KEY=VALUE]...",
  help = [[INPUT: text files (one document each), directories (their .txt and .jsonl files),
JSON Lines files ({"id","text","meta"} per line) or '-' for stdin. Without inputs the
recipe's input.paths are used, else stdin.
Examples:
  naskh run summarize configs/samples/*.txt
  naskh run my-recipe.yaml articles/ -o out.jsonl --set summarize.words=80]],
  options = {
    output = { type = "string", short = "o", arg = "FILE", doc = "write every output of the recipe to FILE ('-' = stdout)" },
    set = { type = "string", list = true, arg = "STAGE.KEY=VALUE", doc = "override a stage option" },
    trust = { type = "boolean", doc = "run the recipe's scripts with the full Lua library (no sandbox)" },
  },
  run = function(args, cli)
    local o = args.opts
    if not args[1] then cli.usage_error("run: which recipe? usage: naskh run RECIPE [INPUT...]; `naskh recipes` lists them") end
    local env = { home = cli.home, trust = o.trust, sets = o.set, quiet = o.quiet, verbose = o.verbose,
                  output = o.output, paths = {} }
    for i = 2, #args do env.paths[#env.paths + 1] = args[i] end
    local rec, plan = pipeline.prepare(args[1], env)
    if not rec or not plan.stages then
      cli.fail(2, table.concat(plan, "\nnaskh: "))
    end
    return pipeline.run(plan, env)
  end,
}
