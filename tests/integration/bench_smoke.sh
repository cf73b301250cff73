#!/bin/sh
# bench_smoke: the benchmark driver builds and a BENCH_QUICK run measures
# every row of the report (with real viewers, tmux and, when installed,
# htop), and leaves no process behind; so `make bench` cannot rot.
. "$(dirname "$0")/../lib.sh"

top=$(cd "$(dirname "$0")/../.." && pwd)
make --no-print-directory -C "$top" bench-driver >"$T/make.log" 2>&1 ||
    fail "building the driver: $(tail -5 "$T/make.log")"
out=$T/perf.md
BENCH_QUICK=1 BENCH_OUT=$out WARROOM_BIN=$W python3 "$top/bench/run.py" \
    >"$T/table" 2>"$T/log" || fail "quick run: $(tail -5 "$T/log")"
pass "BENCH_QUICK run in $(grep -o '([0-9]* s)' "$T/log")"

table=$(cat "$T/table")
for row in "propagation, 1 viewer" "propagation, 3 viewers" \
    "tmux attach -r client" "one new timeline line" "full first frame" \
    "idle viewer CPU" "viewer RSS (VmHWM)" "start to first complete frame" \
    "PgUp to frame" "Metrics pane with 32 series" "samples/s written"; do
	assert_contains "$table" "$row" "table row"
done
# Every change reached every screen, and figures are numbers, not blanks.
assert_not_contains "$table" "nan" "a ratio of nothing"
grep 'propagation, ' "$T/table" | grep -v ' 0 missed' &&
    fail "a change never showed"
grep -Eq 'one new timeline line < 500 bytes +[0-9]+ bytes' "$T/table" ||
    fail "no byte count for a new line"
assert_contains "$(cat "$out")" "| cores (nproc) |" "machine in the report"
assert_contains "$(cat "$out")" "BENCH_QUICK=1 make bench" "command in the report"
pass "every row measured; report written with the machine and the command"

# Nothing left running: no viewer on its databases, no tmux server (which
# may take a moment to exit after kill-server).
left="warroom-bench\.|build/bench/db/|wrbench"
end=$(($(date +%s) + 5))
while pgrep -f "$left" >/dev/null; do
	[ "$(date +%s)" -le "$end" ] ||
	    fail "a process outlived the run: $(pgrep -af "$left")"
	sleep 0.1
done
pass "no process left behind"
