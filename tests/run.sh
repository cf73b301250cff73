#!/bin/sh
# run.sh: the tests of `make test` (unit tests plain and sanitized, the
# integration and screen tests, in parallel lanes) or, with WR_SUITE=full,
# those `make check-full` adds (unit tests under valgrind, the slow
# integration tests, long fuzzing). Ends with "N passed, N failed".
#   WR_SUITE=test|full                       which suite (default test)
#   WR_ONLY=unit|asan|valgrind|integration|slow|fuzz   one layer of either
#   WR_TESTS="name ..."                      integration tests by name
#   WR_JOBS=N (default 4), WR_HEAVY=N (default 1)   lanes (see below)
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

# The tests to run, as jobs: unit/NAME, asan/NAME, integration/NAME. Those
# that keep a core busy (compiling, hammering the database, many sanitized
# processes) are "heavy"; the screen and server tests mostly wait. Each
# list is in the order to start them: longest first (times of a make test
# in session 16), so the short ones fill the gaps at the end.
heavy_jobs=""
light_jobs=""
quiet_jobs=""
add() { # heavy|light job
	if [ "$1" = heavy ]; then heavy_jobs="$heavy_jobs $2"; else light_jobs="$light_jobs $2"; fi
}
if want integration test || want slow full; then
	export WARROOM_BIN="$top/warroom"
	export WARROOM_ASAN_BIN="$top/build/asan/warroom"
	# agent_kill, crash_kill and tui_board mostly wait but miss their
	# bounds beside the CPU-bound ones on a busy machine: one at a time.
	heavy=" inject_cli metrics_extreme inject_screen crash_burst contention \
	    view_keys tui_board crash_kill agent_kill screen_faults fuzz_short \
	    disk_trouble install deb "
	# Waiting tests of 5 s or more, longest first; the rest follow by name.
	long=" import metrics_prometheus tui_idle config_reload_hup \
	    tui_retro_asan integrations_doc tui_fold wal_deleted_holder tui_timeline tui_record tui_asan slack_deliver \
	    metrics_sources config_reload command_leftover tui_tracks \
	    tui_phase_asan statuspage ssh_viewer metrics_memory metrics_mackerel \
	    files_presence tui_keybar output_stdout wal_deleted "
	# Tests that time the screen against a bound (500 ms, 1 s): they run
	# last, alone, once the lanes are done.
	quiet=" tui_foreign_write tui_live "
	chosen() { # name: is it in this run?
		if [ -n "${WR_TESTS:-}" ]; then
			case " $WR_TESTS " in *" $1 "*) return 0 ;; *) return 1 ;; esac
		elif want slow full; then
			case "$slow" in *" $1 "*) return 0 ;; *) return 1 ;; esac
		fi
		case "$slow" in *" $1 "*) return 1 ;; esac
	}
	for n in $heavy $long; do
		[ -f "tests/integration/$n.sh" ] && chosen "$n" || continue
		case "$heavy" in *" $n "*) add heavy "integration/$n" ;; *) add light "integration/$n" ;; esac
	done
	for t in tests/integration/*.sh; do
		[ -f "$t" ] || continue
		n=$(basename "$t" .sh)
		case "$heavy$long$quiet" in *" $n "*) continue ;; esac
		chosen "$n" && add light "integration/$n"
	done
	for n in $quiet; do
		[ -f "tests/integration/$n.sh" ] && chosen "$n" &&
		    quiet_jobs="$quiet_jobs integration/$n"
	done
fi
# Unit tests first in the other lanes (the sanitized ones first: slower),
# while the heavy lane starts its long ones.
units_first=""
if want asan test; then
	for t in $(units build/asan); do units_first="$units_first asan/$(basename "$t")"; done
fi
if want unit test; then
	for t in $(units build); do units_first="$units_first unit/$(basename "$t")"; done
fi
light_jobs="$units_first $light_jobs"

run_job() { # unit/NAME | asan/NAME | integration/NAME
	case $1 in
	unit/*)
		t=build/tests/${1#unit/}
		if [ -x "$t" ]; then run_one "$1" "$t"; else run_one "$1" false; fi ;;
	asan/*)
		t=build/asan/tests/${1#asan/}
		if [ -x "$t" ]; then
			run_one "$1" env ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
			    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 "$t"
		else
			run_one "$1" false
		fi ;;
	integration/*) run_one "$1" sh "tests/integration/${1#integration/}.sh" ;;
	esac
}
# WR_JOBS lanes (default 4) take the jobs in order, each the next one no
# other lane has claimed (mkdir is atomic). WR_HEAVY of them (default 1)
# start with the heavy jobs and then help with the rest; the others take
# only the other ones, so no more than WR_HEAVY heavy jobs run at once (the
# load-sensitive ones, contention and view_keys, fail with two at once on
# a busy machine). WR_JOBS=1 runs everything in one lane.
claims=$logs/claims
rm -rf "$claims"
mkdir -p "$claims"
lane() { # number, jobs...
	_lane=$1
	shift
	pass=0 fail=0 failed=""
	for j in "$@"; do
		mkdir "$claims/$(echo "$j" | tr / _)" 2>/dev/null || continue
		run_job "$j"
	done
	echo "$pass $fail$failed" >"$logs/lane.$_lane"
}
jobs=${WR_JOBS:-4}
heavies=${WR_HEAVY:-1}
[ "$heavies" -ge 1 ] || heavies=1
[ "$heavies" -le "$jobs" ] || heavies=$jobs
p0=$pass f0=$fail x0=$failed
pids=""
i=1
while [ "$i" -le "$jobs" ]; do
	rm -f "$logs/lane.$i"
	# shellcheck disable=SC2086
	if [ "$i" -le "$heavies" ]; then
		lane "$i" $heavy_jobs $light_jobs &
	else
		lane "$i" $light_jobs &
	fi
	pids="$pids $!"
	i=$((i + 1))
done
# shellcheck disable=SC2086
wait $pids
i=$((jobs + 1))
# shellcheck disable=SC2086
lane "$i" $quiet_jobs
pass=$p0 fail=$f0 failed=$x0
i=1
while [ "$i" -le "$((jobs + 1))" ]; do
	if read -r lp lf lx <"$logs/lane.$i"; then
		pass=$((pass + lp))
		fail=$((fail + lf))
		failed="$failed${lx:+ $lx}"
	else
		fail=$((fail + 1))
		failed="$failed lane$i"
	fi
	i=$((i + 1))
done
rm -rf "$claims"
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
