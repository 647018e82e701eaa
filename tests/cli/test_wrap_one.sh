#!/usr/bin/env bash
# One hard-wrap switch (issues 16/17): join_lines = auto|always|never (true and
# false still accepted) for `naskh split`, the split stage and the quotes stage;
# the quotes stage reads the core's logical lines, so a quotation in a
# hard-wrapped paragraph runs across a line that ends with a period.
. "$(dirname "$0")/lib.sh"

T=$TMP
cat >"$T/wrapped.txt" <<'TXT'
اجتماع وزراء الخارجية

قال وزير الخارجية في مؤتمر صحفي عقده في القاهرة إن بلاده تدعم
الحل السلمي. وأضاف الوزير: "سنواصل العمل مع الشركاء حتى نهاية العام.
ولن نتخلى عن التزاماتنا أمام شعوب المنطقة في هذه المرحلة الصعبة".
صورة من الأرشيف
TXT

# naskh split: --join-lines[=MODE], --keep-lines
run "$NASKH" split "$T/wrapped.txt"
auto=$OUT
run "$NASKH" split --join-lines=auto "$T/wrapped.txt"
expect_eq "split --join-lines=auto is the default" "$OUT" "$auto"
run "$NASKH" split --join-lines=never "$T/wrapped.txt"
never=$OUT
run "$NASKH" split --keep-lines "$T/wrapped.txt"
expect_eq "split --join-lines=never = --keep-lines" "$OUT" "$never"
run "$NASKH" split --join-lines=false "$T/wrapped.txt"
expect_eq "split --join-lines=false = never" "$OUT" "$never"
run "$NASKH" split --join-lines=always "$T/wrapped.txt"
always=$OUT
run "$NASKH" split --join-lines "$T/wrapped.txt"
expect_eq "split --join-lines = always" "$OUT" "$always"
expect_eq "split: never keeps the line ends, auto joins the wrapped lines (always: the same here)" \
  "$(echo "$never" | wc -l) $(echo "$auto" | wc -l) $(echo "$always" | wc -l)" "6 5 5"
run "$NASKH" split --join-lines=sometimes "$T/wrapped.txt"
expect_rc "split --join-lines=sometimes is a usage error" 2
expect_err "... naming the values" "auto, always, never"
run "$NASKH" split --join-lines=always --keep-lines "$T/wrapped.txt"
expect_rc "--join-lines=always with --keep-lines is a usage error" 2
run "$NASKH" split --help
expect_out "split --help shows the modes" "--join-lines[=auto|always|never]"

# the split stage: the same values
cat >"$T/split.yaml" <<'YAML'
name: split-only
stages:
  - split: { join_lines: never }
output: { format: jsonl, path: "-" }
YAML
nsent() { echo "$OUT" | grep -o '"sentences":\[[^]]*\]' | grep -o '"start"' | wc -l; }
run "$NASKH" run "$T/split.yaml" "$T/wrapped.txt"
expect_rc "split: { join_lines: never } is a valid recipe" 0
expect_eq "split stage, never: 6 sentences" "$(nsent)" 6
run "$NASKH" run "$T/split.yaml" "$T/wrapped.txt" --set split.join_lines=auto
expect_eq "split stage, auto: 5 sentences" "$(nsent)" 5
run "$NASKH" run "$T/split.yaml" "$T/wrapped.txt" --set split.join_lines=always
always=$OUT
run "$NASKH" run "$T/split.yaml" "$T/wrapped.txt" --set split.join_lines=true
expect_eq "split stage, true = always" "$OUT" "$always"
run "$NASKH" run "$T/split.yaml" "$T/wrapped.txt" --set split.join_lines=false
expect_eq "split stage, false = never: 6 sentences" "$(nsent)" 6
run "$NASKH" run "$T/split.yaml" "$T/wrapped.txt" --set split.join_lines=often
expect_rc "split.join_lines=often is a config error" 2
expect_err "... naming the values" "auto, always, never"

# the quotes stage (the bundled quotes recipe, no option): the quotation closes on the next line
run "$NASKH" run quotes "$T/wrapped.txt"
expect_rc "run quotes on wrapped text exits 0" 0
expect_out "quotes: the quotation runs across the wrapped line that ends with a period" \
  "سنواصل العمل مع الشركاء حتى نهاية العام. ولن نتخلى عن التزاماتنا أمام شعوب المنطقة في هذه المرحلة الصعبة»"
run "$NASKH" run quotes "$T/wrapped.txt" --set quotes.join_lines=false
expect_rc "--set quotes.join_lines=false is accepted" 0
case $OUT in *"ولن نتخلى عن التزاماتنا أمام شعوب المنطقة في هذه المرحلة الصعبة»"*) r=joined ;; *) r=cut ;; esac
expect_eq "quotes, false = never: the line end cuts the quotation" "$r" cut
run "$NASKH" lint "$T/split.yaml"
expect_rc "lint accepts join_lines: never" 0
