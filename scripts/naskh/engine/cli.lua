-- naskh.engine.cli: the `naskh` command line. Each subcommand is a module
-- naskh.cmd.<name> returning {summary=, usage=, help=, options=, run=};
-- this file parses options from their schemas, prints help, and turns
-- errors into "naskh: message" and the documented exit status
-- (0 success, 1 some documents failed, 2 usage/config/input error).
local naskh = require "naskh"
local suggest = require "naskh.engine.suggest"
local json = require "naskh.engine.json"
local fpaths = require "naskh.engine.paths"
local formats = require "naskh.io.formats"

local M = {}

M.COMMANDS = {
  "run", "recipes", "lint", "normalize", "split", "tokens", "match", "entities", "gazetteer",
  "summarize", "idf", "train", "eval", "script", "docs", "help", "completion",
}

-- Options every command accepts.
M.COMMON = {
  help = { type = "boolean", short = "h", doc = "show this help" },
  quiet = { type = "boolean", short = "q", doc = "no progress or warnings on stderr" },
  verbose = { type = "boolean", short = "v", doc = "more detail on stderr" },
}

-- Commands that write their results on stdout and take -o FILE from here (the others
-- declare their own `output`, or have no results to write: help, script...).
M.OUTPUT = { type = "string", short = "o", arg = "FILE",
  doc = "write to FILE instead of stdout (a temporary file renamed when complete)" }
-- The same for a command with --format: the file's extension chooses among its formats.
M.OUTPUT_BY_EXTENSION = { type = "string", short = "o", arg = "FILE", by_extension = true,
  doc = "write to FILE instead of stdout (a temporary file renamed when complete), in the format its extension names (.jsonl .json .md .txt) unless --format is given" }
M.STDOUT_COMMANDS = { split = true, tokens = true, match = true, entities = true, normalize = true,
  summarize = true, eval = true, recipes = true, lint = true, docs = true, completion = true }

-- The text commands read their input in pieces cut at line ends (M.chunks); a line with no
-- break in it is held whole, so its size is bounded like a document's in `naskh run`.
M.MAX_PIECE_MB = 64
M.MAX_PIECE = { type = "number", arg = "N", min = 0,
  doc = "refuse a line (a paragraph where pieces end at blank lines) longer than N MB " ..
    "instead of holding it in memory (default " .. M.MAX_PIECE_MB .. "; 0: no limit)" }
M.PIECE_COMMANDS = { split = true, tokens = true, match = true, entities = true, normalize = true }

-- The options a command takes: its own, the common ones, -o for M.STDOUT_COMMANDS,
-- --max-doc-mb for M.PIECE_COMMANDS.
function M.options_of(name, mod)
  local all = {}
  for k, v in pairs(M.COMMON) do all[k] = v end
  if M.STDOUT_COMMANDS[name] then
    all.output = mod and mod.options and mod.options.format and M.OUTPUT_BY_EXTENSION or M.OUTPUT
  end
  if M.PIECE_COMMANDS[name] then all["max-doc-mb"] = M.MAX_PIECE end
  for k, v in pairs(mod and mod.options or {}) do all[k] = v end
  return all
end

-- Whether -o PATH is a file the command reads: one of its arguments, a file an
-- option names (match -g, summarize --idf...) or the file standard input comes
-- from when no argument names a file (`naskh split -o a.txt < a.txt`); the same
-- file by device and inode, through symbolic links too. Returns "the input 'X'"
-- or nil. (`naskh run` checks its own: recipe, inputs and the files stages read.)
function M.clobbered(path, pos, opts)
  if path == "-" or naskh.filetype(path) ~= "file" then return nil end
  local id = fpaths.id(path)
  if not id then return nil end
  local function same(p) return type(p) == "string" and p ~= "-" and fpaths.id(p) == id end
  local reads_stdin = true
  for _, a in ipairs(pos) do
    if a == "-" then reads_stdin = true; break end
    if type(a) == "string" and naskh.filetype(a) then reads_stdin = false end
  end
  for _, a in ipairs(pos) do if same(a) then return string.format("the input '%s'", a) end end
  for k, v in pairs(opts) do
    if k ~= "output" then
      if same(v) then return string.format("the input '%s'", v) end
      if type(v) == "table" then
        for _, x in ipairs(v) do if same(x) then return string.format("the input '%s'", x) end end
      end
    end
  end
  if reads_stdin and fpaths.stdin_id() == id then return "the input on standard input" end
  return nil
end

-- -o FILE without --format, in a command that prints (split, tokens, summarize, eval...): the
-- format its extension names (.jsonl .json .md .txt, naskh.io.formats), when the command writes
-- it; nil for other names (out.dat, -); an error when the command writes no such format (a
-- .json file would hold text).
function M.format_by_extension(cmdname, path, names)
  local ext = path:match("%.([%w]+)$")
  local fmt = ext and formats.EXTENSIONS[ext:lower()]
  if not fmt or not names then return nil end
  for _, n in ipairs(names) do
    if n == fmt or formats.ALIASES[n] == fmt then return n end
  end
  M.fail(2, string.format("%s: -o %s: its extension asks for %s, which %s does not write (it writes %s): " ..
    "choose with --format or another extension", cmdname, path, fmt, cmdname, table.concat(names, ", ")))
end

-- An error that ends the command with an exit status.
local Exit = {}
Exit.__index = Exit
Exit.__tostring = function(e) return e.msg end
local function fail(code, msg) error(setmetatable({ code = code, msg = msg }, Exit), 0) end
M.fail = fail

local function load_command(name)
  local ok, mod = pcall(require, "naskh.cmd." .. name)
  if ok then return mod end
  if tostring(mod):find("module 'naskh.cmd." .. name .. "' not found", 1, true) then return nil end
  error(mod, 0)
end
M.load_command = load_command

--[[
Parse args (a list of strings) against an option schema; the one parser of every command.
Returns opts (with .help etc.) and positionals; raises usage errors (exit 2).
Long options: --name VALUE, --name=VALUE, --no-name (booleans). Short ones bundle as in
POSIX: -qj2 is -q -j 2, -ofile is -o file. `--` ends the options. A field may carry
`sets = {VALUE = {name = value...}}`: that value also sets other options (so `--format json`
and the older `--json` mean the same to the command).
]]
function M.parse(args, options, cmdname)
  local all = {}
  for k, v in pairs(M.COMMON) do all[k] = v end
  for k, v in pairs(options or {}) do all[k] = v end
  local shorts, names = {}, {}
  for k, f in pairs(all) do
    names[#names + 1] = k
    if f.short then shorts[f.short] = k end
  end
  table.sort(names)
  local opts, pos = {}, {}
  local function set(name, f, value, flag)
    if f.type == "boolean" then
      if value ~= nil and f.modes then -- --join-lines=auto|always|never beside true/false
        for _, m in ipairs(f.modes) do
          if value == m then opts[name] = value; return false end
        end
      end
      if value ~= nil then
        local v
        if value == "true" or value == "yes" or value == "1" then
          v = true
        elseif value == "false" or value == "no" or value == "0" then
          v = false
        end
        if v == nil then
          fail(2, string.format("%s: option %s expects %s, got %q", cmdname, flag,
            f.modes and (table.concat(f.modes, ", ") .. ", true or false") or "true or false", value))
        end
        opts[name] = v
      else
        opts[name] = true
      end
      return false
    end
    if value == nil then return true end -- needs the next argument
    local v = value
    if f.type == "integer" then
      v = math.tointeger(tonumber(value))
      if not v then fail(2, string.format("%s: option %s expects an integer, got %q", cmdname, flag, value)) end
      if f.min and v < f.min then fail(2, string.format("%s: option %s must be >= %d", cmdname, flag, f.min)) end
    elseif f.type == "number" then
      v = tonumber(value)
      if not v then fail(2, string.format("%s: option %s expects a number, got %q", cmdname, flag, value)) end
      if f.min and v < f.min then fail(2, string.format("%s: option %s must be >= %g", cmdname, flag, f.min)) end
    end
    if f.enum then
      local okv = false
      for _, e in ipairs(f.enum) do if e == v then okv = true end end
      if not okv then
        fail(2, string.format("%s: option %s must be one of: %s%s", cmdname, flag,
          table.concat(f.enum, ", "), type(v) == "string" and suggest.closest(v, f.enum)
          and string.format(" (did you mean '%s'?)", suggest.closest(v, f.enum)) or ""))
      end
    end
    if f.list then
      opts[name] = opts[name] or {}
      table.insert(opts[name], v)
    else
      opts[name] = v
    end
    return false
  end
  local i, only_pos = 1, false
  while i <= #args do
    local a = args[i]
    if only_pos or a == "-" or a:sub(1, 1) ~= "-" then
      pos[#pos + 1] = a
    elseif a == "--" then
      only_pos = true
    else
      local name, value, flag
      if a:sub(1, 2) == "--" then
        name, value = a:match("^%-%-([^=]+)=(.*)$")
        if not name then name = a:sub(3) end
        flag = "--" .. name
        if not all[name] and name:sub(1, 3) == "no-" and all[name:sub(4)] and all[name:sub(4)].type == "boolean" then
          name = name:sub(4)
          value = "false"
        end
      else
        -- POSIX bundling: -qj2 is -q -j 2; -ofile is -o file; flags before the last one
        -- take no value
        local k = 2
        while true do
          local c = a:sub(k, k)
          name = shorts[c]
          flag = "-" .. c
          if not name then
            fail(2, string.format("%s: unknown option '%s'%s; see `naskh %s --help`", cmdname, flag,
              #a > 2 and (" in '" .. a .. "'") or "", cmdname))
          end
          if all[name].type ~= "boolean" or k == #a then
            if k < #a then value = a:sub(k + 1) end
            break
          end
          set(name, all[name], nil, flag)
          k = k + 1
        end
      end
      local f = all[name]
      if not f then
        fail(2, string.format("%s: unknown option '--%s'%s; see `naskh %s --help`", cmdname, name,
          (suggest.closest(name, names) and string.format(" (did you mean '--%s'?)", suggest.closest(name, names)) or ""),
          cmdname))
      end
      if set(name, f, value, flag) then
        i = i + 1
        if args[i] == nil then fail(2, string.format("%s: option %s needs a value", cmdname, flag)) end
        set(name, f, args[i], flag)
      end
    end
    i = i + 1
  end
  if opts.format == nil and type(opts.output) == "string" and all.output.by_extension and all.format then
    opts.format = M.format_by_extension(cmdname, opts.output, all.format.enum)
  end
  for k, f in pairs(options or {}) do
    if opts[k] == nil and f.default ~= nil then opts[k] = f.default end
  end
  for k, f in pairs(all) do
    local also = f.sets and opts[k] ~= nil and f.sets[opts[k]]
    if also then for kk, vv in pairs(also) do if opts[kk] == nil then opts[kk] = vv end end end
  end
  return opts, pos
end

-- The help text of one command, from its module.
function M.command_help(name, mod)
  local lines = { "usage: " .. (mod.usage or ("naskh " .. name)), "" }
  if mod.summary then lines[#lines + 1] = mod.summary end
  if mod.help then lines[#lines + 1] = ""; lines[#lines + 1] = mod.help end
  local all = M.options_of(name, mod)
  local names = {}
  for k in pairs(all) do names[#names + 1] = k end
  table.sort(names)
  lines[#lines + 1] = ""
  lines[#lines + 1] = "options:"
  for _, k in ipairs(names) do
    local f = all[k]
    local flag = "--" .. k .. ((f.type ~= "boolean") and ("=" .. (f.arg or f.type:upper()))
      or (f.modes and ("[=" .. table.concat(f.modes, "|") .. "]")) or "")
    if f.short then flag = "-" .. f.short .. ", " .. flag end
    local doc = f.doc or ""
    if f.default ~= nil and f.type ~= "boolean" then doc = doc .. " (default: " .. tostring(f.default) .. ")" end
    if f.list then doc = doc .. " (repeatable)" end
    lines[#lines + 1] = string.format("  %-26s %s", flag, doc)
  end
  return table.concat(lines, "\n") .. "\n"
end

function M.general_help()
  local lines = {
    "naskh " .. naskh.version .. " — Arabic news text toolkit",
    "",
    "usage: naskh COMMAND [OPTIONS] [ARGS]",
    "",
    "commands:",
  }
  for _, name in ipairs(M.COMMANDS) do
    local mod = load_command(name)
    if mod then lines[#lines + 1] = string.format("  %-11s %s", name, mod.summary or "") end
  end
  lines[#lines + 1] = ""
  lines[#lines + 1] = "`naskh help COMMAND` or `naskh COMMAND --help` for a command's options;"
  lines[#lines + 1] = "`naskh help STAGE` for a pipeline stage; `naskh recipes` lists bundled recipes."
  lines[#lines + 1] = "Exit status: 0 success, 1 some documents failed, 2 usage, config or input error."
  return table.concat(lines, "\n") .. "\n"
end

-- M.chunks(path, cut [, size]) (also cli.chunks): the file (or stdin for "-") read in blocks
-- of `size` bytes (default 1 MiB) and handed out in pieces that end just after a cut point:
-- cut = "line" (a line break) or "blank" (a blank line), for work where nothing crosses one
-- (tokens, matches, sentences, normalization). A for-loop gets piece, byte_base, cp_base (0-based offsets of the piece in the
-- input). Memory is a piece and a block whatever the input's size; a piece grows past `size`
-- only where the text has no cut point. The last piece is whatever is left.
-- cut may name a fallback after a bar, used when a block holds no cut point of the first kind:
-- "blank|line" (paragraphs where there are, or else lines) and "line|space" (a line longer
-- than a block is cut after a space or tab, for work where nothing crosses one: tokens), so
-- that a piece stays about `size` however the text is laid out.
-- nocount: cp_base is not computed (nil), for a consumer that counts the code points itself.
-- max: a piece may not grow past max bytes (a line with no break in it): the command fails
-- (exit 2) naming the place and --max-doc-mb, before the piece is held (nil: no limit).
function M.chunks(path, cut, size, nocount, max)
  size = size or (1 << 20)
  local fallback
  cut, fallback = cut:match("^([^|]+)|?(.*)$")
  if fallback == "" then fallback = nil end
  local fh = io.stdin
  if path ~= "-" then
    local err
    fh, err = io.open(path, "rb")
    if not fh then fail(2, "cannot open " .. tostring(err)) end
  end
  -- pend: what was read and not handed out yet; tail: its last bytes, searched again with
  -- the next block so that a cut point across two blocks is found (a blank line holding more
  -- than TAIL bytes of spaces across a block end is not: the piece is only longer)
  local TAIL = 256
  local pend, tail, bbase, cbase, done, held = {}, "", 0, 0, false, 0
  local function last_cut(buf)
    if cut == "line" then
      return naskh.last_of(buf, "\n")
    end
    local at, init = nil, 1
    while true do
      local _, b = buf:find("\n[ \t\r]*\n", init)
      if not b then return at end
      at, init = b, b
    end
  end
  local function hand(piece)
    local b, c = bbase, cbase
    if nocount then
      bbase = bbase + #piece
      return piece, b, nil
    end
    bbase, cbase = bbase + #piece, cbase + naskh.cplen(piece)
    return piece, b, c
  end
  return function()
    while not done do
      local block, err = fh:read(size)
      if not block then
        if err then fail(2, string.format("cannot read %s: %s", path == "-" and "stdin" or path, err)) end
        done = true
        if fh ~= io.stdin then fh:close() end
        if #pend > 0 then
          local piece = table.concat(pend)
          pend = {}
          return hand(piece)
        end
        return nil
      end
      -- a line break is one byte, so only a blank line can straddle two blocks
      local k
      if cut == "line" then
        k = last_cut(block)
      else
        k = last_cut(tail .. block)
        k = k and k - #tail
      end
      if not (k and k > 0) and fallback then
        k = naskh.last_of(block, fallback == "line" and "\n" or " \t")
      end
      if k and k > 0 then
        local piece = #pend == 0 and k == #block and block
          or table.concat(pend) .. (k == #block and block or block:sub(1, k))
        local rest = k < #block and block:sub(k + 1) or nil
        pend = { rest }
        held = rest and #rest or 0
        tail = (rest and cut ~= "line") and rest:sub(-TAIL) or ""
        return hand(piece)
      end
      pend[#pend + 1] = block
      held = held + #block
      if max and held > max then
        local para = cut == "blank" and fallback ~= "line"
        fail(2, string.format("%s: a %s of more than %g MB at byte %d (no %s in it); not processed (raise " ..
          "the limit with --max-doc-mb N, 0 for none)", path == "-" and "<stdin>" or path,
          para and "paragraph" or "line", max / (1 << 20), bbase, para and "blank line" or "line break"))
      end
      if cut ~= "line" then tail = (#block >= TAIL) and block:sub(-TAIL) or (tail .. block):sub(-TAIL) end
    end
    return nil
  end
end

-- The cli object handed to commands.
local function make_cli(env)
  local cli = { home = env.home, tty = env.tty, fail = fail, json = json }
  io.stdout:setvbuf("full")
  function cli.out(...) io.stdout:write(...) end
  function cli.err(msg) io.stderr:write("naskh: ", msg, "\n") end
  function cli.usage_error(msg) fail(2, msg) end
  function cli.read_stdin() return io.stdin:read("a") or "" end
  function cli.read_file(path)
    if path == "-" then return cli.read_stdin() end
    local fh, err = io.open(path, "rb")
    if not fh then fail(2, "cannot open " .. err) end
    local s = fh:read("a")
    fh:close()
    if not s then fail(2, "cannot read " .. path) end
    return s
  end
  function cli.chunks(path, cut, size, nocount)
    return M.chunks(path, cut, size, nocount, cli.max_piece)
  end
  function cli.parse(args, options, name) return M.parse(args, options, name) end
  return cli
end

local function handler(err)
  if getmetatable(err) == Exit then return err end
  if M.debug or os.getenv("NASKH_DEBUG") then return debug.traceback(tostring(err), 2) end
  return tostring(err)
end

-- main(argv, env) -> exit status. argv[0] is the program, argv[1] the command.
function M.main(argv, env)
  local cli = make_cli(env)
  naskh.home = env.home -- the host's share dir, for naskh.engine.pipeline.default_home() in scripts
  local name = argv[1]
  local args = {}
  for i = 2, #argv do args[#args + 1] = argv[i] end
  local ok, res = xpcall(function()
    if name == nil then
      io.stderr:write(M.general_help())
      return 2
    end
    if name == "--version" or name == "-V" or name == "version" then
      cli.out(string.format("naskh %s (%s, libyaml, ICU)\n", naskh.version, _VERSION))
      return 0
    end
    if name == "--help" or name == "-h" then
      cli.out(M.general_help())
      return 0
    end
    local mod = load_command(name)
    if not mod then
      local avail = {}
      for _, c in ipairs(M.COMMANDS) do if load_command(c) then avail[#avail + 1] = c end end
      fail(2, string.format("unknown command '%s'%s; see `naskh --help`", name, suggest.hint(name, avail)))
    end
    local own_output = mod.options and mod.options.output
    local opts, pos = M.parse(args, M.options_of(name, mod), name)
    if opts.help then
      cli.out(M.command_help(name, mod))
      return 0
    end
    pos.opts = opts
    cli.quiet, cli.verbose = opts.quiet, opts.verbose
    if M.PIECE_COMMANDS[name] then
      local mb = opts["max-doc-mb"] or M.MAX_PIECE_MB
      cli.max_piece = mb > 0 and math.floor(mb * (1 << 20)) or nil
    end
    if opts.output and not mod.checks_outputs then
      local what = M.clobbered(opts.output, pos, opts)
      if what then
        fail(2, string.format("output '%s' is %s (the same file): writing it would destroy it; nothing " ..
          "was done (choose another output path)", opts.output, what))
      end
    end
    if opts.output and opts.output ~= "-" and not own_output then
      -- -o FILE for a command that prints: standard output itself (whatever writes to it, Lua
      -- or C) goes to a temporary file beside FILE, renamed to FILE when the command succeeds
      local path = opts.output
      local kind = naskh.filetype(path)
      if kind == "directory" then fail(2, string.format("cannot write output '%s': it is a directory", path)) end
      local target = kind == "other" and path or string.format("%s.tmp-%d-%d", path, os.time(), math.random(1, 1 << 30))
      local okto, err = naskh._stdout_to(target)
      if not okto then fail(2, string.format("cannot write output '%s': %s", path, tostring(err):gsub("^[^:]*: ", ""))) end
      -- SIGINT, SIGTERM and SIGHUP remove it too (bindings/lnk_sandbox.c), as run's outputs
      local registered = target ~= path and naskh._tmp_register and naskh._tmp_register(target)
      local function forget() if registered then naskh._tmp_forget(target) end end
      local okrun, rc = pcall(mod.run, pos, cli)
      local okflush, ferr = io.stdout:flush()
      if not okrun or (rc or 0) >= 2 or not okflush then
        if target ~= path then os.remove(target) end
        forget()
        if not okrun then error(rc, 0) end
        if not okflush then fail(2, string.format("cannot write output '%s': %s", path, tostring(ferr))) end
        return rc
      end
      if target ~= path then
        local okmv, merr = os.rename(target, path)
        if not okmv then os.remove(target) end
        forget()
        if not okmv then fail(2, string.format("cannot write output '%s': %s", path, tostring(merr))) end
      end
      return rc or 0
    end
    return mod.run(pos, cli) or 0
  end, handler)
  local flushed, ferr = io.stdout:flush()
  if not flushed then -- (the host reports a write error only when this did not)
    io.stderr:write("naskh: cannot write standard output: ", tostring(ferr), "\n")
    local code = ok and res or 2
    return (code == 0 or type(code) ~= "number") and 2 or code, true
  end
  if ok then return res end
  if getmetatable(res) == Exit then
    if res.msg and res.msg ~= "" then io.stderr:write("naskh: ", res.msg, "\n") end
    return res.code
  end
  io.stderr:write("naskh: ", tostring(res), "\n")
  return 2
end

return M
