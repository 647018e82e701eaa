#!/usr/bin/env bash
# Rewrite every golden case's expected output; review the diff before committing.
set -u
cd "$(dirname "$0")/../.."
export NASKH="$PWD/${B:-build}/naskh"
for dir in tests/golden/*/; do
    [ -f "$dir/cmd" ] || continue
    bash "$dir/cmd" >"$dir/expected.out" 2>/dev/null; rc=$?
    if [ "$rc" -ne 0 ]; then echo "$rc" >"$dir/expected.rc"; else rm -f "$dir/expected.rc"; fi
    echo "updated $(basename "$dir") (exit $rc)"
done
