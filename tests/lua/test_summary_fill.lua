-- Filling a word budget (fill: cut): the summary, in its printed order, is cut at
-- the budget, so the cut sentence is the last one printed and the only one that
-- ends with " …"; sentences the source glues ("X.Y") print glued, so the plain
-- summary has exactly as many white-space words as the budget.
local t = require "t"
local naskh = require "naskh"
local registry = require "naskh.engine.registry"
local schema = require "naskh.engine.schema"
local recipe = require "naskh.engine.recipe"
local render = require "naskh.io.render"

local st = registry.get("summarize")
local function ctx(weights)
  local c = { naskh = naskh, cache = {}, home = t.root, weights = weights }
  function c.resolve(_, p) return recipe.resolve(".", t.root, p) end
  function c.warn() end
  return c
end
local function nwords(s)
  local n = 0
  for w in s:gmatch("%S+") do if w ~= "…" then n = n + 1 end end
  return n
end
local S = {
  "افتتح وزير الصحة اليوم مستشفى جديدا في المدينة بسعة مئتي سرير للمرضى.",
  "ويضم المستشفى أقساما للطوارئ والجراحة والأطفال وعيادات خارجية متعددة.",
  "وتعاني المدينة منذ سنوات من نقص كبير في أسرة المستشفيات والأطباء المختصين.",
  "ويتوقع المسؤولون أن يخدم المستشفى أكثر من مئة ألف نسمة في المنطقة.",
}
local function summary(text, weights, words)
  local doc = { id = "a", meta = {}, text = text }
  return st.summarize_docs({ doc }, schema.fill({ words = words }, st.options), ctx(weights))
end

t.test("the cut sentence is the last one printed, even when it comes first in the article", function()
  -- later sentences score higher: chosen 4, 3, then 2 overflows; printed 2, 3, 4
  local text = table.concat(S, " ")
  local total = nwords(text)
  for _, w in ipairs({ 5, 14, 20, 25, 31, total - 3 }) do
    local s = summary(text, { position = -1 }, w)
    local plain = render.plain_summary(s)
    t.eq(nwords(plain), w, "exactly the budget in white-space words: " .. w)
    for i, item in ipairs(s.sentences) do
      t.eq(item.cut == true, i == #s.sentences and nwords(text:sub(item.s, item.e)) < nwords(
        text:sub(item.s, text:find("%.", item.s) or #text)), "only the last item is cut (" .. w .. ", " .. i .. ")")
      if i > 1 then t.ok(item.sentence > s.sentences[i - 1].sentence, "source order") end
    end
    local _, dots = plain:gsub("…", "")
    t.eq(dots, s.sentences[#s.sentences].cut and 1 or 0, "one … at most")
    if s.sentences[#s.sentences].cut then t.ok(plain:sub(-4) == " …", "… ends the summary") end
  end
end)

t.test("a summary that fits is not cut", function()
  local text = table.concat(S, " ")
  local s = summary(text, { position = 1 }, 200)
  t.eq(#s.sentences, 4, "every sentence")
  t.eq(render.plain_summary(s):find("…", 1, true), nil, "no …")
end)

t.test("sentences the source glues print glued and count as the source counts them", function()
  local text = S[1] .. S[2] .. " " .. S[3] .. S[4] -- "للمرضى.ويضم", "المختصين.ويتوقع"
  local total = nwords(text)
  t.eq(#naskh.sentences(text), 4, "the splitter still sees four sentences")
  for _, w in ipairs({ 11, 12, 22, total - 1, total }) do
    local s = summary(text, { position = 1 }, w)
    local plain = render.plain_summary(s)
    t.eq(nwords(plain), w, "exactly the budget in white-space words: " .. w)
    local lead = {}
    for x in text:gmatch("%S+") do if #lead < w then lead[#lead + 1] = x end end
    t.eq(plain:gsub(" …$", ""):gsub("%s+", " "), table.concat(lead, " "),
      "the lead by position is the first W words of the source: " .. w)
  end
  local s = summary(text, { position = 1 }, total)
  t.ok(s.sentences[2].glued and not s.sentences[3].glued and s.sentences[4].glued, "glued where the source is")
end)
t.done()
