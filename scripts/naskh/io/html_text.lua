-- naskh.io.html_text: text helpers of the HTML writer: escaping (element content and
-- attribute values), white space, truncation, class names and bidi isolation.
local naskh = require "naskh"

local M = {}

local ESC = { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;", ["'"] = "&#39;" }

-- Escape text for HTML (element content and attribute values); invalid UTF-8
-- becomes U+FFFD and control characters other than tab and newline are dropped.
local function esc(s)
  s = tostring(s)
  if not utf8.len(s) then s = naskh.utf8_clean(s) end
  s = s:gsub("[%z\1-\8\11\12\14-\31\127]", "")
  return (s:gsub("[&<>\"']", ESC))
end


-- Collapse runs of white space to one space and trim (the one helper: naskh.io.render.one_line).
local squash = require("naskh.io.render").one_line

-- At most n code points of s, with an ellipsis when cut.
local function trunc(s, n)
  local ok, len = pcall(utf8.len, s)
  if not ok or not len or len <= n then return s end
  local cut = utf8.offset(s, n + 1)
  return s:sub(1, cut - 1):gsub("%s+%S*$", "") .. "…"
end

-- A CSS class fragment from an arbitrary string (entity types...).
local function cls(s)
  local c = tostring(s):gsub("[^%w_-]", "")
  if c == "" then c = "x" end
  return c
end

-- Escaped text with each run of Latin letters and digits (W47-2017, AFP, 3.5, 12:30)
-- isolated in <bdi>, so it keeps its own direction inside Arabic text.
local function bidi(s)
  s = tostring(s)
  local out, pos = {}, 1
  while true do
    local a, b = s:find("[%w][%w%.%-_:/,]*", pos)
    if not a then break end
    -- one isolate for a phrase: words separated by spaces only ("AFP/Getty Images") stay in
    -- their order (isolated one by one, a right-to-left line would show "Images AFP/Getty")
    while true do
      local _, d = s:find("^[ \t]+[%w][%w%.%-_:/,]*", b + 1)
      if not d then break end
      b = d
    end
    while b > a and s:sub(b, b):match("[%.%-_:/,]") do b = b - 1 end
    out[#out + 1] = esc(s:sub(pos, a - 1))
    out[#out + 1] = "<bdi>" .. esc(s:sub(a, b)) .. "</bdi>"
    pos = b + 1
  end
  out[#out + 1] = esc(s:sub(pos))
  return table.concat(out)
end


M.escape, M.squash, M.trunc, M.cls, M.bidi = esc, squash, trunc, cls, bidi
return M
