#!/usr/bin/env bash
# Gazetteer matching throughput on 100 MB of Arabic news text for 10^3, 10^5
# and 10^6 surface forms (make_gaz.py stress lists: distinct 1-3 word n-grams of
# the corpus, every common word included, filled up with synthetic phrases),
# beside ripgrep (rg -F -o -f), GNU grep (grep -F -o -f) and Hyperscan (the
# shared hs_match peer, leftmost-longest) on the same list and text in the same
# session. The peers match raw bytes: no normalization, no clitics, no word
# boundaries. Whole-process wall time and CPU time (user + sys, children included),
# medians of RUNS runs (default 3), with the speed-up of naskh core over each peer.
#
# naskh rows:
#   core      tests/bench/bench_match.c: load the compiled list, normalize
#             (search profile) + match, count the matches (no output)
#   scan      the same driver on text normalized beforehand (-s): the matcher alone
#   cli       naskh match -g LIST.nkg: Lua tables and one JSON line per match (1 run)
# The peers' and the CLI's output goes through `| wc -l` (GNU grep quits at the
# first match when its output is /dev/null); peak memory is that of the largest process.
# SIZES="1000 100000" and RUNS=5 override; the peers run RUNS times up to 10^5 forms and
# PEER_RUNS times (default 1) above, each bounded by PEER_TIMEOUT seconds.
set -u
. "$(dirname "$0")/lib.sh"
RUNS=${RUNS:-3}
SIZES=${SIZES:-"1000 100000 1000000"}
PEER_TIMEOUT=${PEER_TIMEOUT:-300}
PEER_RUNS=${PEER_RUNS:-1}
CLI_MAX=${CLI_MAX:-100000} # the CLI row (about 12 us per match) only up to this many forms
CC=${CC:-cc}
prefix=$(corpus 100)
corpus_txt=$prefix.txt
dir=$B/bench
bytes=$(stat -c %s "$corpus_txt")
peers=$dir/peers
mkdir -p "$peers"
if [ ! -x "$peers/hs_match" ] && pkg-config --exists libhs 2>/dev/null; then
    # shellcheck disable=SC2046
    $CC -O2 $(pkg-config --cflags libhs) -o "$peers/hs_match" "$NASKH_SHARED/bench/peers/hs_match.c" \
        $(pkg-config --libs libhs) || true
fi
drv=$dir/bench_match
# shellcheck disable=SC2046
$CC -O2 -g -std=c11 -Icore -o "$drv" tests/bench/bench_match.c "$B/libnaskh.a" \
    $(pkg-config --libs icu-uc icu-i18n) -lm || exit 1
# the corpus normalized once, for the scan-alone row
norm_txt=$dir/corpus_100MB.search.txt
[ -s "$norm_txt" ] || "$drv" -w "$corpus_txt" >"$norm_txt" || exit 1

timed() { # N CMD...: one warm-up (skipped when N is 1), N runs under /usr/bin/time;
    # prints "median_wall_s median_peak_rss_kb median_cpu_s" (cpu = user + sys of the whole
    # command, children included: on a shared machine the steadier figure)
    local n=$1 k tf; shift
    tf=$(mktemp)
    [ "$n" -gt 1 ] && "$@" >/dev/null 2>&1
    for k in $(seq 1 "$n"); do
        /usr/bin/time -f "%e %M %U %S" -a -o "$tf" "$@" >/dev/null 2>&1
    done
    grep -E '^[0-9.]+ [0-9]+ [0-9.]+ [0-9.]+$' "$tf" | awk '{ print $1, $2, $3 + $4 }' >"$tf.v"
    printf '%s %s %s\n' "$(med 1 "$tf.v")" "$(med 2 "$tf.v")" "$(med 3 "$tf.v")"
    rm -f "$tf" "$tf.v"
}
med() { awk -v c="$1" '{ print $c }' "$2" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

printf 'input %s: %d bytes; whole process, median of %s runs\n' "$corpus_txt" "$bytes" "$RUNS"
for n in $SIZES; do
    list=$dir/gaz_$n.txt
    [ -s "$list" ] || /usr/bin/python3 "$NASKH_SHARED/bench/tools/make_gaz.py" "$dir/sources.txt" "$n" "$list" 2>/dev/null
    awk '{ print $0 "\tX" }' "$list" >"$dir/gaz_$n.tsv"
    t0=$EPOCHREALTIME
    cstats=$(/usr/bin/time -f "%M" "$NASKH" gazetteer compile "$dir/gaz_$n.tsv" -o "$dir/gaz_$n.nkg" 2>&1)
    t1=$EPOCHREALTIME
    echo "== $n forms: compile $(echo "$t0 $t1" | awk '{ printf "%.2f", $2 - $1 }') s wall," \
        "peak $(echo "$cstats" | tail -1) KB; $(echo "$cstats" | head -1 | sed 's/^[^:]*: //')"
    pr=$RUNS
    [ "$n" -gt 100000 ] && pr=$PEER_RUNS
    printf '   matches: naskh %s (leftmost-longest, words); peers count raw substrings\n' \
        "$("$drv" "$dir/gaz_$n.nkg" "$corpus_txt" 2>/dev/null)"
    # output piped to wc: GNU grep stops at the first match when stdout is /dev/null
    read -r t_rg m_rg c_rg < <(timed "$pr" timeout "$PEER_TIMEOUT" sh -c \
        "rg -F -o -f '$list' '$corpus_txt' | wc -l")
    row() { # NAME WALL RSS CPU [peer]
        local note=""
        [ -n "${5:-}" ] && awk -v t="$2" -v lim="$PEER_TIMEOUT" 'BEGIN { exit !(t >= lim - 1) }' &&
            note="  (timed out)"
        printf '   %-30s wall %8.3f s %7s MB/s  cpu %8.3f s %7s MB/s  peak %7d KB  vs rg: wall %6sx cpu %6sx%s\n' \
            "$1" "$2" "$(mbps "$bytes" "$2")" "$4" "$(mbps "$bytes" "$4")" "$3" \
            "$(ratio "$t_rg" "$2")" "$(ratio "$c_rg" "$4")" "$note"
    }
    row "rg -F -o -f" "$t_rg" "$m_rg" "$c_rg" peer
    read -r t_gr m c_gr < <(timed "$pr" timeout "$PEER_TIMEOUT" sh -c \
        "grep -F -o -f '$list' '$corpus_txt' | wc -l")
    row "grep -F -o -f" "$t_gr" "$m" "$c_gr" peer
    t_hs="" c_hs=""
    if [ -x "$peers/hs_match" ]; then
        read -r t_hs m c_hs < <(timed "$pr" timeout "$PEER_TIMEOUT" "$peers/hs_match" -n "$list" "$corpus_txt")
        row "hyperscan (hs_match -n)" "$t_hs" "$m" "$c_hs" peer
    fi
    read -r t m c < <(timed "$RUNS" "$drv" "$dir/gaz_$n.nkg" "$corpus_txt")
    row "naskh core (normalize+match)" "$t" "$m" "$c"
    # the targets: at least rg's speed at 10^3 forms, >= 5x every peer at 10^5 (CPU and wall)
    printf '   naskh core speed-up, cpu (wall): rg %sx (%sx), grep %sx (%sx)' \
        "$(ratio "$c_rg" "$c")" "$(ratio "$t_rg" "$t")" "$(ratio "$c_gr" "$c")" "$(ratio "$t_gr" "$t")"
    [ -n "$t_hs" ] && printf ', hyperscan %sx (%sx)' "$(ratio "$c_hs" "$c")" "$(ratio "$t_hs" "$t")"
    printf '\n'
    read -r t m c < <(timed "$RUNS" "$drv" -s "$dir/gaz_$n.nkg" "$norm_txt")
    row "naskh scan (pre-normalized)" "$t" "$m" "$c"
    if [ "$n" -le "$CLI_MAX" ]; then
        read -r t m c < <(timed 1 sh -c "'$NASKH' match -g '$dir/gaz_$n.nkg' <'$corpus_txt' | wc -l")
        row "naskh match CLI (JSON Lines)" "$t" "$m" "$c"
    fi
done
