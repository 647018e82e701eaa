-- naskh tokens [--clitics] [--stems] [--json] [FILE...]: one token per line.
local naskh = require "naskh"

-- Input is read in pieces of about CHUNK bytes cut at line ends, or inside a line longer
-- than that after a space or tab (no token crosses either; cli.chunks), so memory stays
-- bounded however big the input and however long its lines.
local CHUNK = 1 << 18

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
    json = { type = "boolean", doc = "JSON Lines, one object per token (= --format jsonl)" },
    format = { type = "string", short = "f", arg = "FORMAT", enum = { "text", "jsonl", "json" },
      sets = { jsonl = { json = true }, json = { json = true } },
      doc = "text (a token per line, tab-separated) or jsonl (= --json)" },
  },
  run = function(args, cli)
    local o = args.opts
    local files = {}
    for i = 1, #args do files[i] = args[i] end
    if #files == 0 then files[1] = "-" end
    for _, f in ipairs(files) do
      local cpbase = 0
      for chunk in cli.chunks(f, "line|space", CHUNK, true) do
        -- formatted and printed in C, code point offsets counted in the same pass
        local _, cps = naskh.write_tokens(io.stdout, chunk, cpbase, {
          clitics = o.clitics or false, stems = o.stems or false, punct = not o["no-punct"], json = o.json or false,
        })
        cpbase = cpbase + cps
      end
    end
    return 0
  end,
}
