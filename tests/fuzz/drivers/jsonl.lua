-- Fuzz driver: JSON Lines bytes -> the reader (naskh.io.read.doc_from_line) ->
-- the JSON Lines writer. Used by tests/fuzz/fuzz_jsonl.c (libFuzzer) and
-- tests/lua/test_fuzz_regressions.lua.
-- Contract checked: a broken line is an error message, never a raise; a
-- document that was read can always be written; what is written reads back.
local read = require "naskh.io.read"
local jsonl = require "naskh.io.jsonl"

return function(s)
  local n = 0
  for line in s:gmatch("[^\n]+") do
    n = n + 1
    local doc, err = read.doc_from_line(line, "fuzz.jsonl:" .. n)
    if doc then
      local buf = {}
      local w = jsonl.new({ write = function(_, x) buf[#buf + 1] = x end }, { text = true }, {})
      w:doc(doc)
      local out = table.concat(buf)
      assert(out:sub(-1) == "\n" and not out:sub(1, -2):find("\n", 1, true), "writer: not one line")
      local back, berr = read.doc_from_line(out:sub(1, -2), "written")
      assert(back, "a written document does not read back: " .. tostring(berr))
    else
      assert(type(err) == "string" and err:find("fuzz.jsonl:" .. n, 1, true), "reader: bad error message")
    end
  end
end
