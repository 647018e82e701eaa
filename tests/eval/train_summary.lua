-- tests/eval/train_summary.lua: learn the summarize stage's sentence-scorer
-- weights (configs/data/summary_weights.tsv) from EASC, and report their
-- cross-validated ROUGE beside Lead-W and a budget-filling Lead.
-- usage: naskh script train_summary.lua EASC_DIR [OUT.tsv]   (make summary-weights)
--
-- Each article goes through the stages `naskh summarize` runs (clean, split),
-- then the summarize stage's own feature function (summarize.features_of, via
-- ctx.collect), so training and use see the same sentences and features.
-- Label of a sentence: the square of the mean, over the five human extracts,
-- of the share of its word bigrams that the extract contains (EASC extracts
-- copy whole sentences, so the share is about 1 for a chosen sentence and 0
-- otherwise; the square favours sentences most extracts agree on).
-- Fit: ridge least squares. Cross-validation: K folds by topic; each fold's
-- weights summarize the held-out topics (budget W = mean reference length,
-- output cut at W words, ROUGE-1/2 F1 on normalized text).
local naskh = require "naskh"
local rouge = require "naskh.text.rouge"
local schema = require "naskh.engine.schema"
local registry = require "naskh.engine.registry"
local recipe = require "naskh.engine.recipe"
local render = require "naskh.io.render"

local dir, out_path = arg[1], arg[2]
assert(dir, "usage: train_summary.lua EASC_DIR [OUT.tsv]")
local home = os.getenv("NASKH_ROOT") or "."
local K, RIDGE = 5, 1.0
-- Which features get a weight is chosen by greedy backward elimination on
-- cross-validated ROUGE (R-1 + R-2) over the training topics only: start from
-- every feature, drop the one whose removal helps most, stop when none helps.
-- The reported figure is NESTED cross-validation: for each of the K outer
-- folds the selection runs inside its training topics (inner K-fold CV), the
-- weights are fit there, and the held-out topics are summarized with them; no
-- held-out topic ever influences its own features or weights. The shipped
-- weights run the same selection on all topics, then fit on all of them.

local function read(p)
  local fh = assert(io.open(p, "rb"))
  local s = fh:read("a")
  fh:close()
  return s
end

local topics = {}
for _, name in ipairs(naskh.listdir(dir)) do
  local n = tonumber(name:match("^Topic(%d+)$"))
  if n then
    local docs = naskh.listdir(dir .. "/" .. name .. "/docs")
    local refs = {}
    for _, r in ipairs(naskh.listdir(dir .. "/" .. name .. "/refs")) do
      refs[#refs + 1] = read(dir .. "/" .. name .. "/refs/" .. r)
    end
    local path = dir .. "/" .. name .. "/docs/" .. docs[1]
    topics[#topics + 1] = { n = n, text = read(path), refs = refs, path = path }
  end
end
table.sort(topics, function(a, b) return a.n < b.n end)

local summ = registry.get("summarize")
local FEATURES = summ.FEATURES
local function ctx(name)
  local c = { naskh = naskh, cache = {}, home = home, stage = name }
  function c.resolve(_, p) return recipe.resolve(".", home, p) end
  function c.warn() end
  return c
end
local pre = {}
for _, name in ipairs({ "clean", "split" }) do
  local st = registry.get(name)
  pre[#pre + 1] = { st = st, opts = schema.fill({}, st.options), ctx = ctx(name) }
end

local function bigrams(toks)
  local set, list = {}, {}
  for i = 1, #toks - 1 do
    local b = toks[i] .. " " .. toks[i + 1]
    set[b] = true
    list[#list + 1] = b
  end
  if #toks == 1 then set[toks[1]] = true; list[1] = toks[1] end
  return set, list
end

local function cut(s, w)
  local out = {}
  for x in s:gmatch("%S+") do
    if #out >= w then break end
    out[#out + 1] = x
  end
  return table.concat(out, " ")
end

-- Prepare each topic: its document after clean + split, features and labels.
for _, t in ipairs(topics) do
  t.rtoks, t.rsets = {}, {}
  local total = 0
  for i, r in ipairs(t.refs) do
    t.rtoks[i] = rouge.tokens(r)
    t.rsets[i] = bigrams(t.rtoks[i])
    local n = 0
    for _ in r:gmatch("%S+") do n = n + 1 end
    total = total + n
  end
  t.budget = math.floor(total / #t.refs + 0.5)
  local doc = { id = "Topic" .. t.n, text = t.text, meta = {} }
  for _, p in ipairs(pre) do p.st.run(doc, p.opts, p.ctx) end
  t.doc = doc
  local c = ctx("summarize")
  c.weights = {} -- features only: the shipped weights file is not read (it may be stale)
  c.collect = function(feats, _, us, ue)
    t.X, t.y = feats, {}
    for i = 1, #feats do
      local _, list = bigrams(rouge.tokens(t.text:sub(us[i], ue[i])))
      local lab = 0
      for _, set in ipairs(t.rsets) do
        local hit = 0
        for _, b in ipairs(list) do if set[b] then hit = hit + 1 end end
        lab = lab + (#list > 0 and hit / #list or 0)
      end
      t.y[i] = (lab / #t.rsets) ^ 2
    end
  end
  summ.summarize_docs({ doc }, schema.fill({ method = "learned", words = t.budget }, summ.options), c)
end

-- Ridge regression on the rows of the given topics: weights by feature name.
local function fit(set, LEARN)
  local d = #FEATURES
  local A, b = {}, {}
  for i = 1, d do A[i] = {}; b[i] = 0; for j = 1, d do A[i][j] = 0 end end
  for _, t in ipairs(set) do
    for r = 1, #(t.X or {}) do
      local x, y = {}, t.y[r]
      for i, name in ipairs(FEATURES) do x[i] = LEARN[name] and t.X[r][i] or 0 end
      for i = 1, d do
        b[i] = b[i] + x[i] * y
        for j = 1, d do A[i][j] = A[i][j] + x[i] * x[j] end
      end
    end
  end
  for i = 2, d do A[i][i] = A[i][i] + RIDGE end -- the bias is not shrunk
  -- (a feature not learned has an all-zero column: its weight solves to 0)
  for col = 1, d do -- Gaussian elimination with partial pivoting
    local piv = col
    for r = col + 1, d do if math.abs(A[r][col]) > math.abs(A[piv][col]) then piv = r end end
    A[col], A[piv] = A[piv], A[col]
    b[col], b[piv] = b[piv], b[col]
    for r = col + 1, d do
      local f = A[r][col] / A[col][col]
      for j = col, d do A[r][j] = A[r][j] - f * A[col][j] end
      b[r] = b[r] - f * b[col]
    end
  end
  local w = {}
  for i = d, 1, -1 do
    local sum = b[i]
    for j = i + 1, d do sum = sum - A[i][j] * w[j] end
    w[i] = sum / A[i][i]
  end
  local named = {}
  for i, name in ipairs(FEATURES) do named[name] = w[i] end
  return named
end

local function write_weights(path, w, note)
  local fh = assert(io.open(path, "wb"))
  fh:write("# naskh summarize: weights of the learned sentence scorer (feature<TAB>weight).\n")
  fh:write("# Written by `make summary-weights` (tests/eval/train_summary.lua) from EASC;\n")
  fh:write("# features: scripts/naskh/stages/summarize.lua (FEATURES, features_of).\n")
  if note then fh:write("# ", note, "\n") end
  for _, name in ipairs(FEATURES) do fh:write(string.format("%s\t%.6f\n", name, w[name])) end
  fh:close()
end

-- Summaries of a set of topics with weights w (through the stage, as the CLI does).
local function summarize_with(w, t)
  local opts = schema.fill({ words = t.budget }, summ.options)
  local c = ctx("summarize")
  c.weights = w
  local s = summ.summarize_docs({ t.doc }, opts, c)
  return render.plain_summary(s)
end

local fillsum = 0
local function score(text, t)
  local c = cut(text, t.budget)
  local nw = 0
  for _ in c:gmatch("%S+") do nw = nw + 1 end
  fillsum = fillsum + nw / t.budget
  local r = rouge.score(rouge.tokens(c), t.rtoks)
  return r["1"].f, r["2"].f
end

-- Folds by topic: topic k of the set (1-based) goes to fold (k - 1) % K.
local function folds(set)
  local out = {}
  for f = 0, K - 1 do
    local train, test = {}, {}
    for k, t in ipairs(set) do
      if (k - 1) % K == f then test[#test + 1] = t else train[#train + 1] = t end
    end
    out[#out + 1] = { train = train, test = test }
  end
  return out
end

-- Cross-validated R-1 + R-2 of the feature set `learn` over the topics of set.
local function cv_value(set, learn)
  local v = 0
  for _, fd in ipairs(folds(set)) do
    local w = fit(fd.train, learn)
    for _, t in ipairs(fd.test) do
      local c = cut(summarize_with(w, t), t.budget)
      local r = rouge.score(rouge.tokens(c), t.rtoks)
      v = v + r["1"].f + r["2"].f
    end
  end
  return v / #set
end

-- Greedy backward elimination on the topics of set; returns the feature set.
local function select_features(set)
  local learn = {}
  for _, name in ipairs(FEATURES) do learn[name] = true end
  local best = cv_value(set, learn)
  while true do
    local drop, drop_v
    for _, name in ipairs(FEATURES) do
      if learn[name] and name ~= "bias" then
        learn[name] = nil
        local v = cv_value(set, learn)
        learn[name] = true
        if v > best + 1e-9 and (not drop or v > drop_v) then drop, drop_v = name, v end
      end
    end
    if not drop then return learn end
    learn[drop], best = nil, drop_v
  end
end

local function names(learn)
  local out = {}
  for _, name in ipairs(FEATURES) do if learn[name] then out[#out + 1] = name end end
  return table.concat(out, " ")
end

-- The CLI as a user runs it (`naskh summarize --words W --format plain FILE`, no flags but
-- the fold's weights), when NASKH names the binary: the same held-out figure, end to end.
local bin = os.getenv("NASKH")
local wtmp = bin and os.tmpname()
local function cli_summary(t)
  local p = assert(io.popen(string.format("'%s' summarize --words %d --weights '%s' --format plain '%s' 2>/dev/null",
    bin, t.budget, wtmp, t.path)))
  local out = p:read("a")
  p:close()
  return out
end

local sums = { naskh = { 0, 0 }, cli = { 0, 0 }, leadw = { 0, 0 }, leadfill = { 0, 0 } }
local function add(k, a, b) sums[k][1] = sums[k][1] + a; sums[k][2] = sums[k][2] + b end
local per_topic = {}
for f, fd in ipairs(folds(topics)) do
  local learn = select_features(fd.train)
  print(string.format("  fold %d features: %s", f, names(learn)))
  local w = fit(fd.train, learn)
  if bin then write_weights(wtmp, w) end
  for _, t in ipairs(fd.test) do
    local n1, n2 = score(summarize_with(w, t), t)
    local l1, l2 = score(t.text, t)
    add("naskh", n1, n2)
    add("leadw", l1, l2)
    local d = { n = t.n, d1 = n1 - l1, d2 = n2 - l2 }
    if bin then
      local c1, c2 = score(cli_summary(t), t)
      add("cli", c1, c2)
      d.c1, d.c2 = c1 - l1, c2 - l2
    end
    per_topic[#per_topic + 1] = d
    -- budget-filling Lead: the document's sentences in order, each one that still fits
    local outp, used = {}, 0
    for _, sp in ipairs(t.doc.sentences) do
      local s = t.text:sub(sp.s, sp.e)
      local n = 0
      for _ in s:gmatch("%S+") do n = n + 1 end
      if used + n <= t.budget then outp[#outp + 1] = s; used = used + n end
    end
    add("leadfill", score(table.concat(outp, " "), t))
  end
end
if wtmp then os.remove(wtmp) end
local n = #topics

-- Paired comparison with Lead-W, topic by topic (the topic is the unit: its ROUGE
-- difference): wins / losses / ties, the mean difference with its standard error,
-- and a two-sided sign test (ties left out) -- is the gain more than noise?
local function binom_two_sided(k, m) -- P(X <= min(k, m-k)) * 2, X ~ Binomial(m, 1/2)
  local lo = math.min(k, m - k)
  local p, c = 0, 1
  for i = 0, lo do
    if i > 0 then c = c * (m - i + 1) / i end
    p = p + c
  end
  return math.min(1, 2 * p / 2 ^ m)
end
local function paired(key)
  local w, l, sum, sq, m = 0, 0, 0, 0, 0
  for _, d in ipairs(per_topic) do
    local x = d[key]
    if x then
      m = m + 1
      sum, sq = sum + x, sq + x * x
      if x > 1e-9 then w = w + 1 elseif x < -1e-9 then l = l + 1 end
    end
  end
  if m < 2 then return nil end
  local mean = sum / m
  local se = math.sqrt(math.max(sq / m - mean * mean, 0) * m / (m - 1) / m)
  return string.format("%2d / %2d / %2d   %+8.4f   %.4f   %.4f", w, l, m - w - l, mean, se,
    binom_two_sided(w, w + l))
end

print(string.format("EASC %d topics, nested %d-fold cross-validation by topic (features chosen and "
  .. "weights fit inside each fold; output cut at W words)", n, K))
print(string.format("%-44s %8s %8s", "system", "R-1 F1", "R-2 F1"))
print(string.format("%-44s %8.4f %8.4f", "naskh learned (held-out folds)", sums.naskh[1] / n, sums.naskh[2] / n))
if bin then
  print(string.format("%-44s %8.4f %8.4f", "naskh summarize CLI, fold weights (held out)",
    sums.cli[1] / n, sums.cli[2] / n))
end
print(string.format("%-44s %8.4f %8.4f", "Lead-W", sums.leadw[1] / n, sums.leadw[2] / n))
print(string.format("%-44s %8.4f %8.4f", "Lead, budget-filling", sums.leadfill[1] / n, sums.leadfill[2] / n))
print("paired with Lead-W, per topic: above / below / equal, mean difference, its standard error, sign test p")
print("R-1, stage: " .. paired("d1"))
print("R-2, stage: " .. paired("d2"))
if bin then
  print("R-1, CLI:   " .. paired("c1"))
  print("R-2, CLI:   " .. paired("c2"))
end
print(string.format("mean fill (words / W, all systems): %.3f", fillsum / ((bin and 4 or 3) * n)))
local learn_all = select_features(topics)
print("features (selection on all topics): " .. names(learn_all))
local w = fit(topics, learn_all)
for _, name in ipairs(FEATURES) do print(string.format("  %-18s %9.4f", name, w[name])) end
if out_path then
  write_weights(out_path, w, string.format("%d EASC topics; nested %d-fold CV: R-1 %.4f R-2 %.4f (Lead-W %.4f %.4f)",
    n, K, sums.naskh[1] / n, sums.naskh[2] / n, sums.leadw[1] / n, sums.leadw[2] / n))
  print("wrote " .. out_path)
end
