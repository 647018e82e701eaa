#!/usr/bin/env bash
# Normalization throughput on 100 MB of Arabic news text (build/bench/corpus_100MB.txt,
# built once by the shared make_corpus.sh) beside the shared ICU peer icu_norm
# (NFKC + an ICU transliterator doing the search fold; built into build/bench/peers)
# and the memchr scan `limit` (the ceiling), in the same session.
# Each figure is the median of RUNS (default 5) whole-process runs after one warm-up:
# wall time and CPU time (user + system, getrusage via tests/bench/cputime.c); MB/s
# and speed-ups are computed from CPU time, the steadier figure on a shared machine.
# The driver tests/bench/bench_normalize.c streams stdin through nk_normalizer_feed
# in 1 MB blocks (like the peer), so the core is measured, not Lua; its peak memory
# on 10 MB and 100 MB shows that streaming memory does not grow with the input.
set -u
. "$(dirname "$0")/lib.sh"
RUNS=${RUNS:-5}
CC=${CC:-cc}
corpus_txt=$(corpus 100).txt
small_txt=$(corpus 10).txt
bytes=$(stat -c %s "$corpus_txt")
peers=$B/bench/peers
mkdir -p "$peers"
for p in icu_norm limit; do
    if [ ! -x "$peers/$p" ]; then
        make -s -C "$peers" -f "$NASKH_SHARED/bench/peers/Makefile" VPATH="$NASKH_SHARED/bench/peers" \
            "$p" >/dev/null || exit 1
    fi
done
drv=$B/bench/bench_normalize
timer=$B/bench/cputime
# shellcheck disable=SC2046
$CC -O2 -g -std=c11 -D_POSIX_C_SOURCE=200809L -Icore -o "$drv" tests/bench/bench_normalize.c \
    "$B/libnaskh.a" $(pkg-config --libs icu-uc icu-i18n) || exit 1
$CC -O2 -o "$timer" tests/bench/cputime.c || exit 1

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# timed INPUT CMD...: one warm-up run, then RUNS runs; prints "wall_median cpu_median peak_rss_kb".
timed() {
    local input=$1 k; shift
    "$timer" "$@" <"$input" >/dev/null 2>&1
    for k in $(seq 1 "$RUNS"); do
        "$timer" "$@" <"$input" 2>&1 >/dev/null | grep '^wall=' | sed 's/[a-z_]*=//g'
    done >"$TMPF"
    printf '%s %s %s\n' "$(cut -d' ' -f1 "$TMPF" | median)" "$(cut -d' ' -f2 "$TMPF" | median)" \
        "$(cut -d' ' -f3 "$TMPF" | sort -n | tail -1)"
}
TMPF=$(mktemp)
trap 'rm -f "$TMPF"' EXIT

printf 'input %s: %d bytes; median of %s whole-process runs\n' "$corpus_txt" "$bytes" "$RUNS"
read -r w_icu c_icu m_icu < <(timed "$corpus_txt" "$peers/icu_norm")
printf '%-36s wall %6.3f s  cpu %6.3f s %8s MB/s  peak %7d KB  (reference)\n' \
    "icu_norm (NFKC + transliterator)" "$w_icu" "$c_icu" "$(mbps "$bytes" "$c_icu")" "$m_icu"
row() { # NAME INPUT CMD...
    local name=$1 input=$2 w c m b; shift 2
    b=$(stat -c %s "$input")
    read -r w c m < <(timed "$input" "$@")
    printf '%-36s wall %6.3f s  cpu %6.3f s %8s MB/s  peak %7d KB  speed-up cpu %sx, wall %sx\n' \
        "$name" "$w" "$c" "$(mbps "$b" "$c")" "$m" "$(ratio "$c_icu" "$c")" "$(ratio "$w_icu" "$w")"
}
row "limit (memchr scan: the ceiling)" "$corpus_txt" "$peers/limit"
# the reference's exact fold: NFKC; harakat, dagger alef and tatweel removed; أ إ آ ٱ -> ا,
# ى -> ي, ة -> ه, ؤ -> و, ئ -> ي (the camel profile plus hamza and tatweel, without words)
same_fold=(-p camel -s hamza=true -s tatweel=true -s words=false)
row "naskh core, icu_norm's exact fold" "$corpus_txt" "$drv" "${same_fold[@]}"
row "naskh core, search profile" "$corpus_txt" "$drv" -p search
row "naskh core, search + offset map" "$corpus_txt" "$drv" -p search -m
row "naskh core, camel profile" "$corpus_txt" "$drv" -p camel
row "naskh core, display profile" "$corpus_txt" "$drv" -p display
row "naskh normalize --profile search" "$corpus_txt" "$NASKH" normalize --profile search
"$drv" -p search -m -n <"$corpus_txt" 2>&1 | sed 's/^/offset map of the whole stream: /'
# streaming memory: the same driver's peak on a tenth of the input
read -r _ _ m_small < <(timed "$small_txt" "$drv" -p search)
read -r _ _ m_big < <(timed "$corpus_txt" "$drv" -p search)
printf 'streaming peak memory (search): %d KB on %d bytes, %d KB on %d bytes\n' \
    "$m_small" "$(stat -c %s "$small_txt")" "$m_big" "$bytes"
if "$drv" "${same_fold[@]}" <"$corpus_txt" | cmp -s - <("$peers/icu_norm" <"$corpus_txt"); then
    echo "the same fold as icu_norm: output byte-identical on the corpus"
else
    echo "the same fold as icu_norm: OUTPUT DIFFERS"
fi
