#!/usr/bin/env bash
# tests/cli/test_entities.sh: `naskh entities` and the entities recipe.
. "$(dirname "$0")/lib.sh"

S000=configs/samples/000_86031912e7f8d5b8.txt

# JSON Lines with the match format; code point offsets into stdin
run_in 'التقى الرئيس الروسي فلاديمير بوتين بالأسد في سوتشي' "$NASKH" entities
expect_rc "entities: exit 0" 0
expect_out "entities: bundled person" '"id":"person:putin"'
expect_out "entities: canonical name" '"name":"بشار الأسد"'
expect_out "entities: clitic reported apart" '"clitic":"ب","clitic_end":36,"clitic_start":35,"end":41'
expect_out "entities: city with code point span" '"end":50,"id":"city:sochi"'
expect_out "entities: nationality adjective" '"id":"norp:ru"'

# the span of every line is the surface, counted in code points (checked with lua5.4 + cjson)
if command -v lua5.4 >/dev/null && lua5.4 -e 'require "cjson"' 2>/dev/null; then
    "$NASKH" entities "$S000" >"$TMP/e.jsonl"
    cat >"$TMP/check.lua" <<'LUA'
        local cjson = require "cjson"
        local text = io.open(arg[1]):read("a")
        local cps = {}
        for p, c in utf8.codes(text) do cps[#cps + 1] = p end
        cps[#cps + 1] = #text + 1
        local n = 0
        for line in io.lines(arg[2]) do
          local e = cjson.decode(line)
          local s = text:sub(cps[e.start + 1], cps[e["end"] + 1] - 1)
          if s ~= e.surface then io.stderr:write(line, "\n"); os.exit(1) end
          n = n + 1
        end
        if n < 50 then os.exit(1) end
LUA
    if lua5.4 "$TMP/check.lua" "$S000" "$TMP/e.jsonl"; then
        ok "entities: every start/end cuts out the surface (sample 000)"
    else
        notok "entities: every start/end cuts out the surface (sample 000)"
    fi
fi

# the sample's entities: Putin, Assad, Sochi, Russia, Iran, Turkey, the Kremlin
run "$NASKH" entities "$S000"
for id in person:putin person:assad city:sochi country:ru country:ir country:tr org:kremlin org:un org:afp person:peskov; do
    expect_out "entities: sample 000 has $id" "\"id\":\"$id\""
done

# a user gazetteer is matched first; --user-only leaves the bundled lists out
printf 'سوتشي\tLOC\tresort:sochi\tkind=resort\n' >"$TMP/g.tsv"
run_in 'في سوتشي مع بوتين' "$NASKH" entities -g "$TMP/g.tsv"
expect_out "entities -g: the user's entry wins" '"id":"resort:sochi"'
expect_out "entities -g: source user" '"source":"user"'
run_in 'في سوتشي مع بوتين' "$NASKH" entities -g "$TMP/g.tsv" --user-only --gazetteers-only
expect_out "entities --user-only: user entry" '"id":"resort:sochi"'
case $OUT in *person:putin*) notok "entities --user-only: no bundled entries" ;; *) ok "entities --user-only: no bundled entries" ;; esac

# rules: a title before an unknown name
run_in 'وقال وزير الخارجية الفنلندي بيكا هافيستو إن' "$NASKH" entities
expect_out "entities: title rule" '"meta":{"rule":"title","title":"وزير"}'
expect_out "entities: rule entity" '"surface":"بيكا هافيستو"'

# --types filters
run_in 'قال الرئيس الروسي فلاديمير بوتين في سوتشي' "$NASKH" entities --types PERS
case $OUT in *'"type":"LOC"'*|*'"type":"NORP"'*) notok "entities --types PERS: only persons" ;; *) ok "entities --types PERS: only persons" ;; esac
run_in 'x' "$NASKH" entities --types PERSON
expect_rc "entities --types with an unknown type: exit 2" 2
expect_err "entities --types: message names the type" "unknown type 'PERSON'"

# errors
run_in 'x' "$NASKH" entities -g "$TMP/missing.tsv"
expect_rc "entities: missing gazetteer, exit 2" 2
expect_err "entities: missing gazetteer named" "missing.tsv"
run "$NASKH" entities --help
expect_out "entities --help: usage" "usage: naskh entities"

# several files: each line names its file
run "$NASKH" entities --types LOC "$S000" configs/samples/001_d98b33668da296b2.txt
expect_out "entities FILE...: file field" '"file":"configs/samples/001_d98b33668da296b2.txt"'

# the recipe: per-article and per-cluster counts, Markdown and JSON
run "$NASKH" run entities configs/samples/000_86031912e7f8d5b8.txt configs/samples/004_6279182bec594ef7.txt -o -
printf '%s\n' "$OUT" >"$TMP/out.md"
expect_rc "recipe entities: exit 0" 0
if grep -q '| فلاديمير بوتين | PERS |' "$TMP/out.md" && grep -q '"entity_counts"' "$TMP/out.md"; then
    ok "recipe entities: cluster table and JSON counts"
else
    notok "recipe entities: cluster table and JSON counts" "$(head -5 "$TMP/out.md")"
fi
run "$NASKH" lint configs/recipes/entities.yaml
expect_rc "recipe entities: lints clean" 0
