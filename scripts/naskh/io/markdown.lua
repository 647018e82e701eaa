-- naskh.io.markdown: a readable report. Each stage's section comes from the
-- rendering layer (naskh.io.render): its view (a user's `view` declaration or a
-- built-in stage's io/views module), or its own markdown(doc_or_corpus, opts, ctx)
-- hook (a corpus stage renders the corpus, a document stage each document), so a
-- user's stage appears in the report exactly like a built-in one.
local layer = require "naskh.io.render"

local M = {}
local W = {}
W.__index = W

-- part: this writer renders documents for a larger output (a --jobs worker): no title.
function M.new(sk, spec, plan, part)
  return setmetatable({ sink = sk, spec = spec, plan = plan, started = part and true or false }, W)
end

-- Escape Markdown's active characters in a line of text.
M.escape = layer.md_escape

---------------------------------------------------------------------------
-- The report kinds of naskh.io.render in Markdown (the generic kinds are render's). Each
-- takes the block, the target (a document or the corpus) and the stage's options and
-- returns the text, or nil when there is nothing to show.
local get, label, one_line, cite = layer.get, layer.label, layer.one_line, layer.cite
local heading = layer.md_heading
local sub, gsub = string.sub, string.gsub
local K = {}

-- "Title" at the block's level (bold without one).
local function title(b, fallback, item)
  return heading(layer.title(b, "en", item) or fallback, b.level)
end

local function summary_md(sm, head)
  local lines = {}
  local bu = sm.budget or {}
  local unit = (bu.words or 0) > 0 and (bu.words .. " words") or (bu.sentences or 0) > 0 and (bu.sentences .. " sentences")
    or ((bu.chars or 0) .. " characters")
  local ns = #sm.sentences
  lines[#lines + 1] = string.format("%s (%s, budget %s: %d sentence%s, %d words)", head,
    tostring(sm.method), unit, ns, ns == 1 and "" or "s", sm.words or 0)
  lines[#lines + 1] = ""
  for i, item in ipairs(sm.sentences) do
    local text = item.text or ""
    if item.cut then text = text .. " …" end
    lines[#lines + 1] = string.format("%d. %s %s", i, M.escape(one_line(text)), M.escape(cite(item)))
  end
  if ns == 0 then lines[#lines + 1] = "(no sentence fits the budget)" end
  return table.concat(lines, "\n")
end

-- A linked summary list: its heading with method and budget, one numbered line a sentence
-- with its citation [doc, sN].
function K.summary(b, target)
  local sm = get(target, b.summary)
  if type(sm) ~= "table" or type(sm.sentences) ~= "table" then return nil end
  return summary_md(sm, title(b, "Summary", target))
end

-- The corpus's articles: date, sentences (kept / boilerplate), sentences of the summary
-- that cite it, and a note (failed, or the flag's reason).
function K.articles(b, target, opts)
  local sm = get(target, b.summary)
  if type(sm) ~= "table" or type(sm.sentences) ~= "table" then return nil end
  local rows = { "| article | date | sentences | in summary | note |", "|---|---|---|---|---|" }
  local used = {}
  for _, item in ipairs(sm.sentences) do
    for _, src in ipairs(item.sources or {}) do used[src.doc] = (used[src.doc] or 0) + 1 end
  end
  local spans = require "naskh.text.spans"
  local left_out = type(b.left_out) == "table" and opts[b.left_out.option] == b.left_out.value
  for _, d in ipairs(get(target, b.articles) or {}) do
    local note = ""
    local flag = b.flag and get(d, b.flag)
    if d.failed then note = "failed"
    elseif flag then
      note = (left_out and "left out: " or "outlier: ") .. tostring(type(flag) == "table" and flag.reason or "")
    end
    local date = type(d.meta) == "table" and type(d.meta.date) == "string" and d.meta.date or ""
    local total, kept = d.sentences and #d.sentences or 0, 0
    for _, sp in ipairs(d.sentences or {}) do
      if not (d.dropped and #d.dropped > 0 and spans.is_dropped(d, sp.s, sp.e)) then kept = kept + 1 end
    end
    local count = kept == total and tostring(total) or string.format("%d (+%d boilerplate)", kept, total - kept)
    rows[#rows + 1] = string.format("| %s | %s | %s | %d | %s |", M.escape(d.id), M.escape(date),
      count, used[d.id] or 0, M.escape(note))
  end
  return table.concat(rows, "\n")
end

-- Dated events, oldest first, one heading a date.
function K.timeline(b, target)
  local evs = get(target, b.timeline)
  if type(evs) ~= "table" then return nil end
  local out = { title(b, "Timeline") .. "\n" }
  local anchor = b.anchor and get(target, b.anchor)
  if type(anchor) == "table" then
    out[#out + 1] = string.format("Cluster date %s (from article %s) resolves articles without a date of their own.\n",
      anchor.iso, anchor.from)
  end
  if #evs == 0 then
    out[#out + 1] = label(b.empty, "en") or "No dated events."
    return table.concat(out, "\n")
  end
  local last
  for _, ev in ipairs(evs) do
    if ev.date ~= last then
      out[#out + 1] = "\n### " .. ev.date .. "\n"
      last = ev.date
    end
    local t = ev.text:gsub("%s+", " ")
    if #t > 400 then t = t:sub(1, 400):gsub("[\128-\191]*$", ""):gsub("[\192-\255]$", "") .. " …" end
    out[#out + 1] = string.format("- %s — «%s»%s%s: %s", ev.doc, M.escape(ev.label),
      ev.part and (" (" .. ev.part .. ")") or "", ev.conflict and (" ⚠ " .. M.escape(ev.conflict)) or "", M.escape(t))
  end
  return table.concat(out, "\n")
end

-- Quote blocks, speaker first; merged quotes (b.merged: the ids of their articles) numbered,
-- with the articles they are in (only those in more than one with the option b.shared_only).
function K.quotes(b, target, opts)
  local qs = get(target, b.quotes)
  if type(qs) ~= "table" then qs = {} end
  local esc = M.escape
  if not b.merged then
    if #qs == 0 then return nil end
    local out = { string.format("%s (%d)\n", title(b, "Quotes"), #qs) }
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
  local head = title(b, "Who said what")
  if #qs == 0 then return head .. "\n\n" .. (label(b.empty, "en") or "No quotes found.") end
  local multi = 0
  for _, g in ipairs(qs) do if #(get(g, b.merged) or {}) > 1 then multi = multi + 1 end end
  local out = { string.format("%s\n\n%d quotes; %d of them in more than one article.\n", head, #qs, multi) }
  local shown = 0
  for _, g in ipairs(qs) do
    local docs = get(g, b.merged) or {}
    if #docs > 1 or not (b.shared_only and opts[b.shared_only]) then
      shown = shown + 1
      local who = g.speaker and (g.speaker.name or g.speaker.text) or "unattributed"
      out[#out + 1] = string.format("%d. **%s** (%s%s%s): «%s»  \n   in %s", shown, esc(who), g.kind,
        g.verb and (", " .. g.verb) or "", g.source and ("; source: " .. esc(g.source.text)) or "",
        esc(g.text), table.concat(docs, ", "))
    end
  end
  return table.concat(out, "\n")
end

-- Named spans as a table: one row per name (id), most mentioned first, with its type and
-- the forms it was written in.
function K.mentions(b, target)
  local ents = get(target, b.mentions)
  if type(ents) ~= "table" or #ents == 0 then return nil end
  local written = require("naskh.text.entities").written
  local esc = M.escape
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
    local f = written(e)
    if f ~= "" and not g.seen[f] then
      g.seen[f] = true
      g.forms[#g.forms + 1] = f
    end
  end
  table.sort(order, function(x, y)
    if x.n ~= y.n then return x.n > y.n end
    return x.first < y.first
  end)
  local out = {
    string.format("%s (%d mentions of %d names)\n", title(b, "Entities"), #ents, #order),
    "| name | type | mentions | written |", "|---|---|---|---|",
  }
  for _, g in ipairs(order) do
    out[#out + 1] = string.format("| %s | %s | %d | %s |", esc(g.name), esc(g.type), g.n,
      esc(table.concat(g.forms, "، ")))
  end
  return table.concat(out, "\n")
end

-- Line number of byte position pos.
local function line_of(text, pos)
  local n = 1
  for _ in sub(text, 1, pos - 1):gmatch("\n") do n = n + 1 end
  return n
end

-- Removed spans of the document's text, with their lines and reasons.
function K.dropped(b, target)
  local d = get(target, b.dropped) or {}
  local head = title(b, "Dropped boilerplate")
  if #d == 0 then return head .. ": none" end
  local out = { string.format("%s (%d span%s)\n", head, #d, #d == 1 and "" or "s") }
  for _, x in ipairs(d) do
    local l1, l2 = line_of(target.text, x.s), line_of(target.text, x.e)
    local where = l1 == l2 and ("line " .. l1) or ("lines " .. l1 .. "–" .. l2)
    local shown = {}
    for ln in (sub(target.text, x.s, x.e) .. "\n"):gmatch("(.-)\n") do
      if ln:match("%S") then shown[#shown + 1] = ln end
    end
    local nshown = #shown
    if #shown > 3 then shown = { shown[1], shown[2], "… (" .. (nshown - 2) .. " more lines)" } end
    for k, s in ipairs(shown) do shown[k] = M.escape(s) end
    out[#out + 1] = string.format("- %s, *%s*: %s", where, x.reason, table.concat(shown, " ⏎ "))
  end
  return table.concat(out, "\n")
end

-- A text (or the document's text under b.spans) as quoted paragraphs, one a line.
function K.paragraphs(b, target)
  local ct = get(target, b.paragraphs)
  if type(ct) ~= "string" then
    local parts = {}
    for _, sp in ipairs(b.spans and get(target, b.spans) or {}) do parts[#parts + 1] = sub(target.text, sp.s, sp.e) end
    ct = gsub(table.concat(parts), "\n\n\n+", "\n\n"):match("^%s*(.-)%s*$")
  end
  local paras = {}
  for line in (ct .. "\n"):gmatch("(.-)\n") do
    local p = line:match("^%s*(.-)%s*$")
    if p ~= "" then paras[#paras + 1] = "> " .. M.escape(p) end
  end
  return title(b, "Text") .. "\n\n" .. table.concat(paras, "\n>\n")
end

-- Flagged articles with their reasons.
function K.flags(b, target)
  local fs = get(target, b.flags)
  if type(fs) ~= "table" then return nil end
  local lines = {}
  for _, e in ipairs(fs) do
    if not b.flag or get(e, b.flag) then
      lines[#lines + 1] = string.format("- **%s** %s: %s", M.escape(get(e, b.doc or "doc")),
        label(b.text, "en") or "is flagged", M.escape(get(e, b.reason or "reason")))
    end
  end
  if #lines == 0 then return nil end
  return title(b, "Flagged") .. "\n\n" .. table.concat(lines, "\n")
end

M.kinds = K

-- A view (a list of blocks) as Markdown for target, with the stage's options: the blocks
-- that show, one paragraph each; nil when only headings would.
function M.render_view(view, target, opts)
  local out, shown = {}, false
  for _, b in ipairs(view) do
    local kind = layer.kind(b)
    if kind and layer.shows(b, "markdown", target, opts) then
      local targets = { target }
      if b.each ~= nil then targets = get(target, b.each) or {} end
      for _, tg in ipairs(targets) do
        local s
        if layer.GENERIC[kind] then
          local blk = layer.resolve_block(b, tg, opts, "en")
          s = blk and layer.block_markdown(blk)
          if s and blk.kind ~= "heading" then shown = true end
        elseif K[kind] then
          s = K[kind](b, tg, opts)
          if s then shown = true end
        end
        if s and s ~= "" then out[#out + 1] = s end
      end
    end
  end
  if not shown then return nil end
  return table.concat(out, "\n\n")
end

local function header(self)
  -- (also called lazily, so a writer used without begin still has its title)
  if self.started then return end
  self.started = true
  local title = self.spec.title or self.plan.name or "naskh"
  self.sink:write("# ", M.escape(title), "\n\n")
end

-- A stage's renderer that fails or returns something else than a string (or nil) is shown
-- in the report and recorded as an error of that stage on the target (once).
local function render_error(target, stage, msg)
  local errors = rawget(target, "errors")
  if type(errors) ~= "table" then return end
  for _, e in ipairs(errors) do
    if e.stage == stage and e.message == msg then return end
  end
  errors[#errors + 1] = { stage = stage, message = msg }
end

local function render(self, target, scope)
  local parts = {}
  if rawget(target, "_plain") then return parts end -- a copy written after a failure (naskh.engine.docguard)
  for _, s in ipairs(self.plan.stages) do
    if s.stage.scope == scope then
      local ok, md = pcall(layer.section, s, target, "markdown")
      local msg
      if not ok then
        msg = type(md) == "string" and md or ("(error object is a " .. type(md) .. " value)")
      elseif md ~= nil and type(md) ~= "string" then
        msg = "markdown() returned a " .. type(md) .. ", not a string"
      end
      if msg then
        local name = target.id and ("document '" .. tostring(target.id) .. "'") or "the corpus"
        msg = string.format("stage '%s' could not render %s in Markdown: %s", s.name, name, msg)
        parts[#parts + 1] = "> (" .. M.escape(msg) .. ")"
        render_error(target, s.name, msg)
      elseif md and md ~= "" then
        parts[#parts + 1] = md
      end
    end
  end
  return parts
end

-- A document's section: its heading, what its stages render, its errors and warnings; none
-- at all when there is nothing to show (a recipe whose report is the corpus section, such as
-- `entities`, would otherwise end in a list of empty headings).
function W:doc(doc)
  header(self)
  local parts = render(self, doc, "document")
  if #parts == 0 and #(doc.errors or {}) == 0 and #(doc.warnings or {}) == 0 then return end
  local title = type(doc.meta) == "table" and rawget(doc.meta, "title") or nil
  if type(title) ~= "string" then title = nil end
  self.sink:write("## ", M.escape(tostring(doc.id)), title and (" — " .. M.escape(title)) or "", "\n\n")
  for _, part in ipairs(parts) do
    self.sink:write(part, "\n\n")
  end
  for _, e in ipairs(doc.errors or {}) do
    self.sink:write("> **error** in stage `", e.stage, "`: ", M.escape(e.message), "\n\n")
  end
  for _, e in ipairs(doc.warnings or {}) do
    self.sink:write("> warning (", e.stage, "): ", M.escape(e.message), "\n\n")
  end
end

function W:corpus(corpus)
  header(self)
  for _, part in ipairs(render(self, corpus, "corpus")) do
    self.sink:write(part, "\n\n")
  end
  for _, e in ipairs(corpus.errors or {}) do
    self.sink:write("> **error** in stage `", e.stage, "`: ", M.escape(e.message), "\n\n")
  end
  for _, d in ipairs(corpus.all) do self:doc(d) end
end

function W:begin()
  header(self)
end

function W:finish()
  header(self)
end

return M
