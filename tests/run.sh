#!/bin/sh
# run.sh: the tests of `make test` (unit tests plain and sanitized, then the
# integration and screen tests) or, with WR_SUITE=full, those `make
# check-full` adds (unit tests under valgrind, the slow integration tests,
# long fuzzing). Ends with "N passed, N failed".
#   WR_SUITE=test|full                       which suite (default test)
#   WR_ONLY=unit|asan|valgrind|integration|slow|fuzz   one layer of either
#   WR_TESTS="name ..."                      integration tests by name
# With CI=true a test that skips (a prerequisite missing) counts as failed:
# CI installs everything, so a skip there hides a broken install step.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
logs=$top/build/test-logs
mkdir -p "$logs"
pass=0
fail=0
failed=""
only=${WR_ONLY:-}
suite=${WR_SUITE:-test}
# Integration tests that only `make check-full` runs: slow, and they test
# the packaging and the benchmark driver rather than behaviour.
slow=" install bench_smoke deb "

run_one() { # name, command...
	name=$1
	shift
	log=$logs/$(echo "$name" | tr '/ ' '__').log
	start=$(date +%s)
	if "$@" >"$log" 2>&1; then
		if [ "${CI:-}" = true ] && grep -q '^SKIP' "$log"; then
			fail=$((fail + 1))
			failed="$failed $name"
			printf 'FAIL  %-44s %3ss (skipped in CI)\n' "$name" \
			    $(($(date +%s) - start))
			grep -h '^SKIP' "$log" | sed 's/^/      | /'
			return
		fi
		pass=$((pass + 1))
		printf 'ok    %-44s %3ss\n' "$name" $(($(date +%s) - start))
		# A test that skipped says so loudly: show it.
		grep -h '^SKIP' "$log" | sed 's/^/      /'
	else
		fail=$((fail + 1))
		failed="$failed $name"
		printf 'FAIL  %-44s %3ss\n' "$name" $(($(date +%s) - start))
		tail -n 25 "$log" | sed 's/^/      | /'
	fi
}

# Tests never write into the source tree: what git sees as changed or new
# must be the same after the run as before it (build/ is ignored).
tree_state() { git -C "$top" status --porcelain --untracked-files=all; }
in_git=false
if git -C "$top" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	in_git=true
	tree_state >"$logs/tree.before"
fi

want() { # layer, suite it belongs to
	if [ -n "$only" ]; then [ "$only" = "$1" ]; else [ "$suite" = "$2" ]; fi
}
# Unit test binaries of the sources that exist (not stale ones in build/).
units() { # build folder
	for src in tests/unit/test_*.c; do
		[ -f "$src" ] && echo "$1/tests/$(basename "$src" .c)"
	done
}

if want unit test; then
	for t in $(units build); do
		[ -x "$t" ] || { run_one "unit/$(basename "$t")" false; continue; }
		run_one "unit/$(basename "$t")" "$t"
	done
fi
if want asan test; then
	for t in $(units build/asan); do
		[ -x "$t" ] || { run_one "asan/$(basename "$t")" false; continue; }
		run_one "asan/$(basename "$t")" env \
		    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
		    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 "$t"
	done
fi
if want valgrind full; then
	if command -v valgrind >/dev/null 2>&1; then
		for t in $(units build); do
			[ -x "$t" ] || continue
			run_one "valgrind/$(basename "$t")" valgrind -q \
			    --leak-check=full --show-leak-kinds=definite,indirect \
			    --errors-for-leak-kinds=definite,indirect \
			    --error-exitcode=99 "$t"
		done
	else
		run_one valgrind sh -c 'echo "SKIP valgrind: not installed (make test-deps installs it)"'
	fi
fi
if want integration test || want slow full; then
	export WARROOM_BIN="$top/warroom"
	export WARROOM_ASAN_BIN="$top/build/asan/warroom"
	# Two lanes on two cores: the tests that keep a core busy (compiling,
	# hammering the database) in one, the screen and server tests, which
	# mostly wait, in the other. WR_JOBS=1 runs everything in one lane.
	heavy=" fuzz_short inject_cli crash_burst contention install \
	    disk_trouble view_keys inject_screen screen_faults wal_deleted deb \
	    metrics_extreme agent_kill crash_kill import metrics_prometheus \
	    tui_board "
	lane() { # which: heavy | light | all
		for t in tests/integration/*.sh; do
			[ -f "$t" ] || continue
			n=$(basename "$t" .sh)
			if [ -n "${WR_TESTS:-}" ]; then
				case " $WR_TESTS " in *" $n "*) ;; *) continue ;; esac
			elif want slow full; then
				case "$slow" in *" $n "*) ;; *) continue ;; esac
			else
				case "$slow" in *" $n "*) continue ;; esac
			fi
			case "$1:$heavy" in
			heavy:*" $n "*|all:*) ;;
			light:*" $n "*|heavy:*) continue ;;
			esac
			run_one "integration/$n" sh "$t"
		done
		echo "$pass $fail$failed" >"$logs/lane.$1"
	}
	if [ "${WR_JOBS:-2}" -gt 1 ]; then
		p0=$pass f0=$fail x0=$failed
		pass=0 fail=0 failed=""
		lane heavy &
		hp=$!
		pass=0 fail=0 failed=""
		lane light
		wait $hp
		read -r hp hf hx <"$logs/lane.heavy"
		read -r lp lf lx <"$logs/lane.light"
		pass=$((p0 + hp + lp))
		fail=$((f0 + hf + lf))
		failed="$x0${hx:+ $hx}${lx:+ $lx}"
	else
		lane all
	fi
fi
if want fuzz full; then
	# The long fuzz run: every harness for FUZZ_SECONDS (make test replays
	# the corpus and fuzzes one second each in fuzz_short).
	run_one "fuzz/long" sh tests/fuzz/run.sh "${FUZZ_SECONDS:-15}"
	sed -n 's/^ok   /      /p' "$logs/fuzz_long.log"
fi
if $in_git; then
	tree_state >"$logs/tree.after"
	run_one "tree/unchanged" sh -c 'diff "$1" "$2" >/dev/null ||
	    { echo "the tests changed the source tree:"; diff "$1" "$2"; exit 1; }' \
	    sh "$logs/tree.before" "$logs/tree.after"
else
	echo "note: not a git checkout, so writes into the source tree go unchecked"
fi
echo
[ -n "$failed" ] && echo "failed:$failed"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
