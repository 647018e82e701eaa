#!/usr/bin/env bash
# Entities throughput on make_corpus.sh's news (SIZE_MB, default 10): the command `naskh
# entities` on the text (stdin, output to /dev/null) with the tagger (the default) and with
# --no-model, then the entities stage (`naskh run` of a one-stage recipe on the JSON Lines,
# one document per article, writing JSON Lines to /dev/null) with the tagger and without
# (tagger: false). Whole process; median of RUNS (default 3) of wall and CPU (user + sys)
# seconds; MB/s on CPU time (the machine is shared; wall time is noisy). Peak RSS beside.
# NASKH_REF=path/to/another/naskh times that build too, in the same session, right after
# this one (e.g. the build before a change: a ratio that the load moves less than the times).
set -u
. "$(dirname "$0")/lib.sh"
SIZE=${SIZE_MB:-10}
RUNS=${RUNS:-3}
base=$(corpus "$SIZE")
txt=$base.txt
in=$base.jsonl
dir=${B:-build}/bench
for mode in true false; do
    printf 'name: bench-entities\ninput: { format: jsonl }\nstages:\n  - entities: { tagger: %s }\noutput: [ { format: jsonl, path: /dev/null } ]\n' \
        "$mode" >"$dir/entities_$mode.yaml"
done
med() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
# one NAME BYTES CMD...: RUNS runs of CMD (stdin from $STDIN when set), then the line
one() {
    local name=$1 bytes=$2 tf w c m
    shift 2
    tf=$(mktemp)
    for _ in $(seq 1 "$RUNS"); do
        /usr/bin/time -f "%e %U %S %M" -a -o "$tf" "$@" <"${STDIN:-/dev/null}" >/dev/null 2>&1
    done
    w=$(awk '{print $1}' "$tf" | med)
    c=$(awk '{print $2 + $3}' "$tf" | med)
    m=$(awk '{print $4}' "$tf" | med)
    rm -f "$tf"
    printf '%-44s wall %6.1f s  cpu %6.2f s  %5s MB/s (cpu)  %6.1f MB peak\n' "$name" "$w" "$c" \
        "$(mbps "$bytes" "$c")" "$(awk -v k="$m" 'BEGIN{print k/1024}')"
}
tb=$(stat -c %s "$txt")
jb=$(stat -c %s "$in")
printf 'entities: %.1f MB of text (%s), %.1f MB of JSON Lines\n' "$(awk -v b="$tb" 'BEGIN{print b/1e6}')" \
    "$txt" "$(awk -v b="$jb" 'BEGIN{print b/1e6}')"
builds=("$NASKH")
[ -n "${NASKH_REF:-}" ] && builds+=("$NASKH_REF")
for bin in "${builds[@]}"; do
    tag=$([ "$bin" = "$NASKH" ] && echo "" || echo " [ref]")
    STDIN=$txt one "naskh entities (tagger)$tag" "$tb" "$bin" entities
    STDIN=$txt one "naskh entities --no-model$tag" "$tb" "$bin" entities --no-model
    one "stage: tagger (default)$tag" "$jb" "$bin" run "$dir/entities_true.yaml" "$in" -q
    one "stage: rules only (tagger: false)$tag" "$jb" "$bin" run "$dir/entities_false.yaml" "$in" -q
done
