#!/usr/bin/env bash
# The cost of the sandbox's limits: a Lua-heavy user stage (a byte loop) over
# the samples repeated to about 10 MB of JSON Lines, sandboxed (memory and
# time limits: a count hook and the budget allocator) against --trust (no
# limits set, no hook). Median of RUNS (default 5) whole-process runs.
set -u
. "$(dirname "$0")/lib.sh"
RUNS=${RUNS:-5}
dir=${B:-build}/bench
mkdir -p "$dir"
in="$dir/samples_10MB.jsonl"
if [ ! -f "$in" ]; then
    "$NASKH" script /dev/stdin configs/samples/*.txt >"$in" <<'LUA'
local json = require "naskh.engine.json"
local docs, size, i = {}, 0, 0
while size < 10e6 do
  for _, f in ipairs(arg) do
    i = i + 1
    local fh = assert(io.open(f, "rb")); local t = fh:read("a"); fh:close()
    local line = json.encode({ id = tostring(i), text = t })
    docs[#docs + 1] = line
    size = size + #line
  end
end
io.write(table.concat(docs, "\n"), "\n")
LUA
fi
R=tests/bench/sandbox/bytes.yaml
# median3 N CMD...: "wall_median_s peak_rss_median_kb" of N runs after a warm-up (plain awk).
median3() {
    local n=$1 tf; shift
    tf=$(mktemp)
    "$@" >/dev/null 2>&1
    for _ in $(seq 1 "$n"); do /usr/bin/time -f "%e %M" -a -o "$tf" "$@" >/dev/null 2>&1; done
    local w m
    w=$(cut -d' ' -f1 "$tf" | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}')
    m=$(cut -d' ' -f2 "$tf" | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}')
    rm -f "$tf"
    echo "$w $m"
}
read -r ws ms < <(median3 "$RUNS" "$NASKH" run $R "$in" -q -o "$dir/sandbox.out")
read -r wt mt < <(median3 "$RUNS" "$NASKH" run $R "$in" -q -o "$dir/trust.out" --trust)
printf 'byte-loop stage, %s: sandboxed %.2f s (peak %.0f MB), --trust %.2f s (peak %.0f MB), ratio %sx\n' \
    "$(basename "$in")" "$ws" "$(awk -v k="$ms" 'BEGIN{print k/1024}')" "$wt" "$(awk -v k="$mt" 'BEGIN{print k/1024}')" "$(ratio "$ws" "$wt")"
