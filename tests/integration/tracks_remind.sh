#!/bin/sh
# tracks_remind.sh: reminders. `status` shows the current one (an update
# due, a stale check-in); the agent posts each once to the commander's own
# webhook ([slack] reminders), again only when it is a new reminder; a
# snooze (logged) holds them back ten minutes, then they come back. Without
# [slack] reminders nothing is posted.
. "$(dirname "$0")/../lib.sh"

T0=1764158400
no_proxy='*' && export no_proxy
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
RX=$T/rx
slack_rx_start "$RX" "200,200,echo:404:raw"
mkdir -p "$XDG_CONFIG_HOME/warroom"
CFG=$XDG_CONFIG_HOME/warroom/config
printf '[slack]\nreminders = http://127.0.0.1:%s/remind/SECRET\n' "$RX_PORT" >"$CFG"
chmod 600 "$CFG"
q() { sqlite3 "$WARROOM_DB" "$1"; }
at() { _s=$1; shift; WARROOM_NOW=$((T0 + _s)) "$W" "$@"; }
body() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["text"])' "$RX/$1.body"; }

# SEV2: an update every 30 min; detected at T0.
at 0 declare "検索 が遅い <!channel>" --severity SEV2 >/dev/null || fail "declare"
at 60 agent --once 2>/dev/null || fail "agent early"
assert_eq "$(slack_rx_count "$RX")" 0 "nothing due yet"
assert_not_contains "$(at 60 status)" "REMINDER" "no reminder yet"
st=$(at 1900 status)
assert_contains "$st" "REMINDER  Next status update due, overdue by 1m" "status shows it"
at 1900 agent --once 2>/dev/null || fail "agent due"
at 1910 agent --once 2>/dev/null || fail "agent due again"
assert_eq "$(slack_rx_count "$RX")" 1 "posted once"
assert_eq "$(cat "$RX/1.path")" /remind/SECRET "to the reminders webhook"
assert_contains "$(body 1)" "Reminder for incident #1 検索 が遅い &lt;!channel&gt;: Next status update due" "reminder text, escaped"
pass "an update due is shown by status and posted once"

# A snooze: logged, hides it, and it comes back (posted again) after.
at 1920 snooze >/dev/null || fail "snooze"
assert_contains "$(q "SELECT author || ': ' || text FROM entry ORDER BY id DESC LIMIT 1")" "$(id -un): Reminders snoozed for 10 min" "logged"
assert_not_contains "$(at 1930 status)" "REMINDER" "snoozed"
at 1930 agent --once 2>/dev/null || fail "agent snoozed"
assert_eq "$(slack_rx_count "$RX")" 1 "nothing posted while snoozed"
assert_contains "$(at 2530 status)" "REMINDER  Next status update due" "back after 10 min"
at 2530 agent --once 2>/dev/null || fail "agent after snooze"
assert_eq "$(slack_rx_count "$RX")" 2 "posted again after the snooze"
pass "snooze holds the reminder back 10 min, logged; then it returns"

# An update written: no reminder until the next is due.
at 2600 update "working on it" >/dev/null || fail "update"
assert_not_contains "$(at 2610 status)" "REMINDER" "update written"
# A stale check-in (update interval long, so only that reminds).
at 2620 interval --update 24h --checkin 5m >/dev/null || fail "interval"
at 2630 assign bob --join --purpose "find the cause" --task "read logs" >/dev/null || fail "assign"
assert_not_contains "$(at 2700 status)" "REMINDER" "bob fresh"
assert_contains "$(at 3000 status)" "REMINDER  bob has not checked in for 6m" "stale bob"
at 3000 agent --once 2>"$T/agent.err" || fail "agent stale"
at 3010 agent --once 2>>"$T/agent.err" || fail "agent stale again"
assert_eq "$(slack_rx_count "$RX")" 3 "stale posted once"
assert_contains "$(body 3)" "bob has not checked in" "stale text"
# That POST was refused with an answer quoting the webhook: logged once,
# not retried, the secret hidden.
assert_contains "$(cat "$T/agent.err")" "reminder not posted: HTTP 404" "logged"
assert_not_contains "$(cat "$T/agent.err")" "SECRET" "the webhook leaked into the log"
assert_contains "$(cat "$T/agent.err")" "<webhook>" "the quoted webhook is hidden"
at 3020 checkin bob >/dev/null || fail "checkin"
assert_not_contains "$(at 3030 status)" "REMINDER" "checked in"
pass "a stale check-in reminds once; a check-in ends it"

# No [slack] reminders: shown, never posted.
printf '[slack]\n' >"$CFG"
at 9000 agent --once 2>/dev/null || fail "agent without webhook"
assert_eq "$(slack_rx_count "$RX")" 3 "nothing posted without [slack] reminders"
assert_eq "$(q "SELECT count(*) FROM reminder_sent")" 3 "claims: one a reminder"
sqlite3 "$WARROOM_DB" .dump | grep -q SECRET && fail "webhook in the database"
pass "without [slack] reminders nothing is posted; the webhook never stored"
