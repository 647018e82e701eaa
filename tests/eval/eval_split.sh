#!/usr/bin/env bash
# Sentence F1 on UD Arabic-PUD (../shared/data/pud: text.txt + gold code point
# spans) for the naskh splitter beside ICU's sentence BreakIterator (locale
# "ar") on the same text in the same run: exact whitespace-trimmed spans.
# Also scores `naskh split --offsets` (the CLI path) against the same gold.
# EVAL_VERBOSE=1 lists every missed and spurious sentence.
set -u
cd "$(dirname "$0")/../.."
B=${B:-build}
CC=${CC:-cc}
SHARED=${NASKH_SHARED:-../shared}
PUD=$SHARED/data/pud
NASKH=${NASKH:-$PWD/$B/naskh}
if [ ! -f "$PUD/text.txt" ] || [ ! -f "$PUD/sentences.tsv" ]; then
    echo "eval_split: $PUD is missing (set NASKH_SHARED)" >&2
    exit 2
fi
mkdir -p "$B/eval"
# shellcheck disable=SC2046
$CC -O2 -std=c11 -Icore $(pkg-config --cflags icu-uc icu-i18n) -o "$B/eval/eval_split" \
    tests/eval/eval_split.c "$B/libnaskh.a" $(pkg-config --libs icu-uc icu-i18n) || exit 1
echo "UD Arabic-PUD: $(wc -l <"$PUD/sentences.tsv") gold sentences"
"$B/eval/eval_split" "$PUD/text.txt" "$PUD/sentences.tsv" ${EVAL_VERBOSE:+-v} || exit 1

# The CLI gives the same spans (code point offsets, end exclusive).
"$NASKH" split --offsets <"$PUD/text.txt" | awk -F'\t' '
    NR == FNR { gold[$1 "\t" $2] = 1; ng++; next }
    { np++; if (($1 "\t" $2) in gold) m++ }
    END { p = np ? m / np : 0; r = ng ? m / ng : 0; f = p + r ? 2 * p * r / (p + r) : 0
          printf "cli    sentences=%d gold=%d exact=%d  P=%.2f R=%.2f F1=%.2f\n", np, ng, m, 100*p, 100*r, 100*f }
' "$PUD/sentences.tsv" -
