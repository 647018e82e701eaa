#!/usr/bin/env bash
# Golden tests: each tests/golden/<case>/cmd is a shell command run from the
# repository root with $NASKH set; its stdout must equal expected.out and its
# exit status expected.rc (0 when the file is absent).
set -u
cd "$(dirname "$0")/../.."
for dir in tests/golden/*/; do
    [ -f "$dir/cmd" ] || continue
    name=$(basename "$dir")
    out=$(bash "$dir/cmd" 2>/tmp/naskh-golden-err.$$); rc=$?
    want_rc=0; [ -f "$dir/expected.rc" ] && want_rc=$(cat "$dir/expected.rc")
    if [ "$out" != "$(cat "$dir/expected.out")" ]; then
        echo "not ok - golden $name: output differs (make golden-update, then review the diff)"
        diff <(echo "$out") "$dir/expected.out" | head -10 | sed 's/^/#   /'
    elif [ "$rc" != "$want_rc" ]; then
        echo "not ok - golden $name: exit status $rc, want $want_rc"
        sed 's/^/#   /' /tmp/naskh-golden-err.$$ | head -5
    else
        echo "ok - golden $name"
    fi
done
rm -f /tmp/naskh-golden-err.$$
