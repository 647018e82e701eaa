# tests/cli/lib.sh: helpers for CLI tests. Each check prints "ok - ..." or
# "not ok - ..."; tests/run.sh counts the lines. $NASKH is the binary.
NASKH=${NASKH:-$PWD/build/naskh}
export LC_ALL=C.UTF-8 # wc -m / -w and ${#s} count characters, whatever the caller's locale
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cd "${NASKH_ROOT:-.}" || exit 1

ok() { echo "ok - $1"; }
notok() { echo "not ok - $1${2:+: $2}"; }

# run CMD...: runs a command, captures stdout in $OUT, stderr in $ERR, status in $RC.
run() {
    "$@" >"$TMP/out" 2>"$TMP/err" </dev/null
    RC=$?
    OUT=$(cat "$TMP/out"); ERR=$(cat "$TMP/err")
}
# run_in INPUT CMD...: same, with INPUT on stdin.
run_in() {
    local input=$1; shift
    printf '%s' "$input" | "$@" >"$TMP/out" 2>"$TMP/err"
    RC=$?
    OUT=$(cat "$TMP/out"); ERR=$(cat "$TMP/err")
}

# expect_rc TITLE N
expect_rc() { if [ "$RC" = "$2" ]; then ok "$1"; else notok "$1" "exit $RC, want $2; stderr: $(echo "$ERR" | head -3)"; fi; }
# expect_out TITLE SUBSTRING: stdout contains SUBSTRING
expect_out() { case $OUT in *"$2"*) ok "$1" ;; *) notok "$1" "stdout lacks '$2': $(echo "$OUT" | head -3)" ;; esac; }
# expect_err TITLE SUBSTRING: stderr contains SUBSTRING
expect_err() { case $ERR in *"$2"*) ok "$1" ;; *) notok "$1" "stderr lacks '$2': $(echo "$ERR" | head -3)" ;; esac; }
# expect_eq TITLE GOT WANT
expect_eq() { if [ "$2" = "$3" ]; then ok "$1"; else notok "$1" "got '$2', want '$3'"; fi; }
