-- naskh lint RECIPE...: validate recipes without running them.
local pipeline = require "naskh.engine.pipeline"

return {
  summary = "validate recipes without running them; errors as FILE:LINE:COL",
  usage = "naskh lint RECIPE...",
  help = "Checks YAML syntax, stage names, every option's name, type and range, scripts and outputs.\n" ..
         "Prints every problem at once, sorted by position; exit status 2 when there is one.",
  options = {
    trust = { type = "boolean", doc = "load the recipes' scripts with the full Lua library; paths unconfined" },
    ["allow-path"] = { type = "string", list = true, arg = "DIR",
      doc = "a directory the recipes may read and write besides their own and the working directory" },
  },
  run = function(args, cli)
    if not args[1] then cli.usage_error("lint: which recipe? usage: naskh lint RECIPE...") end
    local bad = 0
    for _, r in ipairs(args) do
      local rec, plan = pipeline.prepare(r, { home = cli.home, trust = args.opts.trust,
        allow_paths = args.opts["allow-path"] })
      if not rec or not plan.stages then
        bad = bad + 1
        for _, msg in ipairs(plan) do io.stderr:write("naskh: ", msg, "\n") end
      elseif not args.opts.quiet then
        cli.out(string.format("%s: ok (%d stages)\n", rec.path, #plan.stages))
      end
    end
    return bad > 0 and 2 or 0
  end,
}
