-- naskh.io.md2html: a tiny Markdown subset to HTML (paragraphs, headings two levels down,
-- lists, block quotes, pipe tables, **bold**, `code`, [links](#anchor)), for a stage that
-- only defines a markdown() hook: the HTML report shows its section converted.
local esc = require("naskh.io.html_text").escape

local M = {}


local function md_inline(s)
  s = esc(s)
  s = s:gsub("\\([%p])", "%1")
  s = s:gsub("`([^`]+)`", "<code>%1</code>")
  s = s:gsub("%*%*(.-)%*%*", "<strong>%1</strong>")
  s = s:gsub("%[([^%]]+)%]%((#[%w_%-]+)%)", '<a href="%2">%1</a>')
  return s
end

function M.convert(md)
  local out, para, inlist = {}, {}, nil
  local function flush()
    if #para > 0 then out[#out + 1] = "<p>" .. md_inline(table.concat(para, " ")) .. "</p>"; para = {} end
    if inlist then out[#out + 1] = "</" .. inlist .. ">"; inlist = nil end
  end
  local rows = nil -- a pipe table being read: {cells...} per row
  local function cells(line)
    local t = {}
    local inner = line:match("^%s*|(.*)|%s*$") or line
    inner = inner:gsub("\\|", "\0")
    for c in (inner .. "|"):gmatch("(.-)|") do t[#t + 1] = (c:gsub("%z", "|"):match("^%s*(.-)%s*$")) end
    return t
  end
  local function flush_table()
    if not rows then return end
    local t = { "<table>" }
    for i, r in ipairs(rows) do
      local tag = (i == 1 and rows.head) and "th" or "td"
      local tr = {}
      for _, c in ipairs(r) do tr[#tr + 1] = string.format("<%s>%s</%s>", tag, md_inline(c), tag) end
      t[#t + 1] = "<tr>" .. table.concat(tr) .. "</tr>"
    end
    t[#t + 1] = "</table>"
    out[#out + 1] = table.concat(t)
    rows = nil
  end
  for line in (md .. "\n"):gmatch("(.-)\r?\n") do
    if line:match("^%s*|.*|%s*$") then
      if #para > 0 or inlist then flush() end
      if line:match("^%s*|[%s|:%-]+|%s*$") and line:find("-", 1, true) then
        if rows and #rows == 1 then rows.head = true end -- the separator under a header row
      else
        rows = rows or {}
        rows[#rows + 1] = cells(line)
      end
      goto continue
    end
    flush_table()
    local h, htext = line:match("^(#+)%s+(.*)$")
    local item = line:match("^%s*[-*]%s+(.*)$")
    local num = line:match("^%s*%d+[.)]%s+(.*)$")
    local quote = line:match("^>%s?(.*)$")
    if line:match("^%s*$") then
      flush()
    elseif h then
      flush()
      local level = math.min(#h + 2, 6)
      out[#out + 1] = string.format("<h%d>%s</h%d>", level, md_inline(htext), level)
    elseif item or num then
      if #para > 0 then local l = inlist; inlist = nil; flush(); inlist = l end
      local kind = item and "ul" or "ol"
      if inlist ~= kind then
        if inlist then out[#out + 1] = "</" .. inlist .. ">" end
        out[#out + 1] = "<" .. kind .. ">"
        inlist = kind
      end
      out[#out + 1] = "<li>" .. md_inline(item or num) .. "</li>"
    elseif quote then
      flush()
      out[#out + 1] = "<blockquote>" .. md_inline(quote) .. "</blockquote>"
    else
      if inlist then out[#out + 1] = "</" .. inlist .. ">"; inlist = nil end
      para[#para + 1] = line
    end
    ::continue::
  end
  flush_table()
  flush()
  return table.concat(out, "\n")
end

return M
