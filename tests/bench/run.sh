#!/usr/bin/env bash
# make bench: runs every tests/bench/bench_*.sh in turn (each prints its own
# figures: medians of whole-process runs and ratios against a reference
# program run in the same session). BENCH=name runs one of them.
# bench_commands.sh, first, times the commands as users run them (naskh split,
# tokens, match, normalize, entities) beside the peers; the others time the C
# core's own drivers (rows marked "core") and the recipes.
set -u
cd "$(dirname "$0")/../.."
export B=${B:-build} NASKH="$PWD/${B:-build}/naskh" NASKH_SHARED=${NASKH_SHARED:-$PWD/../shared}
if [ ! -d "$NASKH_SHARED/bench" ]; then
    echo "make bench needs the shared benchmark material at $NASKH_SHARED (set NASKH_SHARED)" >&2
    exit 2
fi
status=0
for b in tests/bench/bench_*.sh; do
    [ -f "$b" ] || continue
    case ${BENCH:-} in "") ;; *) [[ $b == *"$BENCH"* ]] || continue ;; esac
    echo "== $b"
    bash "$b" || status=1
done
exit $status
