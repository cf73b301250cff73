#!/bin/sh
# metrics_prometheus.sh: the agent against a real Prometheus (Debian
# package) on 127.0.0.1, scraping itself every second.
. "$(dirname "$0")/../lib.sh"

command -v prometheus >/dev/null 2>&1 || fail "prometheus is not installed (make test-deps)"
port=$(free_port)
mkdir -p "$T/prom"
cat >"$T/prom/prometheus.yml" <<EOC
global:
  scrape_interval: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: self
    static_configs:
      - targets: ['127.0.0.1:$port']
EOC
prometheus --config.file="$T/prom/prometheus.yml" \
    --storage.tsdb.path="$T/prom/data" \
    --web.listen-address="127.0.0.1:$port" >"$T/prom/log" 2>&1 &
prom_pid=$!
on_exit "kill $prom_pid; wait $prom_pid"
base="http://127.0.0.1:$port"
wait_http "$base/-/ready" 30
# Wait for a few scrapes, so a range query has several points.
end=$(($(date +%s) + 30))
while :; do
	n=$(python3 - "$base" <<'EOP'
import json, sys, urllib.parse, urllib.request
u = sys.argv[1] + "/api/v1/query?" + urllib.parse.urlencode({"query": 'count_over_time(up{job="self"}[1m])'})
try:
    r = json.load(urllib.request.urlopen(u, timeout=2))["data"]["result"]
    print(r[0]["value"][1] if r else 0)
except Exception:
    print(0)
EOP
)
	[ "$n" -ge 5 ] 2>/dev/null && break
	[ "$(date +%s)" -lt "$end" ] || fail "Prometheus scraped no samples: $(tail -5 "$T/prom/log")"
	sleep 0.3
done
pass "prometheus $port ready with $n scrapes"

write_config "$T/config" <<EOC
[prometheus]
url = $base/
EOC
export WARROOM_CONFIG="$T/config"

"$W" declare "Prometheus check" >/dev/null 2>&1 || fail "declare"
"$W" metric add up --prometheus 'up{job="self"}' --interval 1 --warn 0.5 >/dev/null || fail "metric add up"
"$W" metric add heap --prometheus 'instant:sum(go_memstats_heap_alloc_bytes{job="self"})' --unit B >/dev/null || fail "metric add heap"
"$W" metric add many --prometheus 'prometheus_http_requests_total' >/dev/null || fail "metric add many"
"$W" metric add broken --prometheus 'sum(' >/dev/null || fail "metric add broken"
"$W" metric add nothing --prometheus 'no_such_metric_anywhere' >/dev/null || fail "metric add nothing"
assert_fails "empty query" "$W" metric add empty --prometheus ' '
assert_fails "duplicate name" "$W" metric add up --prometheus 'up'

"$W" agent --once 2>"$T/agent.err" || fail "agent --once: $(cat "$T/agent.err")"

n=$(sqlite3 "$WARROOM_DB" "SELECT count(*) FROM sample JOIN series ON series.id = series_id WHERE name = 'up' AND v = 1")
[ "$n" -ge 3 ] || fail "expected >= 3 samples of up = 1, got $n"
pass "up: $n real samples stored"
n=$(sqlite3 "$WARROOM_DB" "SELECT count(*) FROM sample JOIN series ON series.id = series_id WHERE name = 'heap' AND v > 1000")
assert_eq "$n" 1 "instant query stores one sample"
# The range query's samples are the ones Prometheus has: times lie within
# the last minutes, on whole seconds.
now=$(date +%s)
old=$(sqlite3 "$WARROOM_DB" "SELECT count(*) FROM sample WHERE t < $now - 600 OR t > $now + 5")
assert_eq "$old" 0 "sample times are recent"

err=$(sqlite3 "$WARROOM_DB" "SELECT last_error FROM series WHERE name = 'many'")
assert_contains "$err" "series; one series per query" "several series refused"
case "$err" in *"query returned "[0-9]*" series"*) ;; *) fail "count missing: $err" ;; esac
err=$(sqlite3 "$WARROOM_DB" "SELECT last_error || ' ' || fail_count FROM series WHERE name = 'broken'")
assert_contains "$err" "HTTP 400: bad_data:" "bad query carries errorType"
assert_contains "$err" " 1" "fail_count counted"
err=$(sqlite3 "$WARROOM_DB" "SELECT last_error FROM series WHERE name = 'nothing'")
assert_contains "$err" "matched no series" "empty result"
cnt=$(sqlite3 "$WARROOM_DB" "SELECT count(*) FROM sample JOIN series ON series.id = series_id WHERE name IN ('many','broken','nothing')")
assert_eq "$cnt" 0 "failing series store nothing"
pass "errors recorded on their series"

keep_wal
out=$("$W" status)
assert_contains "$out" "metrics (5)" "status has a metrics section"
assert_contains "$out" "FAILING (1x" "status shows failing series"
assert_contains "$out" "bad_data" "status shows the reason"
echo "$out" | grep -E '^  up +1 +ok' >/dev/null || fail "status shows up = 1: $out"
out=$("$W" status --json)
printf '%s' "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
s = {x["name"]: x for x in d["series"]}
assert s["up"]["state"] == "ok" and s["up"]["latest"]["value"] == 1, s["up"]
assert s["broken"]["state"] == "failing" and "bad_data" in s["broken"]["last_error"]
assert s["up"]["warn"] == 0.5 and s["up"]["crit"] is None
' || fail "status --json series"
out=$("$W" metric list)
assert_contains "$out" "FAILING" "metric list shows failing"
assert_contains "$out" "matched no series" "metric list shows reason"
out=$("$W" metric list --json)
printf '%s' "$out" | python3 -c '
import json, sys
s = {x["name"]: x for x in json.load(sys.stdin)}
assert s["many"]["fail_count"] == 1 and s["heap"]["unit"] == "B"
assert s["heap"]["source"] == "prometheus"
' || fail "metric list --json"
pass "status and metric list show state"

# Failing series back off; a second round right away polls none of them
# (next_poll is in the future) but up (interval 1) after a second.
np=$(sqlite3 "$WARROOM_DB" "SELECT next_poll - $(date +%s) FROM series WHERE name = 'broken'")
[ "$np" -ge 10 ] || fail "broken backs off at least its interval: $np"

# Basic auth and bearer tokens are sent (Prometheus ignores them).
write_config "$T/config" <<EOC
[prometheus]
url = $base
bearer_token = secret-token
EOC
"$W" metric remove many || fail "metric remove"
assert_fails "remove unknown" "$W" metric remove many
sqlite3 "$WARROOM_DB" "UPDATE series SET next_poll = 0"
"$W" agent --once 2>"$T/agent.err" || fail "agent with a token"
err=$(sqlite3 "$WARROOM_DB" "SELECT coalesce(last_error, 'none') FROM series WHERE name = 'up'")
assert_eq "$err" none "up still healthy"

# A server that is gone: a connection error, recorded.
kill "$prom_pid"
wait "$prom_pid" 2>/dev/null
sqlite3 "$WARROOM_DB" "UPDATE series SET next_poll = 0"
"$W" agent --once 2>"$T/agent.err" || fail "agent with Prometheus down"
err=$(sqlite3 "$WARROOM_DB" "SELECT last_error FROM series WHERE name = 'up'")
assert_contains "$err" "prometheus:" "connection failure recorded"
pass "down server recorded: $err"
