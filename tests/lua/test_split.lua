-- naskh.sentences / paragraphs / tokens / stem and the split and tokens stages.
local t = require "t"
local naskh = require "naskh"

local function texts(s, spans)
  local out = {}
  for i, sp in ipairs(spans) do out[i] = s:sub(sp.s, sp.e) end
  return out
end

local news = "لقاء بوتين والأسد\nوقال د. محمد إن النمو بلغ ٣٫٥ في المئة. وأضاف: «هل ينجح الحل؟» ثم غادر.\n\nفقرة ثانية."

t.eq(texts(news, naskh.sentences(news)), {
  "لقاء بوتين والأسد",
  "وقال د. محمد إن النمو بلغ ٣٫٥ في المئة.",
  "وأضاف: «هل ينجح الحل؟»",
  "ثم غادر.",
  "فقرة ثانية.",
}, "sentences: headline, abbreviation, decimal, closing »")

local sp = naskh.sentences("أ. ب")[1]
t.eq({ sp.s, sp.e }, { 1, #"أ. ب" }, "spans are 1-based inclusive byte offsets")
t.eq(naskh.sentences(""), {}, "empty text has no sentences")

t.eq(texts("ارتفعت الأسعار؛ وتراجع الطلب.", naskh.sentences("ارتفعت الأسعار؛ وتراجع الطلب.", { semicolon = true })),
  { "ارتفعت الأسعار؛", "وتراجع الطلب." }, "semicolon option")
local wrapped = "قال الرئيس إن\nالمحادثات مفيدة."
t.eq(#naskh.sentences(wrapped, { join_lines = true }), 1, "join_lines option")
local brig = "Brig. Gen. Smith arrived. He spoke."
t.eq(#naskh.sentences(brig), 3, "unknown abbreviation ends a sentence")
t.eq(texts(brig, naskh.sentences(brig, { abbreviations = { "Brig." } })),
  { "Brig. Gen. Smith arrived.", "He spoke." }, "abbreviations option")
t.checkerr("did you mean 'semicolon'", "unknown option suggests the closest",
  naskh.sentences, "x", { semicolom = true })
t.checkerr("abbreviations", "abbreviations must be strings", naskh.sentences, "x", { abbreviations = { 1, {} } })
t.checkerr("abbreviations", "abbreviations must be a list", naskh.sentences, "x", { abbreviations = "د" })

local paras = "عنوان\n\nالفقرة الأولى.\nسطرها الثاني.\n \n\nالفقرة الثانية."
t.eq(texts(paras, naskh.paragraphs(paras)), { "عنوان", "الفقرة الأولى.\nسطرها الثاني.", "الفقرة الثانية." },
  "paragraphs split at blank lines")
t.eq(#naskh.paragraphs(paras, { lines = true }), 4, "paragraphs lines option")

local s = "وبالأمس قال 2017م: ٣٫٥%"
local toks = naskh.tokens(s)
local got = {}
for i, tk in ipairs(toks) do got[i] = tk.class .. ":" .. s:sub(tk.s, tk.e) end
t.eq(got, { "arabic:وبالأمس", "arabic:قال", "number:2017", "arabic:م", "punct::", "number:٣٫٥", "punct:%" },
  "tokens with classes; digits glued to letters split")
t.eq(#naskh.tokens(s, { punct = false }), 5, "punct = false drops punctuation")
local seg = naskh.tokens("وبالأمس كتابهم", { clitics = true })
local pieces = {}
for _, p in ipairs(seg[1].pieces) do pieces[#pieces + 1] = p.kind .. ":" .. ("وبالأمس كتابهم"):sub(p.s, p.e) end
t.eq(pieces, { "proclitic:و", "proclitic:ب", "proclitic:ال", "stem:أمس" }, "clitic pieces are spans")
t.eq(#seg[2].pieces, 2, "enclitic piece")
t.ok(naskh.tokens("x")[1].pieces == nil, "no pieces without clitics")
t.checkerr("did you mean 'clitics'", "tokens checks options", naskh.tokens, "x", { clitcs = true })

t.eq(naskh.stem("والمعلمون"), "معلم", "stem strips article and suffix")
t.eq(naskh.stem("بالمدارس السورية"), "مدارس سور", "stem of a phrase stems each word")
t.eq(naskh.stem(""), "", "stem of empty")

-- The stages, run as the pipeline runs them.
local split = require "naskh.stages.split"
local tokens = require "naskh.stages.tokens"
local function ctx() return { naskh = naskh, cache = {}, resolve = function(_, p) return p end } end
t.test("split stage sets sentences and paragraphs", function()
  local doc = { id = "1", text = news }
  split.run(doc, { semicolon = false, join_lines = false, paragraphs = "blank", abbreviations = {} }, ctx())
  assert(#doc.sentences == 5, "sentences " .. #doc.sentences)
  assert(#doc.paragraphs == 2, "paragraphs " .. #doc.paragraphs)
  assert(doc.text == news, "text unchanged")
end)
t.test("split stage reads an abbreviations file once", function()
  local path = os.tmpname()
  local fh = assert(io.open(path, "w"))
  fh:write("# extra\nBrig.\n\n")
  fh:close()
  local c = ctx()
  local doc = { text = brig }
  local opts = { paragraphs = "blank", abbreviations = {}, abbreviations_file = path }
  split.run(doc, opts, c)
  os.remove(path)
  assert(#doc.sentences == 2, "sentences " .. #doc.sentences)
  split.run(doc, opts, c) -- cached: the file is gone
  assert(#doc.sentences == 2)
end)
t.test("tokens stage: sentence index, pieces and stems", function()
  local doc = { text = "قال الرئيس. وغادر المدينة." }
  split.run(doc, { paragraphs = "blank", abbreviations = {} }, ctx())
  tokens.run(doc, { clitics = true, punct = true, stems = true }, ctx())
  assert(#doc.tokens == 6, "tokens " .. #doc.tokens)
  assert(doc.tokens[1].sentence == 1 and doc.tokens[4].sentence == 2, "sentence index")
  assert(doc.tokens[2].stem == "رئيس", "stem " .. tostring(doc.tokens[2].stem))
  assert(#doc.tokens[4].pieces == 2, "pieces")
end)
t.test("stage schemas have defaults and docs", function()
  for _, st in ipairs { split, tokens } do
    for k, o in pairs(st.options) do assert(o.doc and o.type, st.name .. "." .. k) end
  end
end)

t.done()
