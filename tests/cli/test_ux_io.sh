#!/usr/bin/env bash
# issue 20, points 1 and 3: the output format follows -o's extension or --format, a recipe's
# outputs are never dropped silently, JSON Lines inputs are recognised by their content.
. "$(dirname "$0")/lib.sh"

samples=(configs/samples/*.txt)
# JSON Lines made from the samples (no ../shared): {"id","text"} per line
for f in "${samples[@]}"; do
    printf '{"id":"%s","text":%s}\n' "$(basename "$f" .txt)" "$("$NASKH" script /dev/stdin "$f" <<<'
local f = io.open(arg[1], "rb"); local s = f:read("a"); f:close()
io.write(require("naskh.engine.json").encode(s))')"
done >"$TMP/docs.jsonl"
[ "$(wc -l <"$TMP/docs.jsonl")" = "${#samples[@]}" ] && ok "fixture: one JSON line per sample" \
    || notok "fixture: one JSON line per sample"

# -- the output format --
run "$NASKH" run summarize "${samples[@]}" -o "$TMP/s.jsonl"
expect_rc "-o FILE.jsonl exits 0" 0
first=$(head -c 1 "$TMP/s.jsonl")
expect_eq "-o FILE.jsonl writes JSON Lines (not Markdown)" "$first" "{"
bad=$("$NASKH" script /dev/stdin "$TMP/s.jsonl" <<<'
local json = require "naskh.engine.json"; local n = 0
for l in io.lines(arg[1]) do if type(json.decode(l)) ~= "table" then n = n + 1 end end
io.write(n)')
expect_eq "every line of the .jsonl output parses as a JSON object" "$bad" 0
expect_eq "JSON Lines: one line per document and the corpus record" "$(wc -l <"$TMP/s.jsonl")" $((${#samples[@]} + 1))
case $(tail -1 "$TMP/s.jsonl") in '{"corpus":'*) ok "the last JSON line is the corpus record" ;;
*) notok "the last JSON line is the corpus record" "$(tail -1 "$TMP/s.jsonl" | head -c 80)" ;; esac

# the corpus record is documented where a user looks: run --help, naskh(1), README
run "$NASKH" run --help
expect_out "run --help documents the corpus record" 'a last line {"corpus": {...}}'
grep -q '^\.B {"corpus":{...}}' docs/naskh.1 && ok "naskh.1 documents the corpus record" || notok "naskh.1 documents the corpus record"
grep -q 'one `{"corpus": {...}}` line' README.md && ok "README documents the corpus record" || notok "README documents the corpus record"

# naskh's own JSON Lines output is an input again: the corpus record is not a document and no error
for j in 1 2; do
    run "$NASKH" run digest "$TMP/s.jsonl" -f jsonl -o - -j $j
    expect_rc "jobs $j: the output of a corpus recipe read back: exit 0" 0
    expect_eq "jobs $j: ... its documents, no warning" "$(printf '%s\n' "$OUT" | wc -l) [$ERR]" "${#samples[@]} []"
done
run_in "$(cat "$TMP/s.jsonl")" "$NASKH" run digest --stream
expect_rc "--stream: the corpus record read back: exit 0" 0
expect_eq "--stream: ... its documents, no warning" "$(printf '%s\n' "$OUT" | wc -l) [$ERR]" "${#samples[@]} []"
run_in '{"corpus":1}
' "$NASKH" run digest - -f jsonl
expect_rc "a line {\"corpus\": 1} (not a record naskh writes) is still an error" 1

run "$NASKH" run summarize "${samples[@]}" -o "$TMP/s.html"
case $(head -c 200 "$TMP/s.html") in *"<!DOCTYPE html>"*|*"<html"*) ok "-o FILE.html writes HTML" ;;
*) notok "-o FILE.html writes HTML" "$(head -c 80 "$TMP/s.html")" ;; esac
run "$NASKH" run summarize "${samples[@]}" -o "$TMP/s.json"
case $(head -c 8 "$TMP/s.json") in '{"docs":'*) ok "-o FILE.json writes one JSON object" ;;
*) notok "-o FILE.json writes one JSON object" "$(head -c 80 "$TMP/s.json")" ;; esac
run "$NASKH" run summarize "${samples[@]}" -o "$TMP/s.md"
case $(head -c 2 "$TMP/s.md") in '# ') ok "-o FILE.md writes Markdown" ;; *) notok "-o FILE.md writes Markdown" ;; esac
run "$NASKH" run summarize "${samples[@]}" --format jsonl
expect_rc "--format jsonl without -o exits 0" 0
case $OUT in '{'*) ok "--format jsonl writes JSON Lines on stdout" ;; *) notok "--format jsonl writes JSON Lines on stdout" "${OUT:0:60}" ;; esac
run "$NASKH" run summarize "${samples[@]}" -o "$TMP/s.out" --format md
case $(head -c 2 "$TMP/s.out") in '# ') ok "--format beats an unknown extension" ;; *) notok "--format beats an unknown extension" ;; esac
run "$NASKH" run summarize "${samples[@]}" -o "$TMP/plain.dat"
case $(head -c 2 "$TMP/plain.dat") in '# ') ok "an unknown extension keeps the recipe's only format" ;;
*) notok "an unknown extension keeps the recipe's only format" ;; esac
run "$NASKH" run summarize "${samples[@]}" --format yaml
expect_rc "--format with an unknown name is a usage error" 2

# -- several outputs and one -o --
cat >"$TMP/two.yaml" <<YAML
stages:
  - split: {}
output:
  - { format: markdown, path: "-" }
  - { format: jsonl, path: $TMP/side.jsonl, text: false }
YAML
run "$NASKH" run "$TMP/two.yaml" "${samples[0]}" -o "$TMP/both.jsonl"
expect_rc "two outputs, -o FILE.jsonl: exit 0" 0
expect_err "the outputs not written are named" "not written: markdown to stdout"
[ -e "$TMP/side.jsonl" ] && notok "-o replaces the recipe's file output" || ok "-o replaces the recipe's file output"
grep -q '"text"' "$TMP/both.jsonl" && notok "the recipe's jsonl settings are kept (text: false)" \
    || ok "the recipe's jsonl settings are kept (text: false)"
run "$NASKH" run "$TMP/two.yaml" "${samples[0]}" -o "$TMP/both.out"
expect_rc "two outputs, -o FILE of no known kind: refused (2)" 2
expect_err "the refusal names the outputs and the fix" "markdown to stdout, jsonl to '$TMP/side.jsonl'"
expect_err "the refusal says how to choose" "--format"
[ -e "$TMP/both.out" ] && notok "refused: nothing written" || ok "refused: nothing written"
run "$NASKH" run "$TMP/two.yaml" "${samples[0]}" -o "$TMP/both.jsonl" -q
expect_eq "-q: no warning about the outputs" "$ERR" ""

# -- JSON Lines inputs by content --
printf 'stages:\n  - split: {}\n' >"$TMP/sp.yaml"
head -2 "$TMP/docs.jsonl" >"$TMP/two.jsonl"
printf '%s' "$(cat "$TMP/two.jsonl")" | "$NASKH" run "$TMP/sp.yaml" - -f jsonl >"$TMP/out" 2>"$TMP/err"
expect_eq "JSON Lines on stdin: one document per line" "$(grep -c '"sentences"' "$TMP/out")" 2
grep -q "\"id\":\"$(basename "${samples[0]}" .txt)\"" "$TMP/out" && ok "JSON Lines on stdin: ids from the records" \
    || notok "JSON Lines on stdin: ids from the records" "$(head -c 100 "$TMP/out")"
printf '\n\n  %s' "$(cat "$TMP/two.jsonl")" | "$NASKH" run "$TMP/sp.yaml" - -f jsonl >"$TMP/out" 2>"$TMP/err"
expect_eq "JSON Lines on stdin after blank lines" "$(grep -c '"sentences"' "$TMP/out")" 2
cp "$TMP/two.jsonl" "$TMP/articles.data"
"$NASKH" run "$TMP/sp.yaml" "$TMP/articles.data" -f jsonl >"$TMP/out" 2>"$TMP/err"
expect_eq "a JSON Lines file named .data is read as JSON Lines" "$(grep -c '"sentences"' "$TMP/out")" 2
"$NASKH" run "$TMP/sp.yaml" "$TMP/articles.data" -f jsonl -j 2 >"$TMP/out2" 2>"$TMP/err"
cmp -s "$TMP/out" "$TMP/out2" && ok "the same with --jobs 2" || notok "the same with --jobs 2"
printf '{not json at all} says the headline\nand the text goes on.\n' >"$TMP/brace.txt"
"$NASKH" run "$TMP/sp.yaml" "$TMP/brace.txt" -f jsonl >"$TMP/out" 2>"$TMP/err"
expect_eq "a text starting with { that is not JSON stays text" "$(grep -c '"sentences"' "$TMP/out")" 1
printf '{not json at all} says the headline\nand the text goes on.\n' | "$NASKH" run "$TMP/sp.yaml" - -f jsonl >"$TMP/out" 2>"$TMP/err"
grep -q '"id":"stdin"' "$TMP/out" && ok "stdin text starting with { stays one text document" \
    || notok "stdin text starting with { stays one text document" "$(head -c 100 "$TMP/out")"
grep -q 'says the headline' "$TMP/out" && ok "stdin text: the bytes read to decide are kept" \
    || notok "stdin text: the bytes read to decide are kept"
printf '%s\n' '{"id":"a","title":"no text field"}' | "$NASKH" run "$TMP/sp.yaml" - --jsonl -f jsonl >"$TMP/out" 2>"$TMP/err"
grep -q 'string field "text"' "$TMP/err" && ok "--jsonl: a record without text is reported" \
    || notok "--jsonl: a record without text is reported" "$(cat "$TMP/err")"
run "$NASKH" run summarize "${samples[@]}" --set output.format=jsonl
expect_rc "--set output.format: a usage error" 2
expect_err "--set output.format says to use --format or -o" "outputs are not stages: choose the output with -o FILE"
# a pipe named as an input (not seekable): the bytes read to decide are kept
"$NASKH" run "$TMP/sp.yaml" <(cat "$TMP/two.jsonl") -f jsonl >"$TMP/out" 2>"$TMP/err"
expect_eq "JSON Lines from a pipe named as input" "$(grep -c '"sentences"' "$TMP/out")" 2
"$NASKH" run "$TMP/sp.yaml" <(cat "$TMP/brace.txt") -f jsonl >"$TMP/out" 2>"$TMP/err"
grep -q 'says the headline' "$TMP/out" && ok "text from a pipe named as input keeps its first bytes" \
    || notok "text from a pipe named as input keeps its first bytes" "$(head -c 200 "$TMP/out")"
