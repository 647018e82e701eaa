#!/usr/bin/env bash
# Bad input never crashes naskh and never loses work: each case gets a clear
# message (file and position where there is one), the documented exit status
# (0 success, 1 some documents failed and the rest was written, 2 usage,
# config or input error before any work), and per-document failures do not
# stop the batch. NASKH_BIG_TESTS=1 uses a 1 GB single-line file instead of
# 50 MB (20 MB under `make sanitize`).
. "$(dirname "$0")/lib.sh"
FX=tests/cli/fixtures/badinput
R=$FX/split.yaml
GOOD=configs/samples/000_86031912e7f8d5b8.txt
NASKH_ROOT_ABS=$PWD
lines() { if [ -f "$1" ]; then wc -l <"$1" | tr -d ' '; else echo none; fi; }

# --- invalid UTF-8, NUL bytes, empty files, binary files: processed, with warnings
printf 'abc \xff\xfe def. ثم قال\n' >"$TMP/invalid.txt"
printf 'a\000b. c\000\n' >"$TMP/nul.txt"
: >"$TMP/empty.txt"
head -c 200000 "$NASKH" >"$TMP/binary.txt"
run "$NASKH" run $R "$TMP/invalid.txt" "$TMP/nul.txt" "$TMP/empty.txt" "$TMP/binary.txt" $GOOD -o "$TMP/out.jsonl"
expect_rc "invalid UTF-8, NUL, empty and binary inputs: exit 0" 0
expect_eq "all five documents are written" "$(lines "$TMP/out.jsonl")" 5
grep -q '"message":"[^"]*invalid.txt: invalid UTF-8 at byte 5' "$TMP/out.jsonl" \
    && ok "invalid UTF-8: the warning names the file and the byte" \
    || notok "invalid UTF-8: the warning names the file and the byte" "$(grep -o '"warnings[^]]*' "$TMP/out.jsonl" | head -2)"
grep -q 'a\\u0000b' "$TMP/out.jsonl" && ok "NUL bytes are kept (escaped in JSON)" || notok "NUL bytes are kept (escaped in JSON)"
grep -q '"message":"[^"]*empty.txt: empty document' "$TMP/out.jsonl" && ok "an empty file: a warning with its name" \
    || notok "an empty file: a warning with its name"
grep -q '"id":"binary".*binary.txt: invalid UTF-8 at byte' "$TMP/out.jsonl" && ok "a binary file is read as text with a warning" \
    || notok "a binary file is read as text with a warning"
expect_err "invalid UTF-8: a warning on stderr with the file" "naskh: $TMP/invalid.txt: warning: invalid UTF-8 at byte 5 (kept as is"
expect_err "NUL bytes: a warning on stderr" "naskh: $TMP/nul.txt: warning: NUL byte at byte 2"
expect_err "an empty file: a warning on stderr" "naskh: $TMP/empty.txt: warning: empty document"
expect_err "a binary file: a warning on stderr" "naskh: $TMP/binary.txt: warning: invalid UTF-8 at byte"
grep -q '"message":"[^"]*nul.txt: NUL byte at byte 2' "$TMP/out.jsonl" && ok "NUL bytes: the warning is recorded" \
    || notok "NUL bytes: the warning is recorded"
run "$NASKH" run $R "$TMP/invalid.txt" "$TMP/nul.txt" "$TMP/empty.txt" "$TMP/binary.txt" $GOOD -o "$TMP/outq.jsonl" -q
expect_rc "-q: exit 0" 0
expect_eq "-q: no warnings on stderr" "$ERR" ""
cmp -s "$TMP/out.jsonl" "$TMP/outq.jsonl" && ok "-q: the warnings are still recorded (same output)" \
    || notok "-q: the warnings are still recorded (same output)"
run "$NASKH" run $R "$TMP/invalid.txt" "$TMP/nul.txt" "$TMP/empty.txt" "$TMP/binary.txt" $GOOD -o "$TMP/outj.jsonl" --jobs 2
cmp -s "$TMP/out.jsonl" "$TMP/outj.jsonl" && ok "--jobs 2: the same output and warnings" \
    || notok "--jobs 2: the same output and warnings"
expect_eq "--jobs 2: each warning printed once" "$(echo "$ERR" | grep -c ': warning: ')" 4
printf '{"id":"j1","text":"a\\u0000b"}\n{"id":"j2","text":""}\n' >"$TMP/warn.jsonl"
run "$NASKH" run $R "$TMP/warn.jsonl" -o "$TMP/w.jsonl"
expect_err "JSON Lines: a warning gives the file and line" "naskh: $TMP/warn.jsonl:2: warning: empty document"
expect_err "JSON Lines: a NUL byte in a text" "naskh: $TMP/warn.jsonl:1: warning: NUL byte at byte 2"
run_in "$(printf 'x\377y. z')" "$NASKH" split
expect_rc "naskh split on invalid UTF-8: exit 0" 0
run "$NASKH" split <"$TMP/binary.txt"
expect_rc "naskh split on a binary file: exit 0" 0
run "$NASKH" tokens <"$TMP/nul.txt"
expect_rc "naskh tokens with NUL bytes: exit 0" 0

# --- a large single-line file
if [ -n "${NASKH_BIG_TESTS:-}" ]; then size=$((1 << 30)); elif [ -n "${NK_SANITIZE:-}" ]; then size=$((20 << 20)); else size=$((50 << 20)); fi
big="$TMP/big.txt"
"$NASKH" script $FX/bigline.lua $size "$big"
limit=""; [ $size -gt $((64 << 20)) ] && limit="--max-doc-mb 0"   # over the default limit
run "$NASKH" run $FX/split_only.yaml "$big" -o "$TMP/big.jsonl" $limit
expect_rc "a $((size >> 20)) MB single-line file: exit 0" 0
expect_eq "a $((size >> 20)) MB single-line file: one document written" "$(lines "$TMP/big.jsonl")" 1
run "$NASKH" split <"$big"
expect_rc "naskh split on the $((size >> 20)) MB line: exit 0" 0
if [ -n "$limit" ]; then
    run "$NASKH" run $FX/split_only.yaml "$big" $GOOD -o "$TMP/big.jsonl"
    expect_rc "a $((size >> 20)) MB file under the default limit: exit 1" 1
    expect_err "a $((size >> 20)) MB file: the default limit" "stage 'read' failed: document is $((size >> 20)) MB, above the limit of 64 MB"
fi
rm -f "$big" "$TMP/big.jsonl"

# --- the text commands stream: 100 MB of lines under an 80 MB address-space limit (they read
# blocks of 1 MB cut at line ends, so memory does not grow with the input; reading the whole
# input, as they once did, fails with "not enough memory"). Not under ASan, whose shadow
# memory needs far more address space than any limit.
if [ -z "${NK_SANITIZE:-}" ]; then
    { yes "$(printf '%4000s' '')x" | head -c 100000000; printf 'x روسيا\n'; } >"$TMP/lines.txt"
    printf 'روسيا\tLOC\n' >"$TMP/one.tsv"
    for c in split tokens "split --offsets" "normalize --map" "match -g $TMP/one.tsv"; do
        # shellcheck disable=SC2086
        (ulimit -v 80000 && "$NASKH" $c <"$TMP/lines.txt" >"$TMP/lines.out" 2>"$TMP/lines.err")
        rc=$?
        [ $rc = 0 ] && [ -s "$TMP/lines.out" ] && ok "naskh ${c%% -g*} streams 100 MB in 80 MB of address space" ||
            notok "naskh ${c%% -g*} streams 100 MB in 80 MB of address space" "exit $rc: $(head -c 200 "$TMP/lines.err")"
    done
    # the code point offsets of the last piece count everything streamed before it
    OUT=$(cat "$TMP/lines.out")
    expect_out "match: the offsets of a match after 100 MB of streamed lines" '"end":100000007'
    expect_out "match: the start after 100 MB of streamed lines" '"start":100000002'
    rm -f "$TMP/lines.txt" "$TMP/lines.out"
fi

# --- the text commands bound the one piece they hold: a line (a paragraph for --paragraphs)
# longer than --max-doc-mb (default 64) is refused before it is held, exit 2, naming the place;
# tokens cuts such a line at spaces, so it streams whatever the limit
{ printf 'سطر قصير.\n'; yes 'كلمة word' | head -n 210000 | tr '\n' ' '; printf '\n'; } >"$TMP/longline.txt"
for c in split "split --paragraphs" "match -g $TMP/one.tsv" "normalize --map" entities; do
    [ -f "$TMP/one.tsv" ] || printf 'روسيا\tLOC\n' >"$TMP/one.tsv"
    # shellcheck disable=SC2086
    run "$NASKH" $c --max-doc-mb 1 "$TMP/longline.txt" -o "$TMP/ll.out"
    expect_rc "naskh ${c%% -g*} --max-doc-mb 1 on a 3 MB line: exit 2" 2
    want="a line of more than 1 MB at byte 17 (no line break in it)"
    [ "$c" = "split --paragraphs" ] && want="a paragraph of more than 1 MB at byte 0 (no blank line in it)"
    expect_err "naskh ${c%% -g*} --max-doc-mb 1: the place and the limit" "$TMP/longline.txt: $want"
    expect_err "naskh ${c%% -g*} --max-doc-mb 1: how to raise it" "not processed (raise the limit with --max-doc-mb N, 0 for none)"
    left=$(ls "$TMP"/ll.out* 2>/dev/null)
    [ -z "$left" ] && ok "naskh ${c%% -g*} --max-doc-mb 1: no output, no temporary file" ||
        notok "naskh ${c%% -g*} --max-doc-mb 1: no output, no temporary file" "$left"
    # shellcheck disable=SC2086
    run "$NASKH" $c --max-doc-mb 0 "$TMP/longline.txt"
    expect_rc "naskh ${c%% -g*} --max-doc-mb 0: no limit (exit 0)" 0
done
run "$NASKH" tokens --max-doc-mb 1 "$TMP/longline.txt"
expect_rc "naskh tokens --max-doc-mb 1 on a 3 MB line: streams it (exit 0)" 0
expect_eq "... every token" "$(wc -l <"$TMP/out" | tr -d ' ')" "$((210000 * 2 + 3))"
run "$NASKH" split --max-doc-mb -1 "$TMP/longline.txt"
expect_err "--max-doc-mb must not be negative" "option --max-doc-mb must be >= 0"
rm -f "$TMP/longline.txt"

# --- documents over --max-doc-mb: recorded as failed without being read, the rest goes on
# (a small limit stands for the default 64 MB, so the test stays fast)
"$NASKH" script $FX/bigline.lua $((3 << 20)) "$TMP/three.txt"
for j in 1 2; do
    run "$NASKH" run $R "$TMP/three.txt" $GOOD -o "$TMP/lim$j.jsonl" --max-doc-mb 1 --jobs $j
    expect_rc "--max-doc-mb 1 --jobs $j: exit 1 (a document failed)" 1
    expect_err "--max-doc-mb 1 --jobs $j: the file, its size and the limit" \
        "naskh: three ($TMP/three.txt): stage 'read' failed: document is 3 MB, above the limit of 1 MB; not processed (raise the limit with --max-doc-mb N"
    expect_eq "--max-doc-mb 1 --jobs $j: both documents are written" "$(lines "$TMP/lim$j.jsonl")" 2
    grep -q '"errors":\[{"message":"document is 3 MB, above the limit of 1 MB[^"]*","stage":"read"}\],"id":"three"' "$TMP/lim$j.jsonl" \
        && ok "--max-doc-mb 1 --jobs $j: the failure is in the record" || notok "--max-doc-mb 1 --jobs $j: the failure is in the record"
    grep -q '"id":"000_86031912e7f8d5b8".*"sentences"' "$TMP/lim$j.jsonl" \
        && ok "--max-doc-mb 1 --jobs $j: the other document is processed" || notok "--max-doc-mb 1 --jobs $j: the other document is processed"
done
cmp -s "$TMP/lim1.jsonl" "$TMP/lim2.jsonl" && ok "--max-doc-mb: the same output with --jobs 1 and 2" \
    || notok "--max-doc-mb: the same output with --jobs 1 and 2"
run "$NASKH" run $R "$TMP/three.txt" -o "$TMP/lim.jsonl" --set limits.max_doc_mb=0.5
expect_err "--set limits.max_doc_mb: used" "document is 3 MB, above the limit of 0.5 MB"
run "$NASKH" run $R "$TMP/three.txt" -o "$TMP/lim.jsonl" --max-doc-mb 4
expect_rc "--max-doc-mb 4: a 3 MB document is processed" 0
# a document of 1 MB or more is written to the output file in pieces (not as one string): same bytes
run "$NASKH" run $FX/split_text.yaml "$TMP/three.txt" $GOOD -o "$TMP/big1.jsonl" --jobs 1
run "$NASKH" run $FX/split_text.yaml "$TMP/three.txt" $GOOD -o "$TMP/big2.jsonl" --jobs 2
cmp -s "$TMP/big1.jsonl" "$TMP/big2.jsonl" && ok "a big document written in pieces: the same bytes as in one string" \
    || notok "a big document written in pieces: the same bytes as in one string"
grep -q "^{\"errors\":\[\],\"id\":\"three\".*\"text\":\"كلمة" "$TMP/big1.jsonl" && ok "a big document written in pieces: its text is there" \
    || notok "a big document written in pieces: its text is there"
if [ -c /dev/full ]; then
    run "$NASKH" run $FX/split_text.yaml "$TMP/three.txt" -o /dev/full --jobs 1
    expect_rc "a big document to a full disk: exit 2" 2
    expect_err "a big document to a full disk: a clear message" "cannot write output '/dev/full': No space left on device"
fi
rm -f "$TMP"/big[12].jsonl
"$NASKH" run $R --max-doc-mb 1 <"$TMP/three.txt" >"$TMP/lim.jsonl" 2>"$TMP/err"
RC=$?; ERR=$(cat "$TMP/err")
expect_rc "--max-doc-mb on standard input: exit 1" 1
expect_err "--max-doc-mb on standard input: the message" "naskh: stdin: stage 'read' failed: document is 3 MB, above the limit of 1 MB"
{ echo '{"id":"a","text":"one. two."}'; printf '{"id":"b","text":"'; cat "$TMP/three.txt"; echo '"}'; echo '{"id":"c","text":"three."}'; } >"$TMP/lim.jsonl.in"
run "$NASKH" run $FX/split_jsonl.yaml "$TMP/lim.jsonl.in" --max-doc-mb 1 -o "$TMP/limj.jsonl"
expect_rc "a JSON line over --max-doc-mb: exit 1" 1
expect_err "a JSON line over --max-doc-mb: file and line" "lim.jsonl.in:2: line of 3 MB, above the limit of 1 MB; line skipped"
expect_eq "a JSON line over --max-doc-mb: the other lines are processed" "$(lines "$TMP/limj.jsonl")" 2
rm -f "$TMP/three.txt" "$TMP/lim"*

# --- JSON Lines with a broken line: reported with file:line, the rest processed
printf '{"id":"a","text":"one. two."}\n{"id":"b","text": broken\n\n{"id":"c","text":"three."}\n{"id":"d"}\n' >"$TMP/in.jsonl"
run "$NASKH" run $R "$TMP/in.jsonl" -o "$TMP/j.jsonl"
expect_rc "a broken JSON line: exit 1" 1
expect_err "a broken JSON line: file, line and column" "in.jsonl:2: expected value but found invalid token at character 19; line skipped"
expect_err "a line without text: file and line" "in.jsonl:5: each line must be an object with a string field \"text\""
expect_eq "a broken JSON line: the other documents are written" "$(grep -o '"id":"[a-z]"' "$TMP/j.jsonl" | tr -d '\n')" '"id":"a""id":"c"'
run "$NASKH" run $R "$TMP/in.jsonl" -o "$TMP/j2.jsonl" --fail-fast
expect_rc "--fail-fast on a broken line: exit 1" 1
[ -e "$TMP/j2.jsonl" ] && notok "--fail-fast: no output written" || ok "--fail-fast: no output written"

# --- recipes: deep nesting, alias bombs, unknown stages and options
{ printf 'name: deep\nstages: [ { split: {} } ]\nx: '; printf '[%.0s' $(seq 1000); printf ']%.0s' $(seq 1000); echo; } >"$TMP/deep.yaml"
run "$NASKH" run "$TMP/deep.yaml" $GOOD
expect_rc "deeply nested YAML: exit 2" 2
expect_err "deeply nested YAML: file:line:col" "deep.yaml:3:67: nesting deeper than 64 levels"
start=$(date +%s)
run "$NASKH" run $FX/bomb.yaml $GOOD
expect_rc "an alias bomb: exit 2" 2
expect_err "an alias bomb: file:line:col" "bomb.yaml:8:8: document too large after alias expansion"
[ $(($(date +%s) - start)) -lt 10 ] && ok "an alias bomb is refused quickly" || notok "an alias bomb is refused quickly"
run "$NASKH" run $FX/unknown.yaml $GOOD
expect_rc "an unknown stage: exit 2" 2
expect_err "an unknown stage: file:line:col and a suggestion" "unknown.yaml:3:5: unknown stage 'splt' (did you mean 'split'?)"
expect_err "an unknown option: file:line:col and a suggestion" "unknown.yaml:4:15: unknown option 'clitcs' for stage 'tokens' (did you mean 'clitics'?)"
run "$NASKH" run $R $GOOD --ouput x.jsonl
expect_rc "an unknown command-line option: exit 2" 2
expect_err "an unknown command-line option: a suggestion" "unknown option '--ouput' (did you mean '--output'?)"
run "$NASKH" run $R $GOOD --set tokens.clitcs=true
expect_rc "an unknown --set option: exit 2" 2
expect_err "an unknown --set option: a suggestion" "unknown option 'clitcs' for stage 'tokens'"
run "$NASKH" run no-such-recipe $GOOD
expect_rc "an unknown recipe: exit 2" 2

# --- a missing or unreadable gazetteer (or other file option): refused before any work, exit 2,
# with the recipe's FILE:LINE:COL, the resolved path and the system's reason
run "$NASKH" run $FX/missing_gazetteer.yaml $GOOD configs/samples/001_d98b33668da296b2.txt -o "$TMP/g.jsonl"
expect_rc "a missing gazetteer: exit 2 before any work" 2
expect_err "a missing gazetteer: position, resolved path and reason" \
    "missing_gazetteer.yaml:3:30: option 'gazetteers' for stage 'entities': cannot read 'no-such-gazetteer.tsv' ($FX/no-such-gazetteer.tsv): No such file or directory; fix the path or remove it"
[ -e "$TMP/g.jsonl" ] && notok "a missing gazetteer: no output written" || ok "a missing gazetteer: no output written"
run "$NASKH" lint $FX/missing_gazetteer.yaml
expect_rc "a missing gazetteer: naskh lint exits 2" 2
expect_err "a missing gazetteer: naskh lint gives the position" "missing_gazetteer.yaml:3:30: option 'gazetteers'"
run "$NASKH" lint $FX/bad_files.yaml
expect_rc "unreadable file options with other errors: lint exits 2" 2
expect_eq "lint reports every problem, in order" "$(echo "$ERR" | grep -o 'bad_files.yaml:[0-9]*:[0-9]*: [a-z]* .[a-z_]*' | tr '\n' '|')" \
    "bad_files.yaml:4:28: option 'markers_file|bad_files.yaml:5:34: option 'abbreviations_file|bad_files.yaml:6:54: option 'gazetteers|bad_files.yaml:6:94: unknown option|"
case $ERR in *cities.yaml*) notok "an existing gazetteer is not reported" ;; *) ok "an existing gazetteer is not reported" ;; esac
mkdir -p "$TMP/gazdir"
printf 'name: g\nstages:\n  - entities: {gazetteers: [%s]}\n' "$TMP/gazdir" >"$TMP/gazdir.yaml"
run "$NASKH" lint "$TMP/gazdir.yaml"
expect_rc "a directory as a gazetteer: exit 2" 2
expect_err "a directory as a gazetteer: the reason" "gazdir.yaml:3:29: option 'gazetteers' for stage 'entities': cannot read '$TMP/gazdir': Is a directory"
printf 'x\tLOC\n' >"$TMP/locked.tsv"
chmod 000 "$TMP/locked.tsv"
printf 'name: g\nstages:\n  - entities: {gazetteers: [locked.tsv]}\n' >"$TMP/locked.yaml"
if [ -r "$TMP/locked.tsv" ]; then
    ok "an unreadable gazetteer # SKIP running as root, permissions do not apply"
else
    run "$NASKH" run "$TMP/locked.yaml" $GOOD
    expect_rc "an unreadable gazetteer: exit 2" 2
    expect_err "an unreadable gazetteer: the reason" "locked.yaml:3:30: option 'gazetteers' for stage 'entities': cannot read 'locked.tsv' ($TMP/locked.tsv): Permission denied"
fi
chmod 600 "$TMP/locked.tsv"
run "$NASKH" run entities $GOOD --set 'entities.gazetteers=[no-such-gazetteer.tsv]'
expect_rc "--set with a missing gazetteer: exit 2" 2
expect_err "--set with a missing gazetteer: the reason" "--set entities.gazetteers=[no-such-gazetteer.tsv]: option 'gazetteers' for stage 'entities': cannot read 'no-such-gazetteer.tsv' ("
expect_err "--set with a missing gazetteer: No such file" "): No such file or directory; fix the path"
(cd "$TMP" && "$NASKH" run "$NASKH_ROOT_ABS/configs/recipes/entities.yaml" "$NASKH_ROOT_ABS/$GOOD" \
    --set 'entities.gazetteers=[locked.tsv]' --set entities.bundled=false -o "$TMP/set.jsonl" 2>"$TMP/err")
RC=$?; ERR=$(cat "$TMP/err")
expect_rc "--set with a gazetteer relative to the working directory: exit 0" 0
run "$NASKH" run entities $GOOD --set "entities.gazetteers=$TMP/gazdir"
expect_rc "--set with a directory as gazetteer: exit 2" 2
expect_err "--set with a directory as gazetteer: the reason" "cannot read '$TMP/gazdir': Is a directory"
printf 'bad line without a tab\n' >"$TMP/bad.tsv"
run "$NASKH" run entities $GOOD --set "entities.gazetteers=$TMP/bad.tsv"
expect_rc "a malformed gazetteer: exit 2 before any document" 2
expect_err "a malformed gazetteer: its line and column" "bad.tsv:1:1: expected surface<TAB>type"
printf 'name: r\nstages:\n  - script: { file: %s/tests/cli/fixtures/sandbox/reads.lua, list: no-such-list.txt }\n' "$NASKH_ROOT_ABS" >"$TMP/reads.yaml"
run "$NASKH" lint "$TMP/reads.yaml"
expect_rc "a user stage's file option (file = true in its schema): lint exits 2" 2
col=$(($(sed -n 3p "$TMP/reads.yaml" | sed 's/no-such-list.*//' | wc -c)))
expect_err "a user stage's file option: position and reason" "reads.yaml:3:$col: option 'list' for stage 'reads': cannot read 'no-such-list.txt' ($TMP/no-such-list.txt): No such file or directory"
run "$NASKH" run tests/cli/fixtures/sandbox/reads.yaml $GOOD --set reads.list=no-such-list.txt
expect_rc "a user stage's file option with --set: exit 2" 2
expect_err "a user stage's file option with --set: the reason" "option 'list' for stage 'reads': cannot read 'no-such-list.txt'"
run_in "قال" "$NASKH" match -g "$TMP/no-such.tsv"
expect_rc "naskh match -g MISSING: exit 2" 2
expect_err "naskh match -g MISSING: the reason" "cannot read gazetteer $TMP/no-such.tsv: No such file or directory"
run_in "قال" "$NASKH" match -g "$TMP/gazdir"
expect_err "naskh match -g DIRECTORY: the reason" "cannot read gazetteer $TMP/gazdir: Is a directory"
run_in "قال" "$NASKH" entities -g "$TMP/no-such.tsv"
expect_rc "naskh entities -g MISSING: exit 2" 2
expect_err "naskh entities -g MISSING: the reason" "cannot read gazetteer $TMP/no-such.tsv: No such file or directory"

# --- unreadable inputs: reported, the rest processed
run "$NASKH" run $R "$TMP/no-such-file.txt" $GOOD -o "$TMP/u.jsonl"
expect_rc "a missing input: exit 1" 1
expect_err "a missing input: the message names it" "no-such-file.txt: No such file or directory"
expect_eq "a missing input: the other document is written" "$(lines "$TMP/u.jsonl")" 1
printf 'secret. text.\n' >"$TMP/locked.txt"
chmod 000 "$TMP/locked.txt"
if [ -r "$TMP/locked.txt" ]; then
    ok "an unreadable input # SKIP running as root, permissions do not apply"
else
    run "$NASKH" run $R "$TMP/locked.txt" $GOOD -o "$TMP/l.jsonl"
    expect_rc "an unreadable input: exit 1" 1
    expect_err "an unreadable input: the message names it" "locked.txt: Permission denied"
    expect_eq "an unreadable input: the other document is written" "$(lines "$TMP/l.jsonl")" 1
fi
chmod 600 "$TMP/locked.txt"
mkdir -p "$TMP/nodocs"
run "$NASKH" run $R "$TMP/nodocs" $GOOD -o "$TMP/d.jsonl"
expect_rc "a directory without documents: exit 1" 1
expect_err "a directory without documents: the message names it" "nodocs: directory has no .txt or .jsonl files"

# --- outputs that cannot be written: exit 2 before any work, nothing left behind
run "$NASKH" run $R $GOOD -o /nonexistent-naskh-dir/out.jsonl
expect_rc "an output directory that does not exist: exit 2" 2
expect_err "an output directory that does not exist: a clear message" "cannot write output '/nonexistent-naskh-dir/out.jsonl': No such file or directory"
run "$NASKH" run $R $GOOD -o "$TMP/locked.txt/out.jsonl"
expect_rc "an output 'directory' that is a file: exit 2" 2
expect_err "an output 'directory' that is a file: a clear message" "Not a directory"
mkdir -p "$TMP/ro"
chmod 555 "$TMP/ro"
if [ -w "$TMP/ro" ]; then
    ok "an unwritable output directory # SKIP running as root, permissions do not apply"
else
    run "$NASKH" run $R $GOOD -o "$TMP/ro/out.jsonl"
    expect_rc "an unwritable output directory: exit 2" 2
    expect_err "an unwritable output directory: a clear message" "Permission denied"
fi
chmod 755 "$TMP/ro"
run "$NASKH" run $R $GOOD -o "$TMP"
expect_rc "a directory as the output file: exit 2" 2
expect_err "a directory as the output file: a clear message" "it is a directory"

# --- a full disk
if [ -c /dev/full ]; then
    run "$NASKH" run $R $GOOD -o /dev/full
    expect_rc "a full disk (-o /dev/full): exit 2" 2
    expect_err "a full disk: a clear message" "cannot write output '/dev/full': No space left on device"
    [ -c /dev/full ] && ok "the device is still a device (written in place, not renamed over)" \
        || notok "the device is still a device (written in place, not renamed over)"
    "$NASKH" run $R $GOOD >/dev/full 2>"$TMP/err"
    RC=$?; ERR=$(cat "$TMP/err")
    expect_rc "a full disk on standard output: exit 2" 2
    expect_err "a full disk on standard output: a clear message" "No space left on device"
    "$NASKH" split <$GOOD >/dev/full 2>"$TMP/err"
    RC=$?; ERR=$(cat "$TMP/err")
    expect_rc "naskh split to a full disk: exit 2" 2
else
    ok "a full disk # SKIP no /dev/full"
fi
[ -c /dev/null ] && ok "/dev/null is still a device" || notok "/dev/null is still a device"

# --- a killed run leaves no half-written output (and keeps the previous one)
: >"$TMP/many.jsonl"
filler=$(printf 'نص طويل بعض الشيء لملء المخرجات. %.0s' $(seq 40))
for i in $(seq 200); do printf '{"id":"d%d","text":"%d %s"}\n' "$i" "$i" "$filler" >>"$TMP/many.jsonl"; done
printf 'previous output\n' >"$TMP/kept.jsonl"
"$NASKH" run $FX/slow.yaml "$TMP/many.jsonl" -o "$TMP/kept.jsonl" --jobs 1 2>/dev/null &
pid=$!
tmpfile=""
for _ in $(seq 100); do   # wait until the temporary output has some documents in it
    tmpfile=$(ls "$TMP"/kept.jsonl.tmp-* 2>/dev/null | head -1)
    [ -n "$tmpfile" ] && [ -s "$tmpfile" ] && break
    sleep 0.1
done
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
[ -n "$tmpfile" ] && ok "a run writes its output to a temporary file first" \
    || notok "a run writes its output to a temporary file first" "no $TMP/kept.jsonl.tmp-*"
expect_eq "a killed run leaves the previous output untouched" "$(cat "$TMP/kept.jsonl")" "previous output"
rm -f "$TMP"/kept.jsonl.tmp-*
# (worker processes this time: --jobs 2 returns whole batches)
"$NASKH" run $FX/slow.yaml "$TMP/many.jsonl" -o "$TMP/new.jsonl" --jobs 2 2>/dev/null &
pid=$!
for _ in $(seq 100); do
    f=$(ls "$TMP"/new.jsonl.tmp-* 2>/dev/null | head -1)
    [ -n "$f" ] && break
    sleep 0.1
done
sleep 1
kill -TERM $pid 2>/dev/null
wait $pid 2>/dev/null
[ -e "$TMP/new.jsonl" ] && notok "a killed run publishes no output" || ok "a killed run publishes no output"
