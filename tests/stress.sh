#!/bin/sh
# stress.sh: `make stress`: the long versions of the crash and contention
# tests of `make test`, on the same scripts with bigger numbers.
#   STRESS_SECONDS  length of each phase (default 60; a crash run has two)
#   STRESS_WRITERS  concurrent writers (default 8)
#   STRESS_READERS  concurrent readers (default 50)
#   STRESS_KILL     share of processes killed with SIGKILL (default 0.3)
#   STRESS_SEED     repeat a run (the seed is printed in each summary)
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
export WARROOM_BIN="$top/warroom"
export WARROOM_ASAN_BIN="$top/build/asan/warroom"
secs=${STRESS_SECONDS:-60}
writers=${STRESS_WRITERS:-8}
readers=${STRESS_READERS:-50}
logs=$top/build/stress-logs
mkdir -p "$logs"
pass=0 fail=0

phase() { # name, script, env...
	name=$1 script=$2
	shift 2
	start=$(date +%s)
	echo "== $name ($*)"
	if env "$@" sh "tests/integration/$script.sh" >"$logs/$name.log" 2>&1; then
		pass=$((pass + 1))
		echo "ok    $name $(($(date +%s) - start))s"
	else
		fail=$((fail + 1))
		echo "FAIL  $name $(($(date +%s) - start))s"
	fi
	# The per-round summaries: acknowledged, killed, slowest command.
	grep -E '^ok:|FAIL|"(seed|writes_ok|writes_killed|reads_ok|max_write_s|max_read_s|locked_seen)"' \
	    "$logs/$name.log" | sed 's/^/      /'
}

echo "stress: $secs s per phase, $writers writers, $readers readers, $(nproc) cores"
phase crash-kill crash_kill CRASH_SECONDS="$secs" CRASH_WRITERS="$writers" \
    CRASH_READERS=$((readers / 5)) CRASH_KILL="${STRESS_KILL:-0.3}" \
    ${STRESS_SEED:+CRASH_SEED=$STRESS_SEED}
phase contention contention CONT_SECONDS="$secs" CONT_WRITERS="$writers" \
    CONT_READERS="$readers"
phase burst crash_burst X=1
echo
echo "stress: $pass passed, $fail failed (logs in build/stress-logs/)"
[ "$fail" -eq 0 ]
