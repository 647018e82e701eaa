#!/usr/bin/env bash
# Summarization throughput: clusters per second on CLUSTERS (default 10,000)
# clusters of 5–20 articles, beside the stdlib Python TF-IDF + LexRank peer
# (../shared/bench/peers/py_lexrank.py) on the same clusters in the same run; naskh runs
# with -j 1 (one process, like the peer).
# Clusters: consecutive articles of make_corpus.sh's JSON Lines output, sizes
# cycling 5, 12, 19, 10, ... (5 + 7i mod 16, mean 12.5) exactly as the peer
# groups them; naskh reads the same lines with a "cluster" field added.
# Both pick 5 sentences per cluster. Figures: median of RUNS (default 3) runs
# for naskh (both chains), PY_RUNS (default 1) for the peer; wall and CPU (user+sys) seconds;
# the ratio is on CPU time (the machine is shared; wall time is noisy).
#   naskh (same work as the peer)  split, term vectors, LexRank, MMR: --no-clean --keep-outliers
#   naskh (recipe chain)           + clean (boilerplate) + outliers  (FULL=0 skips it)
set -u
. "$(dirname "$0")/lib.sh"
CLUSTERS=${CLUSTERS:-10000}
RUNS=${RUNS:-3}
PY_RUNS=${PY_RUNS:-1}
PY=${PYTHON:-/usr/bin/python3}
PEER="$NASKH_SHARED/bench/peers/py_lexrank.py"
need=$(awk -v c="$CLUSTERS" 'BEGIN { s = 0; for (i = 0; i < c; i++) s += 5 + (i * 7) % 16; print s }')
mb=$(awk -v n="$need" 'BEGIN { printf "%d", n * 3300 / 1e6 + 10 }')
src=$(corpus "$mb" 2>/dev/null).jsonl
dir=${B:-build}/bench
in="$dir/summarize_${CLUSTERS}clusters.jsonl"
if [ ! -f "$in" ]; then
    head -n "$need" "$src" | awk 'BEGIN { i = 0; want = 5; c = 0; n = 0 }
        { if (n == want) { c++; n = 0; i++; want = 5 + (i * 7) % 16 }
          sub(/^\{/, "{\"cluster\": " c ", "); print; n++ }' >"$in.tmp" && mv "$in.tmp" "$in"
fi
have=$(wc -l <"$in")
if [ "$have" -ne "$need" ]; then echo "not enough articles: $have < $need" >&2; exit 1; fi
bytes=$(stat -c %s "$in")
printf 'summarize: %d clusters, %d articles, %.0f MB (%s)\n' "$CLUSTERS" "$need" "$(awk -v b="$bytes" 'BEGIN{print b/1e6}')" "$in"

# timed N CMD...: median over N runs of "wall cpu" (cpu = user + sys), stdout discarded.
timed() {
    local n=$1; shift
    local tf; tf=$(mktemp)
    for _ in $(seq 1 "$n"); do
        /usr/bin/time -f "%e %U %S" -a -o "$tf" "$@" >/dev/null 2>/dev/null
    done
    local w c
    w=$(awk '{ print $1 }' "$tf" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
    c=$(awk '{ print $2 + $3 }' "$tf" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
    echo "$w $c"
    rm -f "$tf"
}
line() { # name wall cpu
    printf '%-34s wall %8.1f s  cpu %8.1f s  %8.1f clusters/s (cpu)\n' "$1" "$2" "$3" \
        "$(awk -v n="$CLUSTERS" -v c="$3" 'BEGIN { print (c > 0 ? n / c : 0) }')"
}
read -r pw pc < <(timed "$PY_RUNS" sh -c "exec '$PY' '$PEER' -k 5 < '$in'")
line "python stdlib TF-IDF + LexRank" "$pw" "$pc"
read -r nw nc < <(timed "$RUNS" "$NASKH" summarize --clusters -j 1 --sentences 5 --no-clean --keep-outliers -q "$in")
line "naskh (same work as the peer)" "$nw" "$nc"
printf '%-34s %sx faster (cpu), %sx (wall)\n' "" "$(ratio "$pc" "$nc")" "$(ratio "$pw" "$nw")"
if [ "${FULL:-1}" != 0 ]; then
    read -r fw fc < <(timed "$RUNS" "$NASKH" summarize --clusters -j 1 --sentences 5 -q "$in")
    line "naskh (clean + outliers too)" "$fw" "$fc"
    printf '%-34s %sx faster (cpu), %sx (wall)\n' "" "$(ratio "$pc" "$fc")" "$(ratio "$pw" "$fw")"
fi
