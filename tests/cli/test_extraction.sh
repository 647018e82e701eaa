#!/usr/bin/env bash
# The extraction recipes through the binary: JSON Lines input with meta.date,
# --stream output with code point spans, the bundled recipes on the samples.
. tests/cli/lib.sh

# meta.date anchors relative dates; spans come out as code points.
LINE='{"id":"a1","text":"قال الوزير إن الاجتماع عقد الاثنين، وأضاف: \"سنلتقي مجددا الخميس المقبل\".","meta":{"date":"2017-11-21"}}'
run_in "$LINE" "$NASKH" run digest --stream
expect_rc "digest --stream on a JSON Lines document" 0
printf '%s\n' "$OUT" >"$TMP/d.jsonl"
lua5.4 - "$TMP/d.jsonl" >"$TMP/check" 2>&1 <<'LUA'
local cjson = require "cjson"
local d = cjson.decode(io.open(arg[1]):read("l"))
local function cps(s, a, b)  -- code point slice [a, b)
  local out, i = {}, 0
  for _, c in utf8.codes(s) do if i >= a and i < b then out[#out + 1] = utf8.char(c) end; i = i + 1 end
  return table.concat(out)
end
local got = {}
for _, m in ipairs(d.dates) do got[#got + 1] = cps(d.text, m.start, m["end"]) .. "=" .. tostring(m.iso) end
print("dates " .. table.concat(got, ","))
local q = d.quotes[2]
print("quote2 " .. cps(d.text, q.start, q["end"]) .. "|" .. q.kind .. "|" .. q.speaker.how .. "|" .. cps(d.text, q.speaker.start, q.speaker["end"]))
print("anchor " .. d.date_anchor.source)
LUA
CHECK=$(cat "$TMP/check")
case $CHECK in *"dates الاثنين=2017-11-20,الخميس المقبل=2017-11-23"*) ok "meta.date resolves الاثنين and الخميس المقبل (code point spans)" ;;
  *) notok "meta.date resolves الاثنين and الخميس المقبل (code point spans)" "$CHECK" ;; esac
case $CHECK in *"quote2 سنلتقي مجددا الخميس المقبل|direct|previous|الوزير"*) ok "a direct quote after وأضاف: keeps the previous speaker" ;;
  *) notok "a direct quote after وأضاف: keeps the previous speaker" "$CHECK" ;; esac
case $CHECK in *"anchor meta.date"*) ok "date_anchor says meta.date" ;; *) notok "date_anchor says meta.date" "$CHECK" ;; esac

# The bundled recipes lint and run on the samples.
for r in quotes timeline digest; do
    run "$NASKH" lint "$r"
    expect_rc "naskh lint $r" 0
done
run "$NASKH" run quotes configs/samples/000_86031912e7f8d5b8.txt configs/samples/001_d98b33668da296b2.txt
expect_out "quotes: Putin's quote merged over 000 and 001" "in 000_86031912e7f8d5b8, 001_d98b33668da296b2"
run "$NASKH" run timeline configs/samples/003_afd9ebb52b62d6f4.txt
expect_out "timeline: مساء الاثنين under 2017-11-20" "### 2017-11-20"
run "$NASKH" run timeline configs/samples/003_afd9ebb52b62d6f4.txt --set dates.hijri_calendar=lunar
expect_rc "a bad --set value is a usage error" 2
expect_err "... naming the allowed calendars" "umalqura"
