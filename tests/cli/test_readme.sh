#!/usr/bin/env bash
# The README's examples work as written.
. "$(dirname "$0")/lib.sh"

# The YAML recipe of "2. Edit a YAML recipe", extracted from the README.
awk '/Save this as `my-recipe.yaml`/{f=1; next} f && /^```yaml/{g=1; next} g && /^```/{exit} g' README.md >"$TMP/my-recipe.yaml"
sed -i "s|counts.jsonl|$TMP/counts.jsonl|; s|file: scripts/examples/word_count.lua|file: $PWD/scripts/examples/word_count.lua|" "$TMP/my-recipe.yaml"
run "$NASKH" lint "$TMP/my-recipe.yaml"
expect_rc "README recipe lints" 0
run "$NASKH" run "$TMP/my-recipe.yaml" configs/samples/*.txt
expect_rc "README recipe runs" 0
expect_out "README recipe prints Markdown" "Words: "
if [ "$(wc -l <"$TMP/counts.jsonl")" = 5 ]; then ok "README recipe writes its JSON Lines output"; else notok "README recipe jsonl output"; fi

# The error shown in the README is the error naskh prints.
want=$(grep -o "my-recipe.yaml:[0-9]*:[0-9]*: unknown option 'min_wrods'.*" README.md | head -1)
awk '/Save this as `my-recipe.yaml`/{f=1; next} f && /^```yaml/{g=1; next} g && /^```/{exit} g' README.md \
    | sed 's/min_words/min_wrods/' >"$TMP/my-recipe.yaml"
run "$NASKH" lint "$TMP/my-recipe.yaml"
expect_rc "README broken recipe fails lint" 2
case $ERR in *"$want"*) ok "README shows the real lint message" ;; *) notok "README lint message" "got: $ERR; README: $want" ;; esac

run "$NASKH" run scripts/examples/my-recipe.yaml configs/samples/*.txt
expect_rc "README example recipe with the user stage" 0

printf 'local naskh = require "naskh"\nprint(#naskh.sentences("قال بوتين: نعم. وأضاف أن الحل سياسي."))\n' >"$TMP/a.lua"
run "$NASKH" script "$TMP/a.lua"
expect_rc "README script example runs" 0
expect_eq "README script example splits two sentences" "$OUT" "2"
