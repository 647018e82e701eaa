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

local function header(self)
  -- (also called lazily, so a writer used without begin still has its title)
  if self.started then return end
  self.started = true
  local title = self.spec.title or self.plan.name or "naskh"
  self.sink:write("# ", M.escape(title), "\n\n")
end

local function render(self, target, scope)
  local parts = {}
  for _, s in ipairs(self.plan.stages) do
    if s.stage.scope == scope then
      local ok, md = pcall(layer.section, s, target, "markdown")
      if ok and md and md ~= "" then parts[#parts + 1] = md end
      if not ok then parts[#parts + 1] = "> (stage " .. s.name .. " could not render: " .. tostring(md) .. ")" end
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
  local title = doc.meta and doc.meta.title
  self.sink:write("## ", M.escape(doc.id), title and (" — " .. M.escape(title)) or "", "\n\n")
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
