-- tests/lua/test_entities.lua: the entity finder (naskh.entities), its stages
-- and the bundled gazetteers. Sentences are taken from configs/samples/*.txt.
local t = require "t"
local naskh = require "naskh"
local E = require "naskh.text.entities"

local ROOT = t.root
local HOME = naskh.home or ROOT

local function sample(name)
  for _, f in ipairs(naskh.listdir(ROOT .. "/configs/samples") or {}) do
    if f:sub(1, #name) == name then return t.read(ROOT .. "/configs/samples/" .. f) end
  end
  error("no sample " .. name)
end

-- entities of text whose surface is s (optionally of type ty)
local function with_surface(text, ents, s, ty)
  local out = {}
  for _, e in ipairs(ents) do
    if text:sub(e.s, e.e) == s and (not ty or e.type == ty) then out[#out + 1] = e end
  end
  return out
end

---------------------------------------------------------------------------
-- keys, words, clitic readings
---------------------------------------------------------------------------
t.eq(E.key("إدلب"), "ادلب", "key: hamza under alef folds to alef")
t.eq(E.key("مُوسَى"), "موسي", "key: diacritics go, alef maqsura becomes yaa")
t.eq(E.key("سوريـــة"), "سوريه", "key: tatweel goes, taa marbuta becomes haa")
t.eq(E.key("Reuters"), "reuters", "key: Latin lower case")

t.test("words: spans cut the original text, classes and line breaks", function()
  local text = "قال بوتين، في 2017:\nReuters و«سانا»"
  local ws = E.words(text)
  local got = {}
  for _, w in ipairs(ws) do
    assert(text:sub(w.s, w.e) == w.text, "span of " .. w.text)
    got[#got + 1] = w.cls .. ":" .. w.text .. (w.nl and "^" or "")
  end
  t.deq(got, got)
  assert(table.concat(got, " ") == "ar:قال^ ar:بوتين punct:، ar:في num:2017 punct:: lat:Reuters^ ar:و punct:« ar:سانا punct:»",
    table.concat(got, " "))
end)

t.test("words: diacritics and tatweel stay inside the word", function()
  local ws = E.words("الرَّئِيـــس بوتين")
  assert(#ws == 2 and ws[1].k == "الرييس" or ws[1].k == "الرئيس", ws[1].k)
end)

t.test("words: invalid UTF-8 does not raise", function()
  local ws = E.words("بوتين \xff\xfe روسيا")
  assert(ws[1].text == "بوتين" and ws[#ws].text == "روسيا")
end)

t.test("readings: proclitics و ف ب ل ك and لل", function()
  local function has(k, pre, rest)
    for _, r in ipairs(E.readings(E.key(k))) do if r[1] == pre and r[2] == rest then return true end end
    return false
  end
  assert(has("وبوتين", "و", "بوتين"))
  assert(has("للرئيس", "ل", "الرئيس"))
  assert(has("فبروسيا", "فب", "روسيا"))
  assert(has("بوتين", "", "بوتين"))
  assert(not has("في", "ف", "ي"), "a reading keeps two letters")
end)

---------------------------------------------------------------------------
-- rules alone (no gazetteer, no tagger: the rule engine itself, which the tagger reads as
-- features and as a second opinion): these run without the matcher
---------------------------------------------------------------------------
local rules = E.new { naskh = naskh, home = HOME, bundled = false, model = false }

local function rule_test(title, text, want_surface, want_type, want_rule)
  t.test(title, function()
    local ents = rules:find(text)
    local hit = with_surface(text, ents, want_surface, want_type)
    local seen = {}
    for _, e in ipairs(ents) do seen[#seen + 1] = e.type .. ":" .. text:sub(e.s, e.e) .. "(" .. tostring(e.meta and e.meta.rule) .. ")" end
    assert(#hit == 1, "want " .. want_type .. " " .. want_surface .. ", got: " .. table.concat(seen, ", "))
    assert(hit[1].meta.rule == want_rule, "rule " .. tostring(hit[1].meta.rule))
    assert(hit[1].surface == want_surface and hit[1].source == "rule")
  end)
end

-- sample 000 (wire-style report)
rule_test("title rule: المتحدث باسم الكرملين، ديمتري بيسكوف",
  "وذكر المتحدث باسم الكرملين، ديمتري بيسكوف، أن بوتين سيتصل", "ديمتري بيسكوف", "PERS", "title")
-- sample 002
rule_test("title + name chain: الشيخ تميم بن حمد آل ثاني",
  "بحث بوتين مع أمير دولة قطر الشيخ تميم بن حمد آل ثاني في اتصال هاتفي", "تميم بن حمد آل ثاني", "PERS", "title")
rule_test("strong title with one unknown word: الرئيس صالح",
  "وتعهد الرئيس صالح عقب أدائه اليمين", "صالح", "PERS", "title")
rule_test("given name rule: فادى عاكوم (sample 004)",
  "كتب فادى عاكوم من القاهرة", "فادى عاكوم", "PERS", "given-name")
rule_test("place trigger: مدينة إدلب (the trigger is not part of the name)",
  "وقصفت الطائرات مدينة إدلب أمس", "إدلب", "LOC", "place-trigger")
rule_test("organization head: حزب العمال",
  "وقال حزب العمال في بيان", "حزب العمال", "ORG", "org-head")
rule_test("organization trigger: شركة غازبروم (the trigger is not part of the name)",
  "وأعلنت شركة غازبروم أمس", "غازبروم", "ORG", "org-trigger")
rule_test("agency with a descriptive name: لوكالة الإعلام الروسية (sample 001) keeps وكالة",
  "ووفقا لوكالة الإعلام الروسية فإن زيارة الأسد", "وكالة الإعلام الروسية", "ORG", "org-agency")
rule_test("agency with a proper name: وكالة سبوتنيك is سبوتنيك",
  "ذكرت وكالة سبوتنيك أن", "سبوتنيك", "ORG", "org-trigger")
t.test("org-agency reports the proclitic of لوكالة apart", function()
  local text = "ووفقا لوكالة الإعلام الروسية فإن"
  for _, e in ipairs(rules:find(text)) do
    if e.meta and e.meta.rule == "org-agency" then
      assert(e.clitic == "ل", "clitic " .. tostring(e.clitic))
      return
    end
  end
  error("no org-agency entity")
end)
rule_test("capitalised Latin words", "نقلت Getty Images الصورة", "Getty Images", "MISC", "latin-caps")

rule_test("compound given names: سيف الدين is one unit",
  "قدم النائب السابق منصور سيف الدين باسم الأهالي", "منصور سيف الدين", "PERS", "title")
rule_test("club names: نادي شباب الرصيفة",
  "كما قدم رئيس نادي شباب الرصيفة درعا", "شباب الرصيفة", "ORG", "org-trigger")

t.test("a strong title used alone: الملك عددا، الملك اتجاهات are no names", function()
  for _, text in ipairs { "لقد حدد الملك عددا من القضايا", "لقد عزز الملك اتجاهات الإصلاح",
    "مبادرات أطلقها الملك أراد معها أن تشكل نماذج" } do
    for _, e in ipairs(rules:find(text)) do assert(e.type ~= "PERS", text .. ": " .. e.surface) end
  end
end)

t.test("title rule: the clitic on the title is not part of the name (للرئيس)", function()
  local text = "في رسالة للرئيس ميشال سليمان"
  local ents = rules:find(text)
  local h = with_surface(text, ents, "ميشال سليمان", "PERS")
  assert(#h == 1, #ents)
end)

t.test("no person after a title followed by a verb or a function word", function()
  local text = "وقال الرئيس إن الاجتماع كان مثمرا"
  for _, e in ipairs(rules:find(text)) do
    assert(e.type ~= "PERS", "unexpected " .. e.surface)
  end
end)

t.test("propagation: a name found once labels its later mentions, through clitics", function()
  local text = "قال الإسباني فرناندو ألونسو إن المنافسة صعبة. وأكد ألونسو أنه مستعد، وشكر لألونسو فريقه"
  local ents = rules:find(text)
  local full = with_surface(text, ents, "فرناندو ألونسو", "PERS")
  local last = with_surface(text, ents, "ألونسو", "PERS")
  assert(#full == 1, "full name")
  assert(#last == 2, "later mentions: " .. #last)
  assert(last[1].meta.rule == "propagate" and last[1].id == full[1].id)
  assert(last[2].clitic == "ل", "clitic " .. tostring(last[2].clitic))
  assert(text:sub(last[2].s - #"ل", last[2].s - 1) == "ل")
end)

t.test("spans of rule entities are 1-based inclusive byte spans into the text", function()
  local text = sample("000")
  for _, e in ipairs(rules:find(text)) do
    assert(text:sub(e.s, e.e) == e.surface, e.surface)
    assert(e.s >= 1 and e.e <= #text and e.s <= e.e)
  end
end)

---------------------------------------------------------------------------
-- counts: the cross-document view
---------------------------------------------------------------------------
t.test("counts and merge_counts: canonical names, mentions, articles", function()
  local a = { { id = "person:putin", name = "فلاديمير بوتين", type = "PERS", surface = "بوتين" },
    { id = "person:putin", name = "فلاديمير بوتين", type = "PERS", surface = "فلاديمير بوتين" },
    { id = "country:ru", name = "روسيا", type = "LOC", surface = "روسيا" },
    { id = "norp:ru", name = "الروسي", type = "NORP", surface = "الروسية" } }
  local b = { { id = "person:putin", name = "فلاديمير بوتين", type = "PERS", surface = "بوتين" },
    { id = "person:assad", name = "بشار الأسد", type = "PERS", surface = "الأسد" } }
  local keep = { PERS = true, LOC = true }
  local ca, cb = E.counts(a, keep), E.counts(b, keep)
  assert(#ca == 2 and ca[1].id == "person:putin" and ca[1].count == 2, "doc a")
  assert(ca[1].surfaces["بوتين"] == 1 and ca[1].surfaces["فلاديمير بوتين"] == 1)
  local m = E.merge_counts { ca, cb }
  assert(m[1].id == "person:putin" and m[1].count == 3 and m[1].docs == 2, "cluster putin")
  assert(#m == 3, "three ids")
end)

t.test("cross-document counts over two samples (rules only): one id per person", function()
  local lists = {}
  for _, name in ipairs { "000", "004" } do
    lists[#lists + 1] = E.counts(rules:find(sample(name)), { PERS = true })
  end
  local m = E.merge_counts(lists)
  assert(m[1].name == "فلاديمير بوتين" and m[1].docs == 2 and m[1].count >= 15,
    m[1].name .. " " .. m[1].count .. " " .. m[1].docs)
end)

---------------------------------------------------------------------------
-- the stages
---------------------------------------------------------------------------
local function ctx()
  return { naskh = naskh, cache = {}, home = HOME, resolve = function(_, p) return p end,
    warn = function() end }
end

t.test("stage entities + entity_counts (rules only) on two samples", function()
  local st = require "naskh.stages.entities"
  local sc = require "naskh.stages.entity_counts"
  local c1 = ctx()
  local opts = { gazetteers = {}, bundled = false, rules = true, all = false, variants = false, types = { "PERS" },
    tagger = false }
  local docs = { { id = "000", text = sample("000") }, { id = "004", text = sample("004") } }
  for _, d in ipairs(docs) do st.run(d, opts, c1) end
  assert(c1.cache.finder, "finder compiled once per stage instance")
  for _, d in ipairs(docs) do
    assert(#d.entities > 0)
    for _, e in ipairs(d.entities) do assert(e.type == "PERS") end
  end
  local corpus = { docs = docs }
  local copts = { types = { "PERS", "LOC", "ORG" }, top = 5, mentions = false }
  sc.run(corpus, copts, ctx())
  assert(corpus.entity_counts[1].docs == 2)
  assert(docs[1].entity_counts and docs[1].entities == nil, "mentions: false drops doc.entities")
  local md = require("naskh.io.render").markdown({ stage = sc, opts = copts }, corpus)
  assert(md:find("فلاديمير بوتين", 1, true) and md:find("| entity | type |", 1, true))
end)

t.checkerr("run the entities stage first", "entity_counts without entities raises",
  function() require("naskh.stages.entity_counts").run({ docs = { { id = "x", text = "" } } },
    { types = {}, top = 1, mentions = true }) end)

---------------------------------------------------------------------------
-- the bundled gazetteers: valid YAML in the contract format
---------------------------------------------------------------------------
t.test("bundled gazetteers: contract format, unique stable ids, breadth", function()
  local ids, n = {}, {}
  local TYPES = { PERS = true, LOC = true, ORG = true, NORP = true, MISC = true }
  for _, name in ipairs(E.BUNDLED) do
    local path = HOME .. "/configs/gazetteers/" .. name .. ".yaml"
    local v, err = naskh.yaml_load(t.read(path), path)
    assert(v, err)
    n[name] = #v
    for i, e in ipairs(v) do
      local where = name .. "[" .. i .. "]"
      assert(type(e.id) == "string" and e.id:match("^%l+:[%w%-]+$"), where .. ": id " .. tostring(e.id))
      assert(not ids[e.id], "duplicate id " .. e.id)
      ids[e.id] = true
      assert(TYPES[e.type], where .. ": type")
      assert(type(e.name) == "string" and e.name ~= "", where .. ": name")
      assert(e.aliases == nil or type(e.aliases) == "table", where .. ": aliases")
      if e.type == "NORP" then assert(e.relation == "adjective" and (e.country or e.group), where) end
    end
  end
  assert(n.countries >= 195, "countries " .. n.countries)
  assert(n.cities >= 300, "cities " .. n.cities)
  assert(n.people >= 150, "people " .. n.people)
  assert(n.organizations >= 100, "organizations " .. n.organizations)
  -- the references between entries resolve
  for _, name in ipairs { "countries", "cities", "nationalities" } do
    local v = naskh.yaml_load(t.read(HOME .. "/configs/gazetteers/" .. name .. ".yaml"))
    for _, e in ipairs(v) do
      for _, f in ipairs { "capital", "country", "capital_of" } do
        if e[f] then assert(ids[e[f]], e.id .. "." .. f .. " -> " .. e[f]) end
      end
    end
  end
end)

---------------------------------------------------------------------------
-- with the matcher: bundled gazetteers + rules on the samples
---------------------------------------------------------------------------
if not naskh.gazetteer then
  t.ok(true, "# SKIP gazetteer tests: naskh.gazetteer is not in this build")
  t.done()
  return
end

local full = E.new { naskh = naskh, home = HOME }

t.test("samples: بوتين، الأسد، سوتشي، روسيا، إيران، تركيا، الكرملين with their ids and spans", function()
  local text = sample("000")
  local ents = full:find(text)
  local want = {
    { "بوتين", "person:putin" }, { "الأسد", "person:assad" }, { "سوتشي", "city:sochi" },
    { "روسيا", "country:ru" }, { "إيران", "country:ir" }, { "تركيا", "country:tr" },
    { "الكرملين", "org:kremlin" }, { "فلاديمير بوتين", "person:putin" }, { "بشار الأسد", "person:assad" },
    { "الأمم المتحدة", "org:un" }, { "فرانس برس", "org:afp" },
  }
  for _, w in ipairs(want) do
    local h = with_surface(text, ents, w[1])
    assert(#h > 0, "no " .. w[1])
    for _, e in ipairs(h) do assert(e.id == w[2], w[1] .. " -> " .. tostring(e.id)) end
  end
  for _, e in ipairs(ents) do assert(text:sub(e.s, e.e) == e.surface) end
end)

t.test("clitics: وإيران وتركيا, بموسكو, للأسد — the span starts after the clitic", function()
  local text = "قمة ثلاثية بين روسيا وإيران وتركيا، ثم التقى بموسكو وقال للأسد"
  local ents = full:find(text)
  local function one(s, id, clitic)
    local h = with_surface(text, ents, s)
    assert(#h == 1 and h[1].id == id, s .. ": " .. (h[1] and tostring(h[1].id) or "none"))
    if clitic then assert(h[1].clitic == clitic, s .. " clitic " .. tostring(h[1].clitic)) end
  end
  one("إيران", "country:ir", "و")
  one("تركيا", "country:tr", "و")
  one("موسكو", "city:moscow", "ب")
  -- لل = ل + the article's ل: the entity's span keeps the article's ل
  one("لأسد", "person:assad", "ل")
end)

t.test("nationality adjectives are NORP with the country: الروسي، الروسية، الروس", function()
  local text = "قال الرئيس الروسي إن الحكومة الروسية والخبراء الروس"
  local ents = full:find(text)
  for _, s in ipairs { "الروسي", "الروسية", "الروس" } do
    local h = with_surface(text, ents, s, "NORP")
    assert(#h == 1 and h[1].id == "norp:ru" and h[1].meta.country == "country:ru", s)
  end
end)

t.test("title + nationality + unknown name -> PERS by rule", function()
  local text = "وقال وزير الخارجية الفنلندي بيكا هافيستو إن"
  local h = with_surface(text, full:find(text), "بيكا هافيستو", "PERS")
  assert(#h == 1 and h[1].meta.rule == "title")
end)

t.test("title rule links a given name to the known person: الملك سلمان", function()
  local text = "سيتصل بالعاهل السعودي الملك سلمان لإبلاغه"
  local h = with_surface(text, full:find(text), "سلمان", "PERS")
  assert(#h == 1 and h[1].id == "person:salman", h[1] and h[1].id)
end)

t.test("ambiguous one-word entries need context: مالي", function()
  local a = "وقدمت الدولة دعم مالي كبير"
  for _, e in ipairs(full:find(a)) do assert(e.id ~= "country:ml", "financial, not Mali") end
  local b = "وقعت هجمات في مالي والنيجر"
  assert(#with_surface(b, full:find(b), "مالي", "LOC") == 1, "Mali after في")
end)

t.test("ambiguous organizations: حركة حماس confirms حماس, بحماس كبير stays a word", function()
  local a = "وقالت حركة حماس في بيان إن حماس لن تشارك"
  local h = with_surface(a, full:find(a), "حماس", "ORG")
  assert(#h == 2 and h[1].id == "org:hamas" and h[2].id == "org:hamas", #h)
  local b = "استقبل الجمهور اللاعبين بحماس كبير"
  for _, e in ipairs(full:find(b)) do assert(e.id ~= "org:hamas", "enthusiasm, not Hamas") end
end)

-- the rule path's confirmation of ambiguous entries (the shipped tagger misses the channel in
-- this one sentence; as a second opinion, confirmed entries cost 0.16 F1 on ANERcorp)
t.test("an adjective-shaped ambiguous name needs its own context (rule path): قناة العربية ≠ الدول العربية", function()
  local text = "وقالت قناة العربية إن الدول العربية اجتمعت في القمة العربية"
  local rule_path = E.new { naskh = naskh, home = HOME, model = false }
  local h = with_surface(text, rule_path:find(text), "العربية", "ORG")
  assert(#h == 1 and h[1].s == text:find("العربية", 1, true), #h)
end)

t.test("all = true keeps nested candidates (الولايات المتحدة inside الولايات المتحدة الأمريكية)", function()
  local f2 = E.new { naskh = naskh, home = HOME, all = true }
  local text = "زار الولايات المتحدة الأمريكية"
  local ents = f2:find(text)
  assert(#with_surface(text, ents, "الولايات المتحدة الأمريكية") == 1)
  assert(#with_surface(text, ents, "الولايات المتحدة") == 1)
  local one = with_surface(text, full:find(text), "الولايات المتحدة")
  assert(#one == 0, "leftmost-longest by default")
end)

t.test("a user gazetteer wins over the bundled entry on the same span", function()
  local path = os.tmpname()
  local fh = assert(io.open(path, "w"))
  fh:write("سوتشي\tLOC\tresort:sochi\n")
  fh:close()
  local f2 = E.new { naskh = naskh, home = HOME, gazetteers = { path } }
  local text = "القمة في سوتشي"
  local h = with_surface(text, f2:find(text), "سوتشي")
  os.remove(path)
  assert(#h == 1 and h[1].id == "resort:sochi" and h[1].source == "user", h[1] and h[1].id)
end)

t.test("cross-document counts over the five samples with bundled gazetteers", function()
  local lists = {}
  for _, name in ipairs { "000", "001", "002", "003", "004" } do
    lists[#lists + 1] = E.counts(full:find(sample(name)), { PERS = true, LOC = true, ORG = true })
  end
  local m = E.merge_counts(lists)
  local by = {}
  for _, c in ipairs(m) do by[c.id] = c end
  assert(by["person:putin"] and by["person:putin"].docs == 5, "putin in all five")
  assert(by["person:assad"] and by["person:assad"].docs == 5, "assad in all five")
  assert(by["city:sochi"] and by["city:sochi"].docs >= 4, "sochi")
  assert(by["country:sy"] and by["country:sy"].surfaces["سورية"], "سورية is country:sy")
  assert(m[1].id == "person:putin" or m[1].id == "person:assad", m[1].id)
end)

t.test("stage: nothing from text the clean stage dropped (captions, credits)", function()
  local x = require "xhelp"
  local spans = require "naskh.text.spans"
  local raw = x.run(x.samples(), { "entities" })
  local cleaned = x.run(x.samples(), { "clean", "entities" })
  local inside_dropped, left_out = 0, 0
  for i, d in ipairs(cleaned) do
    for _, e in ipairs(d.entities) do
      assert(not spans.is_dropped(d, e.s, e.e), d.id .. ": " .. e.surface .. " lies in dropped text")
    end
    -- the same document without clean: its entities in what clean drops are the ones left out
    for _, e in ipairs(raw[i].entities) do
      if spans.is_dropped(d, e.s, e.e) then inside_dropped = inside_dropped + 1 end
    end
    left_out = left_out + #raw[i].entities - #d.entities
  end
  assert(inside_dropped > 0, "the samples' dropped captions name people")
  t.eq(left_out, inside_dropped, "exactly the entities inside dropped text are left out")
end)

t.done()
