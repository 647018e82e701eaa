-- naskh.workers, frame_read and frame_write (the --jobs transport): replies sent as a list of
-- pieces arrive as one frame, whole and in input order.
local t = require "t"
local naskh = require "naskh"

local ws = naskh.workers(2, function(rfd, wfd)
  while true do
    local s = naskh.frame_read(rfd)
    if not s then break end
    local r = s:reverse()
    -- three pieces, some of them empty for short inputs
    naskh.frame_write(wfd, { r:sub(1, 1), r:sub(2, 5), r:sub(6) })
  end
end)
local inputs = { "abcdefg", "", "x", string.rep("بوتين ", 200000), "1234567890" }
local i, got = 0, {}
local ok, err = ws:run(function() i = i + 1; return inputs[i] end, function(r) got[#got + 1] = r end)
ws:close()
t.ok(ok, "workers: the run ends", err)
local same = #got == #inputs
for k = 1, #inputs do same = same and got[k] == inputs[k]:reverse() end
t.ok(same, "workers: replies written as lists of pieces come back whole and in order",
  string.format("%d replies", #got))

local pok, perr = pcall(naskh.frame_write, -1, { "a", {} })
t.ok(not pok and tostring(perr):find("list of strings", 1, true) ~= nil,
  "frame_write: a list with a non-string is an argument error (nothing written)", tostring(perr))
local wok, werr = pcall(naskh.frame_write, -1, "abc")
t.ok(not wok and tostring(werr):find("worker pipe", 1, true) ~= nil,
  "frame_write: a write error is raised", tostring(werr))

return t.done()
