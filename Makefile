# warroom: a terminal war room for incident response.
#   make            build ./warroom and ./warroom-agent
#   make test       the everyday tests
#   make demo       a live demo incident     make check-full   + the slow ones
#   make asan       unit tests, sanitized
#   make install    PREFIX=/usr/local DESTDIR=   make bench / stress / fuzz
#   make deb        a Debian package in build/deb/

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
SHAREDIR ?= $(PREFIX)/share/warroom
MANDIR ?= $(PREFIX)/share/man
UNITDIR ?= $(PREFIX)/lib/systemd/system
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/vendor-completions
FISHCOMPDIR ?= $(PREFIX)/share/fish/vendor_completions.d
O ?= build
# V=1 shows the whole command lines.
Q = $(if $(V),,@)

CC ?= cc
PKGS = ncursesw sqlite3 libcurl libcjson
# warroom (the screens and every command but the two below) links no
# network code; warroom-agent (the agent and config check) no curses.
LEAN_PKGS = ncursesw sqlite3 libcjson
AGENT_PKGS = sqlite3 libcurl libcjson
CFLAGS ?= -O2 -g
WARN = -std=c11 -Wall -Wextra -Wpedantic -Werror -Wformat=2 \
	-Wmissing-prototypes -Wstrict-prototypes -Wwrite-strings -Wshadow \
	-Wpointer-arith -Wundef -Wvla
# Expanded when a recipe runs, after `deps` has installed pkg-config & co.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS = $(shell pkg-config --libs $(PKGS)) -lm
LEAN_LIBS = $(shell pkg-config --libs $(LEAN_PKGS)) -lm
AGENT_LIBS = $(shell pkg-config --libs $(AGENT_PKGS)) -lm
ALL_CPPFLAGS = -D_GNU_SOURCE -Icore -Itui -DWARROOM_SHAREDIR='"$(SHAREDIR)"' $(CPPFLAGS)
ALL_CFLAGS = $(WARN) $(CFLAGS) $(SANFLAGS)

CORE_SRC := $(wildcard core/*/*.c)
TUI_SRC := $(wildcard tui/*/*.c)
CORE_OBJ := $(CORE_SRC:%.c=$(O)/%.o)
TUI_OBJ := $(TUI_SRC:%.c=$(O)/%.o)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(O)/tests/%)
TUI_LIB_OBJ := $(filter-out $(O)/tui/screen/main.o,$(TUI_OBJ))
# What only warroom-agent links: the agent (but for its query check,
# agent/query.c, which `metric add` uses), the commands that reach the
# network, and its main. Tests, fuzzers and the bench link the rest of core/
# (CORE_LIB_OBJ: everything but the main) and may reach the network.
AGENT_MAIN_OBJ := $(O)/core/cli/main_agent.o
NET_OBJ := $(filter-out $(O)/core/agent/query.o,\
	$(filter $(O)/core/agent/%,$(CORE_OBJ))) \
	$(O)/core/cli/cmd_agent.o $(O)/core/cli/cmd_config.o $(AGENT_MAIN_OBJ)
LEAN_OBJ := $(filter-out $(NET_OBJ),$(CORE_OBJ)) $(TUI_OBJ)
CORE_LIB_OBJ := $(filter-out $(AGENT_MAIN_OBJ),$(CORE_OBJ))

all: warroom warroom-agent

.PHONY: FORCE all deps test-deps demo test check-full unit asan check install uninstall \
	clean bench bench-driver stress fuzz fuzz-build fuzz-bins replay-bins \
	format warroom warroom-agent deb test-build-plain test-build-asan
.SUFFIXES:

deps:
	@sh .ci/deps.sh build

test-deps:
	@sh .ci/deps.sh test

# ./warroom runs ./warroom-agent beside it: `make warroom` builds both.
warroom: $(O)/warroom $(O)/warroom-agent
	@cp -f $(O)/warroom $@
	@cp -f $(O)/warroom-agent $@-agent

warroom-agent: warroom

# Each binary is built with the other beside it (warroom execs its sibling
# for agent and config).
$(O)/warroom: $(LEAN_OBJ) | $(O)/warroom-agent
	@echo "  LD    $@"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDFLAGS) $(LEAN_LIBS)

$(O)/warroom-agent: $(CORE_OBJ)
	@echo "  LD    $@"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDFLAGS) $(AGENT_LIBS)

# Objects depend on the flags they were built with (PREFIX is compiled in).
FLAGS_LINE = $(ALL_CPPFLAGS) $(ALL_CFLAGS)
$(O)/flags.stamp: FORCE
	@mkdir -p $(@D)
	@echo '$(FLAGS_LINE)' | cmp -s - $@ || echo '$(FLAGS_LINE)' >$@
FORCE:

$(CORE_OBJ) $(TUI_OBJ): $(O)/flags.stamp

$(O)/%.o: %.c | deps
	@mkdir -p $(@D)
	@echo "  CC    $<"
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(PKG_CFLAGS) -MMD -MP -c -o $@ $<

# Unit tests link core/ (and tui/ without main) with cmocka.
$(O)/tests/test_%: tests/unit/test_%.c $(CORE_LIB_OBJ) $(TUI_LIB_OBJ) | test-deps
	@mkdir -p $(@D)
	@echo "  TEST  $@"
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(PKG_CFLAGS) -MMD -MP \
		-o $@ $< $(CORE_LIB_OBJ) $(TUI_LIB_OBJ) $(LDFLAGS) $(PKG_LIBS) -lcmocka

unit: $(UNIT_BIN)

# Fuzz harnesses: every tests/fuzz/fuzz_NAME.c links all of core/ (and tui/
# without main, for the theme parser), built with clang and libFuzzer in
# build/fuzz (tests/fuzz/run.sh calls fuzz-build).
FUZZ_SRC := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BIN := $(FUZZ_SRC:tests/fuzz/%.c=$(O)/%)
FUZZ_SAN = -fsanitize=fuzzer-no-link,address,undefined \
	-fno-omit-frame-pointer -fno-sanitize-recover=all

$(O)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(CORE_LIB_OBJ) $(TUI_LIB_OBJ) \
		| test-deps
	@echo "  LD    $@"
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(PKG_CFLAGS) -MMD -MP \
		-fsanitize=fuzzer -o $@ $< $(CORE_LIB_OBJ) $(TUI_LIB_OBJ) $(LDFLAGS) \
		$(PKG_LIBS)

fuzz-bins: $(FUZZ_BIN)

# The same harnesses with a plain main() that replays files (tests/fuzz/
# replay.c): make test replays the corpus with gcc's sanitizer build.
REPLAY_BIN := $(FUZZ_SRC:tests/fuzz/fuzz_%.c=$(O)/replay_%)
$(O)/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/fuzz/fuzz.h \
		$(CORE_LIB_OBJ) $(TUI_LIB_OBJ) | test-deps
	@echo "  LD    $@"
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(PKG_CFLAGS) -MMD -MP \
		-Wno-missing-prototypes -o $@ $< tests/fuzz/replay.c \
		$(CORE_LIB_OBJ) $(TUI_LIB_OBJ) $(LDFLAGS) $(PKG_LIBS)

replay-bins: $(REPLAY_BIN)

fuzz-build:
	@$(MAKE) -j2 --no-print-directory O=build/fuzz CC=clang CFLAGS="-O1 -g" \
		SANFLAGS="$(FUZZ_SAN)" fuzz-bins

# The sanitizer build lives in its own object folder. float-cast-overflow is
# not part of gcc's "undefined": a NaN or 1e308 from a metric source turned
# into an integer must be caught too.
ASAN_FLAGS = -fsanitize=address,undefined,float-cast-overflow \
	-fno-omit-frame-pointer -fno-sanitize-recover=all
asan:
	@$(MAKE) -j2 --no-print-directory O=build/asan \
		SANFLAGS="$(ASAN_FLAGS)" CFLAGS="-O1 -g" build/asan/warroom unit
	@WR_ONLY=asan sh tests/run.sh

check:
	@python3 .ci/layers.py
	@python3 .ci/funclen.py
	@! grep -n -E '\b(sprintf|vsprintf|strcpy|strcat|gets|stpcpy)[[:space:]]*\(' \
		core/*/*.[ch] tui/*/*.[ch] \
		|| { echo "unbounded string function: use snprintf and lengths"; exit 1; }

# make test: the everyday loop (under 6 minutes on 2 cores): unit tests
# plain and sanitized, integration and screen tests, a short fuzz replay.
# The plain and the sanitized build share one pool of two jobs, so both
# cores stay busy to the end (neither waits on the other's last links).
test: test-deps check
	@$(MAKE) -j2 --no-print-directory test-build-plain test-build-asan
	@sh tests/run.sh

test-build-plain:
	+@$(MAKE) --no-print-directory warroom unit
test-build-asan:
	+@$(MAKE) --no-print-directory O=build/asan \
		SANFLAGS="$(ASAN_FLAGS)" CFLAGS="-O1 -g" build/asan/warroom \
		build/asan/warroom-agent unit replay-bins

# make check-full: what make test leaves out because it is slow: the unit
# tests under valgrind, the install and benchmark smoke tests, long fuzzing.
check-full: test-deps check
	@$(MAKE) -j2 --no-print-directory warroom unit bench-driver
	@$(MAKE) --no-print-directory fuzz-build
	@WR_SUITE=full sh tests/run.sh

demo: warroom
	./warroom demo

# The benchmark driver links core/ (its writer and generator use the store
# API) and forkpty's libutil.
$(O)/bench/wrbench: bench/wrbench.c $(CORE_LIB_OBJ) | deps
	@mkdir -p $(@D)
	@echo "  LD    $@"
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(PKG_CFLAGS) -MMD -MP -o $@ \
		$< $(CORE_LIB_OBJ) $(LDFLAGS) $(PKG_LIBS) -lutil

bench-driver: $(O)/bench/wrbench

bench: warroom bench-driver
	@sh .ci/deps.sh bench
	@sh bench/run.sh

stress: warroom
	@sh tests/stress.sh

fuzz:
	@sh .ci/deps.sh test
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS)

install: $(O)/warroom $(O)/warroom-agent
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(SHAREDIR)/themes \
		$(DESTDIR)$(MANDIR)/man1
	install -m 755 $(O)/warroom $(DESTDIR)$(BINDIR)/warroom
	install -m 755 $(O)/warroom-agent $(DESTDIR)$(BINDIR)/warroom-agent
	install -m 644 themes/*.theme $(DESTDIR)$(SHAREDIR)/themes/ 2>/dev/null || true
	[ ! -d checklists ] || { install -d $(DESTDIR)$(SHAREDIR)/checklists && \
		install -m 644 checklists/* $(DESTDIR)$(SHAREDIR)/checklists/; }
	[ ! -f docs/warroom.1 ] || install -m 644 docs/warroom.1 $(DESTDIR)$(MANDIR)/man1/
	install -d $(DESTDIR)$(UNITDIR)
	sed 's|@BINDIR@|$(BINDIR)|g' docs/warroom-agent.service.in \
		>$(DESTDIR)$(UNITDIR)/warroom-agent.service
	chmod 644 $(DESTDIR)$(UNITDIR)/warroom-agent.service
	install -d $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) \
		$(DESTDIR)$(FISHCOMPDIR)
	$(O)/warroom completion bash >$(DESTDIR)$(BASHCOMPDIR)/warroom
	$(O)/warroom completion zsh >$(DESTDIR)$(ZSHCOMPDIR)/_warroom
	$(O)/warroom completion fish >$(DESTDIR)$(FISHCOMPDIR)/warroom.fish
	chmod 644 $(DESTDIR)$(BASHCOMPDIR)/warroom $(DESTDIR)$(ZSHCOMPDIR)/_warroom \
		$(DESTDIR)$(FISHCOMPDIR)/warroom.fish

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/warroom $(DESTDIR)$(BINDIR)/warroom-agent \
		$(DESTDIR)$(MANDIR)/man1/warroom.1 \
		$(DESTDIR)$(UNITDIR)/warroom-agent.service \
		$(DESTDIR)$(BASHCOMPDIR)/warroom $(DESTDIR)$(ZSHCOMPDIR)/_warroom \
		$(DESTDIR)$(FISHCOMPDIR)/warroom.fish
	rm -rf $(DESTDIR)$(SHAREDIR)

# make deb: dpkg-buildpackage on a copy of the tree (the build never
# writes into the source tree); the .deb and its .buildinfo/.changes land
# in build/deb/. debian/rules builds with make install DESTDIR.
DEBDIR = $(abspath $(O))/deb
deb:
	@sh .ci/deps.sh deb
	rm -rf $(DEBDIR) && mkdir -p $(DEBDIR)/src
	git ls-files -z -c -o --exclude-standard 2>/dev/null | xargs -0 cp --parents -t $(DEBDIR)/src \
		2>/dev/null || tar -cf - --exclude=./build --exclude=./.git \
		--exclude=./warroom --exclude=./warroom-agent . | tar -xf - -C $(DEBDIR)/src
	cd $(DEBDIR)/src && dpkg-buildpackage -us -uc -b >$(DEBDIR)/build.log 2>&1 \
		|| { tail -30 $(DEBDIR)/build.log; exit 1; }
	ls $(DEBDIR)/*.deb

# Formats only the lines changed since HEAD (git clang-format): the tree
# keeps its hand-laid continuation lines, which clang-format 14 cannot
# reproduce (see .clang-format); new code follows the house style.
format:
	git clang-format --style=file --extensions c,h -- core tui tests/unit bench

clean:
	rm -rf build warroom warroom-agent

# (not the copy make deb builds in $(O)/deb)
-include $(shell find $(O) -path '$(O)/deb' -prune -o -name '*.d' -type f -print 2>/dev/null)
