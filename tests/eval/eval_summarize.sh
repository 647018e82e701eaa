#!/usr/bin/env bash
# EASC (../shared/data/easc, 77 single-document topics, five human extracts
# each): ROUGE-1/2/L F1, both sides normalized, budget = mean reference length
# in words, naskh's methods beside Lead (leading whole sentences that fit the
# budget) and Lead-W (the first W words) in the same run. Also LexRank and
# centroid with an IDF file built by `naskh idf build` from the 77 articles
# (document frequencies only; no reference summary is read).
set -u
cd "$(dirname "$0")/../.."
NASKH=${NASKH:-build/naskh}
EASC=${NASKH_SHARED:-../shared}/data/easc
[ -d "$EASC" ] || { echo "no EASC data at $EASC" >&2; exit 2; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$NASKH" idf build -q "$EASC"/Topic*/docs/ -o "$tmp/easc_idf.tsv" || exit 1
NASKH_ROOT=$PWD "$NASKH" script tests/eval/easc_summarize.lua "$EASC" "$tmp/easc_idf.tsv"
# The learned scorer's weights, cross-validated by topic (what `make summary-weights`
# reports before writing configs/data/summary_weights.tsv; nothing is written here).
NASKH="$NASKH" NASKH_ROOT=$PWD "$NASKH" script tests/eval/train_summary.lua "$EASC" | grep -v '^  '
