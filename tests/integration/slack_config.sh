#!/bin/sh
# slack_config.sh: with no webhook an update stays queued and list and status
# say why; per-audience webhooks; templates; bad input changes nothing.
. "$(dirname "$0")/../lib.sh"

no_proxy='*' && export no_proxy
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
export WARROOM_NOW=1764158400
CFG=$XDG_CONFIG_HOME/warroom/config

"$W" declare "Mail delayed" --severity SEV3 >/dev/null 2>&1 || fail declare
assert_eq "$("$W" update --audience users "Mail may arrive late. No action needed.")" 1 "queued without any config"
"$W" agent --once 2>"$T/agent.err" || fail "agent without config"
assert_contains "$(cat "$T/agent.err")" "no webhook for users" "agent log says why"
assert_eq "$(sqlite3 "$WARROOM_DB" "SELECT state, attempts FROM status_update")" "queued|0" "still queued, no attempt counted"
lst=$("$W" update --list) || fail "update --list"
assert_contains "$lst" "users     queued 0  waiting: no webhook for users: set [slack] webhook.users or webhook" "list says why"
st=$("$W" status) || fail "status: $(cat "$T/err" 2>/dev/null)"
assert_contains "$st" "#1 users queued: waiting: no webhook for users" "status says why"
assert_contains "$st" "updates   next due in 1h00m (every 1h00m)" "status: next update due (SEV3: 60 min)"
assert_contains "$(WARROOM_NOW=$((WARROOM_NOW + 4000)) "$W" status)" "OVERDUE by 6m" "status: overdue"
pass "no webhook: queued, and list and status say why"

# A webhook for managers only: users' update still waits, managers' goes.
RX=$T/rx
slack_rx_start "$RX" ""
mkdir -p "$XDG_CONFIG_HOME/warroom"
printf '[slack]\nwebhook.managers = http://127.0.0.1:%s/services/SECRETm\n' "$RX_PORT" >"$CFG"
chmod 644 "$CFG"
assert_fails "agent refuses a config others can read" "$W" agent --once
assert_not_contains "$(cat "$T/err")" "SECRET" "config error shows no URL"
chmod 600 "$CFG"
"$W" update --audience managers "Impact: mail delayed up to 20 min" >/dev/null || fail "managers update"
"$W" agent --once 2>/dev/null || fail "agent with managers webhook"
assert_eq "$(slack_rx_count "$RX")" 1 "managers delivered"
assert_eq "$(cat "$RX/1.path")" /services/SECRETm "to the managers webhook"
assert_eq "$(sqlite3 "$WARROOM_DB" "SELECT id, state FROM status_update ORDER BY id" | tr '\n' ' ')" "1|queued 2|sent " "users waits, managers sent"
# Now a default webhook: the waiting users' update goes at once.
printf '[slack]\nwebhook.managers = http://127.0.0.1:%s/services/SECRETm\nwebhook = http://127.0.0.1:%s/services/SECRETd\n' "$RX_PORT" "$RX_PORT" >"$CFG"
"$W" agent --once 2>/dev/null || fail "agent with default webhook"
assert_eq "$(slack_rx_count "$RX")" 2 "users delivered once configured"
assert_eq "$(cat "$RX/2.path")" /services/SECRETd "to the default webhook"
printf '[slack]\nwebhook = ftp://127.0.0.1/x\n' >"$CFG"
"$W" update "should wait" >/dev/null || fail "update 3"
"$W" agent --once 2>/dev/null || fail "agent with a bad URL"
assert_contains "$("$W" update --list)" "waiting: [slack] webhook in $CFG is not an http(s) URL" "bad URL explained"
assert_eq "$(slack_rx_count "$RX")" 2 "nothing posted to a bad URL"
pass "per-audience webhooks"

# Templates per audience, and the bare template is refused.
assert_contains "$("$W" update --template)" "What we know:" "engineers template"
assert_contains "$("$W" update --template)" "Next steps:" "engineers template"
assert_contains "$("$W" update --template --audience managers)" "Decision needed:" "managers template"
assert_contains "$("$W" update --template --audience users)" "plain words" "users template"
"$W" update --template --audience managers | "$W" update --audience managers - >/dev/null 2>"$T/err" && fail "bare template accepted"
assert_contains "$(cat "$T/err")" "still the bare managers template" "bare template refused"
printf 'Impact: none\nExpected recovery: 14:00\nDecision needed: no\n' | "$W" update --audience managers - >/dev/null || fail "body from stdin"
assert_eq "$(sqlite3 "$WARROOM_DB" "SELECT body FROM status_update ORDER BY id DESC LIMIT 1")" "Impact: none
Expected recovery: 14:00
Decision needed: no" "multi-line body kept"
pass "templates"

# Bad input: one-line error, nothing changed.
"$W" phase investigating || fail phase
sum=$(db_sum)
assert_fails "empty" "$W" update ""
assert_fails "blank" "$W" update "   "
assert_fails "unknown audience" "$W" update --audience execs "x"
assert_fails "invalid UTF-8" "$W" update "$(printf 'bad\377')"
assert_fails "too long" "$W" update "$(head -c 12001 /dev/zero | tr '\0' x)"
assert_fails "phase moved since the preview" "$W" update --phase detected "x"
assert_contains "$(cat "$T/err")" "phase changed to investigating" "phase check says why"
assert_fails "two modes" "$W" update --list --template
assert_fails "no text" "$W" update
assert_eq "$(db_sum)" "$sum" "nothing changed"
pass "bad input refused"
