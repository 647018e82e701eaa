-- tests/eval/bundled_tsv.lua: naskh's bundled gazetteers as one surface<TAB>TYPE list (the name
-- and every alias of each entry; NORP left out, as ANERcorp does not tag nationality
-- adjectives; a surface listed twice keeps its first type). Run with `naskh script`:
--   naskh script tests/eval/bundled_tsv.lua configs/gazetteers/*.yaml > bundled.tsv
local naskh = require "naskh"
local seen = {}
for _, path in ipairs(arg) do
  local fh = assert(io.open(path, "rb"))
  local entries = assert(naskh.yaml_load(fh:read("a"), path))
  fh:close()
  for _, e in ipairs(entries) do
    if e.type ~= "NORP" then
      for _, s in ipairs { e.name, table.unpack(e.aliases or {}) } do
        if not seen[s] then
          seen[s] = true
          io.write(s, "\t", e.type, "\n")
        end
      end
    end
  end
end
