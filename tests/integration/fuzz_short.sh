# fuzz_short.sh: the fuzz part of `make test`: every harness in tests/fuzz/
# replays its past crashes (regress/) and seeds (corpus/) through the
# ASan/UBSan build with a plain main() (tests/fuzz/replay.c), so a fixed
# crash stays fixed. `make check-full` (tests/fuzz/run.sh) fuzzes with
# libFuzzer for FUZZ_SECONDS each; `make fuzz` for longer.
. "$(dirname "$0")/../lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
n=0
for src in "$top"/tests/fuzz/fuzz_*.c; do
	name=$(basename "$src" .c)
	name=${name#fuzz_}
	bin=$top/build/asan/replay_$name
	[ -x "$bin" ] || fail "$bin is not built (make test builds it)"
	inputs=$(find "$top/tests/fuzz/regress/$name" "$top/tests/fuzz/corpus/$name" \
	    -type f 2>/dev/null | sort)
	[ -n "$inputs" ] || fail "fuzz_$name has no seeds in tests/fuzz/corpus/$name"
	# shellcheck disable=SC2086 # file names are ours, no spaces
	"$bin" $inputs >"$T/$name.log" 2>&1 ||
	    fail "fuzz_$name: an input fails: $(grep -E 'ERROR|invariant|runtime error' "$T/$name.log" | head -3)"
	grep -q "^replayed $(printf '%s\n' "$inputs" | grep -c .) inputs" "$T/$name.log" ||
	    fail "fuzz_$name: not every input was replayed: $(tail -2 "$T/$name.log")"
	n=$((n + 1))
done
[ "$n" -ge 10 ] || fail "only $n harnesses"
pass "$n harnesses replayed their seeds and past crashes under ASan/UBSan"
