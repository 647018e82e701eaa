#!/usr/bin/env bash
# `make install` into a temporary DESTDIR: the files land where Debian users and a stock
# lua5.4 expect them, the installed binary runs from there, `require "naskh"` works,
# a C program builds against libnaskh with pkg-config, and `make uninstall` removes it all.
. "$(dirname "$0")/lib.sh"

if [ -n "${NK_SANITIZE:-}" ]; then
    ok "# SKIP the install test runs in the normal build, not under sanitizers"
    exit 0
fi
if ! command -v make >/dev/null || ! command -v cc >/dev/null; then
    ok "# SKIP make or cc is not installed"
    exit 0
fi

B=${B:-build}
VERSION=$(sed -n 's/.*NK_VERSION "\(.*\)"/\1/p' core/nk_base.h)
SOMAJOR=${VERSION%%.*}
DEST=$TMP/dest
PREFIX=/opt/naskh-test
P=$DEST$PREFIX
run make --no-print-directory -s install B="$B" PREFIX="$PREFIX" DESTDIR="$DEST"
expect_rc "make install into a DESTDIR" 0

for f in bin/naskh lib/lua/5.4/naskh.so share/lua/5.4/naskh/pipeline.lua share/lua/5.4/naskh/io/html.lua \
         share/lua/5.4/naskh/engine/cli.lua share/lua/5.4/naskh/text/entities.lua include/naskh/nk_base.h lib/libnaskh.a lib/pkgconfig/naskh.pc \
         share/man/man1/naskh.1; do
    if [ -f "$P/$f" ]; then ok "installed $f"; else notok "installed $f" "missing"; fi
done
for f in nk_gzint.h nk_gznorm.h nk_norm_tab.h nk_chars.h; do
    if [ ! -e "$P/include/naskh/$f" ]; then ok "internal header $f is not installed"
    else notok "internal header $f is not installed" "found"; fi
done
if [ -f "$P/include/naskh/naskh.h" ]; then ok "the umbrella header naskh.h is installed"
else notok "the umbrella header naskh.h is installed" "missing"; fi
if [ -x "$P/bin/naskh" ]; then ok "the binary is executable"; else notok "the binary is executable"; fi
[ ! -e "$P/share/lua/5.4/naskh/init.lua" ] && [ ! -e "$P/share/lua/5.4/naskh.lua" ]
expect_rc "no Lua file shadows the C module 'naskh'" 0
nstage=$(find scripts/naskh -name '*.lua' | wc -l)
ninst=$(find "$P/share/lua/5.4/naskh" -name '*.lua' | wc -l)
expect_eq "every scripts/naskh Lua file is installed" "$ninst" "$nstage"
for d in recipes gazetteers data samples; do
    if [ -d "configs/$d" ] && [ -n "$(ls -A "configs/$d")" ]; then
        want=$(cd configs/$d && find . -type f | LC_ALL=C sort)
        got=$(cd "$P/share/naskh/configs/$d" 2>/dev/null && find . -type f | LC_ALL=C sort)
        expect_eq "configs/$d installed under share/naskh" "$got" "$want"
    fi
done

# The share dir compiled into the binary and the module follows PREFIX.
if grep -qa "$PREFIX/share/naskh" "$P/bin/naskh"; then ok "the binary looks for $PREFIX/share/naskh"
else notok "the binary looks for $PREFIX/share/naskh"; fi

# The installed binary, its share dir pointed into the staging tree.
export NASKH_HOME=$P/share/naskh
run "$P/bin/naskh" --version
expect_rc "installed naskh --version" 0
expect_out "installed naskh --version prints the version" "naskh "
run "$P/bin/naskh" recipes
expect_rc "installed naskh recipes" 0
listed=$OUT
for r in configs/recipes/*.yaml; do
    [ -f "$r" ] || continue
    name=$(basename "$r" .yaml)
    case $listed in *"$name"*) ok "installed naskh lists recipe $name" ;;
        *) notok "installed naskh lists recipe $name" "$listed" ;; esac
    run "$P/bin/naskh" lint "$name"
    expect_rc "installed recipe $name lints with the installed share dir" 0
done
run_in "جملة أولى. جملة ثانية." "$P/bin/naskh" split
expect_rc "installed naskh split" 0
expect_eq "installed naskh split prints two sentences" "$(printf '%s\n' "$OUT" | wc -l)" "2"
unset NASKH_HOME

# A stock lua5.4 finds the module and the pipeline modules in the installed paths.
if command -v lua5.4 >/dev/null; then
    run env LUA_CPATH="$P/lib/lua/5.4/?.so;;" LUA_PATH="$P/share/lua/5.4/?.lua;;" lua5.4 -e '
      local naskh = require "naskh"
      require "naskh.pipeline"; require "naskh.json"; require "naskh.io.html"
      print(naskh.version)
      print(package.searchpath("naskh", package.cpath))
      print(package.searchpath("naskh.pipeline", package.path))
      print(naskh.sharedir)'
    expect_rc "lua5.4 -e 'require \"naskh\"' from the installed paths" 0
    expect_out "require finds the installed naskh.so" "$P/lib/lua/5.4/naskh.so"
    expect_out "require finds the installed naskh.pipeline" "$P/share/lua/5.4/naskh/pipeline.lua"
    expect_out "naskh.sharedir is the install prefix's share dir" "$PREFIX/share/naskh"
else
    ok "# SKIP lua5.4 is not installed"
fi

# A C program against the installed headers and library, flags from naskh.pc.
if command -v pkg-config >/dev/null; then
    cat >"$TMP/use.c" <<'EOF'
#include <stdio.h>
#include <string.h>
#include <naskh.h>

int main(void)
{
    const char *s = "\xd9\x86\xd8\xb3\xd8\xae"; /* three Arabic letters */
    printf("%s %zu\n", nk_version(), nk_utf8_count(s, strlen(s)));
    return 0;
}
EOF
    export PKG_CONFIG_PATH=$P/lib/pkgconfig
    run pkg-config --define-variable=prefix="$P" --modversion naskh
    expect_rc "pkg-config knows naskh" 0
    flags=$(pkg-config --define-variable=prefix="$P" --cflags --libs naskh 2>/dev/null)
    run cc -std=c11 -o "$TMP/use" "$TMP/use.c" $flags
    expect_rc "a C program builds with pkg-config --cflags --libs naskh" 0
    run env LD_LIBRARY_PATH="$P/lib" "$TMP/use"
    expect_out "it links libnaskh and runs" " 3"
    case $(LD_LIBRARY_PATH="$P/lib" ldd "$TMP/use" 2>/dev/null) in *"libnaskh.so.$SOMAJOR => $P/lib/libnaskh.so.$SOMAJOR"*)
        ok "-lnaskh links the shared library through its soname" ;;
    *) notok "-lnaskh links the shared library through its soname" "$(LD_LIBRARY_PATH="$P/lib" ldd "$TMP/use" 2>&1 | grep naskh)" ;; esac
    unset PKG_CONFIG_PATH
fi

# issue 20: the shared library with its soname, docs, completions, a man page with PREFIX's paths
if [ -f "$P/lib/libnaskh.so.$VERSION" ] && [ "$(readlink "$P/lib/libnaskh.so.$SOMAJOR")" = "libnaskh.so.$VERSION" ] \
    && [ "$(readlink "$P/lib/libnaskh.so")" = "libnaskh.so.$SOMAJOR" ]; then
    ok "libnaskh.so.$VERSION with the links libnaskh.so.$SOMAJOR and libnaskh.so beside libnaskh.a"
else notok "libnaskh.so with its links" "$(ls -l "$P/lib" | grep naskh)"; fi
if command -v objdump >/dev/null; then
    expect_eq "the shared library's soname" "$(objdump -p "$P/lib/libnaskh.so.$VERSION" 2>/dev/null | awk '/SONAME/{print $2}')" "libnaskh.so.$SOMAJOR"
fi
for f in README.md recipes.md cookbook.md lua-api.md; do
    [ -f "$P/share/doc/naskh/$f" ] && ok "docs installed: share/doc/naskh/$f" || notok "docs installed: share/doc/naskh/$f"
done
[ -s "$P/share/bash-completion/completions/naskh" ] && ok "bash completion installed" || notok "bash completion installed"
[ -s "$P/share/zsh/site-functions/_naskh" ] && ok "zsh completion installed (site-functions)" || notok "zsh completion installed"
bash -n "$P/share/bash-completion/completions/naskh" 2>/dev/null && ok "the installed bash completion parses" \
    || notok "the installed bash completion parses"
man1=$P/share/man/man1/naskh.1
grep -q "/usr/local" "$man1" && notok "the man page names no /usr/local path" "$(grep -n /usr/local "$man1" | head -3)" \
    || ok "the man page names no /usr/local path"
for want in "$PREFIX/share/naskh/configs/" "$PREFIX/lib/lua/5.4/naskh.so" "$PREFIX/lib/libnaskh.so" "$PREFIX/share/doc/naskh/"; do
    grep -qF "$want" "$man1" && ok "the man page says $want" || notok "the man page says $want"
done
grep -q '^\.B idf build' "$man1" && ok "the man page documents idf" || notok "the man page documents idf"
for c in $("$NASKH" --help | awk '/^commands:/{f=1; next} f && /^  [a-z]/{print $1} f && /^$/{exit}'); do
    grep -q "^\.B naskh $c\b" "$man1" && ok "the man page's synopsis has $c" || notok "the man page's synopsis has $c"
done

# The man page is valid roff.
if command -v groff >/dev/null; then
    run groff -man -ww -z "$P/share/man/man1/naskh.1"
    if [ "$RC" = 0 ] && [ -z "$ERR" ]; then ok "naskh(1) formats without warnings"
    else notok "naskh(1) formats without warnings" "$ERR"; fi
fi

run make --no-print-directory -s uninstall B="$B" PREFIX="$PREFIX" DESTDIR="$DEST"
expect_rc "make uninstall" 0
left=$(find "$DEST" -type f -o -type l | head -5)
expect_eq "make uninstall removes every installed file" "$left" ""

# PREFIX=/usr: the C library in the multiarch directory (Debian), the zsh completion in vendor-completions
MA=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || cc -print-multiarch 2>/dev/null)
DEST2=$TMP/dest2
run make --no-print-directory -s install B="$B" PREFIX=/usr DESTDIR="$DEST2"
expect_rc "make install PREFIX=/usr into a DESTDIR" 0
if [ -n "$MA" ]; then
    for f in libnaskh.a libnaskh.so "libnaskh.so.$SOMAJOR" pkgconfig/naskh.pc; do
        [ -e "$DEST2/usr/lib/$MA/$f" ] && ok "PREFIX=/usr: lib/$MA/$f" || notok "PREFIX=/usr: lib/$MA/$f" "$(find "$DEST2/usr/lib" -maxdepth 2 -name 'libnaskh*')"
    done
    grep -q "libdir=\${exec_prefix}/lib/$MA" "$DEST2/usr/lib/$MA/pkgconfig/naskh.pc" && ok "PREFIX=/usr: naskh.pc's libdir is multiarch" \
        || notok "PREFIX=/usr: naskh.pc's libdir is multiarch"
    grep -qF "/usr/lib/$MA/libnaskh.a" "$DEST2/usr/share/man/man1/naskh.1" && ok "PREFIX=/usr: the man page names the multiarch library" \
        || notok "PREFIX=/usr: the man page names the multiarch library"
fi
[ -f "$DEST2/usr/lib/lua/5.4/naskh.so" ] && ok "PREFIX=/usr: the Lua module stays in lib/lua/5.4" || notok "PREFIX=/usr: the Lua module in lib/lua/5.4"
grep -qF "/usr/share/naskh/configs/" "$DEST2/usr/share/man/man1/naskh.1" && ok "PREFIX=/usr: the man page's configs path" \
    || notok "PREFIX=/usr: the man page's configs path"
[ -s "$DEST2/usr/share/zsh/vendor-completions/_naskh" ] && ok "PREFIX=/usr: zsh completion in vendor-completions" \
    || notok "PREFIX=/usr: zsh completion in vendor-completions"
run make --no-print-directory -s uninstall B="$B" PREFIX=/usr DESTDIR="$DEST2"
left=$(find "$DEST2" -type f -o -type l | head -5)
expect_eq "PREFIX=/usr: make uninstall removes every installed file" "$left" ""
