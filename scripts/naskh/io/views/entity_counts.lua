-- naskh.io.views.entity_counts: how the entity_counts stage's fields show in the report (moved
-- here from stages/entity_counts.lua: stages produce data, io/ renders it).
-- Markdown: a table of the cluster's entities, then each article's most mentioned names.
local function esc(s)
  return (tostring(s):gsub("([\\`*_%[%]<>|#])", "\\%1"):gsub("%s+", " "))
end

local function surfaces(c, limit)
  local list = {}
  for sf, n in pairs(c.surfaces or {}) do list[#list + 1] = { sf, n } end
  table.sort(list, function(a, b) if a[2] ~= b[2] then return a[2] > b[2] end return a[1] < b[1] end)
  local parts = {}
  for i = 1, math.min(#list, limit) do parts[i] = esc(list[i][1]) .. " (" .. list[i][2] .. ")" end
  return table.concat(parts, "، ")
end

local function markdown(corpus, opts)
  local rows = { "### Entities of the cluster", "",
    "| entity | type | mentions | articles | written as |", "|---|---|---:|---:|---|" }
  for i, c in ipairs(corpus.entity_counts or {}) do
    if i > opts.top then break end
    rows[#rows + 1] = string.format("| %s | %s | %d | %d | %s |", esc(c.name), c.type, c.count, c.docs,
      surfaces(c, 4))
  end
  for _, doc in ipairs(corpus.docs) do
    local parts = {}
    for i, c in ipairs(doc.entity_counts or {}) do
      if i > opts.top then break end
      parts[#parts + 1] = esc(c.name) .. " ×" .. c.count
    end
    rows[#rows + 1] = ""
    rows[#rows + 1] = "**" .. esc(doc.id) .. "**: " .. (#parts > 0 and table.concat(parts, "، ") or "(none)")
  end
  return table.concat(rows, "\n")
end

return { markdown = markdown }
