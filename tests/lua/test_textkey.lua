-- tests/lua/test_textkey.lua: the core's key profiles from Lua (naskh.key), and the
-- entity finder's word key, which is the core's `entity` profile (no fold table in Lua).
local t = require "t"
local naskh = require "naskh"
local E = require "naskh.text.entities"

t.eq(naskh.key("أحمدُ الکبری"), "احمد الكبري", "naskh.key: the entity profile by default")
t.eq(naskh.key("Reuters", "entity"), "reuters", "naskh.key: ASCII lower case")
t.eq(naskh.key("أحمدُ ٢٠١٧", "extract"), "احمد 2017", "naskh.key: the extract profile folds digits")
t.eq(naskh.key("مُحَمَّد", "entity_raw"), "محمد", "naskh.key: entity_raw drops the harakat only")
t.eq(naskh.key("إِدلب", "stem"), "ادلب", "naskh.key: the stem profile")
t.checkerr("no key profile 'nope'", "naskh.key: an unknown profile is an error",
  naskh.key, "x", "nope")

-- the entity rules' keys on both sides: word lists (E.key) and scanned words (naskh.words)
local text = "قال الرئيسُ الأمريکي إن «رويترز» Reuters ذكرت أنّ مُوسَى وصل إلى ٱلقاهرة‌ ـ سوريـــة"
local same = true
for _, w in ipairs(naskh.words(text)) do
  if w.cls ~= "punct" and (E.key(w.text) ~= w.k or naskh.key(w.text) ~= w.k) then
    same = false
    print("# " .. w.text .. " " .. w.k .. " " .. E.key(w.text))
  end
end
t.ok(same, "naskh.entities.key and naskh.words give the same key (one core profile)")
t.eq(E.key("\xd9\x8b\xe2\x80\x8d"), "", "entities key: tanween and ZWJ go")
t.eq(naskh.key("أحمد", "extract"), naskh.fold("أحمد"), "naskh.fold is the extract profile")
t.done()
