# tiku -- a plain Makefile: no configure step, pkg-config for every library.
#
#   make            build ./tiku
#   make deps       install missing build and test dependencies (Debian, as root)
#   make check      deps, build, every test
#   make sanitize   the whole suite under ASan + UBSan
#   make demo       deps, build, then the main job on the shipped bank
#   make bench      figures on a synthetic bank

PKGS     = libxml-2.0 libarchive lua5.4 sqlite3 pangocairo fontconfig libsodium libedit
CC      ?= cc
CFLAGS  ?= -O2 -g
WFLAGS   = -Wall -Wextra -Werror -std=c11 -D_GNU_SOURCE
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
ALL_CFLAGS = $(WFLAGS) $(CFLAGS) $(PKG_CFLAGS) -Ieditor
LIBS     = $(PKG_LIBS) -lm -pthread

BUILD    = build
# V=1 shows the full commands
Q        = $(if $(V),,@)
say      = $(if $(V),,@echo "  $(1)	$(2)";)
CORE     = error util diag xml standard item bank fts row csv text importer lint coverage command \
           form edit blueprint paper assemble validate batch compose render sign pack seal \
           lua_tiku lua_sandbox lua_cli
CORE_OBJ = $(CORE:%=$(BUILD)/%.o) $(BUILD)/embedded.o
MAIN_OBJ = $(BUILD)/main.o
EMBED    = $(wildcard schema/*.rng) $(wildcard lua/tiku/*.lua)

TEST_SRC = $(wildcard tests/c/test_*.c)
TEST_OBJ = $(TEST_SRC:tests/c/%.c=$(BUILD)/tests/%.o)

.PHONY: all deps check test sanitize test-san valgrind demo bench clean

all: tiku

# ./tiku is the normal build; sanitizer builds live in build-san/ only.
tiku: $(BUILD)/tiku
	$(Q)cp $< $@

$(BUILD)/tiku: $(CORE_OBJ) $(MAIN_OBJ)
	$(call say,LINK,$@)$(CC) $(ALL_CFLAGS) -o $@ $^ $(LIBS) $(LDFLAGS)

$(BUILD)/%.o: editor/%.c editor/*.h | $(BUILD)
	$(call say,CC,$@)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/embed: tools/embed.c | $(BUILD)
	$(call say,CC,$@)$(CC) -O1 -Wall -Wextra -Werror -o $@ $<

$(BUILD)/embedded.c: $(BUILD)/embed $(EMBED)
	$(call say,EMBED,$@)$(BUILD)/embed $@ $(foreach f,$(EMBED),$(f)=$(f))

$(BUILD)/embedded.o: $(BUILD)/embedded.c editor/embedded.h
	$(call say,CC,$@)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD) $(BUILD)/tests:
	$(Q)mkdir -p $@

# C unit tests: every TEST(name) in tests/c/test_*.c, listed by grep.
$(BUILD)/tests/list.h: $(TEST_SRC) | $(BUILD)/tests
	$(Q)grep -ho '^TEST([a-z0-9_]*)' $(TEST_SRC) | sed 's/^TEST(\(.*\))/X(\1)/' > $@

$(BUILD)/tests/%.o: tests/c/%.c tests/c/test.h editor/*.h | $(BUILD)/tests
	$(call say,CC,$@)$(CC) $(ALL_CFLAGS) -Itests/c -c -o $@ $<

$(BUILD)/tests/runner.o: tests/c/runner.c tests/c/test.h $(BUILD)/tests/list.h
	$(call say,CC,$@)$(CC) $(ALL_CFLAGS) -Itests/c -I$(BUILD)/tests -c -o $@ $<

$(BUILD)/unit: $(CORE_OBJ) $(TEST_OBJ) $(BUILD)/tests/runner.o
	$(call say,LINK,$@)$(CC) $(ALL_CFLAGS) -o $@ $^ $(LIBS) $(LDFLAGS)

# a test tool: page images compared within a tolerance
$(BUILD)/pngdiff: tests/tools/pngdiff.c | $(BUILD)
	$(call say,LINK,$@)$(CC) $(ALL_CFLAGS) -o $@ $< $(LIBS) $(LDFLAGS)

deps:
	@sh tools/deps.sh

test: $(BUILD)/tiku $(BUILD)/unit $(BUILD)/pngdiff tiku
	@TIKU=$(CURDIR)/$(BUILD)/tiku TIKU_UNIT=$(CURDIR)/$(BUILD)/unit \
	    PNGDIFF=$(CURDIR)/$(BUILD)/pngdiff sh tests/run.sh

check: deps
	@$(MAKE) --no-print-directory test

SAN_FLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

sanitize: deps
	@$(MAKE) --no-print-directory BUILD=build-san CFLAGS="-O1 -g $(SAN_FLAGS)" \
	    LDFLAGS="$(SAN_FLAGS)" test-san

test-san: $(BUILD)/tiku $(BUILD)/unit $(BUILD)/pngdiff
	@TIKU=$(CURDIR)/$(BUILD)/tiku TIKU_UNIT=$(CURDIR)/$(BUILD)/unit \
	    PNGDIFF=$(CURDIR)/$(BUILD)/pngdiff \
	    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	    LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	    sh tests/run.sh

# valgrind over the unit tests and a CLI run (slow; not part of check)
valgrind: $(BUILD)/tiku $(BUILD)/unit $(BUILD)/pngdiff
	@PNGDIFF=$(CURDIR)/$(BUILD)/pngdiff TIKU_UNIT_QUICK=1 TIKU="valgrind -q --suppressions=$(CURDIR)/tests/valgrind.supp --error-exitcode=99 --leak-check=full --show-possibly-lost=no --errors-for-leak-kinds=definite $(CURDIR)/$(BUILD)/tiku" \
	    TIKU_UNIT="valgrind -q --suppressions=$(CURDIR)/tests/valgrind.supp --error-exitcode=99 --leak-check=full --show-possibly-lost=no --errors-for-leak-kinds=definite $(CURDIR)/$(BUILD)/unit" \
	    sh tests/run.sh

demo: deps
	@$(MAKE) --no-print-directory tiku
	@sh tools/demo.sh

bench: $(BUILD)/tiku $(BUILD)/synth
	@TIKU=$(CURDIR)/$(BUILD)/tiku SYNTH=$(CURDIR)/$(BUILD)/synth sh bench/run.sh

$(BUILD)/synth: bench/synth.c $(CORE_OBJ)
	$(call say,LINK,$@)$(CC) $(ALL_CFLAGS) -o $@ $^ $(LIBS) $(LDFLAGS)

clean:
	rm -rf build build-san tiku
