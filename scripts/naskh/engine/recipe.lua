-- naskh.engine.recipe: finding, loading and linting recipes (YAML pipelines).
-- Every problem is collected before anything runs and reported as
-- FILE:LINE:COL: message, sorted by position, with "did you mean".
local naskh = require "naskh"
local schema = require "naskh.engine.schema"
local suggest = require "naskh.engine.suggest"
local registry = require "naskh.engine.registry"
local sandbox = require "naskh.engine.sandbox"
local paths = require "naskh.engine.paths"

local M = {}
local NULL = naskh.null

M.OUTPUT_FORMATS = require("naskh.io.formats").NAMES -- io/formats.lua: a new format is io/ only

M.TOP = {
  name = { type = "string", doc = "A short name for the recipe." },
  version = { type = "integer", min = 1, max = 1, doc = "The recipe format's version (1)." },
  description = { type = "string", doc = "One line: what the recipe does (shown by `naskh recipes`)." },
  input = { type = "map", doc = "Where documents come from.", fields = {
    format = { type = "string", enum = { "auto", "text", "jsonl" }, default = "auto",
               doc = "auto: .jsonl files are JSON Lines, everything else is one text document per file." },
    paths = { type = "list", items = { type = "string" }, default = {},
              doc = "Inputs used when none are given on the command line (relative to the recipe)." },
    fields = { type = "list", items = { type = "string" }, default = {},
              doc = "Fields the input documents already carry (JSON Lines from an earlier run, e.g. [entities]): stages that need them need no stage before." },
  } },
  stages = { type = "list", required = true, doc = "The stages, in order; each is `- name: {options}`." },
  output = { type = "any", doc = "One output or a list of outputs: {format, path}." },
  limits = { type = "map", doc = "Resource limits, per document.", fields = {
    memory_mb = { type = "integer", min = 1,
      doc = "Memory limit of the user scripts, in MiB, per document (all script stages together)." },
    seconds = { type = "number", min = 0,
      doc = "Time limit of the user scripts, in seconds, per document (all script stages together)." },
    max_doc_mb = { type = "number", min = 0,
      doc = "Documents larger than this many MB are not processed but recorded as failed (default 64; 0: no limit; --max-doc-mb)." },
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

-- Why the file at path cannot be read (naskh.engine.paths, where the commands find it without
-- loading the recipe engine).
M.unreadable = paths.unreadable

--[[
Stage options that name files are checked before anything runs (lint, run,
--set). A schema field says so with `file = true` (for a list, on its items),
or `file = {except = {words}}` when some values are not files ('cluster');
an empty string always means "no file". `file = {check = function(path)}` also
checks the file's content at lint time (returns nil, or a message such as
"FILE:LINE:COL: ..."). The schema is the one place that says it.
]]
local function file_spec(st, key)
  local f = st.options and st.options[key]
  return f and (f.file or (f.items and f.items.file))
end

-- The paths named by an option's value (a string or a list of strings) that
-- are meant as files: {{i=, path=}} (i nil for a single string).
local function named_files(spec, v)
  local out = {}
  local except = {}
  if type(spec) == "table" then for _, w in ipairs(spec.except or {}) do except[w] = true end end
  local function add(i, p)
    if type(p) == "string" and p ~= "" and not except[p] then out[#out + 1] = { i = i, path = p } end
  end
  if type(v) == "string" then add(nil, v)
  elseif type(v) == "table" then for i, p in ipairs(v) do add(i, p) end end
  return out
end

local RELATIVE_HINT = "paths are relative to the recipe's directory, then to naskh's configs/"

-- The message for an option value p (resolved to path) that cannot be read.
local function file_message(st, key, p, path, why, hint)
  local shown = p == path and string.format("'%s'", p) or string.format("'%s' (%s)", p, path)
  return string.format("option '%s' for stage '%s': cannot read %s: %s; %s", key, st.name, shown,
    why, hint)
end

-- Check the file options of one stage's options (as written in the recipe).
local function check_files(rec, home, st, opts_t, report_at, conf)
  for key, v in pairs(opts_t) do
    local spec = type(key) == "string" and file_spec(st, key)
    if spec then
      for _, f in ipairs(named_files(spec, v)) do
        local path = M.resolve(rec.dir, home, f.path)
        local why = M.unreadable(path)
        local outside = conf and conf:check(path, "read", f.path)
        if outside then
          local msg = string.format("option '%s' for stage '%s': %s", key, st.name, outside)
          if f.i then report_at(v, f.i, msg, true) else report_at(opts_t, key, msg, true) end
        elseif why then
          local msg = file_message(st, key, f.path, path, why,
            "fix the path or remove it (" .. RELATIVE_HINT .. ")")
          if f.i then report_at(v, f.i, msg, true) else report_at(opts_t, key, msg, true) end
        elseif type(spec) == "table" and spec.check then
          local bad = spec.check(path)
          if bad then
            local msg = string.format("option '%s' for stage '%s': %s", key, st.name, bad)
            if f.i then report_at(v, f.i, msg, true) else report_at(opts_t, key, msg, true) end
          end
        end
      end
    end
  end
end

-- A --set value v for option key of stage st: relative paths that exist from
-- the working directory are taken from there (made absolute), others are
-- resolved like the recipe's. Returns the value to use, or nil, message.
function M.check_set_files(plan, st, key, v)
  local spec = file_spec(st, key)
  if not spec then return v end
  local files = named_files(spec, v)
  for _, f in ipairs(files) do
    local p, path = f.path, nil
    if p:sub(1, 1) ~= "/" and naskh.filetype(p) then
      path = naskh._realpath and naskh._realpath(p) or p
      if f.i then v[f.i] = path else v = path end
    else
      path = M.resolve(plan.dir or ".", plan.home or ".", p)
    end
    local why = M.unreadable(path)
    if why then
      return nil, file_message(st, key, p, path, why, "fix the path (on the command line a relative " ..
        "path is taken from the working directory if it exists there; otherwise " .. RELATIVE_HINT .. ")")
    end
  end
  return v
end

-- The files a planned recipe's stages read: script files and file options (after
-- --set), resolved as the stages resolve them: {{path =, what = "the script of stage 'x'"}}.
function M.stage_files(plan)
  local out = {}
  for _, s in ipairs(plan.stages or {}) do
    if s.stage.file then
      out[#out + 1] = { path = s.stage.file, what = string.format("the script of stage '%s'", s.name) }
    end
    for key, v in pairs(s.opts or s.raw or {}) do
      local spec = type(key) == "string" and file_spec(s.stage, key)
      if spec then
        for _, f in ipairs(named_files(spec, v)) do
          out[#out + 1] = { path = M.resolve(plan.dir or ".", plan.home or ".", f.path),
            what = string.format("the file '%s' of option '%s' (stage '%s')", f.path, key, s.name) }
        end
      end
    end
  end
  return out
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

-- Fields every document has before any stage.
M.BASE_FIELDS = { "id", "text", "meta" }

-- Stage contracts: each stage's `needs` must be added by an earlier stage (`adds`), or be
-- carried by the input (input.fields). The message says what to do.
local function check_order(plan, report_at)
  local have = {}
  for _, f in ipairs(M.BASE_FIELDS) do have[f] = true end
  for _, f in ipairs(plan.input.fields or {}) do have[f] = true end
  for i, s in ipairs(plan.stages) do
    for _, need in ipairs(s.stage.needs or {}) do
      if not have[need] then
        local later
        for j = i + 1, #plan.stages do
          for _, a in ipairs(plan.stages[j].stage.adds or {}) do
            if a == need and not later then later = plan.stages[j].name end
          end
        end
        local msg
        if later then
          msg = string.format("stage '%s' needs '%s', which stage '%s' adds after it: move the %s stage " ..
            "before %s", s.name, need, later, later, s.name)
        else
          local adders = {}
          for _, n in ipairs(registry.adders(need)) do -- not those that need it too (quotes_merge)
            local also_needs = false
            for _, x in ipairs(registry.get(n).needs or {}) do if x == need then also_needs = true end end
            if not also_needs then adders[#adders + 1] = n end
          end
          if #adders > 0 then
            msg = string.format("stage '%s' needs '%s': add the %s stage before %s", s.name, need,
              table.concat(adders, " or "), s.name)
          else
            msg = string.format("stage '%s' needs '%s', which no stage of the recipe adds: add a stage " ..
              "that does before %s, or list it in input.fields if the documents carry it", s.name, need,
              s.name)
          end
        end
        report_at(s.item, (next(s.item)), msg)
      end
    end
    for _, a in ipairs(s.stage.adds or {}) do have[a] = true end
  end
end
M.check_order = check_order

--[[
Lint a loaded recipe. Returns errors (list of {line, col, msg}) and the
resolved plan pieces: stages = {{name=, stage=, opts=, item=}}, outputs.
opts.trust: load user scripts unsandboxed and do not confine the recipe's
paths; opts.allow: more directories the recipe may read and write
(--allow-path); opts.output: every output goes there instead (-o, --stream);
opts.home: share dir.
]]
function M.lint(rec, opts)
  local report_at, errors = reporter(rec)
  local d = rec.data
  local plan = { stages = {}, outputs = {}, input = {}, limits = {}, home = opts.home, dir = rec.dir }
  local conf = paths.confine({ recipe_dir = rec.dir, home = opts.home, allow = opts.allow,
    trust = opts.trust })
  plan.confine = conf
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
    if type(d.input.paths) == "table" then
      for i, p in ipairs(d.input.paths) do
        local outside = type(p) == "string" and p ~= "-" and
          conf:check(M.resolve(rec.dir, opts.home, p), "read", p)
        if outside then report_at(d.input.paths, i, "input path " .. outside, true) end
      end
    end
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
            local outside = conf:check(M.resolve(rec.dir, opts.home, sopts.file), "read", sopts.file)
            if outside then
              report_at(sopts, "file", "stage 'script': " .. outside, true)
            else
              st, serr = M.load_script(rec, opts.home, sopts.file, opts.trust)
              if not st then report_at(sopts, "file", serr, true) end
            end
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
            check_files(rec, opts.home, st, check_opts, report_at, conf)
            plan.stages[#plan.stages + 1] = { name = st.name, stage = st, raw = check_opts,
              index = i, item = item }
          end
        end
      end
    end
  elseif stages ~= nil then
    report_at(d, "stages", "'stages' must be a list of `- name: {options}`", true)
  end
  check_order(plan, report_at)
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
    local out_seen = {}
    for i, o in ipairs(out) do
      if type(o) ~= "table" or schema.is_list(o) then
        report_at(out, i, "each output is a mapping {format, path}", true)
      else
        schema.check_map(o, M.OUTPUT, "output", report_at, function(k)
          return string.format("unknown key '%s' in output", k)
        end)
        plan.outputs[#plan.outputs + 1] = schema.fill(o, M.OUTPUT)
        local p = o.path
        if type(p) == "string" and p ~= "-" and not opts.output then -- (-o replaces the paths)
          local outside = conf:check(p, "write")
          if outside then report_at(o, "path", "output path " .. outside, true) end
          local real = paths.DEVICES[p] and p or paths.real(p)
          if out_seen[real] and not paths.DEVICES[p] then
            local first = rec.pos[out_seen[real]] and rec.pos[out_seen[real]].path
            report_at(o, "path", string.format("output path '%s' is also the path of an earlier " ..
              "output%s: one of them would be lost; give each output its own file", p,
              first and first.vline and string.format(" (line %d, column %d)", first.vline, first.vcol)
              or ""), true)
          else
            out_seen[real] = o
          end
        end
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
