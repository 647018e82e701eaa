#!/usr/bin/env bash
# tests/fuzz/run.sh [TARGET...]: build the libFuzzer targets tests/fuzz/fuzz_*.c
# with clang (-fsanitize=fuzzer,address,undefined) and run each for
# FUZZ_SECONDS (default 60), inputs capped at 64 KiB. `make fuzz FUZZ_SECONDS=N`.
#
# Corpora: build/fuzz/corpus/<target> (kept between runs), seeded from
# tests/fuzz/seeds/<target>, the samples (configs/samples), the bundled YAML
# files and tests/fuzz/regressions/<target>. A crash, leak, timeout or OOM
# found is copied to tests/fuzz/regressions/<target>/ (replayed by `make test`:
# tests/c/test_fuzz_replay.c and tests/lua/test_fuzz_regressions.lua) and the
# script exits 1. The last lines are a table: runs, coverage (cov = edges,
# ft = features), corpus size per target; also in build/fuzz/summary.txt.
#
# Environment: FUZZ_SECONDS, FUZZ_PARALLEL (targets run at once, default 1),
# FUZZ_CC (clang), FUZZ_BUILD (build/fuzz), FUZZ_ARGS (extra libFuzzer flags).
set -u
cd "$(dirname "$0")/../.."
SECS=${FUZZ_SECONDS:-60}
FB=${FUZZ_BUILD:-build/fuzz}
CC=${FUZZ_CC:-clang}
PAR=${FUZZ_PARALLEL:-1}
MAXLEN=65536

if ! command -v "$CC" >/dev/null 2>&1; then
    echo "fuzz: $CC not found (Debian: apt-get install clang)" >&2
    exit 2
fi
PKG_CFLAGS=$(pkg-config --cflags lua5.4 icu-uc icu-i18n yaml-0.1)
LIBS_CORE="$(pkg-config --libs icu-uc icu-i18n) -lm"
LIBS_LUA="$(pkg-config --libs lua5.4 yaml-0.1 icu-uc icu-i18n) -lm -ldl"
SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
CFLAGS="-std=c11 -g -O1 $SAN -D_POSIX_C_SOURCE=200809L -DNK_SHAREDIR=\"/nonexistent\" -Icore -Ibindings -Itests/fuzz $PKG_CFLAGS"

mkdir -p "$FB/obj" "$FB/bin"

# Compile one library source with coverage instrumentation (no fuzzer main).
compile() {
    local src=$1 obj="$FB/obj/${1%.c}.o" dir
    dir=$(dirname "$src")
    mkdir -p "$(dirname "$obj")"
    # rebuild when the source or any header of its directory is newer
    if [ -f "$obj" ] && [ "$obj" -nt "$src" ] && [ -z "$(find "$dir" core -name '*.h' -newer "$obj" 2>/dev/null | head -1)" ]; then
        echo "$obj"; return 0
    fi
    if "$CC" $CFLAGS -fsanitize=fuzzer-no-link -c "$src" -o "$obj" 2>"$obj.log"; then
        echo "$obj"
    else
        echo "fuzz: cannot compile $src:" >&2; head -20 "$obj.log" >&2
        return 1
    fi
}

CORE_OBJS=() BIND_OBJS=() ok=1
for f in core/*.c; do o=$(compile "$f") && CORE_OBJS+=("$o") || ok=0; done
for f in bindings/*.c; do
    [ "$f" = bindings/naskh.c ] && continue
    o=$(compile "$f") && BIND_OBJS+=("$o") || ok=0
done
[ "$ok" = 1 ] || { echo "fuzz: the library does not compile with $CC" >&2; exit 2; }

if [ $# -gt 0 ]; then
    TARGETS=("$@")
else
    TARGETS=()
    for f in tests/fuzz/fuzz_*.c; do t=${f#tests/fuzz/fuzz_}; TARGETS+=("${t%.c}"); done
fi

# Seeds made from the repository's own files.
make_seeds() {
    local t=$1 d="$FB/seeds/$1" f
    rm -rf "$d"; mkdir -p "$d"
    case $t in
    split | match)
        for f in configs/samples/*.txt; do
            { printf '\000'; head -c $((MAXLEN - 1)) "$f"; } >"$d/$(basename "$f")"
        done ;;
    sim)
        for f in configs/samples/*.txt; do
            { printf '\001\000'; head -c $((MAXLEN - 2)) "$f"; } >"$d/$(basename "$f")"
        done ;;
    normalize)
        for f in configs/samples/*.txt; do
            { printf '\000\000\000'; head -c $((MAXLEN - 3)) "$f"; } >"$d/$(basename "$f")"
        done ;;
    pattern)
        for f in configs/samples/*.txt; do
            { cat configs/data/dates.pat; printf '\000'; head -c 30000 "$f"; } >"$d/$(basename "$f")"
        done ;;
    tokens | stem | words)
        for f in configs/samples/*.txt; do head -c $MAXLEN "$f" >"$d/$(basename "$f")"; done ;;
    yaml)
        for f in configs/recipes/*.yaml configs/gazetteers/*.yaml scripts/examples/*.yaml \
            tests/cli/fixtures/*.yaml; do
            [ -f "$f" ] && head -c 16384 "$f" >"$d/$(echo "$f" | tr / _)"
        done ;;
    jsonl)
        if command -v lua5.4 >/dev/null 2>&1; then
            cat >"$FB/mkjsonl.lua" <<'LUA'
local cjson = require "cjson"
local fh = io.open(arg[1], "rb")
local t = fh:read("a"):sub(1, 20000)
fh:close()
io.write(cjson.encode({ id = arg[1], text = t, meta = { source = "sample" } }), "\n")
LUA
            for f in configs/samples/*.txt; do
                lua5.4 "$FB/mkjsonl.lua" "$f" >"$d/$(basename "$f").jsonl" 2>/dev/null \
                    || rm -f "$d/$(basename "$f").jsonl"
            done
        fi ;;
    esac
}

run_target() {
    local t=$1 src="tests/fuzz/fuzz_$1.c" bin="$FB/bin/fuzz_$1" log="$FB/log/$1.log"
    local dirs=() objs=() libs
    mkdir -p "$FB/log" "$FB/artifacts/$t" "$FB/corpus/$t"
    if [ ! -f "$src" ]; then echo "$t|no such target" >"$FB/res/$t"; return; fi
    if grep -q 'fuzz_lua.h' "$src"; then
        objs=("${CORE_OBJS[@]}" "${BIND_OBJS[@]}"); libs=$LIBS_LUA
    else
        objs=("${CORE_OBJS[@]}"); libs=$LIBS_CORE
    fi
    if ! "$CC" $CFLAGS -fsanitize=fuzzer -Wl,-E -o "$bin" "$src" "${objs[@]}" $libs 2>"$log"; then
        echo "fuzz: cannot build $t:" >&2; head -20 "$log" >&2
        echo "$t|build failed" >"$FB/res/$t"; return
    fi
    make_seeds "$t"
    for d in "$FB/seeds/$t" "tests/fuzz/seeds/$t" "tests/fuzz/regressions/$t"; do
        [ -d "$d" ] && dirs+=("$d")
    done
    local dict=()
    [ -f "tests/fuzz/dicts/$t.dict" ] && dict=("-dict=tests/fuzz/dicts/$t.dict")
    ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1} \
    UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1} \
        "$bin" -max_total_time="$SECS" -max_len=$MAXLEN -timeout=30 -rss_limit_mb=2560 \
        -print_final_stats=1 -artifact_prefix="$FB/artifacts/$t/" "${dict[@]}" ${FUZZ_ARGS:-} \
        "$FB/corpus/$t" "${dirs[@]}" >"$log" 2>&1
    local rc=$? runs cov ft corpus found=0 a
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$')
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$')
    ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$')
    corpus=$(find "$FB/corpus/$t" -type f | wc -l)
    for a in "$FB/artifacts/$t"/*; do
        [ -f "$a" ] || continue
        mkdir -p "tests/fuzz/regressions/$t"
        if [ ! -f "tests/fuzz/regressions/$t/$(basename "$a")" ]; then
            cp "$a" "tests/fuzz/regressions/$t/"
            echo "fuzz: $t: new finding tests/fuzz/regressions/$t/$(basename "$a") (log: $log)" >&2
        fi
        found=$((found + 1))
    done
    rm -f "$FB/artifacts/$t"/*
    echo "$t|${runs:-?}|${cov:-?}|${ft:-?}|$corpus|$found|$rc" >"$FB/res/$t"
}

rm -rf "$FB/res"; mkdir -p "$FB/res"
echo "fuzz: ${#TARGETS[@]} targets, ${SECS}s each, inputs up to $MAXLEN bytes ($CC, ASan+UBSan)" >&2
running=0
for t in "${TARGETS[@]}"; do
    echo "fuzz: $t..." >&2
    run_target "$t" &
    running=$((running + 1))
    if [ "$running" -ge "$PAR" ]; then wait -n; running=$((running - 1)); fi
done
wait

status=0
summary() {
    printf '%-10s %12s %8s %8s %8s %8s\n' target runs cov ft corpus findings
    for t in "${TARGETS[@]}"; do
        IFS='|' read -r name runs cov ft corpus found rc <"$FB/res/$t"
        if [ -z "${cov:-}" ]; then
            printf '%-10s %s\n' "$name" "$runs"; status=1; continue
        fi
        printf '%-10s %12s %8s %8s %8s %8s\n' "$name" "$runs" "$cov" "$ft" "$corpus" "$found"
        if [ "$found" != 0 ] || [ "$rc" != 0 ]; then status=1; fi
    done
    echo "($(date -u +%Y-%m-%dT%H:%MZ), FUZZ_SECONDS=$SECS, $(uname -m), $($CC --version | head -1))"
}
summary >"$FB/summary.txt"
cat "$FB/summary.txt"
[ "$status" = 0 ] && echo "fuzz: nothing found" || echo "fuzz: FINDINGS or failures (see above; logs in $FB/log)"
exit $status
