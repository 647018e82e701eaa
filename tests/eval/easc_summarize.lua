-- tests/eval/easc_summarize.lua: EASC single-document summarization (run by
-- eval_summarize.sh through `naskh script`). For each topic: budget W = mean
-- reference length in words; ROUGE-1/2 F1 (both sides normalized) of naskh's
-- methods beside Lead (leading whole sentences that fit in W words), a
-- budget-filling Lead (each sentence in order that still fits) and Lead-W
-- (the first W words), macro-averaged over topics. Every output is cut at W
-- white-space words before scoring (the budget honoured for every system).
-- The first naskh row is the CLI as a user runs it on the raw file, no flags:
-- `naskh summarize --words W --format plain FILE`.
-- usage: naskh script easc_summarize.lua EASC_DIR [IDF_FILE]
local naskh = require "naskh"
local rouge = require "naskh.text.rouge"
local schema = require "naskh.engine.schema"
local registry = require "naskh.engine.registry"
local recipe = require "naskh.engine.recipe"
local render = require "naskh.io.render"
local textsim = require "naskh.text.textsim"

local dir, idf_file = arg[1], arg[2]
assert(dir, "usage: easc_summarize.lua EASC_DIR [IDF_FILE]")
local home = os.getenv("NASKH_ROOT") or "."

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

-- Reference tokens and budgets (mean reference length in whitespace words).
-- EASC articles are often hard-wrapped: the splitter's layout pass reads their
-- soft line ends as spaces, for Lead and naskh alike (no option).
for _, t in ipairs(topics) do
  t.sentences = naskh.sentences(t.text)
  t.rtoks = {}
  local total = 0
  for i, r in ipairs(t.refs) do
    t.rtoks[i] = rouge.tokens(r)
    local n = 0
    for _ in r:gmatch("%S+") do n = n + 1 end
    total = total + n
  end
  t.budget = math.floor(total / #t.refs + 0.5)
end

local st = registry.get("summarize")
local function ctx()
  local c = { naskh = naskh, cache = {}, home = home }
  function c.resolve(_, p) return recipe.resolve(".", home, p) end
  function c.warn() end
  return c
end

local function cut(s, w)
  local out = {}
  for x in s:gmatch("%S+") do
    if #out >= w then break end
    out[#out + 1] = x
  end
  return table.concat(out, " ")
end

local results = {}
local function add_result(name, f)
  local sum1, sum2, suml, words, toks_n = 0, 0, 0, 0, 0
  for _, t in ipairs(topics) do
    local text = cut(f(t), t.budget)
    local toks = rouge.tokens(text)
    local r = rouge.score(toks, t.rtoks)
    sum1, sum2, suml = sum1 + r["1"].f, sum2 + r["2"].f, suml + r.L.f
    toks_n = toks_n + #toks
    for _ in text:gmatch("%S+") do words = words + 1 end
  end
  local n = #topics
  results[#results + 1] = { name = name, r1 = sum1 / n, r2 = sum2 / n, rl = suml / n, words = words / n,
                            toks = toks_n / n }
end

-- Lead: leading whole sentences while they fit in W words (the same sentence
-- splitter and word count as naskh's methods).
add_result("Lead", function(t)
  local out, used = {}, 0
  for _, sp in ipairs(t.sentences) do
    local s = t.text:sub(sp.s, sp.e)
    local w = 0
    for _ in s:gmatch("%S+") do w = w + 1 end
    if used + w > t.budget then break end
    out[#out + 1] = s
    used = used + w
  end
  return table.concat(out, " ")
end)
add_result("Lead, budget-filling", function(t)
  local out, used = {}, 0
  for _, sp in ipairs(t.sentences) do
    local s = t.text:sub(sp.s, sp.e)
    local w = 0
    for _ in s:gmatch("%S+") do w = w + 1 end
    if used + w <= t.budget then
      out[#out + 1] = s
      used = used + w
    end
  end
  return table.concat(out, " ")
end)
-- Lead-W at the sentence level: every sentence in order (the splitter's
-- sentences, joined by a space), cut at W words like every output. It differs
-- from Lead-W only where the source glues two sentences ("X.Y": one white-space
-- word, two ROUGE tokens), which Lead-W counts as one word of its budget.
add_result("Lead-W by sentences (all in order, cut at W)", function(t)
  local out = {}
  for i, sp in ipairs(t.sentences) do out[i] = t.text:sub(sp.s, sp.e) end
  return table.concat(out, " ")
end)
add_result("Lead-W", function(t)
  local out = {}
  for w in t.text:gmatch("%S+") do
    if #out >= t.budget then break end
    out[#out + 1] = w
  end
  return table.concat(out, " ")
end)

local bin = os.getenv("NASKH")
if bin then
  add_result("naskh summarize (CLI, raw file, defaults)", function(t)
    local p = assert(io.popen(string.format("'%s' summarize --words %d --format plain '%s' 2>/dev/null",
      bin, t.budget, t.path)))
    local out = p:read("a")
    p:close()
    return out
  end)
end

local configs = {
  { "learned (default)", {} },
  { "lexrank", { method = "lexrank" } },
  { "lexrank, position 0", { method = "lexrank", position = 0 } },
  { "lexrank, redundancy cutoff 0.5", { method = "lexrank", redundancy = "cutoff" } },
  { "lexrank thresholded 0.1", { method = "lexrank", threshold = 0.1 } },
  { "centroid", { method = "centroid" } },
  { "textrank", { method = "textrank" } },
  { "lead (naskh: MMR, budget filled)", { method = "lead" } },
}
if os.getenv("EASC_SWEEP") then
  for _, p in ipairs({ 0, 0.25, 0.5, 1, 2 }) do
    for _, lp in ipairs({ 0, 0.3, 0.6 }) do
      for _, m in ipairs({ "lexrank", "centroid", "textrank" }) do
        configs[#configs + 1] = { string.format("%s position %.2f length_penalty %.1f", m, p, lp),
          { method = m, position = p, length_penalty = lp } }
      end
    end
  end
end
if idf_file then
  configs[#configs + 1] = { "lexrank, IDF file", { method = "lexrank", idf = idf_file } }
  configs[#configs + 1] = { "centroid, IDF file", { method = "centroid", idf = idf_file } }
end
for _, c in ipairs(configs) do
  local c_ctx = ctx()
  add_result("naskh " .. c[1], function(t)
    local raw = {}
    for k, v in pairs(c[2]) do raw[k] = v end
    raw.words = t.budget
    local opts = schema.fill(raw, st.options)
    local doc = { id = "Topic" .. t.n, text = t.text, meta = {}, sentences = t.sentences }
    local s = st.summarize_docs({ doc }, opts, c_ctx)
    return render.plain_summary(s)
  end)
end

print(string.format("EASC: %d topics (single-document), budget W = mean reference length in words, "
  .. "every output cut at W words", #topics))
print(string.format("%-52s %8s %8s %8s %7s %7s", "system", "R-1 F1", "R-2 F1", "R-L F1", "words", "tokens"))
for _, r in ipairs(results) do
  print(string.format("%-52s %8.4f %8.4f %8.4f %7.1f %7.1f", r.name, r.r1, r.r2, r.rl, r.words, r.toks))
end
print("(words: white-space words after the cut at W; tokens: ROUGE tokens, both sides normalized alike)")
