#!/bin/sh
# config_reload_hup.sh: SIGHUP makes the agent read its config again (and
# does not stop it); an edit that breaks the file (a malformed line, a
# mode others can read, a bad [agent] value, the file removed) keeps the
# config in use, said in one line, and the next good edit is taken.
. "$(dirname "$0")/../lib.sh"

no_proxy='*' && export no_proxy
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
CFG=$T/etc/config
export WARROOM_CONFIG=$CFG
RX=$T/rx
slack_rx_start "$RX" ""

until_true() { # what cond [seconds]
	_end=$(($(date +%s) + ${3:-8}))
	while ! eval "$2"; do
		[ "$(date +%s)" -le "$_end" ] || fail "$1 (agent log: $(tail -n 5 "$T/agent.log"))"
		sleep 0.1
	done
}
reloads() { grep -c "config read again" "$T/agent.log"; }
kept() { grep -c "still using the config read before" "$T/agent.log"; }
good() { # path tag
	write_config "$CFG" <<EOF
[slack]
webhook = http://127.0.0.1:$RX_PORT/services/T9/B9/SECRET$1
EOF
}

good one
"$W" declare "Queue stuck" >/dev/null || fail declare
"$W" agent 2>"$T/agent.log" &
AGENT=$!
on_exit "kill $AGENT"
"$W" update "u1" >/dev/null || fail "update 1"
until_true "update 1 delivered" "[ \"\$(slack_rx_count '$RX')\" -eq 1 ]"

# SIGHUP with nothing changed: read again at once, still running. (Above,
# the agent has no terminal, as under systemd.)
kill -HUP "$AGENT"
until_true "SIGHUP reload" "[ \"\$(reloads)\" -eq 1 ]" 2
sleep 0.3
kill -0 "$AGENT" || fail "SIGHUP stopped the agent"
kill -HUP "$AGENT"
until_true "second SIGHUP reload" "[ \"\$(reloads)\" -eq 2 ]" 2
# An edit and SIGHUP together: one of them reads it, the next update goes
# to the new webhook.
good two
kill -HUP "$AGENT"
"$W" update "u2" >/dev/null || fail "update 2"
until_true "update 2 delivered" "[ \"\$(slack_rx_count '$RX')\" -eq 2 ]"
assert_eq "$(cat "$RX/2.path")" /services/T9/B9/SECRETtwo "the edited webhook"
pass "SIGHUP reloads without stopping the agent"

# Broken edits: each keeps the config in use, one line each, once.
n=$(reloads)
printf '[slack]\nwebhook http://127.0.0.1:%s/services/T9/B9/SECRETbad\n' "$RX_PORT" >"$CFG"
until_true "malformed line reported" "[ \"\$(kept)\" -eq 1 ]" 4
assert_contains "$(grep "still using" "$T/agent.log" | tail -n 1)" "$CFG:2: expected key = value" "the line is named"
sleep 1.5 # a few of the agent's once-a-second looks at the file
assert_eq "$(kept)" 1 "said once, not every second"
"$W" update "u3" >/dev/null || fail "update 3"
until_true "update 3 delivered with the old config" "[ \"\$(slack_rx_count '$RX')\" -eq 3 ]"
assert_eq "$(cat "$RX/3.path")" /services/T9/B9/SECRETtwo "still the config read before"

good three
chmod 644 "$CFG"
until_true "readable by others refused" "[ \"\$(kept)\" -eq 2 ]" 4
assert_contains "$(grep "still using" "$T/agent.log" | tail -n 1)" "chmod 600" "says how to fix it"
printf '[slack]\nwebhook = http://127.0.0.1:%s/services/T9/B9/SECRETfour\n[agent]\nretention = 1x\n' "$RX_PORT" >"$CFG"
chmod 600 "$CFG"
until_true "bad [agent] value refused" "[ \"\$(kept)\" -eq 3 ]" 4
assert_contains "$(grep "still using" "$T/agent.log" | tail -n 1)" "retention" "names the setting"
rm "$CFG"
until_true "removed file refused" "[ \"\$(kept)\" -eq 4 ]" 4
printf '[slack]\nwebhook = http://127.0.0.1:%s/services/T9/B9/SECRETfive\n[slak]\nwebhook = x\n' "$RX_PORT" >"$CFG.tmp"
chmod 600 "$CFG.tmp"
mv "$CFG.tmp" "$CFG"
until_true "fixed file read" "[ \"\$(reloads)\" -eq $((n + 1)) ]" 4
assert_contains "$(cat "$T/agent.log")" "$CFG:3: unknown section [slak]; did you mean [slack]?" "the new file's typo is reported"
"$W" update "u4" >/dev/null 2>&1 || fail "update 4"
until_true "update 4 delivered" "[ \"\$(slack_rx_count '$RX')\" -eq 4 ]"
assert_eq "$(cat "$RX/4.path")" /services/T9/B9/SECRETfive "the fixed file's webhook"
kill -0 "$AGENT" || fail "the agent stopped"
pass "a broken edit keeps the running config, said once; the fix is taken"

if grep -n "SECRET" "$T/agent.log"; then fail "a webhook in the agent's log"; fi
kill "$AGENT"
wait "$AGENT"
assert_eq "$?" 0 "SIGTERM still ends the agent"
pass "no secret logged; SIGTERM ends it"

# An agent started in a terminal still stops when that terminal goes away
# (the same SIGHUP, but our terminal is gone): it is not left behind.
tm_start hup 80 24 "sh -c 'echo \$\$ >$T/tty.pid; exec $W agent 2>$T/tty.log'"
until_true "agent in a terminal started" "[ -s '$T/tty.pid' ] && grep -q . '$T/tty.pid'" 5
TPID=$(cat "$T/tty.pid")
on_exit "kill $TPID"
sleep 0.5
kill -0 "$TPID" || fail "the terminal's agent did not start: $(cat "$T/tty.log")"
tm_stop hup
until_true "the agent ends with its terminal" "! kill -0 $TPID 2>/dev/null" 5
assert_not_contains "$(cat "$T/tty.log")" "config read again" "a hang-up is not a reload"
pass "a terminal's hang-up still stops the agent"
