-- naskh.io.views.quotes: how the quotes stage's fields show in the report (moved here
-- from stages/quotes.lua: stages produce data, io/ renders it).
-- Markdown: the quotes of a document, speaker first.
local function markdown(doc)
  local esc = require("naskh.io.markdown").escape
  local qs = doc.quotes or {}
  if #qs == 0 then return nil end
  local out = { string.format("**Quotes** (%d)\n", #qs) }
  for _, q in ipairs(qs) do
    local who = q.speaker and (q.speaker.name or q.speaker.text) or "unattributed"
    local bits = { q.kind }
    if q.verb then bits[#bits + 1] = q.verb end
    if q.speaker and q.speaker.how and q.speaker.how ~= "explicit" then bits[#bits + 1] = "speaker: " .. q.speaker.how end
    if q.source then bits[#bits + 1] = "source: " .. esc(q.source.text) end
    if q.unclosed then bits[#bits + 1] = "no closing mark" end
    out[#out + 1] = string.format("- **%s** (%s): «%s»", esc(who), table.concat(bits, "; "):gsub("^(%a+); ", "%1, "),
      esc(q.text))
  end
  return table.concat(out, "\n")
end

return { markdown = markdown }
