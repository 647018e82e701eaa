-- naskh.stages.entities: named entities of each document: the entity tagger
-- (configs/models/entities.nktag) reading as features the bundled
-- gazetteers (countries, nationalities, cities, regions, people,
-- organizations), the recipe's own gazetteers and the context rules of
-- naskh.entities. Sets doc.entities = {{s=, e=, surface=, id=, type=, name=,
-- clitic=, source=, meta=}, ...} in text order, leaving out what lies in text
-- the clean stage dropped. See docs/entities.md.
local entities = require "naskh.text.entities"
local spans = require "naskh.text.spans"

-- The tagger model: false without the tagger, the recipe's model (relative to the recipe),
-- or nil for the bundled one.
local function model_of(opts, ctx)
  if opts.tagger == false then return false end
  if opts.model then return ctx.resolve and ctx:resolve(opts.model) or opts.model end
  return nil
end

local function finder(opts, ctx)
  local f = ctx.cache.finder
  if f then return f end
  local paths = {}
  for i, p in ipairs(opts.gazetteers or {}) do
    local path = ctx.resolve and ctx:resolve(p) or p
    paths[i] = path
  end
  ctx.cache.compiled = ctx.cache.compiled or {}
  f = entities.new {
    naskh = ctx.naskh, home = ctx.home, gazetteers = paths, bundled = opts.bundled,
    rules = opts.rules, all = opts.all, variants = opts.variants, cache = ctx.cache.compiled,
    model = model_of(opts, ctx),
  }
  ctx.cache.finder = f
  return f
end

local function type_filter(opts)
  if not opts.types or #opts.types == 0 then return nil end
  local set = {}
  for _, t in ipairs(opts.types) do set[t] = true end
  return set
end

return {
  name = "entities",
  summary = "named entities: bundled and user gazetteers (clitic-aware) plus context rules",
  scope = "document",
  needs = {}, -- fields an earlier stage must add (lint checks the order)
  adds = { "entities" },
  options = {
    gazetteers = { type = "list", items = { type = "string", file = true }, default = {},
      doc = "the recipe's gazetteers (TSV, YAML or compiled), matched before the bundled ones; "
        .. "paths are relative to the recipe" },
    bundled = { type = "boolean", default = true,
      doc = "use naskh's bundled gazetteers (countries, nationalities, cities, regions, people, organizations)" },
    rules = { type = "boolean", default = true,
      doc = "apply the context rules (titles, nationality + name, given names, بن chains, "
        .. "organization and place triggers) and propagate names found by them" },
    tagger = { type = "boolean", default = true,
      doc = "let the entity tagger (a model trained on ANERcorp) decide what is an entity, with the "
        .. "gazetteers and rules as its features; false: gazetteers and rules alone" },
    model = { type = "string", file = true,
      doc = "a tagger model of your own (naskh train entities); default the bundled one" },
    all = { type = "boolean", default = false,
      doc = "keep every candidate, overlapping ones too (default: leftmost-longest)" },
    variants = { type = "boolean", default = false,
      doc = "let the matcher accept spelling variants of transliterated names (ترامب/ترمب)" },
    report = { type = "boolean", default = true,
      doc = "Markdown report: a table of the names found in each article (one row per name, most mentioned first)" },
    types = { type = "list", items = { type = "string" }, default = {},
      doc = "keep only these types (PERS, LOC, ORG, MISC, NORP); empty keeps all" },
  },
  example = { gazetteers = {}, bundled = true, rules = true, types = { "PERS", "LOC", "ORG" } },
  -- Load and compile the gazetteers once, before any document (and before
  -- --jobs workers fork): a broken gazetteer stops the run before any work.
  init = function(opts, ctx) finder(opts, ctx) end,
  run = function(doc, opts, ctx)
    local ents = finder(opts, ctx):find(doc.text)
    local keep = type_filter(opts)
    local out = {}
    for _, e in ipairs(ents) do
      -- like the other extraction stages, nothing from text the clean stage dropped
      if (not keep or keep[e.type]) and not spans.is_dropped(doc, e.s, e.e) then
        if e.meta and next(e.meta) == nil then e.meta = nil end
        e.clitic_s, e.clitic_e = nil, nil -- byte positions; the clitic's text stays
        out[#out + 1] = e
      end
    end
    doc.entities = out
  end,
}
