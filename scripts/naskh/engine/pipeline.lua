-- naskh.engine.pipeline: runs a linted recipe (a plan from naskh.engine.plan) over documents.
-- Document stages run per document, corpus stages over the whole corpus.
-- When no stage needs the corpus and no output needs all documents, documents
-- stream through one at a time (memory does not grow with their number).
-- A failing stage is recorded on its document (doc.errors) and the batch goes on.
local naskh = require "naskh"
local recipe = require "naskh.engine.recipe"
local read = require "naskh.io.read"
local sink = require "naskh.io.sink"
local progress = require "naskh.engine.progress"
local sandbox = require "naskh.engine.sandbox"
local docguard = require "naskh.engine.docguard"
local planner = require "naskh.engine.plan"
local workers = require "naskh.engine.workers"
local registry = require "naskh.engine.registry"

local M = {}

-- Planning (naskh.engine.plan), offered here too: pipeline.prepare(recipe, env) is how
-- scripts and commands get a plan to run.
M.default_home = planner.default_home
M.prepare = planner.prepare
M.EXTENSIONS = planner.EXTENSIONS
M.FORMAT_ALIASES = planner.FORMAT_ALIASES
M.format_of_path = planner.format_of_path
M.choose_output = planner.choose_output
M.check_outputs = planner.check_outputs

local function new_ctx(plan, s, env, state)
  local ctx = {
    naskh = naskh, cache = {}, home = env.home, recipe_dir = plan.recipe.dir,
    stage = s.name, quiet = env.quiet, verbose = env.verbose, limits = plan.limits,
    -- the run's cache of the current document's masked text and words (naskh.text.artext)
    text_cache = state.text_cache,
  }
  function ctx.resolve(_, path) return recipe.resolve(plan.recipe.dir, env.home, path) end
  -- may the recipe read this (resolved) path? (see naskh.engine.paths)
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

-- Is the plan's stage s one of naskh's own (the registry's table, not a user's script)?
-- Those leave id, text and meta alone and write their errors in shape: the guard is
-- for the user's stages (a run of built-in stages then costs no check per document).
local function builtin(s)
  local b = s.builtin
  if b == nil then
    b = registry.get(s.name) == s.stage
    s.builtin = b
  end
  return b
end

-- Every stage of the plan is built in: documents need no snapshot (docguard.remember).
local function all_builtin(plan)
  local b = plan.all_builtin
  if b == nil then
    b = true
    for _, s in ipairs(plan.stages) do if not builtin(s) then b = false end end
    plan.all_builtin = b
  end
  return b
end

-- Run one stage over a document or the corpus; returns ok. What a user's stage did to
-- the fields it may not change (id, text, meta, the errors list) is undone and recorded
-- as its error (naskh.engine.docguard).
local function run_stage(s, target, state)
  local isdoc = rawget(target, "text") ~= nil
  state.doc = isdoc and target or nil
  local ok, err = xpcall(s.stage.run, traceback_handler, target, s.opts, s.ctx)
  state.doc = nil
  if builtin(s) then
    -- (nothing to undo)
  elseif isdoc then
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
  if not all_builtin(plan) then docguard.remember(doc) end
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

-- Progress on stderr: documents done, rate, ETA when the total is known (naskh.engine.progress).
function M.progress_reporter(total)
  return progress.new(total)
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
  -- the run's state: read warnings on stderr unless -q, --max-doc-mb or limits.max_doc_mb
  -- (naskh.io.read), the text cache of the stages (naskh.text.artext)
  local state = { text_cache = {}, read = read.options(env.quiet, env.max_doc_mb or plan.limits.max_doc_mb) }
  plan.write_seconds = docguard.seconds(plan, env.trust)
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
      -- Document recipes on several cores (naskh.engine.workers); results in input order.
      workers.run(plan, state, jobs, paths, writers, reporter, on_error, function(f, n)
        failed, ndocs = failed + f, ndocs + n
        if reporter then reporter.update(ndocs) end
      end, { process_doc = process_doc, report_doc_errors = report_doc_errors })
    elseif not corpus_mode then
      read.each(paths, plan.input.format, function(doc)
        process_doc(plan, doc, state)
        if docguard.write(writers, doc, plan.write_seconds) then doc.failed = true end
        if doc.failed then count_failure(doc) end
        tick()
      end, on_error, nil, state.read)
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
      end, on_error, nil, state.read)
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
  local plan = recipe_arg
  if not (type(recipe_arg) == "table" and recipe_arg.recipe and recipe_arg.stages) then
    -- not a plan from M.prepare (which a caller may pass to run it many times: the
    -- stages' contexts, and so their caches, are kept between calls)
    local rec
    rec, plan = M.prepare(recipe_arg, env)
    if not rec or not plan.stages then error(table.concat(plan, "\n"), 2) end
  end
  -- (no size limit unless env.max_doc_mb: a library call reads what it is given)
  local state, all = plan.process_state or { text_cache = {}, read = read.options(env.quiet, env.max_doc_mb or 0) }, {}
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
    read.each(paths, plan.input.format, take, function(msg) error(msg, 0) end, nil, state.read)
  end
  return process_corpus(plan, all, state)
end

return M
