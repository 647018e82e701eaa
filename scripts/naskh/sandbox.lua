-- naskh.sandbox: how a user's Lua stage is loaded. A recipe's script runs in
-- its own environment: text mode only (no bytecode), the safe standard
-- libraries and the naskh module, no io/os.execute/package/debug/load of
-- bytecode, and strict globals. `--trust` gives the full standard library.
local M = {}

local SAFE = {
  "assert", "error", "ipairs", "next", "pairs", "pcall", "rawequal", "rawget", "rawlen",
  "rawset", "select", "setmetatable", "getmetatable", "tonumber", "tostring", "type", "xpcall",
  "print", "_VERSION",
}
local SAFE_LIBS = { "string", "table", "math", "utf8", "coroutine" }

local function copy_lib(lib)
  local t = {}
  for k, v in pairs(lib) do t[k] = v end
  return t
end

-- A fresh environment for one user script.
function M.env(trust)
  if trust then
    return setmetatable({}, { __index = _G })
  end
  local env = {}
  for _, k in ipairs(SAFE) do env[k] = _G[k] end
  for _, k in ipairs(SAFE_LIBS) do env[k] = copy_lib(_G[k]) end
  env.os = { clock = os.clock, date = os.date, time = os.time, difftime = os.difftime }
  env.naskh = require "naskh"
  env.require = function(name)
    if name == "naskh" then return env.naskh end
    if type(name) == "string" and name:match("^naskh%.[%w_.]+$") then return require(name) end
    error(string.format("require('%s') is not allowed in a sandboxed script (run with --trust to allow it)",
      tostring(name)), 2)
  end
  env._G = env
  return setmetatable(env, {
    __index = function(_, k)
      error(string.format("undefined global '%s'", tostring(k)), 2)
    end,
  })
end

-- Load the stage file at path; returns its value or nil, message.
function M.load_stage(path, trust)
  local fh, err = io.open(path, "rb")
  if not fh then return nil, "cannot read script " .. err end
  local src = fh:read("a")
  fh:close()
  local env = M.env(trust)
  local chunk, lerr = load(src, "@" .. path, "t", env)
  if not chunk then return nil, lerr end
  local ok, v = pcall(chunk)
  if not ok then return nil, tostring(v) end
  return v
end

return M
