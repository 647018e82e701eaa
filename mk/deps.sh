#!/bin/sh
# Install the Debian packages naskh needs, when they are missing.
# As root it uses apt-get; otherwise it says exactly what to run.
set -u
need=""
pkg-config --exists lua5.4 2>/dev/null || need="$need liblua5.4-dev"
pkg-config --exists icu-uc icu-i18n 2>/dev/null || need="$need libicu-dev"
pkg-config --exists yaml-0.1 2>/dev/null || need="$need libyaml-dev"
command -v pkg-config >/dev/null 2>&1 || need="$need pkg-config"
command -v lua5.4 >/dev/null 2>&1 || need="$need lua5.4"
# lua-cjson: the JSON decoder (see README, "Dependencies").
[ -f /usr/lib/x86_64-linux-gnu/lua/5.4/cjson.so ] || ls /usr/lib/*/lua/5.4/cjson.so >/dev/null 2>&1 \
    || need="$need lua-cjson"
for extra in ${NASKH_EXTRA_PKGS:-}; do
    dpkg -s "$extra" >/dev/null 2>&1 || need="$need $extra"
done
# Optional, for tests/cli/test_distributed.sh (Dask's distributed scheduler, GNU parallel) and
# tests/cli/test_html.sh (headless chromium renders the pages): installed when root (CI);
# without root those tests skip their parts (counted as skipped, not passed). NASKH_TEST_PKGS='' turns this off.
opt=""
for p in ${NASKH_TEST_PKGS-python3-distributed parallel chromium}; do
    dpkg -s "$p" >/dev/null 2>&1 || opt="$opt $p"
done
if [ -n "$opt" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "naskh: installing the packages of the optional tests (scale-out, browser):$opt" >&2
    # (a fresh machine has no package lists yet: update them once and try again)
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $opt >/dev/null 2>&1 || {
        apt-get update -q >/dev/null 2>&1
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $opt >/dev/null 2>&1
    } || echo "naskh: could not install$opt; test_distributed.sh skips what needs them; test_html.sh fails without chromium when root" >&2
fi
[ -z "$need" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "naskh: installing missing Debian packages:$need" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q $need >/dev/null 2>&1 || {
        apt-get update -q >/dev/null 2>&1
        apt-get install -y -q $need >/dev/null || {
            echo "naskh: apt-get could not install:$need" >&2
            exit 1
        }
    }
else
    echo "naskh: missing Debian packages:$need" >&2
    echo "naskh: run: sudo apt-get install$need" >&2
    exit 1
fi
