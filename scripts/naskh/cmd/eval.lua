-- naskh eval rouge SUMMARY REF...: ROUGE-1, ROUGE-2 and ROUGE-L with Arabic
-- normalization (scripts/naskh/rouge.lua; docs/summarization.md).
local rouge = require "naskh.rouge"
local json = require "naskh.json"

return {
  summary = "evaluate: ROUGE-1/2/L of a summary against reference summaries (Arabic normalization)",
  usage = "naskh eval rouge [--stem] [--format json] SUMMARY REF...",
  help = [[Both sides are tokenized (letters or digits), normalized (no harakat or tatweel,
one alef, ى→ي, ة→ه, Arabic-Indic digits → ASCII, Latin lower-cased) and, with --stem,
lightly stemmed. Precision, recall and F1 are computed against each reference and
averaged (ROUGE-1.5.5's default). ROUGE-L is the longest common subsequence of the
whole token sequences. '-' reads the summary from stdin.
Example:
  naskh summarize --words 80 --format plain article.txt > sys.txt
  naskh eval rouge sys.txt refs/A.txt refs/B.txt]],
  options = {
    stem = { type = "boolean", doc = "apply the light stemmer to both sides" },
    json = { type = "boolean", doc = "print one JSON object instead of a table (= --format json)" },
    format = { type = "string", short = "f", arg = "FORMAT", enum = { "text", "json" },
      sets = { json = { json = true } }, doc = "text (a table) or json (= --json)" },
  },
  run = function(args, cli)
    local what = args[1]
    if what ~= "rouge" then
      cli.usage_error(what and string.format("eval: unknown evaluation '%s' (available: rouge)", what)
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
