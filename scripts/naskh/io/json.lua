-- naskh.io.json: the whole run as one JSON object {"docs": [...], "corpus": {...}}.
local json = require "naskh.engine.json"
local jsonl = require "naskh.io.jsonl"

local M = {}
local W = {}
W.__index = W

function M.new(sk, spec, plan)
  return setmetatable({ sink = sk, spec = spec, plan = plan }, W)
end

function W:corpus(corpus)
  self.sink:write('{"docs":[')
  for i, d in ipairs(corpus.all) do
    if i > 1 then self.sink:write(",\n") end
    self.sink:write(json.encode(jsonl.doc_value(d, self.spec), d.text))
  end
  local v, texts = jsonl.corpus_value(corpus)
  self.sink:write('],\n"corpus":')
  self.sink:write(json.encode(v, nil, texts))
  self.sink:write("}\n")
end

W.doc = function() error("the json output needs the whole corpus", 0) end

return M
