-- naskh.stages.tokens: word tokens with spans and classes.
-- Sets doc.tokens = {{s=,e=,class=, sentence=, pieces=, stem=}, ...}
-- (class: arabic, latin, number, punct, symbol; sentence: index into
-- doc.sentences when the split stage ran before; pieces with clitics = true;
-- stem with stems = true, Arabic tokens only).

return {
  name = "tokens",
  summary = "word tokens with spans and classes, light clitic segmentation and stems",
  scope = "document",
  needs = {}, -- fields an earlier stage must add (lint checks the order)
  adds = { "tokens" },
  options = {
    clitics = { type = "boolean", default = false,
      doc = "segment Arabic tokens into proclitics (و ف ب ك ل ال), stem and enclitic pronoun: pieces = {{s=,e=,kind=}...}" },
    punct = { type = "boolean", default = true, doc = "keep punct and symbol tokens" },
    stems = { type = "boolean", default = false, doc = "add stem = light stem (Light10-style) to Arabic tokens" },
  },
  example = { clitics = true, stems = true },
  run = function(doc, opts, ctx)
    local naskh, text = ctx.naskh, doc.text
    local toks = naskh.tokens(text, { clitics = opts.clitics, punct = opts.punct })
    local sents, si = doc.sentences, 1
    for _, t in ipairs(toks) do
      if sents then
        while sents[si] and sents[si].e < t.s do si = si + 1 end
        if sents[si] and sents[si].s <= t.s then t.sentence = si end
      end
      if opts.stems and t.class == "arabic" then t.stem = naskh.stem(text:sub(t.s, t.e)) end
    end
    doc.tokens = toks
  end,
}
