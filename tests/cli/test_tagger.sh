#!/usr/bin/env bash
# naskh train entities / naskh eval entities / naskh entities --model on a fixture made here
# (tests must not need ../shared): training output, determinism, progress on a terminal,
# CoNLL-style scores, and errors that name the file and line.
. "$(dirname "$0")/lib.sh"

# a small annotated file in ANERcorp's format (invented names)
: >"$TMP/train.tsv"
for rep in 1 2 3 4 5; do
    for g in سمير كريم نادر فادي رامي هشام; do
        for f in الحداد النجار الخطيب; do
            printf 'قال\tO\n%s\tB-PERS\n%s\tI-PERS\nفي\tO\nدمشق\tB-LOC\nأمس\tO\n.\tO\n\n' "$g" "$f" >>"$TMP/train.tsv"
        done
    done
done

run "$NASKH" train entities "$TMP/train.tsv" -o "$TMP/m.nktag" --epochs 4 --bits 14 --no-bundled --no-rules --user-folds 0
expect_rc "train entities: exit 0" 0
expect_err "train entities: reports the model written" "m.nktag:"
[ -s "$TMP/m.nktag" ] && ok "train entities: the model file is written" || notok "train entities: the model file is written"
run "$NASKH" train entities "$TMP/train.tsv" -o "$TMP/m2.nktag" --epochs 4 --bits 14 --no-bundled --no-rules --user-folds 0
if cmp -s "$TMP/m.nktag" "$TMP/m2.nktag"; then ok "train entities: the same file twice"; else notok "train entities: the same file twice"; fi

run "$NASKH" eval entities --model "$TMP/m.nktag" --no-bundled --no-rules "$TMP/train.tsv"
expect_rc "eval entities: exit 0" 0
expect_out "eval entities: a row per type" "PERS    100.00  100.00  100.00     90     90"
expect_out "eval entities: the total" "all     100.00  100.00  100.00    180    180"
run "$NASKH" eval entities --model "$TMP/m.nktag" --no-bundled --no-rules --json "$TMP/train.tsv"
expect_out "eval entities --json" '"PERS":{"correct":90,"f":100,"gold":90,"p":100,"pred":90,"r":100}'

run_in 'قال كريم النجار في دمشق أمس .' "$NASKH" entities --model "$TMP/m.nktag" --no-bundled --no-rules
expect_out "entities --model: a tagged person" '"id":"PERS:كريم النجار"'
expect_out "entities --model: source tagger" '"source":"tagger"'

# errors
printf 'قال\tO\nسمير\tB-PERSON\n' >"$TMP/bad.tsv"
run "$NASKH" train entities "$TMP/bad.tsv" -o "$TMP/x.nktag"
expect_rc "train entities: a bad tag is exit 2" 2
expect_err "train entities: the bad line is named" "bad.tsv:2: unknown tag 'B-PERSON'"
run "$NASKH" eval entities "$TMP/bad.tsv"
expect_rc "eval entities: a bad tag is exit 2" 2
run "$NASKH" train entities "$TMP/train.tsv"
expect_rc "train entities without -o: exit 2" 2
expect_err "train entities without -o: says so" "needs -o MODEL"
run "$NASKH" train people "$TMP/train.tsv" -o "$TMP/x"
expect_rc "train: unknown model is exit 2" 2
head -c 100 "$TMP/m.nktag" >"$TMP/cut.nktag"
run_in 'قال كريم' "$NASKH" entities --model "$TMP/cut.nktag"
expect_rc "entities --model: a truncated model is exit 2" 2
expect_err "entities --model: the message names the file" "cut.nktag: tagger model"

# progress on a terminal
if command -v script >/dev/null 2>&1; then
    tty_out=$(script -qec "$NASKH train entities $TMP/train.tsv -o $TMP/t.nktag --epochs 3 --runs 2 --bits 14 --no-bundled --no-rules" /dev/null </dev/null)
    case $tty_out in
    *"epoch 36/36:"*"words misread"*) ok "train entities: progress per epoch on a terminal (3 epochs x 2 runs x 6 trainings)" ;;
    *) notok "train entities: progress per epoch on a terminal" "$(printf '%s' "$tty_out" | tr '\r' '|' | head -c 200)" ;;
    esac
else
    ok "# SKIP progress on a tty: script(1) not installed"
fi
run "$NASKH" train entities "$TMP/train.tsv" -o "$TMP/t.nktag" --epochs 3 --bits 14 --no-bundled --no-rules
case $ERR in *"epoch 1/"*) notok "train entities: no progress when stderr is a file" "$ERR" ;; *) ok "train entities: no progress when stderr is a file" ;; esac
