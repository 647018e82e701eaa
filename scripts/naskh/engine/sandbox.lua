-- naskh.engine.sandbox: how a user's Lua stage is loaded and run.
--
-- A recipe's script runs in its own environment, unless the user passes
-- --trust on the command line:
--   * text chunks only (no bytecode), strict globals;
--   * the safe parts of the standard library: no os.execute, io.popen,
--     package (so no package.loadlib and no C modules), debug, dofile,
--     loadfile, collectgarbage; `require` loads only the naskh module and Lua
--     files beside the script;
--   * files are read-only and limited to the paths the recipe declares: the
--     script's and the recipe's directories, the bundled configs/ and files
--     named in the stage's options (io.open, io.lines); nothing can be written;
--   * the naskh module without its file-system and process functions, and
--     no userdata or string method off the allow list (M.ALLOW: Gazetteer:save,
--     string.dump are refused);
--   * print writes to stderr (stdout may be the recipe's output);
--   * no __gc metamethods (a finalizer would run outside the limits);
--   * every call into the script (loading it, init, run per document,
--     markdown/html per document) runs under a memory limit and a time limit
--     (recipe `limits: {memory_mb, seconds}`, `--set limits.memory_mb=N`;
--     defaults below when sandboxed, none when trusted unless set). The calls
--     for one document (every script stage of the recipe, its markdown/html)
--     share one budget: memory they keep and time they take add up.
-- Every refusal is an error that names the forbidden thing and --trust; the
-- runner records it on the document and goes on with the rest of the batch.
local naskh = require "naskh"

local M = {}

M.DEFAULT_MEMORY_MB = 1024
M.DEFAULT_SECONDS = 60

local TRUST_HINT = " (run with --trust to allow it)"

--[[
The one allow list of the sandbox: every capability sandboxed code can reach
is named here, functions and userdata methods alike.
  naskh:   naskh module functions a sandboxed script may call (pure: text in,
           values out); paths: the ones allowed with their paths checked against
           the file rules (read-only); deny: the ones it may not (files,
           processes, the limits themselves). Functions in none of the three
           are left out too (tests/lua/test_sandbox.lua lists them, so a new
           function gets classified).
  methods: per userdata type (its metatable's __name; "string" for the string
           metatable), the methods sandboxed code may call. Every other method
           of every type (Gazetteer:save writes a file) is wrapped in a guard
           that refuses it while sandboxed code runs: a function loaded by the
           sandbox is on the call stack, or a coroutine it made is running.
           A new type or method is refused in the sandbox until listed here.
tests/lua/test_sandbox.lua walks every value reachable from the sandbox's
environment and checks it against this list.
]]
M.ALLOW = {
  naskh = {
    "version", "home", "sharedir", "null", "normalize", "normview", "normalizer", "norm_profiles",
    "norm_switches",
    "sentences", "paragraphs", "lines", "soft_breaks", "tokens", "clitics", "stem", "stem_text", "utf8_check",
    "utf8_clean",
    "cplen", "cp_offsets", "yaml_load", "json_encode", "hijri_to_gregorian", "gregorian_to_hijri",
    "ncpu", "vocab", "words", "fold", "key", "masked_words", "mask", "_jsonl_flat", "_clean_key",
    "_cleaner", "_years", "_outside",
    "tagger_fingerprint", "last_of", "sentence_spans", "paragraph_spans", "token_spans",
    "patterns", -- compiles a source string; reads no file
    "entsort",
  },
  paths = { "gazetteer", "gazetteer_load" },
  deny = {
    "listdir", "filetype", "workers", "frame_read", "frame_write", "gazetteer_save",
    "_limited", "_limits_arm", "_memory", "_realpath", "_json_write", "_tmp_register", "_tmp_forget",
    "_sandbox_mark", "_sandboxed", "_metatables", "_fileid", "_guard", "_isatty", "_monotonic",
    "_stdout_to",
    "tagger", "tagger_trainer", -- reads a model file; training takes tens of MB outside the budget
    "entities", -- reads gazetteers and the model
    "write_sentences", "write_tokens", "write_matches", "write_normmap", -- write to file handles
    "write_entities",
    "entwords", "entlists", -- the entity finder's words and word lists: C memory outside the budget
  },
  methods = {
    string = { "byte", "char", "find", "format", "gmatch", "gsub", "len", "lower", "match",
      "pack", "packsize", "rep", "reverse", "sub", "unpack", "upper" }, -- not dump
    ["naskh.Gazetteer"] = { "match", "size", "info", "close" },         -- not save
    ["naskh.Norm"] = { "text", "source", "len", "orig", "close" },
    ["naskh.Normalizer"] = { "feed", "finish", "close" },
    ["naskh.Vocab"] = { "key", "set_idf", "shared_terms", "simset", "size", "stopwords", "terms" },
    ["naskh.SimSet"] = { "add", "add_from", "add_split", "centroid", "clear", "cosine", "coverage",
      "duplicates", "info", "prepare", "rank", "select", "size", "support", "vocab", "words" },
    ["naskh.Spans"] = { "span", "text", "class", "spans", "totable" },
    ["naskh.Patterns"] = { "scan", "list", "lists", "patterns" },
    -- naskh.Workers: none (naskh.workers is denied anyway)
  },
}
M.NASKH_ALLOW, M.NASKH_PATHS, M.NASKH_DENY = M.ALLOW.naskh, M.ALLOW.paths, M.ALLOW.deny

-- A guard around method k of type tname: refused while sandboxed code runs.
local function guard(tname, k, f)
  local shown = tname == "string" and ("string." .. k) or
    string.format("%s:%s", tname:gsub("^naskh%.", ""), k)
  if naskh._guard then return naskh._guard(f, shown) end
  return function(...)
    if naskh._sandboxed() then
      error(string.format("%s is not available in a sandboxed script (run with --trust to allow it)",
        shown), 2)
    end
    return f(...)
  end
end

local guarded = setmetatable({}, { __mode = "k" })

-- The table holding the methods of a type's metatable mt: its __index table, or
-- (naskh.Spans, whose __index is a function for a[i]) the table its __index
-- looks methods up in, mt.methods. A metatable that is its own __index
-- (naskh.Tagger) holds metamethods too: names starting with "__" are never
-- methods (a guarded __gc would fail when the collector runs it while sandboxed
-- code is on the stack, and leak).
function M.method_table(mt)
  local idx = rawget(mt, "__index")
  if type(idx) == "table" then return idx end
  local m = rawget(mt, "methods")
  if type(idx) == "function" and type(m) == "table" then return m end
  return nil
end

local function is_metamethod(k)
  return type(k) == "string" and k:sub(1, 2) == "__"
end
M.is_metamethod = is_metamethod

-- Wrap every method outside M.ALLOW.methods of every naskh type and of strings
-- (idempotent; called when the module loads and for each new environment).
function M.guard_methods()
  if not naskh._metatables then return end -- an older module: nothing to guard with
  local types = naskh._metatables()
  types.string = getmetatable("")
  for tname, mt in pairs(types) do
    local idx = M.method_table(mt)
    if idx and not guarded[idx] then
      guarded[idx] = true
      local ok = {}
      for _, k in ipairs(M.ALLOW.methods[tname] or {}) do ok[k] = true end
      for k, f in pairs(idx) do
        if not ok[k] and type(f) == "function" and not is_metamethod(k) then idx[k] = guard(tname, k, f) end
      end
    end
  end
end
M.guard_methods()

-- Mark a chunk name or a coroutine as sandboxed code (see M.guard_methods);
-- returns it. Chunk names are kept for the life of the process, so after
-- MAX_MARKS distinct ones (a script calling load on fresh strings) the rest get
-- one shared name.
local MAX_MARKS, marked, n_marked = 4096, {}, 0
local SHARED_NAME = "=(sandboxed chunk)"
local function mark(x)
  if not naskh._sandbox_mark then return x end
  if type(x) == "string" and not marked[x] then
    if n_marked >= MAX_MARKS then x = SHARED_NAME end
    if not marked[x] then marked[x] = true; n_marked = n_marked + 1 end
  end
  naskh._sandbox_mark(x)
  return x
end

local SAFE = {
  "assert", "error", "ipairs", "next", "pairs", "pcall", "rawequal", "rawget", "rawlen",
  "rawset", "select", "tonumber", "tostring", "type", "xpcall", "_VERSION",
}
local SAFE_LIBS = { "string", "table", "math", "utf8" }

local FORBIDDEN_GLOBALS = {
  package = "'package' (package.loadlib, C modules) is not available in a sandboxed script",
  debug = "'debug' is not available in a sandboxed script",
  dofile = "dofile is not available in a sandboxed script; use require for Lua files beside the script",
  loadfile = "loadfile is not available in a sandboxed script; use require for Lua files beside the script",
  collectgarbage = "collectgarbage is not available in a sandboxed script",
}

local function copy_lib(lib)
  local t = {}
  for k, v in pairs(lib) do t[k] = v end
  return t
end

-- A table whose missing keys raise `what.key is not available ...`.
local function guarded_lib(t, what, extra)
  return setmetatable(t, {
    __index = function(_, k)
      error(string.format("%s.%s is not available in a sandboxed script%s", what, tostring(k),
        extra or TRUST_HINT), 2)
    end,
  })
end

-- Lexical clean-up of an absolute path (no ".", "..", or repeated slashes): the one in paths.lua.
local clean_path = require("naskh.engine.paths").clean

local function dirname(p) return p:match("^(.*)/[^/]*$") or "." end

local function absolute(p, base)
  if p:sub(1, 1) ~= "/" then
    local cwd = naskh._realpath(".") or "."
    base = base or cwd
    if base:sub(1, 1) ~= "/" then base = cwd .. "/" .. base end
    p = base .. "/" .. p
  end
  return clean_path(p)
end

-- The file-access rules of one sandbox: directories (prefixes) and single files.
local function new_rules()
  return { dirs = {}, files = {} }
end

local function add_dir(rules, dir)
  local real = naskh._realpath(dir)
  if real then rules.dirs[real] = true end
end

local function add_file(rules, path)
  local real = naskh._realpath(path)
  if real then rules.files[real] = true end
end

local function inside(rules, real)
  if rules.files[real] then return true end
  for d in pairs(rules.dirs) do
    if real == d or real:sub(1, #d + 1) == d .. "/" or d == "/" then return true end
  end
  return false
end

-- Check a path the script wants to read; returns the real path, or nil and
-- io.open's message for a missing file. Raises for a path outside the rules.
local function check_read(rules, fname, path)
  if type(path) ~= "string" then
    error(string.format("bad argument #1 to '%s' (string expected, got %s)", fname, type(path)), 3)
  end
  -- a relative path: beside the script first, then from the working directory
  -- (what ctx:resolve returns)
  local abs = absolute(path, rules.base)
  local real = naskh._realpath(abs)
  if not real and path:sub(1, 1) ~= "/" then
    local real2 = naskh._realpath(absolute(path))
    if real2 then abs, real = real2, real2 end
  end
  if not inside(rules, real or abs) then
    error(string.format("%s('%s'): reading outside the files this recipe declares is not allowed " ..
      "(allowed: the script's and the recipe's directories, the bundled configs/, files named " ..
      "in the stage's options)%s", fname, path, TRUST_HINT), 3)
  end
  if not real then return nil, path .. ": No such file or directory" end
  return real
end

-- A file opened by a sandboxed script: reading methods only (the FILE* userdata
-- itself, with write and setvbuf, stays out of reach, in closures).
local handles = setmetatable({}, { __mode = "k" }) -- handle -> function() -> open?
local function read_handle(fh)
  local open = true
  local function get()
    if not open then error("attempt to use a closed file", 3) end
    return fh
  end
  local function close()
    if not open then return nil, "attempt to use a closed file" end
    open = false
    return fh:close()
  end
  local h = setmetatable({}, {
    __index = {
      read = function(_, ...) return get():read(...) end,
      lines = function(_, ...) return get():lines(...) end,
      seek = function(_, ...) return get():seek(...) end,
      close = function() return close() end,
    },
    __close = function() if open then close() end end,
    __name = "sandbox file",
    __metatable = false,
  })
  handles[h] = function() return open end
  return h
end

local function make_io(rules)
  local sio = {}
  function sio.open(path, mode)
    mode = mode or "r"
    if type(mode) ~= "string" or not mode:match("^rb?$") then
      error(string.format("io.open('%s', '%s'): writing files is not allowed in a sandboxed script%s",
        tostring(path), tostring(mode), TRUST_HINT), 2)
    end
    local real, err = check_read(rules, "io.open", path)
    if not real then return nil, err end
    local fh, oerr = io.open(real, mode)
    if not fh then return nil, oerr end
    return read_handle(fh)
  end
  function sio.lines(path, ...)
    if path == nil then
      error("io.lines() without a file name (standard input) is not allowed in a sandboxed script", 2)
    end
    local real, err = check_read(rules, "io.lines", path)
    if not real then error(err, 2) end
    return (io.lines(real, ...)) -- the iterator only, not the file handle
  end
  sio.type = function(x)
    local is_open = handles[x]
    if is_open then return is_open() and "file" or "closed file" end
    return nil
  end
  return guarded_lib(sio, "io")
end

-- The naskh module as a sandboxed script sees it.
local function make_naskh(rules)
  local t = {}
  for _, k in ipairs(M.NASKH_ALLOW) do t[k] = naskh[k] end
  -- naskh.gazetteer(path | {files=, entries=, variants=} | {entry...} [, opts])
  t.gazetteer = function(spec, o)
    if type(spec) == "string" then
      local real, err = check_read(rules, "naskh.gazetteer", spec)
      if not real then return nil, err end
      return naskh.gazetteer(real, o)
    end
    if type(spec) == "table" and getmetatable(spec) ~= nil then
      error("naskh.gazetteer: a table with a metatable is not accepted in a sandboxed script", 2)
    end
    if type(spec) == "table" and (rawget(spec, "files") ~= nil or rawget(spec, "entries") ~= nil) then
      local files = rawget(spec, "files")
      local checked = {}
      if type(files) == "string" then files = { files } end
      if type(files) == "table" then
        for i = 1, rawlen(files) do
          local f = rawget(files, i)
          if type(f) ~= "string" then return naskh.gazetteer({ files = { f } }) end
          local real, err = check_read(rules, "naskh.gazetteer", f)
          if not real then return nil, err end
          checked[i] = real
        end
      end
      return naskh.gazetteer({ files = checked, entries = rawget(spec, "entries"),
        variants = rawget(spec, "variants") }, o)
    end
    return naskh.gazetteer(spec, o)
  end
  t.gazetteer_load = function(path)
    local real, err = check_read(rules, "naskh.gazetteer_load", path)
    if not real then return nil, err end
    return naskh.gazetteer_load(real)
  end
  local deny = {}
  for _, k in ipairs(M.NASKH_DENY) do deny[k] = true end
  return setmetatable(t, {
    __index = function(_, k)
      if deny[k] or naskh[k] ~= nil then
        error(string.format("naskh.%s is not available in a sandboxed script%s", tostring(k),
          TRUST_HINT), 2)
      end
      return nil
    end,
  })
end

-- An error value as a string, whatever it is: a table's __tostring runs here, so inside a
-- limited call (a __tostring that loops is stopped by the time limit, one that fails or
-- returns something else gives "(error object is a table value)").
local function error_text(e)
  if type(e) == "string" then return e end
  local ok, s = pcall(tostring, e)
  if ok and type(s) == "string" then return s end
  return string.format("(error object is a %s value)", type(e))
end
M.error_text = error_text

-- fn(...) whose errors leave as strings (converted while the limits still hold).
local function call_to_string(fn, ...)
  local r = table.pack(pcall(fn, ...))
  if r[1] then return table.unpack(r, 2, r.n) end
  error(error_text(r[2]), 0)
end

-- Run fn(...) under the limits; returns its first result or raises a clear error.
-- info: {name=, memory_mb=, seconds=, what=function() -> "document 'x'",
-- charge=, label=} where charge = {mem=, secs=} is what earlier calls for the same
-- document used (updated here), so the budget is per document; label replaces
-- "stage 'NAME' ... on WHAT" in the messages (e.g. "writing document 'x'").
local active = false
local function limited(info, fn, ...)
  if active then return fn(...) end
  local mb, secs = info.memory_mb, info.seconds
  local charge = info.charge
  local bytes = (mb and mb > 0) and math.floor(mb * 1048576) or nil
  if secs and secs <= 0 then secs = nil end
  local left_bytes, left_secs = bytes, secs
  if charge then
    if bytes then left_bytes = math.max(1, bytes - charge.mem) end
    if secs then left_secs = math.max(1e-6, secs - charge.secs) end
  end
  local what = info.what and info.what() or "its start"
  local shared = charge and (charge.mem > 0 or charge.secs > 0)
    and " (the budget of all script stages for one document)" or ""
  local who = info.label or string.format("stage '%s'", info.name)
  local on = info.label and "" or (" on " .. what)
  local wdmsg = secs and string.format(
    "%s exceeded the time limit of %g s%s inside a C function " ..
    "(a runaway string pattern?); stopping the run", who, secs, on) or nil
  active = true
  local kind, val, where, _, growth, elapsed = naskh._limited(left_bytes, left_secs, wdmsg,
    call_to_string, fn, ...)
  active = false
  if charge then
    charge.mem = math.max(0, charge.mem + (growth or 0))
    charge.secs = charge.secs + (elapsed or 0)
  end
  if kind == "ok" then return val end
  if kind == "error" then error(val, 0) end
  local at = where and (" at " .. where) or ""
  if kind == "memory" then
    error(string.format("%s exceeded the memory limit of %g MiB%s%s%s " ..
      "(raise it with --set limits.memory_mb=N or `limits: {memory_mb: N}` in the recipe)",
      who, mb, on, at, shared), 0)
  end
  error(string.format("%s exceeded the time limit of %g s%s%s%s " ..
    "(raise it with --set limits.seconds=N or `limits: {seconds: N}` in the recipe)",
    who, secs, on, at, shared), 0)
end
M.limited = limited

-- A fresh environment for one user script. opts: {rules=, dir=} (file access).
function M.env(trust, opts)
  if trust then
    return setmetatable({}, { __index = _G })
  end
  opts = opts or {}
  local rules = opts.rules or new_rules()
  local env = {}
  for _, k in ipairs(SAFE) do env[k] = _G[k] end
  M.guard_methods()
  for _, k in ipairs(SAFE_LIBS) do env[k] = copy_lib(_G[k]) end
  env.string = {}
  for _, k in ipairs(M.ALLOW.methods.string) do env.string[k] = string[k] end
  env.print = function(...)
    local n = select("#", ...)
    local parts = {}
    for i = 1, n do parts[i] = tostring((select(i, ...))) end
    io.stderr:write(table.concat(parts, "\t"), "\n")
  end
  -- Only metatables the script set itself are visible: those of strings,
  -- userdata and naskh's own tables (documents' meta...) are shared with naskh.
  local own = setmetatable({}, { __mode = "k" })
  env.getmetatable = function(v)
    local mt = getmetatable(v)
    if type(v) == "table" and mt ~= nil and (own[mt] or type(mt) ~= "table") then return mt end
    return nil
  end
  env.setmetatable = function(t, mt)
    if type(mt) == "table" and rawget(mt, "__gc") ~= nil then
      error("setmetatable: __gc metamethods are not allowed in a sandboxed script" .. TRUST_HINT, 2)
    end
    local r = setmetatable(t, mt)
    if type(mt) == "table" then own[mt] = true end
    return r
  end
  env.load = function(chunk, name, mode, e)
    if mode ~= nil and mode ~= "t" then
      error("load: only text chunks are allowed in a sandboxed script (mode 't')", 2)
    end
    if name == nil then name = type(chunk) == "string" and chunk or "=(load)" end
    return load(chunk, mark(tostring(name)), "t", e == nil and env or e)
  end
  -- coroutines: a thread made now runs under the same hook as its creator;
  -- resume re-arms it in case it was made outside a limited call.
  local co = copy_lib(coroutine)
  co.create = function(f) return mark(coroutine.create(f)) end
  co.resume = function(th, ...)
    if type(th) == "thread" then naskh._limits_arm(th) end
    return coroutine.resume(th, ...)
  end
  co.wrap = function(f)
    local th = coroutine.create(f)
    mark(th)
    return function(...)
      naskh._limits_arm(th)
      local r = table.pack(coroutine.resume(th, ...))
      if not r[1] then error(r[2], 0) end
      return table.unpack(r, 2, r.n)
    end
  end
  env.coroutine = co
  env.os = guarded_lib({ clock = os.clock, date = os.date, time = os.time, difftime = os.difftime }, "os")
  env.io = make_io(rules)
  env.naskh = make_naskh(rules)
  local loaded = { naskh = env.naskh }
  env.require = function(name)
    if type(name) ~= "string" then error("require: module name must be a string", 2) end
    if loaded[name] ~= nil then return loaded[name] end
    if not name:match("^[%w_]+[%w_.]*$") or name:find("..", 1, true) then
      error(string.format("require('%s'): not a Lua module name", name), 2)
    end
    local file = (opts.dir or ".") .. "/" .. name:gsub("%.", "/") .. ".lua"
    local real = naskh._realpath(file)
    if not real or not inside(rules, real) then
      error(string.format("require('%s'): only Lua files beside the script can be required in a " ..
        "sandboxed script (no C modules, no system modules)%s", name, TRUST_HINT), 2)
    end
    local fh = io.open(real, "rb")
    local src = fh and fh:read("a")
    if fh then fh:close() end
    if not src then error(string.format("require('%s'): cannot read %s", name, real), 2) end
    local chunk, err = load(src, mark("@" .. file), "t", env)
    if not chunk then error(err, 2) end
    local v = chunk(name, file)
    if v == nil then v = true end
    loaded[name] = v
    return v
  end
  env._G = env
  return setmetatable(env, {
    __index = function(_, k)
      if FORBIDDEN_GLOBALS[k] then error(FORBIDDEN_GLOBALS[k] .. TRUST_HINT, 2) end
      error(string.format("undefined global '%s'", tostring(k)), 2)
    end,
  })
end

-- A copy of plain data from the script (no functions, no metatables, bounded).
local function copy_data(v, depth, budget)
  if type(v) ~= "table" then
    if type(v) == "function" or type(v) == "thread" or type(v) == "userdata" then return nil end
    return v
  end
  if depth > 20 then return nil end
  local t = {}
  local k, x = next(v)
  while k ~= nil do
    budget.n = budget.n - 1
    if budget.n < 0 then break end
    if type(k) == "string" or type(k) == "number" or type(k) == "boolean" then
      t[k] = copy_data(x, depth + 1, budget)
    end
    k, x = next(v, k)
  end
  return t
end

-- The ctx a sandboxed function sees: the same data, the sandboxed naskh module.
local ctx_cache = setmetatable({}, { __mode = "k" })
local function sandbox_ctx(ctx, env)
  if type(ctx) ~= "table" then return ctx end
  local p = ctx_cache[ctx]
  if p then return p end
  p = {}
  for k, v in pairs(ctx) do
    local tv = type(v)
    if tv == "string" or tv == "number" or tv == "boolean" then p[k] = v end
  end
  p.naskh = env.naskh
  p.cache = ctx.cache
  p.limits = copy_data(ctx.limits or {}, 0, { n = 100 })
  function p.resolve(_, path) return ctx:resolve(path) end
  function p.warn(_, msg) return ctx:warn(tostring(msg)) end
  ctx_cache[ctx] = p
  return p
end

-- Let the script read files named by string options of its stage (and the recipe's directory).
local function declare(rules, ctx, opts)
  if type(ctx) ~= "table" then return end
  if not rules.ctx_done then
    rules.ctx_done = true
    if ctx.recipe_dir then add_dir(rules, ctx.recipe_dir) end
    if ctx.home then add_dir(rules, ctx.home .. "/configs") end
  end
  if type(opts) == "table" and not rules.opts_seen[opts] then
    rules.opts_seen[opts] = true
    local function visit(v, depth)
      if type(v) == "string" and #v > 0 and #v < 4096 and ctx.resolve then
        local okr, p = pcall(ctx.resolve, ctx, v)
        if okr and type(p) == "string" and naskh.filetype(p) == "file"
          and (not ctx.allowed or ctx:allowed(p)) then
          add_file(rules, p)
        end
      elseif type(v) == "table" and depth < 3 then
        for _, x in pairs(v) do visit(x, depth + 1) end
      end
    end
    visit(opts, 0)
  end
end

local function limits_of(ctx, trust)
  local lim = type(ctx) == "table" and type(ctx.limits) == "table" and ctx.limits or {}
  local mb, secs = lim.memory_mb, lim.seconds
  if not trust then
    mb = mb or M.DEFAULT_MEMORY_MB
    secs = secs or M.DEFAULT_SECONDS
  end
  return mb, secs
end

local function target_name(t)
  if type(t) ~= "table" then return "its start" end
  if t.docs ~= nil and t.text == nil then return "the corpus" end
  return string.format("document '%s'", tostring(t.id))
end

-- What the script calls for each document have used so far ({mem=, secs=}),
-- shared by every script stage (weak keys: it goes with the document).
local charges = setmetatable({}, { __mode = "k" })

local function charge_of(t)
  if type(t) ~= "table" or rawget(t, "text") == nil then return nil end -- the corpus, or no document
  local c = charges[t]
  if not c then c = { mem = 0, secs = 0 }; charges[t] = c end
  return c
end

-- Wrap one of the script's functions: fn(target, opts, ctx) (ctxpos 3) or init(opts, ctx) (ctxpos 2).
local function wrap(st_name, fn, ctxpos, env, rules, trust)
  return function(...)
    local args = table.pack(...)
    local ctx = args[ctxpos]
    if rules then declare(rules, ctx, args[ctxpos - 1]) end
    if not trust then args[ctxpos] = sandbox_ctx(ctx, env) end
    local mb, secs = limits_of(ctx, trust)
    local name = st_name
    if type(ctx) == "table" and type(ctx.stage) == "string" then name = ctx.stage end
    return limited({
      name = name, memory_mb = mb, seconds = secs,
      charge = ctxpos == 3 and charge_of(args[1]) or nil,
      what = function() return ctxpos == 3 and target_name(args[1]) or "its start" end,
    }, fn, table.unpack(args, 1, args.n))
  end
end

local WRAPPED = { run = 3, markdown = 3, html = 3, init = 2, finish = 2 }

-- The trusted stage table built from what the script returned: plain data
-- copied, functions wrapped, so the script cannot swap them later.
local function seal(v, path, env, rules, trust)
  if type(v) ~= "table" then return v end
  local st_name = path:match("([^/]+)%.lua$") or path
  if type(rawget(v, "name")) == "string" then st_name = rawget(v, "name") end
  local st = {}
  local k, x = next(v)
  local budget = { n = 100000 }
  while k ~= nil do
    if type(k) == "string" then
      if type(x) == "function" then
        local pos = WRAPPED[k] or 3
        st[k] = wrap(st_name, x, pos, env, rules, trust)
      else
        st[k] = copy_data(x, 0, budget)
      end
    end
    k, x = next(v, k)
  end
  return st
end

-- Load the stage file at path; returns its (sealed) stage table or nil, message.
M.MAX_SCRIPT_BYTES = 16 << 20

function M.load_stage(path, trust)
  local kind = naskh.filetype(path)
  if kind and kind ~= "file" then
    return nil, string.format("cannot read script %s: not a regular file (%s)", path, kind)
  end
  local fh, err = io.open(path, "rb")
  if not fh then return nil, "cannot read script " .. err end
  local size = fh:seek("end")
  local src
  if size and size <= M.MAX_SCRIPT_BYTES then
    fh:seek("set")
    src = fh:read("a")
  end
  fh:close()
  if not src then
    return nil, string.format("cannot read script %s%s", path,
      size and size > M.MAX_SCRIPT_BYTES and ": larger than 16 MiB" or "")
  end
  local rules = new_rules()
  rules.opts_seen = setmetatable({}, { __mode = "k" })
  local dir = dirname(path)
  rules.base = naskh._realpath(dir) or dir
  add_dir(rules, dir)
  local env = M.env(trust, { rules = rules, dir = dir })
  local chunk, lerr = load(src, trust and "@" .. path or mark("@" .. path), "t", env)
  if not chunk then return nil, lerr end
  local mb, secs = limits_of(nil, trust)
  local ok, v = pcall(limited, {
    name = path:match("([^/]+)%.lua$") or path, memory_mb = mb, seconds = secs,
    what = function() return "loading" end,
  }, chunk)
  if not ok then return nil, tostring(v) end
  return seal(v, path, env, rules, trust)
end

return M
