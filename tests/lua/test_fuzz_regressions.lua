-- Replays the inputs of the Lua-side fuzz targets (tests/fuzz/fuzz_yaml.c,
-- tests/fuzz/fuzz_jsonl.c) through the same drivers: every file of
-- tests/fuzz/regressions/<target>/ (findings kept so they stay fixed) and
-- tests/fuzz/seeds/<target>/. A driver raises when a contract is broken.
local t = require "t"
local naskh = require "naskh"

local root = t.root
for _, target in ipairs({ "yaml", "jsonl" }) do
  local driver = dofile(root .. "/tests/fuzz/drivers/" .. target .. ".lua")
  for _, kind in ipairs({ "regressions", "seeds" }) do
    local dir = root .. "/tests/fuzz/" .. kind .. "/" .. target
    local names = naskh.listdir(dir) or {}
    local n = 0
    for _, name in ipairs(names) do
      if name:sub(1, 1) ~= "." then
        local fh = assert(io.open(dir .. "/" .. name, "rb"))
        local data = fh:read("a")
        fh:close()
        t.test(string.format("fuzz %s %s/%s", target, kind, name), function() driver(data) end)
        n = n + 1
      end
    end
    if n == 0 then t.ok(true, string.format("fuzz %s: no %s", target, kind)) end
  end
end
t.done()
