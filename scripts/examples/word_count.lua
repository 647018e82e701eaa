-- An example user stage for naskh: counts the words of each document and
-- warns about documents shorter than a threshold. A user's stage has exactly
-- the shape of a built-in one: a table with a name, an option schema and run.
--
-- Use it in a recipe:
--   stages:
--     - script: { file: word_count.lua, min_words: 50 }
return {
  name = "word_count",
  summary = "count the words of each document",
  options = {
    min_words = { type = "integer", default = 0, min = 0,
                  doc = "warn about documents with fewer words than this" },
  },
  example = { min_words = 50 },

  run = function(doc, opts, ctx)
    local n = 0
    -- A word: a run of bytes that are not ASCII spaces or ASCII punctuation
    -- (Arabic letters are multi-byte, so they always count as word bytes).
    for _ in doc.text:gmatch("[^%s%p]+") do n = n + 1 end
    doc.word_count = n
    if n < opts.min_words then
      ctx:warn(string.format("only %d words (min_words is %d)", n, opts.min_words))
    end
  end,

  -- Optional: how its field shows in the reports (data: a view; Markdown "**Words**: 358",
  -- HTML "<p><strong>Words</strong>: 358</p>"). See docs/lua-api.md, "Views".
  view = {
    { field = "word_count", label = "Words" },
  },
}
