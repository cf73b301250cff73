#!/bin/sh
# metrics_extreme.sh: ±1.8e308, NaN, ±Inf, 1e400 and huge integers from
# every kind of source (command, Mackerel, Prometheus) and as thresholds:
# under the sanitized build (ASan, UBSan with float-cast-overflow) the
# agent, status, metric list, export and the screen with its sparklines and
# detail charts run clean, and the finite values are kept as they were.
. "$(dirname "$0")/../lib.sh"

A=${WARROOM_ASAN_BIN:-}
if [ -z "$A" ] || [ ! -x "$A" ]; then
	[ "${CI:-}" = true ] && fail "no ASan binary (build/asan/warroom)"
	echo "SKIP metrics_extreme: no ASan binary (make test builds build/asan/warroom)"
	exit 0
fi
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:log_path=$T/asan"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$T/ubsan"
sanitizer_clean() { # what
	if ls "$T"/asan* "$T"/ubsan* >/dev/null 2>&1; then
		cat "$T"/asan* "$T"/ubsan* 2>/dev/null | head -40 >&2
		fail "sanitizer report: $1"
	fi
}

metrics_srv_start
base=$MS_BASE
write_config "$T/config" <<EOC
[command]
enabled = yes
[mackerel]
api_key = test-key
url = $base
[prometheus]
url = $base/promx
bearer_token = tok-123
EOC
export WARROOM_CONFIG="$T/config"
q() { sqlite3 "$WARROOM_DB" "$1"; }

"$A" declare "Extreme numbers" --severity SEV2 >/dev/null || fail declare
now=$(date +%s)
lines=""
i=11
# 1.8e308 is past the largest double (1.797e308): it reads as Inf.
for v in 1.8e308 -1.8e308 1.79e308 -1.79e308 nan inf -inf 1e400 -1e400 999999999999999999999999 4.9e-324 0; do
	lines="$lines$((now - i * 10)) $v\n"
	i=$((i - 1))
done
add() { "$A" metric add "$@" >/dev/null 2>"$T/add.err" || fail "metric add $1: $(cat "$T/add.err")"; }
add cmd-ext --command "printf '$lines'" --warn 1e308 --crit 1.7e308
add cmd-max --command 'echo 1.7976931348623157e308' --warn -1.7e308
add cmd-min --command 'echo -1.7976931348623157e308' --crit -1e308 --warn 1e308
add cmd-nan --command 'echo NaN'
add cmd-badtime --command 'echo 1e400 5'
add cmd-hugetime --command 'echo 9223372036854775808 5'
add cmd-negtime --command 'echo -9223372036854775809 5'
add mk-ext --mackerel host:extreme:m --warn 1e300
add mk-badtime --mackerel host:badtime:m
add prom-ext --prometheus 'up' --crit 1.79e308
assert_fails "an infinite threshold" "$A" metric add bad --command 'echo 1' --warn 1e400
assert_fails "a NaN threshold" "$A" metric add bad --command 'echo 1' --crit nan
sanitizer_clean "metric add"

"$A" agent --once 2>"$T/agent.err" || fail "agent: $(cat "$T/agent.err")"
sanitizer_clean "the agent"
# The finite values are kept exactly; the others are not stored.
assert_eq "$(q "SELECT group_concat(v, ' ') FROM (SELECT v FROM sample JOIN series ON series.id = series_id WHERE name = 'cmd-ext' ORDER BY t)")" \
    "1.79e+308 -1.79e+308 1.0e+24 4.94065645841247e-324 0.0" "command: finite values kept"
assert_eq "$(q "SELECT v FROM sample JOIN series ON series.id = series_id WHERE name = 'cmd-max'")" "1.79769313486232e+308" "DBL_MAX kept"
assert_eq "$(q "SELECT count(*) FROM sample JOIN series ON series.id = series_id WHERE name = 'mk-ext'")" 5 "mackerel: finite values kept"
assert_eq "$(q "SELECT count(*) FROM sample JOIN series ON series.id = series_id WHERE name = 'prom-ext'")" 5 "prometheus: finite values kept"
assert_eq "$(q "SELECT count(*) FROM sample JOIN series ON series.id = series_id WHERE name = 'cmd-nan'")" 0 "NaN not stored"
for s in cmd-badtime cmd-hugetime cmd-negtime mk-badtime; do
	assert_contains "$(q "SELECT last_error FROM series WHERE name = '$s'")" "time" "$s refused"
done
pass "the agent keeps finite extremes, drops NaN and Inf, refuses impossible times"

for cmd in "status" "status --json" "metric list" "metric list --json" \
    "export" "export --format json"; do
	# shellcheck disable=SC2086
	"$A" $cmd >"$T/out" 2>&1 || fail "$cmd: $(head -c 300 "$T/out")"
	sanitizer_clean "$cmd"
done
"$A" metric list --json | python3 -c 'import json, sys; json.load(sys.stdin)' ||
    fail "metric list --json is not JSON"
"$A" export --format json | python3 -c 'import json, sys; json.load(sys.stdin)' ||
    fail "export --format json is not JSON"
assert_contains "$("$A" metric list)" "1.798e+308" "the largest value shown"
pass "status, metric list and export with extreme values"

# The screen: sparklines of every series, each window, and the detail chart
# of the extreme ones (thresholds included).
tm_start_exit x 160 50 "ASAN_OPTIONS=$ASAN_OPTIONS UBSAN_OPTIONS=$UBSAN_OPTIONS" \
    "$A tui --exit-after 12"
tm_wait x "15m · 10 series" 10
tm_wait x "1.8e+308"  # DBL_MAX, as the screen rounds it
tm_keys x 3
for k in w w w w; do tm_keys x "$k"; done
tm_keys x Enter
tm_wait x "h/l cursor"
for k in h h l + - Escape j Enter h l Escape j Enter + h Escape j j Enter h Escape; do
	tm_keys x "$k"
done
tm_resize x 40 12
tm_resize x 200 60
tm_wait x "EXITED 0" 20
sanitizer_clean "the screen"
pass "sparklines and detail charts of extreme values under UBSan"
