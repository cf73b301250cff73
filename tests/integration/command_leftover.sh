#!/bin/sh
# command_leftover.sh: a command source cannot leave processes behind. A
# command that detaches a grandchild (setsid, a double fork, a child that
# ignores SIGTERM or keeps the output pipe open) and then hangs or exits:
# after the agent's round, no process of it remains.
. "$(dirname "$0")/../lib.sh"

q() { sqlite3 "$WARROOM_DB" "$1"; }
err_of() { q "SELECT coalesce(last_error, 'none') FROM series WHERE name = '$1'"; }

# Every process started below runs a copy of sleep named by a unique
# marker, so pgrep finds exactly ours.
M=wrleft$$x$(date +%N)
S=$T/$M
for x in a b c d e f g; do
	ln -s "$(command -v sleep)" "$S-$x" || fail "no sleep"
done
command -v setsid >/dev/null || fail "setsid is missing (util-linux)"

write_config "$T/config" <<EOC
[command]
enabled = yes
[agent]
timeout = 2s
EOC
export WARROOM_CONFIG="$T/config"
"$W" init >/dev/null 2>&1 || fail init

add() { "$W" metric add "$1" --command "$2" >/dev/null 2>&1 || fail "add $1"; }
# Detached into its own session, then the command hangs: timed out.
add hang "setsid ${S}-a 1000 >/dev/null 2>&1 & ${S}-b 1000"
# Detached, and the command itself succeeds at once.
add quick "setsid ${S}-c 1000 >/dev/null 2>&1 & echo 5"
# A double fork in the same session, then success.
add dfork "( ( ${S}-d 1000 >/dev/null 2>&1 & ) & ) ; echo 6"
# Detached but holding the output pipe open: the command never ends.
add pipe "setsid ${S}-e 1000 & echo 7"
# A detached shell that ignores TERM and HUP, with a child of its own.
add deaf "setsid sh -c 'trap \"\" TERM HUP; ${S}-f 1000 & ${S}-g 1000' >/dev/null 2>&1 & echo 8"

start=$(date +%s)
"$W" agent --once 2>"$T/agent.err" || fail "agent: $(cat "$T/agent.err")"
took=$(($(date +%s) - start))
[ "$took" -le 6 ] || fail "the round took ${took}s (timeout 2s)"
assert_contains "$(err_of hang)" "timed out" "hanging command"
assert_contains "$(err_of pipe)" "timed out" "command holding its pipe"
for s in quick dfork deaf; do
	assert_eq "$(err_of $s)" none "$s succeeded"
done
assert_eq "$(q "SELECT group_concat(v) FROM (SELECT v FROM sample ORDER BY v)")" "5.0,6.0,8.0" "values of the commands that finished"
left=$(pgrep -f "$M" | tr '\n' ' ')
if [ -n "$left" ]; then
	ps -o pid,ppid,pgid,sid,args -p $left >&2
	kill -KILL $left
	fail "processes left after the round: $left"
fi
pass "no process of a command survives its round (5 ways to detach, ${took}s)"

# The same through the long-running agent loop, stopped after two rounds.
"$W" agent --max-rounds 2 2>"$T/agent2.err" || fail "agent loop: $(cat "$T/agent2.err")"
left=$(pgrep -f "$M" | tr '\n' ' ')
if [ -n "$left" ]; then
	kill -KILL $left
	fail "processes left after the agent loop: $left"
fi
pass "none after the agent loop either"
