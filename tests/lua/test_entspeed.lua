-- tests/lua/test_entspeed.lua: the entity finder and the digest's per-word tests keep
-- bounded memos per word key (entities.lua: scan bits, articles, readings; numbers and
-- dates: the start tests) that live for the whole process. An answer must not depend on
-- what was seen before: a document gives the same result cold, warm, and after the
-- memos were cleared by more than 50,000 distinct words.
local t = require "t"
local naskh = require "naskh"
local E = require "naskh.text.entities"
local pipeline = require "naskh.pipeline"

local home = naskh.home or "."
local function read(p)
  local fh = assert(io.open(home .. "/" .. p, "rb"))
  local s = fh:read("a")
  fh:close()
  return s
end

-- an article with titles, given names, a بن chain, a place trigger, Latin capitals,
-- a propagated family name with a proclitic, numbers and dates
local text = table.concat({
  "قال الرئيس الروسي فلاديمير بوتين يوم الثلاثاء 12 مارس 2024 إن نحو ثلاثة آلاف جندي وصلوا.",
  "والتقى الأمير محمد بن سلمان في مدينة حلب وزير الخارجية سيرغي لافروف.",
  "وأكد الشيخ أحمد الطيب أن Angela Merkel زارت جامعة القاهرة قبل أسبوعين، وقال لبوتين إن الاتفاق تم.",
  "وذكرت وكالة الأنباء السورية أن عمرو موسى وصل، ثم قال خالد بن",
}, "\n")

local function ents_of(f, s)
  local parts = {}
  for _, e in ipairs(f:find(s)) do
    parts[#parts + 1] = table.concat({ e.s, e.e, e.type, tostring(e.id), e.source,
      tostring(e.meta and e.meta.rule) }, " ")
  end
  return table.concat(parts, "\n")
end

-- more than 50,000 distinct Arabic words (four letters, some with a clitic or the
-- article), so that every bounded memo is cleared at least once
local letters = {}
for cp = 0x0628, 0x063A do letters[#letters + 1] = utf8.char(cp) end
for cp = 0x0641, 0x064A do letters[#letters + 1] = utf8.char(cp) end
local words, n = {}, 0
for _, a in ipairs(letters) do
  for _, b in ipairs(letters) do
    for _, c in ipairs(letters) do
      for _, d in ipairs(letters) do
        n = n + 1
        words[#words + 1] = (n % 3 == 0 and "وال" or n % 3 == 1 and "ب" or "") .. a .. b .. c .. d
        if n >= 60000 then break end
      end
      if n >= 60000 then break end
    end
    if n >= 60000 then break end
  end
  if n >= 60000 then break end
end
t.ok(n >= 50001, "the flood has more distinct words than a memo holds")
local flood = table.concat(words, " ")

for _, model in ipairs { false, true } do
  local label = model and "with the tagger" or "gazetteers and rules"
  local mopt = nil
  if not model then mopt = false end
  local f = E.new { naskh = naskh, home = home, model = mopt }
  local cold = ents_of(f, text)
  t.ok(#cold > 0 and cold:find("PERS", 1, true) ~= nil, label .. ": the article has persons")
  t.eq(ents_of(f, text), cold, label .. ": warm memos give the same entities")
  f:find(flood)
  t.eq(ents_of(f, text), cold, label .. ": after the memos were cleared, the same entities")
  t.eq(ents_of(f, text .. "\n" .. text), ents_of(E.new { naskh = naskh, home = home, model = mopt },
    text .. "\n" .. text), label .. ": a fresh finder agrees")
end

-- a table's plain values (strings, numbers, booleans, tables) as text, keys sorted
local function dump(v, seen)
  if type(v) ~= "table" then
    return (type(v) == "string" or type(v) == "number" or type(v) == "boolean") and tostring(v) or "?"
  end
  seen = seen or {}
  if seen[v] then return "<cycle>" end
  seen[v] = true
  local keys = {}
  for k in pairs(v) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local out = {}
  for _, k in ipairs(keys) do out[#out + 1] = tostring(k) .. "=" .. dump(v[k], seen) end
  seen[v] = nil
  return "{" .. table.concat(out, ",") .. "}"
end

-- the digest's numbers and dates: the same document before and after the flood
local function digest(s)
  local d = pipeline.process("digest", { { id = "a", text = s } }, { home = home }).all[1]
  return dump { n = d.numbers, d = d.dates, q = d.quotes }
end
local before = digest(text)
t.ok(before:find("3000", 1, true) ~= nil or before:find("ثلاثة", 1, true) ~= nil,
  "digest: the article's numbers are found")
pipeline.process("digest", { { id = "flood", text = flood } }, { home = home })
t.eq(digest(text), before, "digest: numbers, dates and quotes unchanged after the flood")
t.done()
