#!/usr/bin/env bash
# make eval: runs every tests/eval/eval_*.sh (accuracy on ../shared/data beside
# baselines in the same run). EVAL=name runs one of them.
set -u
cd "$(dirname "$0")/../.."
export B=${B:-build} NASKH="$PWD/${B:-build}/naskh" NASKH_SHARED=${NASKH_SHARED:-$PWD/../shared}
if [ ! -d "$NASKH_SHARED/data" ]; then
    echo "make eval needs the shared evaluation data at $NASKH_SHARED/data (set NASKH_SHARED)" >&2
    exit 2
fi
status=0
for e in tests/eval/eval_*.sh; do
    [ -f "$e" ] || continue
    case ${EVAL:-} in "") ;; *) [[ $e == *"$EVAL"* ]] || continue ;; esac
    echo "== $e"
    bash "$e" || status=1
done
exit $status
