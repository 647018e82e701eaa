-- naskh.engine.schema: the option schemas of stages and recipes.
-- A schema is a table name -> field; a field is (M.check_schema checks this)
--   { type = "string"|"integer"|"number"|"boolean"|"list"|"map"|"any" (M.TYPES),
--     default = v, enum = {...}, min = n, max = n, items = field (lists),
--     fields = schema (maps; closed), required = true, doc = "...",
--     file = true (a string naming a file, or on items: a list of them; lint
--     checks it can be read; see naskh.engine.recipe.unreadable),
--     bool_alias = true (a string field that also takes true/false, which the
--     stage maps onto two of its values: join_lines) }
-- One schema drives validation (naskh lint), defaults, `naskh help STAGE`
-- and docs/recipes.md. Defaults live only here.
local suggest = require "naskh.engine.suggest"

local M = {}
local NULL = require("naskh").null

-- A short human description of a value, for "got ..." in messages.
local function show(v)
  if v == NULL or v == nil then return "null" end
  if type(v) == "string" then
    local s = v
    if #s > 40 then s = s:sub(1, 37) .. "..." end
    return string.format("string %q", s)
  end
  if type(v) == "table" then return (#v > 0 or next(v) == nil) and "a list" or "a mapping" end
  return type(v) .. " " .. tostring(v)
end
M.show = show

local function is_list(v)
  if type(v) ~= "table" then return false end
  local n = 0
  for _ in pairs(v) do n = n + 1 end
  return n == #v
end
M.is_list = is_list

-- "integer >= 1", "one of: a, b", ... for help and docs.
function M.describe(f)
  local t = f.type or "any"
  if f.type == "list" and f.items then t = "list of " .. (f.items.type or "any") end
  if f.enum then t = t .. " (one of: " .. table.concat(f.enum, ", ") .. (f.bool_alias and "; or a boolean" or "") .. ")" end
  if f.min and f.max then t = t .. string.format(" in [%s, %s]", f.min, f.max)
  elseif f.min then t = t .. " >= " .. f.min
  elseif f.max then t = t .. " <= " .. f.max end
  return t
end

-- A printable default.
function M.show_default(v)
  if v == nil then return "" end
  if type(v) == "table" then
    local parts = {}
    for i, x in ipairs(v) do parts[i] = tostring(x) end
    return "[" .. table.concat(parts, ", ") .. "]"
  end
  return tostring(v)
end

local function sorted_keys(t)
  local ks = {}
  for k in pairs(t) do ks[#ks + 1] = k end
  table.sort(ks)
  return ks
end
M.sorted_keys = sorted_keys

-- Check value v against field f. report(msg) records one problem at v's place;
-- report_at(container, key, msg) records one at a nested place.
local function check(v, f, what, report, report_at)
  local t = f.type
  if v == NULL then
    if f.required then report(what .. " must not be null") end
    return
  end
  if t == "integer" then
    if math.type(v) ~= "integer" then
      return report(string.format("%s must be an integer, got %s", what, show(v)))
    end
  elseif t == "number" then
    if type(v) ~= "number" then
      return report(string.format("%s must be a number, got %s", what, show(v)))
    end
  elseif t == "string" then
    if type(v) == "boolean" and f.bool_alias then return end -- true/false stand for two of the values
    if type(v) ~= "string" then
      return report(string.format("%s must be a string, got %s", what, show(v)))
    end
  elseif t == "boolean" then
    if type(v) ~= "boolean" then
      return report(string.format("%s must be true or false, got %s", what, show(v)))
    end
  elseif t == "list" then
    if not is_list(v) then
      return report(string.format("%s must be a list, got %s", what, show(v)))
    end
    if f.items then
      for i, x in ipairs(v) do
        check(x, f.items, string.format("%s[%d]", what, i),
              function(msg) report_at(v, i, msg, true) end, report_at)
      end
    end
    return
  elseif t == "map" then
    if type(v) ~= "table" or (next(v) ~= nil and is_list(v)) then
      return report(string.format("%s must be a mapping, got %s", what, show(v)))
    end
    if f.fields then M.check_map(v, f.fields, what, report_at) end
    return
  end
  if f.enum then
    local ok = false
    for _, e in ipairs(f.enum) do if e == v then ok = true end end
    if not ok then
      return report(string.format("%s must be one of: %s; got %s%s", what,
        table.concat(f.enum, ", "), show(v),
        type(v) == "string" and (suggest.closest(v, f.enum) and
          string.format(" (did you mean '%s'?)", suggest.closest(v, f.enum)) or "") or ""))
    end
  end
  if f.min and type(v) == "number" and v < f.min then
    report(string.format("%s must be >= %s, got %s", what, f.min, v))
  end
  if f.max and type(v) == "number" and v > f.max then
    report(string.format("%s must be <= %s, got %s", what, f.max, v))
  end
end
M.check = check

-- Check a mapping against a closed schema. report_at(container, key, msg, at_value)
-- records a problem at the key (at_value false) or at its value.
-- unknown_msg(key) words the unknown-key message; a field's what(key) names it.
function M.check_map(m, schema, context, report_at, unknown_msg, what_of)
  local names = sorted_keys(schema)
  for _, k in ipairs(sorted_keys(m)) do
    local f = schema[k]
    if type(k) ~= "string" then
      report_at(m, k, string.format("%s: keys must be names, got %s", context, show(k)))
    elseif not f then
      local msg = unknown_msg and unknown_msg(k) or
        string.format("unknown key '%s' in %s", k, context)
      report_at(m, k, msg .. suggest.hint(k, names), false)
    else
      check(m[k], f, what_of and what_of(k) or string.format("'%s'", k),
            function(msg) report_at(m, k, msg, true) end, report_at)
    end
  end
  for _, k in ipairs(names) do
    if schema[k].required and m[k] == nil then
      report_at(m, 0, string.format("%s: missing required key '%s'", context, k))
    end
  end
end

local function copy(v)
  if type(v) ~= "table" then return v end
  local c = {}
  for k, x in pairs(v) do c[k] = copy(x) end
  return c
end
M.copy = copy

-- The type names a field may have (docs/lua-api.md); no type means "any".
M.TYPES = { "any", "boolean", "integer", "list", "map", "number", "string" }
-- Names people write for them, for the "did you mean" of an unknown type.
M.TYPE_SYNONYMS = { int = "integer", bool = "boolean", str = "string", float = "number",
  double = "number", real = "number", array = "list", table = "map", dict = "map", object = "map",
  mapping = "map", sequence = "list", text = "string" }
local TYPE_SET = {}
for _, t in ipairs(M.TYPES) do TYPE_SET[t] = true end

-- Check a schema itself (a stage's `options`): every field a table with a known type, items
-- and fields likewise, enum a list, min/max numbers, the default of the field's type.
-- Returns a list of messages ("option 'n': unknown type 'int' ..."), empty when it is sound.
function M.check_schema(sch, prefix)
  local problems = {}
  prefix = prefix or "option "
  local function field(f, name)
    local what = prefix .. "'" .. name .. "'"
    if type(f) ~= "table" then
      problems[#problems + 1] = string.format("%s: a field is a table {type=, default=, doc=}, got %s",
        what, show(f))
      return
    end
    local t = f.type
    if t ~= nil and (type(t) ~= "string" or not TYPE_SET[t]) then
      local guess = type(t) == "string" and (M.TYPE_SYNONYMS[t:lower()] or suggest.closest(t, M.TYPES))
      problems[#problems + 1] = string.format("%s: unknown type %s%s (the types are: %s)", what,
        type(t) == "string" and ("'" .. t .. "'") or show(t),
        guess and string.format(" (did you mean '%s'?)", guess) or "", table.concat(M.TYPES, ", "))
      return
    end
    if f.enum ~= nil and not (type(f.enum) == "table" and is_list(f.enum)) then
      problems[#problems + 1] = what .. ": 'enum' must be a list of the allowed values"
    end
    for _, k in ipairs({ "min", "max" }) do
      if f[k] ~= nil and type(f[k]) ~= "number" then
        problems[#problems + 1] = string.format("%s: '%s' must be a number, got %s", what, k, show(f[k]))
      end
    end
    if f.items ~= nil then field(f.items, name .. "[]") end
    if f.fields ~= nil then
      if type(f.fields) ~= "table" then
        problems[#problems + 1] = what .. ": 'fields' must be a table name -> field"
      else
        for _, k in ipairs(sorted_keys(f.fields)) do field(f.fields[k], name .. "." .. tostring(k)) end
      end
    end
    if f.default ~= nil and t ~= nil then
      M.check(f.default, f, what .. ": the default", function(msg) problems[#problems + 1] = msg end,
        function(_, _, msg) problems[#problems + 1] = msg end)
    end
  end
  if type(sch) ~= "table" then return { "'options' must be a table (the option schema)" } end
  for _, k in ipairs(sorted_keys(sch)) do
    if type(k) ~= "string" then
      problems[#problems + 1] = "option names must be strings, got " .. show(k)
    else
      field(sch[k], k)
    end
  end
  return problems
end

-- Options with defaults filled in (a fresh table; nulls dropped).
function M.fill(opts, schema)
  local out = {}
  for k, f in pairs(schema) do
    local v = opts and opts[k]
    if v == nil or v == NULL then v = copy(f.default) end
    out[k] = v
  end
  if opts then
    for k, v in pairs(opts) do
      if out[k] == nil and v ~= NULL then out[k] = copy(v) end
    end
  end
  return out
end

-- Parse a command-line string into a value of field f's type, or nil, message.
function M.coerce(s, f)
  local t = f.type
  if t == "integer" then
    local n = math.tointeger(tonumber(s))
    if not n then return nil, string.format("expected an integer, got %q", s) end
    return n
  elseif t == "number" then
    local n = tonumber(s)
    if not n then return nil, string.format("expected a number, got %q", s) end
    return n
  elseif t == "boolean" then
    if s == "true" or s == "yes" or s == "1" or s == "on" then return true end
    if s == "false" or s == "no" or s == "0" or s == "off" then return false end
    return nil, string.format("expected true or false, got %q", s)
  elseif t == "list" then
    local out = {}
    local inner = s:match("^%s*%[(.*)%]%s*$") -- [a, b] as in YAML
    if inner then s = inner:gsub("%s*,%s*", ","):match("^%s*(.-)%s*$") end
    for part in s:gmatch("[^,]+") do
      local v, err = M.coerce(part, f.items or { type = "string" })
      if v == nil then return nil, err end
      out[#out + 1] = v
    end
    return out
  end
  if f.bool_alias and (s == "true" or s == "false") then return s == "true" end
  return s
end

return M
