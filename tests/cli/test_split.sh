#!/usr/bin/env bash
# naskh split and naskh tokens: output formats, offsets in code points, options.
. "$(dirname "$0")/lib.sh"

TEXT='لقاء بوتين والأسد
وقال د. محمد إن النمو ٣٫٥ في المئة. وغادر!'

run_in "$TEXT" "$NASKH" split
expect_rc "split exits 0" 0
expect_eq "split prints one sentence per line" "$OUT" 'لقاء بوتين والأسد
وقال د. محمد إن النمو ٣٫٥ في المئة.
وغادر!'

run_in "$TEXT" "$NASKH" split --offsets
expect_rc "split --offsets exits 0" 0
# لقاء بوتين والأسد = 17 code points; the next line starts at 18.
expect_eq "split --offsets prints code point spans" "$OUT" '0	17
18	53
54	60'

run_in "$TEXT" "$NASKH" split --json
expect_out "split --json writes start/end/text" '{"start":18,"end":53,"text":"وقال د. محمد إن النمو ٣٫٥ في المئة."}'

run_in 'ارتفعت الأسعار؛ وتراجع الطلب.' "$NASKH" split --semicolon
expect_eq "split --semicolon" "$(echo "$OUT" | wc -l)" 2

run_in 'قال الرئيس إن
المحادثات مفيدة.' "$NASKH" split --join-lines
expect_eq "split --join-lines shows one line per sentence" "$OUT" 'قال الرئيس إن المحادثات مفيدة.'

run_in 'Brig. Gen. Smith arrived. He spoke.' "$NASKH" split --abbrev Brig. --abbrev=Gen
expect_eq "split --abbrev adds abbreviations" "$OUT" 'Brig. Gen. Smith arrived.
He spoke.'

run_in 'أ

ب
ج' "$NASKH" split --paragraphs --offsets
expect_eq "split --paragraphs" "$OUT" '0	1
3	6'

run_in 'x' "$NASKH" split --offsets --json
expect_rc "--offsets with --json is a usage error" 2

run "$NASKH" split --ofsets
expect_rc "unknown option exits 2" 2
expect_err "unknown option suggests --offsets" "did you mean '--offsets'?"

printf 'جملة أولى. جملة ثانية.' >"$TMP/a.txt"
run "$NASKH" split "$TMP/a.txt"
expect_eq "split reads a file" "$(echo "$OUT" | wc -l)" 2
run "$NASKH" split "$TMP/missing.txt"
expect_rc "missing file exits 2" 2

run_in 'وبالأمس 2017م.' "$NASKH" tokens
expect_rc "tokens exits 0" 0
expect_eq "tokens: start, end, class, text" "$OUT" '0	7	arabic	وبالأمس
8	12	number	2017
12	13	arabic	م
13	14	punct	.'

run_in 'وبالأمس كتابهم' "$NASKH" tokens --clitics --stems
expect_eq "tokens --clitics --stems" "$OUT" '0	7	arabic	وبالأمس	و+ب+ال+أمس	امس
8	14	arabic	كتابهم	كتاب+هم	كتابهم'

run_in 'قال.' "$NASKH" tokens --no-punct
expect_eq "tokens --no-punct" "$OUT" '0	3	arabic	قال'

run_in 'الرئيس' "$NASKH" tokens --json --clitics
expect_eq "tokens --json" "$OUT" '{"start":0,"end":6,"class":"arabic","pieces":[{"start":0,"end":2,"kind":"proclitic"},{"start":2,"end":6,"kind":"stem"}],"text":"الرئيس"}'

run "$NASKH" split --help
expect_out "split --help shows usage" "usage: naskh split"
run "$NASKH" tokens --help
expect_out "tokens --help shows usage" "usage: naskh tokens"

# Big input (> 2 MB): the commands work in chunks cut at blank lines / line ends;
# offsets must equal those of the whole text at once.
for k in $(seq 1 700); do cat configs/samples/000_86031912e7f8d5b8.txt; printf '\n\n'; done >"$TMP/big.txt"
cat >"$TMP/whole.lua" <<'LUA'
local naskh = require "naskh"
local text = io.open(arg[1], "rb"):read("a")
local spans = arg[2] == "tokens" and naskh.tokens(text) or naskh.sentences(text)
local b = {}
for i, sp in ipairs(spans) do b[2 * i - 1] = sp.s - 1; b[2 * i] = sp.e end
local c = naskh.cp_offsets(text, b)
local out = {}
for i = 1, #spans do out[i] = c[2 * i - 1] .. "\t" .. c[2 * i] end
io.write(table.concat(out, "\n"), "\n")
LUA
want=$("$NASKH" script "$TMP/whole.lua" "$TMP/big.txt" | md5sum)
got=$("$NASKH" split --offsets <"$TMP/big.txt" | md5sum)
expect_eq "split --offsets on a big input equals the whole-text spans" "$got" "$want"
want=$("$NASKH" script "$TMP/whole.lua" "$TMP/big.txt" tokens | md5sum)
got=$("$NASKH" tokens <"$TMP/big.txt" | cut -f1,2 | md5sum)
expect_eq "tokens on a big input equals the whole-text spans" "$got" "$want"
