-- naskh idf build FILE... -o idf.tsv: document frequencies of the similarity
-- terms (normalized, stemmed, stopwords out) over a corpus, for
-- `summarize: {idf: idf.tsv}` and `naskh summarize --idf idf.tsv`.
local naskh = require "naskh"
local read = require "naskh.io.read"
local recipe = require "naskh.engine.recipe"
local textsim = require "naskh.text.textsim"

return {
  summary = "build an IDF file (document frequencies of similarity terms) from a corpus",
  usage = "naskh idf build [--stopwords FILE] [--min-df N] FILE... -o idf.tsv",
  help = [[Each text file is one document; each line of a .jsonl file is one document
({"id","text"}); a directory means its .txt and .jsonl files. Terms are the keys
summarize compares (normalized, lightly stemmed, stopwords removed). The file starts
"# naskh idf 1 docs=N", then "term<TAB>df" lines, most frequent first.
Example:
  naskh idf build news/*.txt -o configs/data/idf_news.tsv
  naskh summarize --idf configs/data/idf_news.tsv cluster/*.txt]],
  options = {
    output = { type = "string", short = "o", arg = "FILE", doc = "where to write ('-' = stdout)" },
    stopwords = { type = "string", arg = "FILE", doc = "stopword list (default: the bundled Arabic list)" },
    ["min-df"] = { type = "integer", min = 1, default = 1, arg = "N", doc = "keep terms in at least N documents" },
  },
  run = function(args, cli)
    if args[1] ~= "build" then
      cli.usage_error(args[1] and string.format("idf: unknown action '%s' (available: build)", args[1])
        or "idf: usage: naskh idf build FILE... -o idf.tsv")
    end
    local o = args.opts
    if not o.output then cli.usage_error("idf build: where to? give -o FILE ('-' = stdout)") end
    local files = {}
    for i = 2, #args do files[#files + 1] = args[i] end
    if #files == 0 then cli.usage_error("idf build: which files? usage: naskh idf build FILE... -o idf.tsv") end
    local sw = o.stopwords or recipe.resolve(".", cli.home, textsim.DEFAULT_STOPWORDS)
    local v = naskh.vocab({ stopwords = textsim.read_list(sw) })
    local df, ndocs, bad = {}, 0, 0
    read.each(files, "auto", function(doc)
      ndocs = ndocs + 1
      local seen = {}
      for _, k in ipairs(v:terms(doc.text)) do
        if not seen[k] then seen[k] = true; df[k] = (df[k] or 0) + 1 end
      end
    end, function(msg) bad = bad + 1; cli.err(msg) end, nil, read.options(o.quiet, 0))
    if ndocs == 0 then cli.fail(2, "idf build: no documents were read") end
    local keys = {}
    for k, n in pairs(df) do if n >= o["min-df"] then keys[#keys + 1] = k end end
    table.sort(keys, function(a, b)
      if df[a] ~= df[b] then return df[a] > df[b] end
      return a < b
    end)
    local lines = { string.format("%s docs=%d", textsim.IDF_HEADER, ndocs) }
    for _, k in ipairs(keys) do lines[#lines + 1] = k .. "\t" .. df[k] end
    local out = table.concat(lines, "\n") .. "\n"
    if o.output == "-" then
      cli.out(out)
    else
      local fh, err = io.open(o.output, "wb")
      if not fh then cli.fail(2, "idf build: cannot write " .. tostring(err)) end
      local okw, werr = fh:write(out)
      if okw then okw, werr = fh:flush() end
      local okc, cerr = fh:close()
      if not okw or not okc then
        cli.fail(2, string.format("idf build: cannot write %s: %s", o.output, tostring(werr or cerr)))
      end
      if not o.quiet then cli.err(string.format("idf build: %d documents, %d terms -> %s", ndocs, #keys, o.output)) end
    end
    return bad > 0 and 1 or 0
  end,
}
