#!/bin/sh
# config_reload.sh: a running agent reads its config again when the file is
# edited: a webhook corrected while it runs (a typo'd key, a dead port, a
# wrong address answering 404) takes effect without a restart; the same
# process delivers the next update to the right receiver.
. "$(dirname "$0")/../lib.sh"

no_proxy='*' && export no_proxy
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
CFG=$XDG_CONFIG_HOME/warroom/config
RX=$T/rx
slack_rx_start "$RX" ""
GOOD=$RX_PORT
RX404=$T/rx404
slack_rx_start "$RX404" "404,404,404,404,404,404,404,404,404,404"
DEAD=$(free_port)

# Wait until shell condition COND holds (up to SECONDS, default 8).
until_true() { # what cond [seconds]
	_end=$(($(date +%s) + ${3:-8}))
	while ! eval "$2"; do
		[ "$(date +%s)" -le "$_end" ] || fail "$1 (agent log: $(tail -n 5 "$T/agent.log"))"
		sleep 0.1
	done
}
state() { sqlite3 "$WARROOM_DB" "SELECT state FROM status_update WHERE id = $1"; }
reloads() { grep -c "config read again" "$T/agent.log"; }

write_config "$CFG" <<EOF
[slack]
# the key mistyped
webhok = http://127.0.0.1:$GOOD/services/T1/B1/SECRETgood
EOF
"$W" declare "Search down" >/dev/null || fail declare
"$W" agent 2>"$T/agent.log" &
AGENT=$!
on_exit "kill $AGENT"
until_true "agent warns about the typo" "grep -q 'unknown key' '$T/agent.log'"
assert_contains "$(cat "$T/agent.log")" "warroom: $CFG:3: unknown key 'webhok' in [slack]; did you mean 'webhook'?" "the agent names the line and the fix"
"$W" update "first" >/dev/null || fail "update 1"
until_true "update 1 waits for a webhook" "'$W' update --list 2>/dev/null | grep -q 'no webhook for engineers'"
assert_eq "$(slack_rx_count "$RX")" 0 "nothing posted yet"

# Fixed in place (the same inode, as `sed -i`-less editors do).
printf '[slack]\n# fixed\nwebhook = http://127.0.0.1:%s/services/T1/B1/SECRETgood\n' "$GOOD" >"$CFG"
until_true "update 1 delivered after the fix" "[ \"\$(slack_rx_count '$RX')\" -eq 1 ]"
assert_eq "$(state 1)" sent "update 1 sent"
assert_eq "$(reloads)" 1 "one reload logged"
kill -0 "$AGENT" || fail "the agent stopped"
pass "typo'd key fixed: the waiting update goes, no restart"

# A dead port: the update fails and waits to retry; the file is replaced
# (a new inode, as most editors save) with the right one.
write_config "$CFG.new" <<EOF
[slack]
webhook = http://127.0.0.1:$DEAD/services/T1/B1/SECRETdead
EOF
mv "$CFG.new" "$CFG"
until_true "reload 2" "[ \"\$(reloads)\" -eq 2 ]"
"$W" update "second" >/dev/null || fail "update 2"
until_true "update 2 tried and waiting to retry" "'$W' update --list | grep -q 'retry in'"
write_config "$CFG.new" <<EOF
[slack]
webhook = http://127.0.0.1:$GOOD/services/T1/B1/SECRETgood2
EOF
mv "$CFG.new" "$CFG"
until_true "update 2 delivered after the fix" "[ \"\$(slack_rx_count '$RX')\" -eq 2 ]" 6
assert_eq "$(cat "$RX/2.path")" /services/T1/B1/SECRETgood2 "to the corrected webhook"
assert_eq "$(state 2)" sent "update 2 sent"
pass "dead port fixed: the retry goes to the new webhook"

# A webhook answering 404 fails the update for good; after the fix the
# next update reaches the receiver.
write_config "$CFG" <<EOF
[slack]
webhook = http://127.0.0.1:$(cat "$RX404/port")/services/T1/B1/SECRETwrong
EOF
until_true "reload 4" "[ \"\$(reloads)\" -eq 4 ]"
"$W" update "third" >/dev/null || fail "update 3"
until_true "update 3 failed with 404" "[ \"\$(state 3)\" = failed ]"
assert_contains "$(sqlite3 "$WARROOM_DB" "SELECT last_error FROM status_update WHERE id = 3")" "HTTP 404" "404 recorded"
write_config "$CFG" <<EOF
[slack]
webhook.engineers = http://127.0.0.1:$GOOD/services/T1/B1/SECRETeng
EOF
until_true "reload 5" "[ \"\$(reloads)\" -eq 5 ]"
"$W" update "fourth" >/dev/null || fail "update 4"
until_true "update 4 delivered" "[ \"\$(slack_rx_count '$RX')\" -eq 3 ]"
assert_eq "$(cat "$RX/3.path")" /services/T1/B1/SECRETeng "to the engineers webhook now set"
assert_eq "$(slack_rx_count "$RX404")" 1 "the wrong receiver got only update 3"
kill -0 "$AGENT" || fail "the agent stopped"
pass "404 webhook fixed: the next update arrives"

# No secret in what the agent logged.
if grep -n "SECRET" "$T/agent.log"; then fail "a webhook in the agent's log"; fi
kill "$AGENT"
wait "$AGENT"
assert_eq "$?" 0 "the agent ends cleanly on SIGTERM"
pass "one agent process throughout, no secret logged"
