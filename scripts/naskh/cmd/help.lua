-- naskh help [TOPIC]: commands, stages and recipes.
local registry = require "naskh.engine.registry"
local schema = require "naskh.engine.schema"
local recipe = require "naskh.engine.recipe"
local suggest = require "naskh.engine.suggest"

local M = {
  summary = "help on a command, a stage or a bundled recipe",
  usage = "naskh help [COMMAND | STAGE | RECIPE | FILE.lua | FILE.yaml]",
}

-- The help text of a stage, from its schema.
function M.stage_help(st)
  local lines = { string.format("stage %s (%s)", st.name, st.scope or "document") }
  if st.summary then lines[#lines + 1] = st.summary end
  if st.help then lines[#lines + 1] = ""; lines[#lines + 1] = st.help end
  if #(st.needs or {}) > 0 or #(st.adds or {}) > 0 then
    lines[#lines + 1] = ""
    if #(st.needs or {}) > 0 then lines[#lines + 1] = "needs: " .. table.concat(st.needs, ", ") ..
      " (added by an earlier stage; lint checks it)" end
    if #(st.adds or {}) > 0 then lines[#lines + 1] = "adds: " .. table.concat(st.adds, ", ") end
  end
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

-- Append items joined by ", " after head, wrapped at 100 columns under the head's indent.
local function wrap(lines, head, items)
  if #items == 0 then return end
  local cur, indent = head, string.rep(" ", #head)
  for i, it in ipairs(items) do
    local piece = it .. (i < #items and "," or "")
    if #cur + #piece + 1 > 100 and cur ~= head then
      lines[#lines + 1] = cur
      cur = indent .. piece
    else
      cur = cur .. ((cur == head) and "" or " ") .. piece
    end
  end
  lines[#lines + 1] = cur
end

-- The help text of a recipe: what it does, its input, every stage with the options the
-- recipe sets (and those it leaves at their defaults), its outputs.
function M.recipe_help(name, path, home)
  local rec, lerr = recipe.load(path)
  if not rec then return nil, lerr end
  local d = type(rec.data) == "table" and rec.data or {}
  local lines = { string.format("recipe %s%s", name, type(d.description) == "string" and (": " .. d.description) or "") }
  lines[#lines + 1] = "file: " .. path
  local errors, plan = recipe.lint(rec, { home = home })
  if #errors > 0 then
    lines[#lines + 1] = ""
    lines[#lines + 1] = "this recipe does not lint:"
    for _, m in ipairs(recipe.format_errors(rec, errors)) do lines[#lines + 1] = "  " .. m end
    return table.concat(lines, "\n") .. "\n"
  end
  lines[#lines + 1] = string.format("input: %s", plan.input.format)
  lines[#lines + 1] = ""
  lines[#lines + 1] = "stages (`naskh help STAGE` for each; change one with --set STAGE.KEY=VALUE):"
  for i, s in ipairs(plan.stages) do
    local st = s.stage
    lines[#lines + 1] = string.format("  %d. %s (%s)%s", i, s.name, st.scope or "document",
      st.summary and (": " .. st.summary) or "")
    local set, defaults = {}, {}
    for _, k in ipairs(schema.sorted_keys(st.options)) do
      local f = st.options[k]
      if s.raw[k] ~= nil then
        set[#set + 1] = string.format("%s = %s", k, schema.show_default(s.raw[k]))
      elseif f.default ~= nil then
        defaults[#defaults + 1] = string.format("%s = %s", k, schema.show_default(f.default))
      else
        defaults[#defaults + 1] = k
      end
    end
    wrap(lines, "       set: ", set)
    wrap(lines, "       defaults: ", defaults)
  end
  lines[#lines + 1] = ""
  lines[#lines + 1] = "outputs (-o FILE writes one, in the format of its extension or --format):"
  for _, o in ipairs(plan.outputs) do
    lines[#lines + 1] = string.format("  %s to %s", o.format, o.path == "-" and "stdout" or o.path)
  end
  return table.concat(lines, "\n") .. "\n"
end

function M.run(args, cli)
  local cmdline = require "naskh.engine.cli"
  local topic = args[1]
  if not topic then cli.out(cmdline.general_help()); return 0 end
  if topic:match("%.lua$") then -- a user's stage: loaded like a recipe's script (sandboxed)
    local st, err = recipe.load_script({ dir = "." }, cli.home, topic, false)
    if not st then cli.fail(2, "help: " .. err) end
    cli.out(M.stage_help(st))
    return 0
  end
  local mod = cmdline.load_command(topic)
  local st = registry.get(topic)
  if mod then cli.out(cmdline.command_help(topic, mod)) end
  if mod and st then cli.out("\n") end
  if st then cli.out(M.stage_help(st)) end
  if mod or st then return 0 end
  local path = recipe.find(topic, cli.home)
  if path then
    local text, err = M.recipe_help(topic, path, cli.home)
    if not text then cli.fail(2, "help: " .. err) end
    cli.out(text)
    return 0
  end
  local names = {}
  for _, c in ipairs(cmdline.COMMANDS) do names[#names + 1] = c end
  for _, s in ipairs(registry.names()) do names[#names + 1] = s end
  for _, r in ipairs(recipe.bundled(cli.home)) do names[#names + 1] = r end
  cli.fail(2, string.format("help: no command, stage or recipe called '%s'%s", topic, suggest.hint(topic, names)))
end

return M
