#!/usr/bin/env bash
# The text commands format their output in C (naskh.write_sentences, write_tokens,
# write_matches, write_normmap) and stream: the output equals the per-item Lua route
# (fixtures/speed/oracle.lua) on an input of several pieces with awkward bytes, tokens stream
# a single long line, and entities streams its input.
. "$(dirname "$0")/lib.sh"
FX=tests/cli/fixtures/speed

# ~2.5 MB: the samples with CR LF, lone CR, tabs, quotes, backslashes, control and invalid
# bytes, presentation forms, diacritics and numbers; several pieces for every command
for k in $(seq 1 90); do
    cat configs/samples/*.txt
    printf 'قال "بوتين" \\ في\tسوريا\r\nثم روسيا.\rوالرئيس الروسي: \001 نعم\377\376 بوتين. 3.5 مليون\r\n\r\n'
    printf 'ﻻ ﺑﻮﺗﻴﻦ الأُمَم ١٢٣ Putin, Inc. e.g. "x" لروسيا وبسوريا\n\n'
    # matched spans holding what JSON escapes (DEL, a quote, a control) beside bytes >= 0x80
    # whose low seven bits look like one (C2 A2, DC 9C, DD 9F)
    printf 'وروسيا\177سوريا ¢بوتين سوريا\037ܜ\177روسيا ݟ "سوريا" ¢\n\n'
done >"$TMP/in.txt"
printf 'بوتين\tPERS\tp1\tz=1\t_h=2\ta=3\ta=4\tb=x"y\nسوريا\tLOC\tl1\nروسيا\tLOC\tl2\nروسيا سوريا\tLOC\tl3\nسوريا ܜ روسيا ݟ " سوريا\tX\tl4\n' >"$TMP/g1.tsv"
printf 'روسيا\tLOC\tl2b\nالرئيس الروسي\tX\tx1\nالرئيس\tT\tt1\n' >"$TMP/g2.tsv"
"$NASKH" gazetteer compile "$TMP/g2.tsv" -o "$TMP/g2.nkg" >/dev/null 2>&1
[ "$(wc -c <"$TMP/in.txt")" -gt $((2 << 20)) ] && ok "the input spans several pieces" || notok "the input spans several pieces"

same() { # TITLE ORACLE-ARGS -- COMMAND-ARGS
    local title=$1 a=() ; shift
    while [ "$1" != "--" ]; do a+=("$1"); shift; done; shift
    local want got
    want=$("$NASKH" script $FX/oracle.lua "${a[0]}" "$TMP/in.txt" "${a[@]:1}" | md5sum)
    got=$("$NASKH" "$@" <"$TMP/in.txt" 2>/dev/null | md5sum)
    expect_eq "$title" "$got" "$want"
}
same "split: one sentence per line, line ends as spaces" split -- split
same "split --offsets: code point offsets across pieces" offsets -- split --offsets
same "split --json" sjson -- split --json
same "split --paragraphs" paragraphs -- split --paragraphs
same "tokens --clitics --stems" tokens -- tokens --clitics --stems
same "tokens --json --clitics --stems" tjson -- tokens --json --clitics --stems
same "match: meta keys sorted, '_' keys left out, a repeated key's last value" match "$TMP/g1.tsv" -- match -g "$TMP/g1.tsv"
n=$("$NASKH" match -g "$TMP/g1.tsv" <"$TMP/in.txt" | grep -c '"id":"l4",.*"surface":"سوريا\\u001fܜ\\u007fروسيا ݟ \\"سوريا"')
expect_eq "match: escapes inside a surface (each piece's copy)" "$n" 90
same "match with two sources compiled together" match "$TMP/g1.tsv" "$TMP/g2.tsv" -- match -g "$TMP/g1.tsv" -g "$TMP/g2.tsv"
same "match with a compiled image beside: merged by start, longest first, then id" match "$TMP/g1.tsv" "$TMP/g2.nkg" -- match -g "$TMP/g1.tsv" -g "$TMP/g2.nkg"
same "match --all" matchall "$TMP/g1.tsv" "$TMP/g2.nkg" -- match --all -g "$TMP/g1.tsv" -g "$TMP/g2.nkg"

# normalize --map: the C writer equals the command's Lua line writer (map_lines)
cat >"$TMP/map.lua" <<'LUA'
local naskh = require "naskh"
local text = io.open(arg[1], "rb"):read("a")
local norm = assert(naskh.normview(text, { profile = "display" }))
require("naskh.cmd.normalize").map_lines(io.write, text, norm, 0, 0)
LUA
want=$("$NASKH" script "$TMP/map.lua" "$TMP/in.txt" | md5sum)
got=$("$NASKH" normalize --map --profile display <"$TMP/in.txt" | md5sum)
expect_eq "normalize --map equals the Lua line writer" "$got" "$want"

# naskh.write_* write to the file handle given, in order with what Lua wrote before
cat >"$TMP/fh.lua" <<'LUA'
local naskh = require "naskh"
local fh = assert(io.open(arg[1], "wb"))
fh:write("head\n")
naskh.write_sentences(fh, "جملة أولى. جملة ثانية.", 10, { format = "offsets" })
fh:write("tail\n")
fh:close()
print(pcall(naskh.write_tokens, fh, "x", 0))
LUA
run "$NASKH" script "$TMP/fh.lua" "$TMP/fh.out"
expect_eq "write_sentences: to the handle, after Lua's own writes" "$(tr '\n\t' '|,' <"$TMP/fh.out")" "head|10,20|21,32|tail|"
expect_out "write_tokens on a closed file is an error" "closed file"

# --- one long line: tokens are cut after a space inside a line longer than a piece, so
# 24 MB on one line (no line end at all) tokenizes in 80 MB of address space; offsets count
# every code point before. Not under ASan (its shadow memory needs far more address space).
if [ -z "${NK_SANITIZE:-}" ]; then
    "$NASKH" script /dev/stdin "$TMP/line.txt" <<'LUA'
local fh = assert(io.open(arg[1], "wb"))
local unit = string.rep("كلمة word ", 1000) -- 10 code points, 14 bytes
for _ = 1, 1714 do fh:write(unit) end -- 24 MB, 17,140,000 code points
fh:write("آخر")
fh:close()
LUA
    (ulimit -v 80000 && "$NASKH" tokens <"$TMP/line.txt" 2>"$TMP/line.err" | tail -2 >"$TMP/line.out")
    expect_eq "tokens: one 24 MB line in 80 MB of address space, every token" \
        "$(tr '\n\t' '|,' <"$TMP/line.out")" "17139995,17139999,latin,word|17140000,17140003,arabic,آخر|"
    got=$( (ulimit -v 80000 && "$NASKH" tokens <"$TMP/line.txt" 2>/dev/null) | wc -l)
    expect_eq "tokens: the long line's token count" "$got" "3428001"
    rm -f "$TMP/line.txt"
fi

# --- entities streams: pieces of about 1 MB cut at blank lines, offsets counted from the
# start of the input; the same entities as each piece alone
for k in $(seq 1 40); do cat configs/samples/*.txt; echo; done >"$TMP/ents.txt"
"$NASKH" entities <"$TMP/ents.txt" >"$TMP/ents.out"
expect_eq "entities on a streamed input: exit 0" "$?" "0"
n1=$(head -c 30000 "$TMP/ents.txt" | "$NASKH" entities | wc -l)
[ "$(wc -l <"$TMP/ents.out")" -gt $((n1 * 30)) ] && ok "entities: entities found all through the input" ||
    notok "entities: entities found all through the input" "$(wc -l <"$TMP/ents.out") lines"
last=$(tail -1 "$TMP/ents.out" | sed 's/.*"start":\([0-9]*\).*/\1/')
[ "$last" -gt "$(head -c 1100000 "$TMP/ents.txt" | "$NASKH" script /dev/stdin <<<'print(require("naskh").cplen(io.read("a")))' 2>/dev/null || echo 0)" ] 2>/dev/null &&
    ok "entities: offsets after the first piece count the pieces before" || notok "entities: offsets after the first piece count the pieces before" "last start $last"
