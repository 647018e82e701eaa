-- naskh recipes: list the bundled recipes.
local recipe = require "naskh.engine.recipe"

return {
  summary = "list bundled recipes with one line each",
  usage = "naskh recipes",
  run = function(_, cli)
    for _, name in ipairs(recipe.bundled(cli.home)) do
      local path = recipe.find(name, cli.home)
      local rec = path and recipe.load(path)
      local desc = rec and type(rec.data) == "table" and rec.data.description or ""
      cli.out(string.format("%-12s %s\n", name, desc))
    end
    return 0
  end,
}
