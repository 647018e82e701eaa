-- naskh.engine.progress: the progress line of a run on a terminal (stderr only).
-- The line is redrawn in place: "\r", the text, then clear-to-end-of-line
-- ("\27[K"; with NO_COLOR set or TERM=dumb, spaces over the old text instead).
-- Anything else the run writes to the terminal goes after a newline: writers of
-- stderr call M.stderr(...) (or M.pause() first), and the standard-output sink
-- pauses before it writes. Time is wall-clock (a monotonic clock), so the rate
-- moves while worker processes (--jobs) do the work.
local naskh = require "naskh"

local M = {}

-- The reporter in use (one run at a time), or nil.
M.current = nil

local function now()
  if naskh._monotonic then return naskh._monotonic() end
  return os.time()
end

local function plain_terminal()
  local nc = os.getenv("NO_COLOR")
  return (nc ~= nil and nc ~= "") or os.getenv("TERM") == "dumb"
end

-- A reporter: update(done) redraws (at most every 0.2 s, and always at done == total),
-- pause() ends the line with a newline if one is shown, finish([done]) shows the final
-- count and ends it for good.
function M.new(total, out)
  out = out or io.stderr
  local plain = plain_terminal()
  local t0, last, shown, width = now(), -1, false, 0
  local ever = false -- a line was drawn at some point (a warning may have ended it since)
  local self = { total = total }
  function self.update(done)
    local t = now()
    if t - last < 0.2 and done ~= total then return end
    last = t
    local elapsed = math.max(t - t0, 1e-3)
    local rate = done / elapsed
    local eta = ""
    if total and total > 0 and rate > 0 then
      eta = string.format(", ETA %ds", math.floor((total - done) / rate + 0.5))
    end
    local text = string.format("naskh: %d%s documents, %.0f/s%s", done, total and ("/" .. total) or "",
      rate, eta)
    if plain then
      out:write("\r", text, string.rep(" ", math.max(0, width - #text)))
    else
      out:write("\r", text, "\27[K")
    end
    width = #text
    shown, ever = true, true
  end
  function self.pause()
    if shown then out:write("\n"); shown = false; width = 0 end
  end
  function self.finish(done)
    -- the final count, not a throttled one; also after a warning ended the line last drawn
    if done and ever then last = -1; self.update(done) end
    self.pause()
    if M.current == self then M.current = nil end
  end
  M.current = self
  return self
end

-- End the progress line (if any) before something else is written to the terminal.
function M.pause()
  if M.current then M.current.pause() end
end

-- M.capture: a list that collects what M.stderr would write (a --jobs worker sends it
-- back to the main process, which prints it after ending its line); nil: write it.
M.capture = nil

-- io.stderr:write(...) after ending the progress line.
function M.stderr(...)
  if M.capture then
    for i = 1, select("#", ...) do M.capture[#M.capture + 1] = tostring((select(i, ...))) end
    return
  end
  if M.current then M.current.pause() end
  io.stderr:write(...)
end

return M
