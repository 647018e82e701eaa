#!/usr/bin/env bash
# Scale-out on real engines (issue 21): a per-document recipe (digest) and a cluster recipe
# (summarize, grouped by meta.cluster) run through Dask's distributed scheduler (a LocalCluster
# of two worker processes; scripts/examples/dask_naskh.py pipes each partition through
# `naskh run ... --stream`) and through GNU parallel over two hosts; each output must be
# byte-identical to one `naskh run ... --stream` process. Needs the Debian packages
# python3-distributed and parallel (mk/deps.sh installs them as root); skipped without them,
# unless NASKH_REQUIRE_SCALE_TESTS is set (.ci/run sets it: there, a missing package fails).
# The two parallel "hosts" are reached through a stand-in for ssh (--ssh) that runs the
# command on this machine, as `ssh host cmd` would run it there: no sshd is needed, and
# everything else (parallel's remote wrapper, the pipes, -k ordering) is the real thing.
. "$(dirname "$0")/lib.sh"
FX=tests/cli/fixtures/batch
PY=/usr/bin/python3
ROOT=$PWD

"$NASKH" script $FX/gen_clusters.lua 200 5 configs/samples/*.txt >"$TMP/in.jsonl"
"$NASKH" run digest --stream -q <"$TMP/in.jsonl" >"$TMP/doc1.jsonl"
rc=$?
expect_eq "one process, per-document recipe (digest): exit 0" "$rc" 0
expect_eq "... every document written" "$(wc -l <"$TMP/doc1.jsonl" | tr -d ' ')" 200
"$NASKH" run summarize --stream -q <"$TMP/in.jsonl" >"$TMP/clu1.jsonl"
rc=$?
expect_eq "one process, cluster recipe (summarize): exit 0" "$rc" 0
expect_eq "... one corpus line per cluster" "$(grep -c '^{"corpus"' "$TMP/clu1.jsonl")" 40

# --- Dask
if [ -x $PY ] && $PY -c 'import distributed' 2>/dev/null; then
    for r in digest summarize; do
        opt=""; ref=doc1
        [ $r = summarize ] && { opt=--by-cluster; ref=clu1; }
        timeout 300 $PY scripts/examples/dask_naskh.py --workers 2 --lines 40 $opt \
            -- "$NASKH" run $r --stream -q <"$TMP/in.jsonl" >"$TMP/dask_$r.jsonl" 2>"$TMP/dask_$r.err"
        rc=$?
        expect_eq "dask, $r: exit 0" "$rc" 0
        grep -q "^dask: [0-9]* partitions on 2 workers" "$TMP/dask_$r.err" \
            && ok "dask, $r: the partitions ran on both worker processes" \
            || notok "dask, $r: the partitions ran on both worker processes" "$(tail -2 "$TMP/dask_$r.err")"
        cmp -s "$TMP/$ref.jsonl" "$TMP/dask_$r.jsonl" && ok "dask, $r: byte-identical to one process" \
            || notok "dask, $r: byte-identical to one process" "$(cmp "$TMP/$ref.jsonl" "$TMP/dask_$r.jsonl" 2>&1)"
    done
    # a failing partition's status comes back: exit 1 when documents failed
    printf '{"id":"x","text":"BOOM here"}\n' >>"$TMP/in.jsonl"
    timeout 300 $PY scripts/examples/dask_naskh.py --workers 2 --lines 40 \
        -- "$NASKH" run tests/cli/fixtures/fail_some.yaml --stream -q <"$TMP/in.jsonl" >/dev/null 2>"$TMP/dask_fail.err"
    expect_eq "dask: a partition with a failed document makes the run exit 1" "$?" 1
    sed -i '$d' "$TMP/in.jsonl"
elif [ -n "${NASKH_REQUIRE_SCALE_TESTS:-}" ]; then
    notok "dask: python3-distributed is not installed, and NASKH_REQUIRE_SCALE_TESTS is set (CI)"
else
    ok "# SKIP dask: python3-distributed is not installed (apt-get install python3-distributed)"
fi

# --- GNU parallel over two hosts
if command -v parallel >/dev/null 2>&1; then
    cat >"$TMP/ssh" <<'EOS'
#!/bin/sh
# A stand-in for ssh: skip the options, note the host, run the command here through sh -c,
# as the remote login shell would.
while [ $# -gt 0 ]; do
    case $1 in
    -l | -p | -o | -i | -F | -S) shift 2 ;;
    -*) shift ;;
    *) break ;;
    esac
done
host=$1
shift
[ "$1" = "--" ] && shift
echo "$host" >>"$SSH_LOG"
exec sh -c "$*"
EOS
    chmod +x "$TMP/ssh"
    export SSH_LOG="$TMP/hosts.log"
    # GNU parallel runs each job through $SHELL; a CI runner may start with SHELL unset, and then
    # every remote job fails without a word (exit = number of failed jobs). Name the shell.
    export SHELL=/bin/sh
    : >"$SSH_LOG"
    parallel --will-cite --ssh "$TMP/ssh" -S 1/host-a,1/host-b --pipe -k --block 100k \
        "$NASKH" run digest --stream -q <"$TMP/in.jsonl" >"$TMP/par_digest.jsonl"
    expect_eq "parallel -S two hosts, digest: exit 0" "$?" 0
    cmp -s "$TMP/doc1.jsonl" "$TMP/par_digest.jsonl" && ok "parallel, digest: byte-identical to one process" \
        || notok "parallel, digest: byte-identical to one process"
    : >"$SSH_LOG"
    # --group-by: a chunk ends only where meta.cluster changes, so each job sees whole clusters
    parallel --will-cite --ssh "$TMP/ssh" -S 1/host-a,1/host-b --pipe -k --block 30k \
        --group-by 's/.*"cluster":"([^"]*)".*/$1/' \
        "$NASKH" run summarize --stream -q <"$TMP/in.jsonl" >"$TMP/par_summarize.jsonl"
    expect_eq "parallel -S two hosts, summarize: exit 0" "$?" 0
    cmp -s "$TMP/clu1.jsonl" "$TMP/par_summarize.jsonl" && ok "parallel, summarize: byte-identical to one process" \
        || notok "parallel, summarize: byte-identical to one process"
    expect_eq "parallel: both hosts ran jobs" "$(sort -u "$SSH_LOG" | tr '\n' ' ')" "host-a host-b "
elif [ -n "${NASKH_REQUIRE_SCALE_TESTS:-}" ]; then
    notok "GNU parallel is not installed, and NASKH_REQUIRE_SCALE_TESTS is set (CI)"
else
    ok "# SKIP GNU parallel is not installed (apt-get install parallel)"
fi
