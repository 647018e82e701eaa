#!/usr/bin/env bash
# make eval: entity matching on ANERcorp (../shared/data/anercorp/train.tsv).
#
# Dev split: ANERcorp's CAMeL train file has no documents; its sentences are taken in
# file order, the last 20% (794 sentences) are the dev part, the first 80% the training
# part. A gazetteer (surface<TAB>TYPE) is built from the training part's entities
# (tests/eval/anercorp.lua split). On the dev text (tokens joined by spaces, one sentence
# per line) three systems run in the same process run:
#   baseline   a plain dictionary: exact token sequences of the gazetteer, leftmost-longest,
#              no normalization, no clitics (anercorp.lua baseline)
#   match      naskh match -g gaz.tsv               (clitics, normalization, word boundaries)
#   entities   naskh entities -g gaz.tsv            (+ bundled gazetteers + context rules)
# A last block builds an entity-rate gazetteer with a rate chosen inside the training part.
# and entity-level precision/recall/F1 by tokens is computed (a prediction is the tokens
# its span overlaps, with its type; it counts when span and type equal a gold entity;
# NORP, which ANERcorp does not annotate, is not scored). Figures: docs/entities.md.
# A last block repeats baseline, match and entities with the first 20 % as the dev part: the
# rules were developed looking at errors on the last 20 %, so that block is the held-out check.
# Environment: NASKH (binary), NASKH_SHARED (the shared folder), DEV_PERCENT (20).
# The blocks above the tagger's run `naskh entities --no-model` (gazetteers and rules alone):
# the shipped tagger model was trained on the whole file, dev part included. The tagger block
# (first) trains a model on the training part only (naskh train entities) and scores it on the
# dev part (naskh eval entities), for both folds.
set -u
cd "$(dirname "$0")/../.."
NASKH=${NASKH:-$PWD/build/naskh}
SHARED=${NASKH_SHARED:-../shared}
TRAIN=$SHARED/data/anercorp/train.tsv
LUA=${LUA:-lua5.4}
H=tests/eval/anercorp.lua
if [ ! -f "$TRAIN" ]; then
    echo "eval_entities: no $TRAIN (set NASKH_SHARED)" >&2
    exit 2
fi
D=$(mktemp -d)
trap 'rm -rf "$D"' EXIT

$LUA $H split "$TRAIN" "$D" "${DEV_PERCENT:-20}" || exit 1

# The tagger, 5-fold cross-validated over the whole file (contiguous blocks; mean ± sd over
# folds, out of the box and with the unpruned list of the training blocks as -g): the figure
# docs/entities.md and README quote. CV_FOLDS=0 leaves it out.
if [ "${CV_FOLDS:-5}" != 0 ]; then
    K=${CV_FOLDS:-5} NASKH=$NASKH NASKH_SHARED=$SHARED bash tests/eval/cv_entities.sh || exit 1
    echo
fi

# The tagger, cross-validated inside the training file: a model trained on the training part
# (the bundled gazetteers and rules as features, as `make model` does), scored on the dev part
# out of the box, with the unpruned training list (gaz_raw.tsv) as -g, and beside the rules
# alone (--no-model); the same for the first 20 % as the dev part.
echo "-- entity tagger (naskh train entities on the training part, naskh eval entities on the dev part)"
for fold in last first; do
    T=$D/tagger_$fold
    mkdir -p "$T"
    $LUA $H split "$TRAIN" "$T" "${DEV_PERCENT:-20}" "$fold" 2>/dev/null || exit 1
    t0=$(date +%s.%N)
    "$NASKH" train entities -q "$T/train_part.tsv" -o "$T/model.nktag" || exit 1
    t1=$(date +%s.%N)
    echo "   dev = the $fold ${DEV_PERCENT:-20} % ($(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s to train, $(wc -c <"$T/model.nktag") bytes)"
    for sys in tagger tagger_user rules_only; do
        case $sys in
            tagger) "$NASKH" eval entities --model "$T/model.nktag" "$T/dev.tsv" ;;
            tagger_user) "$NASKH" eval entities --model "$T/model.nktag" -g "$T/gaz_raw.tsv" "$T/dev.tsv" ;;
            rules_only) "$NASKH" eval entities --no-model "$T/dev.tsv" ;;
        esac >"$T/$sys.txt" || exit 1
        echo "   $sys:"
        sed 's/^/      /' "$T/$sys.txt"
    done
done
echo

# run NAME CMD...: run a system on dev.txt and turn its JSON Lines into token predictions
run() {
    local name=$1; shift
    local t0 t1
    t0=$(date +%s.%N)
    "$@" <"$D/dev.txt" >"$D/$name.jsonl" || { echo "eval_entities: $name failed" >&2; exit 1; }
    t1=$(date +%s.%N)
    $LUA $H tokpred "$D" "$D/$name.jsonl" >"$D/$name.pred"
    awk -v n="$name" -v a="$t0" -v b="$t1" 'BEGIN { printf "%-22s %6.2f s\n", n, b - a }' >>"$D/times"
}

for g in gaz gaz_raw; do
    if [ "$g" = gaz ]; then
        echo "-- gazetteer gaz.tsv: training entities, one-word forms seen mostly outside entities left out"
        sfx=""
    else
        echo "-- gazetteer gaz_raw.tsv: every training entity as it is"
        sfx="_raw"
    fi
    $LUA $H baseline "$D" "$D/$g.tsv" >"$D/baseline$sfx.pred"
    run "match$sfx" "$NASKH" match -g "$D/$g.tsv"
    "$NASKH" gazetteer compile "$D/$g.tsv" -o "$D/$g.nkg" --variants || exit 1
    run "match_variants$sfx" "$NASKH" match --variants -g "$D/$g.nkg"
    run "entities_norules$sfx" "$NASKH" entities --no-model --gazetteers-only -g "$D/$g.tsv"
    run "entities_nouser$sfx" "$NASKH" entities --no-model
    run "entities$sfx" "$NASKH" entities --no-model -g "$D/$g.tsv"
    $LUA $H score "$D" "$D/baseline$sfx.pred" "$D/match$sfx.pred" "$D/match_variants$sfx.pred" \
        "$D/entities_nouser$sfx.pred" "$D/entities_norules$sfx.pred" "$D/entities$sfx.pred"
    $LUA $H oracle "$D" "$D/$g.tsv"
    $LUA $H subsets "$D" "$D/$g.tsv" "$D/baseline$sfx.pred" "$D/match$sfx.pred" "$D/entities$sfx.pred"
    echo
done
echo "-- run times (whole dev part, $(wc -c <"$D/dev.txt") bytes)"
cat "$D/times"
echo

# Held-out check: the rules were developed looking at errors on the last 20 %; the first
# 20 % (with a gazetteer from the other 80 %) was never inspected.
H2=$D/first
mkdir -p "$H2"
echo "-- held-out check: dev = the first ${DEV_PERCENT:-20}% of the sentences, gaz.tsv from the rest"
$LUA $H split "$TRAIN" "$H2" "${DEV_PERCENT:-20}" first || exit 1
$LUA $H baseline "$H2" "$H2/gaz.tsv" >"$H2/baseline_first.pred"
for sys in match entities_norules entities; do
    case $sys in
        match) "$NASKH" match -g "$H2/gaz.tsv" <"$H2/dev.txt" >"$H2/$sys.jsonl" ;;
        entities_norules) "$NASKH" entities --no-model --gazetteers-only -g "$H2/gaz.tsv" <"$H2/dev.txt" >"$H2/$sys.jsonl" ;;
        entities) "$NASKH" entities --no-model -g "$H2/gaz.tsv" <"$H2/dev.txt" >"$H2/$sys.jsonl" ;;
    esac || exit 1
    $LUA $H tokpred "$H2" "$H2/$sys.jsonl" >"$H2/${sys}_first.pred"
done
$LUA $H score "$H2" "$H2/baseline_first.pred" "$H2/match_first.pred" "$H2/entities_norules_first.pred" \
    "$H2/entities_first.pred"
$LUA $H oracle "$H2" "$H2/gaz.tsv"
$LUA $H subsets "$H2" "$H2/gaz.tsv" "$H2/baseline_first.pred" "$H2/match_first.pred" "$H2/entities_first.pred"

# Curated lists: the training list plus naskh's bundled gazetteers (bare canonical forms and
# aliases, where clitics and spelling should matter most), the same list for baseline and match.
echo
echo "-- gaz.tsv + the bundled gazetteers (one list, the same for baseline and match)"
"$NASKH" script tests/eval/bundled_tsv.lua configs/gazetteers/*.yaml >"$D/bundled.tsv" || exit 1
for fold in last first; do
    F=$D; [ "$fold" = first ] && F=$H2
    # a training surface keeps its own type: bundled lines only for surfaces not in gaz.tsv
    awk -F'\t' 'NR == FNR { g[$1] = 1; next } !($1 in g)' "$F/gaz.tsv" "$D/bundled.tsv" >"$F/comb.tsv"
    cat "$F/gaz.tsv" >>"$F/comb.tsv"
    $LUA $H baseline "$F" "$F/comb.tsv" >"$F/baseline_comb_$fold.pred"
    "$NASKH" match -g "$F/comb.tsv" <"$F/dev.txt" >"$F/match_comb.jsonl" || exit 1
    $LUA $H tokpred "$F" "$F/match_comb.jsonl" >"$F/match_comb_$fold.pred"
    echo "   dev = the $fold ${DEV_PERCENT:-20} %, $(wc -l <"$F/comb.tsv") forms:"
    $LUA $H score "$F" "$F/baseline_comb_$fold.pred" "$F/match_comb_$fold.pred" | sed '$d'
done

# Entity-rate gazetteer (gaz_rate.tsv, anercorp.lua rate_gaz): training surfaces plus their bare
# forms (والعراق -> العراق), each kept only when at least a share RATE of the matches it wins on
# the training text (read like the matcher: light normalization, proclitics, leftmost-longest)
# are gold entities of its type. RATE is chosen on a split inside the training part (its last
# 20 % as the tuning part), by naskh match F1 there; then the dev result is reported once for
# each fold, baseline and match with the same gaz_rate.tsv.
echo
echo "-- entity-rate gazetteer: the minimum rate chosen inside the training part, then dev once"
for fold in last first; do
    F=$D/rate_$fold
    mkdir -p "$F/tune"
    $LUA $H split "$TRAIN" "$F" "${DEV_PERCENT:-20}" "$fold" 2>/dev/null || exit 1
    best="" bestf=-1
    for r in 0 0.2 0.4 0.6; do
        $LUA $H split "$F/train_part.tsv" "$F/tune" 20 last "$r" bare 2>/dev/null || exit 1
        $LUA $H baseline "$F/tune" "$F/tune/gaz_rate.tsv" >"$F/tune/baseline.pred"
        "$NASKH" match -g "$F/tune/gaz_rate.tsv" <"$F/tune/dev.txt" >"$F/tune/match.jsonl" || exit 1
        $LUA $H tokpred "$F/tune" "$F/tune/match.jsonl" >"$F/tune/match.pred"
        line=$($LUA $H score "$F/tune" "$F/tune/baseline.pred" "$F/tune/match.pred" |
            awk '$1 == "baseline" { b = $4 } $1 == "match" { m = $4 } END { print b, m }')
        echo "   fold $fold, tuning part, min rate $r: baseline F1 ${line% *}, match F1 ${line#* }"
        if awk -v a="${line#* }" -v b="$bestf" 'BEGIN { exit !(a > b) }'; then
            best=$r bestf=${line#* }
        fi
    done
    $LUA $H split "$TRAIN" "$F" "${DEV_PERCENT:-20}" "$fold" "$best" bare 2>&1 | grep gaz_rate
    $LUA $H baseline "$F" "$F/gaz_rate.tsv" >"$F/baseline_rate_$fold.pred"
    "$NASKH" match -g "$F/gaz_rate.tsv" <"$F/dev.txt" >"$F/match.jsonl" || exit 1
    $LUA $H tokpred "$F" "$F/match.jsonl" >"$F/match_rate_$fold.pred"
    echo "   dev = the $fold ${DEV_PERCENT:-20} %, min rate $best:"
    $LUA $H score "$F" "$F/baseline_rate_$fold.pred" "$F/match_rate_$fold.pred" | sed '$d'
done
