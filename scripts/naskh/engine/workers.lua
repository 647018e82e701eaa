-- naskh.engine.workers: the --jobs protocol. The parent reads the documents and sends them
-- in batches to worker processes (naskh.workers: fork, frames over pipes, restart of a dead
-- worker; bindings/lnk_proc.c). A batch is one frame of ("<s4s4" where, line) pairs; a
-- worker runs the document stages (exec.process_doc), renders every output into memory and
-- replies with one frame: failed and document counts ("<I4I4"), each output's bytes ("<s4")
-- and its messages ("<s4"). Replies come back in input order.
local naskh = require "naskh"
local read = require "naskh.io.read"
local json = require "naskh.engine.json"
local progress = require "naskh.engine.progress"
local sandbox = require "naskh.engine.sandbox"
local docguard = require "naskh.engine.docguard"

local M = {}

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
local function worker_main(plan, state, rfd, wfd, exec)
  local process_doc, report_doc_errors = exec.process_doc, exec.report_doc_errors
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
        local doc, err = read.doc_from_line(line, where, state.read)
        if not doc then
          if not err then return end -- a corpus record: not a document
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

--[[
Run a document recipe's documents (paths) on `jobs` worker processes: the parent reads and
batches, workers run the stages and render the outputs, results are written to the parent's
writers in input order. exec: { process_doc = f(plan, doc, state), report_doc_errors = f(doc) }
(naskh.engine.pipeline's). count(failed, docs) is called for each reply; on_error(msg) for an
input that cannot be read. Raises "parallel run failed: ..." when the run cannot go on.
]]
function M.run(plan, state, jobs, paths, writers, reporter, on_error, count, exec)
  local co = coroutine.wrap(function()
    read.each(paths, plan.input.format, function(item, where)
      if type(item) == "table" then
        coroutine.yield(where or item.id, json.encode(item, nil))
      else
        coroutine.yield(where, item)
      end
    end, on_error, true, state.read)
    return nil
  end)
  local workers = naskh.workers(jobs, function(rfd, wfd) worker_main(plan, state, rfd, wfd, exec) end)
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
    local outs = {}
    for k = 1, #writers do outs[k], pos = string.unpack("<s4", result, pos) end
    local said = string.unpack("<s4", result, pos)
    if #said > 0 then progress.stderr(said) end
    count(f, n)
    for k, w in ipairs(writers) do w.sink:write(outs[k]) end
  end
  local wok, werr = workers:run(next_input, emit, worker_died)
  workers:close()
  if not wok then error("parallel run failed: " .. tostring(werr), 0) end
end

return M
