-- naskh tokens [--clitics] [--stems] [--json] [FILE...]: one token per line.
local naskh = require "naskh"
local json = require "naskh.json"

-- Input is read in pieces cut at line ends (no token crosses one) of about CHUNK bytes
-- (cli.chunks), so big inputs need bounded memory.
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
      for chunk, _, cpbase in cli.chunks(f, "line", CHUNK) do
        local toks = naskh.tokens(chunk, { clitics = o.clitics or false, punct = not o["no-punct"] })
        if o.json then
          for _, t in ipairs(toks) do
            t.text = chunk:sub(t.s, t.e)
            if o.stems and t.class == "arabic" then t.stem = naskh.stem(t.text) end
            local obj = json.encode(t, chunk)
            if cpbase > 0 then -- shift every code point offset of this chunk
              obj = obj:gsub('"(%a+)":(%d+)', function(k, v)
                if k == "start" or k == "end" then return string.format('"%s":%d', k, cpbase + tonumber(v)) end
              end)
            end
            cli.out(obj, "\n")
          end
        else
          local bytes = {}
          for i, t in ipairs(toks) do bytes[2 * i - 1] = t.s - 1; bytes[2 * i] = t.e end
          local cps = naskh.cp_offsets(chunk, bytes)
          for i, t in ipairs(toks) do
            local w = chunk:sub(t.s, t.e)
            local row = { cpbase + cps[2 * i - 1], cpbase + cps[2 * i], t.class, w }
            if o.clitics then
              local ps = {}
              for _, p in ipairs(t.pieces or { t }) do ps[#ps + 1] = chunk:sub(p.s, p.e) end
              row[#row + 1] = table.concat(ps, "+")
            end
            if o.stems then row[#row + 1] = t.class == "arabic" and naskh.stem(w) or w end
            cli.out(table.concat(row, "\t"), "\n")
          end
        end
      end
    end
    return 0
  end,
}
