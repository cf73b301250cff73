#!/bin/sh
# metrics_memory.sh: the agent's memory is bounded whatever the number of
# series and the size of their answers (endless bodies, 1 GB claimed,
# chunked forever, 9 MiB of blanks, 30000 points), and `metric list` says
# what the limits are.
. "$(dirname "$0")/../lib.sh"

metrics_srv_start
write_config "$T/config" <<EOC
[mackerel]
api_key = test-key
url = http://127.0.0.1:$(cat "$T/port")
[agent]
timeout = 5s
EOC
export WARROOM_CONFIG="$T/config"
q() { sqlite3 "$WARROOM_DB" "$1"; }

"$W" init >/dev/null 2>&1 || fail init
# More series than `metric add` allows, written straight into the file (an
# older or a hostile database), every one with a hostile answer.
q "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 600)
INSERT INTO series (name, source, query, interval)
SELECT 's' || i, 'mackerel', 'host:' || CASE i % 4 WHEN 0 THEN 'endless'
  WHEN 1 THEN 'endless-chunked' WHEN 2 THEN 'big' ELSE 'huge' END
  || ':m', 15 FROM k;" || fail "insert series"

# Peak resident memory (VmHWM) of the agent over three rounds.
"$W" agent --max-rounds 3 2>"$T/agent.err" &
pid=$!
hwm=0
while kill -0 "$pid" 2>/dev/null; do
	v=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null)
	[ -n "$v" ] && [ "$v" -gt "$hwm" ] && hwm=$v
	sleep 0.05
done
wait "$pid" || fail "agent failed: $(cat "$T/agent.err")"
polled=$(q "SELECT count(*) FROM series WHERE last_error IS NOT NULL OR last_ok IS NOT NULL")
assert_eq "$polled" 192 "three rounds of 64 series"
assert_contains "$(q "SELECT last_error FROM series WHERE name = 's4'")" "larger than 2 MiB" "1 GB claimed"
assert_contains "$(q "SELECT last_error FROM series WHERE name = 's1'")" "larger than 2 MiB" "chunked forever"
assert_contains "$(q "SELECT last_error FROM series WHERE name = 's2'")" "larger than 2 MiB" "9 MiB of blanks"
assert_contains "$(q "SELECT last_error FROM series WHERE name = 's3'")" "too many points" "30000 points"
echo "agent VmHWM ${hwm} kB" >&2
[ "$hwm" -gt 1000 ] || fail "VmHWM was not read ($hwm kB)"
[ "$hwm" -lt 131072 ] || fail "the agent's peak memory is ${hwm} kB (limit 128 MiB)"
pass "600 series of endless answers: the agent peaks at ${hwm} kB"

out=$("$W" metric list) || fail "metric list"
assert_contains "$out" "limits: 600 of at most 500 series; the agent polls up to 64 a round, 16 at once; an answer up to 2 MiB and 20000 points" "metric list tells the limits"
assert_fails "a series beyond the limit" "$W" metric add more --mackerel host:ok:m
assert_contains "$(cat "$T/err")" "already 600 series" "says why"
assert_eq "$(q "SELECT count(*) FROM series")" 600 "nothing added"
pass "metric list tells the limits; metric add refuses a series beyond them"
