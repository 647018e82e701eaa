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
expect_out "README recipe prints Markdown" "**Words**: "
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

# Every shell line of the README runs as written, in a scratch directory holding the tree's
# build/, configs/ and scripts/ and the files the README asks to save (my-recipe.yaml,
# my-analysis.lua). `make` lines are the build and test entry points themselves (the suite
# runs under `make test`; bench/eval need ../shared, install needs a prefix): not run here.
# (docs/cookbook.md's shell blocks run in tests/lua/test_docs_examples.lua.)
W="$TMP/readme"
mkdir -p "$W"
for d in build configs; do ln -s "$PWD/$d" "$W/$d"; done
# scripts/ is copied, not linked: a recipe's script path is confined to the recipe's directory
# after symbolic links are resolved, and the README's user works inside the tree.
cp -R scripts "$W/scripts"
awk '/Save this as `my-recipe.yaml`/{f=1; next} f && /^```yaml/{g=1; next} g && /^```/{exit} g' README.md >"$W/my-recipe.yaml"
awk '/with `my-analysis.lua`/{f=1; next} f && /^```lua/{g=1; next} g && /^```/{exit} g' README.md >"$W/my-analysis.lua"
[ -s "$W/my-analysis.lua" ] && ok "README: my-analysis.lua is shown" || notok "README: my-analysis.lua is shown"
awk '/^```(sh|bash)[[:space:]]*$/{f=1; next} f && /^```/{f=0; next} f' README.md >"$TMP/readme-lines"
nrun=0 nskip=0
while IFS= read -r line; do
    cmd=$(printf '%s' "$line" | sed -E 's/[[:space:]]+#.*$//')
    [ -z "$cmd" ] && continue
    case $cmd in
    make|make\ *) nskip=$((nskip + 1)); continue ;;
    lua5.4\ *|*\ lua5.4\ *) command -v lua5.4 >/dev/null || { ok "# SKIP $cmd: no lua5.4"; continue; } ;;
    esac
    nrun=$((nrun + 1))
    (cd "$W" && sh -c "$cmd") >"$TMP/rl.out" 2>"$TMP/rl.err" </dev/null
    rc=$?
    if [ $rc = 0 ]; then ok "README line runs: $cmd"; else notok "README line runs: $cmd" "exit $rc: $(head -3 "$TMP/rl.err")"; fi
done <"$TMP/readme-lines"
[ $nrun -ge 8 ] && ok "README: $nrun shell lines run ($nskip make lines not)" || notok "README: shell lines found" "$nrun"
case $(head -c 1 "$W/summary.jsonl" 2>/dev/null) in '{') ok "README's -o summary.jsonl is JSON Lines" ;;
*) notok "README's -o summary.jsonl is JSON Lines" ;; esac
