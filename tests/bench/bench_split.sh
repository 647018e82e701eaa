#!/usr/bin/env bash
# Sentence splitting and tokenizing throughput on 100 MB of Arabic news text
# (build/bench/corpus_100MB.txt, built once by the shared make_corpus.sh)
# beside ICU's sentence BreakIterator (the shared peer icu_sent, built into
# build/bench/peers) on the same input in the same session.
# Each figure is the median of RUNS (default 5) whole-process runs after one
# warm-up: wall time and CPU time (user + system, from getrusage through
# tests/bench/cputime.c); MB/s and the speed-up over ICU are computed from CPU
# time, the steadier figure on a shared machine (wall speed-ups are shown too).
# The driver tests/bench/bench_split.c reads stdin in 1 MB blocks like the peer.
set -u
. "$(dirname "$0")/lib.sh"
RUNS=${RUNS:-5}
CC=${CC:-cc}
corpus_txt=$(corpus 100).txt
bytes=$(stat -c %s "$corpus_txt")
peers=$B/bench/peers
mkdir -p "$peers"
if [ ! -x "$peers/icu_sent" ]; then
    # shellcheck disable=SC2046
    $CC -O2 $(pkg-config --cflags icu-uc icu-i18n) -o "$peers/icu_sent" \
        "$NASKH_SHARED/bench/peers/icu_sent.c" $(pkg-config --libs icu-uc icu-i18n) || exit 1
fi
drv=$B/bench/bench_split
timer=$B/bench/cputime
$CC -O2 -g -std=c11 -Icore -o "$drv" tests/bench/bench_split.c "$B/libnaskh.a" || exit 1
$CC -O2 -o "$timer" tests/bench/cputime.c || exit 1

# median: the middle line of sorted numbers on stdin.
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# timed CMD...: one warm-up run, then RUNS runs, stdin from the corpus;
# prints "wall_median cpu_median peak_rss_kb".
timed() {
    local k
    "$timer" "$@" <"$corpus_txt" >/dev/null 2>&1
    for k in $(seq 1 "$RUNS"); do
        "$timer" "$@" <"$corpus_txt" 2>&1 >/dev/null | grep '^wall=' | sed 's/[a-z_]*=//g'
    done >"$TMPF"
    printf '%s %s %s\n' "$(cut -d' ' -f1 "$TMPF" | median)" "$(cut -d' ' -f2 "$TMPF" | median)" \
        "$(cut -d' ' -f3 "$TMPF" | sort -n | tail -1)"
}
TMPF=$(mktemp)
trap 'rm -f "$TMPF"' EXIT

printf 'input %s: %d bytes; median of %s whole-process runs\n' "$corpus_txt" "$bytes" "$RUNS"
printf 'counts: icu %s | naskh %s\n' "$("$peers/icu_sent" <"$corpus_txt")" "$("$drv" split <"$corpus_txt" 2>/dev/null)"
read -r w_icu c_icu m_icu < <(timed "$peers/icu_sent")
printf '%-32s wall %6.3f s  cpu %6.3f s %8s MB/s  peak %6d KB  (reference)\n' \
    "icu_sent (BreakIterator, ar)" "$w_icu" "$c_icu" "$(mbps "$bytes" "$c_icu")" "$m_icu"
row() { # NAME CMD...
    local name=$1 w c m; shift
    read -r w c m < <(timed "$@")
    printf '%-32s wall %6.3f s  cpu %6.3f s %8s MB/s  peak %6d KB  speed-up cpu %sx, wall %sx\n' \
        "$name" "$w" "$c" "$(mbps "$bytes" "$c")" "$m" "$(ratio "$c_icu" "$c")" "$(ratio "$w_icu" "$w")"
}
row "naskh sentences (core)" "$drv" split
row "naskh tokens (core)" "$drv" tokens
row "naskh paragraphs (core)" "$drv" paragraphs
row "naskh tokens + clitics (core)" "$drv" clitics
row "naskh split --offsets (CLI)" "$NASKH" split --offsets
