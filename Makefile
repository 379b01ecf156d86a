# planpress — see README.md.
#
#   make              build ./planpress
#   make CPPFLAGS=-DPLANPRESS_PLAIN
#                     build it without the speed code: the plain fallbacks
#                     of simd_scan.c, exit_keep.c and memhint.c
#   make site         build the example site into public/
#   make test         run every test (under ASan and UBSan)
#   make bench        benchmark against Hugo and the cmark-gfm floor
#   make install      install to $(DESTDIR)$(PREFIX)
#   make po           extract the messages into po/planpress.pot and merge
#                     them into the translations (po/sv.po)
#   make deb          build build/planpress_VERSION_ARCH.deb and lint it
#                     (installs the packaging tools it needs, as root)
#   make deps         install the Debian packages building and running need (root)
#   make test-deps    install what only the tests and the benchmark need
#                     (make test calls it)

PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
DATADIR  ?= $(PREFIX)/share/planpress
MANDIR   ?= $(PREFIX)/share/man/man1
LOCALEDIR ?= $(PREFIX)/share/locale
CC       ?= cc
PKG      ?= pkg-config
CFLAGS   ?= -O2 -g
# CPPFLAGS and LDFLAGS are empty unless given, as by dpkg-buildflags when
# debian/rules builds the package (hardening: _FORTIFY_SOURCE, relro, now).
CPPFLAGS ?=
LDFLAGS  ?=
MUSTACHE_SPEC ?= ../shared/mustache-spec
GFM_SPEC      ?= ../shared/gfm-spec
BENCH_DIR     ?= ../shared/bench

PKGS     := libcmark-gfm yaml-0.1 inih json-c
# Used by one command or option each (check, serve, build --odt: libxml2
# for check and ODT, libmicrohttpd for serve, libzip for ODT) and loaded
# when it runs, by the soname of the library the headers came with (see
# generator/base/dynlib.h).
LOADED_PKGS := libxml-2.0 libmicrohttpd libzip

# What pkg-config says is asked when a recipe first needs it, not when make
# reads this file: `make deps site` reads it before `deps` has installed the
# packages (and the compiler) that pkg-config and objdump ask about.
# lazy(VAR,TEXT) expands TEXT once, on first use, and keeps the result.
lazy = $(eval $(1) := $(2))$($(1))
soname = $(shell objdump -p "$$($(PKG) --variable=libdir $(1))/$(2)" 2>/dev/null | sed -n 's/^ *SONAME *//p')
LIBXML2_SONAME = $(call lazy,LIBXML2_SONAME,$$(or $$(call soname,libxml-2.0,libxml2.so),libxml2.so.2))
MHD_SONAME     = $(call lazy,MHD_SONAME,$$(or $$(call soname,libmicrohttpd,libmicrohttpd.so),libmicrohttpd.so.12))
LIBZIP_SONAME  = $(call lazy,LIBZIP_SONAME,$$(or $$(call soname,libzip,libzip.so),libzip.so.4))
# libcsv ships no pkg-config file in Debian; fall back to plain -lcsv.
CSV_LIBS   = $(call lazy,CSV_LIBS,$$(shell $$(PKG) --libs libcsv 2>/dev/null || echo -lcsv))
DEP_CFLAGS = $(call lazy,DEP_CFLAGS,$$(shell $$(PKG) --cflags $$(PKGS) $$(LOADED_PKGS)) \
	-DLIBXML2_SONAME='"$$(LIBXML2_SONAME)"' -DMHD_SONAME='"$$(MHD_SONAME)"' -DLIBZIP_SONAME='"$$(LIBZIP_SONAME)"')
# The libraries are linked shared, as Debian expects: a security update of
# cmark-gfm, libyaml, json-c or inih then reaches planpress without a
# rebuild. STATIC_LIBS=yes links the four from the static archives their
# -dev packages ship instead (calls into them are then direct, not through
# the PLT; a build of the bench site takes about 4 % less CPU).
STATIC_LIBS ?= no
ifeq ($(STATIC_LIBS),yes)
DEP_LIBS   = $(call lazy,DEP_LIBS,-Wl,-Bstatic -Wl,--start-group $$(shell $$(PKG) --libs --static $$(PKGS)) -Wl,--end-group \
	-Wl,-Bdynamic $$(CSV_LIBS) -lpthread -lm)
else
DEP_LIBS   = $(call lazy,DEP_LIBS,$$(shell $$(PKG) --libs $$(PKGS)) $$(CSV_LIBS) -lpthread -lm)
endif
# tests that compare with libxml2 link it
TEST_LIBS  = $(call lazy,TEST_LIBS,$$(DEP_LIBS) $$(shell $$(PKG) --libs libxml-2.0))

# generator/ holds one folder per stage of the pipeline (README.md); a
# source includes any header by its name alone.
GEN_DIRS := $(sort $(patsubst %/,%,$(dir $(wildcard generator/*/*.[ch]))))
STD_FLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror $(addprefix -I,$(GEN_DIRS)) -Ibuild \
	-DLOCALEDIR='"$(LOCALEDIR)"'

SRCS := $(filter-out generator/template/embed-theme.c,$(wildcard generator/*/*.c))
OBJS := $(patsubst generator/%.c,build/rel/%.o,$(SRCS)) build/rel/theme_data.o
TEST_OBJS := $(patsubst generator/%.c,build/asan/%.o,$(SRCS)) build/asan/theme_data.o
THEME_FILES := $(sort $(wildcard templates/*.mustache templates/*/*.mustache) $(wildcard assets/*.* assets/*/*.*))
SAN := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

.PHONY: all site test unit spec golden errors bench fuzz fuzz-smoke install uninstall clean deps test-deps po deb deb-deps

all: planpress

# The message catalogues (i18n.h): po/LANG.po becomes
# build/locale/LANG/LC_MESSAGES/planpress.mo, where a planpress run from
# this tree finds it. They come with either binary.
LINGUAS := $(patsubst po/%.po,%,$(wildcard po/*.po))
MO_FILES := $(patsubst %,build/locale/%/LC_MESSAGES/planpress.mo,$(LINGUAS))

build/locale/%/LC_MESSAGES/planpress.mo: po/%.po
	@mkdir -p $(@D)
	msgfmt --check -o $@ $<

# make po: the messages of the sources into po/planpress.pot, merged into
# every po/LANG.po. The format of diag() and of mustache.c's set_err() (the
# 5th argument) is a message, like _() and N_(); a comment that starts with
# TRANSLATORS: above a message goes to the translator. build/po/ holds the
# same merge without touching po/: the tests count what is untranslated or
# fuzzy there.
XGETTEXT_FLAGS := --from-code=UTF-8 --add-comments=TRANSLATORS: --sort-by-file --add-location=file \
	--keyword=_ --keyword=N_ --keyword=diag:5 --flag=diag:5:c-format \
	--keyword=set_err:5 --flag=set_err:5:c-format \
	--keyword=stmt_error:3 --flag=stmt_error:3:c-format \
	--package-name=planpress --msgid-bugs-address=issues

build/po/planpress.pot: $(SRCS) generator/*/*.h
	@mkdir -p $(@D)
	xgettext $(XGETTEXT_FLAGS) -o $@ $(SRCS)

build/po/%.po: po/%.po build/po/planpress.pot
	msgmerge --quiet --add-location=file -o $@ $< build/po/planpress.pot

po: build/po/planpress.pot
	cp build/po/planpress.pot po/planpress.pot
	for l in $(LINGUAS); do msgmerge --quiet --update --backup=none --add-location=file po/$$l.po po/planpress.pot; done

planpress: $(OBJS) | $(MO_FILES)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(OBJS) $(DEP_LIBS)

build/rel/%.o: generator/%.c generator/*/*.h | build/rel
	@mkdir -p $(@D)
	$(CC) $(STD_FLAGS) $(CPPFLAGS) $(CFLAGS) $(DEP_CFLAGS) -c -o $@ $<

# test builds check what the code assumes (jsonutil.h)
build/asan/%.o: generator/%.c generator/*/*.h | build/asan
	@mkdir -p $(@D)
	$(CC) $(STD_FLAGS) -O1 -g $(SAN) -DPLANPRESS_CHECKS $(DEP_CFLAGS) -c -o $@ $<

build/rel/theme_data.o build/asan/theme_data.o: build/theme_data.c
build/rel/theme_data.o: | build/rel
	$(CC) $(STD_FLAGS) $(CPPFLAGS) $(CFLAGS) -c -o $@ build/theme_data.c
build/asan/theme_data.o: | build/asan
	$(CC) $(STD_FLAGS) -O1 -g $(SAN) -c -o $@ build/theme_data.c

build/theme_data.c: build/embed-theme $(THEME_FILES)
	build/embed-theme $@ . $(THEME_FILES)

build/embed-theme: generator/template/embed-theme.c | build
	$(CC) $(STD_FLAGS) -O1 -o $@ $<

build build/rel build/asan:
	mkdir -p $@

build/asan/planpress: $(TEST_OBJS) | $(MO_FILES)
	$(CC) $(SAN) -o $@ $(TEST_OBJS) $(DEP_LIBS)

site: planpress
	./planpress build .

# --- tests -----------------------------------------------------------------

UNIT_TESTS := $(patsubst tests/unit/%.c,build/asan/%,$(wildcard tests/unit/*/test_*.c))
LIB_TEST_OBJS := $(filter-out build/asan/cmd/main.o,$(TEST_OBJS))

$(UNIT_TESTS): build/asan/%: tests/unit/%.c tests/unit/check.h $(LIB_TEST_OBJS)
	$(CC) $(STD_FLAGS) -O1 -g $(SAN) $(DEP_CFLAGS) -Itests/unit -o $@ $< $(LIB_TEST_OBJS) $(TEST_LIBS)

# memhint works on glibc's own malloc, which the sanitizers replace: its
# test also runs built without them
PLAIN_TESTS := build/rel/fast/test_memhint

build/rel/fast/test_memhint: tests/unit/fast/test_memhint.c tests/unit/check.h build/rel/fast/memhint.o
	@mkdir -p $(@D)
	$(CC) $(STD_FLAGS) $(CFLAGS) -Itests/unit -o $@ $< build/rel/fast/memhint.o -lpthread

# The speed code apart, in generator/fast/ (simd_scan.c: SSE2 scans;
# exit_keep.c: a big site not freed at exit; memhint.c), has a plain
# fallback (-DPLANPRESS_PLAIN): their unit tests and those of what uses the
# scans also run with it.
FALLBACK_SRCS := fast/simd_scan fast/exit_keep
FALLBACK_OBJS := $(filter-out $(FALLBACK_SRCS:%=build/asan/%.o),$(LIB_TEST_OBJS)) $(FALLBACK_SRCS:%=build/plain/%.o)
PLAIN_UNIT_TESTS := build/plain/fast/test_simd_scan build/plain/base/test_text \
	build/plain/template/test_mustache build/plain/fast/test_exit_keep
PLAIN_TESTS += $(PLAIN_UNIT_TESTS) build/plain/fast/test_memhint

build/plain:
	mkdir -p $@

build/plain/%.o: generator/%.c generator/*/*.h | build/plain
	@mkdir -p $(@D)
	$(CC) $(STD_FLAGS) -O1 -g $(SAN) -DPLANPRESS_CHECKS -DPLANPRESS_PLAIN -c -o $@ $<

# memhint's fallback under glibc's malloc: without the sanitizers
build/plain/fast/test_memhint: tests/unit/fast/test_memhint.c tests/unit/check.h generator/fast/memhint.c generator/fast/memhint.h | build/plain
	@mkdir -p $(@D)
	$(CC) $(STD_FLAGS) $(CFLAGS) -DPLANPRESS_PLAIN -Itests/unit -o $@ $< generator/fast/memhint.c -lpthread

$(PLAIN_UNIT_TESTS): build/plain/%: tests/unit/%.c tests/unit/check.h $(FALLBACK_OBJS)
	@mkdir -p $(@D)
	$(CC) $(STD_FLAGS) -O1 -g $(SAN) -DPLANPRESS_PLAIN $(DEP_CFLAGS) -Itests/unit -o $@ $< $(FALLBACK_OBJS) $(TEST_LIBS)

build/asan/mustache_spec: tests/mustache_spec.c | build/asan
	$(CC) $(STD_FLAGS) -D_DEFAULT_SOURCE -O1 -g $(SAN) $(DEP_CFLAGS) -o $@ $< $(DEP_LIBS)

test: test-deps planpress build/asan/planpress build/asan/mustache_spec $(UNIT_TESTS) $(PLAIN_TESTS)
	@MUSTACHE_SPEC="$(MUSTACHE_SPEC)" GFM_SPEC="$(GFM_SPEC)" PLANPRESS=build/asan/planpress \
	  UNIT_TESTS="$(UNIT_TESTS) $(PLAIN_TESTS)" sh tests/run.sh

bench: test-deps planpress
	@BENCH_DIR="$(BENCH_DIR)" sh tests/bench.sh

# --- fuzzing (libFuzzer: clang with ASan and UBSan) ------------------------
# make fuzz              builds build/fuzz/fuzz_NAME for every harness
# make fuzz-smoke        runs each for FUZZ_SECONDS (60) from tests/fuzz/corpus

FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZERS   := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_SAN  := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_OBJS := $(filter-out build/fuzz/cmd/main.o,$(patsubst generator/%.c,build/fuzz/%.o,$(SRCS))) build/fuzz/theme_data.o

build/fuzz:
	mkdir -p $@

build/fuzz/%.o: generator/%.c generator/*/*.h | build/fuzz
	@mkdir -p $(@D)
	$(FUZZ_CC) $(STD_FLAGS) -Wno-unused-command-line-argument -O1 -g $(FUZZ_SAN) -fsanitize=fuzzer-no-link -DPLANPRESS_CHECKS $(DEP_CFLAGS) -c -o $@ $<

build/fuzz/theme_data.o: build/theme_data.c | build/fuzz
	$(FUZZ_CC) $(STD_FLAGS) -O1 -c -o $@ $<

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_OBJS)
	$(FUZZ_CC) $(STD_FLAGS) -D_DEFAULT_SOURCE -O1 -g $(FUZZ_SAN) -fsanitize=fuzzer $(DEP_CFLAGS) -o $@ $< $(FUZZ_OBJS) $(DEP_LIBS)

.SECONDARY: $(FUZZ_OBJS)

fuzz: $(patsubst %,build/fuzz/fuzz_%,$(FUZZERS))

fuzz-smoke: fuzz
	@FUZZERS="$(FUZZERS)" FUZZ_SECONDS=$(FUZZ_SECONDS) sh tests/fuzz/run.sh

# --- install ---------------------------------------------------------------

install: planpress
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR) $(DESTDIR)$(DATADIR)/templates $(DESTDIR)$(DATADIR)/assets
	install -m 755 planpress $(DESTDIR)$(BINDIR)/planpress
	install -m 644 docs/planpress.1 $(DESTDIR)$(MANDIR)/planpress.1
	for f in $(THEME_FILES); do install -D -m 644 $$f $(DESTDIR)$(DATADIR)/$$f; done
	for l in $(LINGUAS); do install -D -m 644 build/locale/$$l/LC_MESSAGES/planpress.mo \
		$(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/planpress.mo; done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/planpress $(DESTDIR)$(MANDIR)/planpress.1
	rm -rf $(DESTDIR)$(DATADIR)
	for l in $(LINGUAS); do rm -f $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/planpress.mo; done

clean:
	rm -rf build planpress tests/out

# --- Debian package ----------------------------------------------------------
# `make deb` builds build/planpress_VERSION_ARCH.deb with debian/ (debhelper)
# and runs lintian on it, which must find no error. dpkg-buildpackage
# cleans the tree it builds in (make clean) and writes next to it, so it
# runs on a copy in build/deb/, and only the .deb is moved to build/.

# The version planpress --version prints is kept in generator/base/version.h
# only; the package's debian/changelog is written from it.
VERSION  := $(shell sed -n 's/^\#define PLANPRESS_VERSION "\(.*\)"/\1/p' generator/base/version.h)
DEB_ARCH  = $(call lazy,DEB_ARCH,$$(shell dpkg --print-architecture))
DEB_FILE  = build/planpress_$(VERSION)_$(DEB_ARCH).deb
DEB_TREE := build/deb/planpress-$(VERSION)
DEB_JOBS ?= 2

# debian/changelog gets one entry that says which tree the package was
# built from. Its date (the last commit's, in a git clone) is the one the
# package's files get (SOURCE_DATE_EPOCH): one commit, one .deb.
deb: deb-deps
	@grep -q '"planpress $(VERSION)"' docs/planpress.1 || \
		{ echo "docs/planpress.1: its .TH line does not say planpress $(VERSION) (generator/base/version.h)" >&2; exit 1; }
	rm -rf build/deb $(DEB_FILE)
	mkdir -p $(DEB_TREE)
	cp -R Makefile README.md generator templates assets docs po debian $(DEB_TREE)/
	{ printf 'planpress (%s) unstable; urgency=medium\n\n' '$(VERSION)'; \
	  printf '  * planpress %s built from its source tree by make deb%s.\n\n' '$(VERSION)' \
	    "$$(git describe --always --dirty 2>/dev/null | sed 's/^/ (git /; s/$$/)/')"; \
	  printf ' -- %s  %s\n' "$$(sed -n 's/^Maintainer: //p' debian/control)" \
	    "$$(LC_ALL=C git log -1 --date='format:%a, %d %b %Y %H:%M:%S %z' --format=%cd 2>/dev/null || \
	        date -R -r generator/base/version.h)"; \
	} > $(DEB_TREE)/debian/changelog
	cd $(DEB_TREE) && dpkg-buildpackage --build=binary --no-sign -j$(DEB_JOBS)
	mv build/deb/$(notdir $(DEB_FILE)) $(DEB_FILE)
	lintian --display-info --fail-on error $(DEB_FILE)
	@echo "built $(DEB_FILE)"

# An object that links, by soname, the libraries planpress loads with
# dlopen (generator/base/dynlib.c) and refers to each symbol it looks up in
# them (the dynlib_sym tables of feeds.c, linkcheck.c, serve.c and odt.c), so
# that dpkg-shlibdeps can name their packages (debian/rules).
DLOPEN_SRCS := generator/forms/feeds.c generator/cmd/linkcheck.c generator/cmd/serve.c generator/forms/odt.c
DLOPEN_SYMS = $(sort $(shell sed -n 's/^[[:space:]]*{"\([A-Za-z_][A-Za-z0-9_]*\)", &.*/\1/p' $(DLOPEN_SRCS)))
build/dlopen-deps.so: $(DLOPEN_SRCS) | build
	@test -n "$(DLOPEN_SYMS)" || { echo "no dynlib_sym names found in $(DLOPEN_SRCS)" >&2; exit 1; }
	{ for s in $(DLOPEN_SYMS); do echo "extern char $$s[];"; done; \
	  echo "void *const planpress_dlopen_syms[] = {"; \
	  for s in $(DLOPEN_SYMS); do echo "	$$s,"; done; \
	  echo "};"; } > build/dlopen-deps.c
	$(CC) -shared -fPIC -Wl,--no-undefined -Wl,--no-as-needed -o $@ build/dlopen-deps.c \
		-l:$(LIBXML2_SONAME) -l:$(MHD_SONAME) -l:$(LIBZIP_SONAME)

# --- packages ----------------------------------------------------------------
# `make deps` installs what building and running planpress needs (root, or
# sudo): the compiler, the libraries' -dev packages, gettext (msgfmt makes
# the message catalogues), and WeasyPrint with a font for `build --pdf`. `make test-deps` installs what only the tests and
# the benchmark use; `make test` calls it, and it installs nothing when
# everything is there.
# The first list is also debian/control's Build-Depends.
DEB_BUILD_PACKAGES := build-essential pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev \
	libcsv-dev libxml2-dev libyaml-dev libinih-dev libjson-c-dev libmicrohttpd-dev libzip-dev gettext
# PDFs: WeasyPrint 57 or later, the print typeface Open Sans, DejaVu Sans for
# the characters Open Sans lacks, and Swedish hyphenation for pyphen
DEB_PACKAGES := $(DEB_BUILD_PACKAGES) weasyprint fonts-open-sans fonts-dejavu-core hyphen-sv
# locales: the sources of the sv_SE.UTF-8 locale that the tests make with
# localedef, to run planpress in Swedish (tests/sv-locale.sh)
# python3-pikepdf: tests/pdf_check.py reads the PDFs' structure tree and
# PDF/A metadata
# libreoffice-writer-nogui: tests/odt.sh converts the ODT files to PDF and
# checks their text and figures (without its recommends: no GUI, no Java);
# libxml2-utils: xmllint, unzip: the .odt's parts
TEST_DEB_PACKAGES := python3 poppler-utils chromium clang libclang-rt-14-dev valgrind hugo time cmark-gfm \
	locales python3-pikepdf libreoffice-writer-nogui libxml2-utils unzip

# apt_install(PACKAGES): installs those not installed yet, as root or
# through sudo.
apt_install = missing=$$(for p in $(1); do dpkg-query -W -f='$${db:Status-Status}\n' $$p 2>/dev/null | \
		grep -qx installed || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		echo "installing:" $$missing; \
		$$SUDO apt-get update && $$SUDO apt-get install -y --no-install-recommends $$missing; \
	fi

# Pagefind makes the search index (generator/cmd/search.h): the npm package's
# binary, pinned by tools/package-lock.json, run without Node.js from
# tools/node_modules; npm comes from Debian unless the machine has one.
PAGEFIND_CI = if [ ! -f tools/node_modules/.package-lock.json ] || \
	    [ tools/package-lock.json -nt tools/node_modules/.package-lock.json ]; then \
		cd tools && npm ci --no-audit --no-fund; fi

deps:
	@$(call apt_install,$(DEB_PACKAGES))
	@command -v npm >/dev/null || { $(call apt_install,nodejs npm); }
	@$(PAGEFIND_CI)

# `make deb` needs debhelper and lintian besides what builds planpress
# (dpkg-dev comes with build-essential); no fakeroot: Rules-Requires-Root: no.
deb-deps:
	@$(call apt_install,$(DEB_BUILD_PACKAGES) debhelper lintian)

# npm comes with Node.js from Debian unless the machine has one already.
# axe-core, playwright-core and html-validate are pinned by package-lock.json;
# playwright-core at 1.61, the last that runs on Debian 12's Node.js 18.
# clang's fuzzer and sanitizer runtimes are in libclang-rt-14-dev.
test-deps:
	@$(call apt_install,$(TEST_DEB_PACKAGES))
	@command -v npm >/dev/null || { $(call apt_install,nodejs npm); }
	@if [ ! -f tests/a11y/node_modules/.package-lock.json ] || \
	    [ tests/a11y/package-lock.json -nt tests/a11y/node_modules/.package-lock.json ]; then \
		cd tests/a11y && npm ci --no-audit --no-fund; fi
	@$(PAGEFIND_CI)
