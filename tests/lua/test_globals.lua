-- No module of scripts/naskh writes a global variable when loaded or used.
local t = require "t"
local naskh = require "naskh"

local before = {}
for k in pairs(_G) do before[k] = true end

local function walk(dir, prefix, out)
  for _, name in ipairs(naskh.listdir(dir) or {}) do
    local path = dir .. "/" .. name
    if naskh.filetype(path) == "directory" then
      walk(path, prefix .. name .. ".", out)
    elseif name:match("%.lua$") then
      out[#out + 1] = prefix .. name:gsub("%.lua$", "")
    end
  end
  return out
end

local mods = walk(t.root .. "/scripts/naskh", "naskh.", {})
t.ok(#mods > 10, "found the Lua modules (" .. #mods .. ")")
for _, m in ipairs(mods) do
  local ok, err = pcall(require, m)
  t.ok(ok, "module " .. m .. " loads", tostring(err))
end
local added = {}
for k in pairs(_G) do if not before[k] then added[#added + 1] = tostring(k) end end
table.sort(added)
t.eq(table.concat(added, ", "), "", "no module created a global")
t.done()
