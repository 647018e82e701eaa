#!/usr/bin/env bash
# The commands as users run them, beside the peers, in one session: whole process (naskh
# started, input on stdin, every line of output written and read by `wc -c`, which the peers'
# rows pay too), CPU time (user + system of the whole pipeline, from getrusage through
# tests/bench/cputime.c: on a shared machine the steadier figure), median of RUNS runs after
# one warm-up, peak memory of the largest process. Ratios are of CPU medians.
#   split --offsets  vs icu_sent -s (ICU's sentence BreakIterator printing byte spans)
#   split            vs icu_sent (counts sentences; naskh prints them)
#   tokens           MB/s (no peer: ICU's word BreakIterator is not a tokenizer of Arabic)
#   match -g LIST    JSON Lines, every match, vs rg -F -o -b -f LIST at 10^3 forms (TSV list)
#                    and 10^5 forms (compiled list); rg matches raw bytes (no normalization,
#                    no clitics, no word boundaries)
#   normalize        --profile search vs icu_norm (NFKC + ICU transliterator doing the fold)
#   entities         MB/s and peak memory on ENT_MB (default 5) MB
# MB (default 30) sets the corpus, RUNS (default 5) the runs, SIZES the list sizes.
set -u
. "$(dirname "$0")/lib.sh"
RUNS=${RUNS:-5}
MB=${MB:-30}
ENT_MB=${ENT_MB:-5}
SIZES=${SIZES:-"1000 100000"}
CC=${CC:-cc}
prefix=$(corpus "$MB")
txt=$prefix.txt
dir=$B/bench
peers=$dir/peers
bytes=$(stat -c %s "$txt")
mkdir -p "$peers"
for p in icu_sent icu_norm; do
    if [ ! -x "$peers/$p" ]; then
        make -s -C "$peers" -f "$NASKH_SHARED/bench/peers/Makefile" VPATH="$NASKH_SHARED/bench/peers" \
            "$p" >/dev/null || exit 1
    fi
done
timer=$dir/cputime
$CC -O2 -o "$timer" tests/bench/cputime.c || exit 1
HAVE_RG=1
command -v rg >/dev/null 2>&1 || HAVE_RG=0

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
TMPF=$(mktemp)
trap 'rm -f "$TMPF"' EXIT
# timed INPUT CMD: CMD (a shell line) with INPUT on stdin and its output read by wc -c;
# prints "wall_median cpu_median peak_rss_kb"
timed() {
    local in=$1 cmd=$2 k
    "$timer" sh -c "$cmd | wc -c >/dev/null" <"$in" >/dev/null 2>&1
    for k in $(seq 1 "$RUNS"); do
        "$timer" sh -c "$cmd | wc -c >/dev/null" <"$in" 2>&1 >/dev/null | grep '^wall=' | sed 's/[a-z_]*=//g'
    done >"$TMPF"
    printf '%s %s %s\n' "$(cut -d' ' -f1 "$TMPF" | median)" "$(cut -d' ' -f2 "$TMPF" | median)" \
        "$(cut -d' ' -f3 "$TMPF" | sort -n | tail -1)"
}
# row NAME INPUT CMD [PEER_CPU PEER_NAME]: one line; with a peer, the ratio peer/naskh (cpu)
row() {
    local name=$1 in=$2 cmd=$3 pc=${4:-} pn=${5:-} w c m n
    n=$(stat -c %s "$in")
    read -r w c m < <(timed "$in" "$cmd")
    printf '%-40s cpu %7.3f s %8s MB/s  wall %7.3f s  peak %7d KB' "$name" "$c" "$(mbps "$n" "$c")" "$w" "$m"
    [ -n "$pc" ] && printf '  %sx %s' "$(ratio "$pc" "$c")" "$pn"
    printf '\n'
    LAST_CPU=$c
}

printf 'commands as users run them: input %s (%d bytes), median of %s runs, %s, %s\n' \
    "$txt" "$bytes" "$RUNS" "$(date -u +%Y-%m-%d)" "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
row "icu_sent -s (peer)" "$txt" "$peers/icu_sent -s"; c_icus=$LAST_CPU
row "naskh split --offsets" "$txt" "$NASKH split --offsets" "$c_icus" "faster than icu_sent -s"
row "icu_sent (peer)" "$txt" "$peers/icu_sent"; c_icu=$LAST_CPU
row "naskh split" "$txt" "$NASKH split" "$c_icu" "faster than icu_sent"
row "naskh tokens" "$txt" "$NASKH tokens"
row "naskh tokens --json --clitics --stems" "$txt" "$NASKH tokens --json --clitics --stems"
row "icu_norm (peer)" "$txt" "$peers/icu_norm"; c_icun=$LAST_CPU
row "naskh normalize --profile search" "$txt" "$NASKH normalize --profile search" "$c_icun" "faster than icu_norm"
row "naskh normalize --map" "$txt" "$NASKH normalize --map"
for n in $SIZES; do
    list=$dir/gaz_$n.txt
    [ -s "$list" ] || /usr/bin/python3 "$NASKH_SHARED/bench/tools/make_gaz.py" "$dir/sources.txt" "$n" "$list" 2>/dev/null
    awk '{ print $0 "\tX" }' "$list" >"$dir/gaz_$n.tsv"
    g=$dir/gaz_$n.tsv
    if [ "$n" -gt 1000 ]; then # a big list is compiled once, as users do
        "$NASKH" gazetteer compile "$g" -o "$dir/gaz_$n.nkg" >/dev/null 2>&1 || exit 1
        g=$dir/gaz_$n.nkg
    fi
    printf '%s forms (%s): naskh %s matches, rg %s\n' "$n" "${g##*.}" \
        "$("$NASKH" match -g "$g" <"$txt" | wc -l)" "$([ $HAVE_RG = 1 ] && rg -F -o -b -f "$list" <"$txt" | wc -l || echo -)"
    pc=""
    if [ $HAVE_RG = 1 ]; then
        row "rg -F -o -b -f ($n forms, peer)" "$txt" "rg -F -o -b -f $list"; pc=$LAST_CPU
    fi
    row "naskh match -g ($n forms, JSON Lines)" "$txt" "$NASKH match -g $g" "$pc" "faster than rg -F -o -b"
done
head -c $((ENT_MB << 20)) "$txt" >"$dir/corpus_ent.txt"
row "naskh entities (${ENT_MB} MB)" "$dir/corpus_ent.txt" "$NASKH entities"
