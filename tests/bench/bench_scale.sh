#!/usr/bin/env bash
# Scale-out: JSON Lines articles through the per-article `digest` recipe with
# --jobs 1 and --jobs 2: articles/s, MB/s, CPU time, the speed-up, and peak
# memory at two input sizes (it must stay flat: documents stream). Peak memory
# is given two ways: the largest single process (GNU time's maximum RSS) and
# the whole process tree (parent + workers, RSS summed, sampled every 0.2 s).
# SCALE_MB (default 1000) sets the big input, SCALE_SMALL_MB (default 100) the
# small one; RUNS (default 1 for the big input, 3 for the small) the runs per
# figure (medians quoted).
set -u
. "$(dirname "$0")/lib.sh"
RECIPE=${SCALE_RECIPE:-digest}
BIG=${SCALE_MB:-1000}
SMALL=${SCALE_SMALL_MB:-100}

# Sum of the RSS (kB) of process $1 and its children.
tree_rss() {
    ps -o rss= --pid "$1" --ppid "$1" 2>/dev/null | awk '{ s += $1 } END { print s + 0 }'
}

# timed N CMD...: N runs (no warm-up: the inputs are large); prints the medians
# of "wall_s cpu_s maxrss_kb tree_peak_kb".
timed() {
    local n=$1; shift
    local tf; tf=$(mktemp)
    for _ in $(seq 1 "$n"); do
        local one; one=$(mktemp)
        /usr/bin/time -f "%e %U %S %M" -o "$one" "$@" >/dev/null 2>/dev/null &
        local tp=$! peak=0 r pid
        sleep 0.1
        pid=$(ps -o pid= --ppid "$tp" | head -n 1 | tr -d ' ')
        while kill -0 "$tp" 2>/dev/null; do
            if [ -n "$pid" ]; then
                r=$(tree_rss "$pid")
                [ "$r" -gt "$peak" ] && peak=$r
            fi
            sleep 0.2
        done
        wait "$tp"
        awk -v p="$peak" '{ printf "%s %.2f %s %s\n", $1, $2 + $3, $4, p }' "$one" >>"$tf"
        rm -f "$one"
    done
    local out=""
    for col in 1 2 3 4; do
        out="$out $(awk -v c="$col" '{ print $c }' "$tf" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')"
    done
    echo $out
    rm -f "$tf"
}

small=$(corpus "$SMALL").jsonl
big=$(corpus "$BIG").jsonl
printf 'recipe %s; %s cores; load average before: %s\n' "$RECIPE" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
for input in "$small" "$big"; do
    n=$(wc -l <"$input"); bytes=$(stat -L -c %s "$input")
    runs=${RUNS:-$([ "$input" = "$big" ] && echo 1 || echo 3)}
    printf '%s: %d articles, %.1f MB, %s run(s) each\n' "$(basename "$input")" "$n" "$(awk -v b="$bytes" 'BEGIN{print b/1e6}')" "$runs"
    read -r w1 c1 m1 t1 < <(timed "$runs" "$NASKH" run "$RECIPE" "$input" --jobs 1 -q -o /dev/null)
    read -r w2 c2 m2 t2 < <(timed "$runs" "$NASKH" run "$RECIPE" "$input" --jobs 2 -q -o /dev/null)
    for j in 1 2; do
        if [ $j = 1 ]; then w=$w1 c=$c1 m=$m1 t=$t1; else w=$w2 c=$c2 m=$m2 t=$t2; fi
        printf '  jobs=%d: wall %7.1f s  CPU %7.1f s  %6.0f articles/s  %5.2f MB/s  peak %5.1f MB (largest process), %5.1f MB (all processes)%s\n' \
            "$j" "$w" "$c" "$(awk -v n="$n" -v w="$w" 'BEGIN{print n/w}')" "$(mbps "$bytes" "$w")" \
            "$(awk -v k="$m" 'BEGIN{print k/1024}')" "$(awk -v k="$t" 'BEGIN{print k/1024}')" \
            "$([ $j = 2 ] && echo "  speed-up $(ratio "$w1" "$w2")x")"
    done
done
printf 'load average after: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
