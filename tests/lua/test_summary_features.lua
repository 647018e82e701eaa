-- The learned scorer in C (ss:learned_scores) against its Lua reference
-- (summarize.features_of, which training reads): the same score, to the last
-- bit, for every sentence, and the same ending and opening tests, on the bundled
-- sample articles and on sentences made to hit the edge cases of the openings
-- (quote marks, dashes, ، and ؛ after the first word, the 81-byte window).
local t = require "t"
local naskh = require "naskh"
local registry = require "naskh.engine.registry"
local schema = require "naskh.engine.schema"
local recipe = require "naskh.engine.recipe"
local textsim = require "naskh.text.textsim"

local st = registry.get("summarize")
local ctx = { naskh = naskh, cache = {}, home = t.root }
function ctx.resolve(_, p) return recipe.resolve(".", t.root, p) end
function ctx.warn() end

local docs = {}
local samples = t.root .. "/configs/samples/"
for _, name in ipairs({ "000_86031912e7f8d5b8.txt", "001_d98b33668da296b2.txt", "002_aafd4365e1f0e15e.txt" }) do
  local fh = assert(io.open(samples .. name, "rb"))
  docs[#docs + 1] = { id = name, text = fh:read("a") }
  fh:close()
end
local long = string.rep("كلمة ", 15) -- the opening window ends inside it
docs[#docs + 1] = { id = "edges", text = table.concat({
  "وأضاف أن الحل سياسي.", "«كما أن الوضع صعب»", "كمال الدين وصل اليوم.", "- (وأضاف: لا حل.",
  "\"وأضاف، في بيان 2024، أن الأمر انتهى.", "وأضاف؛ ثم سكت", "« وقال إن ٣ جنود قتلوا.",
  "كما", "لكنه لم يحضر الاجتماع!", "وأضافت “المصادر” أن…", "(كما) قال؟",
  "وتابع " .. long .. "وأضاف.", "  ولفت إلى أن الاجتماع انتهى)",
}, "\n") }
docs[#docs + 1] = { id = "quotes", text = table.concat({
  "قال الوزير: «إن الاتفاق قريب.", "ولن نتراجع عنه.", "ونحن مستعدون» للحوار.", "وقال \"السفير",
  "إن الحل ممكن.\" ثم غادر.", "وصرح “بأن الأمر انتهى.", "ولا عودة”.", "»» خطأ في النص.", "انتهى الخبر.",
}, " ") }

docs[#docs + 1] = { id = "years", text = table.concat({
  "وقع الاتفاق في 2024 بعد مفاوضات.", "وكانت الحرب قد بدأت عام 1990 واستمرت حتى 1995.",
  "وفي 2023 عقدت جولة أولى.", "الرقم 12345 ليس سنة ولا 3024 ولا 20245.", "وحدث ذلك في 1099 و2099.",
}, " ") }

local opts = schema.fill({ method = "learned", words = 40 }, st.options)
local conn = st.connectives(ctx:resolve(opts.connectives))
local vocab = textsim.vocab(ctx, opts)
local ss = vocab:simset()
local u_dn, u_s, u_e, u_pos, doc_n, first_of = {}, {}, {}, {}, {}, {}
local n = 0
for dn, d in ipairs(docs) do
  for k, sp in ipairs(naskh.sentences(d.text)) do
    ss:add(d.text, sp.s, sp.e, dn)
    n = n + 1
    u_dn[n], u_s[n], u_e[n], u_pos[n] = dn, sp.s, sp.e, k
    if k == 1 then first_of[dn] = n end
    doc_n[dn] = k
  end
end
ss:prepare("set")
t.ok(n > 30, "enough sentences", n)

-- every feature, with weights that make each term count
local wv, need = {}, {}
for k, name in ipairs(st.FEATURES) do
  wv[k] = (k % 2 == 0 and 1 or -1) * (0.1 + k / 7)
  need[name] = true
end
local rows = st.features_of(ss, docs, n, u_dn, u_s, u_e, u_pos, doc_n, first_of, ss:words(), opts, conn, need)
local memo = { complete = {}, open = {} }
local scores = st.learned_scores(ss, docs, n, u_dn, u_s, u_e, u_pos, doc_n, first_of, opts, conn, need, wv, memo)
local same, opens = 0, 0
for i = 1, n do
  local f = rows[i]
  local want = 0 + wv[1]
  for k = 2, #st.FEATURES do want = want + wv[k] * f[k] end
  if scores[i] == want then same = same + 1 else t.eq(scores[i], want, "score of sentence " .. i) end
  t.eq(memo.open[i], f[13] == 1, "opening of sentence " .. i)
  t.eq(memo.open[i], st.hangs(docs[u_dn[i]].text:sub(u_s[i], math.min(u_e[i], u_s[i] + 80)), conn),
    "opening as hangs reads it, sentence " .. i)
  t.eq(memo.complete[i], f[10] == 1, "ending of sentence " .. i)
  if memo.open[i] then opens = opens + 1 end
end
t.eq(same, n, "every score equal to the Lua sum")
t.ok(opens >= 5, "the edge sentences include openings that hang", opens)

-- which sentences hang on the one before: ss:hanging (C) against summarize.hanging (Lua)
local hang, ref = ss:hanging(docs, u_dn, u_s, u_e, conn), st.hanging(docs, n, u_dn, u_s, u_e, conn)
local agree, hangs = 0, 0
for i = 1, n do
  if (hang[i] and true or false) == (ref[i] and true or false) then agree = agree + 1
  else t.eq(hang[i], ref[i], "hanging, sentence " .. i) end
  if hang[i] then hangs = hangs + 1 end
end
t.eq(agree, n, "ss:hanging agrees with summarize.hanging on every sentence")
t.ok(hangs >= 8, "sentences inside quotations hang too", hangs)

-- background from an earlier year: ss:past (C) against summarize.past_checker (Lua)
for _, latest_doc in ipairs({ false, true }) do
  docs[1].meta = latest_doc and { date = "2030-01-02" } or nil
  local past_c = st.past_list(ss, docs, u_dn, u_s, u_e, u_pos)
  local past_l = st.past_checker(docs, n, u_dn, u_s, u_e, u_pos)
  local agree_p, npast = 0, 0
  for i = 1, n do
    if past_c(i) == past_l(i) then agree_p = agree_p + 1 else t.eq(past_c(i), past_l(i), "past, sentence " .. i) end
    if past_c(i) then npast = npast + 1 end
  end
  t.eq(agree_p, n, "ss:past agrees with past_checker on every sentence" .. (latest_doc and " (a dated article)" or ""))
  t.ok(npast >= 2, "some sentences are background", npast)
end
docs[1].meta = nil

-- only some features (the shipped weights' case): the others are 0 in the sum
local memo2 = { complete = {}, open = {} }
local part = st.learned_scores(ss, docs, n, u_dn, u_s, u_e, u_pos, doc_n, first_of, opts, conn,
  { position = true }, wv, memo2)
t.eq(memo2.complete[1], rows[1][10] == 1, "endings returned for the eligibility check, weight 0 or not")
t.eq(next(memo2.open), nil, "openings not computed when the connective feature has no weight")
t.eq(part[1], 0 + wv[1] + wv[4] * rows[1][4] + wv[5] * rows[1][5] + wv[6] * rows[1][6] + wv[8] * rows[1][8]
  + wv[9] * rows[1][9] + wv[14] * rows[1][14] + wv[15] * rows[1][15],
  "the features that need no flag still count")
-- one article's sentences into the set (ss:add_doc): those overlapping a dropped span are left
-- out, as spans.is_dropped decides, and the rest keep their numbers and positions
local spans = require "naskh.text.spans"
local d = docs[#docs]
local list = naskh.sentences(d.text)
d.dropped = { { s = list[2].s + 3, e = list[2].s + 5, reason = "t" }, { s = list[4].e, e = list[5].s, reason = "t" } }
local ss2 = vocab:simset()
local a_dn, a_s, a_e, a_k, a_pos = {}, {}, {}, {}, {}
local n2, pos2, ws = ss2:add_doc(d.text, list, 3, d.dropped, nil, nil, nil, a_dn, a_s, a_e, a_k, a_pos, 0, 0)
local want_k = {}
for k, sp in ipairs(list) do
  if not spans.is_dropped(d, sp.s, sp.e) then want_k[#want_k + 1] = k end
end
t.eq(n2, #want_k, "add_doc: the sentences not dropped")
t.eq(pos2, #want_k, "add_doc: as many positions")
t.eq(ws, 2, "add_doc: from the text, not an offering set")
t.eq(table.concat(a_k, ","), table.concat(want_k, ","), "add_doc: sentence numbers")
t.eq(a_s[1], list[1].s, "add_doc: spans")
t.eq(a_pos[#a_pos], #want_k, "add_doc: positions among the kept")
t.eq(ss2:size(), #want_k, "add_doc: one vector each")
d.dropped = nil
t.done()
