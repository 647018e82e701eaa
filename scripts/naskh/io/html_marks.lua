-- naskh.io.html_marks: nested inline annotations over a range of an article's text, for the
-- HTML report (its marks: sentences, summary sources, quotes, dates, entities).
local bidi = require("naskh.io.html_text").bidi

local M = {}

-- Inline annotations: nested spans over a range of the text.
-- An annotation is {s=, e=, rank=, tag=, attrs=, id=, after=}; lower rank nests
-- outside higher rank. Crossing annotations are closed and reopened so the
-- markup always nests; an id is written on the first opening only, `after`
-- (HTML) right after the annotation's true end.

local function open_tag(a)
  local parts = { "<", a.tag }
  if a.id and not a.opened then parts[#parts + 1] = ' id="' .. a.id .. '"' end
  a.opened = true
  if a.attrs then parts[#parts + 1] = a.attrs end
  parts[#parts + 1] = ">"
  return table.concat(parts)
end

-- text[a..b] as HTML: escaped, Latin and number runs isolated (<bdi>: "AFP/Getty Images" or
-- "W47-2017" keep their order inside Arabic text), line breaks kept.
function M.text_html(text, a, b)
  return (bidi(text:sub(a, b)):gsub("\r?\n", "<br>"))
end

local function order(x, y)
  if x.rank ~= y.rank then return x.rank < y.rank end
  if x.s ~= y.s then return x.s < y.s end
  if x.e ~= y.e then return x.e > y.e end
  return x.seq < y.seq
end

-- Render text[a..b] with the annotations that overlap it; appends to out.
function M.render_range(text, a, b, anns, out)
  local items, bounds, seen = {}, { a, b + 1 }, { [a] = true, [b + 1] = true }
  for _, x in ipairs(anns) do
    if x.s <= b and x.e >= a then
      items[#items + 1] = x
      local s, e1 = math.max(x.s, a), math.min(x.e, b) + 1
      if not seen[s] then seen[s] = true; bounds[#bounds + 1] = s end
      if not seen[e1] then seen[e1] = true; bounds[#bounds + 1] = e1 end
    end
  end
  table.sort(bounds)
  table.sort(items, function(x, y) return x.s < y.s end)
  local stack, active, nexti = {}, {}, 1
  for i = 1, #bounds - 1 do
    local p, q = bounds[i], bounds[i + 1]
    -- the annotations covering text[p..q-1]
    local keep = {}
    for _, x in ipairs(active) do if x.e >= q - 1 then keep[#keep + 1] = x end end
    while nexti <= #items and math.max(items[nexti].s, a) <= p do
      local x = items[nexti]
      if x.e >= q - 1 then keep[#keep + 1] = x end
      nexti = nexti + 1
    end
    active = keep
    local want = {}
    for j, x in ipairs(active) do want[j] = x end
    table.sort(want, order)
    local k = 0
    while k < #stack and k < #want and stack[k + 1] == want[k + 1] do k = k + 1 end
    for j = #stack, k + 1, -1 do
      local x = stack[j]
      out[#out + 1] = "</" .. x.tag .. ">"
      if x.after and x.e + 1 == p then out[#out + 1] = x.after end
      stack[j] = nil
    end
    for j = k + 1, #want do
      out[#out + 1] = open_tag(want[j])
      stack[j] = want[j]
    end
    out[#out + 1] = M.text_html(text, p, q - 1)
  end
  for j = #stack, 1, -1 do
    local x = stack[j]
    out[#out + 1] = "</" .. x.tag .. ">"
    if x.after and x.e == b then out[#out + 1] = x.after end
  end
end

return M
