#!/bin/sh
# tracks_retry.sh: a failed update waits for someone: `update --retry ID`
# queues it again (and a users' update then sets the users' track), `--drop
# ID` gives it up; each is in the timeline. Acting on an update that is not
# failed, twice, or with a bad number changes nothing, with one line.
. "$(dirname "$0")/../lib.sh"

export WARROOM_NOW=1764158400
no_proxy='*' && export no_proxy
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
RX=$T/rx
slack_rx_start "$RX" "404,410,200"
mkdir -p "$XDG_CONFIG_HOME/warroom"
printf '[slack]\nwebhook = http://127.0.0.1:%s/hook/SECRET\n' "$RX_PORT" \
    >"$XDG_CONFIG_HOME/warroom/config"
chmod 600 "$XDG_CONFIG_HOME/warroom/config"
q() { sqlite3 "$WARROOM_DB" "$1"; }

"$W" declare "配送 遅延" >/dev/null || fail "declare"
"$W" update --audience users "配送が遅れています。" >/dev/null || fail "u1"
"$W" update --audience managers "影響: 一部" >/dev/null || fail "u2"
"$W" agent --once 2>/dev/null || fail "agent 1"
assert_eq "$(q "SELECT group_concat(state) FROM status_update")" "failed,failed" "both failed"
assert_eq "$(q "SELECT comms FROM incident")" not-told "not told"
lst=$("$W" update --list)
assert_contains "$lst" "failed: HTTP 404: channel_not_found (warroom update --retry 1 or --drop 1)" "list says what to do"
pass "failed updates say how to act on them"

# Refusals first: nothing changes.
sum=$(db_sum)
assert_fails "retry a number that is not there" "$W" update --retry 99
assert_fails "retry text" "$W" update --retry abc
assert_fails "retry and drop" "$W" update --retry 1 --drop 2
assert_fails "retry with text" "$W" update --retry 1 "more text"
assert_fails "drop zero" "$W" update --drop 0
assert_eq "$(db_sum)" "$sum" "refusals change nothing"
pass "bad --retry/--drop refused with one line (5 variants), nothing changed"

# Retry: queued again from zero, in the timeline, then delivered.
out=$("$W" update --retry 1) || fail "retry"
assert_eq "$out" "update #1 queued again" "retry output"
assert_eq "$(q "SELECT state, attempts, last_error IS NULL FROM status_update WHERE id = 1")" "queued|0|1" "requeued"
assert_contains "$(q "SELECT author || ': ' || text FROM entry ORDER BY id DESC LIMIT 1")" "$(id -un): Status update #1 to users queued again after it failed" "timeline"
WARROOM_NOW=$((WARROOM_NOW + 60)) "$W" agent --once 2>/dev/null || fail "agent 2"
assert_eq "$(q "SELECT state FROM status_update WHERE id = 1")" sent "sent on retry"
assert_eq "$(q "SELECT comms, users_told FROM incident")" "told|$((WARROOM_NOW + 60))" "users told by the retried update"
assert_fails "retry a sent update" "$W" update --retry 1
assert_contains "$(cat "$T/err")" "is sent, not failed" "why"
pass "--retry sends a failed update again, recorded; a sent one is refused"

# Drop: stays listed as given up, no longer asks for attention.
out=$("$W" update --drop '#2') || fail "drop"
assert_eq "$out" "update #2 given up" "drop output"
assert_eq "$(q "SELECT state, dropped_at, dropped_by FROM status_update WHERE id = 2")" "failed|$WARROOM_NOW|$(id -un)" "dropped"
assert_contains "$(q "SELECT text FROM entry ORDER BY id DESC LIMIT 1")" "Status update #2 to managers given up after it failed" "timeline"
assert_contains "$("$W" update --list)" "given up: HTTP 410" "list says given up"
sum=$(db_sum)
assert_fails "drop twice" "$W" update --drop 2
assert_contains "$(cat "$T/err")" "already given up" "why"
assert_eq "$(db_sum)" "$sum" "second drop changes nothing"
# A dropped update can still be sent again if someone changes their mind.
"$W" update --retry 2 >/dev/null || fail "retry after drop"
assert_eq "$(q "SELECT state, dropped_at IS NULL FROM status_update WHERE id = 2")" "queued|1" "undropped by retry"
pass "--drop gives a failed update up, recorded; twice is refused"
