# tests/bench/lib.sh: timing helpers for the benchmarks (public tools only).
# median_run N CMD...: runs CMD once to warm up, then N times under
# /usr/bin/time; prints "wall_median_s peak_rss_median_kb".
median_run() {
    local n=$1; shift
    local tf; tf=$(mktemp)
    "$@" >/dev/null 2>&1
    for _ in $(seq 1 "$n"); do
        /usr/bin/time -f "%e %M" -a -o "$tf" "$@" >/dev/null 2>/dev/null
    done
    # medians of each column separately (portable awk: no asort)
    local w m
    w=$(awk '{print $1}' "$tf" | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}')
    m=$(awk '{print $2}' "$tf" | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}')
    echo "$w $m"
    rm -f "$tf"
}
# corpus SIZE_MB: path prefix of a deterministic corpus built once into build/bench.
corpus() {
    local mb=$1 dir=${B:-build}/bench
    mkdir -p "$dir"
    if [ ! -f "$dir/corpus_${mb}MB.txt" ]; then
        sh "$NASKH_SHARED/bench/make_corpus.sh" "$mb" "$dir" >/dev/null
    fi
    echo "$dir/corpus_${mb}MB"
}
mbps() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", (s > 0 ? b / 1e6 / s : 0) }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
