-- naskh.io.views.clean: how the clean stage's fields show in the report (moved here
-- from stages/clean.lua: stages produce data, io/ renders it).
-- Markdown: the dropped boilerplate (and, with report_text, the cleaned text).
local sub, gsub = string.sub, string.gsub

-- Line number of byte position pos.
local function line_of(text, pos)
  local n = 1
  for _ in sub(text, 1, pos - 1):gmatch("\n") do n = n + 1 end
  return n
end

local function markdown(doc, opts)
  local esc = require("naskh.io.markdown").escape
  local out = {}
  if opts.report_text then
    out[#out + 1] = "**Cleaned text**\n"
    local ct = doc.clean_text
    if not ct then
      local parts = {}
      for _, sp in ipairs(doc.clean_spans or {}) do parts[#parts + 1] = sub(doc.text, sp.s, sp.e) end
      ct = gsub(table.concat(parts), "\n\n\n+", "\n\n"):match("^%s*(.-)%s*$")
    end
    -- one quoted paragraph per non-empty line (news text puts one paragraph on a line)
    local paras = {}
    for line in (ct .. "\n"):gmatch("(.-)\n") do
      local p = line:match("^%s*(.-)%s*$")
      if p ~= "" then paras[#paras + 1] = "> " .. esc(p) end
    end
    out[#out + 1] = table.concat(paras, "\n>\n") .. "\n"
  end
  local d = doc.dropped or {}
  if #d == 0 then
    out[#out + 1] = "**Dropped boilerplate**: none"
  else
    out[#out + 1] = string.format("**Dropped boilerplate** (%d span%s)\n", #d, #d == 1 and "" or "s")
    for _, x in ipairs(d) do
      local l1, l2 = line_of(doc.text, x.s), line_of(doc.text, x.e)
      local where = l1 == l2 and ("line " .. l1) or ("lines " .. l1 .. "–" .. l2)
      local body = sub(doc.text, x.s, x.e)
      local shown = {}
      for ln in (body .. "\n"):gmatch("(.-)\n") do
        if ln:match("%S") then shown[#shown + 1] = ln end
      end
      local nshown = #shown
      if #shown > 3 then shown = { shown[1], shown[2], "… (" .. (nshown - 2) .. " more lines)" } end
      for k, s in ipairs(shown) do shown[k] = esc(s) end
      out[#out + 1] = string.format("- %s, *%s*: %s", where, x.reason, table.concat(shown, " ⏎ "))
    end
  end
  return table.concat(out, "\n")
end

return { markdown = markdown }
