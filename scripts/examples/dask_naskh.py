#!/usr/bin/env python3
"""Run `naskh run RECIPE --stream` over JSON Lines with Dask's distributed scheduler.

    dask_naskh.py [--scheduler ADDRESS | --workers N] [--lines N] [--by-cluster] \
        -- naskh run RECIPE --stream -q  < in.jsonl > out.jsonl

The input is cut into partitions of about --lines lines (with --by-cluster never inside a run
of documents with the same meta.cluster, so a cluster recipe sees whole clusters); each
partition is piped through the naskh command on a Dask worker; the outputs are written in
input order, so the result is byte-identical to one `naskh run RECIPE --stream` process.
Without --scheduler a LocalCluster of --workers worker processes is started. The exit status
is the worst of the partitions' (2 before 1 before 0); their stderr is passed on.
tests/cli/test_distributed.sh runs it (Debian: python3-distributed).
"""
import argparse
import json
import logging
import subprocess
import sys


def cluster_of(line):
    try:
        meta = json.loads(line).get("meta")
    except (ValueError, AttributeError):
        return None
    return meta.get("cluster") if isinstance(meta, dict) else None


def partitions(lines, size, by_cluster):
    parts, cur, key = [], [], object()
    for line in lines:
        if len(cur) >= size:
            k = cluster_of(line) if by_cluster else None
            if not by_cluster or k != key:
                parts.append(b"".join(cur))
                cur = []
        if by_cluster:
            key = cluster_of(line)
        cur.append(line)
    if cur:
        parts.append(b"".join(cur))
    return parts


def run_part(cmd, data):
    from distributed import get_worker

    p = subprocess.run(cmd, input=data, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return p.returncode, p.stdout, p.stderr, get_worker().address


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--scheduler", help="address of a running Dask scheduler")
    ap.add_argument("--workers", type=int, default=2, help="worker processes of the LocalCluster")
    ap.add_argument("--lines", type=int, default=1000, help="lines per partition (about)")
    ap.add_argument("--by-cluster", action="store_true", help="never split a meta.cluster run")
    ap.add_argument("cmd", nargs=argparse.REMAINDER, help="-- naskh run RECIPE --stream ...")
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd[:1] == ["--"] else a.cmd
    if not cmd:
        ap.error("which naskh command? (after --)")
    from distributed import Client, LocalCluster

    parts = partitions(sys.stdin.buffer.readlines(), max(1, a.lines), a.by_cluster)
    if a.scheduler:
        cluster, client = None, Client(a.scheduler)
    else:
        cluster = LocalCluster(n_workers=a.workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.CRITICAL)
        client = Client(cluster)
    try:
        if cluster is not None:
            client.wait_for_workers(a.workers)
        futures = client.map(run_part, [cmd] * len(parts), parts, pure=False)
        results = client.gather(futures)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    worst, workers = 0, set()
    for rc, out, err, addr in results:
        sys.stdout.buffer.write(out)
        sys.stderr.buffer.write(err)
        workers.add(addr)
        if rc != 0 and (worst == 0 or rc == 2 or (worst != 2 and rc > worst)):
            worst = rc
    sys.stdout.buffer.flush()
    print(f"dask: {len(parts)} partitions on {len(workers)} workers", file=sys.stderr)
    return worst


if __name__ == "__main__":
    sys.exit(main())
