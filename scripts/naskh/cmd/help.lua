-- naskh help [TOPIC]: commands, stages and recipes.
local registry = require "naskh.registry"
local schema = require "naskh.schema"
local recipe = require "naskh.recipe"
local suggest = require "naskh.suggest"

local M = {
  summary = "help on a command, a stage or a bundled recipe",
  usage = "naskh help [COMMAND | STAGE | RECIPE]",
}

-- The help text of a stage, from its schema.
function M.stage_help(st)
  local lines = { string.format("stage %s (%s)", st.name, st.scope or "document") }
  if st.summary then lines[#lines + 1] = st.summary end
  if st.help then lines[#lines + 1] = ""; lines[#lines + 1] = st.help end
  lines[#lines + 1] = ""
  lines[#lines + 1] = "options:"
  local keys = schema.sorted_keys(st.options)
  if #keys == 0 then lines[#lines + 1] = "  (none)" end
  for _, k in ipairs(keys) do
    local f = st.options[k]
    local d = f.default ~= nil and (" [default: " .. schema.show_default(f.default) .. "]") or ""
    lines[#lines + 1] = string.format("  %-16s %s%s", k, schema.describe(f), d)
    if f.doc then lines[#lines + 1] = "      " .. f.doc end
  end
  if st.example then
    local parts = {}
    for _, k in ipairs(schema.sorted_keys(st.example)) do
      parts[#parts + 1] = k .. ": " .. schema.show_default(st.example[k])
    end
    lines[#lines + 1] = ""
    lines[#lines + 1] = "example:"
    lines[#lines + 1] = string.format("  - %s: { %s }", st.name, table.concat(parts, ", "))
  end
  return table.concat(lines, "\n") .. "\n"
end

function M.run(args, cli)
  local cmdline = require "naskh.cli"
  local topic = args[1]
  if not topic then cli.out(cmdline.general_help()); return 0 end
  local mod = cmdline.load_command(topic)
  local st = registry.get(topic)
  if mod then cli.out(cmdline.command_help(topic, mod)) end
  if mod and st then cli.out("\n") end
  if st then cli.out(M.stage_help(st)) end
  if mod or st then return 0 end
  local path = recipe.find(topic, cli.home)
  if path and not topic:find("/") then
    local rec = recipe.load(path)
    cli.out(string.format("recipe %s: %s\nfile: %s\n", topic,
      rec and type(rec.data) == "table" and rec.data.description or "", path))
    return 0
  end
  local names = {}
  for _, c in ipairs(cmdline.COMMANDS) do names[#names + 1] = c end
  for _, s in ipairs(registry.names()) do names[#names + 1] = s end
  for _, r in ipairs(recipe.bundled(cli.home)) do names[#names + 1] = r end
  cli.fail(2, string.format("help: no command, stage or recipe called '%s'%s", topic, suggest.hint(topic, names)))
end

return M
