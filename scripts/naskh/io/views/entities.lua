-- naskh.io.views.entities: how the entities stage's fields show in the report (moved here
-- from stages/entities.lua: stages produce data, io/ renders it).
-- Markdown: the names found in a document.
local entities = require "naskh.text.entities"

-- Markdown: one row per name (id), most mentioned first, with its type and
-- the forms it was written in.
local function markdown(doc, opts)
  local ents = doc.entities
  if not ents or #ents == 0 or (opts and opts.report == false) then return nil end
  local esc = require("naskh.io.markdown").escape
  local by, order = {}, {}
  for _, e in ipairs(ents) do
    local k = e.id or (tostring(e.type) .. ":" .. tostring(e.surface))
    local g = by[k]
    if not g then
      g = { name = e.name or e.surface or "", type = e.type or "", n = 0, seen = {}, forms = {}, first = #order + 1 }
      by[k] = g
      order[#order + 1] = g
    end
    g.n = g.n + 1
    local f = entities.written(e)
    if f ~= "" and not g.seen[f] then
      g.seen[f] = true
      g.forms[#g.forms + 1] = f
    end
  end
  table.sort(order, function(a, b)
    if a.n ~= b.n then return a.n > b.n end
    return a.first < b.first
  end)
  local out = {
    string.format("**Entities** (%d mentions of %d names)\n", #ents, #order),
    "| name | type | mentions | written |", "|---|---|---|---|",
  }
  for _, g in ipairs(order) do
    out[#out + 1] = string.format("| %s | %s | %d | %s |", esc(g.name), esc(g.type), g.n,
      esc(table.concat(g.forms, "، ")))
  end
  return table.concat(out, "\n")
end

return { markdown = markdown }
