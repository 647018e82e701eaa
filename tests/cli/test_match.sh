#!/usr/bin/env bash
# naskh match and naskh gazetteer: JSON Lines, code point offsets, clitics, errors.
. "$(dirname "$0")/lib.sh"

printf 'الرياض\tLOC\tcity:riyadh\tcountry=SA\nروسيا\tLOC\tcountry:ru\nالأمم المتحدة\tORG\torg:un\nالأمم\tORG\torg:nations\nترامب\tPERS\tperson:trump\n' >"$TMP/g.tsv"

run_in 'زار بالرياض' "$NASKH" match -g "$TMP/g.tsv"
expect_rc "match: exit 0" 0
expect_eq "match: one JSON line with code point offsets and the clitic" "$OUT" \
  '{"clitic":"ب","clitic_end":5,"clitic_start":4,"end":11,"id":"city:riyadh","meta":{"country":"SA"},"name":"الرياض","start":5,"surface":"الرياض","type":"LOC"}'

run_in 'للرياض الرياضيين وروسيا' "$NASKH" match -g "$TMP/g.tsv"
expect_eq "match: لل and و, nothing inside الرياضيين" "$(printf '%s\n' "$OUT" | wc -l)" 2
expect_out "match: لل reported as clitic ل" '"clitic":"ل","clitic_end":1,"clitic_start":0,"end":6'
expect_out "match: روسيا after و" '"clitic":"و","clitic_end":18,"clitic_start":17,"end":23,"id":"country:ru"'

run_in 'الأمم المتحدة' "$NASKH" match -g "$TMP/g.tsv"
expect_eq "match: leftmost-longest by default" "$(printf '%s\n' "$OUT" | grep -c org:)" 1
run_in 'الأمم المتحدة' "$NASKH" match -g "$TMP/g.tsv" --all
expect_eq "match --all: nested matches" "$(printf '%s\n' "$OUT" | grep -c org:)" 2

run_in 'بِالرِّيَاضِ' "$NASKH" match -g "$TMP/g.tsv"
expect_out "match: offsets count the diacritics of the original" '"clitic_end":2,"clitic_start":0,"end":12,'

run "$NASKH" gazetteer compile "$TMP/g.tsv" -o "$TMP/g.nkg" --variants
expect_rc "gazetteer compile: exit 0" 0
expect_err "gazetteer compile: reports counts" "5 entries, 5 forms"
run_in 'قال ترمب' "$NASKH" match -g "$TMP/g.nkg" --variants
expect_out "match a compiled gazetteer with --variants" '"id":"person:trump"'
run_in 'قال ترمب' "$NASKH" match -g "$TMP/g.nkg"
expect_eq "variants are off by default" "$OUT" ""
run "$NASKH" gazetteer info "$TMP/g.nkg"
expect_out "gazetteer info" "5 entries, 5 forms"

printf 'ok\tLOC\nbroken\n' >"$TMP/bad.tsv"
run "$NASKH" match -g "$TMP/bad.tsv"
expect_rc "match: a bad TSV exits 2" 2
expect_err "match: the error names file and line" "bad.tsv:2:1: expected surface<TAB>type"
head -c 100 "$TMP/g.nkg" >"$TMP/cut.nkg"
run "$NASKH" match -g "$TMP/cut.nkg"
expect_rc "match: a truncated compiled file exits 2" 2
expect_err "match: truncated file reported" "truncated"
# an image from another format version (byte 8) is refused with what to do
{ head -c 8 "$TMP/g.nkg"; printf '\001'; tail -c +10 "$TMP/g.nkg"; } >"$TMP/v1.nkg"
run "$NASKH" match -g "$TMP/v1.nkg"
expect_rc "match: an image of another format version exits 2" 2
expect_err "match: another format version says to compile again" "compile it again with \`naskh gazetteer compile\`"
run "$NASKH" match
expect_rc "match: no -g is a usage error" 2
run "$NASKH" gazetteer compile "$TMP/g.tsv"
expect_rc "gazetteer compile: -o is required" 2

# blocks: the input is matched in blocks cut after line breaks; offsets must not depend on them
for i in $(seq 1 200); do printf 'سطر %d: زار بالرياض ثم لِلرياض وروسيا.\n' "$i"; done >"$TMP/long.txt"
a=$("$NASKH" match -g "$TMP/g.tsv" <"$TMP/long.txt" | md5sum)
b=$(NASKH_MATCH_BLOCK=100 "$NASKH" match -g "$TMP/g.tsv" <"$TMP/long.txt" | md5sum)
expect_eq "match: output independent of the block size" "$b" "$a"
n=$("$NASKH" match -g "$TMP/g.tsv" <"$TMP/long.txt" | wc -l)
expect_eq "match: every line's matches" "$n" 600
