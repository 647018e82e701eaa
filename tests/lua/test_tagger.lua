-- tests/lua/test_tagger.lua: the entity tagger (core/nk_tagger.h, naskh.tagger, naskh.tagger
-- module): the shipped model against this build's feature extractor, training on a small
-- fixture made here (deterministic bytes), refusal of corrupted or foreign models, hints, and
-- the links the tagger path keeps or blocks.
local t = require "t"
local naskh = require "naskh"
local tagger = require "naskh.text.tagger"
local E = require "naskh.text.entities"

local ROOT = t.root
local HOME = naskh.home or ROOT
local MODEL = HOME .. "/configs/models/entities.nktag"

local function tmpname()
  local p = os.tmpname()
  return p
end

local function write(path, s)
  local fh = assert(io.open(path, "wb"))
  fh:write(s)
  fh:close()
end

local function u64le(s, at)
  local v = 0
  for i = at + 7, at, -1 do v = v * 256 + s:byte(i) end
  return v
end

t.test("the shipped model carries this build's feature fingerprint (else: make model)", function()
  local data = t.read(MODEL)
  assert(data:sub(1, 7) == "NKTAG1\n", "magic")
  local fp = string.format("%016x", u64le(data, 17))
  assert(fp == naskh.tagger_fingerprint(),
    "model " .. fp .. ", build " .. naskh.tagger_fingerprint() .. ": run make model")
  assert(#data <= 20 * 1024 * 1024, "model larger than 20 MB")
  local m, err = naskh.tagger(MODEL)
  assert(m, err)
  assert(m:info().fingerprint == naskh.tagger_fingerprint())
end)

-- A small annotated corpus in ANERcorp's format, made here (names invented for the test).
local NAMES = { "سمير", "كريم", "نادر", "فادي", "رامي", "هشام", "وليد", "ماجد" }
local FAMILY = { "الحداد", "النجار", "الخطيب", "العطار", "الصباغ", "الحلاق" }
local PLACES = { "دمشق", "بيروت", "عمان", "القاهرة", "بغداد", "تونس" }
local function fixture()
  local lines = {}
  local k = 0
  for rep = 1, 6 do
    for i, g in ipairs(NAMES) do
      k = k + 1
      local f = FAMILY[(i + rep) % #FAMILY + 1]
      local p = PLACES[(i * rep) % #PLACES + 1]
      local verb = ({ "قال", "أعلن", "أكد" })[k % 3 + 1]
      for _, row in ipairs {
        { verb, "O" }, { g, "B-PERS" }, { f, "I-PERS" }, { "في", "O" }, { p, "B-LOC" },
        { "إن", "O" }, { "الاجتماع", "O" }, { "كان", "O" }, { "مفيدا", "O" }, { ".", "O" },
      } do
        lines[#lines + 1] = row[1] .. "\t" .. row[2]
      end
      lines[#lines + 1] = ""
    end
  end
  return table.concat(lines, "\n")
end

local FIX = tmpname()
write(FIX, fixture())
local sents = tagger.read_conll(FIX)

t.test("read_conll reads sentences and tags; bad lines name the file and line", function()
  assert(#sents == 48 and #sents[1].toks == 10 and sents[1].tags[2] == "B-PERS")
  local bad = tmpname()
  write(bad, "قال\tO\nسمير\tB-PER\n")
  local ok, err = pcall(tagger.read_conll, bad)
  assert(not ok and err:find(bad .. ":2:", 1, true) and err:find("B-PER", 1, true), err)
  write(bad, "قال O\n")
  ok, err = pcall(tagger.read_conll, bad)
  assert(not ok and err:find(bad .. ":1: expected token<TAB>tag", 1, true), err)
  os.remove(bad)
end)

local bytes1, bytes2
t.test("training on the fixture is deterministic (same bytes twice)", function()
  bytes1 = tagger.train(sents, { epochs = 5, bits = 14 })
  bytes2 = tagger.train(sents, { epochs = 5, bits = 14 })
  assert(#bytes1 > 48 and bytes1 == bytes2)
  local other = tagger.train(sents, { epochs = 5, bits = 14, seed = 7 })
  assert(other:sub(1, 7) == "NKTAG1\n")
end)

t.test("training on documents of several sentences: two passes, deterministic, reads the fixture back", function()
  assert(bytes1:sub(37, 40) == "\2\0\0\0", "the model has two passes")
  local d1 = tagger.train(sents, { epochs = 5, bits = 14, doc_sents = 8 })
  local d2 = tagger.train(sents, { epochs = 5, bits = 14, doc_sents = 8 })
  assert(d1 == d2 and d1 ~= bytes1, "documents of 8 sentences: the same bytes twice, not those of single sentences")
  local p = tmpname()
  write(p, d1)
  local m = assert(naskh.tagger(p))
  -- the fixture read as one document (the way naskh eval entities reads a file)
  local r = tagger.evaluate(m, sents, { document = true })
  assert(r.all.f > 95, "training F1 as one document " .. r.all.f)
  os.remove(p)
end)

local FIXMODEL = tmpname()
t.test("a model trained on the fixture reads its names and places back", function()
  write(FIXMODEL, bytes1)
  local m = assert(naskh.tagger(FIXMODEL))
  local r = tagger.evaluate(m, sents)
  assert(r.all.f > 95, "training F1 " .. r.all.f)
  -- given names, family names and places it has seen
  local tags = m:tag { "قال", "هشام", "العطار", "في", "بغداد", "إن", "الاجتماع", "كان", "مفيدا", "." }
  assert(tags[2] == "B-PERS" and tags[3] == "I-PERS" and tags[5] == "B-LOC", table.concat(tags, " "))
  local ents = m:entities("أكد وليد الخطيب في تونس إن الاجتماع كان مفيدا .")
  assert(#ents == 2 and ents[1].type == "PERS" and ents[1].words == 2 and ents[2].type == "LOC")
end)

t.test("hints are features: a model trained with list hints follows them", function()
  local tr = naskh.tagger_trainer(14)
  for _, s in ipairs(sents) do
    local text, ts = tagger.sentence_text(s)
    local gold, hints = {}, {}
    for _, sp in ipairs(tagger.bio_spans(s.tags)) do
      gold[#gold + 1] = { s = ts[sp[1]][1], e = ts[sp[2]][2], type = sp[3] }
      if sp[3] == "LOC" then
        hints[#hints + 1] = { s = ts[sp[1]][1], e = ts[sp[2]][2], type = "LOC", source = "user" }
      end
    end
    tr:add(text, gold, hints)
  end
  assert(select(1, tr:counts()) == 48)
  local p = tmpname()
  write(p, tr:train { epochs = 5 })
  local m = assert(naskh.tagger(p))
  local text = "قال سمير الحداد في زحلة إن الاجتماع كان مفيدا ."
  local s, e = text:find("زحلة", 1, true)
  local with = m:entities(text, { { s = s, e = e, type = "LOC", source = "user" } })
  local found = false
  for _, x in ipairs(with) do if x.s == s and x.type == "LOC" then found = true end end
  assert(found, "an unseen place given as a user hint is tagged LOC")
  local ok, err = pcall(m.entities, m, text, { { s = s, e = e, type = "CITY", source = "user" } })
  assert(not ok and err:find("unknown type 'CITY'", 1, true), err)
  ok, err = pcall(m.entities, m, text, { { s = s, e = #text + 5, type = "LOC" } })
  assert(not ok and err:find("outside the text", 1, true), err)
  os.remove(p)
end)

t.test("corrupted, truncated and foreign models are refused with a message", function()
  local p = tmpname()
  local function refused(data, want)
    write(p, data)
    local m, err = naskh.tagger(p)
    assert(m == nil and type(err) == "string" and err:find(want, 1, true) and err:find(p, 1, true),
      want .. ": " .. tostring(err))
  end
  refused("", "no NKTAG1 header")
  refused("hello world, not a model at all, just some text", "no NKTAG1 header")
  refused(bytes1:sub(1, #bytes1 - 1), "truncated or corrupted")
  refused(bytes1 .. "x", "truncated or corrupted")
  local mid = #bytes1 // 2
  refused(bytes1:sub(1, mid - 1) .. string.char((bytes1:byte(mid) + 1) % 256) .. bytes1:sub(mid + 1), "checksum")
  -- another extractor: fingerprint bytes 17..24 changed
  refused(bytes1:sub(1, 16) .. string.rep("\0", 8) .. bytes1:sub(25), "another feature extractor")
  -- another format version
  refused(bytes1:sub(1, 8) .. "\3\0\0\0" .. bytes1:sub(13), "format 3")
  -- a pass count other than 1 or 2 (bytes 37..40)
  refused(bytes1:sub(1, 36) .. "\7\0\0\0" .. bytes1:sub(41), "passes 7")
  for n = 0, 60, 3 do refused(bytes1:sub(1, n), n < 48 and (n < 7 and "no NKTAG1" or "") or "") end
  local nom, err = naskh.tagger(p .. ".missing")
  assert(nom == nil and err:find("cannot open", 1, true))
  os.remove(p)
end)

t.test("entities.new refuses a bad model with the file's name", function()
  local p = tmpname()
  write(p, "NKTAG1\ngarbage")
  local ok, err = pcall(E.new, { naskh = naskh, home = HOME, model = p })
  assert(not ok and tostring(err):find(p, 1, true), tostring(err))
  os.remove(p)
end)

---------------------------------------------------------------------------
-- the tagger path of the finder (the shipped model)
---------------------------------------------------------------------------
local full = E.new { naskh = naskh, home = HOME }

local function find(text)
  local out = {}
  for _, e in ipairs(full:find(text)) do out[#out + 1] = e end
  return out
end

local function ids(text)
  local out = {}
  for _, e in ipairs(find(text)) do out[text:sub(e.s, e.e)] = e.id end
  return out
end

t.test("linking stays: tagged names carry the list's id, name and meta", function()
  local got = ids("التقى الرئيس الروسي فلاديمير بوتين نظيره السوري بشار الأسد في سوتشي")
  assert(got["فلاديمير بوتين"] == "person:putin", tostring(got["فلاديمير بوتين"]))
  assert(got["بشار الأسد"] == "person:assad")
  assert(got["سوتشي"] == "city:sochi")
end)

t.test("a contradicting given name blocks the link: محمد البشير is not عمر البشير", function()
  local got = ids("قال الرئيس السوداني عمر البشير إن")
  assert(got["عمر البشير"] == "person:bashir")
  for _, e in ipairs(find("قال رجل الأعمال محمد البشير إن")) do
    assert(e.id ~= "person:bashir", "linked " .. e.surface)
  end
end)

t.test("a following word that makes another entity blocks the link: مصر للطيران", function()
  for _, e in ipairs(find("أعلنت مصر للطيران استئناف رحلاتها")) do
    assert(e.id ~= "country:eg", "linked " .. e.surface .. " to Egypt")
  end
  assert(ids("وصل الوفد إلى مصر أمس")["مصر"] == "country:eg")
end)

t.test("adverb and adjective readings block the link: دوماً، الرئة اليمنى", function()
  for _, text in ipairs { "يتحدث دوماً عن السلام", "أصيب في الرئة اليمنى" } do
    for _, e in ipairs(find(text)) do
      assert(e.id ~= "city:douma" and e.id ~= "norp:ye" and e.id ~= "country:ye", text .. ": " .. e.id)
    end
  end
end)

t.test("a name that is not in the lists keeps TYPE:key with source tagger", function()
  local text = "وقال وزير الخارجية الفنلندي بيكا هافيستو إن"
  local hit
  for _, e in ipairs(find(text)) do if e.surface == "بيكا هافيستو" then hit = e end end
  assert(hit and hit.type == "PERS" and hit.id == "PERS:بيكا هافيستو", hit and hit.id)
end)

t.test("model = false is the finder of gazetteers and rules alone", function()
  local f = E.new { naskh = naskh, home = HOME, model = false }
  assert(f.tagger == nil)
  for _, e in ipairs(f:find("التقى الرئيس فلاديمير بوتين")) do assert(e.source ~= "tagger") end
end)

t.test("naskh.entities(text, opts): the finder in one call, options honoured", function()
  local text = "التقى الرئيس فلاديمير بوتين نظيره في سوتشي"
  local got = {}
  for _, e in ipairs(naskh.entities(text, { home = HOME })) do got[e.surface] = e.id end
  assert(got["فلاديمير بوتين"] == "person:putin" and got["سوتشي"] == "city:sochi")
  for _, e in ipairs(naskh.entities(text, { home = HOME, model = false })) do
    assert(e.source ~= "tagger")
  end
  local ok, err = pcall(naskh.entities, text, { home = HOME, model = "/nonexistent/m.nktag" })
  assert(not ok and tostring(err):find("/nonexistent/m.nktag", 1, true), tostring(err))
end)

os.remove(FIX)
os.remove(FIXMODEL)
t.done()
