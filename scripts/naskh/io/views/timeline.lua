-- naskh.io.views.timeline: how the timeline stage's fields show in the report (moved here
-- from stages/timeline.lua: stages produce data, io/ renders it).
-- Markdown: the dated events of the corpus, oldest first.
local function markdown(corpus)
  local esc = require("naskh.io.markdown").escape
  local evs = corpus.timeline or {}
  local out = { "## Timeline\n" }
  if corpus.timeline_anchor then
    out[#out + 1] = string.format("Cluster date %s (from article %s) resolves articles without a date of their own.\n",
      corpus.timeline_anchor.iso, corpus.timeline_anchor.from)
  end
  if #evs == 0 then out[#out + 1] = "No dated events."; return table.concat(out, "\n") end
  local last
  for _, ev in ipairs(evs) do
    if ev.date ~= last then
      out[#out + 1] = "\n### " .. ev.date .. "\n"
      last = ev.date
    end
    local t = ev.text:gsub("%s+", " ")
    if #t > 400 then t = t:sub(1, 400):gsub("[\128-\191]*$", ""):gsub("[\192-\255]$", "") .. " …" end
    out[#out + 1] = string.format("- %s — «%s»%s%s: %s", ev.doc, esc(ev.label),
      ev.part and (" (" .. ev.part .. ")") or "", ev.conflict and (" ⚠ " .. esc(ev.conflict)) or "", esc(t))
  end
  return table.concat(out, "\n")
end

return { markdown = markdown }
