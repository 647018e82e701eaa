-- naskh.gazetteer, Gazetteer:match / save / size / info, naskh.gazetteer_load.
local t = require "t"
local naskh = require "naskh"

local function tmpname(ext) return os.tmpname() .. ext end

local function write(path, s)
  local fh = assert(io.open(path, "wb"))
  fh:write(s)
  fh:close()
end

local entries = {
  { id = "city:riyadh", type = "LOC", name = "الرياض", country = "SA", tags = { "capital", "city" } },
  { id = "country:ru", type = "LOC", name = "روسيا", aliases = { "روسيا الاتحادية", "Russia" } },
  { id = "org:un", type = "ORG", name = "الأمم المتحدة" },
  { id = "org:nations", type = "ORG", name = "الأمم" },
  { id = "person:trump", type = "PERS", name = "دونالد ترامب", aliases = { "ترامب" } },
}
local g = assert(naskh.gazetteer(entries))

local function surfaces(ms, text)
  local out = {}
  for i, m in ipairs(ms) do
    out[i] = (m.clitic ~= "" and m.clitic .. "+" or "") .. text:sub(m.s, m.e) .. ":" .. m.id
  end
  return out
end

local function run(text, opts) return surfaces(g:match(text, opts), text) end

t.eq(run("بالرياض والرياض للرياض الرياضيين"),
  { "ب+الرياض:city:riyadh", "و+الرياض:city:riyadh", "ل+لرياض:city:riyadh" },
  "clitics, لل, never inside الرياضيين")
t.eq(run("وروسيا بروسيا وروسيا الاتحادية RUSSIA"),
  { "و+روسيا:country:ru", "ب+روسيا:country:ru", "و+روسيا الاتحادية:country:ru", "RUSSIA:country:ru" },
  "entry without ال after clitics; longest alias; Latin case")
t.eq(run("الأمم المتحدة"), { "الأمم المتحدة:org:un" }, "leftmost-longest")
t.eq(run("الأمم المتحدة", { all = true }), { "الأمم:org:nations", "الأمم المتحدة:org:un" },
  "all = true gives nested matches")

t.test("fields of a match", function()
  local text = "وصل إلى لِلرِّيَاضِ"
  local m = g:match(text)[1]
  assert(m.surface == text:sub(m.s, m.e), "surface is text:sub(s, e)")
  assert(m.surface == "لرِّيَاضِ", m.surface)
  assert(m.clitic == "لِ" and text:sub(m.clitic_s, m.clitic_e) == "لِ", "clitic span")
  assert(m.id == "city:riyadh" and m.type == "LOC" and m.name == "الرياض")
  assert(m.meta.country == "SA" and m.meta.tags == "capital, city", "metadata")
  local n = g:match("الرياض")[1]
  assert(n.clitic == "" and n.clitic_s == nil, "no clitic: empty string, no span")
end)

t.test("offsets after normalization: tatweel, presentation forms", function()
  local text = "قال تـرامـب في ﺍﻟﺮﻳﺎﺽ"
  local ms = g:match(text)
  assert(#ms == 2, #ms)
  assert(text:sub(ms[1].s, ms[1].e) == "تـرامـب")
  assert(text:sub(ms[2].s, ms[2].e) == "ﺍﻟﺮﻳﺎﺽ")
end)

t.test("variants: off by default, on when compiled and asked", function()
  assert(#g:match("ترمب") == 0)
  t.checkerr("compiled without variants", "variants refused without the keys", g.match, g, "ترمب",
    { variants = true })
  local gv = assert(naskh.gazetteer(entries, { variants = true }))
  local ms = gv:match("قال ترمب إن")
  assert(#ms == 1 and ms[1].id == "person:trump", "ترمب finds ترامب")
  assert(#gv:match("قال ترمب إن", { variants = false }) == 0, "variants = false")
end)

t.checkerr("unknown option 'alll'; did you mean 'all'?", "unknown match option", g.match, g, "x",
  { alll = true })
t.checkerr("bad argument #1", "bad spec type", naskh.gazetteer, 42)

t.test("TSV file, YAML file, {files, entries}", function()
  local tsv = tmpname(".tsv")
  write(tsv, "# comment\nبيروت\tLOC\tcity:beirut\tcountry=LB\nBeirut\tLOC\tcity:beirut\n")
  local yml = tmpname(".yaml")
  write(yml, "- id: city:cairo\n  type: LOC\n  name: القاهرة\n  aliases: [Cairo]\n  ambiguous: false\n")
  local g2 = assert(naskh.gazetteer({ files = { tsv, yml }, entries = { entries[1] } }))
  local e, f = g2:size()
  assert(e == 3 and f == 5, e .. " " .. f)
  local ms = g2:match("من بيروت إلى القاهرة وcairo والرياض")
  assert(#ms == 4, #ms)
  assert(ms[2].meta.ambiguous == "false")
  local info = g2:info()
  assert(info.entries == 3 and info.forms == 5 and info.memory > 0 and info.variants == false)
  os.remove(tsv)
  os.remove(yml)
end)

t.test("data errors return nil, message", function()
  local tsv = tmpname(".tsv")
  write(tsv, "ok\tLOC\nbad line without a tab\n")
  local g2, err = naskh.gazetteer(tsv)
  assert(g2 == nil and err:find(":2:1: expected surface<TAB>type", 1, true), err)
  g2, err = naskh.gazetteer("/nonexistent/x.tsv")
  assert(g2 == nil and err:find("cannot open", 1, true), err)
  g2, err = naskh.gazetteer({ { id = "x", name = "y" } })
  assert(g2 == nil and err:find("has no type", 1, true), err)
  g2, err = naskh.gazetteer({ { id = "x", type = "A", name = "y" }, { id = "x", type = "B", name = "z" } })
  assert(g2 == nil and err:find("already has type", 1, true), err)
  os.remove(tsv)
end)

t.test("save, gazetteer_load, and a corrupt file", function()
  local path = tmpname(".nkg")
  assert(g:save(path))
  local g2 = assert(naskh.gazetteer_load(path))
  local g3 = assert(naskh.gazetteer(path)) -- a compiled path works with naskh.gazetteer too
  local text = "بالرياض وروسيا"
  assert(t.deq(g2:match(text), g:match(text)) and t.deq(g3:match(text), g:match(text)))
  local data = t.read(path)
  write(path, data:sub(1, #data - 7))
  local g4, err = naskh.gazetteer_load(path)
  assert(g4 == nil and err:find("truncated", 1, true), err)
  write(path, "NKGAZ\r\n\26" .. string.rep("\0", 40))
  g4, err = naskh.gazetteer_load(path)
  assert(g4 == nil, "garbage rejected")
  os.remove(path)
end)

t.test("close is idempotent", function()
  local g2 = assert(naskh.gazetteer(entries))
  g2:close()
  g2:close()
  t.checkerr("closed", "a closed gazetteer refuses match", g2.match, g2, "x")
  assert(tostring(g2):find("closed", 1, true))
end)

t.done()
