-- naskh tokens [--clitics] [--stems] [--json] [FILE...]: one token per line.
local naskh = require "naskh"
local json = require "naskh.json"

return {
  summary = "tokenize text: one token per line with its class and code point span",
  usage = "naskh tokens [--clitics] [--stems] [--no-punct] [--json] [FILE...]",
  help = [[Reads stdin (or each FILE; '-' = stdin) and prints one token per line:
  start<TAB>end<TAB>class<TAB>token[<TAB>pieces][<TAB>stem]
start/end are code point offsets (0-based, end exclusive); class is arabic, latin,
number, punct or symbol. --clitics adds the light clitic segmentation (و+ال+رئيس),
--stems the light stem of Arabic tokens. --json prints JSON Lines
{"start","end","class","text","pieces":[{"start","end","kind"}],"stem"} instead.]],
  options = {
    clitics = { type = "boolean", doc = "segment Arabic tokens into proclitics, stem and enclitic" },
    stems = { type = "boolean", doc = "add the light stem of each Arabic token" },
    ["no-punct"] = { type = "boolean", doc = "drop punct and symbol tokens" },
    json = { type = "boolean", doc = "JSON Lines, one object per token" },
  },
  run = function(args, cli)
    local o = args.opts
    local files = {}
    for i = 1, #args do files[i] = args[i] end
    if #files == 0 then files[1] = "-" end
    for _, f in ipairs(files) do
      local text = cli.read_file(f)
      local toks = naskh.tokens(text, { clitics = o.clitics or false, punct = not o["no-punct"] })
      if o.json then
        for _, t in ipairs(toks) do
          t.text = text:sub(t.s, t.e)
          if o.stems and t.class == "arabic" then t.stem = naskh.stem(t.text) end
          cli.out(json.encode(t, text), "\n")
        end
      else
        local bytes = {}
        for i, t in ipairs(toks) do bytes[2 * i - 1] = t.s - 1; bytes[2 * i] = t.e end
        local cps = naskh.cp_offsets(text, bytes)
        for i, t in ipairs(toks) do
          local w = text:sub(t.s, t.e)
          local row = { cps[2 * i - 1], cps[2 * i], t.class, w }
          if o.clitics then
            local ps = {}
            for _, p in ipairs(t.pieces or { t }) do ps[#ps + 1] = text:sub(p.s, p.e) end
            row[#row + 1] = table.concat(ps, "+")
          end
          if o.stems then row[#row + 1] = t.class == "arabic" and naskh.stem(w) or w end
          cli.out(table.concat(row, "\t"), "\n")
        end
      end
    end
    return 0
  end,
}
