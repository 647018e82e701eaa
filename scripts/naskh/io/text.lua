-- naskh.io.text: plain text. A corpus summary first (when there is one),
-- then each document: its sentences one per line (or its text), a blank line between.
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

function W:corpus(corpus)
  local summary = corpus.summary
  if summary and summary.sentences then
    for _, s in ipairs(summary.sentences) do self.sink:write(s.text, "\n") end
    self.sink:write("\n")
    self.n = 0
    return
  end
  for _, d in ipairs(corpus.all) do self:doc(d) end
end

return M
