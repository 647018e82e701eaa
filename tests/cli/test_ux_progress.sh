#!/usr/bin/env bash
# issue 20, point 2: the progress line on a terminal is redrawn in place ("\r", text,
# clear-to-end-of-line), ends with a newline before anything else reaches the terminal
# (the report on stdout, warnings), moves with --jobs N, and uses no escape codes with NO_COLOR.
# A pseudo-terminal comes from script(1) (util-linux); skipped without it.
. "$(dirname "$0")/lib.sh"

if ! command -v script >/dev/null 2>&1; then
    ok "# SKIP progress on a tty: script(1) not installed"
    exit 0
fi
samples=(configs/samples/*.txt)
# 300 JSON Lines documents from the samples; record 100 has an empty text (a read warning)
i=0
for k in $(seq 60); do
    for f in "${samples[@]}"; do
        i=$((i + 1))
        if [ $i = 100 ]; then printf '{"id":"d%d","text":""}\n' $i; continue; fi
        printf '{"id":"d%d","text":%s}\n' $i "$("$NASKH" script /dev/stdin "$f" <<<'
local f = io.open(arg[1], "rb"); local s = f:read("a"); f:close()
io.write(require("naskh.engine.json").encode(s))')"
    done
done >"$TMP/docs.jsonl"
printf 'stages:\n  - split: {}\n  - entities: {}\noutput: { format: jsonl, path: "-", text: false }\n' >"$TMP/doc.yaml"

# lines_with_more_than_progress FILE: the terminal's lines that hold a progress text and
# something else (the progress texts, \r, clear-to-end-of-line and blanks removed)
mixed() {
    tr -d '\r' <"$1" | grep 'documents, ' | sed -E $'s/naskh: [0-9/]+ documents, [0-9]+\\/s(, ETA [0-9]+s)?//g; s/\x1b\\[K//g; s/[[:space:]]//g' | grep -c .
}

# the report on stdout goes to the same terminal
script -qec "$NASKH run summarize ${samples[*]}" /dev/null </dev/null >"$TMP/t1"
grep -q 'documents, ' "$TMP/t1" && ok "summarize on a tty shows progress" || notok "summarize on a tty shows progress"
expect_eq "the report never shares a line with the progress" "$(mixed "$TMP/t1")" 0
grep -q $'documents, [0-9]*/s, ETA [0-9]*s\x1b\\[K' "$TMP/t1" && ok "each redraw clears to the end of the line" \
    || notok "each redraw clears to the end of the line" "$(head -c 120 "$TMP/t1" | od -c | head -3)"

# --jobs 2: the line moves while the workers work, the final count is shown, warnings on their own line
script -qec "$NASKH run $TMP/doc.yaml $TMP/docs.jsonl -j 2 -o $TMP/o.jsonl" /dev/null </dev/null >"$TMP/t2"
states=$(tr '\r' '\n' <"$TMP/t2" | grep -o 'naskh: [0-9]* documents' | sort -u | wc -l)
[ "$states" -ge 3 ] && ok "--jobs 2: the progress line moves ($states states)" \
    || notok "--jobs 2: the progress line moves" "$states states: $(tr '\r' '|' <"$TMP/t2" | head -c 300)"
tr '\r' '\n' <"$TMP/t2" | grep -q 'naskh: 300 documents' && ok "--jobs 2: the final count is shown" \
    || notok "--jobs 2: the final count is shown" "$(tr '\r' '|' <"$TMP/t2" | tail -c 200)"
[ "$(wc -l <"$TMP/o.jsonl")" = 300 ] && ok "--jobs 2: output written" || notok "--jobs 2: output written" "$(wc -l <"$TMP/o.jsonl")"
script -qec "$NASKH run $TMP/doc.yaml $TMP/docs.jsonl -j 1 -o $TMP/o1.jsonl" /dev/null </dev/null >"$TMP/t3"
w=$(tr -d '\r' <"$TMP/t3" | grep 'warning' | head -1)
case $w in "naskh: $TMP/docs.jsonl:100: warning: empty document") ok "a warning starts its own line" ;;
*) notok "a warning starts its own line" "$(printf '%s' "$w" | tr '\033' 'E')" ;; esac
expect_eq "no warning line holds progress text" "$(mixed "$TMP/t3")" 0

script -qec "$NASKH run $TMP/doc.yaml $TMP/docs.jsonl -j 2 -o $TMP/o2.jsonl" /dev/null </dev/null >"$TMP/t6"
w=$(tr -d '\r' <"$TMP/t6" | grep 'warning' | head -1)
case $w in "naskh: $TMP/docs.jsonl:100: warning: empty document") ok "--jobs 2: a worker's warning starts its own line" ;;
*) notok "--jobs 2: a worker's warning starts its own line" "$(printf '%s' "$w" | tr '\033' 'E')" ;; esac
expect_eq "--jobs 2: no warning line holds progress text" "$(mixed "$TMP/t6")" 0
"$NASKH" run "$TMP/doc.yaml" "$TMP/docs.jsonl" -j 2 -o "$TMP/o3.jsonl" 2>"$TMP/e3"
expect_eq "--jobs 2 without a terminal: the worker's warning still on stderr" "$(cat "$TMP/e3")" \
    "naskh: $TMP/docs.jsonl:100: warning: empty document"

# NO_COLOR: no escape sequences, the old text is covered with spaces
NO_COLOR=1 script -qec "$NASKH run $TMP/doc.yaml $TMP/docs.jsonl -j 2 -o $TMP/o.jsonl" /dev/null </dev/null >"$TMP/t4"
grep -q 'documents, ' "$TMP/t4" && ok "NO_COLOR: progress still shown" || notok "NO_COLOR: progress still shown"
grep -q $'\x1b' "$TMP/t4" && notok "NO_COLOR: no escape sequences" "$(od -c "$TMP/t4" | grep -m1 033)" \
    || ok "NO_COLOR: no escape sequences"
script -qec "$NASKH run $TMP/doc.yaml $TMP/docs.jsonl -qj2 -o $TMP/o.jsonl" /dev/null </dev/null >"$TMP/t5"
expect_eq "-qj2: quiet (no progress, no warning)" "$(tr -d '\r\n' <"$TMP/t5")" ""
