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
# my-analysis.lua). `make` lines run in the tree, except the few listed in not_run below with
# the reason; a make line in neither is a failure (add it to one or the other).
# (docs/cookbook.md's shell blocks run in tests/lua/test_docs_examples.lua: every one.)
not_run() { # not_run CMD: the reason a README make line is not run here, or nothing
    case $1 in
    "make test") echo "the suite itself: it runs this test" ;;
    "make sanitize") echo "the whole suite again under ASan+UBSan (minutes; .ci/run runs it)" ;;
    "make fuzz"*) echo "libFuzzer with clang, FUZZ_SECONDS per target (tests/fuzz; the corpus regressions run in lua/test_fuzz_regressions.lua)" ;;
    "make bench") echo "reads ../shared/bench, which make test must not read" ;;
    "make eval") echo "reads ../shared/data, which make test must not read" ;;
    "make format") echo "rewrites the sources; make format-check, on the same line, runs instead" ;;
    "make install PREFIX=/usr/local") echo "writes into /usr/local; tests/cli/test_install.sh runs make install with a DESTDIR" ;;
    esac
}
make_line() { # make_line CMD: run a README make line in the tree
    if [ -n "${NK_SANITIZE:-}" ]; then
        ok "# SKIP README line $1: make builds the normal build, not the sanitized one"
        return
    fi
    local m=${1#make}
    [ "$1" = "make format" ] && m=" format-check"
    if [ "$m" = " format-check" ] && ! command -v clang-format >/dev/null; then
        ok "# SKIP README line make format-check: clang-format is not installed"
        return
    fi
    # shellcheck disable=SC2086
    make --no-print-directory -s B="$B" $m >"$TMP/rl.out" 2>"$TMP/rl.err" </dev/null
    local rc=$?
    if [ $rc = 0 ]; then ok "README line runs: make$m"; else notok "README line runs: make$m" "exit $rc: $(tail -3 "$TMP/rl.err")"; fi
    case $m in " run") expect_eq "make run prints the summary of the samples" "$(grep -c '^## Summary' "$TMP/rl.out")" 1 ;; esac
}
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
    make|make\ *)
        why=$(not_run "$cmd")
        if [ -n "$why" ]; then
            nskip=$((nskip + 1))
            echo "# not run: README line $cmd: $why"
            [ "$cmd" = "make format" ] && make_line "$cmd"
        elif [ "$cmd" = make ] || [ "$cmd" = "make run" ]; then
            make_line "$cmd"
        else
            notok "README make line is run or listed in not_run" "$cmd"
        fi
        continue ;;
    lua5.4\ *|*\ lua5.4\ *) command -v lua5.4 >/dev/null || { ok "# SKIP $cmd: no lua5.4"; continue; } ;;
    esac
    nrun=$((nrun + 1))
    (cd "$W" && sh -c "$cmd") >"$TMP/rl.out" 2>"$TMP/rl.err" </dev/null
    rc=$?
    if [ $rc = 0 ]; then ok "README line runs: $cmd"; else notok "README line runs: $cmd" "exit $rc: $(head -3 "$TMP/rl.err")"; fi
done <"$TMP/readme-lines"
[ $nrun -ge 8 ] && ok "README: $nrun shell lines run besides make (and $nskip make lines not, each with its reason)" || notok "README: shell lines found" "$nrun"
case $(head -c 1 "$W/summary.jsonl" 2>/dev/null) in '{') ok "README's -o summary.jsonl is JSON Lines" ;;
*) notok "README's -o summary.jsonl is JSON Lines" ;; esac
