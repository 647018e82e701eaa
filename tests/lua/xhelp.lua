-- xhelp.lua: helpers for the extraction stage tests (clean, quotes, dates,
-- numbers): read the bundled samples and run stages on them the way the
-- pipeline does (schema defaults filled, one ctx per stage instance).
local t = require "t"
local schema = require "naskh.engine.schema"

local M = {}

M.SAMPLES = {
  "000_86031912e7f8d5b8", "001_d98b33668da296b2", "002_aafd4365e1f0e15e",
  "003_afd9ebb52b62d6f4", "004_6279182bec594ef7",
}

function M.doc(id, text, meta)
  return { id = id, text = text, meta = meta or {}, errors = {} }
end

function M.sample(id)
  local text = t.read(t.root .. "/configs/samples/" .. id .. ".txt")
  return M.doc(id, text, { path = "configs/samples/" .. id .. ".txt" })
end

function M.samples()
  local out = {}
  for i, id in ipairs(M.SAMPLES) do out[i] = M.sample(id) end
  return out
end

-- A stage instance: {stage=, opts=, ctx=}; opts are filled with the schema's defaults.
function M.instance(name, raw)
  local st = require("naskh.stages." .. name)
  local opts = schema.fill(raw or {}, st.options)
  local ctx = {
    naskh = require "naskh", cache = {}, home = t.root, warnings = {},
  }
  function ctx.resolve(_, p)
    if p:sub(1, 1) == "/" then return p end
    return t.root .. "/configs/" .. p
  end
  function ctx.warn(self, msg) self.warnings[#self.warnings + 1] = msg end
  return { stage = st, opts = opts, ctx = ctx }
end

-- Run document stages (names or {name, opts}) over docs.
function M.run(docs, stages)
  for _, spec in ipairs(stages) do
    local name, raw = spec, nil
    if type(spec) == "table" then name, raw = spec[1], spec[2] end
    local inst = M.instance(name, raw)
    if inst.stage.scope == "corpus" then
      local corpus = { docs = docs, all = docs, errors = {}, name = "test" }
      inst.stage.run(corpus, inst.opts, inst.ctx)
      docs.corpus = corpus
    else
      for _, d in ipairs(docs) do inst.stage.run(d, inst.opts, inst.ctx) end
    end
  end
  return docs
end

-- The text of a span of doc.
function M.text(doc, sp) return doc.text:sub(sp.s, sp.e) end

-- dates_of(text[, meta]) -> {"text=iso", ...}, doc and quotes_of(text) -> {{quote, speaker or
-- false}, ...}, doc: the dates stage, and the entities and quotes stages, on one document whose
-- meta is default_meta unless given.
function M.extractors(default_meta)
  local function dates_of(text, meta)
    local d = M.run({ M.doc("d", text, meta or default_meta) }, { "dates" })[1]
    local out = {}
    for _, m in ipairs(d.dates) do out[#out + 1] = m.text .. "=" .. tostring(m.iso) end
    return out, d
  end
  local function quotes_of(text)
    local d = M.run({ M.doc("q", text, default_meta) }, { "entities", "quotes" })[1]
    local out = {}
    for _, q in ipairs(d.quotes) do
      local sp = q.speaker or {}
      out[#out + 1] = { q.text, sp.name or sp.text or false }
    end
    return out, d
  end
  return dates_of, quotes_of
end

return M
