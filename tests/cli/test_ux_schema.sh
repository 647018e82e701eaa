#!/usr/bin/env bash
# issue 20, points 5 and 6: option schemas are checked (unknown types are lint errors, for
# user and built-in stages), `naskh help` on a stage file, a recipe, an unknown name; stage
# contracts (needs/adds) checked by lint with the fix in the message.
. "$(dirname "$0")/lib.sh"

# -- a user stage with an unknown option type --
cat >"$TMP/bad_type.lua" <<'LUA'
return {
  name = "bad_type",
  options = { n = { type = "int", default = 3, doc = "how many" } },
  run = function(doc, opts) doc.n = opts.n + 1 end,
}
LUA
printf 'stages:\n  - script: { file: bad_type.lua }\n' >"$TMP/bad_type.yaml"
run "$NASKH" lint "$TMP/bad_type.yaml"
expect_rc "type = \"int\" in a user stage: lint fails (2)" 2
expect_err "the message names the option and the type" "option 'n': unknown type 'int' (did you mean 'integer'?)"
expect_err "the message is at the recipe's file: line" "bad_type.yaml:2:"
run "$NASKH" help "$TMP/bad_type.lua"
expect_rc "help on a stage file with a bad schema: 2" 2
cat >"$TMP/bad_default.lua" <<'LUA'
return { options = { n = { type = "integer", default = "three" } }, run = function() end }
LUA
printf 'stages:\n  - script: { file: bad_default.lua }\n' >"$TMP/bad_default.yaml"
run "$NASKH" lint "$TMP/bad_default.yaml"
expect_rc "a default of the wrong type: lint fails" 2
expect_err "the message says the default is wrong" "the default must be an integer"

# built-in stages go through the same check (a Lua test of registry.check_stage)
cat >"$TMP/builtin.lua" <<'LUA'
local registry = require "naskh.engine.registry"
local st, err = registry.check_stage({ name = "x", options = { a = { type = "bool" } }, run = function() end },
  "naskh.stages.x")
print(st == nil, err)
for _, n in ipairs(registry.names()) do
  local ok, e = registry.check_stage(registry.get(n), n)
  if not ok then print("bad built-in", n, e) end
end
LUA
run "$NASKH" script "$TMP/builtin.lua"
expect_out "registry.check_stage refuses an unknown type" "true	naskh.stages.x: option 'a': unknown type 'bool' (did you mean 'boolean'?)"
case $OUT in *"bad built-in"*) notok "every built-in stage's schema is sound" "$OUT" ;; *) ok "every built-in stage's schema is sound" ;; esac
grep -q '| `integer` |' docs/lua-api.md && grep -q 'unknown type' docs/lua-api.md \
    && ok "docs/lua-api.md documents the option types" || notok "docs/lua-api.md documents the option types"

# -- naskh help --
run "$NASKH" help scripts/examples/word_count.lua
expect_rc "help FILE.lua exits 0" 0
expect_out "help FILE.lua prints the stage like a built-in" "stage word_count (document)"
expect_out "help FILE.lua lists the options with type and default" "min_words        integer >= 0 [default: 0]"
run "$NASKH" help nosuch
expect_rc "help nosuch exits 2" 2
dups=$(printf '%s' "$ERR" | grep -o 'expected one of: .*)' | tr -d '()' | sed 's/expected one of: //' | tr ',' '\n' | tr -d ' ' | sort | uniq -d)
expect_eq "help nosuch: each name listed once" "$dups" ""
run "$NASKH" help report
expect_out "help report: the recipe's stages" "9. summarize (corpus)"
expect_out "help report: the options it sets" "set: method = lexrank, words = 120"
expect_out "help report: its outputs" "html to report.html"
run "$NASKH" help digest
expect_out "help digest: its stages" "2. entities (document)"
expect_out "help digest: the defaults of their options" "defaults: "
[ "$(printf '%s\n' "$OUT" | wc -l)" -gt 10 ] && ok "help digest says more than two lines" || notok "help digest says more than two lines"
run "$NASKH" help entity_counts
expect_out "help STAGE: what it needs" "needs: entities"

# -- stage contracts --
lint_msg() { # lint_msg TITLE WANT STAGE...: a recipe of these stages fails lint with WANT
    local title=$1 want=$2; shift 2
    { echo "stages:"; for s in "$@"; do echo "  - $s: {}"; done; } >"$TMP/order.yaml"
    run "$NASKH" lint "$TMP/order.yaml"
    if [ "$RC" = 2 ]; then ok "$title: lint fails"; else notok "$title: lint fails" "exit $RC"; fi
    expect_err "$title: the fix" "$want"
}
lint_msg "entity_counts alone" "order.yaml:2:5: stage 'entity_counts' needs 'entities': add the entities stage before entity_counts" entity_counts
lint_msg "timeline without dates" "stage 'timeline' needs 'dates': add the dates stage before timeline" split timeline
lint_msg "quotes_merge without quotes" "stage 'quotes_merge' needs 'quotes': add the quotes stage before quotes_merge" split quotes_merge
lint_msg "dates after timeline" "stage 'timeline' needs 'dates', which stage 'dates' adds after it: move the dates stage before timeline" timeline dates
printf 'stages:\n  - entities: {}\n  - entity_counts: {}\n' >"$TMP/good.yaml"
run "$NASKH" lint "$TMP/good.yaml"
expect_rc "entities then entity_counts lints" 0
printf 'input: { format: jsonl, fields: [entities] }\nstages:\n  - entity_counts: {}\n' >"$TMP/carried.yaml"
run "$NASKH" lint "$TMP/carried.yaml"
expect_rc "input.fields: documents that carry entities need no entities stage" 0
cat >"$TMP/needy.lua" <<'LUA'
return { name = "needy", needs = { "quotes" }, adds = { "needy" }, run = function(doc) doc.needy = #doc.quotes end }
LUA
printf 'stages:\n  - split: {}\n  - script: { file: needy.lua }\n' >"$TMP/needy.yaml"
run "$NASKH" lint "$TMP/needy.yaml"
expect_err "a user stage's needs are checked too" "stage 'needy' needs 'quotes': add the quotes stage before needy"
for r in configs/recipes/*.yaml; do
    run "$NASKH" lint "$r"
    expect_rc "bundled $(basename "$r") keeps its stages in order" 0
done
