-- naskh summarize [--words N | --sentences N | --chars N] [--method M] FILE...
-- The files are one cluster. This command builds a recipe table (the stages of
-- the bundled `summarize` recipe: clean, split, outliers, summarize, with the
-- command's options as the summarize stage's options) and runs it through the
-- pipeline (naskh.engine.pipeline), so `naskh summarize --words 120 FILES` and
-- `naskh run summarize FILES` give the same summary. With --clusters, JSON
-- Lines input is grouped by meta.cluster (or a top-level "cluster") and each
-- group gets one JSON line.
local json = require "naskh.engine.json"
local pipeline = require "naskh.engine.pipeline"
local read = require "naskh.io.read"

-- The recipe table for the options o (the same stages as configs/recipes/summarize.yaml).
local function recipe_table(o)
  local sopts = { method = o.method, words = o.words, sentences = o.sentences, chars = o.chars,
                  per_document = o["per-document"] or nil, cluster = not o["per-document"],
                  idf = o.idf, redundancy = o.redundancy, lambda = o.lambda, position = o.position,
                  threshold = o.threshold, scores = o.scores or nil, order = o.order,
                  length_penalty = o["length-penalty"], weights = o.weights }
  if o["keep-outliers"] then sopts.outliers = "include" end
  local stages = {}
  if not o["no-clean"] then stages[#stages + 1] = { clean = {} } end
  -- --clusters: outliers and summarize split in C themselves (the lean path: no table
  -- per sentence, nothing stored on the documents, which are not kept)
  if not o.clusters then stages[#stages + 1] = { split = {} } end
  if not o["keep-outliers"] then stages[#stages + 1] = { outliers = {} } end
  stages[#stages + 1] = { summarize = sopts }
  return { name = "summarize", stages = stages, output = {} }
end

-- Report the documents that failed (their stage errors) and return how many did.
local function failures(cli, corpus)
  local n = 0
  for _, d in ipairs(corpus.all or {}) do
    if d.failed then
      n = n + 1
      for _, e in ipairs(d.errors or {}) do
        cli.err(string.format("%s: stage '%s' failed: %s", d.id, e.stage, e.message))
      end
    end
  end
  for _, e in ipairs(corpus.errors or {}) do
    n = n + 1
    cli.err(string.format("stage '%s' failed on the corpus: %s", e.stage, e.message))
  end
  return n
end

local render = require "naskh.io.render" -- the report's lines, printed the same way
local one_line, cite = render.one_line, render.cite

local function print_summary(cli, summary, format)
  if format == "plain" then
    if #summary.sentences > 0 then cli.out(render.plain_summary(summary), "\n") end
    return
  end
  for _, item in ipairs(summary.sentences) do
    cli.out(one_line(item.text or ""), item.cut and " …" or "", " ", cite(item), "\n")
  end
end

--[[
--clusters: JSON Lines grouped by meta.cluster (or a top-level "cluster"): one
JSON line per run of equal keys, {"cluster","ids","summary"}. Lines are read by
the same reader as `naskh run` (naskh.io.read) and every group goes through the
same prepared plan (pipeline.process), one group in memory at a time. With
--jobs N > 1 the groups go, a few at a time, to N worker processes (the pool of
`naskh run --jobs`, naskh.workers) and their lines come back in input order: the
output is the same for every N.
]]

-- One group's JSON line; messages about failed documents go to err(msg).
local function summarize_group(plan, env, group, label, err)
  local corpus = pipeline.process(plan, group, env)
  local failed = failures({ err = err }, corpus)
  local ids, texts = {}, {}
  for i, d in ipairs(group) do ids[i] = d.id end
  for i, item in ipairs(corpus.summary and corpus.summary.sentences or {}) do
    texts[i] = one_line(item.text) .. (item.cut and " …" or "")
  end
  return json.encode(json.object({ cluster = label, ids = ids, summary = texts })) .. "\n", failed
end

-- A worker: frames of groups in, frames of ("<I4" failed, "<s4" lines, "<s4" messages) out.
local function cluster_worker(plan, env, rfd, wfd)
  local naskh = require "naskh"
  while true do
    local frame = naskh.frame_read(rfd)
    if frame == nil then break end
    local lines, said, failed, pos = {}, {}, 0, 1
    local function err(msg) said[#said + 1] = "naskh: " .. msg .. "\n" end
    while pos <= #frame do
      local label, n
      label, n, pos = string.unpack("<s4I4", frame, pos)
      local group = {}
      for i = 1, n do
        local line
        line, pos = string.unpack("<s4", frame, pos)
        group[i] = json.decode(line)
      end
      local ok, line, f = pcall(summarize_group, plan, env, group, json.decode(label), err)
      if ok then
        lines[#lines + 1], failed = line, failed + f
      else
        failed = failed + #group
        err(string.format("cluster %s: not summarized: %s", label, tostring(line)))
      end
    end
    naskh.frame_write(wfd, { string.pack("<I4", failed), string.pack("<s4", table.concat(lines)),
      string.pack("<s4", table.concat(said)) })
  end
end

local function run_clusters(args, cli, plan, env, jobs)
  local files = {}
  for i = 1, #args do files[i] = args[i] end
  if #files == 0 then files[1] = "-" end
  local failed, n = 0, 0
  local group, key = {}, nil
  local pending = {} -- --jobs: groups read and not yet sent, as packed strings
  local function flush()
    if #group == 0 then return end
    local label = key == nil and n or key
    if jobs > 1 then
      local parts = { string.pack("<s4I4", json.encode(label), #group) }
      for i, d in ipairs(group) do parts[i + 1] = string.pack("<s4", json.encode(json.object(d))) end
      pending[#pending + 1] = table.concat(parts)
    else
      local line, f = summarize_group(plan, env, group, label, cli.err)
      failed = failed + f
      cli.out(line)
    end
    n = n + 1
    group = {}
  end
  local function each(on_flush)
    read.each(files, "jsonl", function(doc)
      local k = doc.meta and doc.meta.cluster
      if k == nil then k = doc.cluster end
      if k ~= key and #group > 0 then flush(); on_flush() end
      key = k
      group[#group + 1] = { id = doc.id, text = doc.text, meta = doc.meta }
    end, function(msg)
      failed = failed + 1
      cli.err(msg)
    end, nil, read.options(cli.quiet, 0))
    flush()
    on_flush()
  end
  if jobs <= 1 then
    each(function() end)
    return failed > 0 and 1 or 0
  end
  local naskh = require "naskh"
  -- the reader runs as a coroutine that hands over a frame of groups (up to 4 groups or
  -- 1 MB) whenever the pool asks for work
  local co = coroutine.wrap(function()
    local size = 0
    each(function()
      size = 0
      for _, p in ipairs(pending) do size = size + #p end
      if #pending >= 4 or size >= (1 << 20) then
        local frame = table.concat(pending)
        pending = {}
        coroutine.yield(frame)
      end
    end)
    if #pending > 0 then
      local frame = table.concat(pending)
      pending = {}
      coroutine.yield(frame)
    end
    return nil
  end)
  local workers = naskh.workers(jobs, function(rfd, wfd) cluster_worker(plan, env, rfd, wfd) end)
  local done = false
  local function next_input()
    if done then return nil end
    local frame = co()
    if frame == nil then done = true end
    return frame
  end
  local function emit(result)
    local f, lines, said = string.unpack("<I4s4s4", result)
    if #said > 0 then io.stderr:write(said) end
    failed = failed + f
    if #lines > 0 then cli.out(lines) end
  end
  local function died(pid, how, retry)
    cli.err(string.format("a worker (pid %d) %s; %s", pid, how,
      retry and "running its clusters again on a fresh worker" or "stopping the run"))
  end
  local ok, werr = workers:run(next_input, emit, died)
  workers:close()
  if not ok then cli.fail(2, "summarize: parallel run failed: " .. tostring(werr)) end
  return failed > 0 and 1 or 0
end

return {
  summary = "summarize a cluster of articles (the files) into a short text with sources",
  usage = "naskh summarize [--words N | --sentences N | --chars N] [--method M] [--format F] FILE...",
  help = [[The files (text, or JSON Lines with {"id","text","meta"}) are one cluster. The same
stages as `naskh run summarize` run over them: clean, split, outliers (articles about
another event are left out and named on stderr), summarize. Each summary sentence is
printed with its sources: [article id, sentence number; ...].
Without a budget: 100 words. Methods and options: docs/summarization.md.
Examples:
  naskh summarize --words 120 configs/samples/*.txt
  naskh summarize --sentences 3 --method centroid --format plain article.txt
  naskh summarize --clusters --words 60 clusters.jsonl     (one JSON line per meta.cluster)]],
  options = {
    words = { type = "integer", min = 1, arg = "N", doc = "budget in words" },
    sentences = { type = "integer", min = 1, arg = "N", doc = "budget in sentences" },
    chars = { type = "integer", min = 1, arg = "N", doc = "budget in characters" },
    method = { type = "string", short = "m", arg = "METHOD", enum = { "learned", "lead", "centroid", "lexrank", "textrank" },
               doc = "learned, lead, centroid, lexrank or textrank (default: learned)" },
    format = { type = "string", short = "f", arg = "FORMAT", enum = { "text", "plain", "markdown", "json" }, default = "text",
               doc = "text (sentences with sources), plain (sentences only), markdown, json" },
    redundancy = { type = "string", arg = "MODE", enum = { "mmr", "cutoff", "none" }, doc = "redundancy control (default mmr)" },
    lambda = { type = "number", doc = "MMR trade-off in [0,1] (default 0.7)" },
    position = { type = "number", doc = "weight of the position score (default 1)" },
    threshold = { type = "number", doc = "lexrank: 0 = continuous (default), > 0 = thresholded at this cosine" },
    ["length-penalty"] = { type = "number", doc = "favour shorter sentences under a word budget, in [0,1]" },
    order = { type = "string", arg = "ORDER", enum = { "source", "score" }, doc = "sentence order (default source)" },
    idf = { type = "string", arg = "FILE", doc = "IDF file from `naskh idf build` (default: from the cluster)" },
    weights = { type = "string", arg = "FILE",
                doc = "learned: the scorer's weights file (default: configs/data/summary_weights.tsv)" },
    ["per-document"] = { type = "boolean", doc = "summarize each file on its own instead" },
    ["keep-outliers"] = { type = "boolean", doc = "do not check for (and leave out) articles about another event" },
    ["no-clean"] = { type = "boolean", doc = "do not drop boilerplate first" },
    scores = { type = "boolean", doc = "json: include every sentence's scores" },
    clusters = { type = "boolean", doc = "JSON Lines input grouped by meta.cluster; one JSON line per group" },
    jobs = { type = "integer", short = "j", min = 1, arg = "N",
             doc = "--clusters: worker processes (default: number of cores); one cluster runs in one process" },
  },
  run = function(args, cli)
    local o = args.opts
    -- The files named here (--idf, --weights) are the user's own choice, like an input,
    -- so their directories are allowed (the path rule is for recipes).
    local allow = {}
    for _, k in ipairs({ "idf", "weights" }) do
      local f = o[k]
      if f and not (k == "idf" and f == "cluster") then
        local fh = io.open(f, "rb")
        if not fh then cli.usage_error("summarize: cannot open " .. (k == "idf" and "IDF" or "weights")
          .. " file " .. f) end
        fh:close()
        local dir = f:match("^(.*)/[^/]*$") or "."
        allow[#allow + 1] = dir == "" and "/" or dir
      end
    end
    local env = { home = cli.home, dir = ".", quiet = o.quiet, allow_paths = allow }
    local rec, plan = pipeline.prepare(recipe_table(o), env)
    if not rec or not plan.stages then
      cli.usage_error("summarize: " .. table.concat(plan, "; "):gsub("<recipe table>:?%d*:?%d*:? ?", ""))
    end
    if o.clusters then
      env.quiet = true
      env.lean = true
      return run_clusters(args, cli, plan, env, o.jobs or require("naskh").ncpu())
    end
    if #args == 0 then cli.usage_error("summarize: which files? usage: " ..
      "naskh summarize [--words N | --sentences N] FILE... ('-' = stdin)") end
    local docs, bad = {}, 0
    local files = {}
    for i = 1, #args do files[i] = args[i] end
    read.each(files, "auto", function(doc) docs[#docs + 1] = doc end,
      function(msg) bad = bad + 1; cli.err(msg) end, nil, read.options(o.quiet, 0))
    if #docs == 0 then cli.fail(2, "summarize: no documents were read") end
    env.quiet = o.quiet or false
    local corpus = pipeline.process(plan, docs, env)
    local failed = failures(cli, corpus)
    if not o.quiet then
      for _, d in ipairs(corpus.docs) do
        if d.outlier then cli.err(string.format("%s left out: %s", d.id, d.outlier.reason)) end
      end
    end
    local format = o.format
    local sum_stage = plan.stages[#plan.stages]
    if format == "json" then
      local v = { summary = corpus.summary, outliers = corpus.outliers }
      if o["per-document"] then
        v.documents = {}
        for _, d in ipairs(corpus.docs) do v.documents[#v.documents + 1] = { id = d.id, summary = d.summary } end
      end
      local texts = {}
      for _, d in ipairs(corpus.all) do texts[d.id] = d.text end
      cli.out(json.encode(v, nil, texts), "\n")
    elseif format == "markdown" then
      if corpus.summary then cli.out(render.markdown(sum_stage, corpus), "\n") end
      for _, d in ipairs(corpus.docs) do
        if d.summary then cli.out("\n## ", d.id, "\n\n", render.markdown(sum_stage, d), "\n") end
      end
    else
      if corpus.summary then print_summary(cli, corpus.summary, format) end
      if o["per-document"] then
        for i, d in ipairs(corpus.docs) do
          if #corpus.docs > 1 then cli.out(i > 1 and "\n" or "", "# ", d.id, "\n") end
          print_summary(cli, d.summary, format)
        end
      end
    end
    return (failed + bad) > 0 and 1 or 0
  end,
}
