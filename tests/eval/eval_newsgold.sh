#!/usr/bin/env bash
# Quotes, speakers and dates on newsgold (../shared/data/newsgold: 41 hand-annotated
# news documents naskh was not shaped on), scored by its own score.py through
# `naskh run digest --stream -q` with meta.date = the article's date. Printed
# beside the figures of the same command before issue 16 (2026-12-07), for the
# whole set and for its two halves (odd and even documents: rules made on one
# half are checked on the other), and with the quotes stage's line handling
# forced both ways (quotes.join_lines never / always; the default is auto).
# EVAL_VERBOSE=1 lists every miss (score.py VERBOSE=1).
set -u
cd "$(dirname "$0")/../.."
B=${B:-build}
SHARED=${NASKH_SHARED:-../shared}
NG=$SHARED/data/newsgold
NASKH=${NASKH:-$PWD/$B/naskh}
if [ ! -f "$NG/dev.jsonl" ] || [ ! -f "$NG/score.py" ]; then
    echo "eval_newsgold: $NG is missing (set NASKH_SHARED)" >&2
    exit 2
fi
command -v python3 >/dev/null || { echo "eval_newsgold: python3 is needed for score.py" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
awk 'NF && NR % 2 == 1' "$NG/dev.jsonl" >"$tmp/half_a.jsonl"
awk 'NF && NR % 2 == 0' "$NG/dev.jsonl" >"$tmp/half_b.jsonl"

score() { # GOLD [--set ...]: the summary line of score.py
    local gold=$1
    shift
    if [ -n "${EVAL_VERBOSE:-}" ]; then
        VERBOSE=1 python3 "$NG/score.py" "$gold" "$SHARED/data" -- "$NASKH" run digest --stream -q "$@"
    else
        python3 "$NG/score.py" "$gold" "$SHARED/data" -- "$NASKH" run digest --stream -q "$@" |
            awk '/^quotes/ { for (i = 1; i <= NF; i++) if ($i ~ /^speaker_acc=/) acc = substr($i, 13) }
                 /^summary/ { print $0 " (speaker " acc " %)" }' 
    fi
}

echo "newsgold (quote span F1, attributed-quote F1, date span F1, date value F1; targets 80 / 70 / 90 / 85)"
echo "before   dev (41 docs)      summary quote_F1=38.4 attributed_F1=19.2 date_F1=73.9 date_value_F1=72.5 (speaker 50.0 %)"
echo "round 2  dev (at its start)  summary quote_F1=89.7 attributed_F1=76.4 date_F1=88.0 date_value_F1=88.0 (speaker 85.1 %)"
echo "round 3  dev (at its start)  summary quote_F1=89.7 attributed_F1=76.4 date_F1=88.6 date_value_F1=88.6 (speaker 85.1 %)"
echo "now      dev (41 docs)      $(score "$NG/dev.jsonl")"
echo "now      dev half A (odd)   $(score "$tmp/half_a.jsonl")"
echo "now      dev half B (even)  $(score "$tmp/half_b.jsonl")"
echo "lines    join_lines=never   $(score "$NG/dev.jsonl" --set quotes.join_lines=never)"
echo "lines    join_lines=always  $(score "$NG/dev.jsonl" --set quotes.join_lines=always)"
