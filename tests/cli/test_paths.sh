#!/usr/bin/env bash
# Issue 21, the sandbox and path points: a sandboxed script cannot write files
# through a userdata method; the paths a recipe reads and writes are confined to
# its directory and the working directory (unless --allow-path or --trust); no
# output is an input or the recipe; two outputs never share a path; BOMs, tabs,
# big plain YAML lists, write errors and skipped directory entries get clear
# behaviour and messages.
. "$(dirname "$0")/lib.sh"
R="$TMP/rec"     # the recipe's directory
O="$TMP/outside" # a directory outside it and outside the working directory
mkdir -p "$R/in" "$O"
printf 'الرياض عاصمة السعودية.\n' >"$R/in/a.txt"
printf 'خبر ثان.\n' >"$R/in/b.txt"
printf 'سر\n' >"$O/secret.txt"
printf 'x\tLOC\n' >"$O/places.tsv"

# --- 1. Gazetteer:save from a sandboxed stage is refused
cat >"$R/save.lua" <<EOF
local naskh = require "naskh"
return { name = "save", run = function(doc)
  local g = naskh.gazetteer({ { id = "x", type = "T", name = "alpha" } })
  doc.saved = g:save("$O/pwned.nkg")
end }
EOF
printf 'stages:\n  - script: { file: save.lua }\noutput: { format: jsonl, path: %s/out.jsonl }\n' "$R" >"$R/save.yaml"
run "$NASKH" run "$R/save.yaml" "$R/in/a.txt"
expect_rc "sandboxed g:save: the document fails (exit 1)" 1
expect_err "sandboxed g:save: a clear error naming the document" \
    "a (${R}/in/a.txt): stage 'save' failed:"
expect_err "sandboxed g:save: refused" "Gazetteer:save is not available in a sandboxed script (run with --trust to allow it)"
if [ -e "$O/pwned.nkg" ]; then notok "sandboxed g:save: no file written"; else ok "sandboxed g:save: no file written"; fi
run "$NASKH" run "$R/save.yaml" "$R/in/a.txt" --trust
expect_rc "g:save with --trust works" 0
[ -s "$O/pwned.nkg" ] && ok "g:save with --trust writes the file" || notok "g:save with --trust writes the file"

# --- 2. recipe paths are confined
cat >"$R/md.lua" <<'EOF'
return { name = "md", run = function() end, markdown = function() return "touch /tmp/PWNED # " end }
EOF
cat >"$R/evil.yaml" <<EOF
name: evil
input: { paths: [$O/secret.txt, ../outside/secret.txt, in/a.txt] }
stages:
  - script: { file: md.lua }
  - entities: { gazetteers: [$O/places.tsv] }
output:
  - { format: markdown, path: $O/bashrc }
  - { format: jsonl, path: $R/../outside/x.jsonl }
  - { format: jsonl, path: $R/in/ok.jsonl }
EOF
run "$NASKH" lint "$R/evil.yaml"
expect_rc "lint: paths outside the recipe's directory are errors" 2
expect_err "lint: an absolute input path, at its position" \
    "evil.yaml:2:18: input path '$O/secret.txt' is outside the recipe's directory and the working directory"
expect_err "lint: a ../ input path, resolved" "input path '../outside/secret.txt' ($O/secret.txt) is outside"
expect_err "lint: a gazetteer outside" \
    "evil.yaml:5:30: option 'gazetteers' for stage 'entities': '$O/places.tsv' is outside"
expect_err "lint: an output outside, at its position" "evil.yaml:7:31: output path '$O/bashrc' is outside"
expect_err "lint: says how to allow it" "run with --allow-path DIR to allow a directory, or --trust to lift the rule"
expect_err "lint: a ../ output path" "output path '$R/../outside/x.jsonl' ($O/x.jsonl) is outside"
case $ERR in *"in/a.txt"* | *"in/ok.jsonl"*) notok "lint: paths inside the recipe's directory pass" ;;
*) ok "lint: paths inside the recipe's directory pass" ;; esac
run "$NASKH" run "$R/evil.yaml"
expect_rc "run: refused before any work (exit 2)" 2
if [ -e "$O/bashrc" ] || [ -e "$R/in/ok.jsonl" ]; then notok "run: nothing written"; else ok "run: nothing written"; fi
run "$NASKH" run "$R/evil.yaml" --allow-path "$O"
expect_rc "run --allow-path DIR allows that directory" 0
[ -s "$O/bashrc" ] && [ -s "$O/x.jsonl" ] && ok "run --allow-path: the outputs are written" ||
    notok "run --allow-path: the outputs are written"
rm -f "$O/bashrc" "$O/x.jsonl" "$R/in/ok.jsonl"
run "$NASKH" lint --trust "$R/evil.yaml"
expect_rc "lint --trust lifts the rule" 0

# a symbolic link inside the recipe's directory does not get out
ln -s "$O" "$R/link"
printf 'stages:\n  - split: {}\noutput: { format: jsonl, path: %s/link/out.jsonl }\n' "$R" >"$R/link.yaml"
run "$NASKH" run "$R/link.yaml" "$R/in/a.txt"
expect_rc "an output through a symlink to outside is refused" 2
expect_err "the message shows where the link leads" "output path '$R/link/out.jsonl' ($O/out.jsonl) is outside"
# the working directory is allowed (relative outputs are written from it)
printf 'stages:\n  - split: {}\noutput: { format: jsonl, path: here.jsonl }\n' >"$R/here.yaml"
(cd "$O" && "$NASKH" run "$R/here.yaml" "$R/in/a.txt" -q >/dev/null 2>"$TMP/e"; echo $? >"$TMP/rc")
expect_eq "outputs in the working directory are allowed" "$(cat "$TMP/rc")" 0
[ -s "$O/here.jsonl" ] && ok "... and written there" || notok "... and written there" "$(cat "$TMP/e")"

# bundled configs stay readable
printf 'stages:\n  - entities: { gazetteers: [gazetteers/cities.yaml] }\noutput: { format: jsonl }\n' >"$R/bundled.yaml"
run "$NASKH" lint "$R/bundled.yaml"
expect_rc "a bundled gazetteer (configs/) is readable" 0

# a script stage's string options no longer open files outside
cat >"$R/peek.lua" <<'EOF'
return { name = "peek", options = { what = { type = "string" } },
  run = function(doc, opts) local fh = io.open(opts.what); doc.peek = fh and fh:read("a") end }
EOF
printf 'stages:\n  - script: { file: peek.lua, what: %s }\noutput: { format: jsonl }\n' "$O/secret.txt" >"$R/peek.yaml"
run "$NASKH" run "$R/peek.yaml" "$R/in/a.txt"
expect_rc "a script cannot read a file outside named by its options" 1
expect_err "... with the sandbox's message" "io.open('$O/secret.txt'): reading outside the files this recipe declares"
run "$NASKH" run "$R/peek.yaml" "$R/in/a.txt" --allow-path "$O"
expect_out "... unless --allow-path names its directory" '"peek":"سر\n"'

# a script file outside is not even loaded
printf 'this is not Lua (\n' >"$O/bad.lua"
printf 'stages:\n  - script: { file: %s }\n' "$O/bad.lua" >"$R/script.yaml"
run "$NASKH" lint "$R/script.yaml"
expect_err "a script outside is refused at its position" "script.yaml:2:21: stage 'script': '$O/bad.lua' is outside"
case $ERR in *"not Lua"* | *"syntax"* | *"expected"*) notok "the script outside was not loaded" "$ERR" ;;
*) ok "the script outside was not loaded" ;; esac

# --- 5. outputs never clobber inputs
printf 'stages:\n  - split: {}\noutput: { format: jsonl }\n' >"$R/plain.yaml"
cp "$R/in/a.txt" "$TMP/a.keep"
run "$NASKH" run "$R/plain.yaml" "$R/in/a.txt" -o "$R/in/a.txt"
expect_rc "-o an input: exit 2" 2
expect_err "-o an input: a clear message" "output '$R/in/a.txt' is the input '$R/in/a.txt' (the same file)"
cmp -s "$R/in/a.txt" "$TMP/a.keep" && ok "-o an input: the input is intact" || notok "-o an input: the input is intact"
ln -s "$R/in/a.txt" "$TMP/alias.txt"
run "$NASKH" run "$R/plain.yaml" "$R/in/a.txt" -o "$TMP/alias.txt"
expect_rc "-o a symlink to an input: exit 2" 2
cmp -s "$R/in/a.txt" "$TMP/a.keep" && ok "-o a symlink to an input: intact" || notok "-o a symlink to an input: intact"
run "$NASKH" run "$R/plain.yaml" "$R/in" -o "$R/in/b.txt"
expect_rc "-o a file of a directory input: exit 2" 2
expect_err "-o a file of a directory input: named" "is the input '$R/in/b.txt'"
cp "$R/plain.yaml" "$TMP/plain.keep"
run "$NASKH" run "$R/plain.yaml" "$R/in/a.txt" -o "$R/plain.yaml"
expect_rc "-o the recipe: exit 2" 2
expect_err "-o the recipe: named" "is the recipe '$R/plain.yaml'"
cmp -s "$R/plain.yaml" "$TMP/plain.keep" && ok "-o the recipe: intact" || notok "-o the recipe: intact"
printf 'stages:\n  - split: {}\noutput: { format: jsonl, path: self.yaml }\n' >"$R/self.yaml"
cp "$R/self.yaml" "$TMP/self.keep"
(cd "$R" && "$NASKH" run self.yaml in/a.txt >/dev/null 2>"$TMP/e"; echo $? >"$TMP/rc")
expect_eq "a recipe writing itself: exit 2" "$(cat "$TMP/rc")" 2
grep -q "output 'self.yaml' is the recipe 'self.yaml'" "$TMP/e" && ok "a recipe writing itself: message" ||
    notok "a recipe writing itself: message" "$(cat "$TMP/e")"
cmp -s "$R/self.yaml" "$TMP/self.keep" && ok "a recipe writing itself: intact" || notok "a recipe writing itself: intact"
run "$NASKH" run "$R/plain.yaml" "$R/in/a.txt" -o "$R/in/./../in/a.txt"
expect_rc "-o an input spelled another way: exit 2" 2
ln "$R/in/a.txt" "$TMP/hard.txt"
run "$NASKH" run "$R/plain.yaml" "$R/in/a.txt" -o "$TMP/hard.txt"
expect_rc "-o a hard link to an input: exit 2" 2
cmp -s "$R/in/a.txt" "$TMP/a.keep" && ok "-o another spelling or a hard link: intact" ||
    notok "-o another spelling or a hard link: intact"
# standard input redirected from the output file
printf 'جملة أولى. جملة ثانية.\n' >"$TMP/s.txt"
cp "$TMP/s.txt" "$TMP/s.keep"
for args in "" "-" "--stream"; do
    # shellcheck disable=SC2086
    "$NASKH" run "$R/plain.yaml" $args -o "$TMP/s.txt" <"$TMP/s.txt" >/dev/null 2>"$TMP/e"
    expect_eq "run $args -o FILE < FILE: exit 2" "$?" 2
    grep -q "output '$TMP/s.txt' is the input on standard input (the same file)" "$TMP/e" &&
        ok "run $args -o FILE < FILE: message" || notok "run $args -o FILE < FILE: message" "$(cat "$TMP/e")"
    cmp -s "$TMP/s.txt" "$TMP/s.keep" && ok "run $args -o FILE < FILE: intact" || notok "run $args -o FILE < FILE: intact"
    cp "$TMP/s.keep" "$TMP/s.txt"
done
# files the recipe's stages read: a script and a gazetteer
printf 'return { name = "own", run = function(doc) doc.own = true end }\n' >"$R/own.lua"
cp "$R/own.lua" "$TMP/own.keep"
printf 'stages:\n  - script: { file: own.lua }\noutput: { format: jsonl, path: own.lua }\n' >"$R/own.yaml"
(cd "$R" && "$NASKH" run own.yaml in/a.txt >/dev/null 2>"$TMP/e"; echo $? >"$TMP/rc")
expect_eq "a recipe writing its own script: exit 2" "$(cat "$TMP/rc")" 2
grep -q "output 'own.lua' is the script of stage 'own' (the same file)" "$TMP/e" &&
    ok "a recipe writing its own script: message" || notok "a recipe writing its own script: message" "$(cat "$TMP/e")"
cmp -s "$R/own.lua" "$TMP/own.keep" && ok "a recipe writing its own script: intact" || notok "a recipe writing its own script: intact"
printf 'x\tLOC\n' >"$R/g.tsv"
cp "$R/g.tsv" "$TMP/g.keep"
printf 'stages:\n  - entities: { gazetteers: [g.tsv] }\noutput: { format: jsonl }\n' >"$R/ownz.yaml"
run "$NASKH" run "$R/ownz.yaml" "$R/in/a.txt" -o "$R/g.tsv"
expect_rc "-o a gazetteer the recipe reads: exit 2" 2
expect_err "... named with its option" "is the file 'g.tsv' of option 'gazetteers' (stage 'entities') (the same file)"
cmp -s "$R/g.tsv" "$TMP/g.keep" && ok "-o a gazetteer the recipe reads: intact" || notok "-o a gazetteer the recipe reads: intact"
# the text commands and gazetteer compile: -o never names a file they read (here through a
# symbolic link named .jsonl, a format every one of them writes)
cp "$TMP/s.keep" "$TMP/s.txt"
ln -s "$TMP/s.txt" "$TMP/s.jsonl"
for c in split tokens normalize "match -g $R/g.tsv" entities; do
    # shellcheck disable=SC2086
    run $NASKH $c "$TMP/s.txt" -o "$TMP/s.jsonl"
    expect_rc "naskh ${c%% -g*} FILE -o FILE: exit 2" 2
    expect_err "naskh ${c%% -g*} FILE -o FILE: message" "output '$TMP/s.jsonl' is the input '$TMP/s.txt' (the same file)"
    # shellcheck disable=SC2086
    $NASKH $c -o "$TMP/s.jsonl" <"$TMP/s.txt" >/dev/null 2>"$TMP/e"
    expect_eq "naskh ${c%% -g*} -o FILE < FILE: exit 2" "$?" 2
    cmp -s "$TMP/s.txt" "$TMP/s.keep" && ok "naskh ${c%% -g*}: the input is intact" || notok "naskh ${c%% -g*}: the input is intact"
    cp "$TMP/s.keep" "$TMP/s.txt"
done
run "$NASKH" match -g "$R/g.tsv" "$TMP/s.txt" -o "$R/g.tsv"
expect_rc "naskh match -g G -o G: exit 2" 2
run "$NASKH" gazetteer compile "$R/g.tsv" -o "$R/g.tsv"
expect_rc "naskh gazetteer compile G -o G: exit 2" 2
cmp -s "$R/g.tsv" "$TMP/g.keep" && ok "the gazetteer source is intact" || notok "the gazetteer source is intact"
run "$NASKH" split "$R/in/a.txt" -o "$TMP/new.txt"
expect_rc "naskh split FILE -o ANOTHER still works" 0
cat >"$R/twice.yaml" <<'EOF'
stages:
  - split: {}
output:
  - { format: jsonl, path: out.jsonl }
  - { format: markdown, path: ./in/../out.jsonl }
EOF
run "$NASKH" lint "$R/twice.yaml"
expect_rc "two outputs with one path: lint error" 2
expect_err "two outputs with one path: both positions" \
    "twice.yaml:5:31: output path './in/../out.jsonl' is also the path of an earlier output (line 4, column 28)"

# --- 9. BOMs, tabs, big plain lists, write errors, skipped entries
printf '\xef\xbb\xbfname: bom\nstages:\n  - split: {}\noutput: { format: jsonl }\n' >"$R/bom.yaml"
run "$NASKH" run "$R/bom.yaml" "$R/in/a.txt"
expect_rc "a recipe with a UTF-8 BOM runs" 0
printf '\xef\xbb\xbf{"id":"first","text":"a"}\n{"id":"second","text":"b"}\n' >"$R/bom.jsonl"
run "$NASKH" run "$R/plain.yaml" "$R/bom.jsonl"
expect_eq "a JSON Lines file with a BOM keeps its first record" "$(grep -c '"id":"first"' <<<"$OUT")" 1
expect_eq "... and all records" "$(wc -l <<<"$OUT" | tr -d ' ')" 2
printf '\xef\xbb\xbf{"id":"first","text":"a"}\n{"id":"second","text":"b"}\n' | "$NASKH" run "$R/plain.yaml" >"$TMP/o" 2>"$TMP/e"
expect_eq "JSON Lines with a BOM on standard input (no --jsonl): read as JSON Lines" \
    "$(grep -o '"id":"[a-z]*"' "$TMP/o" | tr '\n' ' ')" '"id":"first" "id":"second" '
printf 'stages:\n  - split:\n\t  semicolon: true\n' >"$R/tab.yaml"
run "$NASKH" lint "$R/tab.yaml"
expect_err "a tab in YAML indentation: hint with the position" \
    "tab.yaml:3:1: YAML does not allow tabs for indentation; use spaces"
printf 'name: "عربي عربي"\nstages:\n  - split: {}\n\t  - normalize: {}\n' >"$R/tab2.yaml"
run "$NASKH" lint "$R/tab2.yaml"
expect_err "a tab after Arabic text: the same hint at the tab" \
    "tab2.yaml:4:1: YAML does not allow tabs for indentation; use spaces"
cat >"$TMP/big.lua" <<'EOF'
local naskh = require "naskh"
local n = tonumber(arg[1])
local v, err = naskh.yaml_load("[" .. string.rep("0,", n - 1) .. "0]", "big.yaml")
print(v and #v or err)
local bomb = { "a0: &a0 [x, x, x, x, x, x, x, x, x, x]" }
for i = 1, 8 do
  local refs = {}
  for j = 1, 10 do refs[j] = "*a" .. (i - 1) end
  bomb[#bomb + 1] = string.format("a%d: &a%d [%s]", i, i, table.concat(refs, ", "))
end
local b, berr = naskh.yaml_load(table.concat(bomb, "\n"), "bomb.yaml")
print(b and "bomb loaded" or berr)
EOF
run "$NASKH" script "$TMP/big.lua" 1100000
expect_eq "a plain list of 1,100,000 items is not an alias bomb" "$(head -1 <<<"$OUT")" 1100000
expect_out "an alias bomb is still refused" "too large after alias expansion"
printf 'x\tLOC\n' >"$R/g.tsv"
run "$NASKH" gazetteer compile "$R/g.tsv" -o /dev/full
expect_rc "gazetteer compile -o /dev/full fails" 2
expect_err "... with the system's reason" "cannot write /dev/full: No space left on device"
printf 'a. b.\n' | "$NASKH" split >/dev/full 2>"$TMP/e"
expect_eq "a text command on a full stdout: exit 2" "$?" 2
grep -q "cannot write standard output: No space left on device" "$TMP/e" &&
    ok "a full stdout: the system's reason" || notok "a full stdout: the system's reason" "$(cat "$TMP/e")"
mkdir -p "$R/in/sub1" "$R/in/sub2"
printf 'x' >"$R/in/notes.md"
run "$NASKH" run "$R/plain.yaml" "$R/in"
expect_err "skipped directory entries: one warning with the counts" \
    "naskh: $R/in: warning: skipped 2 subdirectories and 1 file with other extensions"
expect_eq "... said once" "$(grep -c 'warning: skipped' <<<"$ERR")" 1

# temporary files of a text command's -o are removed on SIGINT, SIGTERM and SIGHUP
mkdir -p "$TMP/tsig"
for sig in INT TERM HUP; do
    rm -f "$TMP/tsig/"*
    # (an endless input: the command is surely writing when the signal comes)
    env --default-signal=INT "$NASKH" tokens -o "$TMP/tsig/out.txt" < <(yes 'كلمة word') 2>/dev/null &
    pid=$!
    for _ in $(seq 1 200); do
        [ -s "$(ls "$TMP/tsig/"out.txt.tmp-* 2>/dev/null | head -1)" ] && break
        sleep 0.05
    done
    seen=$(ls "$TMP/tsig/")
    kill -$sig $pid
    wait $pid 2>/dev/null
    rc=$?
    expect_eq "tokens -o, SIG$sig: the signal's status" "$rc" "$((128 + $(kill -l $sig)))"
    case $seen in *tmp-*) ok "tokens -o, SIG$sig: a temporary file was being written" ;;
    *) notok "tokens -o, SIG$sig: a temporary file was being written" "saw '$seen'" ;; esac
    left=$(ls "$TMP/tsig/")
    [ -z "$left" ] && ok "tokens -o, SIG$sig: no temporary file left" || notok "tokens -o, SIG$sig: no temporary file left" "$left"
done
