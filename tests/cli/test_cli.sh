#!/usr/bin/env bash
# The naskh command line: exit codes 0/1/2, help, messages with positions.
. "$(dirname "$0")/lib.sh"

run "$NASKH" --version
expect_rc "--version exits 0" 0
expect_out "--version names the program" "naskh "

run "$NASKH" --help
expect_rc "--help exits 0" 0
expect_out "--help lists run" "run "
expect_out "--help lists lint" "lint "

run "$NASKH"
expect_rc "no command is a usage error (2)" 2

run "$NASKH" rnu
expect_rc "unknown command exits 2" 2
expect_err "unknown command suggests the closest" "did you mean 'run'?"

# Every command the binary lists has a --help that shows its usage.
cmds=$("$NASKH" --help | awk '/^commands:/{f=1; next} f && /^  [a-z]/{print $1} f && /^$/{exit}')
[ -n "$cmds" ] && ok "--help lists commands" || notok "--help lists commands"
for c in $cmds; do
    run "$NASKH" $c --help
    expect_rc "$c --help exits 0" 0
    expect_out "$c --help shows usage" "usage: naskh $c"
    # an option's doc says "(repeatable)" once: the help adds it for list options
    if printf '%s\n' "$OUT" | grep -q "(repeatable).*(repeatable)"; then
        notok "$c --help says (repeatable) once per option" "$(printf '%s\n' "$OUT" | grep "(repeatable).*(repeatable)")"
    else
        ok "$c --help says (repeatable) once per option"
    fi
done

run "$NASKH" run --wrods 3
expect_rc "unknown option exits 2" 2
expect_err "unknown option names the option" "unknown option '--wrods'"

run "$NASKH" run
expect_rc "run without a recipe exits 2" 2

run "$NASKH" run sumarize
expect_rc "unknown bundled recipe exits 2" 2
expect_err "unknown recipe is reported" "no recipe 'sumarize'"

run "$NASKH" lint tests/lint/bad_option.yaml
expect_rc "lint of a broken recipe exits 2" 2
expect_err "lint points at line and column" "bad_option.yaml:5:7: unknown option 'min_wrods'"

run "$NASKH" lint tests/lint/good_example.yaml
expect_rc "lint of a good recipe exits 0" 0

run "$NASKH" run tests/lint/bad_type.yaml configs/samples/000_86031912e7f8d5b8.txt
expect_rc "run validates before running (exit 2)" 2
expect_eq "run writes nothing when the recipe is invalid" "$OUT" ""

# A user stage from the README's example.
run "$NASKH" run scripts/examples/my-recipe.yaml configs/samples/*.txt
expect_rc "example recipe with a user stage runs" 0
expect_out "example stage renders in Markdown (its view)" "**Words**: 358"

run "$NASKH" run scripts/examples/my-recipe.yaml configs/samples/000_86031912e7f8d5b8.txt --set word_count.min_words=5000
expect_rc "--set overrides an option" 0
expect_err "the overridden option takes effect (warning)" "only 358 words (min_words is 5000)"

run "$NASKH" run scripts/examples/my-recipe.yaml --set word_count.min_wrods=1 configs/samples/000_86031912e7f8d5b8.txt
expect_rc "--set with an unknown option exits 2" 2
expect_err "--set suggests the option" "did you mean 'min_words'?"

run "$NASKH" run scripts/examples/my-recipe.yaml --set word_count.min_words=many configs/samples/000_86031912e7f8d5b8.txt
expect_rc "--set with a bad value exits 2" 2
expect_err "--set names the expected type" 'expected an integer, got "many"'

# One failing document does not kill the batch.
printf 'fine one\n' >"$TMP/a.txt"; printf 'has BOOM in it\n' >"$TMP/b.txt"; printf 'fine two\n' >"$TMP/c.txt"
run "$NASKH" run tests/cli/fixtures/fail_some.yaml "$TMP/a.txt" "$TMP/b.txt" "$TMP/c.txt"
expect_rc "a failing document gives exit 1" 1
expect_err "the failure names the document and stage" "b.txt): stage 'fail_some' failed: "
expect_eq "every document is still written" "$(echo "$OUT" | wc -l)" "3"
expect_out "the failure is recorded on the document" '"errors":[{"message":'
expect_out "the other documents are processed" '"checked":true,"errors":[],"id":"c"'

run "$NASKH" run tests/cli/fixtures/fail_some.yaml "$TMP/a.txt" "$TMP/missing.txt"
expect_rc "an unreadable input gives exit 1" 1
expect_err "the unreadable input is named" "missing.txt: No such file or directory"
expect_out "the readable input is still processed" '"id":"a"'

run "$NASKH" run tests/cli/fixtures/fail_some.yaml "$TMP/a.txt" -o "$TMP/no/such/dir/out.jsonl"
expect_rc "an unwritable output exits 2 before any work" 2
expect_err "the output problem is explained" "cannot write output"

# JSON Lines in, with a broken line.
printf '{"id":"x1","text":"one"}\n{"id":"x2","text":\n{"id":"x3","text":"three","meta":{"date":"2017-11-21"}}\n' >"$TMP/in.jsonl"
run "$NASKH" run tests/cli/fixtures/fail_some.yaml "$TMP/in.jsonl"
expect_rc "a broken JSON line gives exit 1" 1
expect_err "the broken line is named with its number" "in.jsonl:2:"
expect_out "lines after the broken one are read" '"id":"x3","meta":{"date":"2017-11-21"}'

run_in "text from stdin" "$NASKH" run tests/cli/fixtures/fail_some.yaml -
expect_rc "stdin input" 0
expect_out "stdin document" '"id":"stdin"'

printf 'print(require("naskh").version); return 3\n' >"$TMP/s.lua"
run "$NASKH" script "$TMP/s.lua"
expect_rc "naskh script returns the script's integer" 3
expect_out "naskh script has the module" "0."

run "$NASKH" recipes
expect_rc "recipes lists bundled recipes" 0

# Boolean options: --x, --x=false, --no-x.
run "$NASKH" lint tests/lint/good_example.yaml --quiet=false
expect_rc "--opt=false is accepted" 0
expect_out "--quiet=false keeps the output" "ok ("
run "$NASKH" lint tests/lint/good_example.yaml --no-quiet
expect_rc "--no-opt is accepted" 0
run "$NASKH" lint tests/lint/good_example.yaml --quiet=maybe
expect_rc "--opt=junk is a usage error" 2

# help on a stage; a name that is both a command and a stage shows both.
run "$NASKH" help split
expect_rc "help split exits 0" 0
expect_out "help split shows the command" "usage: naskh split"
expect_out "help split shows the stage's options" "stage split (document)"
run "$NASKH" help splt
expect_rc "help on an unknown topic exits 2" 2
expect_err "help suggests a topic" "did you mean 'split'?"
