-- naskh.io.views.quotes_merge: how the quotes_merge stage's fields show in the report (moved here
-- from stages/quotes_merge.lua: stages produce data, io/ renders it).
-- Markdown: who said what across the corpus (merged quotes).
local function markdown(corpus, opts)
  local esc = require("naskh.io.markdown").escape
  local qs = corpus.quotes or {}
  if #qs == 0 then return "## Who said what\n\nNo quotes found." end
  local multi = 0
  for _, g in ipairs(qs) do if #g.docs > 1 then multi = multi + 1 end end
  local out = { string.format("## Who said what\n\n%d quotes; %d of them in more than one article.\n", #qs, multi) }
  local shown = 0
  for _, g in ipairs(qs) do
    if #g.docs > 1 or not opts.report_shared_only then
      shown = shown + 1
      local who = g.speaker and (g.speaker.name or g.speaker.text) or "unattributed"
      out[#out + 1] = string.format("%d. **%s** (%s%s%s): «%s»  \n   in %s", shown, esc(who), g.kind,
        g.verb and (", " .. g.verb) or "", g.source and ("; source: " .. esc(g.source.text)) or "",
        esc(g.text), table.concat(g.docs, ", "))
    end
  end
  return table.concat(out, "\n")
end

return { markdown = markdown }
