-- naskh eval rouge SUMMARY REF...: ROUGE-1, ROUGE-2 and ROUGE-L with Arabic
-- normalization (scripts/naskh/text/rouge.lua; docs/summarization.md).
-- naskh eval entities GOLD.tsv: CoNLL-style entity P/R/F1 of `naskh entities` per type.
local rouge = require "naskh.text.rouge"
local json = require "naskh.engine.json"

-- naskh eval entities GOLD.tsv [--model FILE | --no-model] [-g GAZ]... [--json]
local function eval_entities(args, cli)
  local o = args.opts
  local naskh = require "naskh"
  local tagger = require "naskh.text.tagger"
  local entities = require "naskh.text.entities"
  if not args[2] then
    cli.usage_error("eval entities: needs a gold file: naskh eval entities GOLD.tsv (token<TAB>BIO tag)")
  end
  local ok, sents = pcall(tagger.read_conll, args[2])
  if not ok then cli.fail(2, "eval entities: " .. tostring(sents)) end
  local okf, f = pcall(entities.new, {
    naskh = naskh, home = cli.home, gazetteers = o.gazetteer or {}, bundled = o.bundled ~= false,
    rules = o.rules ~= false, model = (function() if o["no-model"] then return false end return o.model end)(),
  })
  if not okf then cli.fail(2, "eval entities: " .. tostring(f)) end
  local r = tagger.score(sents, tagger.predict_finder(f, sents))
  if o.json then
    local v = {}
    for _, t in ipairs({ "PERS", "LOC", "ORG", "MISC", "all" }) do
      local b = r[t]
      v[t] = json.object({ p = b.p, r = b.r, f = b.f, gold = b.ng, pred = b.np, correct = b.tp })
    end
    cli.out(json.encode(json.object(v)), "\n")
  else
    cli.out(tagger.format(r), "\n")
  end
  return 0
end

return {
  summary = "evaluate: ROUGE-1/2/L of a summary against references; entity P/R/F1 against a CoNLL file",
  usage = "naskh eval rouge [--stem] [--format json] SUMMARY REF...\n       naskh eval entities [--model FILE | --no-model] [-g GAZETTEER]... [--format json] GOLD.tsv",
  help = [[Both sides are tokenized (letters or digits), normalized (no harakat or tatweel,
one alef, ى→ي, ة→ه, Arabic-Indic digits → ASCII, Latin lower-cased) and, with --stem,
lightly stemmed. Precision, recall and F1 are computed against each reference and
averaged (ROUGE-1.5.5's default). ROUGE-L is the longest common subsequence of the
whole token sequences. '-' reads the summary from stdin.
Example:
  naskh summarize --words 80 --format plain article.txt > sys.txt
  naskh eval rouge sys.txt refs/A.txt refs/B.txt
eval entities reads GOLD.tsv (token<TAB>BIO tag, a blank line between sentences, as
ANERcorp), runs `naskh entities` on its text (tokens joined by spaces, one sentence per
line) and prints precision, recall and F1 per type: an entity counts when its tokens
(those the found span overlaps) and its type equal a gold entity's (CoNLL's rule).]],
  options = {
    stem = { type = "boolean", doc = "apply the light stemmer to both sides" },
    json = { type = "boolean", doc = "print one JSON object instead of a table (= --format json)" },
    format = { type = "string", short = "f", arg = "FORMAT", enum = { "text", "json" },
      sets = { json = { json = true } }, doc = "text (a table) or json (= --json)" },
    model = { type = "string", arg = "FILE", doc = "entities: the tagger model (default the bundled one)" },
    ["no-model"] = { type = "boolean", doc = "entities: no tagger, gazetteers and rules only" },
    gazetteer = { type = "string", short = "g", list = true, arg = "FILE", doc = "entities: a gazetteer of your own" },
    bundled = { type = "boolean", default = true, doc = "entities: use the bundled gazetteers" },
    rules = { type = "boolean", default = true, doc = "entities: use the context rules" },
  },
  run = function(args, cli)
    local what = args[1]
    if what == "entities" then return eval_entities(args, cli) end
    if what ~= "rouge" then
      cli.usage_error(what and string.format("eval: unknown evaluation '%s' (available: rouge, entities)", what)
        or "eval: which evaluation? usage: naskh eval rouge SUMMARY REF...")
    end
    if not args[2] or not args[3] then
      cli.usage_error("eval rouge: needs a summary and at least one reference: naskh eval rouge SUMMARY REF...")
    end
    local cand = cli.read_file(args[2])
    local refs = {}
    for i = 3, #args do refs[#refs + 1] = cli.read_file(args[i]) end
    local r = rouge.score(cand, refs, { stem = args.opts.stem })
    if args.opts.json then
      local v = {}
      for _, k in ipairs({ "1", "2", "L" }) do
        v["rouge-" .. k:lower()] = json.object({ p = r[k].p, r = r[k].r, f = r[k].f })
      end
      cli.out(json.encode(json.object(v)), "\n")
    else
      cli.out(string.format("%-8s %8s %8s %8s\n", "", "P", "R", "F1"))
      for _, k in ipairs({ "1", "2", "L" }) do
        cli.out(string.format("%-8s %8.4f %8.4f %8.4f\n", "ROUGE-" .. k, r[k].p, r[k].r, r[k].f))
      end
    end
    return 0
  end,
}
