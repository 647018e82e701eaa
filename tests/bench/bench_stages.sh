#!/usr/bin/env bash
# Where a recipe's time goes, stage by stage: the recipe (STAGES_RECIPE, default
# digest) is cut after each of its stages (the first stage, the first two, ...,
# all of them: recipe files written to build/bench/stages_*.yaml, each stage
# with the recipe's own options) and each cut runs over the same JSON Lines
# articles in one process (--jobs 1 -q, the report written to /dev/null).
# A stage's cost is the CPU time of the cut that ends with it minus that of
# the cut before, writing its part of the report included (a stage's fields are
# rendered by its view); "start, read" is the run with none of the recipe's
# stages (naskh starting, the reader; the report is then empty). CPU = user + sys, median of RUNS
# (default 3). STAGES_MB (default 10) MB of make_corpus.sh articles.
# Shown beside: the whole recipe in MB/s of CPU (one core).
set -u
. "$(dirname "$0")/lib.sh"
RECIPE=${STAGES_RECIPE:-digest}
MB=${STAGES_MB:-10}
RUNS=${RUNS:-3}
dir=${B:-build}/bench
src=$(corpus "$MB").jsonl
bytes=$(stat -c %s "$src")
yaml=configs/recipes/$RECIPE.yaml
[ -f "$yaml" ] || { echo "no recipe $yaml" >&2; exit 1; }
# (the no-stage cut runs a user stage that does nothing: a recipe needs a stage)
# the recipe's stage entries: the lines under "stages:" that start a list item
# (with the indented lines of options after them), up to the next top-level key
mapfile -t starts < <(awk '/^stages:/ { on = 1; next } on && /^[^ #-]/ { on = 0 }
    on && /^  - / { print NR }' "$yaml")
last_line=$(awk '/^stages:/ { on = 1; next } on && /^[^ #-]/ { print NR - 1; done = 1; exit }
    END { if (on && !done) print NR }' "$yaml")
stage_line=$(awk '/^stages:/ { print NR; exit }' "$yaml")
nst=${#starts[@]}
cpu_med() {
    local tf; tf=$(mktemp)
    for _ in $(seq 1 "$RUNS"); do
        /usr/bin/time -f "%U %S" -a -o "$tf" "$@" >/dev/null 2>/dev/null
    done
    awk '{ print $1 + $2 }' "$tf" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
    rm -f "$tf"
}
printf 'stages of %s: %s (%.1f MB, %d articles), median of %s runs, %s, %s\n' "$RECIPE" "$src" \
    "$(awk -v b="$bytes" 'BEGIN { print b / 1e6 }')" "$(wc -l <"$src")" "$RUNS" \
    "$(date -u +%Y-%m-%d)" "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
# the cut with no stage of the recipe runs one stage that does nothing (a recipe needs one)
echo 'return { name = "noop", summary = "nothing", run = function() end }' >"$dir/noop_stage.lua"
prev=0
for k in $(seq 0 "$nst"); do
    cut=$dir/stages_${RECIPE}_$k.yaml
    {
        echo "name: stages-$RECIPE-$k"
        echo "description: the first $k stages of $RECIPE (tests/bench/bench_stages.sh)"
        echo "stages:"
        if [ "$k" -eq 0 ]; then
            echo "  - script: { file: noop_stage.lua }"
        else
            end=$((k < nst ? starts[k] - 1 : last_line))
            sed -n "$((stage_line + 1)),${end}p" "$yaml" | grep -v '^ *#'
        fi
        echo 'output: { format: markdown, path: "-" }'
    } >"$cut"
    c=$(cpu_med "$NASKH" run "$cut" "$src" --jobs 1 -q -o /dev/null)
    if [ "$k" -eq 0 ]; then
        name="start, read (no stage)"
        d=$c
    else
        name=$(sed -n "${starts[k - 1]}p" "$yaml" | sed 's/^  - *//; s/:.*//')
        d=$(awk -v a="$c" -v b="$prev" 'BEGIN { printf "%.2f", a - b }')
    fi
    printf '  %-28s +%6.2f s  (cumulative %6.2f s CPU)\n' "$name" "$d" "$c"
    prev=$c
done
printf '  %-28s %6.2f MB/s of CPU (one core)\n' "whole recipe" "$(mbps "$bytes" "$prev")"
