#!/usr/bin/env bash
# Progress on a terminal (docs/cli: `naskh run` shows documents, rate and ETA
# on stderr when it is a tty; -q silences it; nothing when stderr is a file).
# A pseudo-terminal comes from script(1) (util-linux); skipped without it.
. "$(dirname "$0")/lib.sh"

if ! command -v script >/dev/null 2>&1; then
    ok "# SKIP progress on a tty: script(1) not installed"
    exit 0
fi
samples=(configs/samples/*.txt)
n=${#samples[@]}
# script -e returns the command's status; its output is what the terminal showed
tty_out=$(script -qec "$NASKH run digest ${samples[*]} -o $TMP/d.md" /dev/null </dev/null)
rc=$?
expect_eq "run on a tty exits 0" "$rc" 0
case $tty_out in
*"naskh: $n/$n documents, "*"/s, ETA 0s"*) ok "a terminal shows documents done/total, rate and ETA" ;;
*) notok "a terminal shows documents done/total, rate and ETA" "got: $(printf '%s' "$tty_out" | tr '\r' '|' | head -c 200)" ;;
esac
case $tty_out in
$'\r'*) ok "the progress line is redrawn in place (carriage return)" ;;
*) notok "the progress line is redrawn in place (carriage return)" "$(printf '%s' "$tty_out" | od -c | head -2)" ;;
esac
[ -s "$TMP/d.md" ] && ok "the output is written as usual" || notok "the output is written as usual"

quiet_out=$(script -qec "$NASKH run digest ${samples[*]} -q -o $TMP/q.md" /dev/null </dev/null)
expect_eq "-q: no progress on a tty" "$(printf '%s' "$quiet_out" | tr -d '\r\n')" ""

run "$NASKH" run digest "${samples[@]}" -o "$TMP/f.md"
expect_rc "stderr not a tty: exit 0" 0
case $ERR in
*documents*) notok "stderr not a tty: no progress line" "$ERR" ;;
*) ok "stderr not a tty: no progress line" ;;
esac
cmp -s "$TMP/d.md" "$TMP/f.md" && ok "same output with and without a terminal" \
    || notok "same output with and without a terminal"
