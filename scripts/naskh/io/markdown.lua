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
