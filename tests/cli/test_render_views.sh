#!/usr/bin/env bash
# A user's stage file (sandboxed) shows its fields through a `view` in the Markdown report and
# the HTML page; a corpus stage's view reads the corpus; a stage that still has a markdown()
# hook keeps it; a malformed view stops the run at load with the file and the block.
. "$(dirname "$0")/lib.sh"

cat >"$TMP/lengths.lua" <<'LUA'
return {
  name = "lengths", scope = "corpus", adds = { "lengths" },
  run = function(corpus)
    corpus.lengths = {}
    for _, d in ipairs(corpus.docs) do
      corpus.lengths[#corpus.lengths + 1] = { id = d.id, chars = utf8.len(d.text) }
    end
    corpus.longest = corpus.lengths[1] and corpus.lengths[1].id
  end,
  view = {
    { heading = "أطوال المقالات", level = 2 },
    { field = "longest", label = "الأولى" },
    { table = "lengths", columns = { { field = "id", title = "المقالة" }, { field = "chars", title = "الحروف" } } },
  },
}
LUA
cat >"$TMP/legacy.lua" <<'LUA'
return {
  name = "legacy", run = function(doc) doc.n = #doc.text end,
  view = { { field = "n", label = "view" } },
  markdown = function(doc) return "legacy hook: " .. doc.n end,
}
LUA
printf 'name: v\nstages:\n  - script: { file: lengths.lua }\n  - script: { file: legacy.lua }\n' >"$TMP/v.yaml"
printf 'نص أول.\n' >"$TMP/a.txt"
printf 'نص ثان أطول قليلا.\n' >"$TMP/b.txt"

run "$NASKH" run "$TMP/v.yaml" "$TMP/a.txt" "$TMP/b.txt" -o "$TMP/v.md"
expect_rc "a recipe with view stages runs (Markdown)" 0
md=$(cat "$TMP/v.md")
case $md in *"## أطوال المقالات"*"**الأولى**: a"*"| المقالة | الحروف |"*"| b | 19 |"*) ok "the corpus view shows in Markdown" ;;
  *) notok "the corpus view shows in Markdown" "$md" ;; esac
case $md in *"legacy hook: "*) ok "a markdown() hook still wins in Markdown" ;; *) notok "a markdown() hook still wins in Markdown" "$md" ;; esac

run "$NASKH" run "$TMP/v.yaml" "$TMP/a.txt" "$TMP/b.txt" -o "$TMP/v.html"
expect_rc "a recipe with view stages runs (HTML)" 0
html=$(cat "$TMP/v.html")
case $html in *'<div class="stage stage-lengths"><h4>أطوال المقالات</h4>'*'<th>المقالة</th><th>الحروف</th>'*) ok "the corpus view shows in HTML" ;;
  *) notok "the corpus view shows in HTML" "no lengths section" ;; esac
case $html in *'<strong>view</strong>: <bdi>'*) ok "HTML uses the view when the stage has no html()" ;;
  *) notok "HTML uses the view when the stage has no html()" "no view section of legacy" ;; esac

cat >"$TMP/bad.lua" <<'LUA'
return { name = "bad", run = function() end, view = { { heading = "h" }, { colour = "red" } } }
LUA
printf 'name: b\nstages:\n  - script: { file: bad.lua }\n' >"$TMP/b.yaml"
run "$NASKH" run "$TMP/b.yaml" "$TMP/a.txt"
expect_rc "a malformed view stops the run" 2
expect_err "the message names the file and the block" "bad.lua: view[2]: a block needs one of heading, field, list, table, chips"
