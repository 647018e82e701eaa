-- tests/lua/test_tagger_user.lua: a user's list with the two-pass tagger (issue 15, "adding a
-- user list never hurts"): a name whose only evidence is the list's hint is tagged where the
-- hint is, but it is not lent to the other mentions of the word (propagation), as a bundled
-- entry's is (core/nk_tagger.c, user_only; docs/entities.md, round 4).
local t = require "t"
local naskh = require "naskh"

local HOME = naskh.home or t.root
local m = assert(naskh.tagger(HOME .. "/configs/models/entities.nktag"))

-- سنترال once after قال with a hint, once bare in another sentence, with no hint
local W = "سنترال"
local TEXT = "قال " .. W .. " إن الاجتماع انتهى أمس.\nوكان الطقس باردا في المدينة طوال الأسبوع.\n"
  .. "والكتاب عن " .. W .. " جميل."
local s1, e1 = TEXT:find(W, 1, true)
local s2 = TEXT:find(W, e1 + 1, true)

local function starts(hints)
  local got = {}
  for _, e in ipairs(m:entities(TEXT, hints)) do got[e.s] = e.type end
  return got
end

t.test("a bundled entry's name is lent to its other mentions, a user list's alone is not", function()
  m:propagate(true)
  local b = starts { { s = s1, e = e1, type = "PERS", source = "bundled" } }
  local u = starts { { s = s1, e = e1, type = "PERS", source = "user" } }
  assert(b[s1] == "PERS" and u[s1] == "PERS", "the hinted mention is a person")
  assert(b[s2] == "PERS", "a bundled entry propagates to the bare mention")
  assert(u[s2] == nil, "a user list's hint alone does not propagate")
  -- the same mention with the hint also from a rule: propagated again
  local r = starts {
    { s = s1, e = e1, type = "PERS", source = "user" }, { s = s1, e = e1, type = "PERS", source = "rule" },
  }
  assert(r[s2] == "PERS", "a user entry that a rule also finds propagates")
end)

t.test("with propagation off, the user hint and the bundled hint tag the same words", function()
  m:propagate(false)
  local b = starts { { s = s1, e = e1, type = "PERS", source = "bundled" } }
  local u = starts { { s = s1, e = e1, type = "PERS", source = "user" } }
  m:propagate(true)
  assert(b[s1] == "PERS" and u[s1] == "PERS")
  assert(b[s2] == nil and u[s2] == nil)
end)
