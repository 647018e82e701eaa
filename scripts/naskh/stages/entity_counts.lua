-- naskh.stages.entity_counts: the cross-document view of doc.entities (run the
-- entities stage first). Sets doc.entity_counts and corpus.entity_counts =
-- {{id=, name= (canonical), type=, count=, docs=, surfaces={surface=n}}, ...},
-- most mentioned first (io/views/entity_counts.lua renders both in the Markdown report).
local entities = require "naskh.text.entities"

return {
  name = "entity_counts",
  summary = "per-article and per-cluster entity counts with canonical names",
  scope = "corpus",
  needs = { "entities" }, -- fields an earlier stage must add (lint checks the order)
  adds = { "entity_counts" },
  options = {
    types = { type = "list", items = { type = "string" }, default = { "PERS", "LOC", "ORG" },
      doc = "entity types to count (PERS, LOC, ORG, MISC, NORP); empty counts all" },
    top = { type = "integer", min = 1, default = 20, doc = "rows of each Markdown table" },
    mentions = { type = "boolean", default = true,
      doc = "keep doc.entities (every mention) in the output; false leaves only the counts" },
  },
  example = { types = { "PERS", "LOC", "ORG" }, top = 10 },
  run = function(corpus, opts)
    local types
    if opts.types and #opts.types > 0 then
      types = {}
      for _, t in ipairs(opts.types) do types[t] = true end
    end
    local lists = {}
    for _, doc in ipairs(corpus.docs) do
      if doc.entities == nil then
        error("entity_counts: document " .. tostring(doc.id) .. " has no entities (run the entities stage first)", 0)
      end
      doc.entity_counts = entities.counts(doc.entities, types)
      lists[#lists + 1] = doc.entity_counts
      if opts.mentions == false then doc.entities = nil end
    end
    corpus.entity_counts = entities.merge_counts(lists)
  end,
}
