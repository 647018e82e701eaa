#!/usr/bin/env bash
# Lint tests: `naskh lint tests/lint/X.yaml` must print exactly X.expected on
# stderr and exit with the status in X.rc (2 when absent, 0 for good_*.yaml).
set -u
cd "$(dirname "$0")/../.."
for y in tests/lint/*.yaml; do
    [ -f "$y" ] || continue
    base=${y%.yaml}; name=$(basename "$base")
    err=$("$NASKH" lint "$y" 2>&1 >/dev/null); rc=$?
    case $name in good_*) want_rc=0 ;; *) want_rc=2 ;; esac
    [ -f "$base.rc" ] && want_rc=$(cat "$base.rc")
    if [ "$rc" != "$want_rc" ]; then
        echo "not ok - lint $name: exit $rc, want $want_rc"; echo "$err" | sed 's/^/#   /'
    elif [ -f "$base.expected" ] && [ "$err" != "$(cat "$base.expected")" ]; then
        echo "not ok - lint $name: messages differ"
        diff <(echo "$err") "$base.expected" | sed 's/^/#   /'
    else
        echo "ok - lint $name"
    fi
done
