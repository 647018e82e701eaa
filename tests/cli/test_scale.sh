#!/usr/bin/env bash
# Streaming and parallel runs give exactly the documents of a normal run.
. "$(dirname "$0")/lib.sh"

R=tests/cli/fixtures/fail_some.yaml
# 3000 small documents, some failing, as JSON Lines.
for i in $(seq 1 3000); do
    m=""; [ $((i % 500)) = 0 ] && m=" BOOM"
    printf '{"id":"d%d","text":"نص رقم %d%s","meta":{"cluster":"c%d"}}\n' "$i" "$i" "$m" $((i / 7))
done >"$TMP/in.jsonl"

"$NASKH" run "$R" "$TMP/in.jsonl" --jobs 1 -q >"$TMP/one.jsonl" 2>/dev/null; rc1=$?
expect_eq "a normal run reports the failing documents (exit 1)" "$rc1" "1"
expect_eq "a normal run writes every document" "$(wc -l <"$TMP/one.jsonl")" "3000"

"$NASKH" run "$R" "$TMP/in.jsonl" --jobs 2 -q >"$TMP/two.jsonl" 2>/dev/null; rc2=$?
expect_eq "--jobs 2 has the same exit status" "$rc2" "1"
if cmp -s "$TMP/one.jsonl" "$TMP/two.jsonl"; then ok "--jobs 2 output is byte-identical, in input order"; else notok "--jobs 2 output differs"; fi

"$NASKH" run "$R" --stream -q <"$TMP/in.jsonl" >"$TMP/stream.jsonl" 2>/dev/null
if cmp -s "$TMP/one.jsonl" "$TMP/stream.jsonl"; then ok "--stream output equals a normal run's documents"; else notok "--stream output differs"; fi

run "$NASKH" run "$R" --stream "$TMP/in.jsonl"
expect_rc "--stream with input files is a usage error" 2

if ! command -v parallel >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q parallel >/dev/null 2>&1
fi
if command -v parallel >/dev/null 2>&1; then
    parallel --will-cite --pipe -k -j 2 --block 40k "$NASKH" run "$R" --stream -q <"$TMP/in.jsonl" \
        >"$TMP/par.jsonl" 2>/dev/null
    if cmp -s "$TMP/one.jsonl" "$TMP/par.jsonl"; then ok "GNU parallel --pipe over two workers is byte-identical"
    else notok "GNU parallel --pipe output differs"; fi
else
    ok "GNU parallel not installed (not root): parallel check skipped"
fi

# Corpus recipes in --stream group consecutive documents by meta.cluster.
"$NASKH" run tests/cli/fixtures/cluster_size.yaml --stream -q <"$TMP/in.jsonl" >"$TMP/groups.jsonl" 2>/dev/null
expect_eq "one corpus line per cluster" "$(grep -c '^{"corpus"' "$TMP/groups.jsonl")" "429"
expect_out_file() { if grep -q "$2" "$TMP/groups.jsonl"; then ok "$1"; else notok "$1"; fi; }
expect_out_file "a full cluster has 7 documents" '"cluster":"c1".*"size":7}'
expect_out_file "documents carry their cluster's size" '"cluster_size":7,"errors":\[\],"id":"d7"'
