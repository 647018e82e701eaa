-- naskh split [--offsets] [FILE...]: sentences (or paragraphs), one per line.
local naskh = require "naskh"

-- Input is read in pieces of about CHUNK bytes cut at line ends, or at blank lines with
-- --paragraphs or --join-lines (no sentence or paragraph crosses one; cli.chunks), so big
-- inputs need bounded memory.
local CHUNK = 1 << 20

return {
  summary = "split text into sentences: one per line, or code point offsets",
  usage = "naskh split [--offsets | --json] [--paragraphs] [--semicolon] [--join-lines[=auto|always|never] | --keep-lines] [--abbrev WORD]... [FILE...]",
  help = [[Reads stdin (or each FILE; '-' = stdin) and prints one sentence per line, line
ends inside a sentence shown as spaces. With --offsets prints "start<TAB>end" instead:
code point offsets into the input, 0-based, end exclusive (per file).
Rules: docs/splitting.md. Examples:
  naskh split < article.txt
  naskh split --offsets --abbrev "ع.م" article.txt]],
  options = {
    offsets = { type = "boolean", doc = "print start<TAB>end code point offsets (0-based, end exclusive)" },
    json = { type = "boolean", doc = "JSON Lines: {\"start\",\"end\",\"text\"} per sentence (= --format jsonl)" },
    format = { type = "string", short = "f", arg = "FORMAT", enum = { "text", "offsets", "jsonl", "json" },
      sets = { offsets = { offsets = true }, jsonl = { json = true }, json = { json = true } },
      doc = "text (a sentence per line), offsets (= --offsets), jsonl (= --json)" },
    paragraphs = { type = "boolean", doc = "split into paragraphs (blank-line separated) instead" },
    semicolon = { type = "boolean", doc = "also end sentences at ؛ and ;" },
    ["join-lines"] = { type = "boolean", modes = { "auto", "always", "never" },
      doc = "which line ends are spaces (docs/splitting.md): auto (the default) those inside hard-wrapped "
        .. "paragraphs; always (= --join-lines) every single one; never (= --keep-lines) none" },
    ["keep-lines"] = { type = "boolean", doc = "every line end ends a sentence (= --join-lines=never)" },
    abbrev = { type = "string", list = true, arg = "WORD", doc = "an extra abbreviation that never ends a sentence" },
  },
  run = function(args, cli)
    local o = args.opts
    if o.offsets and o.json then cli.usage_error("split: --offsets and --json exclude each other") end
    -- the one switch: --join-lines[=MODE] (true = always, false = never), --keep-lines = never
    local jl = o["join-lines"]
    if jl == true then jl = "always" elseif jl == false then jl = "never" end
    if o["keep-lines"] then
      if jl and jl ~= "never" then cli.usage_error("split: --join-lines and --keep-lines exclude each other") end
      jl = "never"
    end
    local files = {}
    for i = 1, #args do files[i] = args[i] end
    if #files == 0 then files[1] = "-" end
    local sopts = { semicolon = o.semicolon or nil, join_lines = jl,
                    abbreviations = (o.abbrev and #o.abbrev > 0) and o.abbrev or nil }
    for _, f in ipairs(files) do
      local warned = false
      -- a line end always ends a sentence with --keep-lines, and is a space with --join-lines
      -- (cut at blank lines then, as for paragraphs); by default pieces are cut at line ends
      -- (bounded memory), so once per CHUNK bytes a hard-wrapped sentence may be cut in two
      local cut = (o.paragraphs or jl == "always") and "blank" or "line"
      local cpbase = 0
      for chunk, bbase in cli.chunks(f, cut, CHUNK, true) do
        -- formatted and printed in C (naskh.write_sentences), code points counted in the same
        -- pass; bad: the first invalid byte
        local _, cps, bad = naskh.write_sentences(io.stdout, chunk, cpbase, {
          format = o.offsets and "offsets" or o.json and "json" or "text", paragraphs = o.paragraphs or nil,
          semicolon = sopts.semicolon, join_lines = sopts.join_lines, abbreviations = sopts.abbreviations,
        })
        cpbase = cpbase + cps
        if bad and not warned then
          warned = true
          io.stdout:flush()
          cli.err(string.format("%s: invalid UTF-8 at byte %d; invalid bytes are kept as they are",
            f == "-" and "stdin" or f, bbase + bad))
        end
      end
    end
    return 0
  end,
}
