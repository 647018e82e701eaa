#!/usr/bin/env bash
# Scale-out: JSON Lines articles through the per-article `digest` recipe with
# --jobs 1 and --jobs 2 (articles/s, speed-up) and peak memory at two input
# sizes (it must stay flat: documents stream). SCALE_MB (default 1000) sets the
# big input; RUNS (default 3) the runs per figure (median quoted).
set -u
. "$(dirname "$0")/lib.sh"
RECIPE=${SCALE_RECIPE:-digest}
BIG=${SCALE_MB:-1000}
RUNS=${RUNS:-3}
small=$(corpus 100).jsonl
big=$(corpus "$BIG").jsonl
n_small=$(wc -l <"$small"); n_big=$(wc -l <"$big")
printf 'recipe %s; inputs: %s (%d articles), %s (%d articles)\n' "$RECIPE" "$small" "$n_small" "$big" "$n_big"
for input in "$small" "$big"; do
    n=$(wc -l <"$input"); bytes=$(stat -c %s "$input")
    read -r w1 m1 < <(median_run "$RUNS" "$NASKH" run "$RECIPE" "$input" --jobs 1 -q -o /dev/null)
    read -r w2 m2 < <(median_run "$RUNS" "$NASKH" run "$RECIPE" "$input" --jobs 2 -q -o /dev/null)
    printf '%-40s jobs=1: %6.1f s %8.0f articles/s %6.1f MB/s peak %6.1f MB\n' "$(basename "$input")" \
        "$w1" "$(awk -v n="$n" -v w="$w1" 'BEGIN{print n/w}')" "$(mbps "$bytes" "$w1")" "$(awk -v k="$m1" 'BEGIN{print k/1024}')"
    printf '%-40s jobs=2: %6.1f s %8.0f articles/s %6.1f MB/s peak %6.1f MB (per process)  speed-up %sx\n' "" \
        "$w2" "$(awk -v n="$n" -v w="$w2" 'BEGIN{print n/w}')" "$(mbps "$bytes" "$w2")" "$(awk -v k="$m2" 'BEGIN{print k/1024}')" "$(ratio "$w1" "$w2")"
done
