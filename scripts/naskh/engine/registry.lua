-- naskh.engine.registry: where stages come from. Built-in stages are modules
-- naskh.stages.<name>; a user's stage is a Lua file returning the same shape.
-- Both go through M.check_stage, so a user's stage is exactly a built-in one:
-- the option schema is checked (naskh.engine.schema.check_schema) and `needs` / `adds`
-- (the fields it reads from earlier stages, the fields it adds) are lists of names.
local schema = require "naskh.engine.schema"

local M = {}

-- Built-in stages, in the order `naskh help` lists them.
M.builtin = {
  "clean", "normalize", "split", "tokens", "entities", "entity_counts", "quotes", "dates",
  "numbers", "outliers", "summarize", "timeline", "quotes_merge",
}

local cache = {}

-- Validate the shape of a stage table; returns the stage or nil, message.
function M.check_stage(st, where)
  if type(st) ~= "table" then
    return nil, where .. ": a stage must return a table {name=, options=, run=}, got " .. type(st)
  end
  if type(st.run) ~= "function" then
    return nil, where .. ": the stage table has no run function"
  end
  if st.options ~= nil and type(st.options) ~= "table" then
    return nil, where .. ": 'options' must be a table (the option schema)"
  end
  st.options = st.options or {}
  local problems = schema.check_schema(st.options)
  if #problems > 0 then
    return nil, where .. ": " .. table.concat(problems, "; ")
  end
  for _, k in ipairs({ "needs", "adds" }) do
    local v = st[k]
    if v == nil then
      st[k] = {}
    elseif type(v) ~= "table" then
      return nil, string.format("%s: '%s' must be a list of field names, got %s", where, k, type(v))
    else
      for i, x in ipairs(v) do
        if type(x) ~= "string" then
          return nil, string.format("%s: '%s'[%d] must be a field name (a string)", where, k, i)
        end
      end
    end
  end
  if st.view ~= nil then
    -- the view is data (naskh.io.render reads it); a malformed one stops the load, not the report
    local vp = require("naskh.io.render").check_view(st.view, where)
    if #vp > 0 then return nil, table.concat(vp, "; ") end
  end
  st.scope = st.scope or "document"
  if st.scope ~= "document" and st.scope ~= "corpus" then
    return nil, where .. ": scope must be 'document' or 'corpus'"
  end
  return st
end

-- The built-in stage called name, or nil.
function M.get(name)
  if cache[name] ~= nil then return cache[name] or nil end
  local found = false
  for _, n in ipairs(M.builtin) do if n == name then found = true end end
  if not found then cache[name] = false; return nil end
  local ok, st = pcall(require, "naskh.stages." .. name)
  if not ok then
    if tostring(st):find("module 'naskh.stages." .. name .. "' not found", 1, true) then
      cache[name] = false
      return nil
    end
    error(st, 0)
  end
  local checked, err = M.check_stage(st, "naskh.stages." .. name)
  if not checked then error(err, 0) end
  st.name = st.name or name
  cache[name] = st
  return st
end

-- The built-in stages that add field name (for "add the X stage before Y").
function M.adders(name)
  local out = {}
  for _, n in ipairs(M.names()) do
    for _, a in ipairs(M.get(n).adds or {}) do
      if a == name then out[#out + 1] = n; break end
    end
  end
  return out
end

-- Names of the built-in stages available in this build.
function M.names()
  local out = {}
  for _, n in ipairs(M.builtin) do if M.get(n) then out[#out + 1] = n end end
  return out
end

return M
