-- Fuzz driver: YAML bytes -> naskh.yaml_load -> (a table) the recipe linter.
-- Used by tests/fuzz/fuzz_yaml.c (libFuzzer) and tests/lua/test_fuzz_regressions.lua.
-- Contract checked: yaml_load never raises (value, pos or nil, "name:line:col: message"),
-- and recipe.lint never raises on whatever the loader returns.
local naskh = require "naskh"
local recipe = require "naskh.engine.recipe"
local sandbox = require "naskh.engine.sandbox"

-- Fuzzed recipes must not load files: script stages are refused here.
sandbox.load_stage = function() return nil, "scripts are not loaded while fuzzing" end

return function(s)
  local v, pos = naskh.yaml_load(s, "fuzz.yaml")
  if v == nil then
    assert(type(pos) == "string" and pos:find("fuzz.yaml", 1, true) == 1, "yaml_load: bad error message")
    return
  end
  assert(type(pos) == "table", "yaml_load: no position table")
  if type(v) == "table" then
    local rec = { data = v, pos = pos, path = "fuzz.yaml", dir = "/nonexistent-naskh-fuzz" }
    local errors = recipe.lint(rec, { home = "/nonexistent-naskh-fuzz" })
    for _, line in ipairs(recipe.format_errors(rec, errors)) do
      assert(type(line) == "string")
    end
  end
end
