-- naskh script tests/eval/tagger_speed.lua [ROOT]: the entity tagger's C part alone (features,
-- Viterbi, propagation; no hints, no rules, no linking) on the bundled samples repeated to
-- about 3 MB in one text; best of three, CPU seconds (os.clock). ROOT: the tree whose
-- configs/samples and configs/models/entities.nktag are read (default: naskh.home).
local naskh = require "naskh"
local root = arg[1] or naskh.home
local texts = {}
local p = assert(io.popen("cat '" .. root .. "'/configs/samples/*.txt"))
texts[1] = p:read("a")
p:close()
local text = texts[1]:rep(math.ceil(3e6 / #texts[1]))
local m = assert(naskh.tagger(root .. "/configs/models/entities.nktag"))
local best = math.huge
for _ = 1, 3 do
  local t0 = os.clock()
  m:entities(text)
  best = math.min(best, os.clock() - t0)
end
print(string.format("tagger C part: %.2f MB in %.3f s CPU (best of 3): %.1f MB/s", #text / 1e6, best,
  #text / 1e6 / best))
