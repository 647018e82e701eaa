-- naskh.stages.split: sentence and paragraph spans.
-- Sets doc.sentences and doc.paragraphs ({s=,e=} byte spans into doc.text).
-- The rules are in docs/splitting.md; the scanner is core/nk_split.c.

local artext = require "naskh.text.artext"

return {
  name = "split",
  summary = "sentence and paragraph spans (Arabic abbreviations, decimals, quotes, headlines)",
  scope = "document",
  needs = {}, -- fields an earlier stage must add (lint checks the order)
  adds = { "sentences", "paragraphs" },
  options = {
    semicolon = { type = "boolean", default = false,
      doc = "also end a sentence at the Arabic semicolon ؛ (and ;) followed by a space" },
    join_lines = { type = "string", enum = { "auto", "always", "never" }, default = "auto",
      bool_alias = true,
      doc = "which line ends are spaces (docs/splitting.md): auto = those inside hard-wrapped paragraphs "
        .. "(headlines, captions and lists keep theirs); always (or true) = every single line end; "
        .. "never (or false) = none, every line end ends a sentence. Blank lines always do" },
    paragraphs = { type = "string", enum = { "blank", "line" }, default = "blank",
      doc = "what separates paragraphs: a blank line, or every line end" },
    abbreviations = { type = "list", items = { type = "string" }, default = {},
      doc = "extra abbreviations that never end a sentence, with or without their period (\"ع.م\", \"Brig.\")" },
    abbreviations_file = { type = "string", file = true,
      doc = "a file of extra abbreviations, one per line ('#' comments), relative to the recipe" },
  },
  example = { semicolon = false, abbreviations = { "ع.م", "Brig." } },
  run = function(doc, opts, ctx)
    local so = ctx.cache.opts
    if not so then
      local words = {}
      for _, w in ipairs(opts.abbreviations or {}) do words[#words + 1] = w end
      if opts.abbreviations_file then
        for _, w in ipairs(artext.need_list(ctx:resolve(opts.abbreviations_file),
          "split: cannot open abbreviations file")) do
          words[#words + 1] = w
        end
      end
      so = { semicolon = opts.semicolon, join_lines = opts.join_lines,
             abbreviations = #words > 0 and words or nil }
      ctx.cache.opts = so
    end
    local naskh = ctx.naskh
    doc.sentences = naskh.sentences(doc.text, so)
    doc.paragraphs = naskh.paragraphs(doc.text, { lines = opts.paragraphs == "line" })
  end,
}
