# tiku -- a plain Makefile: no configure step, pkg-config for every library.
#
#   make            build ./tiku
#   make deps       install missing build and test dependencies (Debian, as root)
#   make check      deps, build, every test
#   make sanitize   the whole suite under ASan + UBSan
#   make demo       deps, build, then the main job on the shipped bank
#   make bench      figures on a synthetic bank
#   make fuzz       every reader of outside input under libFuzzer (FUZZ_SECONDS each)
#   make install    the binary and its translations under PREFIX (/usr/local)
#   make po         add new messages to po/*.po for translation
#   make images     draw the sample items' pictures again (banks/miit-kflxzxs/tools)

# libcmark-gfm's .pc file links its extensions (tables) too
PKGS     = libxml-2.0 libarchive lua5.4 sqlite3 pangocairo fontconfig libsodium libedit \
           libcmark-gfm
CC      ?= cc
CFLAGS  ?= -O2 -g
WFLAGS   = -Wall -Wextra -Werror -std=c11 -D_GNU_SOURCE
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
LIBS     = $(PKG_LIBS) -lm -pthread

# The layers, lowest first.  Each sees only its own headers and those of
# the layers below: the compiler enforces the direction of dependencies
# (tools/layers.sh checks the include lines too).
INC_CORE   = -Ieditor -Ieditor/import
INC_EXPORT = $(INC_CORE) -Iexport
INC_LUA    = $(INC_EXPORT) -Ilua
INC_ALL    = $(INC_LUA) -Icli
ALL_CFLAGS = $(WFLAGS) $(CFLAGS) $(PKG_CFLAGS)

BUILD    = build
# V=1 shows the full commands
Q        = $(if $(V),,@)
say      = $(if $(V),,@echo "  $(1)	$(2)";)

CORE_SRC   = $(wildcard editor/*.c editor/import/*.c)
EXPORT_SRC = $(wildcard export/*.c)
LUA_SRC    = $(wildcard lua/*.c)
CLI_SRC    = $(wildcard cli/*.c)
LIB_OBJ    = $(CORE_SRC:%.c=$(BUILD)/%.o) $(EXPORT_SRC:%.c=$(BUILD)/%.o) \
             $(LUA_SRC:%.c=$(BUILD)/%.o) $(BUILD)/embedded.o
CLI_OBJ    = $(CLI_SRC:%.c=$(BUILD)/%.o)
LIB        = $(BUILD)/libtiku.a
HDR_CORE   = $(wildcard editor/*.h editor/import/*.h)
HDR_ALL    = $(HDR_CORE) $(wildcard export/*.h lua/*.h cli/*.h)
EMBED      = $(wildcard schema/*.rng) $(wildcard lua/tiku/*.lua) $(wildcard export/web/*.html export/web/*.js export/web/*.css)

# translations: po/LANG.po, compiled to BUILD/locale, where the binary
# finds them beside itself; installed under PREFIX/share/locale
PREFIX    ?= /usr/local
LOCALEDIR  = $(PREFIX)/share/locale
PO         = $(wildcard po/*.po)
MO         = $(PO:po/%.po=$(BUILD)/locale/%/LC_MESSAGES/tiku.mo)

TEST_SRC = $(wildcard tests/c/test_*.c)
TEST_OBJ = $(TEST_SRC:tests/c/%.c=$(BUILD)/tests/%.o)

.PHONY: all deps check test sanitize test-san valgrind demo bench clean install po fuzz fuzz-run \
	images

all: tiku

# ./tiku is the normal build; sanitizer builds live in build-san/ only.
tiku: $(BUILD)/tiku $(MO)
	$(Q)cp $< $@

$(BUILD)/locale/%/LC_MESSAGES/tiku.mo: po/%.po
	$(Q)mkdir -p $(dir $@)
	$(call say,MSGFMT,$@)msgfmt --check -o $@ $<

# after changing messages: add them to po/*.po, to be translated
po:
	@sh tools/po.sh update

install: $(BUILD)/tiku $(MO)
	install -D -m 755 $(BUILD)/tiku $(DESTDIR)$(PREFIX)/bin/tiku
	$(foreach m,$(MO),install -D -m 644 $(m) $(DESTDIR)$(LOCALEDIR)/$(m:$(BUILD)/locale/%=%);)

$(BUILD)/tiku: $(CLI_OBJ) $(LIB)
	$(call say,LINK,$@)$(CC) $(ALL_CFLAGS) -o $@ $(CLI_OBJ) $(LIB) $(LIBS) $(LDFLAGS)

# the core, the exporters and the Lua binding: one static library
$(LIB): $(LIB_OBJ)
	$(Q)rm -f $@
	$(call say,AR,$@)$(AR) rcs $@ $^

$(BUILD)/editor/%.o: editor/%.c $(HDR_CORE)
	$(Q)mkdir -p $(dir $@)
	$(call say,CC,$@)$(CC) $(ALL_CFLAGS) $(INC_CORE) -DTK_LOCALEDIR='"$(LOCALEDIR)"' -c -o $@ $<

$(BUILD)/export/%.o: export/%.c $(HDR_CORE) $(wildcard export/*.h)
	$(Q)mkdir -p $(dir $@)
	$(call say,CC,$@)$(CC) $(ALL_CFLAGS) $(INC_EXPORT) -c -o $@ $<

$(BUILD)/lua/%.o: lua/%.c $(HDR_CORE) $(wildcard export/*.h lua/*.h)
	$(Q)mkdir -p $(dir $@)
	$(call say,CC,$@)$(CC) $(ALL_CFLAGS) $(INC_LUA) -c -o $@ $<

$(BUILD)/cli/%.o: cli/%.c $(HDR_ALL)
	$(Q)mkdir -p $(dir $@)
	$(call say,CC,$@)$(CC) $(ALL_CFLAGS) $(INC_ALL) -c -o $@ $<

$(BUILD)/embed: tools/embed.c | $(BUILD)
	$(call say,CC,$@)$(CC) -O1 -Wall -Wextra -Werror -o $@ $<

$(BUILD)/embedded.c: $(BUILD)/embed $(EMBED)
	$(call say,EMBED,$@)$(BUILD)/embed $@ $(foreach f,$(EMBED),$(f)=$(f))

$(BUILD)/embedded.o: $(BUILD)/embedded.c editor/embedded.h
	$(call say,CC,$@)$(CC) $(ALL_CFLAGS) $(INC_CORE) -c -o $@ $<

$(BUILD) $(BUILD)/tests:
	$(Q)mkdir -p $@

# C unit tests: every TEST(name) in tests/c/test_*.c, listed by grep.
$(BUILD)/tests/list.h: $(TEST_SRC) | $(BUILD)/tests
	$(Q)grep -ho '^TEST([a-z0-9_]*)' $(TEST_SRC) | sed 's/^TEST(\(.*\))/X(\1)/' > $@

$(BUILD)/tests/%.o: tests/c/%.c tests/c/test.h $(HDR_ALL) | $(BUILD)/tests
	$(call say,CC,$@)$(CC) $(ALL_CFLAGS) $(INC_LUA) -Itests/c -c -o $@ $<

$(BUILD)/tests/runner.o: tests/c/runner.c tests/c/test.h $(BUILD)/tests/list.h
	$(call say,CC,$@)$(CC) $(ALL_CFLAGS) $(INC_LUA) -Itests/c -I$(BUILD)/tests -c -o $@ $<

$(BUILD)/unit: $(TEST_OBJ) $(BUILD)/tests/runner.o $(LIB)
	$(call say,LINK,$@)$(CC) $(ALL_CFLAGS) -o $@ $^ $(LIBS) $(LDFLAGS)

# a test tool: page images compared within a tolerance
$(BUILD)/pngdiff: tests/tools/pngdiff.c | $(BUILD)
	$(call say,LINK,$@)$(CC) $(ALL_CFLAGS) $(INC_CORE) -o $@ $< $(LIBS) $(LDFLAGS)

# the pictures the sample items show, drawn by the project (tests check
# that the committed PNGs are what the tool draws)
$(BUILD)/mkimages: banks/miit-kflxzxs/tools/mkimages.c | $(BUILD)
	$(call say,LINK,$@)$(CC) $(ALL_CFLAGS) -o $@ $< $(LIBS) $(LDFLAGS)

images: $(BUILD)/mkimages
	$(BUILD)/mkimages banks/miit-kflxzxs/items/images

deps:
	@sh tools/deps.sh

test: $(BUILD)/tiku $(MO) $(BUILD)/unit $(BUILD)/pngdiff $(BUILD)/synth tiku
	@TIKU=$(CURDIR)/$(BUILD)/tiku TIKU_UNIT=$(CURDIR)/$(BUILD)/unit \
	    PNGDIFF=$(CURDIR)/$(BUILD)/pngdiff SYNTH=$(CURDIR)/$(BUILD)/synth sh tests/run.sh

check: deps
	@$(MAKE) --no-print-directory test

SAN_FLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

sanitize: deps
	@$(MAKE) --no-print-directory BUILD=build-san CFLAGS="-O1 -g $(SAN_FLAGS)" \
	    LDFLAGS="$(SAN_FLAGS)" test-san

test-san: $(BUILD)/tiku $(MO) $(BUILD)/unit $(BUILD)/pngdiff $(BUILD)/synth
	@TIKU=$(CURDIR)/$(BUILD)/tiku TIKU_UNIT=$(CURDIR)/$(BUILD)/unit \
	    PNGDIFF=$(CURDIR)/$(BUILD)/pngdiff SYNTH=$(CURDIR)/$(BUILD)/synth \
	    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	    LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	    sh tests/run.sh

# libFuzzer harnesses of every reader of outside input (tests/fuzz), built
# with clang under ASan + UBSan; each runs FUZZ_SECONDS from its seed corpus
FUZZ_CC      ?= clang
FUZZ_FLAGS    = -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined \
                -fno-sanitize-recover=all
FUZZ_SECONDS ?= 60
FUZZ_SRC      = $(wildcard tests/fuzz/fuzz_*.c)

fuzz: deps
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=$(FUZZ_CC) \
	    CFLAGS="$(FUZZ_FLAGS) -fsanitize=fuzzer-no-link" LDFLAGS="$(FUZZ_FLAGS)" fuzz-run

fuzz-run: $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzz/%)
	@ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	    sh tests/fuzz/run.sh $(BUILD)/fuzz $(FUZZ_SECONDS)

$(BUILD)/fuzz/%: tests/fuzz/%.c tests/fuzz/fuzz.h $(LIB)
	$(Q)mkdir -p $(dir $@)
	$(call say,LINK,$@)$(CC) $(ALL_CFLAGS) $(INC_LUA) -fsanitize=fuzzer -o $@ $< $(LIB) \
	    $(LIBS) $(LDFLAGS)

# valgrind over the unit tests and a CLI run (slow; not part of check)
valgrind: $(BUILD)/tiku $(MO) $(BUILD)/unit $(BUILD)/pngdiff $(BUILD)/synth
	@PNGDIFF=$(CURDIR)/$(BUILD)/pngdiff SYNTH=$(CURDIR)/$(BUILD)/synth TIKU_UNIT_QUICK=1 TIKU="valgrind -q --suppressions=$(CURDIR)/tests/valgrind.supp --error-exitcode=99 --leak-check=full --show-possibly-lost=no --errors-for-leak-kinds=definite $(CURDIR)/$(BUILD)/tiku" \
	    TIKU_UNIT="valgrind -q --suppressions=$(CURDIR)/tests/valgrind.supp --error-exitcode=99 --leak-check=full --show-possibly-lost=no --errors-for-leak-kinds=definite $(CURDIR)/$(BUILD)/unit" \
	    sh tests/run.sh

demo: deps
	@$(MAKE) --no-print-directory tiku
	@sh tools/demo.sh

bench: $(BUILD)/tiku $(BUILD)/synth
	@TIKU=$(CURDIR)/$(BUILD)/tiku SYNTH=$(CURDIR)/$(BUILD)/synth sh bench/run.sh

$(BUILD)/synth: bench/synth.c $(LIB) $(HDR_CORE) $(wildcard export/*.h)
	$(call say,LINK,$@)$(CC) $(ALL_CFLAGS) $(INC_EXPORT) -o $@ $< $(LIB) $(LIBS) $(LDFLAGS)

clean:
	rm -rf build build-san build-fuzz tiku
