-- naskh summarize [--words N | --sentences N | --chars N] [--method M] FILE...
-- The files are one cluster: clean, split, outliers and summarize run over
-- them (the same stages as the `summarize` recipe) and the summary goes to
-- stdout, each sentence with its sources. With --clusters, JSON Lines input
-- is grouped by meta.cluster (or a top-level "cluster") and each group gets
-- one JSON line.
local naskh = require "naskh"
local json = require "naskh.json"
local schema = require "naskh.schema"
local registry = require "naskh.registry"
local recipe = require "naskh.recipe"
local read = require "naskh.io.read"

local function make_ctx(name, home, quiet)
  local ctx = { naskh = naskh, cache = {}, home = home, stage = name, quiet = quiet }
  function ctx.resolve(_, p) return recipe.resolve(".", home, p) end
  function ctx.warn(_, msg)
    if not quiet then io.stderr:write("naskh: warning: ", name, ": ", msg, "\n") end
  end
  return ctx
end

-- The stage chain: {stage=, opts=, ctx=} for clean (when available), split, outliers, summarize.
local function build_chain(o, home)
  local chain = {}
  local function add(name, raw)
    local st = registry.get(name)
    if not st then return end
    chain[#chain + 1] = { stage = st, opts = schema.fill(raw, st.options), ctx = make_ctx(name, home, o.quiet) }
  end
  if not o["no-clean"] then add("clean", {}) end
  -- Without clean, summarize splits by itself (naskh.sentences, split's defaults) and
  -- skips the paragraphs the split stage would also compute.
  if not o["no-clean"] or not o.clusters then add("split", {}) end
  if not o["keep-outliers"] then add("outliers", {}) end
  local sopts = { method = o.method, words = o.words, sentences = o.sentences, chars = o.chars,
                  per_document = o["per-document"] or nil, cluster = not o["per-document"],
                  idf = o.idf, redundancy = o.redundancy, lambda = o.lambda, position = o.position,
                  threshold = o.threshold,
                  scores = o.scores or nil, order = o.order,
                  ["length_penalty"] = o["length-penalty"] }
  if o["keep-outliers"] then sopts.outliers = "include" end
  local st = registry.get("summarize")
  local filled = schema.fill(sopts, st.options)
  local problems = {}
  for k, v in pairs(sopts) do
    schema.check(v, st.options[k], "--" .. k:gsub("_", "-"), function(msg) problems[#problems + 1] = msg end,
      function(_, _, msg) problems[#problems + 1] = msg end)
  end
  if #problems > 0 then return nil, problems[1] end
  local sctx = make_ctx("summarize", home, o.quiet)
  -- --clusters keeps no document after its line is written: the summarizer may
  -- split in C without storing doc.sentences (its lean path)
  sctx.lean = o.clusters or nil
  chain[#chain + 1] = { stage = st, opts = filled, ctx = sctx }
  return chain
end

-- Run the chain over docs; returns the corpus and the number of failed documents.
local function run_chain(chain, docs)
  local failed = 0
  local corpus = { docs = {}, all = docs, errors = {} }
  for _, d in ipairs(docs) do
    for _, c in ipairs(chain) do
      if c.stage.scope ~= "corpus" then
        local ok, err = pcall(c.stage.run, d, c.opts, c.ctx)
        if not ok then
          d.failed = true
          io.stderr:write(string.format("naskh: %s: stage '%s' failed: %s\n", d.id, c.stage.name, tostring(err)))
          break
        end
      end
    end
    if d.failed then failed = failed + 1 else corpus.docs[#corpus.docs + 1] = d end
  end
  for _, c in ipairs(chain) do
    if c.stage.scope == "corpus" then
      local ok, err = pcall(c.stage.run, corpus, c.opts, c.ctx)
      if not ok then error(string.format("stage '%s' failed: %s", c.stage.name, tostring(err)), 0) end
    end
  end
  return corpus, failed
end

local function one_line(s)
  return (s:gsub("%s+", " "):gsub("^ ", ""):gsub(" $", ""))
end

local function cite(item)
  local parts = {}
  for _, src in ipairs(item.sources) do parts[#parts + 1] = src.doc .. ", s" .. src.sentence end
  return "[" .. table.concat(parts, "; ") .. "]"
end

local function print_summary(cli, summary, format)
  for _, item in ipairs(summary.sentences) do
    if format == "plain" then
      cli.out(one_line(item.text or ""), "\n")
    else
      cli.out(one_line(item.text or ""), " ", cite(item), "\n")
    end
  end
end

-- One JSON Lines record: a document and its cluster key, or nil, message.
local jsonl_flat = naskh._jsonl_flat
local function decode_line(line, where)
  -- a flat record ({"id", "text", "cluster", ...} without meta): no table for it
  local flat, text, fid, fk = jsonl_flat(line)
  if flat then
    if type(text) ~= "string" then
      return nil, string.format('%s: each line must be an object with a string field "text"; line skipped', where)
    end
    if type(fid) == "number" then fid = string.format("%d", fid) end
    if type(fid) ~= "string" then fid = where end
    return { id = fid, text = text, meta = {} }, fk
  end
  local v, err = json.decode(line)
  if type(v) ~= "table" or type(v.text) ~= "string" then
    return nil, string.format("%s: %s; line skipped", where,
      v == nil and (err or "invalid JSON") or 'each line must be an object with a string field "text"')
  end
  local meta = type(v.meta) == "table" and v.meta or {}
  local id = v.id
  if type(id) == "number" then id = string.format("%d", id) end
  if type(id) ~= "string" then id = where end
  local k = meta.cluster
  if k == nil then k = v.cluster end
  return { id = id, text = v.text, meta = meta }, k
end

-- Summarize one cluster: its JSON line and the number of failed documents.
local function cluster_line(chain, docs, key)
  local corpus, f = run_chain(chain, docs)
  local ids, texts = {}, {}
  for i, d in ipairs(docs) do ids[i] = d.id end
  for i, item in ipairs(corpus.summary and corpus.summary.sentences or {}) do texts[i] = item.text end
  return json.encode(json.object({ cluster = key, ids = ids, summary = texts })) .. "\n", f
end

-- Every non-blank line of the files: fn(line, where); returns the failures to open.
local function each_line(files, cli, fn)
  local failed = 0
  for _, f in ipairs(files) do
    local fh, oerr = io.stdin, nil
    if f ~= "-" then fh, oerr = io.open(f, "rb") end
    if not fh then
      failed = failed + 1
      cli.err("cannot open " .. tostring(oerr))
    else
      local name = f == "-" and "<stdin>" or f
      local lineno = 0
      for line in fh:lines() do
        lineno = lineno + 1
        if line:find("%S") then fn(line, name .. ":" .. lineno) end
      end
      if f ~= "-" then fh:close() end
    end
  end
  return failed
end

--[[
--clusters: JSON Lines grouped by meta.cluster (or a top-level "cluster"):
one JSON line per run of equal keys, {"cluster","ids","summary"}. A lean
reader (no document is written back). With --jobs N, batches of clusters go
to N worker processes (the parent only finds the cluster key of each line);
the output keeps the input order and is the same as with one process.
]]
local function run_clusters(args, cli, chain, jobs)
  local files = {}
  for i = 1, #args do files[i] = args[i] end
  if #files == 0 then files[1] = "-" end
  local failed, n = 0, 0
  if jobs <= 1 then
    local group, key = {}, nil
    local function flush()
      if #group == 0 then return end
      local line, f = cluster_line(chain, group, key == nil and n or key)
      failed = failed + f
      cli.out(line)
      n = n + 1
      group = {}
    end
    failed = failed + each_line(files, cli, function(line, where)
      local doc, k = decode_line(line, where)
      if not doc then
        failed = failed + 1
        cli.err(k)
        return
      end
      if k ~= key and #group > 0 then flush() end
      key = k
      group[#group + 1] = doc
    end)
    flush()
    return failed > 0 and 1 or 0
  end

  -- Parallel: the parent cuts the input into clusters by the raw key text.
  -- (the first "cluster" with a string value, else the first with another
  -- value; each occurrence is found by a plain search, then matched in place,
  -- instead of trying the patterns at every byte of a long line)
  local function raw_key(line)
    for _, pat in ipairs({ '^%s*:%s*("[^"]*")', '^%s*:%s*([^,}%s]+)' }) do
      local p = line:find('"cluster"', 1, true)
      while p do
        local k = line:match(pat, p + 9)
        if k then return k end
        p = line:find('"cluster"', p + 1, true)
      end
    end
    return ""
  end
  local co = coroutine.wrap(function()
    local parts, nclusters = {}, 0
    local cur, curkey = {}, nil
    local function close_cluster()
      if #cur == 0 then return end
      parts[#parts + 1] = string.pack("<I4I4", n, #cur // 2)
      for i = 1, #cur, 2 do parts[#parts + 1] = string.pack("<s4s4", cur[i], cur[i + 1]) end
      n = n + 1
      nclusters = nclusters + 1
      cur = {}
      if nclusters >= 64 then
        coroutine.yield(string.pack("<I4", nclusters) .. table.concat(parts))
        parts, nclusters = {}, 0
      end
    end
    failed = failed + each_line(files, cli, function(line, where)
      local k = raw_key(line)
      if k ~= curkey and #cur > 0 then close_cluster() end
      curkey = k
      cur[#cur + 1] = where
      cur[#cur + 1] = line
    end)
    close_cluster()
    if nclusters > 0 then coroutine.yield(string.pack("<I4", nclusters) .. table.concat(parts)) end
    return nil
  end)
  local workers = naskh.workers(jobs, function(rfd, wfd)
    while true do
      local batch = naskh.frame_read(rfd)
      if batch == nil then break end
      local out, fails = {}, 0
      local count, pos = string.unpack("<I4", batch)
      for _ = 1, count do
        local index, nlines
        index, nlines, pos = string.unpack("<I4I4", batch, pos)
        local docs, key = {}, nil
        for _ = 1, nlines do
          local where, line
          where, line, pos = string.unpack("<s4s4", batch, pos)
          local doc, k = decode_line(line, where)
          if doc then
            if #docs == 0 then key = k end
            docs[#docs + 1] = doc
          else
            fails = fails + 1
            io.stderr:write("naskh: ", k, "\n")
          end
        end
        if #docs > 0 then
          local l, f = cluster_line(chain, docs, key == nil and index or key)
          out[#out + 1] = l
          fails = fails + f
        end
      end
      naskh.frame_write(wfd, string.pack("<I4", fails) .. table.concat(out))
    end
  end)
  local ok, err = workers:run(co, function(result)
    local f, pos = string.unpack("<I4", result)
    failed = failed + f
    cli.out(result:sub(pos))
  end)
  workers:close()
  if not ok then cli.fail(2, "summarize: parallel run failed: " .. tostring(err)) end
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
    method = { type = "string", short = "m", enum = { "lead", "centroid", "lexrank", "textrank" },
               doc = "lead, centroid, lexrank or textrank (default: lexrank)" },
    format = { type = "string", short = "f", enum = { "text", "plain", "markdown", "json" }, default = "text",
               doc = "text (sentences with sources), plain (sentences only), markdown, json" },
    redundancy = { type = "string", enum = { "mmr", "cutoff", "none" }, doc = "redundancy control (default mmr)" },
    lambda = { type = "number", doc = "MMR trade-off in [0,1] (default 0.7)" },
    position = { type = "number", doc = "weight of the position score (default 1)" },
    threshold = { type = "number", doc = "lexrank: 0 = continuous (default), > 0 = thresholded at this cosine" },
    ["length-penalty"] = { type = "number", doc = "favour shorter sentences under a word budget, in [0,1]" },
    order = { type = "string", enum = { "source", "score" }, doc = "sentence order (default source)" },
    idf = { type = "string", arg = "FILE", doc = "IDF file from `naskh idf build` (default: from the cluster)" },
    ["per-document"] = { type = "boolean", doc = "summarize each file on its own instead" },
    ["keep-outliers"] = { type = "boolean", doc = "do not check for (and leave out) articles about another event" },
    ["no-clean"] = { type = "boolean", doc = "do not drop boilerplate first" },
    scores = { type = "boolean", doc = "json: include every sentence's scores" },
    clusters = { type = "boolean", doc = "JSON Lines input grouped by meta.cluster; one JSON line per group" },
    jobs = { type = "integer", short = "j", min = 1, default = naskh.ncpu(), arg = "N",
             doc = "--clusters: worker processes, one per core by default (output order and content do not change)" },
  },
  run = function(args, cli)
    local o = args.opts
    if o.idf and o.idf ~= "cluster" then
      local fh = io.open(o.idf, "rb")
      if not fh then cli.usage_error("summarize: cannot open IDF file " .. o.idf) end
      fh:close()
    end
    local chain, err = build_chain(o, cli.home)
    if not chain then cli.usage_error("summarize: " .. err) end
    if o.clusters then return run_clusters(args, cli, chain, o.jobs) end
    if #args == 0 then cli.usage_error("summarize: which files? usage: " ..
      "naskh summarize [--words N | --sentences N] FILE... ('-' = stdin)") end
    local docs, bad = {}, 0
    local files = {}
    for i = 1, #args do files[i] = args[i] end
    read.each(files, "auto", function(doc) docs[#docs + 1] = doc end,
      function(msg) bad = bad + 1; cli.err(msg) end)
    if #docs == 0 then cli.fail(2, "summarize: no documents were read") end
    local corpus, failed = run_chain(chain, docs)
    if not o.quiet then
      for _, d in ipairs(corpus.docs) do
        if d.outlier then cli.err(string.format("%s left out: %s", d.id, d.outlier.reason)) end
      end
    end
    local format = o.format
    if format == "json" then
      local v = { summary = corpus.summary, outliers = corpus.outliers }
      if o["per-document"] then
        v.documents = {}
        for _, d in ipairs(corpus.docs) do v.documents[#v.documents + 1] = { id = d.id, summary = d.summary } end
      end
      local texts = {}
      for _, d in ipairs(docs) do texts[d.id] = d.text end
      cli.out(json.encode(v, nil, texts), "\n")
    elseif format == "markdown" then
      local render = require "naskh.io.render"
      local entry = chain[#chain]
      if corpus.summary then cli.out(render.markdown(entry, corpus), "\n") end
      for _, d in ipairs(corpus.docs) do
        if d.summary then cli.out("\n## ", d.id, "\n\n", render.markdown(entry, d), "\n") end
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
