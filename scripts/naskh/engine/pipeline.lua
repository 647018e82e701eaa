-- naskh.engine.pipeline: runs a linted recipe over documents.
-- Document stages run per document, corpus stages over the whole corpus.
-- When no stage needs the corpus and no output needs all documents, documents
-- stream through one at a time (memory does not grow with their number).
-- A failing stage is recorded on its document (doc.errors) and the batch goes on.
local naskh = require "naskh"
local schema = require "naskh.engine.schema"
local suggest = require "naskh.engine.suggest"
local recipe = require "naskh.engine.recipe"
local read = require "naskh.io.read"
local json = require "naskh.engine.json"
local sink = require "naskh.io.sink"
local fpaths = require "naskh.engine.paths"
local progress = require "naskh.engine.progress"
local sandbox = require "naskh.engine.sandbox"
local docguard = require "naskh.engine.docguard"

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
      "extension says the format) or --format FORMAT (jsonl, json, markdown, html, text)", set)
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
  local here = package.searchpath and package.searchpath("naskh.engine.pipeline", package.path)
  if here then
    local root = here:gsub("/?scripts/naskh/engine/pipeline%.lua$", "")
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

local function new_ctx(plan, s, env, state)
  local ctx = {
    naskh = naskh, cache = {}, home = env.home, recipe_dir = plan.recipe.dir,
    stage = s.name, quiet = env.quiet, verbose = env.verbose, limits = plan.limits,
  }
  function ctx.resolve(_, path) return recipe.resolve(plan.recipe.dir, env.home, path) end
  -- may the recipe read this (resolved) path? (see naskh.paths)
  function ctx.allowed(_, path) return not plan.confine or plan.confine:check(path, "read") == nil end
  function ctx.warn(_, msg)
    local doc = state.doc
    local where = doc and (doc.id .. ": ") or ""
    if doc then
      doc.warnings = doc.warnings or {}
      doc.warnings[#doc.warnings + 1] = { stage = s.name, message = msg }
    end
    if not env.quiet then progress.stderr("naskh: warning: " .. where .. s.name .. ": " .. msg .. "\n") end
  end
  return ctx
end

local function traceback_handler(err)
  if os.getenv("NASKH_DEBUG") then return debug.traceback(sandbox.error_text(err), 2) end
  return sandbox.error_text(err)
end

-- Run one stage over a document or the corpus; returns ok. What the stage did to the
-- fields it may not change (id, text, meta, the errors list) is undone and recorded as
-- its error (naskh.docguard).
local function run_stage(s, target, state)
  local isdoc = rawget(target, "text") ~= nil
  state.doc = isdoc and target or nil
  local ok, err = xpcall(s.stage.run, traceback_handler, target, s.opts, s.ctx)
  state.doc = nil
  if isdoc then
    if not docguard.check(target, s.name) then ok = false end
  else
    for _, d in ipairs(rawget(target, "all") or {}) do
      if not docguard.check(d, s.name) then d.failed = true end
    end
    if not docguard.check_corpus(target, s.name) then ok = false end
  end
  if err ~= nil then
    local errors = rawget(target, "errors")
    if errors == nil then errors = {}; rawset(target, "errors", errors) end
    errors[#errors + 1] = { stage = s.name, message = tostring(err) }
  end
  return ok
end

-- Output formats by file extension (-o FILE without --format) and the aliases --format takes.
M.EXTENSIONS = { jsonl = "jsonl", ndjson = "jsonl", json = "json", md = "markdown", markdown = "markdown",
                 html = "html", htm = "html", txt = "text", text = "text" }
M.FORMAT_ALIASES = { md = "markdown", txt = "text", ndjson = "jsonl" }

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
      "choose its format with --format (jsonl, json, markdown, html, text) or an extension " ..
      "(.jsonl .json .md .html .txt)", #outs, describe_outputs(outs), path)
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

local function open_writers(plan, env)
  local writers = {}
  for _, o in ipairs(plan.outputs) do
    local okmod, mod = pcall(require, "naskh.io." .. o.format)
    if not okmod then
      for _, w in ipairs(writers) do w.sink:abort() end
      error(string.format("output format '%s' is not available in this build", o.format), 0)
    end
    local okopen, sk = pcall(sink.open, o.path)
    if not okopen then
      for _, w in ipairs(writers) do w.sink:abort() end
      error(sk, 0)
    end
    writers[#writers + 1] = { sink = sk, w = mod.new(sk, o, plan), mod = mod, spec = o }
  end
  return writers
end

local function report_doc_errors(doc)
  local meta = rawget(doc, "meta")
  local where = type(meta) == "table" and rawget(meta, "path") or nil
  for _, e in ipairs(doc.errors or {}) do
    progress.stderr(string.format("naskh: %s%s: stage '%s' failed: %s\n", tostring(doc.id),
      type(where) == "string" and (" (" .. where .. ")") or "", tostring(e.stage), tostring(e.message)))
  end
end

-- Run the document stages over one document (up to the first corpus stage).
local function process_doc(plan, doc, state)
  if doc.failed then return end -- not read (over --max-doc-mb)
  docguard.remember(doc)
  for _, s in ipairs(plan.stages) do
    if s.stage.scope == "corpus" then break end
    if not run_stage(s, doc, state) then doc.failed = true; break end
  end
end

-- Run corpus stages (and any document stages after them) over a group of documents.
local function process_corpus(plan, all, state, key)
  local corpus = { docs = {}, all = all, errors = {}, name = plan.name, cluster = key }
  for _, d in ipairs(all) do if not d.failed then corpus.docs[#corpus.docs + 1] = d end end
  local seen_corpus = false
  for _, s in ipairs(plan.stages) do
    if s.stage.scope == "corpus" then
      seen_corpus = true
      if not run_stage(s, corpus, state) then break end
    elseif seen_corpus then
      for _, d in ipairs(corpus.docs) do
        if not d.failed and not run_stage(s, d, state) then d.failed = true end
      end
    end
  end
  return corpus
end

-- A sink that keeps what is written in memory (worker processes).
local function memory_sink()
  return {
    buf = {},
    write = function(self, ...)
      local buf = self.buf
      for i = 1, select("#", ...) do buf[#buf + 1] = select(i, ...) end
    end,
    take = function(self) -- the pieces written since the last take, and their total size
      local buf, n = self.buf, 0
      for i = 1, #buf do n = n + #buf[i] end
      self.buf = {}
      return buf, n
    end,
  }
end

-- The documents of a batch sent to a worker, as they are named in messages (file, or file:line).
local function batch_names(batch)
  local names, pos = {}, 1
  while pos <= #batch do
    local where
    where, _, pos = string.unpack("<s4s4", batch, pos)
    if where:byte(1) == 0 then -- a text file (see naskh.io.read): its path, else its id
      local _, id, path = where:match("^%z(.)([^%z]*)%z([^%z]*)%z")
      where = (path and path ~= "") and path or id or "?"
    end
    names[#names + 1] = where
  end
  return names
end

--[[
A hook for tests only (tests/cli/test_batch.sh): NASKH_TEST_KILL_WORKER=ID makes a --jobs
worker kill itself with SIGKILL when it reaches the document ID, as an outside `kill -9` or
the kernel's out-of-memory killer would; with NASKH_TEST_KILL_ONCE=FILE only the first time
(FILE is created then). Read in the worker loop, not by stages (they cannot reach it).
]]
local function test_kill_self()
  local once = os.getenv("NASKH_TEST_KILL_ONCE")
  if once and once ~= "" then
    local fh = io.open(once, "rb")
    if fh then fh:close(); return end
    fh = io.open(once, "wb")
    if fh then fh:close() end
  end
  io.stderr:flush()
  os.execute("kill -KILL $PPID") -- the shell's parent: this worker
end

-- The worker side of --jobs: decode batches, run stages, render outputs, reply.
local function worker_main(plan, state, rfd, wfd)
  -- messages (read warnings, failed documents) travel back with the batch's results, and
  -- the main process prints them: never in the middle of its progress line
  local said = {}
  progress.capture = said
  local kill_on = os.getenv("NASKH_TEST_KILL_WORKER")
  local sinks, ws = {}, {}
  for i, o in ipairs(plan.outputs) do
    local mod = require("naskh.io." .. o.format)
    sinks[i] = memory_sink()
    ws[i] = { sink = sinks[i], w = mod.new(sinks[i], o, plan, true) }
  end
  while true do
    local batch = naskh.frame_read(rfd)
    if batch == nil then break end
    local items, pos = {}, 1
    while pos <= #batch do
      local where, line
      where, line, pos = string.unpack("<s4s4", batch, pos)
      items[#items + 1] = where
      items[#items + 1] = line
    end
    -- a batch holding a big document is let go before the work starts (its text was copied
    -- out): one full collection instead of carrying both copies through the stages
    local big = #batch >= (8 << 20)
    batch = nil
    if big then collectgarbage() end
    local failed, count = 0, 0
    for k = 1, #items, 2 do
      local where, line = items[k], items[k + 1]
      items[k + 1] = false
      count = count + 1
      -- one document's failure here (out of memory reading or writing it) is that document's
      local okd, derr = pcall(function()
        local doc, err = read.doc_from_line(line, where)
        if not doc then
          failed = failed + 1
          progress.stderr("naskh: " .. err .. "\n")
          return
        end
        if kill_on and doc.id == kill_on then test_kill_self() end
        process_doc(plan, doc, state)
        if docguard.write(ws, doc, plan.write_seconds) then doc.failed = true end
        if doc.failed then failed = failed + 1; report_doc_errors(doc) end
      end)
      if not okd then
        failed = failed + 1
        local name = batch_names(string.pack("<s4s4", where, ""))[1]
        progress.stderr(string.format("naskh: %s: not processed: %s\n", name, sandbox.error_text(derr)))
        collectgarbage()
      end
    end
    -- the reply goes out as one frame written piece by piece (no joined copy of a big
    -- document's output)
    local parts = { string.pack("<I4I4", failed, count) }
    for i = 1, #sinks do
      local pieces, n = sinks[i]:take()
      parts[#parts + 1] = string.pack("<I4", n) -- as "<s4"
      table.move(pieces, 1, #pieces, #parts + 1, parts)
    end
    parts[#parts + 1] = string.pack("<s4", table.concat(said))
    for k = #said, 1, -1 do said[k] = nil end
    naskh.frame_write(wfd, parts)
  end
end

-- A worker died (naskh.workers calls this): name the documents it held.
local function worker_died(pid, how, retry, ...)
  local names = {}
  for i = 1, select("#", ...) do
    for _, n in ipairs(batch_names((select(i, ...)))) do names[#names + 1] = n end
  end
  local shown = {}
  for i = 1, math.min(#names, 20) do shown[i] = names[i] end
  local list = #names == 0 and "no documents" or string.format("%d document%s: %s%s", #names,
    #names == 1 and "" or "s", table.concat(shown, ", "), #names > 20 and ", ..." or "")
  progress.stderr(string.format("naskh: a worker (pid %d) %s while it held %s; %s\n", pid, how, list,
    retry and "running them again on a fresh worker" or "stopping the run (no output file is published)"))
end

-- Progress on stderr: documents done, rate, ETA when the total is known (naskh.progress).
function M.progress_reporter(total)
  return progress.new(total)
end

-- No output may be one of the run's inputs or the recipe file (the same file by
-- device and inode, so through symbolic links too): returns a message, or nil.
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

--[[
Run a prepared plan. env: home, paths (inputs), quiet, verbose, output and
format (replace the recipe's outputs by one: M.choose_output), stream (JSON Lines stdin -> stdout, grouped by
meta.cluster for corpus recipes), jobs (worker processes for document
recipes), fail_fast, progress (a reporter from progress_reporter, or nil).
Returns the exit status: 0, or 1 when some documents or inputs failed.
]]
function M.run(plan, env)
  local corpus_mode = false
  local state = {}
  plan.write_seconds = docguard.seconds(plan, env.trust)
  read.quiet = env.quiet and true or false -- read warnings on stderr unless -q
  read.set_max_mb(env.max_doc_mb or plan.limits.max_doc_mb) -- --max-doc-mb, limits.max_doc_mb
  for _, s in ipairs(plan.stages) do
    s.ctx = new_ctx(plan, s, env, state)
    if s.stage.scope == "corpus" then corpus_mode = true end
  end
  if env.stream then
    plan.input.format = "jsonl"
    plan.outputs = { { format = "jsonl", path = "-", text = true } }
  else
    local oerr = M.choose_output(plan, env)
    if oerr then error(oerr, 0) end
  end
  for _, o in ipairs(plan.outputs) do
    if o.format == "json" or o.format == "html" then corpus_mode = true end
  end
  local paths = env.stream and { "-" } or env.paths
  if #paths == 0 and #plan.input.paths > 0 then
    paths = {}
    for i, p in ipairs(plan.input.paths) do paths[i] = recipe.resolve(plan.recipe.dir, env.home, p) end
  end
  local clobber = M.check_outputs(plan, env, paths)
  if clobber then error(clobber, 0) end
  -- Stages may prepare shared state once, before any document (and before workers fork).
  for _, s in ipairs(plan.stages) do
    if s.stage.init then
      local ok, err = xpcall(s.stage.init, traceback_handler, s.opts, s.ctx)
      if not ok then error(string.format("stage '%s' could not start: %s", s.name, tostring(err)), 0) end
    end
  end

  local writers = open_writers(plan, env)
  local failed, ndocs = 0, 0
  local reporter = env.progress
  local verbose_t0 = os.clock()

  local function on_error(msg)
    failed = failed + 1
    progress.stderr("naskh: " .. msg .. "\n")
    if env.fail_fast then error({ fail_fast = true }) end
  end
  local function count_failure(doc)
    failed = failed + 1
    report_doc_errors(doc)
    if env.fail_fast then error({ fail_fast = true }) end
  end
  local function tick()
    ndocs = ndocs + 1
    if reporter then reporter.update(ndocs) end
  end

  for _, w in ipairs(writers) do if w.w.begin then w.w:begin() end end

  local jobs = env.jobs or 1
  if corpus_mode or env.fail_fast then jobs = 1 end

  local ok, err = pcall(function()
    if jobs > 1 then
      -- Document recipes on several cores: the parent reads and batches, workers
      -- run the stages and render the outputs, results come back in input order.
      local co = coroutine.wrap(function()
        read.each(paths, plan.input.format, function(item, where)
          if type(item) == "table" then
            coroutine.yield(where or item.id, json.encode(item, nil))
          else
            coroutine.yield(where, item)
          end
        end, on_error, true)
        return nil
      end)
      local workers = naskh.workers(jobs, function(rfd, wfd) worker_main(plan, state, rfd, wfd) end)
      local exhausted = false
      -- smaller batches while a progress line is shown, so it moves (same output either way)
      local batch_docs = reporter and 32 or 256
      local function next_input()
        local parts, bytes, n = {}, 0, 0
        while not exhausted and n < batch_docs and bytes < (4 << 20) do
          local where, line = co()
          if where == nil then exhausted = true; break end
          parts[#parts + 1] = string.pack("<s4s4", where, line)
          bytes, n = bytes + #line, n + 1
        end
        if n == 0 then return nil end
        return table.concat(parts)
      end
      local function emit(result)
        local f, n, pos = string.unpack("<I4I4", result)
        failed = failed + f
        ndocs = ndocs + n
        local outs = {}
        for k = 1, #writers do outs[k], pos = string.unpack("<s4", result, pos) end
        local said = string.unpack("<s4", result, pos)
        if #said > 0 then progress.stderr(said) end
        if reporter then reporter.update(ndocs) end
        for k, w in ipairs(writers) do w.sink:write(outs[k]) end
      end
      local wok, werr = workers:run(next_input, emit, worker_died)
      workers:close()
      if not wok then error("parallel run failed: " .. tostring(werr), 0) end
    elseif not corpus_mode then
      read.each(paths, plan.input.format, function(doc)
        process_doc(plan, doc, state)
        if docguard.write(writers, doc, plan.write_seconds) then doc.failed = true end
        if doc.failed then count_failure(doc) end
        tick()
      end, on_error)
    else
      -- Corpus recipes: one corpus, or with --stream one group per run of equal meta.cluster.
      local group, key = {}, nil
      local function flush_group()
        if #group == 0 then return end
        local corpus = process_corpus(plan, group, state, key)
        for _, d in ipairs(group) do if d.failed then count_failure(d) end end
        for _, e in ipairs(corpus.errors) do
          failed = failed + 1
          progress.stderr(string.format("naskh: stage '%s' failed on the corpus: %s\n", e.stage, e.message))
        end
        for _, d in ipairs(docguard.write_corpus(writers, corpus, plan.write_seconds)) do
          count_failure(d) -- could not be written as it was (the copy written has the error)
        end
        group = {}
      end
      read.each(paths, plan.input.format, function(doc)
        process_doc(plan, doc, state)
        if env.stream then
          local k = doc.meta and doc.meta.cluster
          if k ~= key and #group > 0 then flush_group() end
          key = k
        end
        group[#group + 1] = doc
        tick()
      end, on_error)
      flush_group()
    end
    for _, w in ipairs(writers) do
      if w.w.finish then w.w:finish() end
      w.sink:close()
    end
  end)
  if reporter then reporter.finish(ndocs) end
  if not ok then
    for _, w in ipairs(writers) do w.sink:abort() end
    if type(err) == "table" and err.fail_fast then
      progress.stderr("naskh: stopped at the first failure (--fail-fast); no output written\n")
      return 1
    end
    error(err, 0)
  end
  if ndocs == 0 and failed == 0 and not env.quiet then
    progress.stderr("naskh: warning: no documents were read\n")
  end
  if env.verbose then
    progress.stderr(string.format("naskh: %d documents, %d failed, %.2f s CPU (main process)\n",
      ndocs, failed, os.clock() - verbose_t0))
  end
  return failed > 0 and 1 or 0
end

--[[
For Lua scripts: run a recipe over inputs and return the corpus instead of
writing outputs. recipe: a path, a bundled name or a table; inputs: a list of
paths, or of documents ({id=, text=, meta=}). Raises on configuration errors.
  local corpus = pipeline.process("summarize", {"a.txt", "b.txt"})
  corpus.summary, corpus.all[1].sentences, ...
]]
function M.process(recipe_arg, inputs, env)
  env = env or {}
  env.quiet = env.quiet ~= false
  read.quiet = env.quiet
  local plan = recipe_arg
  if not (type(recipe_arg) == "table" and recipe_arg.recipe and recipe_arg.stages) then
    -- not a plan from M.prepare (which a caller may pass to run it many times: the
    -- stages' contexts, and so their caches, are kept between calls)
    local rec
    rec, plan = M.prepare(recipe_arg, env)
    if not rec or not plan.stages then error(table.concat(plan, "\n"), 2) end
  end
  local state, all = plan.process_state or {}, {}
  if not plan.process_state then
    plan.process_state = state
    for _, s in ipairs(plan.stages) do
      s.ctx = new_ctx(plan, s, env, state)
      -- env.lean: the caller keeps no document after the call, so a stage may skip
      -- storing per-document results (summarize then splits in C, no table per sentence)
      s.ctx.lean = env.lean
      if s.stage.init then s.stage.init(s.opts, s.ctx) end
    end
  end
  local function take(doc)
    process_doc(plan, doc, state)
    all[#all + 1] = doc
  end
  local paths = {}
  for _, x in ipairs(inputs or {}) do
    if type(x) == "table" then
      local d = read.new_doc(x.id or tostring(#all + 1), x.text or "", x.meta)
      take(d)
    else
      paths[#paths + 1] = x
    end
  end
  if #paths > 0 then
    read.each(paths, plan.input.format, take, function(msg) error(msg, 0) end)
  end
  return process_corpus(plan, all, state)
end

return M
