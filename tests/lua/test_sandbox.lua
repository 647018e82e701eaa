-- The sandbox for users' Lua stages (scripts/naskh/engine/sandbox.lua, bindings/lnk_sandbox.c):
-- every forbidden action is refused with a clear error, limits stop runaway
-- scripts with a clear message, and the next call works normally.
local t = require "t"
local naskh = require "naskh"
local sandbox = require "naskh.engine.sandbox"

local budget = select(2, naskh._memory())
local tmp = os.tmpname()
os.remove(tmp)
assert(os.execute("mkdir -p '" .. tmp .. "/recipe/lib' '" .. tmp .. "/data' '" .. tmp .. "/secret'"))
local function write(path, s)
  local fh = assert(io.open(path, "wb"))
  fh:write(s)
  fh:close()
end
write(tmp .. "/recipe/words.txt", "alpha\nbeta\n")
write(tmp .. "/data/extra.txt", "gamma\n")
write(tmp .. "/secret/key.txt", "s3cret\n")
write(tmp .. "/recipe/lib/helper.lua", "return { twice = function(x) return 2 * x end }\n")

-- Load a stage script (source text) from the recipe directory.
local n = 0
local function stage(src, trust)
  n = n + 1
  local path = string.format("%s/recipe/s%d.lua", tmp, n)
  write(path, src)
  return sandbox.load_stage(path, trust)
end
local function ctx(limits, extra)
  local c = {
    cache = {}, home = tmp .. "/nohome", recipe_dir = tmp .. "/recipe", stage = "user",
    limits = limits or {}, naskh = naskh,
  }
  function c.resolve(_, p)
    if p:sub(1, 1) == "/" then return p end
    return tmp .. "/recipe/" .. p
  end
  function c.warn() end
  for k, v in pairs(extra or {}) do c[k] = v end
  return c
end
local function doc(id, text) return { id = id, text = text or "x", meta = {} } end

-- A stage whose run evaluates opts.code (a Lua chunk in the sandbox environment).
local eval = assert(stage([[
return {
  name = "eval",
  options = { code = { type = "string" }, file = { type = "string" } },
  run = function(doc, opts, ctx)
    local f = assert(load(opts.code, "=code"))
    doc.result = f(doc, opts, ctx)
  end,
}]]))

local function refused(title, code, pattern, opts)
  local o = { code = code }
  for k, v in pairs(opts or {}) do o[k] = v end
  t.checkerr(pattern, title, eval.run, doc("d1"), o, ctx())
end

t.test("a sandboxed stage loads and runs", function()
  local d = doc("d0")
  eval.run(d, { code = "return #(...).text + 1" }, ctx())
  assert(d.result == 2)
  assert(eval.name == "eval" and eval.options.code.type == "string")
end)

refused("os.execute is refused", "return os.execute('true')", "os.execute is not available in a sandboxed script (run with --trust")
refused("os.remove is refused", "return os.remove('/tmp/x')", "os.remove is not available")
refused("os.getenv is refused", "return os.getenv('HOME')", "os.getenv is not available")
refused("io.popen is refused", "return io.popen('ls')", "io.popen is not available in a sandboxed script")
refused("io.write is refused", "return io.write('x')", "io.write is not available")
refused("package is refused", "return package.loadlib('libc.so.6', 'system')", "'package' (package.loadlib, C modules) is not available")
refused("debug is refused", "return debug.getinfo(1)", "'debug' is not available")
refused("dofile is refused", "return dofile('/etc/passwd')", "dofile is not available")
refused("loadfile is refused", "return loadfile('/etc/passwd')", "loadfile is not available")
refused("collectgarbage is refused", "return collectgarbage('stop')", "collectgarbage is not available")
refused("require of a C module is refused", "return require('cjson')", "require('cjson'): only Lua files beside the script")
refused("require of a system module is refused", "return require('os')", "require('os'): only Lua files beside the script")
refused("require outside the script's directory is refused", "return require('..secret')", "not a Lua module name")
refused("bytecode is refused", "return load(string.char(27) .. 'Lua', 'b', 'b')", "only text chunks")
refused("reading /etc/passwd is refused", "return io.open('/etc/passwd')", "io.open('/etc/passwd'): reading outside the files this recipe declares is not allowed")
refused("reading through .. is refused", "return io.open('../secret/key.txt')", "reading outside the files")
refused("io.lines outside is refused", "for l in io.lines('/etc/hostname') do end", "io.lines('/etc/hostname'): reading outside")
refused("writing a file is refused", "return io.open('out.txt', 'w')", "writing files is not allowed in a sandboxed script")
refused("naskh.listdir is refused", "return naskh.listdir('/')", "naskh.listdir is not available in a sandboxed script")
refused("ctx.naskh.filetype is refused", "local d, o, c = ...; return c.naskh.filetype('/')", "naskh.filetype is not available")
refused("naskh.workers is refused", "return naskh.workers(1, print)", "naskh.workers is not available")
refused("the limits cannot be lifted", "return naskh._limited(nil, nil, nil, print)", "naskh._limited is not available")
refused("naskh.gazetteer cannot read outside", "return naskh.gazetteer('/etc/passwd')", "naskh.gazetteer('/etc/passwd'): reading outside")
refused("naskh.gazetteer files cannot read outside", "return naskh.gazetteer({files = {'/etc/passwd'}})", "reading outside")
refused("naskh.gazetteer_load cannot read outside", "return naskh.gazetteer_load('/etc/passwd')", "reading outside")
refused("a metatable cannot smuggle a path", "return naskh.gazetteer(setmetatable({}, {__index = function() return {'/etc/passwd'} end}))", "metatable is not accepted")
refused("__gc metamethods are refused", "setmetatable({}, {__gc = function() end})", "__gc metamethods are not allowed")
refused("undefined globals are errors", "return undefined_thing", "undefined global 'undefined_thing'")

t.test("shared metatables stay out of reach", function()
  local d = doc("d")
  eval.run(d, { code = "return {getmetatable(''), string.dump, getmetatable(naskh.null)}" }, ctx())
  assert(d.result[1] == nil and d.result[2] == nil and d.result[3] == nil)
end)

t.test("naskh's own metatables stay out of reach, the script's own are visible", function()
  local d = doc("d")
  d.meta = setmetatable({}, { __jsontype = "object" })
  eval.run(d, { code = "local d = ...; local mt = {}; local x = setmetatable({}, mt); " ..
    "return {getmetatable(d.meta) == nil, getmetatable(x) == mt}" }, ctx())
  assert(d.result[1] == true and d.result[2] == true)
end)

t.test("files in the recipe's directory can be read", function()
  local d = doc("d")
  eval.run(d, { code = "local f = assert(io.open('words.txt')); local s = f:read('a'); f:close(); return s" }, ctx())
  assert(d.result == "alpha\nbeta\n", tostring(d.result))
  eval.run(d, { code = "local n = 0; for _ in io.lines('words.txt') do n = n + 1 end; return n" }, ctx())
  assert(d.result == 2)
end)

t.test("a file named in the stage's options can be read", function()
  local d = doc("d")
  eval.run(d, { code = "return io.open(select(2, ...).file):read('a')", file = tmp .. "/data/extra.txt" }, ctx())
  assert(d.result == "gamma\n")
end)

t.test("a missing file in an allowed place is nil, message (as io.open)", function()
  local d = doc("d")
  eval.run(d, { code = "return {io.open('nope.txt')}" }, ctx())
  assert(d.result[1] == nil and d.result[2]:find("nope.txt", 1, true))
end)

t.test("require loads Lua files beside the script", function()
  local d = doc("d")
  eval.run(d, { code = "return require('lib.helper').twice(21)" }, ctx())
  assert(d.result == 42)
end)

t.test("the pure naskh functions are there", function()
  local d = doc("d", "جملة أولى. جملة ثانية.")
  eval.run(d, { code = "local d = ...; return #naskh.sentences(d.text)" }, ctx())
  assert(d.result == 2)
end)

t.test("every naskh function is classified for the sandbox", function()
  local known = {}
  for _, list in ipairs({ sandbox.NASKH_ALLOW, sandbox.NASKH_PATHS, sandbox.NASKH_DENY }) do
    for _, k in ipairs(list) do known[k] = true end
  end
  local missing = {}
  for k in pairs(naskh) do if not known[k] then missing[#missing + 1] = k end end
  table.sort(missing)
  assert(#missing == 0, "add to NASKH_ALLOW (pure) or NASKH_DENY (files, processes) in " ..
    "scripts/naskh/engine/sandbox.lua: " .. table.concat(missing, ", "))
end)

-- Capabilities: everything a sandboxed script can reach is on the one allow list
-- (sandbox.ALLOW). The walk starts from the environment and from values a script
-- can make or is given (ctx, a document with a Norm, gazetteers, files it may
-- read...), follows tables, keys and every metatable (the string metatable too),
-- and fails on a function of io/os/debug/package, load/dofile/require or a denied
-- naskh function; every userdata or string method not on the allow list must be
-- refused when sandboxed code calls it (Gazetteer:save wrote any file).
local seeds = [[
local d, opts, ctx = ...
local v = naskh.vocab()
return {
  env = _G, ctx = ctx, doc = d, str = "",
  g = naskh.gazetteer({ { id = "x", type = "T", name = "alpha" } }),
  g2 = naskh.gazetteer(opts.file), g3 = naskh.gazetteer({ files = { opts.file } }),
  norm = naskh.normview("alpha beta"), nz = naskh.normalizer(),
  vocab = v, simset = v:simset(), sentences = naskh.sentences("a. b."), tokens = naskh.tokens("a b"),
  spans = naskh.sentence_spans("a. b."), tspans = naskh.token_spans("a b"),
  pat = naskh.patterns("list m = x:1\npattern p = n=#1..31 m=@m", "p.pat"),
  cleaner = naskh._cleaner({}, {}, {}, { max_caption_words = 9, max_latin_words = 9, max_tail_words = 9 }),
  fh = io.open(opts.file), lines = table.pack(io.lines(opts.file)),
  co = coroutine.create(function() end), wrap = coroutine.wrap(function() end),
  req = require("lib.helper"),
}]]

t.test("every value reachable from the sandbox is on the allow list", function()
  local bad = {}
  -- the dangerous functions of the full library
  local danger = {}
  local function deny_all(tbl, name, except)
    for k, v in pairs(tbl) do
      if type(v) == "function" and not (except and except[k]) then danger[v] = name .. "." .. k end
    end
  end
  deny_all(io, "io")
  deny_all(os, "os", { clock = true, date = true, time = true, difftime = true })
  deny_all(debug, "debug")
  deny_all(package, "package")
  deny_all(package.loaded, "package.loaded")
  for _, f in ipairs(package.searchers) do danger[f] = "package.searchers" end
  for _, k in ipairs({ "load", "loadfile", "dofile", "require", "collectgarbage" }) do danger[_G[k]] = k end
  local allowed = {}
  for _, k in ipairs(sandbox.NASKH_ALLOW) do allowed[k] = true end
  for k, v in pairs(naskh) do
    if type(v) == "function" and not allowed[k] then danger[v] = "naskh." .. k end
  end

  local d = doc("walk", "alpha beta")
  d.norm = naskh.normview(d.text)
  eval.run(d, { code = seeds, file = "words.txt" }, ctx())
  assert(type(d.result) == "table" and d.result.g and d.result.fh, "seeds")

  local seen, types = {}, {}
  local function walk(v, path)
    local tv = type(v)
    if tv ~= "table" and tv ~= "function" and tv ~= "userdata" and tv ~= "thread" and tv ~= "string" then
      return
    end
    local key = tv == "string" and "<string>" or v
    if seen[key] then return end
    seen[key] = path
    if tv == "function" and danger[v] then bad[#bad + 1] = path .. " is " .. danger[v] end
    local mt = debug.getmetatable(v)
    if mt ~= nil then
      if tv == "userdata" or tv == "string" then
        local name = tv == "string" and "string" or tostring(rawget(mt, "__name"))
        types[name] = types[name] or { mt = mt, sample = v, path = path }
      end
      walk(mt, path .. "<metatable>")
    end
    if tv == "table" then
      for k, x in next, v do
        walk(k, path .. "<key>")
        walk(x, path .. "." .. tostring(k))
      end
    end
  end
  walk(d.result, "sandbox")
  for _, name in ipairs({ "naskh.Gazetteer", "naskh.Norm", "naskh.Normalizer", "naskh.Vocab", "naskh.SimSet",
    "naskh.Spans", "naskh.Patterns", "naskh.Cleaner", "string" }) do
    assert(types[name], "the walk reached " .. name)
  end

  -- Every method reached is called from the sandbox with a path to write: the ones off
  -- the allow list must be refused, and none (on the list or not) may write the file, so
  -- a method that writes (Gazetteer:save) fails this test even when put on the list.
  local methods = (sandbox.ALLOW or {}).methods or {}
  local target = tmp .. "/written-by-method"
  local n_refused, n_called = 0, 0
  for name, ty in pairs(types) do
    local idx = sandbox.method_table(ty.mt)
    local ok_names = {}
    for _, k in ipairs(methods[name] or {}) do ok_names[k] = true end
    if idx then
      for k, f in pairs(idx) do
        if type(f) == "function" and not sandbox.is_metamethod(k) then
          local dd = doc("m")
          dd.ud = ty.sample
          local okc, err = pcall(eval.run, dd, { code = "local d, o = ...; return d.ud[o.k](d.ud, o.path, o.path)",
            k = k, path = target }, ctx({ seconds = 5 }))
          n_called = n_called + 1
          local refusal = not okc and tostring(err):find("is not available in a sandboxed script", 1, true)
          if ok_names[k] then
            if refusal then bad[#bad + 1] = string.format("%s method '%s' is on the allow list but refused", name, k) end
          elseif not refusal then
            bad[#bad + 1] = string.format("%s method '%s' (%s) is not refused: %s", name, k, ty.path,
              okc and "it ran" or tostring(err))
          else
            n_refused = n_refused + 1
          end
          local fh = io.open(target)
          if fh then
            fh:close()
            os.remove(target)
            bad[#bad + 1] = string.format("%s method '%s' wrote %s", name, k, target)
          end
        end
      end
    elseif rawget(ty.mt, "__index") ~= nil then
      bad[#bad + 1] = name .. ": __index is neither a table of methods nor a function over mt.methods"
    end
  end
  assert(#bad == 0, "\n  " .. table.concat(bad, "\n  "))
  assert(n_refused >= 2 and n_called > n_refused, "string.dump and Gazetteer:save are refused, others ran")
end)

-- Every type the module registers, reached by the walk or not (a tagger, a trainer, the
-- entity finder's word lists, workers...): each method off the allow list is refused when
-- sandboxed code calls it (here with no object at all: the guard answers before the method
-- looks at its arguments), every name on the allow list is a method of its type, and no
-- metamethod (__gc, __tostring...) is wrapped by the guard.
t.test("every method of every naskh type is on the allow list or refused", function()
  local bad, n = {}, 0
  local types = naskh._metatables()
  types.string = getmetatable("")
  for name, mt in pairs(types) do
    local idx = sandbox.method_table(mt)
    local ok_names = {}
    for _, k in ipairs(sandbox.ALLOW.methods[name] or {}) do
      ok_names[k] = true
      if not (idx and type(idx[k]) == "function") then
        bad[#bad + 1] = string.format("%s: '%s' is on the allow list but is no method of the type", name, k)
      end
    end
    for k, f in pairs(idx or {}) do
      if type(f) == "function" and not ok_names[k] and not sandbox.is_metamethod(k) then
        local dd = doc("m")
        dd.f = f
        local okc, err = pcall(eval.run, dd, { code = "return (...).f(nil, 'x')" }, ctx())
        if okc or not tostring(err):find("is not available in a sandboxed script", 1, true) then
          bad[#bad + 1] = string.format("%s method '%s' is not refused: %s", name, k, okc and "it ran" or tostring(err))
        end
        n = n + 1
      end
    end
    for k, f in pairs(mt) do
      if sandbox.is_metamethod(k) and type(f) == "function" and debug.getupvalue(f, 2) ~= nil then
        bad[#bad + 1] = string.format("%s: the metamethod %s is wrapped by the guard", name, k)
      end
    end
  end
  assert(types["naskh.Tagger"] and types["naskh.Workers"], "the registry's types are all there")
  assert(#bad == 0, "\n  " .. table.concat(bad, "\n  "))
  assert(n >= 10, "methods off the list: " .. n)
end)

t.test("Gazetteer:save is refused in the sandbox, allowed outside", function()
  local target = tmp .. "/pwned.nkg"
  refused("g:save", "local g = naskh.gazetteer({ { id = 'x', type = 'T', name = 'alpha' } }); " ..
    "return g:save('" .. target .. "')",
    "Gazetteer:save is not available in a sandboxed script (run with --trust to allow it)")
  refused("g.save through pcall and a coroutine", "local g = naskh.gazetteer({ { id = 'x', type = 'T', name = 'alpha' } }); " ..
    "local f = coroutine.wrap(pcall); local ok, e = f(g.save, g, '" .. target .. "'); error(e, 0)",
    "Gazetteer:save is not available")
  refused("string.dump", "return ('').dump(print)", "string.dump is not available")
  assert(io.open(target) == nil, "nothing written")
  local g = naskh.gazetteer({ { id = "x", type = "T", name = "alpha" } })
  assert(g:save(target), "a trusted caller still saves")
  assert(naskh.gazetteer_load(target):size() == 1)
  os.remove(target)
end)

t.test("a tail call to a refused method is refused too (the caller's frame is gone)", function()
  local target = tmp .. "/tail.nkg"
  local st = assert(stage([[
local naskh = require "naskh"
return { name = "tail", options = { path = { type = "string" } },
  run = function(doc, opts)
    local g = naskh.gazetteer({ { id = "x", type = "T", name = "alpha" } })
    return g:save(opts.path)
  end,
  markdown = function(doc, opts) return ("").dump(print) end }]]))
  local ok, err = pcall(st.run, doc("d"), { path = target }, ctx())
  assert(not ok and tostring(err):find("Gazetteer:save is not available", 1, true), tostring(err))
  ok, err = pcall(st.markdown, doc("d"), {}, ctx())
  assert(not ok and tostring(err):find("string.dump is not available", 1, true), tostring(err))
  assert(io.open(target) == nil, "nothing written")
end)

t.test("files opened by a sandboxed script have reading methods only", function()
  local dd = doc("r")
  eval.run(dd, { code = "local d, o = ...; local fh = assert(io.open(o.file)); local l = fh:read('l'); " ..
    "local ty = io.type(fh); fh:close(); " ..
    "return { l, ty, io.type(fh), type(fh.write), select('#', io.lines(o.file)) }", file = "words.txt" }, ctx())
  local r = dd.result
  assert(r[1] == "alpha" and r[2] == "file" and r[3] == "closed file" and r[4] == "nil" and r[5] == 1,
    table.concat({ tostring(r[1]), tostring(r[2]), tostring(r[3]), tostring(r[4]), tostring(r[5]) }, " "))
end)

-- Limits.
local loops = assert(stage([[
local co = coroutine.create(function() while true do end end)
return {
  name = "loops",
  options = { what = { type = "string" } },
  run = function(doc, opts)
    local w = opts.what
    if w == "loop" then while true do end
    elseif w == "pcall" then while true do pcall(function() while true do end end) end
    elseif w == "coroutine" then coroutine.resume(co)
    elseif w == "wrap" then coroutine.wrap(function() while true do end end)()
    elseif w == "memory" then local t = {} for i = 1, 1e9 do t[i] = ("x"):rep(64) .. i end
    elseif w == "bigstring" then local s = ("x"):rep(1 << 30) return #s
    elseif w == "memory-pcall" then
      local keep = {}
      while true do pcall(function() keep[#keep + 1] = ("y"):rep(1 << 20) .. #keep end) end
    end
    doc.done = true
  end,
}]]))

local function limited(title, what, limits, pattern)
  t.test(title, function()
    local d = doc("doc-" .. what)
    local t0 = os.clock()
    local ok, err = pcall(loops.run, d, { what = what }, ctx(limits))
    assert(not ok, "no error")
    err = tostring(err)
    assert(err:find(pattern, 1, true), err)
    assert(os.clock() - t0 < 10, "took too long")
    -- the limits are lifted afterwards: the next document runs normally
    local d2 = doc("next")
    loops.run(d2, { what = "none" }, ctx(limits))
    assert(d2.done)
  end)
end

limited("an endless loop stops at the time limit", "loop", { seconds = 0.2 },
  "stage 'user' exceeded the time limit of 0.2 s on document 'doc-loop' at ")
limited("catching the time limit with pcall does not help", "pcall", { seconds = 0.2 },
  "exceeded the time limit of 0.2 s on document 'doc-pcall'")
limited("a coroutine made at load time is limited too", "coroutine", { seconds = 0.2 },
  "exceeded the time limit")
limited("coroutine.wrap is limited", "wrap", { seconds = 0.2 }, "exceeded the time limit")
if budget then
  limited("memory growth stops at the memory limit", "memory", { memory_mb = 32, seconds = 20 },
    "stage 'user' exceeded the memory limit of 32 MiB on document 'doc-memory'")
  limited("one huge allocation stops at the memory limit", "bigstring", { memory_mb = 32 },
    "exceeded the memory limit of 32 MiB on document 'doc-bigstring'")
  limited("catching the memory error with pcall does not help", "memory-pcall", { memory_mb = 32, seconds = 20 },
    "exceeded the memory limit of 32 MiB")
  t.test("memory is given back after the limit", function()
    collectgarbage()
    assert(naskh._memory() < 256 << 20)
  end)
else
  t.ok(true, "memory limits: skipped (a stock lua5.4 has its own allocator; the naskh host enforces them)")
end

t.test("the default limits apply when the recipe sets none", function()
  assert(sandbox.DEFAULT_SECONDS > 0 and sandbox.DEFAULT_MEMORY_MB > 0)
end)

t.test("a script cannot swap its run function after loading", function()
  local st = assert(stage([[
local me
me = {
  name = "swap",
  run = function(doc) doc.n = (doc.n or 0) + 1; me.run = function() while true do end end end,
}
return me]]))
  local d = doc("d")
  st.run(d, {}, ctx({ seconds = 0.2 }))
  st.run(d, {}, ctx({ seconds = 0.2 }))
  assert(d.n == 2)
end)

t.test("top-level code of a script is limited too", function()
  local old = sandbox.DEFAULT_SECONDS
  sandbox.DEFAULT_SECONDS = 0.2
  local st, err = stage("while true do end")
  sandbox.DEFAULT_SECONDS = old
  assert(st == nil and err:find("exceeded the time limit of 0.2 s on loading", 1, true), tostring(err))
end)

t.test("a script that is not a regular file is refused", function()
  local st, err = sandbox.load_stage(tmp .. "/recipe")
  assert(st == nil and err:find("not a regular file", 1, true), tostring(err))
end)

t.test("--trust gives the full library and no default limits", function()
  local st = assert(stage([[
return { name = "trusted", run = function(doc) doc.r = { type(os.execute), type(io.popen), type(package.loadlib) } end }
]], true))
  local d = doc("d")
  st.run(d, {}, ctx())
  assert(d.r[1] == "function" and d.r[2] == "function" and d.r[3] == "function")
end)

t.test("--trust keeps the recipe's limits", function()
  local st = assert(stage([[return { name = "tl", run = function() while true do end end }]], true))
  local ok, err = pcall(st.run, doc("d"), {}, ctx({ seconds = 0.2 }))
  assert(not ok and tostring(err):find("exceeded the time limit", 1, true), tostring(err))
end)

os.execute("rm -rf '" .. tmp .. "'")
t.done()
