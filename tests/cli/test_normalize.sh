#!/usr/bin/env bash
# naskh normalize: profiles, switches, --map, errors and exit codes.
. "$(dirname "$0")/lib.sh"

TEXT='إِلَى الرَّئِيسِ «أحمد» ٢٠٢٤ ﻻ ﷲ'

run_in "$TEXT" "$NASKH" normalize
expect_rc "normalize exits 0" 0
expect_eq "normalize uses the search profile" "$OUT" 'الي الرييس "احمد" 2024 لا الله'

run_in "$TEXT" "$NASKH" normalize --profile camel
expect_eq "normalize --profile camel" "$OUT" 'الي الرئيس «احمد» ٢٠٢٤ لا الله'

run_in "$TEXT" "$NASKH" normalize -p display --diacritics=strip
expect_eq "normalize -p display --diacritics=strip" "$OUT" 'إلى الرئيس «أحمد» ٢٠٢٤ لا الله'

run_in 'الرئيس ٢٠' "$NASKH" normalize --profile none --digits
expect_eq "a boolean switch turns on over a profile" "$OUT" 'الرئيس 20'

run_in "$TEXT" "$NASKH" normalize --map
expect_rc "normalize --map exits 0" 0
expect_out "--map: a word with its original span (code points)" '4	10	6	16	الرييس	الرَّئِيسِ'
expect_out "--map: an expansion maps to the one character" '26	30	31	32	الله	ﷲ'

printf 'ab\377cd' >"$TMP/bad.txt"
run "$NASKH" normalize "$TMP/bad.txt"
expect_rc "invalid UTF-8 is replaced by default" 0
expect_eq "U+FFFD in place of the bad byte" "$OUT" 'ab�cd'
run "$NASKH" normalize --invalid=error "$TMP/bad.txt"
expect_rc "--invalid=error exits 2" 2
expect_err "--invalid=error names the byte" 'invalid UTF-8 at byte 3'

run_in x "$NASKH" normalize --diacritcs
expect_rc "unknown option exits 2" 2
expect_err "unknown option suggests" "did you mean '--diacritics'?"
run_in x "$NASKH" normalize --alef=some
expect_rc "bad enum value exits 2" 2
expect_err "bad enum value lists the values" 'keep, basic, all'
run_in x "$NASKH" normalize --profile serch
expect_rc "unknown profile exits 2" 2
expect_err "unknown profile suggests" "did you mean 'search'?"

run "$NASKH" normalize --help
expect_rc "normalize --help exits 0" 0
expect_out "help lists the switches" '--hamza'

# --map on a big input (> 1 MB: several pieces cut at line ends) equals the map of the whole
# text at once, offsets counted from the start of the input
for k in $(seq 1 300); do cat configs/samples/*.txt; printf 'ﻻ  أَحْمَد\r\n\n'; done >"$TMP/big.txt"
cat >"$TMP/whole_map.lua" <<'LUA'
-- the map of the whole text at once, by the command's own line writer
local naskh = require "naskh"
local text = io.open(arg[1], "rb"):read("a")
local norm = assert(naskh.normview(text, { profile = "search" }))
require("naskh.cmd.normalize").map_lines(io.write, text, norm, 0, 0)
LUA
want=$("$NASKH" script "$TMP/whole_map.lua" "$TMP/big.txt" | md5sum)
got=$("$NASKH" normalize --map <"$TMP/big.txt" | md5sum)
expect_eq "normalize --map on a big input equals the whole-text map" "$got" "$want"
[ "$(wc -c <"$TMP/big.txt")" -gt $((2 << 20)) ] && ok "normalize --map: the big input spans several pieces" ||
    notok "normalize --map: the big input spans several pieces" "$(wc -c <"$TMP/big.txt") bytes"
printf 'ab\n%.0s' $(seq 1 400000) >"$TMP/bad.txt"; printf '\377\n' >>"$TMP/bad.txt"
run "$NASKH" normalize --invalid=error --map "$TMP/bad.txt"
expect_rc "--map --invalid=error after 1.2 MB: exit 2" 2
expect_err "--map --invalid=error names the byte in the whole input" "invalid UTF-8 at byte 1200001"
