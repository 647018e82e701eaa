-- naskh.io.sink: where output bytes go. A file is written to a temporary
-- name beside it and renamed on success, so a killed or failed run never
-- leaves a half-written output; "-" is standard output.
local naskh = require "naskh"
local progress = require "naskh.engine.progress"

local M = {}

local Sink = {}
Sink.__index = Sink

function M.open(path)
  if path == "-" or path == nil then
    return setmetatable({ fh = io.stdout, path = "-", std = true }, Sink)
  end
  -- A device, FIFO or socket (/dev/null, /dev/stdout, a pipe) is written in
  -- place: a rename over it would replace it with a regular file.
  local kind = naskh.filetype(path)
  if kind == "directory" then
    error(string.format("cannot write output '%s': it is a directory", path), 0)
  elseif kind == "other" then
    local fh, err = io.open(path, "wb")
    if not fh then error(string.format("cannot write output '%s': %s", path, err), 0) end
    return setmetatable({ fh = fh, path = path, direct = true }, Sink)
  end
  local tmp = string.format("%s.tmp-%d-%d", path, os.time(), math.random(1, 1 << 30))
  local fh, err = io.open(tmp, "wb")
  if not fh then
    local dir = path:match("^(.*)/[^/]*$") or "."
    error(string.format("cannot write output '%s': %s (does the directory '%s' exist and is it writable?)",
      path, err:gsub("^[^:]*: ", ""), dir), 0)
  end
  -- removed by SIGINT/SIGTERM/SIGHUP and the watchdog too (bindings/lnk_sandbox.c)
  if naskh._tmp_register then naskh._tmp_register(tmp) end
  return setmetatable({ fh = fh, path = path, tmp = tmp }, Sink)
end

local function forget(self)
  if self.tmp and naskh._tmp_forget then naskh._tmp_forget(self.tmp) end
end

function Sink:write(...)
  if self.std and progress.current then
    -- a progress line is on the terminal: end it first, and let these bytes out now (not
    -- when the buffer fills, in the middle of the next progress line)
    progress.pause()
    local ok, err = self.fh:write(...)
    if ok then ok, err = self.fh:flush() end
    if not ok then error("cannot write standard output: " .. tostring(err), 0) end
    return
  end
  local ok, err = self.fh:write(...)
  if not ok then
    error(string.format("cannot write output '%s': %s", self.path, tostring(err)), 0)
  end
end

-- Flush and publish; raises with a clear message on failure (disk full...).
function Sink:close()
  if self.std then
    local ok, err = self.fh:flush()
    if not ok then error("cannot write standard output: " .. tostring(err), 0) end
    return
  end
  local ok, err = self.fh:flush()
  if ok then ok, err = self.fh:close() else self.fh:close() end
  if self.direct then
    if not ok then error(string.format("cannot write output '%s': %s", self.path, tostring(err)), 0) end
    return
  end
  if not ok then
    os.remove(self.tmp)
    forget(self)
    error(string.format("cannot write output '%s': %s", self.path, tostring(err)), 0)
  end
  local rok, rerr = os.rename(self.tmp, self.path)
  if not rok then os.remove(self.tmp) end
  forget(self)
  if not rok then
    error(string.format("cannot write output '%s': %s", self.path, tostring(rerr)), 0)
  end
end

-- Drop the temporary file (after an error).
function Sink:abort()
  if not self.std then
    pcall(self.fh.close, self.fh)
    if self.tmp then os.remove(self.tmp); forget(self) end
  end
end

return M
