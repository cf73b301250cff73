#!/bin/sh
# run.sh: build the libFuzzer harnesses (every tests/fuzz/fuzz_NAME.c), replay
# their regression inputs and seeds, then fuzz each for SECONDS (default 60).
# A crash stays in build/fuzz/crashes/NAME/: fix it, then copy the input to
# tests/fuzz/regress/NAME/ and commit it (tests never write into tests/).
#   sh tests/fuzz/run.sh [SECONDS] [NAME ...]      (make fuzz FUZZ_SECONDS=N)
# Adding a target: write tests/fuzz/fuzz_NAME.c and seeds in corpus/NAME/.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
secs=${1:-60}
[ $# -gt 0 ] && shift
case $secs in '' | *[!0-9]*) echo "usage: run.sh [SECONDS] [NAME ...]" >&2; exit 2 ;; esac

if ! command -v clang >/dev/null 2>&1 ||
    ! ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a \
    /usr/lib/clang/*/lib/*/libclang_rt.fuzzer*.a >/dev/null 2>&1; then
	echo "SKIP fuzz: clang with libFuzzer is not installed (make test-deps installs clang and libclang-rt-dev)"
	exit 0
fi
make -s --no-print-directory fuzz-build >build/fuzz-build.log 2>&1 || {
	tail -n 30 build/fuzz-build.log
	echo "fuzz: building the harnesses failed"
	exit 1
}

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:symbolize=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
failed=""
for src in tests/fuzz/fuzz_*.c; do
	name=${src#tests/fuzz/fuzz_}
	name=${name%.c}
	if [ $# -gt 0 ]; then
		case " $* " in *" $name "*) ;; *) continue ;; esac
	fi
	bin=build/fuzz/fuzz_$name
	work=build/fuzz/work/$name
	crashes=build/fuzz/crashes/$name
	log=build/fuzz/$name.log
	mkdir -p "$work" "$crashes"

	# Every known input first: past crashes must stay fixed.
	inputs=$(find "tests/fuzz/regress/$name" "tests/fuzz/corpus/$name" \
	    -type f 2>/dev/null | sort)
	n=$(printf '%s\n' "$inputs" | grep -c .)
	if [ "$n" -gt 0 ]; then
		# shellcheck disable=SC2086 # file names are ours, no spaces
		if ! "$bin" -runs=1 $inputs >"$log" 2>&1; then
			grep -E 'Running:|ERROR|invariant|runtime error' "$log" | tail -n 8
			echo "FAIL fuzz_$name: a regression or seed input fails (log: $log)"
			failed="$failed $name"
			continue
		fi
	fi
	# New inputs go to the scratch corpus in build/, never into tests/.
	"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
	    -print_final_stats=1 -artifact_prefix="$crashes/" \
	    "$work" $(ls -d "tests/fuzz/corpus/$name" 2>/dev/null) >>"$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1)
	if [ "$rc" -ne 0 ]; then
		for c in "$crashes"/*; do
			[ -f "$c" ] || continue
			echo "fuzz_$name: crash input $c (fix it, then: cp $c tests/fuzz/regress/$name/)"
		done
		grep -E 'ERROR|invariant|runtime error|SUMMARY' "$log" | head -n 8
		echo "FAIL fuzz_$name after ${runs:-?} runs (log: $log)"
		failed="$failed $name"
	else
		echo "ok   fuzz_$name: ${secs}s, ${runs:-?} runs, $cov, $n known inputs replayed"
	fi
done
[ -z "$failed" ] || { echo "fuzz failed:$failed"; exit 1; }
exit 0
