#!/bin/sh
# slack_retry.sh: 429 honours Retry-After, 5xx and timeouts back off and
# retry, 400 fails for good with its reason; updates keep their order per
# webhook. Time moves by WARROOM_NOW, not by sleeping.
. "$(dirname "$0")/../lib.sh"

no_proxy='*' && export no_proxy
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
T0=1764158400
RX=$T/rx
slack_rx_start "$RX" "429:7,500,400,200,hang,200"
mkdir -p "$XDG_CONFIG_HOME/warroom"
cat >"$XDG_CONFIG_HOME/warroom/config" <<EOF
[slack]
webhook = http://127.0.0.1:$RX_PORT/services/T1/B1/SECRETretry
timeout = 1
EOF
chmod 600 "$XDG_CONFIG_HOME/warroom/config"

at() { # epoch, command...: run warroom at a given time
	_t=$1
	shift
	WARROOM_NOW=$_t "$W" "$@" 2>>"$T/stderr.log"
}
row() { sqlite3 "$WARROOM_DB" "SELECT state, attempts, next_attempt FROM status_update WHERE id = $1"; }

at $T0 declare "Payments slow" >/dev/null || fail declare
at $T0 update "first update" >/dev/null || fail "update 1"
at $T0 update --audience managers "second update" >/dev/null || fail "update 2"

at $T0 agent --once || fail "round 1"
assert_eq "$(slack_rx_count "$RX")" 1 "429: one request, the second waits behind the first"
assert_eq "$(row 1)" "queued|1|$((T0 + 7))" "429 schedules the next attempt after Retry-After"
assert_eq "$(row 2)" "queued|0|0" "second not tried while the first waits"
assert_contains "$(at $((T0 + 1)) update --list)" "retry in 6s: HTTP 429 rate_limited: retry after 7 s" "list says why"
pass "429 honours Retry-After"

at $((T0 + 3)) agent --once || fail "round 2"
assert_eq "$(slack_rx_count "$RX")" 1 "nothing before Retry-After"

at $((T0 + 7)) agent --once || fail "round 3"
assert_eq "$(slack_rx_count "$RX")" 2 "retried when due"
assert_eq "$(row 1)" "queued|2|$((T0 + 7 + 10))" "500: backoff doubles (5 s, then 10 s)"
assert_contains "$(sqlite3 "$WARROOM_DB" "SELECT last_error FROM status_update WHERE id = 1")" "HTTP 500: internal_error" "last_error of the 500"
pass "500 retried with backoff"

at $((T0 + 16)) agent --once || fail "round 4"
assert_eq "$(slack_rx_count "$RX")" 2 "nothing before the backoff ends"
at $((T0 + 17)) agent --once || fail "round 5"
assert_eq "$(slack_rx_count "$RX")" 4 "400 for the first, then the second goes"
assert_eq "$(row 1)" "failed|3|0" "400 is failed, not retried"
assert_eq "$(sqlite3 "$WARROOM_DB" "SELECT last_error FROM status_update WHERE id = 1")" "HTTP 400: invalid_payload" "failure reason"
assert_eq "$(row 2 | cut -d'|' -f1,2)" "sent|1" "second sent after the first failed"
assert_contains "$(sqlite3 "$WARROOM_DB" "SELECT text FROM entry WHERE kind = 'note'")" "Status update #1 to engineers was NOT delivered: HTTP 400: invalid_payload" "timeline says it was not delivered"
lst=$(at $((T0 + 17)) update --list)
assert_contains "$lst" "failed 3  failed: HTTP 400: invalid_payload" "list shows the failure"
at $((T0 + 500)) agent --once || fail "round 6"
assert_eq "$(slack_rx_count "$RX")" 4 "a failed update is never retried"
pass "400 marked failed with its reason, never retried"

# No answer at all: the POST times out ([slack] timeout = 1) and retries.
at $((T0 + 600)) update "third update" >/dev/null || fail "update 3"
s=$(date +%s)
at $((T0 + 600)) agent --once || fail "round 7"
[ $(($(date +%s) - s)) -le 4 ] || fail "the timeout did not cut the hung request"
assert_eq "$(slack_rx_count "$RX")" 5 "hung request"
assert_eq "$(row 3)" "queued|1|$((T0 + 605))" "timeout retried after 5 s"
assert_contains "$(sqlite3 "$WARROOM_DB" "SELECT last_error FROM status_update WHERE id = 3")" "no answer: Timeout was reached" "timeout reason"
at $((T0 + 605)) agent --once || fail "round 8"
assert_eq "$(row 3 | cut -d'|' -f1,2)" "sent|2" "delivered on the retry"
assert_eq "$(slack_rx_ok "$RX")" 2 "two answered deliveries in all"
grep -q 'third update' "$RX/6.body" || fail "the retry carries the update"
pass "no answer: timeout, then retried and delivered"

grep -q SECRET "$T/stderr.log" && fail "webhook URL in the agent's log"
sqlite3 "$WARROOM_DB" .dump | grep -q SECRET && fail "webhook URL in the database"
pass "webhook URL not leaked"
