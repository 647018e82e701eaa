-- Tests of summarization: the similarity kernels (naskh.vocab / SimSet), the
-- summarize and outliers stages on the sample cluster, and naskh.text.textsim.
local t = require "t"
local naskh = require "naskh"
local pipeline = require "naskh.engine.pipeline"
local textsim = require "naskh.text.textsim"
local schema = require "naskh.engine.schema"
local registry = require "naskh.engine.registry"
local recipe = require "naskh.engine.recipe"

local root = t.root
local SAMPLES = { "000_86031912e7f8d5b8", "001_d98b33668da296b2", "002_aafd4365e1f0e15e",
                  "003_afd9ebb52b62d6f4", "004_6279182bec594ef7" }
local files = {}
for i, s in ipairs(SAMPLES) do files[i] = root .. "/configs/samples/" .. s .. ".txt" end

local function ctx()
  local c = { naskh = naskh, cache = {}, home = root }
  function c.resolve(_, p) return recipe.resolve(root, root, p) end
  function c.warn() end
  return c
end

-- ---- kernels ----
t.test("vocab: keys are normalized light stems; stopwords and one-letter words are nil", function()
  local v = naskh.vocab({ stopwords = { "في", "إن" } })
  assert(v:key("والرئيس") == "رئيس", v:key("والرئيس"))
  assert(v:key("الرئيسُ") == "رئيس")
  assert(v:key("في") == nil and v:key("إن") == nil and v:key("ان") == nil)
  assert(v:key("٢٠١٧") == "2017")
  assert(v:key("و") == nil)
  assert(v:key("وفي") == nil, "و glued to a stopword")
end)

t.test("vocab: terms skip stopwords, punctuation and و/ف glued to a stopword", function()
  local v = naskh.vocab({ stopwords = { "في", "إن" } })
  local terms = v:terms("وقال الكرملين، وفي بيانه 2017 إن «فلاديمير بوتين»")
  t.eq(terms, { "قال", "كرمل", "بيان", "2017", "فلاديمير", "بوت" }, "terms")
  local sub = v:terms("وقال الكرملين", 10, 25)
  t.eq(sub, { "كرمل" }, "terms of a span")
end)

t.test("simset: cosine, duplicates, ranks and budgeted selection", function()
  local v = naskh.vocab({ stopwords = { "في" } })
  local ss = v:simset()
  local text = "التقى بوتين الأسد في سوتشي. التقى بوتين الأسد في سوتشي أمس. " ..
               "ارتفعت أسعار النفط في الأسواق العالمية. قمة ثلاثية في سوتشي بين روسيا وإيران وتركيا."
  for _, sp in ipairs(naskh.sentences(text)) do ss:add(text, sp.s, sp.e, 1) end
  assert(ss:size() == 4)
  ss:prepare()
  assert(math.abs(ss:cosine(1, 1) - 1) < 1e-9, "self cosine")
  assert(ss:cosine(1, 2) > 0.7, "near duplicates: " .. ss:cosine(1, 2))
  assert(ss:cosine(1, 3) == 0, "unrelated")
  local rep = ss:duplicates(0.7)
  t.eq(rep, { 1, 1, 3, 4 }, "duplicate groups")
  local lr = ss:rank()
  local sum = 0
  for _, x in ipairs(lr) do sum = sum + x end
  assert(math.abs(sum - 1) < 1e-6, "lexrank sums to 1")
  assert(lr[3] < lr[1], "the unrelated sentence is less central")
  local thr = ss:rank({ threshold = 0.1 })
  assert(#thr == 4)
  local tr = ss:rank({ method = "textrank" })
  assert(#tr == 4)
  local c = ss:centroid(0)
  assert(c[1] > 0 and #c == 4)
  local words = ss:words()
  t.eq(words, { 5, 6, 6, 8 }, "word counts")
  -- budget: 12 words fits sentences 1 (5) and 3 (6) but never both 1 and its duplicate 2
  local sel = ss:select({ 1, 0.9, 0.5, 0.1 }, { words = 12, cutoff = 0.7 })
  t.eq(sel, { 1, 3 }, "selection skips the duplicate and keeps within budget")
  t.eq(ss:select({ 1, 0.9, 0.5, 0.1 }, { sentences = 1 }), { 1 }, "sentence budget")
  t.eq(ss:select({ 1, 0.9, 0.5, 0.1 }, { eligible = { false, true, true, true }, sentences = 2, cutoff = 0.7 }),
    { 2, 3 }, "eligible mask")
  local cov = ss:coverage(1)
  assert(#cov == 1 and cov[1] == 0, "one document: nothing to cover")
end)

t.test("simset: errors are clear", function()
  local v = naskh.vocab()
  local ss = v:simset()
  ss:add("نص قصير للتجربة")
  t.checkerr("call prepare()", "rank before prepare", function() ss:rank() end)
  ss:prepare()
  t.checkerr("unknown option 'bogus'", "unknown option", function() ss:rank({ bogus = 1 }) end)
  t.checkerr("unknown method 'pagerank'", "unknown method", function() ss:rank({ method = "pagerank" }) end)
  t.checkerr("index out of range", "index", function() ss:cosine(1, 2) end)
  t.checkerr("stopwords[1] must be a string", "stopwords", function() naskh.vocab({ stopwords = { 1 } }) end)
end)

-- ---- stages on the sample cluster ----
local corpus = pipeline.process({ name = "t", stages = { { clean = {} }, { split = {} }, { outliers = {} },
  { summarize = { words = 120, scores = true, position = 0.5, length_penalty = 0.3 } } } }, files, { home = root })

t.test("outliers: the 2015 article (004) is flagged with a reason, the others are not", function()
  local flagged = {}
  for _, d in ipairs(corpus.docs) do if d.outlier then flagged[#flagged + 1] = d.id end end
  t.eq(flagged, { "004_6279182bec594ef7" }, "flagged")
  local d4 = corpus.docs[5]
  assert(d4.outlier.reason:find("low similarity", 1, true), d4.outlier.reason)
  assert(d4.outlier.score > 0 and d4.outlier.score < 1)
end)

t.test("outliers: meta.date adds the dates to the reason", function()
  local docs = {}
  for i, f in ipairs(files) do
    local fh = io.open(f, "rb")
    docs[i] = { id = SAMPLES[i], text = fh:read("a"), meta = { date = i == 5 and "2015-10-21" or "2017-11-21" } }
    fh:close()
  end
  local c = pipeline.process({ name = "t", stages = { { clean = {} }, { split = {} }, { outliers = {} } } },
    docs, { home = root })
  local r = c.docs[5].outlier and c.docs[5].outlier.reason or ""
  assert(r:find("dated 2015-10-21 while the others are dated 2017-11-21", 1, true), r)
  for i = 1, 4 do assert(not c.docs[i].outlier, SAMPLES[i]) end
end)

t.test("outliers: unrelated articles (no shared facts) have no outlier", function()
  local docs = {
    { id = "a", text = "ارتفعت أسعار النفط في الأسواق العالمية اليوم بشكل كبير وملحوظ بعد قرار أوبك." },
    { id = "b", text = "فاز المنتخب الوطني لكرة القدم على منافسه بثلاثة أهداف في المباراة النهائية." },
    { id = "c", text = "أعلنت وزارة الصحة عن حملة تطعيم جديدة للأطفال في المدارس الحكومية هذا الشهر." },
  }
  local c = pipeline.process({ name = "t", stages = { { split = {} }, { outliers = {} } } }, docs, { home = root })
  for _, d in ipairs(c.docs) do assert(not d.outlier, d.id .. " flagged") end
  t.eq(#c.outliers, 3, "figures for every article")
end)

t.test("summarize: budget, provenance, no outlier, no boilerplate, no duplicates", function()
  local s = corpus.summary
  assert(s.words <= 120 and s.words >= 80, "words " .. s.words)
  assert(#s.sentences >= 3)
  t.eq(s.excluded, { { doc = "004_6279182bec594ef7", reason = corpus.docs[5].outlier.reason } }, "excluded")
  local texts = {}
  local byid = {}
  for _, d in ipairs(corpus.docs) do byid[d.id] = d end
  for _, item in ipairs(s.sentences) do
    assert(item.doc ~= "004_6279182bec594ef7", "nothing from 004")
    local d = byid[item.doc]
    assert(d.text:sub(item.s, item.e) == item.text, "span matches text")
    assert(require("naskh.text.textsim").kept_sentences(d)[item.sentence].s == item.s, "sentence number (of the kept ones)")
    assert(not require("naskh.text.spans").is_dropped(d, item.s, item.e), "not boilerplate")
    assert(#item.sources >= 1 and item.sources[1].doc)
    for _, prev in ipairs(texts) do assert(prev ~= item.text, "duplicate sentence") end
    texts[#texts + 1] = item.text
  end
  -- a cluster summary leads with the event (who met whom, where and when); the
  -- sentences after it: statements, then the rest, each group in source order
  local first = s.sentences[1].text
  assert(first:find("سوتشي", 1, true) and first:find("الاثنين", 1, true), "the event first: " .. first)
  local all = table.concat(texts, " ")
  assert(all:find("سوتشي", 1, true), "where: Sochi")
  assert(all:find("الاثنين", 1, true), "when: Monday")
  assert(all:find("قمة", 1, true), "next step: the summit")
  assert(#s.scores == s.candidates, "scores mode lists every sentence")
end)

local st = registry.get("summarize")
local function summarize(docs, raw)
  local opts = schema.fill(raw, st.options)
  return st.summarize_docs(docs, opts, ctx())
end

local function doc(id, text) return { id = id, text = text, meta = {} } end

t.test("summarize: near-duplicates across articles collapse into one with every source", function()
  local a = doc("a", "التقى الرئيس الروسي فلاديمير بوتين نظيره السوري بشار الأسد في سوتشي مساء الاثنين. "
    .. "ارتفعت أسعار النفط في الأسواق العالمية اليوم بشكل كبير وملحوظ.")
  local b = doc("b", "التقى الرئيس الروسي فلاديمير بوتين نظيره السوري بشار الأسد في سوتشي مساء الاثنين الماضي. "
    .. "وصل وفد تجاري كبير إلى العاصمة للتفاوض على عقود جديدة للطاقة.")
  local s = summarize({ a, b }, { sentences = 3, position = 0 })
  local merged
  for _, item in ipairs(s.sentences) do
    if item.text:find("سوتشي", 1, true) then merged = item end
  end
  assert(merged, "the meeting sentence is chosen")
  t.eq(#merged.sources, 2, "two sources")
  local n = 0
  for _, item in ipairs(s.sentences) do if item.text:find("سوتشي", 1, true) then n = n + 1 end end
  t.eq(n, 1, "only once")
end)

t.test("summarize: methods, budgets in sentences and characters, order by score", function()
  local d = doc("x", io.open(files[1]):read("a"))
  for _, m in ipairs({ "lead", "centroid", "lexrank", "textrank" }) do
    local s = summarize({ d }, { method = m, sentences = 2 })
    t.eq(#s.sentences, 2, m .. ": two sentences")
  end
  local lead = summarize({ d }, { method = "lead", sentences = 1 })
  t.eq(lead.sentences[1].sentence, 1, "lead takes the first sentence")
  local c = summarize({ d }, { chars = 200 })
  local n = 0
  for _, item in ipairs(c.sentences) do n = n + utf8.len(item.text) end
  assert(n <= 200 and n > 0, "chars budget " .. n)
  local by = summarize({ d }, { sentences = 3, order = "score" })
  for i, item in ipairs(by.sentences) do t.eq(item.rank, i, "score order rank " .. i) end
  local none = summarize({ doc("e", "") }, { words = 10 })
  t.eq(#none.sentences, 0, "empty document")
  local thr = summarize({ d }, { threshold = 0.1, redundancy = "cutoff", sentences = 2 })
  t.eq(#thr.sentences, 2, "thresholded LexRank with a cosine cutoff")
end)

t.test("summarize: cutoffs and redundancy auto: one article with the learned method has no hard cutoff", function()
  -- a headline (no terminator) and a caption-sized line, then sentences
  local text = "عنوان بلا نقطة في آخره عن الخطة الجديدة\n"
    .. "أعلن وزير المالية اليوم في العاصمة عن خطة جديدة لدعم الشركات الصغيرة في البلاد.\n"
    .. "وتعاني الشركات الصغيرة من ارتفاع كلفة الاقتراض منذ بداية العام الحالي.\n"
  local d = doc("h", text)
  local w = { bias = 0, inverse_position = 1 } -- a lead: the headline scores best
  local function with(raw)
    local c = ctx()
    c.weights = w
    raw.sentences = 1
    return registry.get("summarize").summarize_docs({ d }, schema.fill(raw, st.options), c)
  end
  t.eq(with({}).sentences[1].sentence, 1, "auto, one article, learned: the scorer's choice (the headline)")
  t.eq(with({ cutoffs = "always" }).sentences[1].sentence, 2, "cutoffs always: the headline is not complete")
  local lr = summarize({ d }, { method = "lexrank", sentences = 3 })
  for _, item in ipairs(lr.sentences) do assert(item.sentence ~= 1, "auto, lexrank: the cutoffs apply") end
end)

t.test("summarize: per-document summaries and markdown with citations", function()
  local c = pipeline.process({ name = "t", stages = { { split = {} },
    { summarize = { words = 40, per_document = true, cluster = false } } } }, { files[1], files[3] }, { home = root })
  assert(c.summary == nil, "no cluster summary")
  for _, d in ipairs(c.docs) do
    assert(d.summary and #d.summary.sentences >= 1, d.id)
    for _, item in ipairs(d.summary.sentences) do t.eq(item.doc, d.id, "own sentences") end
  end
  local md = require("naskh.io.render").markdown({ stage = st, opts = corpus_opts or schema.fill({}, st.options) }, corpus)
  assert(md:find("## Summary", 1, true) and md:find("\\[00", 1, true), "citations")
  assert(md:find("boilerplate", 1, true), "per-article counts mention boilerplate")
end)

t.test("textsim: IDF files", function()
  local path = os.tmpname()
  local fh = io.open(path, "wb")
  fh:write("# naskh idf 1 docs=9\nرئيس\t4\nسوتش\t1\n")
  fh:close()
  local idf, default, n = textsim.read_idf(path)
  t.eq(n, 9, "docs")
  assert(math.abs(idf["رئيس"] - (math.log(10 / 5) + 1)) < 1e-12)
  assert(default > idf["سوتش"])
  fh = io.open(path, "wb")
  fh:write("term\t3\n")
  fh:close()
  t.checkerr("not an IDF file", "bad header", textsim.read_idf, path)
  os.remove(path)
end)

t.test("_jsonl_flat: the fast path gives what lua-cjson gives, or declines", function()
  local json = require "naskh.engine.json"
  local lines = {
    '{"cluster": 3, "id": 17, "text": "قال \\"بوتين\\"\\n\\tنعم\\/لا\\\\ \\b\\f\\r"}',
    '  {"text":"a","id":"x7","cluster":"c1","other":[1,2]}  ',
    '{"text":"a","id":"x7","cluster":"c1","n":-1.5e3,"b":true,"c":false,"s":"z"}',
    '{"id": 1e2, "text": "x", "text": "last wins", "cluster": -0.25}',
    '{}', '{"text": 5}', '{"cluster": true, "text": ""}',
    '{"text":"\\u0041"}', '{"text":"x","meta":{"cluster":2}}', '{"text":"x","id":null}',
    '{"text":"x",}', '{"text":"x"} y', '{"text":"x"', '{"text":01}', '{"text":"\\q"}', '[1]', '',
    '{"te\\"xt":"x"}', '{"text":"x","id":12345678901234567890}', '{"text":"x","n":1.}', '{"a":truex}',
    '{"text":"a\\\\","id":"q"}', '{"text":"\\"x\\"\\\\\\"y"}', '{"text":"t\\\\","id":"\\\\\\\\"}',
  }
  local declined = 0
  for _, line in ipairs(lines) do
    local ok, text, id, cluster, other = naskh._jsonl_flat(line)
    local v = json.decode(line)
    if ok then
      assert(type(v) == "table", line)
      t.eq({ text, id, cluster }, { v.text, v.id, v.cluster }, line)
      t.eq({ math.type(id), math.type(cluster) }, { math.type(v.id), math.type(v.cluster) }, line)
      assert(v.meta == nil, line)
      local more = false
      for k in pairs(v) do if k ~= "text" and k ~= "id" and k ~= "cluster" then more = true end end
      t.eq(other, more, "other fields: " .. line)
    else
      declined = declined + 1
    end
  end
  t.eq(declined, 14, "declined lines")
end)

t.test("read: a flat record through the C path gives the document lua-cjson's gives", function()
  local read = require "naskh.io.read"
  local a = read.doc_from_line('{"cluster": 3, "id": 17, "text": "قال \\"نعم\\""}', "x:1")
  t.eq({ a.id, a.text, a.cluster, math.type(a.cluster), next(a.meta) }, { "17", 'قال "نعم"', 3.0, "float", nil },
    "id, text, cluster (a float, as lua-cjson reads it), empty meta")
  local b = read.doc_from_line('{"id": 1.5, "text": "x", "source": "wire", "n": [1]}', "x:2")
  t.ok(b.id == "1.5" and b.source == "wire" and b.n[1] == 1, "other fields round-trip (lua-cjson)")
  local c, err = read.doc_from_line('{"id": 2, "text": 5}', "x:3")
  t.ok(c == nil and err:find("string field", 1, true), "a text that is not a string is an error")
  local d = read.doc_from_line('{"text": "y"}', "f:9")
  t.eq(d.id, "f:9", "no id: the place")
end)

t.test("summarize: the lean path (no table per sentence) gives the same summary", function()
  local st = registry.get("summarize")
  local opts = schema.fill({ sentences = 4, outliers = "include" }, st.options)
  local function docs()
    local out = {}
    for i, f in ipairs(files) do
      local fh = assert(io.open(f, "rb"))
      out[i] = { id = SAMPLES[i], text = fh:read("a"), meta = {} }
      fh:close()
    end
    return out
  end
  local a, b = { docs = docs() }, { docs = docs() }
  st.run(a, opts, ctx())
  local c = ctx()
  c.lean = true
  st.run(b, opts, c)
  assert(a.docs[1].sentences and not b.docs[1].sentences, "lean: no doc.sentences")
  assert(#a.summary.sentences == 4)
  t.eq(b.summary, a.summary, "summary")
end)

t.test("simset: scores do not depend on what the vocabulary saw before (term ids)", function()
  local texts = {}
  for i = 1, 3 do
    local fh = assert(io.open(files[i], "rb"))
    texts[i] = fh:read("a")
    fh:close()
  end
  local function scores(warm)
    local v = naskh.vocab({ stopwords = { "في", "من" } })
    if warm then v:terms(texts[3]); v:terms(texts[2]) end -- other ids for the same keys
    local ss = v:simset()
    for d = 1, 2 do
      for _, sp in ipairs(naskh.sentences(texts[d])) do ss:add(texts[d], sp.s, sp.e, d) end
    end
    ss:prepare()
    local out = ss:rank()
    out.cos = ss:cosine(1, 2)
    return out
  end
  local a, b = scores(false), scores(true)
  local same = #a == #b and a.cos == b.cos
  for i = 1, #a do same = same and a[i] == b[i] end
  assert(same, "bit-identical scores with a fresh and a used vocabulary")
end)

t.test("vocab: shared_terms is the mean cosine of ln(N/df)-weighted term sets", function()
  local v = naskh.vocab({ stopwords = { "في", "من" } })
  local texts = {}
  for i, f in ipairs(files) do
    local fh = assert(io.open(f, "rb"))
    texts[i] = fh:read("a")
    fh:close()
  end
  texts[#texts + 1] = "" -- no terms: an empty norm
  local n = #texts
  -- the Lua it replaced (outliers.lua before it moved to C)
  local sets, df = {}, {}
  for i = 1, n do
    local set = {}
    for _, k in ipairs(v:terms(texts[i])) do set[k] = true end
    sets[i] = set
    for k in pairs(set) do df[k] = (df[k] or 0) + 1 end
  end
  local norms = {}
  for i = 1, n do
    local sq = 0
    for k in pairs(sets[i]) do sq = sq + math.log(n / df[k]) ^ 2 end
    norms[i] = math.sqrt(sq)
  end
  local got = v:shared_terms(texts)
  t.eq(#got, n, "one figure per text")
  for i = 1, n do
    local sum = 0
    for j = 1, n do
      if j ~= i and norms[i] > 0 and norms[j] > 0 then
        local dot = 0
        for k in pairs(sets[i]) do if sets[j][k] then dot = dot + math.log(n / df[k]) ^ 2 end end
        sum = sum + dot / (norms[i] * norms[j])
      end
    end
    local want = sum / (n - 1)
    assert(math.abs(got[i] - want) < 1e-12, ("text %d: %.17g, want %.17g"):format(i, got[i], want))
  end
  t.eq(got[n], 0.0, "empty text")
  t.eq(v:shared_terms({}), {}, "no texts")
end)

t.done()
