-- naskh.registry: where stages come from. Built-in stages are modules
-- naskh.stages.<name>; a user's stage is a Lua file returning the same shape.
-- Both go through M.check_stage, so a user's stage is exactly a built-in one.
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

-- Names of the built-in stages available in this build.
function M.names()
  local out = {}
  for _, n in ipairs(M.builtin) do if M.get(n) then out[#out + 1] = n end end
  return out
end

return M
