-- cli.chunks: the streaming reader of `naskh split`, `tokens` and `match`. Random texts of
-- lines, blank lines, CRLF, spaces and Arabic, read with block sizes from 1 to 40 bytes: the
-- pieces put back together are the input, each but the last ends at a cut point, and the
-- byte and code point bases count everything before the piece.
local t = require "t"
local naskh = require "naskh"
local cli = require "naskh.engine.cli"

local bits = { "a", "ب", "جملة", " ", "  ", "\t", "\n", "\n", "\r\n", "\n\n", "\n \n", "\n\t\r\n", ".", "\xff" }
local seed = 12345
local function rnd(n) seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n + 1 end

local path = os.tmpname()
local function write(s)
  local fh = assert(io.open(path, "wb"))
  fh:write(s)
  fh:close()
end

local function check(text, cut, size)
  write(text)
  local parts, ok, why = {}, true, nil
  local bb, cb = 0, 0
  for piece, b, c in cli.chunks(path, cut, size) do
    if b ~= bb or c ~= cb then ok, why = false, string.format("bases %d,%d want %d,%d", b, c, bb, cb) end
    parts[#parts + 1] = piece
    bb, cb = bb + #piece, cb + naskh.cplen(piece)
  end
  for i = 1, #parts - 1 do
    local p = parts[i]
    local at_cut = cut == "line" and p:sub(-1) == "\n" or p:find("\n[ \t\r]*\n$") ~= nil
    if not at_cut then ok, why = false, string.format("piece %d ends %q", i, p:sub(-8)) end
  end
  if table.concat(parts) ~= text then ok, why = false, "pieces differ from the input" end
  return ok, why, #parts
end

for _, cut in ipairs { "line", "blank" } do
  local bad, most = nil, 0
  for round = 1, 60 do
    local b = {}
    for i = 1, rnd(80) do b[i] = bits[rnd(#bits)] end
    local text = table.concat(b)
    for size = 1, 40 do
      local ok, why, n = check(text, cut, size)
      if n > most then most = n end
      if not ok and not bad then bad = string.format("round %d size %d: %s", round, size, why) end
    end
  end
  t.ok(bad == nil, "chunks " .. cut .. ": pieces rebuild the input, end at cut points, bases count", bad)
  t.ok(most > 5, "chunks " .. cut .. ": small blocks give many pieces", "at most " .. most)
end

-- a blank line across a block boundary is still a cut point
t.eq({ check("abc\n\ndef", "blank", 4) }, { true, nil, 2 }, "chunks blank: a blank line across two blocks")
-- no cut point: one piece, however small the blocks
t.eq({ check(string.rep("x", 100), "line", 7) }, { true, nil, 1 }, "chunks: no line end, one piece")
-- an empty input gives no piece
t.eq({ check("", "line", 8) }, { true, nil, 0 }, "chunks: an empty file, no piece")

os.remove(path)
return t.done()
