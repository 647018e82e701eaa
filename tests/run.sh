#!/usr/bin/env bash
# Run every test of naskh and print one last line: "N passed, N failed".
# Each test program prints TAP-like lines ("ok - ...", "not ok - ..."); a program
# that exits non-zero without reporting a failure counts as one failure. An "ok" line
# with "# SKIP" in it did not test anything: it is counted as skipped, not passed, and
# the skipped checks are listed before the last line.
set -u
cd "$(dirname "$0")/.."
B=${B:-build}
ROOT=$PWD
export NASKH="$ROOT/$B/naskh" NASKH_ROOT="$ROOT" B
# The tests count characters and words with wc and bash; a CI runner may start with no locale
# at all (then wc -w sees 3 words in an Arabic summary), so name a UTF-8 one.
export LC_ALL=C.UTF-8
export LUA_CPATH="$ROOT/$B/?.so;;" LUA_PATH="$ROOT/scripts/?.lua;$ROOT/tests/lua/?.lua;;"
passed=0 failed=0 skipped=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
: >"$tmp/skips"

# tally NAME CMD...: run a test program and count its ok / not ok lines.
tally() {
    local name=$1; shift
    local out="$tmp/out" rc p f s
    "$@" >"$out" 2>"$tmp/err" </dev/null; rc=$?
    p=$(grep '^ok ' "$out" | grep -vc '# SKIP'); f=$(grep -c '^not ok ' "$out")
    s=$(grep '^ok ' "$out" | grep -c '# SKIP')
    grep '^ok .*# SKIP' "$out" | sed "s|^ok - |    $name: |" >>"$tmp/skips"
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        f=1; echo "not ok - $name exited with status $rc" >>"$out"
    fi
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
    if [ "$f" -gt 0 ]; then
        printf 'FAIL %-40s %d passed, %d failed\n' "$name" "$p" "$f"
        grep '^not ok ' "$out" | head -20 | sed 's/^/    /'
        sed 's/^/    stderr: /' "$tmp/err" | head -20
    else
        printf 'ok   %-40s %d passed%s\n' "$name" "$p" "$([ "$s" -gt 0 ] && echo ", $s skipped")"
    fi
}

for t in "$B"/tests/test_*; do
    [ -x "$t" ] || continue
    tally "c/$(basename "$t")" "$t"
done

for t in tests/lua/test_*.lua; do
    [ -f "$t" ] || continue
    tally "lua/$(basename "$t") (naskh)" "$NASKH" script "$t"
    # The same file under a stock interpreter with the loadable module
    # (skipped under sanitizers: an instrumented .so cannot load into lua5.4).
    if [ -z "${NK_SANITIZE:-}" ] && command -v lua5.4 >/dev/null && ! grep -q '^-- host-only' "$t"; then
        tally "lua/$(basename "$t") (lua5.4)" lua5.4 "$t"
    fi
done

for t in tests/cli/test_*.sh; do
    [ -f "$t" ] || continue
    tally "cli/$(basename "$t")" bash "$t"
done

tally "golden" bash tests/golden/run.sh
tally "lint" bash tests/lint/run.sh

if [ "$skipped" -gt 0 ]; then
    echo "$skipped checks skipped (not counted as passed):"
    cat "$tmp/skips"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
