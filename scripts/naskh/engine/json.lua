-- naskh.engine.json: JSON in and out.
-- Decoding is lua-cjson's (a fast, well-kept C parser, Debian package lua-cjson);
-- encoding is naskh's own C encoder (naskh.json_encode) because output must be
-- byte-identical from run to run (sorted keys; cjson follows hash order) and
-- spans must become code point offsets.
local naskh = require "naskh"

local M = {}
M.null = naskh.null

local OBJECT = { __jsontype = "object" }
local ARRAY = { __jsontype = "array" }
M.OBJECT, M.ARRAY = OBJECT, ARRAY

-- Mark a table to be written as a JSON object even when empty.
function M.object(t) return setmetatable(t or {}, OBJECT) end
function M.array(t) return setmetatable(t or {}, ARRAY) end

local cjson
local function decoder()
  if cjson == nil then
    local ok, mod = pcall(require, "cjson.safe")
    if not ok then
      error("the JSON decoder lua-cjson is not installed (Debian: apt-get install lua-cjson)", 0)
    end
    cjson = mod
    -- 2.1.0 encodes sparse arrays as errors; we never encode with it.
    if cjson.decode_max_depth then cjson.decode_max_depth(200) end
  end
  return cjson
end

-- value | nil, message
function M.decode(s)
  local v, err = decoder().decode(s)
  if v == nil and err then
    return nil, (err:gsub("^Expected", "expected"))
  end
  return v
end

-- encode(value [, text [, texts]]): see naskh.json_encode.
M.encode = naskh.json_encode

return M
