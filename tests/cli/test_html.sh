#!/usr/bin/env bash
# The HTML report of the sample cluster (recipe `report`), rendered by headless Chromium:
# the screenshot is not blank and the page logs nothing to the console (no script errors,
# no blocked network requests). Debian's `chromium` is installed by `make deps` (mk/deps.sh)
# or here when missing and we are root with apt-get (as CI is): if that install fails, the
# browser checks fail. Without root the browser part is skipped ("# SKIP", which tests/run.sh
# counts and lists as skipped, not passed).
. "$(dirname "$0")/lib.sh"

page=$TMP/report.html
run "$NASKH" run report configs/samples/*.txt -o "$page"
expect_rc "naskh run report on the samples" 0
if [ ! -s "$page" ]; then
    notok "the report is written" "no $page"
    exit 0
fi
ok "the report is written"

html=$(cat "$page")
want() { case $html in *"$2"*) ok "$1" ;; *) notok "$1" "no '$2' in the page" ;; esac; }
wantnot() { case $html in *"$2"*) notok "$1" "'$2' in the page" ;; *) ok "$1" ;; esac; }
want "right to left, Arabic" '<html lang="ar" dir="rtl">'
want "a Content-Security-Policy forbids network access" "default-src 'none'"
wantnot "no scripts" "<script"
wantnot "no external stylesheets" "<link"
wantnot "no external resources in CSS" "url("
wantnot "no src attributes" " src="
narticles=$(grep -o '<article class="doc' "$page" | wc -l)
expect_eq "one article per sample" "$narticles" "$(ls configs/samples/*.txt | wc -l)"
want "the summary is there" '<section id="summary">'
want "summary sentences link to their sources" 'class="src"'
want "entities are colour-coded" '<mark class="ent t-'
want "the dropped boilerplate is collapsed" '<details class="dropped">'
want "a legend" 'class="legend"'
want "quotes by speaker" '<section id="quotes">'
want "the timeline" '<section id="timeline">'
want "the outlier article is marked" '<article class="doc outlier"'

# A recipe with only split still gives a full page.
printf 'name: bare\nstages:\n  - split: {}\noutput: { format: html, path: bare.html }\n' >"$TMP/bare.yaml"
run "$NASKH" run "$TMP/bare.yaml" configs/samples/000_86031912e7f8d5b8.txt -o "$TMP/bare.html"
expect_rc "a recipe with only split renders" 0
if grep -q '<article class="doc" id="a1">' "$TMP/bare.html" && grep -q 'class="snt"' "$TMP/bare.html"; then
    ok "the bare page has the article and its sentences"
else
    notok "the bare page has the article and its sentences"
fi

# --- Chromium ---------------------------------------------------------------
find_chrome() { command -v chromium || command -v chromium-browser || command -v google-chrome || true; }
CHROME=$(find_chrome)
if [ -z "$CHROME" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q --no-install-recommends chromium >"$TMP/apt.log" 2>&1 ||
        { apt-get update -q >>"$TMP/apt.log" 2>&1 &&
          apt-get install -y -q --no-install-recommends chromium >>"$TMP/apt.log" 2>&1; }
    CHROME=$(find_chrome)
    if [ -z "$CHROME" ]; then
        notok "chromium is installed for the rendering checks" "apt-get failed: $(tail -2 "$TMP/apt.log")"
        exit 0
    fi
fi
if [ -z "$CHROME" ]; then
    ok "# SKIP headless rendering needs Debian's chromium (apt-get install chromium, as root; make deps does it as root)"
    exit 0
fi

flags=(--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --disable-quic --user-data-dir="$TMP/chrome"
       --enable-logging=stderr --v=0)
timeout 180 "$CHROME" "${flags[@]}" --screenshot="$TMP/shot.png" --window-size=1200,2000 \
    "file://$page" >"$TMP/chrome.out" 2>"$TMP/chrome.err"
rc=$?
if [ "$rc" = 0 ] && [ -s "$TMP/shot.png" ]; then ok "chromium renders the report"
else notok "chromium renders the report" "exit $rc: $(grep -v -e dbus -e vaapi "$TMP/chrome.err" | tail -3)"; fi

# Console messages: the page has no script, so any message is a problem (a blocked fetch, an error).
console=$(grep -E ':CONSOLE|CONSOLE\(|Uncaught' "$TMP/chrome.err" | head -3)
expect_eq "no console messages while rendering" "$console" ""

# Not blank: decode the PNG (stdlib zlib) and count colours and non-background pixels.
if [ -s "$TMP/shot.png" ] && command -v python3 >/dev/null; then
    stats=$(python3 - "$TMP/shot.png" <<'EOF'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, hdr = 8, [], None
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        hdr = struct.unpack(">IIBBBBB", body)
    elif kind == b"IDAT":
        idat.append(body)
    pos += 12 + n
w, h, depth, ctype, _, _, interlace = hdr
assert depth == 8 and ctype in (2, 6) and not interlace, "unexpected PNG layout"
bpp = 4 if ctype == 6 else 3
raw = zlib.decompress(b"".join(idat))
stride = w * bpp
prev = bytearray(stride)
colours, bg, ink, seen = set(), None, 0, 0
for y in range(h):
    f = raw[y * (stride + 1)]
    row = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    if f == 1:
        for i in range(bpp, stride):
            row[i] = (row[i] + row[i - bpp]) & 255
    elif f == 2:
        for i in range(stride):
            row[i] = (row[i] + prev[i]) & 255
    elif f == 3:
        for i in range(stride):
            left = row[i - bpp] if i >= bpp else 0
            row[i] = (row[i] + ((left + prev[i]) >> 1)) & 255
    elif f == 4:
        for i in range(stride):
            a = row[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            row[i] = (row[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    if y % 4 == 0:
        for x in range(0, stride, bpp * 2):
            px = bytes(row[x:x + 3])
            colours.add(px)
            seen += 1
            if bg is None:
                bg = px
            elif px != bg:
                ink += 1
    prev = row
print(w, h, len(colours), round(100.0 * ink / max(seen, 1), 1))
EOF
)
    read -r pw ph ncol inkpct <<<"$stats"
    expect_eq "the screenshot is 1200x2000" "$pw x $ph" "1200 x 2000"
    if [ "${ncol:-0}" -ge 32 ]; then ok "the screenshot is not blank ($ncol colours)"
    else notok "the screenshot is not blank" "only ${ncol:-0} colours"; fi
    if awk -v p="${inkpct:-0}" 'BEGIN { exit !(p >= 2) }'; then ok "the screenshot has text ($inkpct% non-background)"
    else notok "the screenshot has text" "${inkpct:-0}% non-background pixels"; fi
else
    size=$(wc -c <"$TMP/shot.png" 2>/dev/null || echo 0)
    if [ "$size" -gt 30000 ]; then ok "the screenshot is not blank ($size bytes)"
    else notok "the screenshot is not blank" "$size bytes"; fi
fi

# The DOM Chromium built has every article and the right direction.
timeout 180 "$CHROME" "${flags[@]}" --dump-dom "file://$page" >"$TMP/dom.html" 2>"$TMP/dom.err"
domarticles=$(grep -o '<article class="doc' "$TMP/dom.html" | wc -l)
expect_eq "chromium's DOM has every article" "$domarticles" "$narticles"
if grep -q 'dir="rtl"' "$TMP/dom.html"; then ok "chromium's DOM is right to left"
else notok "chromium's DOM is right to left"; fi

# The digest page too (issue 20): the DOM Chromium built from it has no Markdown table in its
# text and every heading has Arabic letters.
run "$NASKH" run digest configs/samples/*.txt -o "$TMP/digest.html"
expect_rc "naskh run digest -o digest.html" 0
timeout 180 "$CHROME" "${flags[@]}" --dump-dom "file://$TMP/digest.html" >"$TMP/ddom.html" 2>"$TMP/ddom.err"
[ -s "$TMP/ddom.html" ] && ok "chromium renders the digest page" || notok "chromium renders the digest page"
cat >"$TMP/dom.lua" <<'LUA'
local f = assert(io.open(arg[1], "rb")); local page = f:read("a"); f:close()
local function text(h) return (h:gsub("<[^>]+>", ""):gsub("&%a+;", " ")) end
local n, bad = 0, {}
for _, h in page:gmatch("<h(%d)[^>]*>(.-)</h%1>") do
  n = n + 1
  if not text(h):find("[\216-\219][\128-\191]") then bad[#bad + 1] = text(h) end
end
print(n, #bad, table.concat(bad, " | "))
print(text(page:gsub("<style>.-</style>", "")):find("|---", 1, true) and "raw-table" or "no-raw-table")
LUA
"$NASKH" script "$TMP/dom.lua" "$TMP/ddom.html" >"$TMP/dom.out"
read -r nh nbad badh <"$TMP/dom.out"
[ "${nh:-0}" -gt 0 ] && [ "${nbad:-1}" = 0 ] && ok "digest in chromium: every heading in Arabic ($nh headings)" \
    || notok "digest in chromium: every heading in Arabic" "${nbad:-?} of ${nh:-?}: $badh"
expect_eq "digest in chromium: no |---| in the rendered text" "$(tail -1 "$TMP/dom.out")" "no-raw-table"
