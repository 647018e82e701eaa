#!/usr/bin/env bash
# Sentence splitting and tokenizing throughput on 100 MB of Arabic news text
# (build/bench/corpus_100MB.txt, built once by the shared make_corpus.sh)
# beside ICU's sentence BreakIterator (the shared peer icu_sent, built into
# build/bench/peers) on the same input in the same session. Whole-process wall
# time, median of RUNS (default 5) runs; speed-up = ICU time / our time.
# The driver (tests/bench/bench_split.c) reads stdin in 1 MB blocks like the
# peer and also reports the scan alone (median of the runs).
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
$CC -O2 -g -std=c11 -Icore -o "$drv" tests/bench/bench_split.c "$B/libnaskh.a" || exit 1

printf 'input %s: %d bytes; %s runs each, whole process, median\n' "$corpus_txt" "$bytes" "$RUNS"
printf 'counts: icu %s | naskh %s\n' "$("$peers/icu_sent" <"$corpus_txt")" "$("$drv" split <"$corpus_txt" 2>/dev/null)"

# timed N CMD...: one warm-up run, then N timed runs (wall clock from bash's
# EPOCHREALTIME, microseconds); prints "median_wall_s peak_rss_kb" (peak of
# one more run under /usr/bin/time).
timed() {
    local n=$1 k t0 t1; shift
    "$@" >/dev/null 2>&1
    for k in $(seq 1 "$n"); do
        t0=$EPOCHREALTIME
        "$@" >/dev/null 2>&1
        t1=$EPOCHREALTIME
        echo "$t0 $t1" | awk '{ printf "%.4f\n", $2 - $1 }'
    done | sort -n | awk -v rss="$(/usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1)" \
        '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)], rss }'
}

read -r t_icu m_icu < <(timed "$RUNS" sh -c "exec '$peers/icu_sent' <'$corpus_txt'")
printf '%-34s %7.3f s %8s MB/s  peak %6d KB  (reference)\n' "icu_sent (BreakIterator, ar)" "$t_icu" "$(mbps "$bytes" "$t_icu")" "$m_icu"

# scan_median MODE: the median "scan alone" MB/s the driver reports.
scan_median() {
    for _ in $(seq 1 "$RUNS"); do
        "$drv" "$1" <"$corpus_txt" 2>&1 >/dev/null | awk '{ print $3 }'
    done | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

row() { # NAME MODE|-, CMD...
    local name=$1 mode=$2; shift 2
    local t m scan=""
    read -r t m < <(timed "$RUNS" "$@")
    [ "$mode" != - ] && scan="  scan alone $(scan_median "$mode") MB/s"
    printf '%-34s %7.3f s %8s MB/s  peak %6d KB  speed-up %sx%s\n' "$name" "$t" "$(mbps "$bytes" "$t")" \
        "$m" "$(ratio "$t_icu" "$t")" "$scan"
}
row "naskh sentences (core)" split sh -c "exec '$drv' split <'$corpus_txt'"
row "naskh tokens (core)" tokens sh -c "exec '$drv' tokens <'$corpus_txt'"
row "naskh paragraphs (core)" paragraphs sh -c "exec '$drv' paragraphs <'$corpus_txt'"
row "naskh tokens + clitics (core)" clitics sh -c "exec '$drv' clitics <'$corpus_txt'"
row "naskh split --offsets (CLI)" - sh -c "exec '$NASKH' split --offsets <'$corpus_txt'"
