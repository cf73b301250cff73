#!/bin/sh
# bench_smoke: the benchmark driver builds and a BENCH_QUICK run measures
# every row of the report (with real viewers, tmux and, when installed,
# htop), and leaves no process behind; so `make bench` cannot rot.
. "$(dirname "$0")/../lib.sh"

top=$(cd "$(dirname "$0")/../.." && pwd)
make --no-print-directory -C "$top" bench-driver >"$T/make.log" 2>&1 ||
    fail "building the driver: $(tail -5 "$T/make.log")"
out=$T/perf.md
# TMPDIR: the run's folder is under $T, so the check at the end looks only
# at this run's processes (other worktrees may run a bench meanwhile).
TMPDIR=$T BENCH_QUICK=1 BENCH_OUT=$out WARROOM_BIN=$W \
    python3 "$top/bench/run.py" >"$T/table" 2>"$T/log" ||
    fail "quick run: $(tail -5 "$T/log")"
pass "BENCH_QUICK run in $(grep -o '([0-9]* s)' "$T/log")"

table=$(cat "$T/table")
for row in "propagation, 1 viewer" "propagation, 3 viewers" \
    "tmux attach -r client" "one new timeline line" "full first frame" \
    "idle viewer CPU" "viewer RSS (VmHWM)" "start to first complete frame" \
    "PgUp to frame" "Metrics pane with 32 series" "samples/s written" \
    "\`warroom log\`, one entry" "sqlite3 shell, the same insert"; do
	assert_contains "$table" "$row" "table row"
done
# Every change reached every screen, and figures are numbers, not blanks.
assert_not_contains "$table" "nan" "a ratio of nothing"
sed '/^targets (issue 18)/,$d' "$T/table" | grep 'propagation, ' |
    grep -v ' 0 missed' &&
    fail "a change never showed"
# Issue 18's nine targets, each with a figure and a verdict against its
# must and its aim; the write beside sqlite3, memory and idle CPU beside
# htop, bytes beside tmux.
targets=$(sed -n '/^targets (issue 18)/,/^$/p' "$T/table")
verdict='\| (met aim|met must; aim missed by [0-9.,]+.*|MISSED must by [0-9.,]+.*)$'
[ "$(printf '%s\n' "$targets" | grep -cE "$verdict")" = 9 ] ||
    fail "not nine targets with a verdict: $targets"
for row in "viewer resident memory (VmHWM)" "\`warroom log\` wall time" \
    "first complete frame" "PgUp to frame" "propagation, 1 viewer, p50" \
    "propagation, 3 viewers, p99" "idle viewer CPU" \
    "bytes to the terminal per new timeline line" "agent ingest"; do
	assert_contains "$targets" "$row" "target row"
done
beside='warroom log.*\| [0-9.]+ ms \| sqlite3 [0-9.]+ ms .*\| [0-9.]+x \|'
printf '%s\n' "$targets" | grep -Eq "$beside" ||
    fail "the write without sqlite3 beside it: $targets"
beside='line.*\| [0-9]+ bytes \(median\) \| tmux attach -r [0-9]+ bytes \| [0-9.]+x'
printf '%s\n' "$targets" | grep -Eq "$beside" ||
    fail "no byte counts for a new line: $targets"
if command -v htop >/dev/null 2>&1; then
	printf '%s\n' "$targets" | grep -Eq 'idle viewer CPU.*\| htop [0-9.]+%' ||
	    fail "idle CPU without htop beside it: $targets"
fi
assert_contains "$(cat "$out")" \
    "| figure | now | peer, same run | ratio | must | aim | verdict |" \
    "the targets table in the report"
assert_contains "$(cat "$out")" "| cores (nproc) |" "machine in the report"
assert_contains "$(cat "$out")" "BENCH_QUICK=1 make bench" "command in the report"
pass "every row measured; report written with the machine and the command"

# Nothing left running: no viewer on its databases, no tmux server (which
# may take a moment to exit after kill-server).
left="$T/warroom-bench\.|$top/build/bench/db/|$top/build/bench/wrbench"
end=$(($(date +%s) + 5))
while pgrep -f "$left" >/dev/null; do
	[ "$(date +%s)" -le "$end" ] ||
	    fail "a process outlived the run: $(pgrep -af "$left")"
	sleep 0.1
done
pass "no process left behind"
