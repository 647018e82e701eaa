-- naskh.io.views.numbers: how the numbers stage's fields show in the report (moved here
-- from stages/numbers.lua: stages produce data, io/ renders it).
-- Markdown: the figures of a document as a table (text, value, counted noun).
local function fmt_value(v)
  if math.type(v) == "float" and v == math.floor(v) and math.abs(v) < 2^53 then return string.format("%d", v) end
  return tostring(v)
end

local function markdown(doc)
  local esc = require("naskh.io.markdown").escape
  local ns = doc.numbers or {}
  if #ns == 0 then return nil end
  local out = { "**Numbers**\n", "| text | value | unit |", "|---|---|---|" }
  for _, x in ipairs(ns) do
    local val = fmt_value(x.value)
    if x.approx then val = "≈ " .. val end
    if x.bound == "more" then val = "> " .. val elseif x.bound == "less" then val = "< " .. val end
    out[#out + 1] = string.format("| %s | %s | %s |", esc(x.text), val, x.unit and esc(x.unit) or "")
  end
  return table.concat(out, "\n")
end

return { markdown = markdown }
