#!/usr/bin/env bash
# Entities stage throughput on make_corpus.sh's JSON Lines (SIZE_MB, default 10): the tagger
# path (the default: rules and gazetteers as features, the model, linking) beside the rule
# path (tagger: false) in the same session. Whole process (`naskh run` of a one-stage recipe
# writing JSON Lines to /dev/null); median of RUNS (default 3) of wall and CPU (user + sys)
# seconds; MB/s on CPU time (the machine is shared; wall time is noisy). Peak RSS beside.
set -u
. "$(dirname "$0")/lib.sh"
SIZE=${SIZE_MB:-10}
RUNS=${RUNS:-3}
in=$(corpus "$SIZE").jsonl
bytes=$(stat -c %s "$in")
dir=${B:-build}/bench
for mode in true false; do
    printf 'name: bench-entities\ninput: { format: jsonl }\nstages:\n  - entities: { tagger: %s }\noutput: [ { format: jsonl, path: /dev/null } ]\n' \
        "$mode" >"$dir/entities_$mode.yaml"
done
printf 'entities stage: %.1f MB (%s)\n' "$(awk -v b="$bytes" 'BEGIN{print b/1e6}')" "$in"
for mode in true false; do
    tf=$(mktemp)
    for _ in $(seq 1 "$RUNS"); do
        /usr/bin/time -f "%e %U %S %M" -a -o "$tf" "$NASKH" run "$dir/entities_$mode.yaml" "$in" -q >/dev/null 2>&1
    done
    w=$(awk '{print $1}' "$tf" | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}')
    c=$(awk '{print $2 + $3}' "$tf" | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}')
    m=$(awk '{print $4}' "$tf" | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}')
    rm -f "$tf"
    name=$([ "$mode" = true ] && echo "tagger (default)" || echo "rules only (tagger: false)")
    printf '%-28s wall %6.1f s  cpu %6.1f s  %5s MB/s (cpu)  %6.1f MB peak\n' "$name" "$w" "$c" \
        "$(mbps "$bytes" "$c")" "$(awk -v k="$m" 'BEGIN{print k/1024}')"
done
