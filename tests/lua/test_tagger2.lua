-- tests/lua/test_tagger2.lua: the tagger's decoding after round 2 (issue 15): two names of
-- the bundled lists side by side are two entities (بوتين الأسد), while one entry over two
-- words stays one; the shipped model keeps them apart in running text.
local t = require "t"
local naskh = require "naskh"
local tagger = require "naskh.text.tagger"

local HOME = naskh.home or t.root

-- A small corpus in ANERcorp's format, made here: every person has two words (given name and
-- family name), so the model learns I-PERS after B-PERS.
local NAMES = { "سمير", "كريم", "نادر", "فادي", "رامي", "هشام", "وليد", "ماجد" }
local FAMILY = { "الحداد", "النجار", "الخطيب", "العطار", "الصباغ", "الحلاق" }
local function fixture()
  local lines = {}
  for rep = 1, 6 do
    for i, g in ipairs(NAMES) do
      local f = FAMILY[(i + rep) % #FAMILY + 1]
      for _, row in ipairs {
        { "قال", "O" }, { g, "B-PERS" }, { f, "I-PERS" }, { "إن", "O" }, { "الاجتماع", "O" },
        { "كان", "O" }, { "مفيدا", "O" }, { ".", "O" },
      } do
        lines[#lines + 1] = row[1] .. "\t" .. row[2]
      end
      lines[#lines + 1] = ""
    end
  end
  return table.concat(lines, "\n")
end

local FIX = os.tmpname()
local fh = assert(io.open(FIX, "wb"))
fh:write(fixture())
fh:close()
local sents = tagger.read_conll(FIX)
os.remove(FIX)
local MODEL = os.tmpname()
fh = assert(io.open(MODEL, "wb"))
fh:write(tagger.train(sents, { epochs = 5, bits = 14 }))
fh:close()
local m = assert(naskh.tagger(MODEL))
os.remove(MODEL)

local TEXT = "قال هشام العطار إن الاجتماع كان مفيدا ."
local function span(w)
  local s, e = TEXT:find(w, 1, true)
  return s, e
end

t.test("without hints the fixture model reads a two-word person", function()
  local ents = m:entities(TEXT)
  assert(#ents == 1 and ents[1].type == "PERS" and ents[1].words == 2, #ents)
end)

t.test("two adjacent bundled entries of the tagged type are two entities", function()
  local s1, e1 = span("هشام")
  local s2, e2 = span("العطار")
  local ents = m:entities(TEXT, {
    { s = s1, e = e1, type = "PERS", source = "bundled" },
    { s = s2, e = e2, type = "PERS", source = "bundled" },
  })
  assert(#ents == 2, "entities: " .. #ents)
  assert(ents[1].type == "PERS" and ents[1].words == 1 and ents[2].type == "PERS" and ents[2].words == 1)
end)

t.test("one bundled entry over both words, or a user list's entries, keep one entity", function()
  local s1 = span("هشام")
  local _, e2 = span("العطار")
  local ents = m:entities(TEXT, { { s = s1, e = e2, type = "PERS", source = "bundled" } })
  assert(#ents == 1 and ents[1].words == 2, #ents)
  -- a user's list holds given and family names on their own lines: no split there
  local a, b = span("هشام")
  local c, d = span("العطار")
  ents = m:entities(TEXT, {
    { s = a, e = b, type = "PERS", source = "user" }, { s = c, e = d, type = "PERS", source = "user" },
  })
  assert(#ents == 1 and ents[1].words == 2, #ents)
  -- an entry of another type does not split a person
  ents = m:entities(TEXT, {
    { s = a, e = b, type = "PERS", source = "bundled" }, { s = c, e = d, type = "LOC", source = "bundled" },
  })
  assert(#ents == 1 and ents[1].words == 2, #ents)
end)

t.test("the shipped model: بوتين الأسد are Putin and Assad, not one name", function()
  local got = {}
  for _, e in ipairs(naskh.entities("وعقدت قمة بوتين الأسد في سوتشي بحضور الوفدين", { home = HOME })) do
    got[#got + 1] = e.id
  end
  local s = table.concat(got, " ")
  assert(s:find("person:putin", 1, true) and s:find("person:assad", 1, true), s)
end)

t.done()
