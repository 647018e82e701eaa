# naskh — build, test and tooling. See README.md.
# Debian 12 pkg-config names; `make deps` installs what is missing.

PKGS     = lua5.4 icu-uc icu-i18n yaml-0.1
B       ?= build
CC      ?= cc
CFLAGS  ?= -O2 -g
WARN     = -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wwrite-strings -Wundef -Wpointer-arith -Wformat=2 -Wvla -Wimplicit-fallthrough
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
ICU_LIBS   = $(shell pkg-config --libs icu-uc icu-i18n 2>/dev/null)
LUA_LIBS   = $(shell pkg-config --libs lua5.4 2>/dev/null)
YAML_LIBS  = $(shell pkg-config --libs yaml-0.1 2>/dev/null)
PREFIX  ?= /usr/local
SHAREDIR = $(PREFIX)/share/naskh
# Branches kept off 32-byte boundaries (the GNU assembler's mitigation of Intel's JCC erratum):
# without it a hot loop's speed moves by up to ~10% with where the linker happens to place it, so
# a change elsewhere in the core shifts every benchmark (docs/scale.md). Only when the
# assembler takes it (clang's integrated assembler does not).
JCC_FLAG := $(shell $(CC) -Wa,-mbranches-within-32B-boundaries -x c -c /dev/null -o /dev/null \
                2>/dev/null && echo -Wa,-mbranches-within-32B-boundaries)
ALL_CFLAGS = $(WARN) $(CFLAGS) $(JCC_FLAG) -fPIC -D_POSIX_C_SOURCE=200809L -Icore -Ibindings \
             $(PKG_CFLAGS) -DNK_SHAREDIR='"$(SHAREDIR)"' -MMD -MP

CORE_SRC = $(sort $(wildcard core/*.c))
CORE_OBJ = $(CORE_SRC:%.c=$(B)/%.o)
# Lua module sources: everything in bindings/ except the CLI host and the embedded-script table.
HOST_SRC = bindings/naskh.c
MOD_SRC  = $(filter-out $(HOST_SRC),$(sort $(wildcard bindings/*.c)))
MOD_OBJ  = $(MOD_SRC:%.c=$(B)/%.o)
LUA_SRC  = $(sort $(shell find scripts/naskh -name '*.lua'))
CTEST_SRC = $(sort $(wildcard tests/c/test_*.c))
CTEST_BIN = $(CTEST_SRC:tests/c/%.c=$(B)/tests/%)

.PHONY: all deps test check sanitize run clean format format-check bench eval fuzz install uninstall golden-update summary-weights model

all: $(B)/libnaskh.a $(B)/naskh.so $(B)/naskh

deps:
	@sh mk/deps.sh

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(B)/libnaskh.a: $(CORE_OBJ)
	@rm -f $@
	ar rcs $@ $^

# The Lua module for a stock lua5.4: not linked with liblua (the interpreter provides it).
$(B)/naskh.so: $(MOD_OBJ) $(B)/libnaskh.a
	$(CC) $(CFLAGS) -shared -o $@ $(MOD_OBJ) $(B)/libnaskh.a $(YAML_LIBS) $(ICU_LIBS) -lm

# The scripts/ tree compiled into the host, so `naskh` is one self-contained binary.
$(B)/embed: mk/embed.c
	@mkdir -p $(B)
	$(CC) $(WARN) $(CFLAGS) $(PKG_CFLAGS) -o $@ $< $(LUA_LIBS)

$(B)/gen/nk_embedded.c: $(B)/embed $(LUA_SRC)
	@mkdir -p $(B)/gen
	$(B)/embed $@ $(LUA_SRC)

$(B)/naskh: $(B)/bindings/naskh.o $(B)/gen/nk_embedded.o $(MOD_OBJ) $(B)/libnaskh.a
	$(CC) $(CFLAGS) -Wl,-E -o $@ $^ $(LUA_LIBS) $(YAML_LIBS) $(ICU_LIBS) -lm -ldl

$(B)/gen/nk_embedded.o: $(B)/gen/nk_embedded.c
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(B)/tests/%: tests/c/%.c $(B)/libnaskh.a tests/c/nk_test.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/c -o $@ $< $(B)/libnaskh.a $(ICU_LIBS) -lm

test: deps
	@$(MAKE) --no-print-directory all $(CTEST_BIN)
	@B=$(B) bash tests/run.sh

check: test

# The whole suite again under AddressSanitizer and UndefinedBehaviorSanitizer.
SAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
sanitize: deps
	@$(MAKE) --no-print-directory B=build/san CFLAGS="$(SAN_FLAGS)" all
	@$(MAKE) --no-print-directory B=build/san CFLAGS="$(SAN_FLAGS)" \
	    $(CTEST_SRC:tests/c/%.c=build/san/tests/%)
	@B=build/san NK_SANITIZE=1 ASAN_OPTIONS=detect_leaks=1 bash tests/run.sh

run: deps all
	./$(B)/naskh run summarize configs/samples/*.txt

golden-update: all
	@B=$(B) bash tests/golden/update.sh

format:
	clang-format -i core/*.[ch] bindings/*.[ch] tests/c/*.[ch] mk/*.c

format-check:
	clang-format --dry-run -Werror core/*.[ch] bindings/*.[ch] tests/c/*.[ch] mk/*.c

bench: deps all
	@B=$(B) bash tests/bench/run.sh

eval: deps all
	@B=$(B) bash tests/eval/run.sh

# The summarize stage's learned sentence-scorer weights, from EASC in ../shared (NASKH_SHARED).
summary-weights: all
	NASKH=$(B)/naskh NASKH_ROOT=$(CURDIR) $(B)/naskh script tests/eval/train_summary.lua \
	    $${NASKH_SHARED:-../shared}/data/easc configs/data/summary_weights.tsv

# The bundled entity tagger, retrained from ANERcorp (configs/models/README.md): the same file
# byte for byte for the same data and build.
ANERCORP ?= ../shared/data/anercorp/train.tsv
model: all
	./$(B)/naskh train entities $(ANERCORP) -o configs/models/entities.nktag

# libFuzzer targets (clang), each run FUZZ_SECONDS (default 60): tests/fuzz/run.sh.
fuzz: deps
	@FUZZ_SECONDS=$(FUZZ_SECONDS) bash tests/fuzz/run.sh

clean:
	rm -rf build

# core/nk_norm_tables.c is generated from ICU's properties and the class lists in
# core/gen/gen_norm_tables.c; `make tables` regenerates it (tests/c/test_normalize.c checks that
# the committed table agrees with the ICU the tests run with).
.PHONY: tables
tables: $(B)/gen_norm_tables
	./$(B)/gen_norm_tables >core/nk_norm_tables.c.new && mv core/nk_norm_tables.c.new core/nk_norm_tables.c

$(B)/gen_norm_tables: core/gen/gen_norm_tables.c core/nk_norm_tab.h
	@mkdir -p $(B)
	$(CC) -std=c11 -O1 -Icore $(PKG_CFLAGS) -o $@ $< $(ICU_LIBS)

-include $(shell find $(B) -name '*.d' 2>/dev/null)

# ---- install / uninstall ------------------------------------------------------
# make install [PREFIX=/usr/local] [DESTDIR=staging/]: the naskh binary, the Lua module where a
# stock lua5.4 looks (lib/lua/5.4/naskh.so, share/lua/5.4/naskh/*.lua), configs under
# share/naskh, the core headers, libnaskh.a and libnaskh.so (soname libnaskh.so.MAJOR) with
# naskh.pc, in the multiarch directory (lib/x86_64-linux-gnu) when PREFIX=/usr, the man page
# naskh(1) with this PREFIX's paths, README and docs/ under share/doc/naskh, and the bash and
# zsh completions (`naskh completion`).
# Objects that compile NK_SHAREDIR in (the host, the module's naskh.sharedir) are rebuilt for
# this PREFIX under $(B)/inst/ and the installed binary and module are linked from them, so
# `make install PREFIX=/opt/naskh` is right even after a plain `make`.
DESTDIR  ?=
INSTALL  ?= install
BINDIR    = $(PREFIX)/bin
MULTIARCH = $(shell dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || $(CC) -print-multiarch 2>/dev/null)
LIBSUB    = $(if $(and $(filter /usr,$(PREFIX)),$(MULTIARCH)),lib/$(MULTIARCH),lib)
LIBDIR    = $(PREFIX)/$(LIBSUB)
LUA_CDIR  = $(PREFIX)/lib/lua/5.4
LUA_LDIR  = $(PREFIX)/share/lua/5.4
INCDIR    = $(PREFIX)/include/naskh
PCDIR     = $(LIBDIR)/pkgconfig
MAN1DIR   = $(PREFIX)/share/man/man1
DOCDIR    = $(PREFIX)/share/doc/naskh
BASHCOMPDIR = $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  = $(PREFIX)/share/zsh/$(if $(filter /usr,$(PREFIX)),vendor-completions,site-functions)
VERSION   = $(shell sed -n 's/.*NK_VERSION "\(.*\)"/\1/p' core/nk_base.h)
SOMAJOR   = $(firstword $(subst ., ,$(VERSION)))
SONAME    = libnaskh.so.$(SOMAJOR)
CONF_DIRS = recipes gazetteers data samples models
# The public headers: core/naskh.h and what it includes (internal headers stay in the tree).
PUBLIC_H  = core/naskh.h $(addprefix core/,$(shell sed -n 's/^\#include "\(nk_[a-z0-9_]*\.h\)"/\1/p' core/naskh.h))
SHARE_SRC = $(shell grep -l NK_SHAREDIR $(HOST_SRC) $(MOD_SRC) 2>/dev/null)
INST_OBJ  = $(foreach f,$(MOD_SRC),$(if $(filter $(f),$(SHARE_SRC)),$(B)/inst/$(notdir $(f:.c=.o)),$(B)/$(f:.c=.o)))

.PHONY: nk-always
$(B)/inst/%.o: bindings/%.c nk-always
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(B)/inst/naskh: $(B)/inst/naskh.o $(B)/gen/nk_embedded.o $(INST_OBJ) $(B)/libnaskh.a
	$(CC) $(CFLAGS) -Wl,-E -o $@ $^ $(LUA_LIBS) $(YAML_LIBS) $(ICU_LIBS) -lm -ldl

$(B)/inst/naskh.so: $(INST_OBJ) $(B)/libnaskh.a
	$(CC) $(CFLAGS) -shared -o $@ $(INST_OBJ) $(B)/libnaskh.a $(YAML_LIBS) $(ICU_LIBS) -lm

$(B)/naskh.pc: mk/naskh.pc.in nk-always
	@mkdir -p $(dir $@)
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(VERSION)|g' -e 's|@LIBSUB@|$(LIBSUB)|g' mk/naskh.pc.in >$@

# The shared core (position-independent objects already): soname libnaskh.so.MAJOR.
$(B)/libnaskh.so.$(VERSION): $(CORE_OBJ)
	$(CC) $(CFLAGS) -shared -Wl,-soname,$(SONAME) -o $@ $(CORE_OBJ) $(ICU_LIBS) -lm

# The man page and the completions with this PREFIX's paths.
$(B)/inst/naskh.1: docs/naskh.1 nk-always
	@mkdir -p $(dir $@)
	sed -e 's|/usr/local/lib/libnaskh|$(LIBDIR)/libnaskh|g' \
	    -e 's|/usr/local/share/zsh/site\\-functions|$(subst -,\\-,$(ZSHCOMPDIR))|g' \
	    -e 's|/usr/local|$(PREFIX)|g' docs/naskh.1 >$@
$(B)/inst/naskh.bash $(B)/inst/_naskh: $(B)/naskh nk-always
	@mkdir -p $(B)/inst
	NASKH_HOME=$(CURDIR) ./$(B)/naskh completion bash >$(B)/inst/naskh.bash
	NASKH_HOME=$(CURDIR) ./$(B)/naskh completion zsh >$(B)/inst/_naskh

install: all $(B)/inst/naskh $(B)/inst/naskh.so $(B)/naskh.pc $(B)/libnaskh.so.$(VERSION) $(B)/inst/naskh.1 \
	    $(B)/inst/naskh.bash
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LUA_CDIR) $(DESTDIR)$(LUA_LDIR)/naskh \
	    $(DESTDIR)$(SHAREDIR)/configs $(DESTDIR)$(INCDIR) $(DESTDIR)$(PCDIR) $(DESTDIR)$(MAN1DIR) \
	    $(DESTDIR)$(LIBDIR) $(DESTDIR)$(DOCDIR) $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	$(INSTALL) -m 755 $(B)/inst/naskh $(DESTDIR)$(BINDIR)/naskh
	$(INSTALL) -m 644 $(B)/inst/naskh.so $(DESTDIR)$(LUA_CDIR)/naskh.so
	@for f in $(LUA_SRC); do \
	    $(INSTALL) -D -m 644 $$f $(DESTDIR)$(LUA_LDIR)/$${f#scripts/} || exit 1; done
	@cd configs && for f in $$(find $(CONF_DIRS) -type f 2>/dev/null | LC_ALL=C sort); do \
	    $(INSTALL) -D -m 644 $$f $(DESTDIR)$(SHAREDIR)/configs/$$f || exit 1; done
	$(INSTALL) -m 644 $(PUBLIC_H) $(DESTDIR)$(INCDIR)/
	$(INSTALL) -m 644 $(B)/libnaskh.a $(DESTDIR)$(LIBDIR)/libnaskh.a
	$(INSTALL) -m 755 $(B)/libnaskh.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libnaskh.so.$(VERSION)
	ln -sf libnaskh.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libnaskh.so
	$(INSTALL) -m 644 $(B)/naskh.pc $(DESTDIR)$(PCDIR)/naskh.pc
	$(INSTALL) -m 644 $(B)/inst/naskh.1 $(DESTDIR)$(MAN1DIR)/naskh.1
	$(INSTALL) -m 644 README.md docs/*.md $(DESTDIR)$(DOCDIR)/
	$(INSTALL) -m 644 $(B)/inst/naskh.bash $(DESTDIR)$(BASHCOMPDIR)/naskh
	$(INSTALL) -m 644 $(B)/inst/_naskh $(DESTDIR)$(ZSHCOMPDIR)/_naskh

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/naskh $(DESTDIR)$(LUA_CDIR)/naskh.so $(DESTDIR)$(LIBDIR)/libnaskh.a \
	    $(DESTDIR)$(LIBDIR)/libnaskh.so $(DESTDIR)$(LIBDIR)/$(SONAME) $(DESTDIR)$(LIBDIR)/libnaskh.so.$(VERSION) \
	    $(DESTDIR)$(PCDIR)/naskh.pc $(DESTDIR)$(MAN1DIR)/naskh.1 \
	    $(DESTDIR)$(BASHCOMPDIR)/naskh $(DESTDIR)$(ZSHCOMPDIR)/_naskh
	rm -rf $(DESTDIR)$(LUA_LDIR)/naskh $(DESTDIR)$(SHAREDIR) $(DESTDIR)$(INCDIR) $(DESTDIR)$(DOCDIR)

# docs/recipes.md is generated from the stage schemas (tests/cli/test_docs.sh checks it is current).
.PHONY: docs
docs: all
	./$(B)/naskh docs recipes >docs/recipes.md
