-- The YAML loader: values, positions, and every refusal with its position.
local t = require "t"
local naskh = require "naskh"

local v, pos = naskh.yaml_load("name: x\nstages:\n  - split: {}\n  - summarize:\n      words: 120\n", "r.yaml")
t.eq(v.name, "x", "plain string scalar")
t.eq(math.type(v.stages[2].summarize.words), "integer", "plain integer resolves to a Lua integer")
t.eq(pos[v].stages.line, 2, "position of a key: line")
t.eq(pos[v].stages.col, 1, "position of a key: column")
t.eq(pos[v.stages[2].summarize].words.vcol, 14, "position of a value: column")
t.eq(pos[v.stages][2].line, 4, "position of a sequence item")

local s = naskh.yaml_load("a: 'true'\nb: true\nc: ~\nd: 1.5e3\ne: 0x1F\nf: \"12\"\ng: yes\n")
t.eq(s.a, "true", "quoted scalars stay strings")
t.eq(s.b, true, "true is a boolean")
t.ok(s.c == naskh.null, "~ is null (naskh.null)")
t.eq(s.d, 1500.0, "floats with exponents")
t.eq(s.e, 31, "hex integers")
t.eq(s.f, "12", "double-quoted numbers stay strings")
t.eq(s.g, "yes", "yes is a string (YAML 1.2 core schema, no Norway problem)")

local a = naskh.yaml_load("x: &anchor {k: 1}\ny: *anchor\n")
t.ok(a.y == a.x, "aliases share the anchored table")

local function err(src)
  local val, msg = naskh.yaml_load(src, "f.yaml")
  return val == nil and msg or ("no error: " .. tostring(val))
end
t.eq(err("a: 1\nb: [1, 2\n"), "f.yaml:3:1: did not find expected ',' or ']' (while parsing a flow sequence at 2:4)",
  "syntax errors carry both marks")
t.eq(err("a: 1\na: 2\n"), "f.yaml:2:1: duplicate key 'a' (first defined at 1:1)", "duplicate keys")
t.eq(err("a: 1\n---\nb: 2\n"), "f.yaml:2:1: a second YAML document ('---'): put one recipe per file",
  "several documents")
t.eq(err("base: &b {k: 1}\nx:\n  <<: *b\n"), "f.yaml:3:3: merge keys ('<<') are not supported; repeat the keys",
  "merge keys")
t.eq(err("? [a, b]\n: 1\n"), "f.yaml:1:3: only plain scalar keys are supported (found a collection)", "complex keys")
t.eq(err("a: !!binary aGVsbG8=\n"), "f.yaml:1:4: unsupported tag 'tag:yaml.org,2002:binary'", "unknown tags")
t.eq(err(string.rep("[", 80) .. string.rep("]", 80)), "f.yaml:1:65: nesting deeper than 64 levels", "deep nesting")
local bomb = { "a: &a [x, x, x, x, x, x, x, x, x, x]" }
for i, n in ipairs({ "b", "c", "d", "e", "f", "g" }) do
  local prev = string.char(96 + i)
  bomb[#bomb + 1] = string.format("%s: &%s [%s]", n, n, string.rep("*" .. prev .. ", ", 9) .. "*" .. prev)
end
t.ok(err(table.concat(bomb, "\n")):find("too large after alias expansion", 1, true), "alias expansion bombs are refused")
t.ok(err("a: \"\xff\"\n"):find("f.yaml", 1, true), "invalid UTF-8 is an error naming the file")
local e1 = naskh.yaml_load("")
t.ok(e1 == naskh.null, "an empty document is null")
t.done()
