#!/usr/bin/env bash
# Hard-wrapped input (issue 16 item 1, issue 17 item 1): one layout pass in the
# core reads the soft line ends of a wrapped paragraph as spaces in `naskh split`,
# the split stage of every recipe and `naskh summarize`; --keep-lines and
# split.join_lines override; spans stay in the original bytes.
. "$(dirname "$0")/lib.sh"

T=$TMP
cat >"$T/wrapped.txt" <<'TXT'
محادثات بوتين والأسد في سوتشي
قال الرئيس السوري بشار الأسد في مؤتمر صحفي عقده في دمشق إن
المحادثات مع الجانب الروسي كانت مفيدة جدا وإن الحل السياسي
هو الطريق الوحيد. وأضاف أن بلاده مستعدة للحوار مع جميع
الأطراف دون شروط مسبقة من أي جهة كانت في الداخل أو الخارج.

وقال الكرملين في بيان إن الرئيس فلاديمير بوتين استقبل الأسد
في منتجع سوتشي مساء الاثنين وبحث معه التسوية السياسية في سوريا
ومستقبل العملية السياسية بعد هزيمة تنظيم الدولة في البلاد.
TXT

run "$NASKH" split "$T/wrapped.txt"
expect_rc "split exits 0 on wrapped text" 0
expect_eq "split: wrapped paragraphs give whole sentences, the headline stays alone" "$OUT" 'محادثات بوتين والأسد في سوتشي
قال الرئيس السوري بشار الأسد في مؤتمر صحفي عقده في دمشق إن المحادثات مع الجانب الروسي كانت مفيدة جدا وإن الحل السياسي هو الطريق الوحيد.
وأضاف أن بلاده مستعدة للحوار مع جميع الأطراف دون شروط مسبقة من أي جهة كانت في الداخل أو الخارج.
وقال الكرملين في بيان إن الرئيس فلاديمير بوتين استقبل الأسد في منتجع سوتشي مساء الاثنين وبحث معه التسوية السياسية في سوريا ومستقبل العملية السياسية بعد هزيمة تنظيم الدولة في البلاد.'

run "$NASKH" split --keep-lines "$T/wrapped.txt"
expect_eq "split --keep-lines: every line end ends a sentence" "$(echo "$OUT" | wc -l)" 9

run "$NASKH" split --join-lines --keep-lines "$T/wrapped.txt"
expect_rc "--join-lines with --keep-lines is a usage error" 2

# offsets are code points of the original text, line ends included
run "$NASKH" split --offsets "$T/wrapped.txt"
want_start=$(head -1 "$T/wrapped.txt" | wc -m)   # the headline and its line end
expect_eq "split --offsets: the second sentence starts after the headline's line end" \
  "$(echo "$OUT" | sed -n 2p | cut -f1)" "$want_start"

# the split stage of a recipe, without any option, and its override
cat >"$T/split.yaml" <<'YAML'
name: split-only
stages:
  - split: {}
output:
  - format: jsonl
    path: "-"
YAML
run "$NASKH" run "$T/split.yaml" "$T/wrapped.txt"
expect_rc "run split recipe exits 0" 0
expect_eq "split stage: 4 sentences from the wrapped text" "$(echo "$OUT" | grep -o '"sentences":\[[^]]*\]' | grep -o '"start"' | wc -l)" 4
run "$NASKH" run "$T/split.yaml" "$T/wrapped.txt" --set split.join_lines=false
expect_eq "split.join_lines=false keeps every line" "$(echo "$OUT" | grep -o '"sentences":\[[^]]*\]' | grep -o '"start"' | wc -l)" 9

# summarize: no line fragment can be chosen
run "$NASKH" summarize --words 40 --format plain "$T/wrapped.txt"
expect_rc "summarize on wrapped text exits 0" 0
frag=0
while IFS= read -r line; do
  # the headline is a whole line and a whole sentence (split keeps it alone): it may be chosen
  [ "$line" = "$(head -1 "$T/wrapped.txt")" ] && continue
  grep -qxF -- "$line" "$T/wrapped.txt" && frag=1
done <<<"$OUT"
expect_eq "summarize picks whole sentences, not wrapped lines" "$frag" 0
