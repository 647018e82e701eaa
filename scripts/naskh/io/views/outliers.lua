-- naskh.io.views.outliers: how the outliers stage's fields show in the report (moved here
-- from stages/outliers.lua: stages produce data, io/ renders it).
-- Markdown: the articles flagged as about another event.
local function markdown(corpus)
  if corpus.docs == nil or not corpus.outliers then return nil end
  local md = require "naskh.io.markdown"
  local lines = {}
  for _, e in ipairs(corpus.outliers) do
    if e.outlier then
      lines[#lines + 1] = string.format("- **%s** is about another event: %s", md.escape(e.doc), md.escape(e.reason))
    end
  end
  if #lines == 0 then return nil end
  return "## Outliers\n\n" .. table.concat(lines, "\n")
end

return { markdown = markdown }
