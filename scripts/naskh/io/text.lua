-- naskh.io.text: plain text. A corpus summary first (when a stage's view shows one: the
-- report kind `summary` of naskh.io.render), then each document: its sentences one per
-- line (or its text), a blank line between. The other kinds have no plain-text form.
local render = require "naskh.io.render"

local M = {}
local W = {}
W.__index = W

function M.new(sk, spec, plan)
  return setmetatable({ sink = sk, spec = spec, plan = plan, n = 0 }, W)
end

function W:doc(doc)
  if self.n > 0 then self.sink:write("\n") end
  self.n = self.n + 1
  local sents = doc.sentences
  if sents and #sents > 0 then
    for _, sp in ipairs(sents) do
      self.sink:write((doc.text:sub(sp.s, sp.e):gsub("%s+", " ")), "\n")
    end
  else
    self.sink:write(doc.text)
    if doc.text:sub(-1) ~= "\n" then self.sink:write("\n") end
  end
end

-- The corpus summary of the plan's views: the first `summary` block of a corpus stage that
-- shows in text, read from the corpus.
local function summary_of(plan, corpus)
  for _, s in ipairs(plan and plan.stages or {}) do
    local st = s.stage or {}
    if st.scope == "corpus" then
      local ok, view = pcall(render.view_of, st, s.name)
      for _, b in ipairs(ok and type(view) == "table" and view or {}) do
        if render.kind(b) == "summary" and b.each == nil and render.shows(b, "text", corpus, s.opts or {}) then
          local sm = render.get(corpus, b.summary)
          if type(sm) == "table" and type(sm.sentences) == "table" then return sm end
        end
      end
    end
  end
  return nil
end

function W:corpus(corpus)
  local summary = summary_of(self.plan, corpus)
  if summary then
    for _, s in ipairs(summary.sentences) do self.sink:write(s.text, "\n") end
    self.sink:write("\n")
    self.n = 0
    return
  end
  for _, d in ipairs(corpus.all) do self:doc(d) end
end

return M
