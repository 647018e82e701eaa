-- naskh.io.views.summarize: how the summarize stage's fields show in the report (moved here
-- from stages/summarize.lua: stages produce data, io/ renders it).
-- Markdown: the cluster summary with citations, a table of the articles, per-document summaries.
local textsim = require "naskh.text.textsim"

-- The citation of a summary sentence: "[doc, sN; ...]".
local function cite(item)
  local parts = {}
  for _, src in ipairs(item.sources) do parts[#parts + 1] = src.doc .. ", s" .. src.sentence end
  return "[" .. table.concat(parts, "; ") .. "]"
end

-- s on one line: runs of white space become one space, none at the ends.
local function one_line(s)
  return (s:gsub("%s+", " "):gsub("^ ", ""):gsub(" $", ""))
end

local function markdown_summary(summary, heading)
  local md = require "naskh.io.markdown"
  local lines = {}
  local b = summary.budget
  local unit = b.words > 0 and (b.words .. " words") or b.sentences > 0 and (b.sentences .. " sentences")
    or (b.chars .. " characters")
  local ns = #summary.sentences
  lines[#lines + 1] = string.format("%s (%s, budget %s: %d sentence%s, %d words)", heading,
    summary.method, unit, ns, ns == 1 and "" or "s", summary.words)
  lines[#lines + 1] = ""
  for i, item in ipairs(summary.sentences) do
    local text = item.text or ""
    if item.cut then text = text .. " …" end
    lines[#lines + 1] = string.format("%d. %s %s", i, md.escape(one_line(text)), md.escape(cite(item)))
  end
  if #summary.sentences == 0 then lines[#lines + 1] = "(no sentence fits the budget)" end
  return table.concat(lines, "\n")
end

local function markdown(target, opts)
  if target.docs == nil then
    -- a document: its own summary (per_document)
    if not target.summary then return nil end
    return markdown_summary(target.summary, "**Summary**")
  end
  local out = {}
  local summary = target.summary
  if summary then
    out[#out + 1] = markdown_summary(summary, "## Summary")
    local rows = { "", "| article | date | sentences | in summary | note |", "|---|---|---|---|---|" }
    local used = {}
    for _, item in ipairs(summary.sentences) do
      for _, src in ipairs(item.sources) do used[src.doc] = (used[src.doc] or 0) + 1 end
    end
    local md = require "naskh.io.markdown"
    for _, d in ipairs(target.all or target.docs) do
      local note = ""
      if d.failed then note = "failed"
      elseif d.outlier then
        note = (opts.outliers == "exclude" and "left out: " or "outlier: ") .. d.outlier.reason
      end
      local date = type(d.meta) == "table" and type(d.meta.date) == "string" and d.meta.date or ""
      local total = d.sentences and #d.sentences or 0
      local kept = d.sentences and #textsim.kept_sentences(d) or 0
      local count = kept == total and tostring(total) or string.format("%d (+%d boilerplate)", kept, total - kept)
      rows[#rows + 1] = string.format("| %s | %s | %s | %d | %s |", md.escape(d.id), md.escape(date),
        count, used[d.id] or 0, md.escape(note))
    end
    out[#out + 1] = table.concat(rows, "\n")
  end
  if opts.per_document then
    local md = require "naskh.io.markdown"
    for _, d in ipairs(target.docs) do
      if d.summary then
        out[#out + 1] = "\n" .. markdown_summary(d.summary, "### Summary of " .. md.escape(d.id))
      end
    end
  end
  return table.concat(out, "\n")
end

-- cite and one_line are also `naskh summarize`'s (cmd/summarize.lua prints the same lines).
return { markdown = markdown, cite = cite, one_line = one_line }
