#!/bin/sh
# metrics_sources.sh: the command and demo sources, retention, the agent
# loop with no config file (as `make demo` runs it), and bad input to
# `warroom metric`.
. "$(dirname "$0")/../lib.sh"

A=${WARROOM_ASAN_BIN:-}
[ -x "$A" ] || A=$W
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
q() { sqlite3 "$WARROOM_DB" "$1"; }
err_of() { q "SELECT coalesce(last_error, 'none') FROM series WHERE name = '$1'"; }
count_of() { q "SELECT count(*) FROM sample JOIN series ON series.id = series_id WHERE name = '$1'"; }

"$W" init >/dev/null 2>&1 || fail init

# --- bad input: one line, nothing changed ---------------------------------
before=$(db_sum)
assert_fails "no source" "$W" metric add x
assert_fails "two sources" "$W" metric add x --demo cpu --command 'echo 1'
assert_fails "unknown curve" "$W" metric add x --demo nope
assert_fails "bad warn" "$W" metric add x --demo cpu --warn abc
assert_fails "infinite crit" "$W" metric add x --demo cpu --crit inf
assert_fails "zero interval" "$W" metric add x --demo cpu --interval 0
assert_fails "huge interval" "$W" metric add x --demo cpu --interval 999999
assert_fails "empty name" "$W" metric add ' ' --demo cpu
assert_fails "control in query" "$W" metric add x --command "$(printf 'echo 1\033[2J')"
assert_fails "bad utf-8 name" "$W" metric add "$(printf 'a\377b')" --demo cpu
assert_fails "no name" "$W" metric add --demo cpu
assert_fails "unknown subcommand" "$W" metric frob
assert_fails "remove unknown" "$W" metric remove nothing
assert_eq "$(db_sum)" "$before" "bad input changes nothing"
pass "bad input refused"

# --- the command source ---------------------------------------------------
"$W" metric add one --command 'echo 42' --unit req >/dev/null 2>"$T/note" || fail "add one"
assert_contains "$(cat "$T/note")" "[command] enabled = yes" "add warns commands are off"
now=$(date +%s)
"$W" metric add lines --command "printf '%s 1.5\n%s 2.5\n\n%s NaN\n' $((now - 20)) $((now - 10)) $now" >/dev/null 2>&1 || fail "add lines"
"$W" metric add exit3 --command 'echo oops >&2; exit 3' >/dev/null 2>&1 || fail "add exit3"
"$W" metric add words --command 'echo hello' >/dev/null 2>&1 || fail "add words"
"$W" metric add silent --command 'true' >/dev/null 2>&1 || fail "add silent"
"$W" metric add sleepy --command 'sleep 20; echo 1' >/dev/null 2>&1 || fail "add sleepy"
"$W" metric add chatty --command 'yes 1' >/dev/null 2>&1 || fail "add chatty"
"$W" metric add esc --command 'printf "x\033]0;pwn\007\n"; exit 1' >/dev/null 2>&1 || fail "add esc"

# Off by default: nothing runs, the series says why.
"$A" agent --once 2>"$T/agent.err" || fail "agent: $(cat "$T/agent.err")"
assert_contains "$(err_of one)" "command sources are off" "commands off"
assert_eq "$(count_of one)" 0 "nothing ran"

write_config "$HOME/.config/warroom/config" <<EOC
[command]
enabled = yes
[agent]
timeout = 3s
EOC
q "UPDATE series SET next_poll = 0"
start=$(date +%s)
"$A" agent --once 2>"$T/agent.err" || fail "agent: $(cat "$T/agent.err")"
took=$(($(date +%s) - start))
[ ! -s "$T/agent.err" ] || fail "agent printed: $(cat "$T/agent.err")"
assert_eq "$(err_of one)" none "one ok"
assert_eq "$(q "SELECT v FROM sample JOIN series ON series.id = series_id WHERE name = 'one'")" 42.0 "one value"
assert_eq "$(q "SELECT group_concat(v) FROM (SELECT v FROM sample JOIN series ON series.id = series_id WHERE name = 'lines' ORDER BY t)")" "1.5,2.5" "timestamp value lines (NaN skipped)"
assert_contains "$(err_of exit3)" "exit status 3: oops" "exit status and stderr"
assert_contains "$(err_of words)" "line 1 is not a number" "not a number"
assert_contains "$(err_of silent)" "printed nothing" "no output"
assert_contains "$(err_of sleepy)" "timed out after 3 s" "timeout"
assert_contains "$(err_of chatty)" "more than 64 KiB" "output bounded"
e=$(err_of esc)
printf '%s' "$e" | grep -q "$(printf '\033')" && fail "escape stored"
[ "$took" -lt 8 ] || fail "commands ran one after another: ${took}s"
pgrep -f 'sleep 20; echo 1' >/dev/null && fail "timed-out command left running"
pass "command source (round ${took}s)"

# --- the demo source and retention ----------------------------------------
"$W" metric add errors --demo errors --unit % --warn 2 --crit 5 --interval 5 >/dev/null || fail "add demo"
# A sample older than the retention window, and one inside it.
sid=$(q "SELECT id FROM series WHERE name = 'one'")
now=$(date +%s)
q "INSERT INTO sample VALUES ($sid, $((now - 7200)), 1), ($sid, $((now - 1800)), 2)"
write_config "$HOME/.config/warroom/config" <<EOC
[agent]
retention = 1h
EOC
"$A" agent --once 2>"$T/agent.err" || fail "agent: $(cat "$T/agent.err")"
assert_eq "$(q "SELECT count(*) FROM sample WHERE series_id = $sid AND t < $now - 3600")" 0 "old sample pruned"
assert_eq "$(q "SELECT count(*) FROM sample WHERE series_id = $sid AND t = $((now - 1800))")" 1 "recent sample kept"
# The demo backfilled the last hour on multiples of its interval, with an
# incident in it: a spike well above normal, and a recovery.
n=$(count_of errors)
[ "$n" -ge 700 ] && [ "$n" -le 722 ] || fail "demo backfill: $n samples"
assert_eq "$(q "SELECT count(*) FROM sample JOIN series ON series.id = series_id WHERE name = 'errors' AND t % 5 != 0")" 0 "aligned"
mx=$(q "SELECT max(v) > 8 AND min(v) < 1 FROM sample JOIN series ON series.id = series_id WHERE name = 'errors'")
assert_eq "$mx" 1 "demo has a spike and a normal level"
pass "demo source and retention"

write_config "$HOME/.config/warroom/config" <<EOC
[agent]
retention = forever
EOC
assert_fails "bad retention" "$W" agent --once
rm "$HOME/.config/warroom/config"

# --- the agent loop, no config file, as `make demo` runs it ----------------
"$W" --db "$T/demo.db" init >/dev/null 2>&1 || fail "demo init"
for c in errors latency cpu requests; do
	"$W" --db "$T/demo.db" metric add "$c" --demo "$c" --interval 1 >/dev/null || fail "demo add $c"
done
"$A" agent --db "$T/demo.db" >"$T/loop.out" 2>&1 &
ag=$!
on_exit "kill $ag"
first=$(sqlite3 "$T/demo.db" "SELECT max(t) FROM sample")
end=$(($(date +%s) + 15))
while :; do
	latest=$(sqlite3 "$T/demo.db" "SELECT max(t) FROM sample" 2>/dev/null)
	[ -n "$latest" ] && [ -n "$first" ] && [ "$latest" -ge $((first + 2)) ] && break
	[ -z "$first" ] && first=$latest
	[ "$(date +%s)" -lt "$end" ] || fail "demo agent loop wrote no new samples"
	sleep 0.2
done
kill -TERM "$ag"
wait "$ag" || fail "agent did not stop cleanly on SIGTERM: $(cat "$T/loop.out")"
[ ! -s "$T/loop.out" ] || fail "agent printed: $(cat "$T/loop.out")"
assert_eq "$(sqlite3 "$T/demo.db" "SELECT count(*) FROM series WHERE last_error IS NOT NULL")" 0 "demo healthy"
pass "agent loop keeps the demo moving"

"$W" metric remove errors || fail "metric remove"
assert_eq "$(count_of errors)" 0 "samples removed with the series"
assert_eq "$(q "SELECT count(*) FROM sample WHERE series_id NOT IN (SELECT id FROM series)")" 0 "no orphans"
