-- naskh.pipeline: runs a linted recipe over documents.
-- Document stages run per document, corpus stages over the whole corpus.
-- When no stage needs the corpus and no output needs all documents, documents
-- stream through one at a time (memory does not grow with their number).
-- A failing stage is recorded on its document (doc.errors) and the batch goes on.
local naskh = require "naskh"
local schema = require "naskh.schema"
local suggest = require "naskh.suggest"
local recipe = require "naskh.recipe"
local read = require "naskh.io.read"
local sink = require "naskh.io.sink"

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
        s.overrides = s.overrides or {}
        s.overrides[key] = v
        return nil
      end
    end
  end
  return string.format("--set %s: the recipe has no stage '%s'%s", set, sname,
    suggest.hint(base, names))
end

-- Resolve a recipe argument, load and lint it. Returns rec, plan or nil, {messages}.
function M.prepare(arg, env)
  local path, ferr = recipe.find(arg, env.home)
  if not path then return nil, { ferr } end
  local rec, lerr = recipe.load(path)
  if not rec then return nil, { lerr } end
  local errors, plan = recipe.lint(rec, { home = env.home, trust = env.trust })
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
  plan.name = type(rec.data.name) == "string" and rec.data.name or path:match("([^/]+)%.ya?ml$")
  return rec, plan
end

local function new_ctx(plan, s, env, state)
  local ctx = {
    naskh = naskh, cache = {}, home = env.home, recipe_dir = plan.recipe.dir,
    stage = s.name, quiet = env.quiet, verbose = env.verbose, limits = plan.limits,
  }
  function ctx.resolve(_, path) return recipe.resolve(plan.recipe.dir, env.home, path) end
  function ctx.warn(_, msg)
    local doc = state.doc
    local where = doc and (doc.id .. ": ") or ""
    if doc then
      doc.warnings = doc.warnings or {}
      doc.warnings[#doc.warnings + 1] = { stage = s.name, message = msg }
    end
    if not env.quiet then io.stderr:write("naskh: warning: ", where, s.name, ": ", msg, "\n") end
  end
  return ctx
end

local function traceback_handler(err)
  if os.getenv("NASKH_DEBUG") then return debug.traceback(tostring(err), 2) end
  return tostring(err)
end

-- Run one stage over a document or the corpus; returns ok.
local function run_stage(s, target, state)
  state.doc = target.text and target or nil
  local ok, err = xpcall(s.stage.run, traceback_handler, target, s.opts, s.ctx)
  state.doc = nil
  if not ok then
    target.errors = target.errors or {}
    target.errors[#target.errors + 1] = { stage = s.name, message = tostring(err) }
  end
  return ok
end

local function open_writers(plan, env)
  local writers = {}
  for _, o in ipairs(plan.outputs) do
    if env.output then o.path = env.output end
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
    writers[#writers + 1] = { sink = sk, w = mod.new(sk, o, plan) }
  end
  return writers
end

local function report_doc_errors(doc, env)
  for _, e in ipairs(doc.errors or {}) do
    local where = doc.meta and (doc.meta.path or doc.meta.source_file)
    io.stderr:write(string.format("naskh: %s%s: stage '%s' failed: %s\n", doc.id,
      where and (" (" .. where .. ")") or "", e.stage, e.message))
  end
  _ = env
end

--[[
Run a prepared plan. env: home, paths (inputs), quiet, verbose, output
(overrides every output path), progress (a function(done) or nil).
Returns the exit status: 0, or 1 when some documents or inputs failed.
]]
function M.run(plan, env)
  local doc_stages, corpus_mode = {}, false
  local state = {}
  for _, s in ipairs(plan.stages) do
    s.ctx = new_ctx(plan, s, env, state)
    if s.stage.scope == "corpus" then corpus_mode = true end
  end
  for _, o in ipairs(plan.outputs) do
    if o.format == "json" or o.format == "html" then corpus_mode = true end
  end
  for _, s in ipairs(plan.stages) do
    if s.stage.scope == "document" then doc_stages[#doc_stages + 1] = s end
  end
  local paths = env.paths
  if #paths == 0 and #plan.input.paths > 0 then
    paths = {}
    for i, p in ipairs(plan.input.paths) do paths[i] = recipe.resolve(plan.recipe.dir, env.home, p) end
  end

  local writers = open_writers(plan, env)
  local failed, ndocs = 0, 0
  local all = {}

  local function on_error(msg)
    failed = failed + 1
    io.stderr:write("naskh: ", msg, "\n")
  end

  -- Stages up to the first corpus stage run per document as it is read.
  local function process(doc)
    ndocs = ndocs + 1
    for _, s in ipairs(plan.stages) do
      if s.stage.scope == "corpus" then break end
      if not run_stage(s, doc, state) then doc.failed = true; break end
    end
    if corpus_mode then
      all[#all + 1] = doc
    else
      if doc.failed then failed = failed + 1; report_doc_errors(doc, env) end
      for _, w in ipairs(writers) do w.w:doc(doc) end
    end
    if env.progress then env.progress(ndocs) end
  end

  local ok, err = pcall(function()
    read.each(paths, plan.input.format, process, on_error)
    if corpus_mode then
      local corpus = { docs = {}, all = all, errors = {}, name = plan.name }
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
      for _, d in ipairs(all) do
        if d.failed then failed = failed + 1; report_doc_errors(d, env) end
      end
      for _, e in ipairs(corpus.errors) do
        failed = failed + 1
        io.stderr:write(string.format("naskh: stage '%s' failed on the corpus: %s\n", e.stage, e.message))
      end
      for _, w in ipairs(writers) do w.w:corpus(corpus) end
    end
    for _, w in ipairs(writers) do
      if w.w.finish then w.w:finish() end
      w.sink:close()
    end
  end)
  if not ok then
    for _, w in ipairs(writers) do w.sink:abort() end
    error(err, 0)
  end
  if ndocs == 0 and failed == 0 and not env.quiet then
    io.stderr:write("naskh: warning: no documents were read\n")
  end
  return failed > 0 and 1 or 0
end

return M
