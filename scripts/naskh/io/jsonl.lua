-- naskh.io.jsonl: one JSON object per document per line; spans as code
-- point offsets (start/end). A corpus run adds a last line {"corpus": {...}}
-- with the results of corpus stages (summary, counts...).
local json = require "naskh.json"

local M = {}
local W = {}
W.__index = W

function M.new(sk, spec, plan)
  return setmetatable({ sink = sk, spec = spec, plan = plan }, W)
end

-- The document as written: every field but internals; text unless text: false.
function M.doc_value(doc, spec)
  local v = {}
  for k, x in pairs(doc) do
    if type(k) == "string" and k:sub(1, 1) ~= "_" and k ~= "failed" then v[k] = x end
  end
  if spec and spec.text == false then v.text = nil end
  return v
end

function W:doc(doc)
  self.sink:write(json.encode(M.doc_value(doc, self.spec), doc.text))
  self.sink:write("\n")
end

-- Corpus-level fields (everything but the documents), spans resolved per document id.
function M.corpus_value(corpus)
  local v = json.object({})
  for k, x in pairs(corpus) do
    if k ~= "docs" and k ~= "all" and k:sub(1, 1) ~= "_" then v[k] = x end
  end
  local texts = {}
  for _, d in ipairs(corpus.all) do texts[d.id] = d.text end
  return v, texts
end

function W:corpus(corpus)
  for _, d in ipairs(corpus.all) do self:doc(d) end
  local v, texts = M.corpus_value(corpus)
  if next(v) ~= nil and not (next(v) == "name" and next(v, "name") == nil) then
    self.sink:write(json.encode({ corpus = v }, nil, texts))
    self.sink:write("\n")
  end
end

return M
