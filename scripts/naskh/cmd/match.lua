-- naskh match -g GAZETTEER... [--all] [--variants] [FILE...]: pure gazetteer matching.
local naskh = require "naskh"

-- The gazetteers of -g: the source files (TSV, YAML) are compiled together
-- into one, so leftmost-longest holds across them; compiled images stay apart.
local function open_all(paths, variants, cli)
  local unreadable = require("naskh.engine.paths").unreadable -- not the recipe engine: a faster start
  local sources, gs = {}, {}
  for _, p in ipairs(paths) do
    local why = unreadable(p)
    if why then cli.usage_error(string.format("cannot read gazetteer %s: %s", p, why)) end
    local fh = io.open(p, "rb")
    if not fh then cli.usage_error("cannot open gazetteer " .. p) end
    local head = fh:read(8) or ""
    fh:close()
    if head == "NKGAZ\r\n\26" then
      local g, err = naskh.gazetteer_load(p)
      if not g then cli.usage_error(err) end
      if variants and not g:info().variants then
        cli.usage_error(p .. ": compiled without variants (use `naskh gazetteer compile --variants`)")
      end
      gs[#gs + 1] = g
    else
      sources[#sources + 1] = p
    end
  end
  if #sources > 0 then
    local g, err = naskh.gazetteer({ files = sources, variants = variants })
    if not g then cli.usage_error(err) end
    table.insert(gs, 1, g)
  end
  return gs
end

local BLOCK = math.tointeger(tonumber(os.getenv("NASKH_MATCH_BLOCK") or "")) or 1 << 20

return {
  summary = "find gazetteer entries in text (clitics, word boundaries, normalization); JSON Lines",
  usage = "naskh match -g GAZETTEER... [--all] [--variants] [FILE...]",
  help = [==[Reads stdin (or each FILE; '-' = stdin) and prints one JSON object per match:
  {"start","end","surface","id","type","name","clitic",["clitic_start","clitic_end"],["meta"]}
start/end are code point offsets (0-based, end exclusive) of the entity in the input, after
any proclitic (و ف ب ك ل س and their pairs; لل = ل + ال), which is reported in "clitic" with
its own span. Matching is done on search-normalized text, so diacritics, tatweel, hamza and
alef forms, presentation forms and Latin case do not matter.
-g takes a TSV (surface<TAB>type[<TAB>id[<TAB>key=value...]]), a YAML list of
{id, type, name, aliases, ...} or a file made by `naskh gazetteer compile`; repeat it for
several. By default matches are leftmost-longest and do not overlap; --all prints every
match, nested and overlapping ones included. --variants tolerates spelling variants of
transliterated names (ترامب/ترمب, سوريا/سورية); it costs precision (docs/gazetteer.md).
With several FILEs each line also carries "file".]==],
  options = {
    gazetteer = { type = "string", short = "g", list = true, arg = "FILE", doc = "gazetteer file: TSV, YAML or compiled" },
    all = { type = "boolean", doc = "every match, overlapping and nested ones included" },
    variants = { type = "boolean", doc = "tolerate spelling variants of transliterated names" },
    format = { type = "string", short = "f", arg = "FORMAT", enum = { "jsonl" }, default = "jsonl",
      doc = "jsonl, one match per line (the only format; accepted as everywhere)" },
  },
  run = function(args, cli)
    local o = args.opts
    if not o.gazetteer or #o.gazetteer == 0 then
      cli.usage_error("match: at least one -g GAZETTEER is needed; see `naskh match --help`")
    end
    local gs = open_all(o.gazetteer, o.variants or false, cli)
    local files = {}
    for i = 1, #args do files[i] = args[i] end
    if #files == 0 then files[1] = "-" end
    for _, f in ipairs(files) do
      -- with several files each line names its file
      local mopts = { all = o.all or false, variants = o.variants or false, file = #files > 1 and f or nil }
      -- read in blocks of about 1 MB cut after a line break (no match crosses a line), so
      -- memory stays flat however long the input; cpbase counts the code points before
      local cpbase = 0
      for block in cli.chunks(f, "line", BLOCK, true) do
        -- matched, merged across gazetteers (by start, longest first, then id) and printed as
        -- JSON Lines in C, code point offsets counted in the same pass
        local n, cps = naskh.write_matches(io.stdout, gs, block, cpbase, mopts)
        if not n then cli.usage_error((f == "-" and "<stdin>" or f) .. ": " .. tostring(cps)) end
        cpbase = cpbase + cps
      end
    end
    return 0
  end,
}
