#!/usr/bin/env bash
# The entity tagger, k-fold cross-validated over the whole ANERcorp training file
# (../shared/data/anercorp/train.tsv): the sentences in file order are cut into K contiguous
# blocks (ANERcorp has no document marks; contiguous blocks keep an article's sentences
# together, so a fold's names were not seen in training next door); for each block, a model is
# trained on the other K-1 (naskh train entities, the options of `make model` plus TRAIN_OPTS)
# and the block is scored (naskh eval entities) out of the box and with the unpruned list of
# the training blocks' entities as -g (gaz_raw.tsv: what a user's list looks like). Prints one
# line per fold and the mean, standard deviation (n-1) and range of F1 and of each type's F1.
# Environment: NASKH (binary), NASKH_SHARED (the shared folder), K (5), TRAIN_OPTS (""),
# FOLDS (which folds, default all: "1 2 3 4 5"), KEEP (a directory to keep the files in).
set -u
cd "$(dirname "$0")/../.."
NASKH=${NASKH:-$PWD/build/naskh}
SHARED=${NASKH_SHARED:-../shared}
TRAIN=$SHARED/data/anercorp/train.tsv
LUA=${LUA:-lua5.4}
K=${K:-5}
H=tests/eval/anercorp.lua
if [ ! -f "$TRAIN" ]; then
    echo "cv_entities: no $TRAIN (set NASKH_SHARED)" >&2
    exit 2
fi
if [ -n "${KEEP:-}" ]; then
    D=$KEEP
    mkdir -p "$D"
else
    D=$(mktemp -d)
    trap 'rm -rf "$D"' EXIT
fi
FOLDS=${FOLDS:-$(seq 1 "$K")}
echo "-- entity tagger, $K-fold cross-validation by contiguous blocks (train opts: ${TRAIN_OPTS:-none})"
: >"$D/results"
for i in $FOLDS; do
    F=$D/fold$i
    mkdir -p "$F"
    $LUA $H split "$TRAIN" "$F" 20 "$i/$K" 2>/dev/null || exit 1
    t0=$(date +%s.%N)
    # shellcheck disable=SC2086
    "$NASKH" train entities -q "$F/train_part.tsv" -o "$F/model.nktag" ${TRAIN_OPTS:-} || exit 1
    t1=$(date +%s.%N)
    "$NASKH" eval entities --model "$F/model.nktag" "$F/dev.tsv" >"$F/tagger.txt" || exit 1
    "$NASKH" eval entities --model "$F/model.nktag" -g "$F/gaz_raw.tsv" "$F/dev.tsv" >"$F/user.txt" || exit 1
    for sys in tagger user; do
        awk -v fold="$i" -v sys="$sys" '
            $1 == "all" { p = $2; r = $3; f = $4 } $1 == "PERS" { pe = $4 } $1 == "LOC" { lo = $4 }
            $1 == "ORG" { or = $4 } $1 == "MISC" { mi = $4 }
            END { printf "%s %s %s %s %s %s %s %s %s\n", sys, fold, p, r, f, pe, lo, or, mi }' \
            "$F/$sys.txt" >>"$D/results"
    done
    awk -v i="$i" -v a="$t0" -v b="$t1" -v sz="$(wc -c <"$F/model.nktag")" '
        $2 == i { printf "   fold %s %-7s P %6.2f R %6.2f F1 %6.2f   PERS %6.2f LOC %6.2f ORG %6.2f MISC %6.2f\n",
                  $2, $1, $3, $4, $5, $6, $7, $8, $9 }
        END { printf "   fold %s: %.1f s to train, %d bytes\n", i, b - a, sz }' "$D/results"
done
echo "   mean ± sd [min, max] over folds (F1):"
for sys in tagger user; do
    awk -v sys="$sys" '
        $1 == sys { n++; for (c = 3; c <= 9; c++) { s[c] += $c; q[c] += $c * $c
                    if (n == 1 || $c < lo[c]) lo[c] = $c; if (n == 1 || $c > hi[c]) hi[c] = $c } }
        END {
            split("P R F1 PERS LOC ORG MISC", nm, " ")
            printf "   %-7s", sys == "user" ? "+ -g" : "tagger"
            for (c = 3; c <= 9; c++) {
                m = s[c] / n; v = n > 1 ? (q[c] - n * m * m) / (n - 1) : 0; if (v < 0) v = 0
                printf " %s %.2f±%.2f [%.1f,%.1f]", nm[c - 2], m, sqrt(v), lo[c], hi[c]
            }
            printf "\n"
        }' "$D/results"
done
awk '$1 == "tagger" { t[$2] = $5 } $1 == "user" { u[$2] = $5 }
     END { for (f in t) { n++; d = u[f] - t[f]; s += d; if (d < 0) neg++ }
           printf "   -g minus out of the box: mean %+.2f, below in %d of %d folds\n", s / n, neg, n }' "$D/results"
