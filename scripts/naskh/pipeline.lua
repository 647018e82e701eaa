-- naskh.pipeline: the name users' scripts know (README, docs/lua-api.md); the engine
-- lives in naskh.engine.pipeline (planning in naskh.engine.plan).
return require "naskh.engine.pipeline"
