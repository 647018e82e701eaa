#!/usr/bin/env bash
# issue 20, point 7: one parser for every command: POSIX short-option bundling, the same
# names for the same things (--format/-f, -o, -j, -q; the old spellings kept), and shell
# completions generated from the parser.
. "$(dirname "$0")/lib.sh"

samples=(configs/samples/*.txt)
S=${samples[0]}
printf 'قال بوتين: نعم. وأضاف أن الحل سياسي.\n' >"$TMP/two.txt"

# -- bundling --
run "$NASKH" run summarize "${samples[@]}" -qj2 -fjsonl
expect_rc "-qj2 -fjsonl: bundled short options" 0
case $OUT in '{'*) ok "-fjsonl: the value glued to its flag" ;; *) notok "-fjsonl: the value glued to its flag" "${OUT:0:40}" ;; esac
run "$NASKH" run summarize "${samples[@]}" -qxj2
expect_rc "an unknown flag inside a bundle: 2" 2
expect_err "the unknown flag is named" "unknown option '-x' in '-qxj2'"

# -- --format everywhere, old spellings kept --
"$NASKH" split --json <"$TMP/two.txt" >"$TMP/a" 2>&1
"$NASKH" split --format jsonl <"$TMP/two.txt" >"$TMP/b" 2>&1
cmp -s "$TMP/a" "$TMP/b" && [ -s "$TMP/a" ] && ok "split --format jsonl = --json" || notok "split --format jsonl = --json" "$(cat "$TMP/b")"
"$NASKH" split --offsets <"$TMP/two.txt" >"$TMP/a" 2>&1
"$NASKH" split -f offsets <"$TMP/two.txt" >"$TMP/b" 2>&1
cmp -s "$TMP/a" "$TMP/b" && ok "split -f offsets = --offsets" || notok "split -f offsets = --offsets" "$(cat "$TMP/b")"
"$NASKH" tokens --json <"$TMP/two.txt" >"$TMP/a" 2>&1
"$NASKH" tokens -f jsonl <"$TMP/two.txt" >"$TMP/b" 2>&1
cmp -s "$TMP/a" "$TMP/b" && ok "tokens -f jsonl = --json" || notok "tokens -f jsonl = --json" "$(head -2 "$TMP/b")"
"$NASKH" eval rouge --json "$TMP/two.txt" "$TMP/two.txt" >"$TMP/a" 2>&1
"$NASKH" eval rouge --format json "$TMP/two.txt" "$TMP/two.txt" >"$TMP/b" 2>&1
cmp -s "$TMP/a" "$TMP/b" && ok "eval --format json = --json" || notok "eval --format json = --json" "$(cat "$TMP/b")"
for c in match entities; do
    run "$NASKH" $c --help
    expect_out "$c takes --format (jsonl)" "-f, --format=FORMAT"
done

# -- -o FILE on every command that prints --
check_o() { # check_o TITLE CMD...: CMD -o FILE writes what CMD prints
    local title=$1; shift
    "$@" <"$TMP/two.txt" >"$TMP/stdout" 2>/dev/null
    "$@" -o "$TMP/file" <"$TMP/two.txt" >"$TMP/stdout2" 2>/dev/null
    if [ -s "$TMP/stdout" ] && cmp -s "$TMP/stdout" "$TMP/file" && [ ! -s "$TMP/stdout2" ]; then ok "$title -o FILE"
    else notok "$title -o FILE" "stdout $(wc -c <"$TMP/stdout") bytes, file $(wc -c <"$TMP/file" 2>/dev/null) bytes"; fi
    rm -f "$TMP/file"
}
check_o split "$NASKH" split
check_o tokens "$NASKH" tokens
check_o normalize "$NASKH" normalize
check_o entities "$NASKH" entities
check_o summarize "$NASKH" summarize --words 30 "$S"
check_o "eval rouge" "$NASKH" eval rouge "$TMP/two.txt" "$TMP/two.txt"
check_o recipes "$NASKH" recipes
run "$NASKH" eval rouge "$TMP/two.txt" "$TMP/no-such.txt" -o "$TMP/e.out"
expect_rc "-o FILE, the command fails: 2" 2
[ -e "$TMP/e.out" ] && notok "a failed command leaves no -o file" || ok "a failed command leaves no -o file"
ls "$TMP"/e.out.tmp-* >/dev/null 2>&1 && notok "a failed command leaves no temporary file" || ok "a failed command leaves no temporary file"
run "$NASKH" split -o "$TMP/no/such/dir/x.txt"
expect_rc "-o into a missing directory: 2" 2
expect_err "-o into a missing directory: the reason" "cannot write output '$TMP/no/such/dir/x.txt': No such file or directory"
"$NASKH" split -o /dev/null <"$TMP/two.txt" >"$TMP/stdout" 2>&1
[ "$?" = 0 ] && [ ! -s "$TMP/stdout" ] && [ -c /dev/null ] && ok "-o /dev/null writes to the device in place" \
    || notok "-o /dev/null writes to the device in place"

# -- -o FILE's extension says the format in every command that has --format, as in run --
same_as() { # same_as TITLE FILE CMD...: FILE holds what CMD prints on stdout
    local title=$1 file=$2; shift 2
    "$@" <"$TMP/two.txt" >"$TMP/want" 2>/dev/null
    if [ -s "$file" ] && cmp -s "$TMP/want" "$file"; then ok "$title"; else notok "$title" "$(head -c 80 "$file" 2>/dev/null)"; fi
}
"$NASKH" split -o "$TMP/x.jsonl" <"$TMP/two.txt"
same_as "split -o x.jsonl = split -f jsonl" "$TMP/x.jsonl" "$NASKH" split -f jsonl
"$NASKH" tokens -o "$TMP/x.jsonl" <"$TMP/two.txt"
same_as "tokens -o x.jsonl = tokens -f jsonl" "$TMP/x.jsonl" "$NASKH" tokens -f jsonl
"$NASKH" summarize -q --words 30 "$S" -o "$TMP/x.json"
same_as "summarize -o x.json = summarize -f json" "$TMP/x.json" "$NASKH" summarize -q --words 30 "$S" -f json
"$NASKH" summarize -q --words 30 "$S" -o "$TMP/x.md"
same_as "summarize -o x.md = summarize -f markdown" "$TMP/x.md" "$NASKH" summarize -q --words 30 "$S" -f markdown
"$NASKH" eval rouge "$TMP/two.txt" "$TMP/two.txt" -o "$TMP/x.json"
same_as "eval rouge -o x.json = eval rouge -f json" "$TMP/x.json" "$NASKH" eval rouge "$TMP/two.txt" "$TMP/two.txt" -f json
"$NASKH" summarize -q --words 30 "$S" -o "$TMP/y.json" -f text
same_as "--format wins over the extension" "$TMP/y.json" "$NASKH" summarize -q --words 30 "$S" -f text
"$NASKH" split -o "$TMP/x.out" <"$TMP/two.txt"
same_as "an unknown extension: the default format" "$TMP/x.out" "$NASKH" split
run "$NASKH" tokens -o "$TMP/x.html"
expect_rc "an extension the command cannot write: 2" 2
expect_err "... the message names the command's formats" "tokens: -o $TMP/x.html: its extension asks for html, which tokens does not write (it writes text, jsonl, json)"
[ -e "$TMP/x.html" ] && notok "... no file written" || ok "... no file written"

# -- -j means the same in run and summarize --
run "$NASKH" run --help
case $OUT in *"-j, --jobs=N"*"core"*) ok "run: -j defaults to the cores" ;; *) notok "run: -j defaults to the cores" ;; esac
# summarize --clusters runs its clusters on -j worker processes (default: the cores), as run
# runs its documents: the output is the same for every -j.
run "$NASKH" summarize --help
case $OUT in *"-j, --jobs=N"*"cores"*) ok "summarize: -j defaults to the cores" ;;
*) notok "summarize: -j defaults to the cores" ;; esac
# three clusters of each sample article (a JSON string escaped by hand: \ " and line ends)
cat >"$TMP/mk.lua" <<'LUA'
local out = {}
for k = 1, #arg do
    local f = assert(io.open(arg[k], "rb"))
    local t = f:read("a"):gsub('[\\"]', "\\%0"):gsub("\n", "\\n")
    f:close()
    for c = 1, 3 do
        out[#out + 1] = string.format('{"id":"%d-%d","text":"%s","meta":{"cluster":"c%d-%d"}}\n', k, c, t, k, c)
    end
end
io.write(table.concat(out))
LUA
lua5.4 "$TMP/mk.lua" configs/samples/*.txt >"$TMP/cl.jsonl"
for j in 1 2 3; do
    "$NASKH" summarize --clusters --words 40 -q -j "$j" "$TMP/cl.jsonl" >"$TMP/cl.$j" 2>"$TMP/cl.$j.err"
    echo $? >>"$TMP/cl.$j.err"
done
n=$(wc -l <"$TMP/cl.1")
if [ "$n" -eq 15 ] && cmp -s "$TMP/cl.1" "$TMP/cl.2" && cmp -s "$TMP/cl.1" "$TMP/cl.3"; then
    ok "summarize --clusters: -j 1, 2 and 3 print the same 15 lines"
else
    notok "summarize --clusters: -j 1, 2 and 3 print the same 15 lines" "$n lines; $(cat "$TMP/cl.2.err" | head -3)"
fi
"$NASKH" summarize --clusters --words 40 -q -j 2 <"$TMP/cl.jsonl" | cmp -s - "$TMP/cl.1" &&
    ok "... and from standard input" || notok "... and from standard input"
# -- every option's argument is named for what it takes (FILE, FORMAT, METHOD), never its Lua type --
bad=""
for c in split tokens match normalize entities eval run summarize lint gazetteer idf train; do
    "$NASKH" "$c" --help 2>/dev/null | grep -q -- "=STRING" && bad="$bad $c"
done
[ -z "$bad" ] && ok "no option's argument is shown as STRING" || notok "no option's argument is shown as STRING" "$bad"

# -- completions --
run "$NASKH" completion bash
expect_rc "completion bash exits 0" 0
printf '%s\n' "$OUT" >"$TMP/naskh.bash"
bash -n "$TMP/naskh.bash" && ok "the bash completion parses" || notok "the bash completion parses"
complete_words() { # complete_words WORD...: what bash completion offers for naskh WORD...
    bash -c '. "$1"; shift; COMP_WORDS=(naskh "$@"); COMP_CWORD=$#; _naskh; printf "%s\n" "${COMPREPLY[@]}"' _ "$TMP/naskh.bash" "$@"
}
expect_eq "bash: commands" "$(complete_words ru)" "run"
expect_eq "bash: options" "$(complete_words run --fo)" "--format"
expect_eq "bash: enum values" "$(complete_words run -f js | tr '\n' ' ')" "jsonl json "
expect_eq "bash: recipes after run" "$(complete_words run dig | head -1)" "digest"
expect_eq "bash: help topics (stages too)" "$(complete_words help entity_c | head -1)" "entity_counts"
expect_eq "bash: the shells of completion" "$(complete_words completion z)" "zsh"
missing=""
for c in $("$NASKH" --help | awk '/^commands:/{f=1; next} f && /^  [a-z]/{print $1} f && /^$/{exit}'); do
    for o in $("$NASKH" $c --help | grep -oE '^  (-[a-zA-Z], )?--[a-z-]+' | grep -oE -- '--[a-z-]+'); do
        grep -q -- "^        opts='.*$o\\b" <(sed -n "/^    $c)/,/;;/p" "$TMP/naskh.bash") || missing="$missing $c$o"
    done
done
expect_eq "bash: every option of every command's --help" "$missing" ""
run "$NASKH" completion zsh
expect_rc "completion zsh exits 0" 0
case $OUT in '#compdef naskh'*) ok "zsh: a #compdef file" ;; *) notok "zsh: a #compdef file" ;; esac
expect_out "zsh: run's --format values" "{-f,--format}'[the output"
if command -v zsh >/dev/null; then
    printf '%s\n' "$OUT" >"$TMP/_naskh"
    zsh -n "$TMP/_naskh" && ok "the zsh completion parses" || notok "the zsh completion parses"
fi
run "$NASKH" completion fish
expect_rc "completion fish: usage error" 2
grep -q "own parser\|lua-argparse" README.md && ok "README says why naskh keeps its parser" || notok "README says why naskh keeps its parser"

# -- -o FILE of a command that prints, interrupted: its temporary file is removed (issue 20, 11) --
mkdir -p "$TMP/sigo"
mkfifo "$TMP/sigo.fifo"
for sig in INT TERM; do
    for cmd in split summarize; do
        rm -f "$TMP/sigo/"*
        # stdin is a FIFO held open here, so the command is still reading when the signal comes;
        # env --default-signal (it execs naskh, so $! is naskh): a background job of a script
        # starts with SIGINT ignored
        env --default-signal=INT "$NASKH" $cmd -o "$TMP/sigo/out.txt" - <"$TMP/sigo.fifo" 2>/dev/null &
        pid=$!
        exec 3>"$TMP/sigo.fifo"
        cat "$S" >&3
        for _ in $(seq 1 100); do
            ls "$TMP/sigo/"out.txt.tmp-* >/dev/null 2>&1 && break
            sleep 0.05
        done
        seen=$(ls "$TMP/sigo/")
        kill -$sig $pid
        wait $pid 2>/dev/null
        rc=$?
        exec 3>&-
        left=$(ls "$TMP/sigo/")
        case $seen in *tmp-*) ok "$cmd -o, SIG$sig: a temporary file was being written" ;;
        *) notok "$cmd -o, SIG$sig: a temporary file was being written" "saw '$seen'" ;; esac
        expect_eq "$cmd -o, SIG$sig: the status says the signal" "$rc" "$((128 + $(kill -l $sig)))"
        expect_eq "$cmd -o, SIG$sig: nothing left behind" "$left" ""
    done
done
