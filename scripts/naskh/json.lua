-- naskh.json: the name users' scripts know (README, docs/lua-api.md); the module
-- lives in naskh.engine.json.
return require "naskh.engine.json"
