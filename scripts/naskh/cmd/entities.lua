-- naskh entities [-g GAZETTEER]... [FILE...]: the entity finder on text.
local naskh = require "naskh"
local entities = require "naskh.text.entities"
local paths = require "naskh.engine.paths" -- unreadable: not the recipe engine, a faster start

-- Input is read in pieces of about CHUNK bytes (cli.chunks), so memory stays flat.
local CHUNK = 1 << 20

return {
  summary = "find named entities: bundled and user gazetteers plus context rules (JSON Lines)",
  usage = "naskh entities [-g GAZETTEER]... [--model FILE | --no-model] [--no-bundled] [--no-rules] [--all] [--variants] [--types T,...] [FILE...]",
  help = [==[Reads stdin (or each FILE; '-' = stdin) and prints one JSON object per entity, as
`naskh match` does: {"start","end","surface","id","type","name","clitic",["clitic_start",
"clitic_end"],"source",["meta"]}.
start/end are code point offsets (0-based, end exclusive) into the input, after any
proclitic (clitic: و ب ل ...); name is the canonical name; source is user, bundled,
tagger or rule; meta holds the entry's metadata, or for a rule's entity meta.rule (title,
nationality, given-name, chain, org-head, org-trigger, place-trigger, latin-caps,
propagate). With several FILEs each object also has "file".
The entity tagger (configs/models/entities.nktag, trained on ANERcorp; --model for
your own, see naskh train) decides what is an entity; the gazetteers and rules are
its features, and a tagged span that a list entry covers exactly, with the same
type, carries the entry's id, name and meta (others get TYPE:key, source tagger).
--no-model gives the gazetteers and rules alone.
The bundled gazetteers are configs/gazetteers/*.yaml; -g adds your own (TSV
`surface<TAB>type[<TAB>id[<TAB>key=value...]]`, YAML, or compiled), matched first.
Example: echo 'التقى الرئيس الروسي فلاديمير بوتين نظيره السوري في سوتشي' | naskh entities]==],
  options = {
    gazetteer = { type = "string", short = "g", list = true, arg = "FILE", doc = "a gazetteer of your own" },
    bundled = { type = "boolean", default = true, doc = "use the bundled gazetteers (--no-bundled: only -g)" },
    rules = { type = "boolean", default = true, doc = "apply the context rules (--no-rules: gazetteers only)" },
    ["gazetteers-only"] = { type = "boolean", doc = "the gazetteers alone: no context rules, no tagger" },
    ["user-only"] = { type = "boolean", doc = "only the -g gazetteers, not the bundled ones (same as --no-bundled)" },
    all = { type = "boolean", doc = "every candidate, overlapping ones too (gazetteers and rules, no tagger)" },
    model = { type = "string", arg = "FILE", doc = "the tagger model (default: the bundled one; --no-model: none)" },
    ["no-model"] = { type = "boolean", doc = "no tagger: gazetteers and context rules only" },
    variants = { type = "boolean", doc = "accept spelling variants of transliterated names" },
    types = { type = "string", arg = "T,...", doc = "keep only these types, e.g. PERS,LOC,ORG" },
    format = { type = "string", short = "f", arg = "FORMAT", enum = { "jsonl" }, default = "jsonl",
      doc = "jsonl, one entity per line (the only format; accepted as everywhere)" },
  },
  run = function(args, cli)
    local o = args.opts
    local keep
    if o.types then
      keep = {}
      for t in o.types:gmatch("[^,%s]+") do
        if not entities.TYPES[t] then
          cli.usage_error(string.format("entities: unknown type '%s' in --types (PERS, LOC, ORG, MISC, NORP)", t))
        end
        keep[t] = true
      end
    end
    for _, p in ipairs(o.gazetteer or {}) do
      local why = paths.unreadable(p)
      if why then cli.usage_error(string.format("cannot read gazetteer %s: %s", p, why)) end
    end
    local ok, f = pcall(entities.new, {
      naskh = naskh, home = cli.home, gazetteers = o.gazetteer or {},
      bundled = o.bundled ~= false and not o["user-only"],
      rules = o.rules ~= false and not o["gazetteers-only"], all = o.all or false, variants = o.variants or false,
      model = (function() if o["no-model"] or o["gazetteers-only"] then return false end return o.model end)(),
    })
    if not ok then cli.fail(2, "entities: " .. tostring(f)) end
    local files = {}
    for i = 1, #args do files[i] = args[i] end
    local many = #files > 1
    if #files == 0 then files[1] = "-" end
    for _, path in ipairs(files) do
      -- streamed: pieces of about CHUNK bytes cut at a blank line (or a line end where a block
      -- has none), so memory stays flat; names propagate within a piece
      for text, _, cpbase in cli.chunks(path, "blank|line", CHUNK) do
        local found, ents = pcall(f.find, f, text)
        if not found then cli.fail(2, "entities: " .. (path == "-" and "stdin" or path) .. ": " .. tostring(ents)) end
        -- formatted in C into the buffered writer, code point offsets in the same pass
        naskh.write_entities(io.stdout, text, ents, cpbase, many and path or nil, keep)
      end
    end
    return 0
  end,
}
