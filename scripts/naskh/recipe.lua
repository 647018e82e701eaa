-- naskh.recipe: finding, loading and linting recipes (YAML pipelines).
-- Every problem is collected before anything runs and reported as
-- FILE:LINE:COL: message, sorted by position, with "did you mean".
local naskh = require "naskh"
local schema = require "naskh.schema"
local suggest = require "naskh.suggest"
local registry = require "naskh.registry"
local sandbox = require "naskh.sandbox"

local M = {}
local NULL = naskh.null

M.OUTPUT_FORMATS = { "jsonl", "markdown", "text", "json", "html" }

M.TOP = {
  name = { type = "string", doc = "A short name for the recipe." },
  version = { type = "integer", min = 1, max = 1, doc = "The recipe format's version (1)." },
  description = { type = "string", doc = "One line: what the recipe does (shown by `naskh recipes`)." },
  input = { type = "map", doc = "Where documents come from.", fields = {
    format = { type = "string", enum = { "auto", "text", "jsonl" }, default = "auto",
               doc = "auto: .jsonl files are JSON Lines, everything else is one text document per file." },
    paths = { type = "list", items = { type = "string" }, default = {},
              doc = "Inputs used when none are given on the command line (relative to the recipe)." },
  } },
  stages = { type = "list", required = true, doc = "The stages, in order; each is `- name: {options}`." },
  output = { type = "any", doc = "One output or a list of outputs: {format, path}." },
  limits = { type = "map", doc = "Resource limits for user scripts, per document.", fields = {
    memory_mb = { type = "integer", min = 1, doc = "Memory limit of a user script, in MiB." },
    seconds = { type = "number", min = 0, doc = "Time limit of a user script per document, in seconds." },
  } },
}

M.OUTPUT = {
  format = { type = "string", enum = M.OUTPUT_FORMATS, required = true, doc = "Output format." },
  path = { type = "string", default = "-", doc = "File to write; '-' is standard output." },
  text = { type = "boolean", default = true, doc = "jsonl/json: include each document's text." },
  title = { type = "string", doc = "markdown/html: the report title (default: the recipe's name)." },
}

local function exists(path)
  local fh = io.open(path, "rb")
  if fh then fh:close(); return true end
  return false
end

local function dirname(path)
  return path:match("^(.*)/[^/]*$") or "."
end
M.dirname = dirname

-- Names of the bundled recipes.
function M.bundled(home)
  local out = {}
  local names = naskh.listdir(home .. "/configs/recipes") or {}
  for _, n in ipairs(names) do
    local base = n:match("^(.*)%.ya?ml$")
    if base then out[#out + 1] = base end
  end
  return out
end

-- A recipe argument (a path, or the name of a bundled recipe) to a path; or nil, message.
function M.find(arg, home)
  if exists(arg) then return arg end
  if not arg:find("/", 1, true) and not arg:match("%.ya?ml$") then
    for _, ext in ipairs({ ".yaml", ".yml" }) do
      local p = home .. "/configs/recipes/" .. arg .. ext
      if exists(p) then return p end
    end
    return nil, string.format("no recipe '%s'%s; `naskh recipes` lists them", arg,
      suggest.hint(arg, M.bundled(home)))
  end
  return nil, string.format("cannot open recipe '%s': no such file", arg)
end

-- Load a recipe file: {data=, pos=, path=, dir=} or nil, message.
function M.load(path)
  local fh, err = io.open(path, "rb")
  if not fh then return nil, "cannot open recipe " .. err end
  local src = fh:read("a")
  fh:close()
  local data, pos = naskh.yaml_load(src, path)
  if data == nil then return nil, pos end
  return { data = data, pos = pos, path = path, dir = dirname(path) }
end

-- Build the error reporter for a loaded recipe: returns report_at, list.
local function reporter(rec)
  local list = {}
  local function report_at(container, key, msg, at_value)
    local p = rec.pos[container]
    local e = p and (p[key] or p[0])
    local line, col = 1, 1
    if e then
      if at_value and e.vline then line, col = e.vline, e.vcol else line, col = e.line, e.col end
    end
    list[#list + 1] = { line = line, col = col, msg = msg }
  end
  return report_at, list
end

-- The single stage name and options of one `stages` item, or nil.
local function stage_item(item)
  if type(item) ~= "table" then return nil end
  local name, opts, n = nil, nil, 0
  for k, v in pairs(item) do n = n + 1; name, opts = k, v end
  if n ~= 1 or type(name) ~= "string" then return nil end
  return name, opts
end
M.stage_item = stage_item

-- Resolve a path named in a recipe: relative to the recipe, then the bundled configs.
function M.resolve(rec_dir, home, path)
  if path:sub(1, 1) == "/" then return path end
  local candidates = { rec_dir .. "/" .. path, home .. "/configs/" .. path, home .. "/" .. path }
  for _, c in ipairs(candidates) do if exists(c) then return c end end
  return candidates[1]
end

-- Load the user stage named by a `script` item; returns stage or nil, message.
function M.load_script(rec, home, file, trust)
  local path = M.resolve(rec.dir, home, file)
  local st, err = sandbox.load_stage(path, trust)
  if not st then return nil, err end
  st, err = registry.check_stage(st, path)
  if not st then return nil, err end
  st.name = st.name or file:match("([^/]+)%.lua$") or file
  st.file = path
  return st
end

--[[
Lint a loaded recipe. Returns errors (list of {line, col, msg}) and the
resolved plan pieces: stages = {{name=, stage=, opts=, item=}}, outputs.
opts.trust: load user scripts unsandboxed; opts.home: share dir.
]]
function M.lint(rec, opts)
  local report_at, errors = reporter(rec)
  local d = rec.data
  local plan = { stages = {}, outputs = {}, input = {}, limits = {} }
  if type(d) ~= "table" or (next(d) ~= nil and schema.is_list(d)) then
    report_at(d, 0, "a recipe must be a mapping with at least 'stages:'")
    return errors, plan
  end
  schema.check_map(d, M.TOP, "recipe", report_at, function(k)
    return string.format("unknown key '%s' in recipe", k)
  end)
  -- input
  if type(d.input) == "table" then
    plan.input = schema.fill(d.input, M.TOP.input.fields)
  else
    plan.input = schema.fill({}, M.TOP.input.fields)
  end
  if type(d.limits) == "table" then plan.limits = schema.fill(d.limits, M.TOP.limits.fields) end
  -- stages
  local stages = d.stages
  if type(stages) == "table" and schema.is_list(stages) then
    if #stages == 0 then report_at(d, "stages", "'stages' is empty: add at least one stage", true) end
    for i, item in ipairs(stages) do
      local name, sopts = stage_item(item)
      if not name then
        report_at(stages, i, string.format(
          "stages[%d]: each stage is written `- name: {options}` (one key), got %s",
          i, schema.show(item)), true)
      else
        if sopts == NULL then sopts = {} end
        local st, serr
        if name == "script" then
          if type(sopts) ~= "table" or type(sopts.file) ~= "string" then
            report_at(item, name, "stage 'script' needs `file: path/to/stage.lua`", true)
          else
            st, serr = M.load_script(rec, opts.home, sopts.file, opts.trust)
            if not st then report_at(sopts, "file", serr, true) end
          end
        else
          st = registry.get(name)
          if not st then
            local names = registry.names()
            names[#names + 1] = "script"
            report_at(item, name, string.format("unknown stage '%s'%s", name,
              suggest.hint(name, names)))
          end
        end
        if st then
          if type(sopts) ~= "table" or (next(sopts) ~= nil and schema.is_list(sopts)) then
            report_at(item, name, string.format("options of stage '%s' must be a mapping, got %s",
              name, schema.show(sopts)), true)
          else
            local check_opts = sopts
            local sch = st.options
            if name == "script" then
              check_opts = {}
              for k, v in pairs(sopts) do if k ~= "file" then check_opts[k] = v end end
              -- keep positions: the copy shares the position table of sopts
              rec.pos[check_opts] = rec.pos[sopts]
            end
            schema.check_map(check_opts, sch, "stage '" .. st.name .. "'", report_at, function(k)
              return string.format("unknown option '%s' for stage '%s'", k, st.name)
            end, function(k)
              return string.format("option '%s' for stage '%s'", k, st.name)
            end)
            plan.stages[#plan.stages + 1] = { name = st.name, stage = st, raw = check_opts,
              index = i, item = item }
          end
        end
      end
    end
  elseif stages ~= nil then
    report_at(d, "stages", "'stages' must be a list of `- name: {options}`", true)
  end
  -- output
  local out = d.output
  if out == nil or out == NULL then
    out = { { format = "markdown", path = "-" } }
  elseif type(out) == "table" and not schema.is_list(out) then
    out = { out }
  end
  if type(out) ~= "table" then
    report_at(d, "output", "'output' must be a mapping {format, path} or a list of them", true)
  else
    for i, o in ipairs(out) do
      if type(o) ~= "table" or schema.is_list(o) then
        report_at(out, i, "each output is a mapping {format, path}", true)
      else
        schema.check_map(o, M.OUTPUT, "output", report_at, function(k)
          return string.format("unknown key '%s' in output", k)
        end)
        plan.outputs[#plan.outputs + 1] = schema.fill(o, M.OUTPUT)
      end
    end
  end
  table.sort(errors, function(a, b)
    if a.line ~= b.line then return a.line < b.line end
    return a.col < b.col
  end)
  return errors, plan
end

-- "file:line:col: msg" lines.
function M.format_errors(rec, errors)
  local out = {}
  for i, e in ipairs(errors) do
    out[i] = string.format("%s:%d:%d: %s", rec.path, e.line, e.col, e.msg)
  end
  return out
end

return M
