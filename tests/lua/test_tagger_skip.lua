-- tests/lua/test_tagger_skip.lua: the second pass skips the sentences it has nothing to read
-- (no hint, no first-pass tag, no other mention the first pass tagged; nk_tagger.h NK_TAG_SKIP,
-- t:skip(on); docs/entities.md, speed): they keep the first pass's O, every other sentence is
-- decoded as before, and the switch leaves propagation alone.
local t = require "t"
local naskh = require "naskh"

local HOME = naskh.home or t.root
local m = assert(naskh.tagger(HOME .. "/configs/models/entities.nktag"))

local function read(path)
  local fh = assert(io.open(path, "rb"))
  local s = fh:read("a")
  fh:close()
  return s
end

local function spans(text, hints)
  local out, n = {}, 0
  for _, e in ipairs(m:entities(text, hints)) do
    out[e.s .. ":" .. e.e .. ":" .. e.type] = true
    n = n + 1
  end
  return out, n
end

local SAMPLES = {}
for _, name in ipairs { "000_86031912e7f8d5b8", "001_d98b33668da296b2", "002_aafd4365e1f0e15e",
  "003_afd9ebb52b62d6f4", "004_6279182bec594ef7" } do
  SAMPLES[#SAMPLES + 1] = read(HOME .. "/configs/samples/" .. name .. ".txt")
end

t.test("the skip is on by default and only leaves sentences at O", function()
  local total_on, total_off = 0, 0
  for _, text in ipairs(SAMPLES) do
    local def = spans(text)
    m:skip(true)
    local on, non = spans(text)
    m:skip(false)
    local off, noff = spans(text)
    m:skip(true)
    for k in pairs(on) do
      assert(def[k], "the default is the skip: " .. k)
      assert(off[k], "an entity found with the skip is found without it: " .. k)
    end
    total_on, total_off = total_on + non, total_off + noff
  end
  assert(total_on > 0 and total_on <= total_off, "entities with / without the skip")
end)

-- a hinted name once, then a bare mention in another sentence: only the hint and propagation
-- can tag the bare one
local W = "سنترال"
local TEXT = "قال " .. W .. " إن الاجتماع انتهى أمس.\nوكان الطقس باردا في المدينة طوال الأسبوع.\n"
  .. "والكتاب عن " .. W .. " جميل."
local s1, e1 = TEXT:find(W, 1, true)
local s2 = TEXT:find(W, e1 + 1, true)
local HINT = { { s = s1, e = e1, type = "PERS", source = "bundled" } }

t.test("t:skip leaves propagation as it was", function()
  m:propagate(true)
  m:skip(false)
  local a = spans(TEXT, HINT)
  m:skip(true)
  local b = spans(TEXT, HINT)
  assert(a[s2 .. ":" .. (s2 + #W - 1) .. ":PERS"] and b[s2 .. ":" .. (s2 + #W - 1) .. ":PERS"],
    "propagation still on after t:skip")
  m:propagate(false)
  m:skip(false)
  m:skip(true)
  local c = spans(TEXT, HINT)
  m:propagate(true)
  assert(c[s1 .. ":" .. e1 .. ":PERS"], "the hinted mention is a person")
  assert(not c[s2 .. ":" .. (s2 + #W - 1) .. ":PERS"], "propagation still off after t:skip")
end)
