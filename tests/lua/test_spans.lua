-- naskh.sentence_spans / paragraph_spans / token_spans: compact span arrays (naskh.Spans)
-- that give what the table-returning functions give, item by item and on demand.
local t = require "t"
local naskh = require "naskh"

local news = "لقاء بوتين والأسد\nوقال د. محمد إن النمو بلغ ٣٫٥ في المئة. وأضاف: «هل ينجح الحل؟» ثم غادر.\n\nفقرة ثانية، Putin 2024!"
local big = string.rep(news .. "\n", 300)

local a = naskh.sentence_spans(big)
t.eq(#a, #naskh.sentences(big), "#a: as many sentences as naskh.sentences")
t.eq(a:totable(), naskh.sentences(big), "totable() equals naskh.sentences")
t.eq(naskh.sentence_spans(big, { semicolon = true, join_lines = true, abbreviations = { "غادر" } }):totable(),
  naskh.sentences(big, { semicolon = true, join_lines = true, abbreviations = { "غادر" } }),
  "options as naskh.sentences")
t.eq(naskh.paragraph_spans(big):totable(), naskh.paragraphs(big), "paragraph_spans equals naskh.paragraphs")
t.eq(naskh.paragraph_spans(big, { lines = true }):totable(), naskh.paragraphs(big, { lines = true }),
  "paragraph_spans { lines = true }")

local toks = naskh.tokens(big)
local k = naskh.token_spans(big)
t.eq(k:totable(), toks, "token_spans: the spans and classes of naskh.tokens")
t.eq(naskh.token_spans(big, { punct = false }):totable(), naskh.tokens(big, { punct = false }),
  "token_spans { punct = false }")

local s, e = a:span(2)
t.eq({ s, e }, { a[2].s, a[2].e }, "a:span(i) -> s, e; a[i] -> {s=, e=}")
t.eq(a:text(2), big:sub(s, e), "a:text(i) is the span's text")
t.eq(k:class(1), toks[1].class, "a:class(i): the token's class")
t.eq(a:class(1), nil, "sentences have no class")
t.eq(a[#a + 1], nil, "a[i] past the end is nil (ipairs stops)")

local n, last = 0, nil
for i, sp in ipairs(k) do n, last = i, sp end
t.eq({ n, last.e }, { #toks, toks[#toks].e }, "ipairs walks every item")
local all = {}
for i, s2, e2 in a:spans() do all[i] = big:sub(s2, e2) end
t.eq(#all, #a, "for i, s, e in a:spans()")
t.eq(all[1], "لقاء بوتين والأسد", "the iterator's spans are 1-based inclusive")
t.ok(not pcall(a.span, a, 0), "a:span(0) is an error")
t.ok(tostring(k):find("naskh.Spans", 1, true), "tostring names naskh.Spans")
t.eq(#naskh.token_spans(""), 0, "empty text: no spans")

t.done()
