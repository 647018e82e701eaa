-- Issue 18 item 3 and the event search in C: ss:support against the cosines
-- it stands for; ss:add_from gives the same vectors as ss:add; outliers
-- offers its sentence vectors and summarize takes them only while valid.
local t = require "t"
local naskh = require "naskh"
local textsim = require "naskh.text.textsim"
local registry = require "naskh.engine.registry"
local schema = require "naskh.engine.schema"
local recipe = require "naskh.engine.recipe"

local A = { "التقى الرئيس الروسي نظيره السوري في مدينة سوتشي مساء الاثنين لبحث التسوية.",
  "وقال الرئيس الروسي إن العملية العسكرية في سوريا تقترب من نهايتها.",
  "وتعقد قمة ثلاثية في سوتشي يوم الأربعاء بين روسيا وإيران وتركيا." }
local B = { "استقبل الرئيس الروسي الرئيس السوري في سوتشي مساء الاثنين في زيارة لم يعلن عنها.",
  "وبحث الرئيسان التسوية السياسية في سوريا بعد هزيمة تنظيم الدولة.",
  "وأعلن الكرملين أن القمة الثلاثية ستعقد الأربعاء في سوتشي." }
local C = { "ارتفعت أسعار النفط في الأسواق العالمية مساء الاثنين بعد قرار أوبك.",
  "وتوقع المحللون أن تستمر الأسعار في الارتفاع خلال الأسابيع المقبلة." }

local v = naskh.vocab({})
local ss = v:simset()
local docn = {}
for d, list in ipairs({ A, B, C }) do
  for _, s in ipairs(list) do ss:add(s, nil, nil, d); docn[#docn + 1] = d end
end
ss:prepare("set")
local n = ss:size()

t.test("ss:support is the sum over the other documents of the best cosine with their early sentences", function()
  local cand, early = {}, {}
  for i = 1, n do cand[i] = i % 2 == 1; early[i] = i ~= 5 end
  local sup = ss:support(cand, early)
  for i = 1, n do
    local want = 0
    if cand[i] then
      local per = {}
      for j = 1, n do
        if early[j] and docn[j] ~= docn[i] then
          local c = ss:cosine(i, j)
          if c > (per[docn[j]] or 0) then per[docn[j]] = c end
        end
      end
      for d = 1, 3 do want = want + (per[d] or 0) end
    end
    t.ok(math.abs(sup[i] - want) < 1e-12, "support of sentence " .. i,
      string.format("%.15g vs %.15g", sup[i], want))
  end
  t.ok(sup[1] > 0, "the event sentence of A has support in B")
end)

t.test("ss:add_from copies a sentence's vector (same cosines as adding its text)", function()
  local ss2, ss3 = v:simset(), v:simset()
  for i = n, 1, -1 do ss2:add_from(ss, i, docn[i]) end
  local flat = {}
  for _, list in ipairs({ A, B, C }) do for _, s in ipairs(list) do flat[#flat + 1] = s end end
  for i = n, 1, -1 do ss3:add(flat[i], nil, nil, docn[i]) end
  ss2:prepare("set"); ss3:prepare("set")
  for i = 1, n do
    local w2, c2, t2, d2 = ss2:info(i)
    local w3, c3, t3, d3 = ss3:info(i)
    t.ok(w2 == w3 and c2 == c3 and t2 == t3 and d2 == d3, "info of copied sentence " .. i)
    for j = 1, n do
      if ss2:cosine(i, j) ~= ss3:cosine(i, j) then t.ok(false, "cosine " .. i .. "," .. j) end
    end
  end
  t.ok(ss2:vocab() == v, "ss:vocab() is the set's vocabulary")
  local other = naskh.vocab({}):simset()
  t.ok(not pcall(other.add_from, other, ss, 1), "add_from refuses a set over another vocabulary")
  t.ok(not pcall(ss2.add_from, ss2, ss, n + 1), "add_from refuses an index out of range")
end)

t.test("outliers offers its vectors; summarize takes them while they are valid", function()
  local function ctx(name)
    local c = { naskh = naskh, cache = {}, home = t.root, stage = name }
    function c.resolve(_, p) return recipe.resolve(".", t.root, p) end
    function c.warn() end
    return c
  end
  local docs = {}
  for d, list in ipairs({ A, B, A }) do
    docs[d] = { id = "d" .. d, meta = {}, text = table.concat(list, " ") }
  end
  local out = registry.get("outliers")
  local octx = ctx("outliers")
  out.run({ docs = docs }, schema.fill({}, out.options), octx)
  local vocab = textsim.vocab(ctx("summarize"), schema.fill({}, registry.get("summarize").options))
  local src, first, spans = textsim.offered(docs[2], vocab)
  t.ok(src ~= nil and first == 4 and #spans == 2 * #docs[2].sentences,
    "an offer for the second article (its sentences from 4)")
  -- the summary is the same with and without the offer
  local summ = registry.get("summarize")
  local opts = schema.fill({ words = 40 }, summ.options)
  local with = summ.summarize_docs(docs, opts, ctx("summarize"))
  textsim.renew(octx.cache.simset) -- the next cluster: every offer is void
  t.ok(textsim.offered(docs[2], vocab) == nil, "an offer is void once the set is renewed")
  local without = summ.summarize_docs(docs, opts, ctx("summarize"))
  t.eq(#with.sentences, #without.sentences, "same number of summary sentences")
  for i = 1, #with.sentences do
    t.eq(with.sentences[i].text, without.sentences[i].text, "summary sentence " .. i)
    t.eq(with.sentences[i].score, without.sentences[i].score, "score of summary sentence " .. i)
  end
end)
t.test("naskh._years finds what the frontier pattern finds", function()
  local function want(text, s, e)
    local ys = {}
    for y in text:sub(s, e):gmatch("%f[%d]([12][09]%d%d)%f[%D]") do ys[#ys + 1] = tonumber(y) end
    return ys
  end
  local cases = { "", "2017", "في 2017 و1999.", "12017 20171 2017x x1917", "1015 2999 3017 2117 1899",
    "٢٠١٧ 2017", "عام2015وبعده 2016-2017", "2017.5 10.2019 2019/11/20", "1x2017", "a2009b" }
  -- and random strings of digits, letters and separators
  local alphabet = { "1", "2", "0", "9", "7", " ", ".", "a", "85" }
  local seed = 7
  for _ = 1, 300 do
    local parts = {}
    for k = 1, 1 + seed % 23 do
      seed = (seed * 1103515245 + 12345) % 2147483648
      parts[k] = alphabet[1 + (seed >> 16) % #alphabet]
    end
    cases[#cases + 1] = table.concat(parts)
  end
  for _, text in ipairs(cases) do
    for s = 1, math.min(#text, 3) + 1 do
      local e = #text - (s - 1)
      if e >= s - 1 then
        local got, w = naskh._years(text, s, e), want(text, s, e)
        t.eq(table.concat(got, ","), table.concat(w, ","), ("years of %q:sub(%d, %d)"):format(text, s, e))
      end
    end
  end
end)
t.test("ss:shared_terms gives v:shared_terms of the documents' text, bit for bit", function()
  local docs = { A, B, C, { "" }, A }
  local texts, set, pieces = {}, v:simset(), {}
  for d, list in ipairs(docs) do
    texts[d] = table.concat(list, " ")
    -- the last sentence of B is not in the set: it comes as a piece of text
    for k, s in ipairs(list) do
      if d == 2 and k == #list then pieces[#pieces + 1] = { d, texts[d], #texts[d] - #s + 1, #texts[d] }
      elseif s ~= "" then set:add(s, nil, nil, d) end
    end
  end
  local want, got = v:shared_terms(texts), set:shared_terms(#docs, pieces)
  t.eq(#got, #docs, "one figure per document")
  for d = 1, #docs do
    t.ok(got[d] == want[d], "document " .. d, string.format("%.17g vs %.17g", got[d], want[d]))
  end
  t.ok(got[1] > 0 and got[4] == 0, "shared terms for A, none for the empty document")
  -- without the piece, B loses the terms of its last sentence
  local less = set:shared_terms(#docs)
  t.ok(less[2] ~= want[2], "the pieces count")
  t.ok(not pcall(set.shared_terms, set, 2, { { 3, "x", 1, 1 } }), "a piece of a document out of range is refused")
end)
t.test("textsim.outside: the kept text outside the kept sentences", function()
  local text = "One two. Three four\nFive six. Seven."
  --            1234567890123456789 0123456789012345
  local doc = { text = text, clean_spans = { { s = 1, e = 19 }, { s = 21, e = 36 } } }
  local kept = { 1, 8, 31, 36 } -- "Three four" and "Five six." are not sentences here
  local out = textsim.outside(doc, kept, 7, {})
  t.eq(#out, 2, "two pieces")
  t.eq(text:sub(out[1][3], out[1][4]), " Three four", "the rest of the first kept span")
  t.eq(text:sub(out[2][3], out[2][4]), "Five six. ", "the start of the second")
  t.ok(out[1][1] == 7 and out[1][2] == text, "pieces carry the document number and text")
  t.eq(#textsim.outside({ text = "A b. C d." }, { 1, 4, 6, 9 }, 1, {}), 0,
    "nothing outside sentences that cover the text")
end)
t.test("outliers: the medians of the others from one sorted copy are each median computed apart", function()
  local medians = require("naskh.stages.outliers").medians_of_others
  local function median(xs)
    table.sort(xs)
    local k = #xs
    if k % 2 == 1 then return xs[(k + 1) // 2] end
    return (xs[k // 2] + xs[k // 2 + 1]) / 2
  end
  local seed, bad = 5, 0
  for _ = 1, 200 do
    local x = {}
    seed = (seed * 1103515245 + 12345) % 2147483648
    for i = 1, 2 + (seed >> 16) % 12 do
      seed = (seed * 1103515245 + 12345) % 2147483648
      x[i] = ((seed >> 16) % 7) / 4 -- repeated values too
    end
    local got = medians(x)
    for i = 1, #x do
      local others = {}
      for j = 1, #x do if j ~= i then others[#others + 1] = x[j] end end
      if got[i] ~= median(others) then bad = bad + 1 end
    end
  end
  t.eq(bad, 0, "every value of 200 random lists")
end)
t.test("textsim.outside (in C) gives the pieces a find per sentence gives, on random cuts", function()
  -- the Lua loop it replaced, as the reference
  local function reference(text, kept, flat, docno)
    local out, k = {}, 1
    for _, p in ipairs(kept) do
      local pos = p.s
      while flat[k] and flat[k] <= p.e do
        local s, e = flat[k], flat[k + 1]
        if s > pos then
          local q = text:find("%S", pos)
          if q and q < s then out[#out + 1] = { docno, text, pos, s - 1 } end
        end
        if e + 1 > pos then pos = e + 1 end
        k = k + 2
      end
      if pos <= p.e then
        local q = text:find("%S", pos)
        if q and q <= p.e then out[#out + 1] = { docno, text, pos, p.e } end
      end
    end
    return out
  end
  local function show(list)
    local parts = {}
    for _, x in ipairs(list) do parts[#parts + 1] = table.concat({ x[1], x[3], x[4] }, ":") end
    return table.concat(parts, " ")
  end
  local seed, bad, cases = 11, 0, 0
  local function rnd(n)
    seed = (seed * 1103515245 + 12345) % 2147483648
    return (seed >> 16) % n
  end
  local alphabet = { "a", "ب", " ", "\n", ".", "\t" }
  for _ = 1, 300 do
    local parts = {}
    for k = 1, 1 + rnd(30) do parts[k] = alphabet[1 + rnd(#alphabet)] end
    local text = table.concat(parts)
    -- kept spans and sentences: sorted, disjoint cuts of 1..#text
    local kept, flat, pos = {}, {}, 1
    while pos <= #text do
      local e = math.min(#text, pos + rnd(8))
      if rnd(3) > 0 then kept[#kept + 1] = { s = pos, e = e } end
      pos = e + 1 + rnd(3)
    end
    pos = 1
    while pos <= #text do
      local e = math.min(#text, pos + rnd(5))
      if rnd(2) > 0 then flat[#flat + 1] = pos; flat[#flat + 1] = e end
      pos = e + 1 + rnd(2)
    end
    local doc = { text = text, clean_spans = kept }
    local got, want = textsim.outside(doc, flat, 3, {}), reference(text, kept, flat, 3)
    cases = cases + 1
    if show(got) ~= show(want) then
      bad = bad + 1
      t.eq(show(got), show(want), ("pieces of %q"):format(text))
    end
  end
  t.eq(bad, 0, "the same pieces in " .. cases .. " random cases")
  t.ok(not pcall(naskh._outside, "ab", { { s = 1, e = 3 } }, {}, 1, {}), "a kept span beyond the text is refused")
end)
t.test("ss:add_kept adds the sentences kept_sentences gives, as ss:add would", function()
  local text = table.concat(A, " ") .. "\nصورة من الأرشيف\n" .. table.concat(B, " ")
  local doc = { text = text, sentences = naskh.sentences(text) }
  local cap = text:find("صورة", 1, true)
  doc.dropped = { { s = cap, e = cap + #"صورة من الأرشيف" - 1, reason = "caption" } }
  local kept = textsim.kept_sentences(doc)
  t.ok(#kept < #doc.sentences and #kept > 2, "something is dropped, something kept")
  local one, two = v:simset(), v:simset()
  one:add("x y z", nil, nil, 9)
  two:add("x y z", nil, nil, 9)
  for _, sp in ipairs(kept) do one:add(text, sp.s, sp.e, 3) end
  local first, flat = textsim.add_kept(two, doc, 3)
  t.eq(first, 2, "the first added sentence's index")
  t.eq(#flat, 2 * #kept, "one span per kept sentence")
  for k, sp in ipairs(kept) do
    t.ok(flat[2 * k - 1] == sp.s and flat[2 * k] == sp.e, "span " .. k)
  end
  one:prepare("set"); two:prepare("set")
  t.eq(one:size(), two:size(), "same size")
  for i = 1, one:size() do
    local a, b = { one:info(i) }, { two:info(i) }
    t.ok(table.concat(a, ",") == table.concat(b, ","), "info of sentence " .. i)
    for j = 1, one:size() do
      if one:cosine(i, j) ~= two:cosine(i, j) then t.ok(false, "cosine " .. i .. "," .. j) end
    end
  end
  local f2, none = two:add_kept(text, {}, 4)
  t.ok(f2 == two:size() + 1 and #none == 0, "nothing to add: size + 1 and no spans")
  t.ok(not pcall(two.add_kept, two, text, { { s = 1, e = #text + 1 } }, 1), "a span beyond the text is refused")
end)
t.test("without a sentence list, ss:add_kept and ss:add_split split in C: the same sentences and vectors", function()
  local text = table.concat(A, " ") .. "\nصورة من الأرشيف\n" .. table.concat(B, "\n\n")
  local cap = text:find("صورة", 1, true)
  local dropped = { { s = cap, e = cap + #"صورة من الأرشيف" - 1, reason = "caption" } }
  local listed = { text = text, sentences = naskh.sentences(text), dropped = dropped }
  local lean = { text = text, dropped = dropped }
  local one, two, three = v:simset(), v:simset(), v:simset()
  local f1, flat1 = textsim.add_kept(one, listed, 2)
  local f2, flat2 = textsim.add_kept(two, lean, 2, true)
  t.eq(lean.sentences, nil, "lean: nothing stored on the document")
  t.eq(f1, f2, "the same first index")
  t.eq(table.concat(flat1, ","), table.concat(flat2, ","), "the same kept spans")
  t.ok(#flat1 >= 8 and #flat1 < 2 * #listed.sentences, "some sentences kept, the caption dropped")
  -- add_split with the dropped spans: the same sentences, positions among the kept
  local u_dn, u_s, u_e, u_pos, u_c = {}, {}, {}, {}, {}
  local n3 = three:add_split(text, 2, u_dn, u_s, u_e, u_pos, u_c, 0, dropped)
  t.eq(n3, #flat1 // 2, "add_split: as many sentences")
  for k = 1, n3 do
    t.ok(u_s[k] == flat1[2 * k - 1] and u_e[k] == flat1[2 * k] and u_pos[k] == k and u_dn[k] == 2,
      "add_split: span and position " .. k)
    local last = text:sub(u_e[k], u_e[k])
    t.eq(u_c[k], last == "." or last == "»", "add_split: ending " .. k)
  end
  -- add_doc over the flat spans: the sentences of the list, from the offering set
  local four = v:simset()
  local a_dn, a_s, a_e, a_k, a_pos = {}, {}, {}, {}, {}
  local n4, pos4, ws = four:add_doc(text, flat2, 2, nil, two, f2, flat2, a_dn, a_s, a_e, a_k, a_pos, 0, 0)
  t.ok(n4 == n3 and pos4 == n3 and ws == 1, "add_doc: a flat list, every sentence from the offer")
  t.eq(table.concat(a_s, ","), table.concat(u_s, ","), "add_doc: the same spans")
  for _, x in ipairs({ one, two, three, four }) do x:prepare("set") end
  for i = 1, n3 do
    for j = 1, n3 do
      local c = one:cosine(i, j)
      if two:cosine(i, j) ~= c or three:cosine(i, j) ~= c or four:cosine(i, j) ~= c then
        t.ok(false, "cosine " .. i .. "," .. j)
      end
    end
  end
  t.ok(not pcall(four.add_doc, four, text, { 1, 2, 3 }, 1, nil, nil, nil, nil, {}, {}, {}, {}, {}, 0, 0),
    "a flat list of odd length is refused")
end)
t.done()
