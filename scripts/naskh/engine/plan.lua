-- naskh.engine.plan: planning a run, before any document is read. Find, load and lint
-- the recipe (naskh.engine.recipe), apply --set, fill every stage's options, choose the
-- outputs (-o, --format) and refuse an output that is one of the inputs. Running the plan
-- over documents is naskh.engine.pipeline (which also offers these functions).
local naskh = require "naskh"
local schema = require "naskh.engine.schema"
local suggest = require "naskh.engine.suggest"
local recipe = require "naskh.engine.recipe"
local read = require "naskh.io.read"
local fpaths = require "naskh.engine.paths"
local progress = require "naskh.engine.progress"
local formats = require "naskh.io.formats"

local M = {}

-- Apply --set STAGE.KEY=VALUE overrides; returns nil or an error message.
local function apply_set(plan, set)
  local lhs, value = set:match("^([^=]+)=(.*)$")
  if not lhs then return string.format("--set %s: expected STAGE.KEY=VALUE", set) end
  local sname, key = lhs:match("^([%w_#]+)%.([%w_]+)$")
  if not sname then return string.format("--set %s: expected STAGE.KEY=VALUE", set) end
  if sname == "limits" then
    local f = recipe.TOP.limits.fields[key]
    if not f then
      return string.format("--set %s: unknown limit '%s'%s", set, key,
        suggest.hint(key, schema.sorted_keys(recipe.TOP.limits.fields)))
    end
    local v, err = schema.coerce(value, f)
    if v == nil then return string.format("--set %s: %s", set, err) end
    plan.limits[key] = v
    return nil
  end
  if sname == "output" then
    return string.format("--set %s: outputs are not stages: choose the output with -o FILE (its " ..
      "extension says the format) or --format FORMAT (" .. formats.SHOWN .. ")", set)
  end
  local base, nth = sname:match("^(.-)#(%d+)$")
  base = base or sname
  nth = tonumber(nth) or 1
  local names, seen = {}, 0
  for _, s in ipairs(plan.stages) do
    names[#names + 1] = s.name
    if s.name == base then
      seen = seen + 1
      if seen == nth then
        local f = s.stage.options[key]
        if not f then
          return string.format("--set %s: unknown option '%s' for stage '%s'%s", set, key, base,
            suggest.hint(key, schema.sorted_keys(s.stage.options)))
        end
        local v, err = schema.coerce(value, f)
        if v == nil then return string.format("--set %s: %s", set, err) end
        local problems = {}
        schema.check(v, f, string.format("option '%s' for stage '%s'", key, base),
          function(msg) problems[#problems + 1] = msg end,
          function(_, _, msg) problems[#problems + 1] = msg end)
        if #problems > 0 then return "--set " .. set .. ": " .. problems[1] end
        local ferr
        v, ferr = recipe.check_set_files(plan, s.stage, key, v) -- file options: readable now
        if v == nil then return "--set " .. set .. ": " .. ferr end
        s.overrides = s.overrides or {}
        s.overrides[key] = v
        return nil
      end
    end
  end
  return string.format("--set %s: the recipe has no stage '%s'%s", set, sname,
    suggest.hint(base, names))
end

-- The share directory (configs/): $NASKH_HOME, the source tree these modules
-- were loaded from, or the install prefix compiled into the module.
function M.default_home()
  local env = os.getenv("NASKH_HOME")
  if env and env ~= "" then return env end
  if naskh.home then return naskh.home end -- set by the naskh host (cli.main)
  local here = package.searchpath and package.searchpath("naskh.engine.plan", package.path)
  if here then
    local root = here:gsub("/?scripts/naskh/engine/plan%.lua$", "")
    if root == "" then root = "." end
    if naskh.filetype(root .. "/configs/recipes") == "directory" then return root end
  end
  return naskh.sharedir or "/usr/local/share/naskh"
end

-- Resolve a recipe (a path, a bundled name, or a Lua table with the same
-- fields as the YAML), load and lint it. Returns rec, plan or nil, {messages}.
function M.prepare(arg, env)
  env.home = env.home or M.default_home()
  local rec
  if type(arg) == "table" then
    rec = { data = arg, pos = {}, path = "<recipe table>", dir = env.dir or "." }
  else
    local path, ferr = recipe.find(arg, env.home)
    if not path then return nil, { ferr } end
    local lerr
    rec, lerr = recipe.load(path)
    if not rec then return nil, { lerr } end
  end
  local path = rec.path
  local errors, plan = recipe.lint(rec, { home = env.home, trust = env.trust, allow = env.allow_paths,
    output = env.stream and "-" or env.output })
  if #errors > 0 then return nil, recipe.format_errors(rec, errors), rec end
  local msgs = {}
  for _, set in ipairs(env.sets or {}) do
    local err = apply_set(plan, set)
    if err then msgs[#msgs + 1] = err end
  end
  if #msgs > 0 then return nil, msgs, rec end
  for _, s in ipairs(plan.stages) do
    local o = schema.fill(s.raw, s.stage.options)
    for k, v in pairs(s.overrides or {}) do o[k] = v end
    s.opts = o
  end
  plan.recipe = rec
  plan.name = type(rec.data.name) == "string" and rec.data.name or path:match("([^/]+)%.ya?ml$") or "recipe"
  return rec, plan
end

-- Output formats by file extension (-o FILE without --format) and the aliases --format takes.
-- (the data is naskh.io.formats)
M.EXTENSIONS = formats.EXTENSIONS
M.FORMAT_ALIASES = formats.ALIASES

-- The format a file name asks for by its extension, or nil ('-', /dev/null, out.dat).
function M.format_of_path(path)
  local ext = path and path:match("%.([%w]+)$")
  return ext and M.EXTENSIONS[ext:lower()] or nil
end

local function describe_outputs(outs)
  local parts = {}
  for i, o in ipairs(outs) do
    parts[i] = string.format("%s to %s", o.format, o.path == "-" and "stdout" or ("'" .. o.path .. "'"))
  end
  return table.concat(parts, ", ")
end

--[[
-o FILE and --format FMT (env.output, env.format) replace the recipe's outputs by one.
The format is --format, else the file's extension (.jsonl .json .md .html .txt), else the
recipe's own when it has one output; `-o -` alone writes every output of the recipe on stdout. The recipe's output of that format, if any, gives its
other settings (text, title). When the recipe had several outputs, the ones not written are
named on stderr (unless quiet); when the format cannot be told, it is an error: nothing is
dropped silently. Returns nil or an error message.
]]
function M.choose_output(plan, env)
  if not env.output and not env.format then return nil end
  local path = env.output or "-"
  local fmt = env.format and (M.FORMAT_ALIASES[env.format] or env.format) or M.format_of_path(path)
  local outs = plan.outputs
  if fmt == nil then
    if path == "-" then -- -o -: every output on stdout, one after the other (none dropped)
      if #outs == 0 then outs[1] = schema.fill({ format = "markdown" }, recipe.OUTPUT) end
      for _, o in ipairs(outs) do o.path = "-" end
      return nil
    end
    if #outs <= 1 then
      local o = outs[1] or { format = "markdown" }
      o.path = path
      plan.outputs = { o }
      return nil
    end
    return string.format("the recipe has %d outputs (%s) and -o %s names one file of no known kind: " ..
      "choose its format with --format (" .. formats.SHOWN .. ") or an extension " ..
      "(" .. formats.SHOWN_EXTENSIONS .. ")", #outs, describe_outputs(outs), path)
  end
  local known = false
  for _, f in ipairs(recipe.OUTPUT_FORMATS) do if f == fmt then known = true end end
  if not known then
    return string.format("unknown output format '%s'%s", fmt, suggest.hint(fmt, recipe.OUTPUT_FORMATS))
  end
  local base, dropped = nil, {}
  for _, o in ipairs(outs) do
    if not base and o.format == fmt then base = o else dropped[#dropped + 1] = o end
  end
  local o = schema.copy(base or schema.fill({ format = fmt }, recipe.OUTPUT))
  o.path = path
  plan.outputs = { o }
  if #outs > 1 and #dropped > 0 and not env.quiet then
    progress.stderr(string.format("naskh: warning: %s writes one %s output; the recipe's other outputs " ..
      "are not written: %s\n", env.output and ("-o " .. path) or ("--format " .. env.format), fmt,
      describe_outputs(dropped)))
  end
  return nil
end

-- No output may be one of the run's inputs, the recipe file, a file its stages
-- read (a script, a gazetteer, a word list...) or the file standard input is
-- read from (`-o a.txt < a.txt`): the same file by device and inode, so through
-- symbolic links too. Returns a message, or nil.
function M.check_outputs(plan, env, inputs)
  local ids = {}
  local rec_path = plan.recipe and plan.recipe.path
  if rec_path then
    local id = fpaths.id(rec_path)
    if id then ids[id] = string.format("the recipe '%s'", rec_path) end
  end
  for _, f in ipairs(read.input_files(inputs)) do
    local id = fpaths.id(f)
    if id and not ids[id] then ids[id] = string.format("the input '%s'", f) end
  end
  for _, f in ipairs(recipe.stage_files(plan)) do
    local id = fpaths.id(f.path)
    if id and not ids[id] then ids[id] = f.what end
  end
  local reads_stdin = #inputs == 0
  for _, p in ipairs(inputs) do if p == "-" then reads_stdin = true end end
  if reads_stdin then
    local id = fpaths.stdin_id()
    if id and not ids[id] then ids[id] = "the input on standard input" end
  end
  for _, o in ipairs(plan.outputs) do
    local p = env.output or o.path
    if p and p ~= "-" then
      local id = fpaths.id(p)
      local kind = id and naskh.filetype(p)
      if id and kind == "file" and ids[id] then
        return string.format("output '%s' is %s (the same file): writing it would destroy it; " ..
          "nothing was done (choose another output path)", p, ids[id])
      end
    end
  end
  return nil
end

return M
