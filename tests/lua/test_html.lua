-- The HTML report writer (naskh.io.html): structure, escaping, nesting of
-- overlapping annotations, robustness to missing or odd fields, stage hooks.
-- NASKH_HTML_PREVIEW=FILE also writes the synthetic report there (to look at it).
local t = require "t"
local html = require "naskh.io.html"

local function read(path) return t.read(t.root .. "/" .. path) end

-- Every span of `needle` in text (1-based inclusive), as {s=, e=}.
local function find_all(text, needle)
  local out, pos = {}, 1
  while true do
    local s, e = text:find(needle, pos, true)
    if not s then break end
    out[#out + 1] = { s = s, e = e }
    pos = e + 1
  end
  return out
end

local function first(text, needle)
  local s, e = text:find(needle, 1, true)
  assert(s, "fixture: '" .. needle .. "' not in text")
  return { s = s, e = e }
end

-- Sentences by a plain rule (the split stage may not exist yet): end at . ! ? or a newline.
local function sentences(text)
  local out, pos = {}, 1
  while pos <= #text do
    local s = text:find("%S", pos)
    if not s then break end
    local e = text:find("[%.!؟?]+[\"»]?%s", s) or text:find("\n", s)
    if e then
      local _, stop = text:find("^[%.!؟?]*[\"»]?", e)
      e = stop >= e and stop or e - 1
    else
      e = #text
    end
    while e > s and text:sub(e, e):match("%s") do e = e - 1 end
    out[#out + 1] = { s = s, e = e }
    pos = e + 1
  end
  return out
end

local ENTS = {
  { "فلاديمير بوتين", "PERS", "person:putin", "فلاديمير بوتين" },
  { "بوتين", "PERS", "person:putin", "فلاديمير بوتين" },
  { "بشار الأسد", "PERS", "person:assad", "بشار الأسد" },
  { "الأسد", "PERS", "person:assad", "بشار الأسد" },
  { "روسيا", "LOC", "country:ru", "روسيا" },
  { "سوريا", "LOC", "country:sy", "سوريا" },
  { "سوتشي", "LOC", "city:sochi", "سوتشي" },
  { "موسكو", "LOC", "city:moscow", "موسكو" },
  { "الأمم المتحدة", "ORG", "org:un", "الأمم المتحدة" },
  { "الكرملين", "ORG", "org:kremlin", "الكرملين" },
  { "الروسي", "NORP", "country:ru", "روسيا" },
  { "السوري", "NORP", "country:sy", "سوريا" },
}

local function entities(text)
  local out, taken = {}, {}
  for _, ent in ipairs(ENTS) do
    for _, sp in ipairs(find_all(text, ent[1])) do
      local free = true
      for i = sp.s, sp.e do if taken[i] then free = false end end
      if free then
        for i = sp.s, sp.e do taken[i] = true end
        out[#out + 1] = { s = sp.s, e = sp.e, type = ent[2], id = ent[3], surface = ent[1],
                          meta = { canonical = ent[4] } }
      end
    end
  end
  table.sort(out, function(a, b) return a.s < b.s end)
  return out
end

-- A corpus shaped like the full report recipe's output, built from the samples.
local function fixture()
  local names = { "000_86031912e7f8d5b8", "001_d98b33668da296b2", "002_aafd4365e1f0e15e",
                  "003_afd9ebb52b62d6f4", "004_6279182bec594ef7" }
  local docs = {}
  for i, n in ipairs(names) do
    local text = read("configs/samples/" .. n .. ".txt")
    docs[i] = { id = n, text = text, meta = { path = "configs/samples/" .. n .. ".txt" },
                sentences = sentences(text), entities = entities(text), errors = {} }
  end
  local d0, d3, d4 = docs[1], docs[4], docs[5]
  -- a quote crossing entity boundaries (contains "الإرهاب" and nests sentences)
  local q = first(d0.text, "ما زال أمامنا طريق طويل")
  local qe = select(2, d0.text:find("في نهايتها بالفعل", q.s, true))
  d0.quotes = { { s = q.s, e = qe, verb = "قال", speaker = { id = "person:putin", type = "PERS",
                  surface = "بوتين", meta = { canonical = "فلاديمير بوتين" } } } }
  local q4 = first(d4.text, "نحن مستعدون")
  local q4e = select(2, d4.text:find("مكافحة الإرهاب", q4.s, true))
  d4.quotes = { { s = q4.s, e = q4e, speaker = "بوتين", verb = "قال", source = "الكرملين" } }
  d0.dates = { { s = first(d0.text, "الثلاثاء").s, e = first(d0.text, "الثلاثاء").e,
                 iso = "2017-11-21", how = "weekday before the article date" } }
  d4.outlier = { reason = "dates: 2015-10 vs. cluster 2017-11; similarity 0.12" }
  -- dropped boilerplate in 003: the first line and the tail after "المزيد"
  local cut = first(d3.text, "المزيد\n")
  d3.dropped = { { s = 1, e = 7, reason = "latin-only line" },
                 { s = cut.s, e = #d3.text, reason = "section marker: المزيد" } }
  d3.warnings = { { stage = "clean", message = "2 lines dropped <b>" } }
  -- a crossing pair: a date that overlaps the end of an entity
  local sp = first(docs[2].text, "لموسكو أمس")
  docs[2].dates = { { s = sp.s + 2, e = sp.e, iso = "2017-11-20" } }
  local corpus = { all = docs, docs = docs, name = "report", errors = {},
                   outliers = { { doc = d4.id, outlier = true, reason = d4.outlier.reason } } }
  local s1 = d0.sentences[1]
  local s2 = docs[3].sentences[1]
  corpus.summary = { method = "lexrank", words = 120, sentences = {
    { doc = d0.id, s = s1.s, e = s1.e, sources = { { doc = docs[3].id, s = s2.s, e = s2.e } } },
    { doc = docs[3].id, s = docs[3].sentences[2].s, e = docs[3].sentences[2].e },
    { text = "جملة بلا مصدر <script>alert(1)</script>" },
  } }
  corpus.timeline = {
    { date = "2017-11-20", doc = docs[2].id, s = sp.s + 2, e = sp.e, text = "زيارة الأسد إلى سوتشي" },
    { date = "2017-11-21", doc = d0.id, s = d0.dates[1].s, e = d0.dates[1].e },
    { date = "2017-11-22", text = "قمة ثلاثية بين روسيا وإيران وتركيا" },
  }
  return corpus
end

local function count(s, pat)
  local n = 0
  for _ in s:gmatch(pat) do n = n + 1 end
  return n
end

-- Tags open and close in order (void elements aside).
local function well_nested(page)
  local stack, void = {}, { br = true, meta = true, hr = true, img = true, link = true, input = true }
  local body = page:gsub("<style>.-</style>", ""):gsub("<!DOCTYPE[^>]*>", "")
  for close, name in body:gmatch("<(/?)([%a][%w]*)[^>]*>") do
    name = name:lower()
    if not void[name] then
      if close == "" then
        stack[#stack + 1] = name
      else
        if stack[#stack] ~= name then
          return false, string.format("</%s> closes <%s>", name, tostring(stack[#stack]))
        end
        stack[#stack] = nil
      end
    end
  end
  if #stack > 0 then return false, "unclosed <" .. stack[#stack] .. ">" end
  return true
end

-- The plan of the report recipe: what shows is what its stages' views declare.
local registry = require "naskh.engine.registry"
local schema = require "naskh.engine.schema"
local function report_plan(name)
  local stages = {}
  for _, n in ipairs({ "clean", "split", "entities", "quotes", "dates", "outliers", "timeline", "quotes_merge",
                       "summarize" }) do
    local st = registry.get(n)
    stages[#stages + 1] = { name = n, stage = st, opts = schema.fill({}, st.options) }
  end
  return { name = name, stages = stages }
end
local plan = report_plan("report")
local corpus = fixture()
local page = html.render(corpus, plan, {})

t.ok(page:find('<html lang="ar" dir="rtl">', 1, true), "page is Arabic, right to left")
t.ok(page:find('body{margin:0;font-family:"Noto Naskh Arabic","Amiri",', 1, true),
  "Arabic font stack")
t.ok(page:find("default-src 'none'", 1, true), "a CSP forbids network access")
t.ok(not page:find("<script", 1, true) and not page:find("<link", 1, true)
  and not page:find("url(", 1, true) and not page:find("src=", 1, true), "no scripts or external assets")
t.ok(page:gsub("</?bdi>", ""):find("&lt;script&gt;alert(1)&lt;/script&gt;", 1, true), "text is escaped")
t.ok(page:find("2 lines dropped &lt;b&gt;", 1, true), "warnings are escaped")
local nested, why = well_nested(page)
t.ok(nested, "markup nests even when annotations cross", why)
t.eq(count(page, '<mark class="ent t%-PERS"'), (function()
  local n = 0
  for _, d in ipairs(corpus.all) do for _, e in ipairs(d.entities) do if e.type == "PERS" then n = n + 1 end end end
  return n
end)() + count(page, '<mark class="ent t%-PERS">أشخاص'), "every PERS entity is marked once (plus the legend)")
t.ok(page:find('title="PERS · person:putin · فلاديمير بوتين"', 1, true), "hover shows type, id, canonical name")
t.ok(page:find('<li id="sum-1">', 1, true) and page:find('<a href="#src1">المقال 1، الجملة 1</a>', 1, true)
  and page:find('id="src1" class="src"', 1, true), "summary sentence links to its place in its article")
t.ok(page:find('<sup class="ref"><a href="#sum-1"', 1, true), "the article links back to the summary")
t.ok(page:find('class="src"', 1, true) and page:find('<a href="#src2" title="ورد أيضا في">المقال 3، الجملة 1</a>', 1, true),
  "other sources of a merged sentence are linked")
t.ok(page:find('<article class="doc outlier" id="a5">', 1, true) and page:find("similarity 0.12", 1, true),
  "the outlier article is marked with its reason")
t.ok(page:find('<details class="dropped">', 1, true) and page:find("section marker: المزيد", 1, true)
  and page:find("Atwasat", 1, true), "dropped text is collapsed but present")
t.ok(page:find('id="quotes"', 1, true) and page:find("فلاديمير بوتين</span><span class=\"n\">", 1, true),
  "quotes are grouped by speaker")
t.ok(page:find("بحسب الكرملين", 1, true), "a quote's stated source is shown")
t.ok(page:find('<ol class="timeline">', 1, true) and
  page:find('<time datetime="2017-11-20" title="2017-11-20">الاثنين <bdi>20</bdi> نوفمبر <bdi>2017</bdi></time>', 1, true),
  "timeline, dates in words")
t.eq(html.date_words("2015-10-20") .. " | " .. html.date_words("2017-12") .. " | " .. html.date_words("10:43"),
  "الثلاثاء 20 أكتوبر 2015 | ديسمبر 2017 | 10:43", "dates in words")
t.ok(page:find('<time class="date" datetime="2017-11-21" title="2017-11-21 · weekday before the article date">', 1, true),
  "dates are marked with their resolution")
t.ok(page:find('class="legend"', 1, true) and page:find("@media print", 1, true), "legend and print styles")

-- Robustness: the bare minimum, odd shapes, invalid UTF-8.
t.test("a corpus with only texts renders", function()
  local p = html.render({ all = { { id = "x", text = "سطر أول.\n\nسطر ثان." } } }, { stages = {} }, {})
  assert(p:find("<p>سطر أول.</p>", 1, true), p)
  assert(well_nested(p))
end)
t.test("an empty corpus renders", function()
  local p = html.render({ all = {} }, { stages = {} }, { title = "فارغ" })
  assert(p:find("<title>فارغ</title>", 1, true))
end)
t.test("odd fields are ignored, not fatal", function()
  local d = { id = 7, text = "abc \255 def", sentences = { { s = 0, e = 99 }, "x", { s = 3 } },
              entities = { { s = 2, e = 1 }, { s = 1.5, e = 2 }, { s = 1, e = 3, type = "a b<" } },
              quotes = "none", dates = { 5 }, dropped = { { s = 5, e = 5 } }, outlier = false, meta = "m" }
  local p = html.render({ all = { d }, summary = { 1, { doc = "nope" } }, timeline = "t", quotes = {} },
    report_plan("odd"), {})
  assert(utf8.len(p), "output is valid UTF-8")
  assert(p:find('class="ent t-ab"', 1, true))
  assert(well_nested(p))
end)
t.test("stage hooks add sections; a failing hook is reported", function()
  local st_doc = { scope = "document", html = function(doc) return "<p class=x>words: " .. #doc.text .. "</p>" end }
  local st_corp = { scope = "corpus", markdown = function() return "## Numbers\n\n- one **1**\n- two" end }
  local st_bad = { scope = "corpus", html = function() error("boom") end }
  local p = html.render({ all = { { id = "d", text = "نص" } } }, { stages = {
    { name = "wc", stage = st_doc, opts = {} }, { name = "counts", stage = st_corp, opts = {} },
    { name = "bad", stage = st_bad, opts = {} } } }, {})
  assert(p:find("<p class=x>words: 4</p>", 1, true))
  assert(p:find("<h4>Numbers</h4>", 1, true) and p:find("<li>one <strong>1</strong></li>", 1, true))
  assert(p:find("boom", 1, true))
end)
t.test("streaming writer collects documents", function()
  local buf = {}
  local w = html.new({ write = function(_, s) buf[#buf + 1] = s end }, {}, { name = "n", stages = {} })
  w:doc({ id = "a", text = "أ" })
  w:doc({ id = "b", text = "ب" })
  w:finish()
  local p = table.concat(buf)
  assert(p:find('id="a2"', 1, true) and p:find("<title>تقرير n</title>", 1, true))
end)

local preview = os.getenv("NASKH_HTML_PREVIEW")
if preview then
  local fh = assert(io.open(preview, "wb"))
  fh:write(page)
  fh:close()
end
t.done()
