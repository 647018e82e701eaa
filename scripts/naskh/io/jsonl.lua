-- naskh.io.jsonl: one JSON object per document per line; spans as code
-- point offsets (start/end). A corpus run adds a last line {"corpus": {...}}
-- with the results of corpus stages (summary, counts...).
local naskh = require "naskh"
local json = require "naskh.engine.json"

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

-- A document this big (its text) is written straight to the output file in
-- pieces instead of as one Lua string (the same bytes; one copy of the text less).
M.STREAM_BYTES = 1 << 20

local function stream(sink, v, text)
  if not sink.fh then -- a worker's memory sink
    sink:write(json.encode(v, text))
    return
  end
  local ok, err = pcall(naskh._json_write, sink.fh, v, text)
  if not ok then
    error(string.format(sink.std and "cannot write standard output: %s" or
      ("cannot write output '" .. sink.path .. "': %s"), tostring(err)), 0)
  end
end

function W:doc(doc)
  local sink = self.sink
  if (sink.fh or sink.later) and naskh._json_write and type(doc.text) == "string" and
      #doc.text >= M.STREAM_BYTES then
    local v = M.doc_value(doc, self.spec)
    if sink.later then
      -- written later, straight to the output (naskh.engine.docguard): everything but the text is
      -- encoded now, so a value that cannot be encoded fails before any byte is written
      local text = v.text
      v.text = nil
      json.encode(v, doc.text)
      v.text = text
      sink:later(function(real) stream(real, v, doc.text) end)
    else
      stream(sink, v, doc.text)
    end
  else
    self.sink:write(json.encode(M.doc_value(doc, self.spec), doc.text))
  end
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
