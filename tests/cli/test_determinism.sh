#!/usr/bin/env bash
# The same inputs and recipe give byte-identical output: every bundled recipe
# (configs/recipes/*.yaml) runs three times over the samples, each time in a
# fresh working directory (recipes' relative output paths land there), and
# standard output and every file written must be identical. Lua randomizes
# its string hashes per run, so table-order leaks show up here. A run with
# every output sent to one file (-o) is compared too, and --jobs 2 against
# --jobs 1 for a document recipe.
. "$(dirname "$0")/lib.sh"
ROOT=$PWD
INPUTS=("$ROOT"/configs/samples/*.txt)

for rec in configs/recipes/*.yaml; do
    [ -f "$rec" ] || continue
    name=$(basename "$rec" .yaml)
    for i in 1 2 3; do
        d="$TMP/$name.$i"
        mkdir -p "$d"
        (cd "$d" && "$NASKH" run "$ROOT/$rec" "${INPUTS[@]}" >stdout.out 2>stderr.err; echo $? >rc)
        (cd "$d" && "$NASKH" run "$ROOT/$rec" "${INPUTS[@]}" -q -o all.out >/dev/null 2>&1 || true)
    done
    rc=$(cat "$TMP/$name.1/rc")
    case $rc in
    0 | 1) ok "$name: runs (exit $rc)" ;;
    *) notok "$name: runs" "exit $rc: $(head -3 "$TMP/$name.1/stderr.err")" ;;
    esac
    for i in 2 3; do
        if diff -r -x stderr.err "$TMP/$name.1" "$TMP/$name.$i" >"$TMP/diff" 2>&1; then
            ok "$name: run $i is byte-identical to run 1"
        else
            notok "$name: run $i is byte-identical to run 1" "$(head -5 "$TMP/diff" | tr '\n' ' ')"
        fi
    done
    [ -s "$TMP/$name.1/stdout.out" ] || ls "$TMP/$name.1" | grep -qv 'rc\|stderr.err\|stdout.out' \
        || notok "$name: wrote something" "no output at all"
done

# Document recipes in parallel give the same bytes as one process.
for name in digest; do
    rec=configs/recipes/$name.yaml
    [ -f "$rec" ] || continue
    "$NASKH" run "$rec" "${INPUTS[@]}" -q -o "$TMP/j1.md" --jobs 1 >/dev/null 2>&1
    "$NASKH" run "$rec" "${INPUTS[@]}" -q -o "$TMP/j2.md" --jobs 2 >/dev/null 2>&1
    if cmp -s "$TMP/j1.md" "$TMP/j2.md"; then ok "$name: --jobs 2 output is byte-identical to --jobs 1"
    else notok "$name: --jobs 2 output is byte-identical to --jobs 1"; fi
done
