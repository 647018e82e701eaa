-- naskh train entities TRAIN.tsv -o MODEL: train the entity tagger (core/nk_tagger.h) on a
-- CoNLL-style file (token<TAB>BIO tag, a blank line between sentences). See docs/entities.md.
local naskh = require "naskh"
local tagger = require "naskh.text.tagger"
local entities = require "naskh.text.entities"
local recipe = require "naskh.engine.recipe"

return {
  summary = "train the entity tagger on annotated text (token<TAB>BIO tag per line)",
  usage = "naskh train entities TRAIN.tsv -o MODEL [--epochs N] [--seed N] [--runs N] [--bits N] [--doc-sents N] [-g GAZETTEER]... [--no-bundled] [--no-rules]",
  help = [==[Trains the structured averaged perceptron of `naskh entities` on a file in
ANERcorp's format: one token and its tag (O, B-PERS, I-PERS, B-LOC, I-LOC, B-ORG,
I-ORG, B-MISC, I-MISC) per line, separated by a tab, a blank line after each sentence.
The gazetteers (the bundled ones and each -g) and the context rules are read as
features, as `naskh entities` reads them, so train with the lists you will tag with.
The same file, options and build give the same model, byte for byte; --runs models
trained on different sentence orders are averaged (less luck in one order).
Progress (errors per epoch) is shown on a terminal.
Example: naskh train entities my_news.tsv -o my.nktag && naskh entities --model my.nktag < article.txt]==],
  options = {
    output = { type = "string", short = "o", arg = "MODEL", doc = "the model file to write" },
    epochs = { type = "integer", min = 1, default = 15, doc = "passes over the training file (default 15)" },
    seed = { type = "integer", min = 1, default = 1, doc = "seed of the sentence order (default 1)" },
    runs = { type = "integer", min = 1, default = 4,
      doc = "models trained with seeds SEED, SEED+1, ... and averaged (1..64, default 4)" },
    bits = { type = "integer", min = 12, default = 19, doc = "feature table of 2^N rows (12..24, default 19)" },
    gazetteer = { type = "string", short = "g", list = true, arg = "FILE", doc = "a gazetteer read as features" },
    bundled = { type = "boolean", default = true, doc = "read the bundled gazetteers as features" },
    rules = { type = "boolean", default = true, doc = "read the context rules as features" },
    ["user-folds"] = { type = "integer", min = 0, default = 8,
      doc = "teach the model a user's -g list: every 2nd sentence reads, as -g, the entities of the other N parts of the file (0: none; default 8)" },
    ["user-every"] = { type = "integer", min = 1, default = 2,
      doc = "with --user-folds: every Nth sentence reads the other parts' list (default 2)" },
    ["doc-sents"] = { type = "integer", min = 1, default = 40,
      doc = "read N consecutive sentences as one document, as eval entities reads a file (default 40)" },
  },
  run = function(args, cli)
    local o = args.opts
    if args[1] ~= "entities" then
      cli.usage_error(args[1] and string.format("train: unknown model '%s' (available: entities)", args[1])
        or "train: what to train? usage: naskh train entities TRAIN.tsv -o MODEL")
    end
    if not args[2] then cli.usage_error("train entities: needs a training file: naskh train entities TRAIN.tsv -o MODEL") end
    if not o.output then cli.usage_error("train entities: needs -o MODEL (the file to write)") end
    if (o.bits or 19) > 24 then cli.usage_error("train entities: --bits must be 12..24") end
    if (o.runs or 4) > 64 then cli.usage_error("train entities: --runs must be 1..64") end
    for _, p in ipairs(o.gazetteer or {}) do
      local why = recipe.unreadable(p)
      if why then cli.usage_error(string.format("cannot read gazetteer %s: %s", p, why)) end
    end
    local ok, sents = pcall(tagger.read_conll, args[2])
    if not ok then cli.fail(2, "train entities: " .. tostring(sents)) end
    if #sents == 0 then cli.fail(2, "train entities: " .. args[2] .. ": no sentences") end
    local okf, f = pcall(entities.new, {
      naskh = naskh, home = cli.home, gazetteers = o.gazetteer or {}, bundled = o.bundled ~= false,
      rules = o.rules ~= false, model = false,
    })
    if not okf then cli.fail(2, "train entities: " .. tostring(f)) end
    local show = cli.tty and not o.quiet
    local epochs = o.epochs or 15
    local runs = o.runs or 4
    -- epochs shown: the first pass on each of 4 parts (what the second pass reads), the second
    -- pass, the first pass on everything (nk_tagger.c: nk_trainer_run)
    local total = epochs * runs * 6
    if show then io.stderr:write(string.format("naskh: reading %d sentences of %s\n", #sents, args[2])) end
    local bytes = tagger.train(sents, {
      naskh = naskh, finder = f, epochs = epochs, seed = o.seed or 1, bits = o.bits or 19, runs = runs,
      user_folds = o["user-folds"] or 8, user_every = o["user-every"] or 2,
      doc_sents = o["doc-sents"] or 40,
      new_finder = function(paths)
        local all = {}
        for _, p in ipairs(o.gazetteer or {}) do all[#all + 1] = p end
        for _, p in ipairs(paths) do all[#all + 1] = p end
        return entities.new { naskh = naskh, home = cli.home, gazetteers = all, bundled = o.bundled ~= false,
          rules = o.rules ~= false, model = false }
      end,
      progress = show and function(ep, errors, words)
        io.stderr:write(string.format("\rnaskh: epoch %d/%d: %d of %d words misread ", ep, total, errors, words))
        if ep == total then io.stderr:write("\n") end
      end or nil,
    })
    local fh, err = io.open(o.output, "wb")
    if not fh then cli.fail(2, "train entities: cannot write " .. tostring(err)) end
    fh:write(bytes)
    fh:close()
    if not o.quiet then
      io.stderr:write(string.format("naskh: %s: %d bytes, %d sentences, %d epochs x %d runs\n", o.output, #bytes, #sents,
        epochs, runs))
    end
    return 0
  end,
}
