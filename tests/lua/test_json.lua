-- The JSON encoder: determinism, escaping, spans as code point offsets.
local t = require "t"
local naskh = require "naskh"
local json = require "naskh.engine.json"

t.eq(json.encode({ b = 1, a = { 3, 2 }, c = "x" }), '{"a":[3,2],"b":1,"c":"x"}', "keys are sorted")
t.eq(json.encode({}), "[]", "an empty table is an empty list")
t.eq(json.encode(json.object({})), "{}", "json.object marks an empty object")
t.eq(json.encode({ x = 0.1, y = 1e300, z = 2^53 }), '{"x":0.1,"y":1e+300,"z":9007199254740992}',
  "floats round-trip in the shortest form")
t.eq(json.encode("a\"b\\c\n\1"), '"a\\"b\\\\c\\n\\u0001"', "escapes")
t.eq(json.encode("\xffب"), '"\xEF\xBF\xBDب"', "invalid UTF-8 becomes U+FFFD")
t.eq(json.encode({ f = print, _hidden = 1, ok = true }), '{"ok":true}', "functions and _fields are skipped")

-- Spans: Lua s/e (1-based inclusive bytes) -> start/end (0-based exclusive code points).
local text = "قال بوتين: نعم"
local s, e = text:find("بوتين", 1, true)
t.eq(json.encode({ s = s, e = e, surface = "x" }, text), '{"start":4,"end":9,"surface":"x"}',
  "spans become code point offsets")
local spans = {}
local ncp = utf8.len(text)
for i = 1, 50 do spans[i] = { s = utf8.offset(text, 1 + (i * 7919) % ncp), e = #text } end
local ok = true
local out = json.decode(json.encode(spans, text))
for i, sp in ipairs(spans) do
  local want = utf8.len(text:sub(1, sp.s - 1))
  if out[i].start ~= want then ok = false end
end
t.ok(ok, "span conversion is right in any order")
local texts = { d1 = "ابc", d2 = "xyz" }
t.eq(json.encode({ { doc = "d1", s = 5, e = 5 }, { doc = "d2", s = 2, e = 3 } }, nil, texts),
  '[{"start":2,"end":3,"doc":"d1"},{"start":1,"end":3,"doc":"d2"}]', "corpus spans resolve their document")
local cyc = {}
cyc.self = cyc
t.checkerr("nesting deeper than", "cycles are an error", json.encode, cyc)
local v, err = json.decode('{"a": [1, 2')
t.ok(v == nil and type(err) == "string", "decode errors are returned, not raised")
t.eq(naskh.cp_offsets("aبc", { 4, 0, 3, 1 }), { 3, 0, 2, 1 }, "cp_offsets in any order")
t.done()
