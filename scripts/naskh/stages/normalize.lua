-- naskh.stages.normalize: a normalized view of each document with an offset
-- map back to the original. Sets doc.norm (a naskh.Norm userdata: norm:text(),
-- norm:orig(s, e), norm:len()); doc.text is never changed. With store_text,
-- also doc.normalized (the normalized string, written to JSON output).
-- The switches and profiles are in docs/normalization.md; the core is
-- core/nk_normalize.c.
local naskh = require "naskh"

-- The schema: the profile, every switch of the core as an optional override
-- (no default: the profile decides), and store_text.
local options = {
  profile = { type = "string", enum = naskh.norm_profiles(), default = "search",
    doc = "named profile: search (strong fold for matching), display (clean but faithful), "
      .. "camel (CAMeL Tools' normalization), none (identity)" },
  store_text = { type = "boolean", default = false,
    doc = "also store the normalized text in doc.normalized (it is written to JSON output)" },
}
local switch_names = {}
for _, sw in ipairs(naskh.norm_switches()) do
  switch_names[#switch_names + 1] = sw.name
  if sw.values then
    options[sw.name] = { type = "string", enum = sw.values,
      doc = sw.doc .. " (overrides the profile)" }
  else
    options[sw.name] = { type = "boolean", doc = sw.doc .. " (overrides the profile)" }
  end
end

return {
  name = "normalize",
  summary = "normalized view of the text with an offset map (doc.norm); doc.text is unchanged",
  scope = "document",
  needs = {}, -- fields an earlier stage must add (lint checks the order)
  adds = { "norm" },
  options = options,
  example = { profile = "search", hamza = false },
  run = function(doc, opts, ctx)
    local nopts = ctx.cache.nopts
    if not nopts then
      nopts = { profile = opts.profile or "search" }
      for _, name in ipairs(switch_names) do
        if opts[name] ~= nil then nopts[name] = opts[name] end
      end
      ctx.cache.nopts = nopts
    end
    local norm, msg = ctx.naskh.normview(doc.text, nopts)
    if not norm then error("normalize: " .. msg, 0) end
    doc.norm = norm
    if opts.store_text then doc.normalized = norm:text() end
  end,
}
