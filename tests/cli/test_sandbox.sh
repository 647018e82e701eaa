#!/usr/bin/env bash
# The sandbox from the command line: a recipe's script tries forbidden things,
# one per document; each attempt is refused (or stopped by a limit) with a
# clear error naming the document, and the rest of the batch is processed.
. "$(dirname "$0")/lib.sh"
FX=tests/cli/fixtures/sandbox
rm -f /tmp/naskh-sandbox-pwned

ACTIONS="EXEC POPEN LOADLIB CMODULE READ WRITE LISTDIR DEBUG LOOP MEMORY"
mkdir -p "$TMP/in"
for a in $ACTIONS; do printf '%s please\n' "$a" >"$TMP/in/$a.txt"; done
printf 'حسن ما فعلت\n' >"$TMP/in/fine1.txt"
printf 'fine too\n' >"$TMP/in/zfine2.txt"

run "$NASKH" run $FX/evil.yaml "$TMP/in" -o "$TMP/out.jsonl"
expect_rc "a batch with refused actions exits 1 (some documents failed)" 1
nl=$(wc -l <"$TMP/out.jsonl" 2>/dev/null)
expect_eq "every document is written, failed ones included" "$nl" 12
ok_docs=$(grep -c '"evil_ok":true' "$TMP/out.jsonl")
expect_eq "the harmless documents are processed" "$ok_docs" 2

check() { # ACTION MESSAGE
    local line
    line=$(grep "^naskh: $1 " <<<"$ERR" | head -1)
    case $line in
    *"$2"*) ok "$1 refused: $2" ;;
    *) notok "$1 refused" "stderr line: '${line:-none}'" ;;
    esac
}
check EXEC "os.execute is not available in a sandboxed script (run with --trust to allow it)"
check POPEN "io.popen is not available in a sandboxed script"
check LOADLIB "'package' (package.loadlib, C modules) is not available"
check CMODULE "require('cjson'): only Lua files beside the script can be required"
check READ "io.open('/etc/passwd'): reading outside the files this recipe declares is not allowed"
check WRITE "writing files is not allowed in a sandboxed script"
check LISTDIR "naskh.listdir is not available in a sandboxed script"
check DEBUG "'debug' is not available in a sandboxed script"
check LOOP "stage 'evil' exceeded the time limit of 1 s on document 'LOOP'"
check MEMORY "stage 'evil' exceeded the memory limit of 64 MiB on document 'MEMORY'"
if [ -e /tmp/naskh-sandbox-pwned ]; then notok "nothing was executed" "/tmp/naskh-sandbox-pwned exists"; else ok "nothing was executed"; fi

# --- the limits are per document: every script stage of the recipe shares one budget
mkdir -p "$TMP/hog"
# (string.rep of N MiB peaks at 2N during the call: a buffer, then the string)
# (first, so that no garbage of an earlier document is freed during its calls)
printf 'keep 25\n' >"$TMP/hog/a_big.txt"      # each stage peaks at 50 MiB, under 64; 25 + 50 is over
printf 'keep 8\n' >"$TMP/hog/b_small.txt"     # 2 x 8 MiB kept: under 64
printf 'busy 0.6\n' >"$TMP/hog/c_slow.txt"    # 2 x 0.6 s: each under 1 s, together over
printf 'keep 8\n' >"$TMP/hog/d_after.txt"     # a fresh budget for the next document
run "$NASKH" run $FX/hog.yaml "$TMP/hog" -o "$TMP/hog.jsonl" --jobs 1
expect_rc "per-document limits: some documents failed (exit 1)" 1
expect_eq "per-document limits: every document is written" "$(wc -l <"$TMP/hog.jsonl" | tr -d ' ')" 4
expect_err "memory kept by two stages adds up on one document" \
    "stage 'hog' exceeded the memory limit of 64 MiB on document 'a_big' (the budget of all script stages for one document)"
expect_err "the message says the budget is shared" "(the budget of all script stages for one document)"
expect_err "time taken by two stages adds up on one document" "stage 'hog' exceeded the time limit of 1 s on document 'c_slow'"
expect_eq "the other documents pass both stages (the budget starts again)" \
    "$(grep -c '"hog":2' "$TMP/hog.jsonl")" 2
grep -q '"id":"d_after".*"hog":2\|"hog":2.*"id":"d_after"' "$TMP/hog.jsonl" \
    && ok "a document after a failed one has its own budget" || notok "a document after a failed one has its own budget"
run "$NASKH" run $FX/hog.yaml "$TMP/hog/a_big.txt" -o "$TMP/hog2.jsonl" --set limits.memory_mb=100
expect_rc "--set limits.memory_mb raises the per-document budget" 0
if [ -e $FX/written.txt ]; then notok "nothing was written" "$FX/written.txt exists"; rm -f $FX/written.txt; else ok "nothing was written"; fi
grep -q '"message":"stage .evil. exceeded the time limit' "$TMP/out.jsonl" && ok "the failure is recorded in the document's errors" \
    || notok "the failure is recorded in the document's errors"

# Limits from the command line.
printf 'LOOP\n' >"$TMP/loop.txt"
run "$NASKH" run $FX/evil.yaml "$TMP/loop.txt" --set limits.seconds=0.3
expect_rc "--set limits.seconds: exit 1" 1
expect_err "--set limits.seconds is used" "exceeded the time limit of 0.3 s on document 'loop'"
printf 'MEMORY\n' >"$TMP/mem.txt"
run "$NASKH" run $FX/evil.yaml "$TMP/mem.txt" --set limits.memory_mb=16
expect_err "--set limits.memory_mb is used" "exceeded the memory limit of 16 MiB on document 'mem'"
run "$NASKH" run $FX/evil.yaml "$TMP/mem.txt" --set limits.memory_mbb=16
expect_rc "an unknown limit is a usage error (exit 2)" 2
expect_err "an unknown limit says which" "unknown limit 'memory_mbb'"

# --fail-fast stops at the first refused action and writes nothing.
run "$NASKH" run $FX/evil.yaml "$TMP/in" -o "$TMP/ff.jsonl" --fail-fast
expect_rc "--fail-fast: exit 1" 1
[ -e "$TMP/ff.jsonl" ] && notok "--fail-fast writes no output" || ok "--fail-fast writes no output"
expect_err "--fail-fast says it stopped" "stopped at the first failure"

# --trust lifts the sandbox (the user opted in).
printf 'LISTDIR\n' >"$TMP/ls.txt"
run "$NASKH" run $FX/evil.yaml "$TMP/ls.txt" --trust
expect_rc "--trust: the same action is allowed" 0
expect_out "--trust: the document is processed" '"evil_ok":true'

# A well-behaved script reads the file its options name.
printf 'x\n' >"$TMP/x.txt"
run "$NASKH" run $FX/reads.yaml "$TMP/x.txt"
expect_rc "a declared data file can be read" 0
expect_out "the declared data file was read" '"list_words":3'

# Bundled recipes run sandboxed too (a share dir with a recipe that has a script).
mkdir -p "$TMP/share/configs/recipes"
cp $FX/evil.lua "$TMP/share/configs/recipes/"
sed 's/name: evil/name: bundled-evil/' $FX/evil.yaml >"$TMP/share/configs/recipes/bundled-evil.yaml"
NASKH_HOME="$TMP/share" run "$NASKH" run bundled-evil "$TMP/in/EXEC.txt" "$TMP/in/fine1.txt"
expect_rc "a bundled recipe: exit 1" 1
expect_err "a bundled recipe's script is sandboxed" "os.execute is not available in a sandboxed script"
expect_out "a bundled recipe: the rest is processed" '"evil_ok":true'
rm -f /tmp/naskh-sandbox-pwned

# Code stuck inside one C call (a runaway pattern) never reaches the hook: the
# watchdog stops the whole run with a clear message, and no output is published.
printf 'PATTERN\n' >"$TMP/pattern.txt"
start=$(date +%s)
run "$NASKH" run $FX/evil.yaml "$TMP/pattern.txt" --set limits.seconds=0.5 -o "$TMP/pattern.jsonl"
expect_rc "a runaway pattern: the watchdog stops the run (exit 2)" 2
expect_err "a runaway pattern: a clear message" "stage 'evil' exceeded the time limit of 0.5 s on document 'pattern' inside a C function"
[ $(($(date +%s) - start)) -le 10 ] && ok "a runaway pattern is stopped within twice the limit + 2 s" \
    || notok "a runaway pattern is stopped within twice the limit + 2 s" "$(($(date +%s) - start)) s"
[ -e "$TMP/pattern.jsonl" ] && notok "a stopped run publishes no output" || ok "a stopped run publishes no output"
rm -f "$TMP"/pattern.jsonl.tmp-*
