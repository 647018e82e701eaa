#!/usr/bin/env bash
# issue 20, point 9 (10 in the issue): the HTML pages speak Arabic and render no raw Markdown:
# Arabic headings and titles (the digest page included), the numbers as a table, direct and
# reported speech told apart, speakers in no list not shown as persons, citations with their
# sentence, Latin and number runs isolated (<bdi>), an Arabic-first font stack.
. "$(dirname "$0")/lib.sh"

samples=(configs/samples/*.txt)
run "$NASKH" run digest "${samples[@]}" -o "$TMP/digest.html"
expect_rc "digest.html is written" 0
run "$NASKH" run report "${samples[@]}" -o "$TMP/report.html"
expect_rc "report.html is written" 0

# page_facts FILE: the headings without Arabic, raw Markdown left in the text, the title
cat >"$TMP/facts.lua" <<'LUA'
local f = assert(io.open(arg[1], "rb")); local page = f:read("a"); f:close()
local function text(h) return (h:gsub("<[^>]+>", ""):gsub("&%a+;", " ")) end
local bad, n = {}, 0
for _, h in page:gmatch("<h(%d)[^>]*>(.-)</h%1>") do
  n = n + 1
  if not text(h):find("[\216-\219][\128-\191]") then bad[#bad + 1] = text(h) end
end
local body = text(page:gsub("<style>.-</style>", ""))
print("headings " .. n)
print("latin-only headings: " .. table.concat(bad, " | "))
print("markdown table rule: " .. tostring(body:find("|---", 1, true) ~= nil))
print("markdown bold: " .. tostring(body:find("**", 1, true) ~= nil))
print("title: " .. (page:match("<title>(.-)</title>") or ""))
local ff = page:match("body{[^}]-font%-family:([^;}]+)") or ""
print("first font: " .. (ff:match('^"?([^",]+)') or ""))
LUA
for p in digest report; do
    run "$NASKH" script "$TMP/facts.lua" "$TMP/$p.html"
    expect_out "$p: has headings" "headings "
    expect_out "$p: every heading in Arabic" "latin-only headings: "$'\n'
    expect_out "$p: no Markdown table in the rendered text" "markdown table rule: false"
    expect_out "$p: no Markdown bold in the rendered text" "markdown bold: false"
    case $OUT in *"title: "[a-z]*) notok "$p: the page title is Arabic" "$(printf '%s\n' "$OUT" | grep title:)" ;;
    *) ok "$p: the page title is Arabic" ;; esac
    case $OUT in *'first font: Noto Naskh Arabic'*|*'first font: Amiri'*) ok "$p: an Arabic-first font stack" ;;
    *) notok "$p: an Arabic-first font stack" "$(printf '%s\n' "$OUT" | grep font)" ;; esac
done
grep -q '<h4>الأرقام</h4><table><tr><th>في النص</th>' "$TMP/digest.html" && ok "digest: the numbers as a table with Arabic headings" \
    || notok "digest: the numbers as a table with Arabic headings"
grep -q '<p class="stats stages">المراحل: <span title="clean">التنظيف</span> ← ' "$TMP/digest.html" \
    && ok "the stage chain in Arabic" || notok "the stage chain in Arabic" "$(grep -o '<p class="stats stages">.\{0,120\}' "$TMP/digest.html")"

# quotes
grep -q '<figure class="quote direct">' "$TMP/report.html" && ok "direct quotes marked direct" || notok "direct quotes marked direct"
grep -q '<figure class="quote reported">' "$TMP/report.html" && ok "reported speech marked reported" || notok "reported speech marked reported"
grep -q 'figure.quote.reported blockquote::before,figure.quote.reported blockquote::after{content:none}' "$TMP/report.html" \
    && ok "reported speech is not put in «»" || notok "reported speech is not put in «»"
grep -q '<span class="kind">قول منقول</span>' "$TMP/report.html" && ok "reported speech is labelled" || notok "reported speech is labelled"
if grep -q 't-PERS[^>]*>البيان<\|t-PERS[^>]*>الطرفان<' "$TMP/report.html"; then notok "speakers in no list are not shown as persons"
else ok "speakers in no list are not shown as persons"; fi
grep -q 't-UNK[^>]*>البيان<' "$TMP/report.html" && ok "an unlisted speaker gets a neutral chip" || notok "an unlisted speaker gets a neutral chip"
# citations
grep -q 'class="cite"><a href="#src[0-9]*">المقال [0-9]*، الجملة [0-9]*</a>' "$TMP/report.html" \
    && ok "summary citations name the sentence" || notok "summary citations name the sentence"
grep -q '<figcaption>.*المقال [0-9]*، الجملة [0-9]*</a>' "$TMP/report.html" \
    && ok "quote citations name the sentence" || notok "quote citations name the sentence"
# bidi
if grep -q '>[^<]*W[0-9][0-9][^<]*<' "$TMP/report.html"; then notok "no raw ISO week (W47-2017) in the text"
else ok "no raw ISO week (W47-2017) in the text"; fi
grep -q '<time datetime="2017-W47" title="2017-W47">الأسبوع <bdi>47</bdi> من <bdi>2017</bdi></time>' "$TMP/report.html" && ok "an ISO week in words" \
    || notok "an ISO week in words" "$(grep -o '<time>[^/]*' "$TMP/report.html" | head -2)"
grep -q 'الاثنين <bdi>20</bdi> نوفمبر <bdi>2017</bdi>' "$TMP/report.html" && ok "numbers isolated in <bdi> in dates" \
    || notok "numbers isolated in <bdi> in dates"

# Markdown from a user's stage: tables become tables
cat >"$TMP/md.lua" <<'LUA'
local html = require "naskh.io.html"
print(html.markdown_to_html("**عدد**\n\n| كلمة | عدد |\n|---|---:|\n| سوريا | 3 |\n| a \\| b | 4 |"))
print(html.bidi("الأسبوع W47-2017 و3.5 مليون"))
LUA
run "$NASKH" script "$TMP/md.lua"
expect_out "markdown tables become HTML tables" "<table><tr><th>كلمة</th><th>عدد</th></tr><tr><td>سوريا</td><td>3</td></tr><tr><td>a | b</td><td>4</td></tr></table>"
expect_out "bidi() isolates Latin and number runs" "الأسبوع <bdi>W47-2017</bdi> و<bdi>3.5</bdi> مليون"
grep -q '<span id="a[0-9]*-q[0-9]*" class="q r" title="قول منقول — ' "$TMP/report.html" \
    && ok "reported speech is marked apart in the article text too" || notok "reported speech is marked apart in the article text too"

# No Latin word outside an isolated run, on every bundled recipe's page and on a page of every
# built-in stage: what a stage reports (the outliers' reason, the summary's method) is worded
# in Arabic, and Latin left in the articles' text (credits such as AFP/Getty Images) is in <bdi>.
cat >"$TMP/latin.lua" <<'LUA'
local f = assert(io.open(arg[1], "rb")); local page = f:read("a"); f:close()
local body = (page:match("<body.-</body>") or page):gsub("<style>.-</style>", "")
local prev
repeat prev = body; body = body:gsub("<bdi[^>]*>[^<]*</bdi>", "") until body == prev
body = body:gsub("<[^>]+>", " "):gsub("&%a+;", " ")
local seen, words = {}, {}
for w in body:gmatch("[A-Za-z][A-Za-z_%-]+") do
  if not seen[w] then seen[w] = true; words[#words + 1] = w end
end
print(table.concat(words, " "))
LUA
printf 'name: every-stage\nstages:\n' >"$TMP/every.yaml"
for st in clean normalize split tokens entities entity_counts quotes quotes_merge dates numbers outliers timeline summarize; do
    printf '  - %s: {}\n' $st >>"$TMP/every.yaml"
done
printf 'output: { format: html, path: every.html }\n' >>"$TMP/every.yaml"
for r in summarize quotes timeline entities digest report "$TMP/every.yaml"; do
    n=$(basename "$r" .yaml)
    "$NASKH" run "$r" "${samples[@]}" -q -o "$TMP/p-$n.html"
    run "$NASKH" script "$TMP/latin.lua" "$TMP/p-$n.html"
    [ -s "$TMP/p-$n.html" ] && [ -z "$OUT" ] && ok "$n page: no Latin word outside <bdi>" \
        || notok "$n page: no Latin word outside <bdi>" "${OUT:0:200}"
done
grep -q 'تشابهه مع المقالات الأخرى منخفض: <bdi>0\.[0-9]*</bdi> من تشابهها' "$TMP/report.html" \
    && ok "the outlier's reason in Arabic" || notok "the outlier's reason in Arabic" "$(grep -o 'callout warn">.\{0,160\}' "$TMP/report.html")"
grep -q '<p class="gone"><bdi>AFP/Getty Images</bdi></p>' "$TMP/report.html" \
    && ok "Latin in dropped text isolated" || notok "Latin in dropped text isolated"
grep -q 'الطريقة: <span title="method: lexrank">' "$TMP/report.html" \
    && ok "the summary's method in Arabic" || notok "the summary's method in Arabic"
