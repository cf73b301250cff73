#!/bin/sh
# metrics_mackerel.sh: the agent against a local server replaying Mackerel
# answers, errors and hostile bodies, and a Prometheus behind auth: every
# failure is recorded on its series, nothing crashes, slow sources do not
# hold up the others.
. "$(dirname "$0")/../lib.sh"

metrics_srv_start
base=$MS_BASE

# The sanitized build when there is one: hostile bodies under ASan/UBSan.
A=${WARROOM_ASAN_BIN:-}
[ -x "$A" ] || A=$W
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

write_config "$T/config" <<EOC
[mackerel]
api_key = test-key
url = $base
[prometheus]
url = $base/prom
bearer_token = tok-123
[agent]
timeout = 4s
connect_timeout = 2s
EOC
export WARROOM_CONFIG="$T/config"

"$W" init >/dev/null 2>&1 || fail init
add() { "$W" metric add "$1" --mackerel "$2" >/dev/null || fail "metric add $1"; }
add ok host:ok:loadavg5
add svc service:web:req.count
for h in missing ratelimit trunc types types2 notobj huge deep html nan escape big empty badtime slow1 slow2 slow3 hang; do
	add "$h" "host:$h:loadavg5"
done
"$W" metric add prom --prometheus 'x' --interval 1 >/dev/null || fail "metric add prom"
assert_fails "bad spec" "$W" metric add bad --mackerel 'host:only'
assert_fails "bad spec kind" "$W" metric add bad --mackerel 'vm:a:b'
assert_fails "spec with a slash" "$W" metric add bad --mackerel 'host:a/b:c'

start=$(date +%s)
"$A" agent --once 2>"$T/agent.err" || fail "agent crashed or failed: $(cat "$T/agent.err")"
took=$(($(date +%s) - start))
[ ! -s "$T/agent.err" ] || fail "agent printed: $(cat "$T/agent.err")"

q() { sqlite3 "$WARROOM_DB" "$1"; }
err_of() { q "SELECT coalesce(last_error, 'none') FROM series WHERE name = '$1'"; }
count_of() { q "SELECT count(*) FROM sample JOIN series ON series.id = series_id WHERE name = '$1'"; }

# Recorded answers: one point a minute of the last hour (the backfill).
n=$(count_of ok)
[ "$n" -ge 59 ] && [ "$n" -le 61 ] || fail "ok: expected ~60 samples, got $n"
assert_eq "$(err_of ok)" none "ok is healthy"
assert_eq "$(q "SELECT min(v) FROM sample JOIN series ON series.id = series_id WHERE name = 'ok'")" 42.5 "recorded values"
[ "$(count_of svc)" -ge 59 ] || fail "service metrics"
pass "host and service metrics stored"

# Slow answers (3 s each) came in together, and the hanging one was cut at
# the total timeout (4 s): one round, far less than 3 x 3 + 4 s.
for s in slow1 slow2 slow3; do
	assert_eq "$(err_of $s)" none "$s succeeded"
	[ "$(count_of $s)" -ge 59 ] || fail "$s samples"
done
assert_contains "$(err_of hang)" "mackerel: " "hang failed"
assert_contains "$(err_of hang)" "imed out" "hang timed out"
[ "$took" -lt 10 ] || fail "round took ${took}s: sources ran one after another"
pass "slow sources in parallel; round took ${took}s"

expect_err() { # name text
	e=$(err_of "$1")
	assert_contains "$e" "$2" "$1"
	assert_eq "$(count_of "$1")" 0 "$1 stores nothing"
	assert_eq "$(q "SELECT fail_count FROM series WHERE name = '$1'")" 1 "$1 fail_count"
}
expect_err missing "HTTP 404: Host Not Found"
expect_err ratelimit "HTTP 429"
expect_err trunc "not JSON (malformed or truncated)"
expect_err types "not {\"time\": number"
expect_err types2 "no metrics array"
expect_err notobj "not a JSON object"
expect_err huge "too many points (30000"
expect_err deep "not JSON"
expect_err html "an HTML page"
expect_err big "larger than 2 MiB"
expect_err empty "empty answer"
expect_err badtime "bad time"
e=$(err_of escape)
assert_contains "$e" "HTTP 500: bad" "escape"
assert_contains "$e" "second line" "escape keeps the text"
printf '%s' "$e" | grep -q "$(printf '\033')" && fail "escape reached the database"
printf '%s' "$e" | grep -q "$(printf '\007')" && fail "bell reached the database"
[ "$(printf '%s' "$e" | wc -l)" -eq 0 ] || fail "error is not one line"
assert_eq "$(count_of nan)" 1 "non-finite values skipped"
assert_eq "$(q "SELECT v FROM sample JOIN series ON series.id = series_id WHERE name = 'nan'")" 5.0 "finite value kept"
pass "hostile bodies recorded as errors"

# Prometheus with a bearer token: NaN and +Inf skipped, 3.5 kept.
assert_eq "$(err_of prom)" none "prometheus with bearer"
assert_eq "$(q "SELECT group_concat(v) FROM sample JOIN series ON series.id = series_id WHERE name = 'prom'")" 3.5 "prom values"

# Failures back off: the next poll is later than the interval, and grows.
np1=$(q "SELECT next_poll - last_ok FROM series WHERE name = 'ok'")
assert_eq "$np1" 60 "healthy series polled on its interval"
q "UPDATE series SET next_poll = 0 WHERE name IN ('missing', 'prom')"
write_config "$T/config" <<EOC
[mackerel]
api_key = test-key
url = $base
[prometheus]
url = $base/prom
user = user
password = wrong
EOC
now=$(date +%s)
"$A" agent --once 2>"$T/agent.err" || fail "second round"
assert_eq "$(q "SELECT fail_count FROM series WHERE name = 'missing'")" 2 "fail_count grows"
d=$(q "SELECT next_poll - $now FROM series WHERE name = 'missing'")
[ "$d" -ge 119 ] || fail "backoff doubles: next poll in ${d}s"
assert_contains "$(err_of prom)" "HTTP 401" "wrong password refused"
# Only the two due series were polled: the others kept their samples and
# counts.
assert_eq "$(q "SELECT fail_count FROM series WHERE name = 'trunc'")" 1 "not due, not polled"

# Basic auth that is right: success clears the error.
write_config "$T/config" <<EOC
[prometheus]
url = $base/prom
user = user
password = pw
EOC
q "UPDATE series SET next_poll = 0 WHERE name = 'prom'"
"$A" agent --once 2>"$T/agent.err" || fail "third round"
assert_eq "$(err_of prom)" none "basic auth works and clears the error"
assert_eq "$(q "SELECT fail_count FROM series WHERE name = 'prom'")" 0 "fail_count reset"
pass "backoff and recovery"

# Without an api_key, the series says why.
write_config "$T/config" <<EOC
[mackerel]
url = $base
EOC
q "UPDATE series SET next_poll = 0 WHERE name = 'ok'"
"$A" agent --once 2>"$T/agent.err" || fail "fourth round"
assert_contains "$(err_of ok)" "no api_key" "missing api key"

keep_wal
out=$("$W" metric list)
assert_contains "$out" "Host Not Found" "metric list shows the reason"
printf '%s' "$out" | grep -q "$(printf '\033')" && fail "escape reached the terminal"
pass "metric list"
