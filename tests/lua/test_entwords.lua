-- tests/lua/test_entwords.lua: the entity finder's per-word pass in C (naskh.entwords,
-- naskh.entlists, core/nk_entrules.c) against the Lua it replaces: the compact words give
-- the tables naskh.words gives, the searches by byte agree with a linear search, the rules
-- and propagation find the same entities on the compact words as on plain tables (the Lua
-- scans), and naskh.write_entities prints what the Lua rows through naskh.json_encode print.
local t = require "t"
local naskh = require "naskh"
local E = require "naskh.text.entities"
local json = require "naskh.engine.json"

local ROOT = t.root
local HOME = naskh.home or ROOT

local texts = {
  table.concat({
    "قال الرئيس الروسي فلاديمير بوتين يوم الثلاثاء 12 مارس 2024 إن نحو ثلاثة آلاف جندي وصلوا.",
    "والتقى الأمير محمد بن سلمان في مدينة حلب وزير الخارجية سيرغي لافروف.",
    "وأكد الشيخ أحمد الطيب أن Angela Merkel زارت جامعة القاهرة، وقال لبوتين إن الاتفاق تم.",
    "وذكرت وكالة الأنباء السورية أن عمرو موسى وصل مع آل سعود وعبدالرحمن، ثم قال خالد بن",
    "مُحَمَّد أطْـلع don't l’Orient 3.5 \255ب\226\128 Ségolène وفلاديمير بوتين",
  }, "\n"),
  "",
  "\n\n",
}
for _, f in ipairs(naskh.listdir(ROOT .. "/configs/samples") or {}) do
  if f:match("%.txt$") then texts[#texts + 1] = t.read(ROOT .. "/configs/samples/" .. f) end
end

t.test("entwords: the same tokens as naskh.words, built on demand", function()
  for _, text in ipairs(texts) do
    local plain = naskh.words(text)
    local w = naskh.entwords(text)
    assert(#w == #plain, ("%d words, want %d"):format(#w, #plain))
    local toks = w:tokens()
    assert(#toks == #plain and toks[0] == nil and toks[#plain + 1] == nil and toks.x == nil)
    for i = 1, #plain do
      assert(t.deq(w:token(i), plain[i]), "word " .. i)
      assert(t.deq(toks[i], plain[i]), "proxy word " .. i)
      assert(rawequal(toks[i], toks[i]), "a word's table is built once")
      assert(w:key(i) == plain[i].k)
    end
  end
end)

t.checkerr("no such word", "entwords: a word out of range is an error", function()
  naskh.entwords("قال"):token(2)
end)

t.test("entwords: from and at agree with a linear search at every byte", function()
  local text = texts[1]
  local plain = naskh.words(text)
  local w = naskh.entwords(text)
  for p = 0, #text + 1 do
    for _, lo in ipairs { 1, 5, #plain, #plain + 1 } do
      local want = #plain + 1
      for i = lo, #plain do
        if plain[i].e >= p then want = i; break end
      end
      if lo > #plain then want = lo end
      assert(w:from(p, lo) == want, ("from(%d, %d) = %s, want %d"):format(p, lo, w:from(p, lo), want))
    end
    local at
    for i, tk in ipairs(plain) do
      if tk.s <= p and p <= tk.e then at = i end
    end
    assert(w:at(p) == at, ("at(%d)"):format(p))
  end
end)

local function sig(ents)
  local parts = {}
  for _, e in ipairs(ents) do
    parts[#parts + 1] = table.concat({ e.s, e.e, e.type, tostring(e.id), tostring(e.source),
      tostring(e.clitic), tostring(e.meta and e.meta.rule), tostring(e._t1), tostring(e._t2) }, " ")
  end
  return table.concat(parts, "\n")
end

t.test("entlists: rules and propagation on the compact words find what the Lua scans find", function()
  local f = E.new { naskh = naskh, home = HOME, model = false }
  local n = 0
  for _, text in ipairs(texts) do
    local a, ca, ra = f:rule_path(text, naskh.words(text))
    local b, cb, rb = f:rule_path(text, E.words_compact(text))
    assert(sig(a) == sig(b), "entities differ")
    assert(sig(ca) == sig(cb), "candidates differ")
    assert(sig(ra) == sig(rb), "rule candidates differ")
    n = n + #a
  end
  assert(n > 50, "too few entities to compare: " .. n)
end)

t.test("merged bundled lists: the same candidates as matching the lists one by one", function()
  local a = E.new { naskh = naskh, home = HOME, model = false }
  local b = E.new { naskh = naskh, home = HOME, model = false }
  assert(a.merged, "the bundled lists were not merged")
  b.merged = false
  local n = 0
  for _, text in ipairs(texts) do
    local toks = E.words_compact(text)
    local ca, cb = a:gazetteer_candidates(text, toks), b:gazetteer_candidates(text, toks)
    assert(sig(ca) == sig(cb), "candidates differ")
    for i = 1, #ca do assert(ca[i]._prio == cb[i]._prio, "priority differs at " .. i) end
    n = n + #ca
  end
  assert(n > 50, "too few candidates: " .. n)
end)

t.test("entlists: the scan of each rule's words", function()
  local l = naskh.entlists {
    titles = { ["الرئيس"] = true }, org_heads = { ["حزب"] = true }, org_triggers = {},
    loc_triggers = { ["مدينه"] = true }, given = { ["محمد"] = true }, links = { ["بن"] = true },
    family = "آل",
  }
  local w = naskh.entwords("قال الرئيس ومحمد بن سلمان في مدينة حلب وحزب Angela آل سعود")
  local title, org, loc, given, latin = l:scan(w)
  local function show(x) return table.concat(x, ",") end
  assert(t.deq(title, { 2 }) and t.deq(org, { 9 }) and t.deq(loc, { 7 }),
    "title, org, place: " .. show(title) .. " " .. show(org) .. " " .. show(loc))
  assert(t.deq(given, { 3, 10 }) and t.deq(latin, { 10 }),
    "given names and links, Latin: " .. show(given) .. " " .. show(latin))
  assert(t.deq(w:starting { ["سلمان"] = true, ["حلب"] = true }, { 5, 8 }), "starting")
end)

-- the rows naskh entities printed from Lua before write_entities (the reference the C writer must equal)
local function lua_rows(text, ents, cpbase, file, keep)
  local rows = {}
  for _, e in ipairs(ents) do
    if not keep or keep[e.type] then rows[#rows + 1] = e end
  end
  local bytes = {}
  for i, m in ipairs(rows) do
    local k = 4 * (i - 1)
    bytes[k + 1], bytes[k + 2] = m.s - 1, m.e
    bytes[k + 3], bytes[k + 4] = (m.clitic_s or m.s) - 1, m.clitic_e or (m.s - 1)
  end
  local cps = naskh.cp_offsets(text, bytes)
  local out = {}
  for i, m in ipairs(rows) do
    local k = 4 * (i - 1)
    local row = {
      start = cpbase + cps[k + 1], ["end"] = cpbase + cps[k + 2], surface = m.surface, id = m.id,
      type = m.type, name = m.name, clitic = m.clitic or "", source = m.source,
    }
    if m.meta and next(m.meta) ~= nil then row.meta = m.meta end
    if m.clitic_s then row.clitic_start, row.clitic_end = cpbase + cps[k + 3], cpbase + cps[k + 4] end
    if file then row.file = file end
    out[#out + 1] = json.encode(row)
    out[#out + 1] = "\n"
  end
  return table.concat(out)
end

local function c_rows(text, ents, cpbase, file, keep)
  local fh = assert(io.tmpfile())
  naskh.write_entities(fh, text, ents, cpbase, file, keep)
  fh:seek("set")
  local s = fh:read("a")
  fh:close()
  return s
end

t.test("write_entities: the same lines as the Lua rows through json_encode", function()
  local f = E.new { naskh = naskh, home = HOME }
  local n = 0
  for _, text in ipairs(texts) do
    local ents = f:find(text)
    n = n + #ents
    assert(c_rows(text, ents, 0) == lua_rows(text, ents, 0), "plain")
    assert(c_rows(text, ents, 17, "a \"b\".txt") == lua_rows(text, ents, 17, "a \"b\".txt"), "file")
    local keep = { PERS = true }
    assert(c_rows(text, ents, 3, nil, keep) == lua_rows(text, ents, 3, nil, keep), "types")
  end
  assert(n > 50, "too few entities: " .. n)
  -- odd values: escapes, invalid UTF-8, a meta that is not all strings, no id
  local text = "أ \"ب\"\\ \255 ج"
  local ents = {
    { s = 1, e = 2, surface = "أ", id = "x\n", type = "PERS", name = "\"n\"", source = "rule",
      meta = { rule = "title", z = "1", a = "\1" } },
    { s = 4, e = 8, surface = text:sub(4, 8), type = "LOC", name = "b", source = "user",
      clitic = "", meta = { n = 3, list = { "a", "b" } } },
    { s = 12, e = 13, surface = "ج", id = "j", type = "ORG", name = "j", source = "user",
      clitic = "\255", clitic_s = 10, clitic_e = 10, meta = {} },
  }
  assert(c_rows(text, ents, 5) == lua_rows(text, ents, 5), c_rows(text, ents, 5))
end)

t.test("entsort: the order of the Lua comparisons; equal items keep their order", function()
  local function by_start(a, b)
    if a.s ~= b.s then return a.s < b.s end
    if a.e ~= b.e then return a.e > b.e end
    if (a._prio or 0) ~= (b._prio or 0) then return (a._prio or 0) < (b._prio or 0) end
    return (a.id or "") < (b.id or "")
  end
  local seed = 7
  local function rnd(n) seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n + 1 end
  for _ = 1, 20 do
    local a = {}
    for i = 1, 300 do
      local ids = { nil, "a", "b", "ab", "a\0b", "\255" }
      a[i] = { s = rnd(30), e = rnd(40), _prio = rnd(3) > 1 and rnd(4) or nil, id = ids[rnd(6)], n = i }
    end
    local b, c = {}, {}
    for i, x in ipairs(a) do b[i], c[i] = x, x end
    table.sort(b, function(x, y)
      if by_start(x, y) then return true end
      if by_start(y, x) then return false end
      return x.n < y.n
    end)
    naskh.entsort(c, "span")
    for i = 1, #b do assert(b[i] == c[i], "span order at " .. i) end
    table.sort(b, function(x, y) if x.s ~= y.s then return x.s < y.s end return x.n < y.n end)
    for i, x in ipairs(a) do c[i] = x end
    naskh.entsort(c, "start")
    for i = 1, #b do assert(b[i] == c[i], "start order at " .. i) end
    table.sort(b, function(x, y)
      if x.s ~= y.s then return x.s < y.s end
      if x.e ~= y.e then return x.e > y.e end
      return x.n < y.n
    end)
    for i, x in ipairs(a) do c[i] = x end
    naskh.entsort(c, "extent")
    for i = 1, #b do assert(b[i] == c[i], "extent order at " .. i) end
  end
end)

t.checkerr("no integer s", "entsort: an item without s is an error", function()
  naskh.entsort({ { s = 1, e = 2 }, { e = 3 } })
end)

t.test("locate: the words holding the first and last byte of each span", function()
  local text = texts[1]
  local plain = naskh.words(text)
  local function at(p)
    for i, tk in ipairs(plain) do if tk.s <= p and p <= tk.e then return i end end
  end
  local list = {}
  for p = 1, #text, 3 do list[#list + 1] = { s = p, e = math.min(#text, p + 11) } end
  list[#list + 1] = { s = 0, e = #text + 5 }
  naskh.entwords(text):locate(list)
  for _, sp in ipairs(list) do
    assert(sp._t1 == at(sp.s) and sp._t2 == at(sp.e), ("span %d..%d"):format(sp.s, sp.e))
  end
end)

t.checkerr("span outside the text", "write_entities: a span outside the text is an error", function()
  naskh.write_entities(io.stdout, "ab", { { s = 2, e = 5, id = "x", type = "LOC" } }, 0)
end)

t.done()
