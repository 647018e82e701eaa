-- naskh.io.views.dates: how the dates stage's fields show in the report (moved here
-- from stages/dates.lua: stages produce data, io/ renders it).
-- Markdown: the dates of a document as a table (text, ISO 8601 value, how it was read).
local function markdown(doc)
  local esc = require("naskh.io.markdown").escape
  local ds = doc.dates or {}
  if #ds == 0 then return nil end
  local out = { "**Dates**" .. (doc.date_anchor and string.format(" (article date %s, from the %s)",
    doc.date_anchor.iso, doc.date_anchor.source) or " (no article date found)") .. "\n" }
  out[#out + 1] = "| text | ISO 8601 | how |"
  out[#out + 1] = "|---|---|---|"
  for _, m in ipairs(ds) do
    local iso = m.iso or "—"
    if m.part then iso = iso .. " (" .. m.part .. ")" end
    out[#out + 1] = string.format("| %s | %s | %s%s |", esc(m.text), iso, esc(m.how or ""),
      m.conflict and (" ⚠ " .. esc(m.conflict)) or "")
  end
  return table.concat(out, "\n")
end

return { markdown = markdown }
