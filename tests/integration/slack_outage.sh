#!/bin/sh
# slack_outage.sh: the receiver is down (connection refused) for a while,
# then up: every queued update arrives exactly once, in order.
. "$(dirname "$0")/../lib.sh"

no_proxy='*' && export no_proxy
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
T0=1764158400
PORT=$(free_port)
mkdir -p "$XDG_CONFIG_HOME/warroom"
cat >"$XDG_CONFIG_HOME/warroom/config" <<EOF
[slack]
webhook = http://127.0.0.1:$PORT/services/T2/B2/SECRETdown
EOF
chmod 600 "$XDG_CONFIG_HOME/warroom/config"
at() { _t=$1; shift; WARROOM_NOW=$_t "$W" "$@" 2>>"$T/stderr.log"; }
row() { sqlite3 "$WARROOM_DB" "SELECT state, attempts, next_attempt FROM status_update WHERE id = $1"; }

at $T0 declare "Search down" --severity SEV1 >/dev/null || fail declare
at $T0 phase mitigating || fail phase
at $T0 update "failing over to the standby cluster" >/dev/null || fail "update 1"
at $T0 agent --once || fail "round 1"
assert_eq "$(row 1)" "queued|1|$((T0 + 5))" "refused: retry in 5 s"
assert_contains "$(sqlite3 "$WARROOM_DB" "SELECT last_error FROM status_update WHERE id = 1")" "no answer: Couldn't connect to server" "reason recorded"
at $((T0 + 2)) agent --once || fail "round 2"
assert_eq "$(row 1)" "queued|1|$((T0 + 5))" "not retried before it is due"
at $((T0 + 5)) agent --once || fail "round 3"
assert_eq "$(row 1)" "queued|2|$((T0 + 15))" "refused again: 10 s"
at $((T0 + 6)) phase recovered || fail phase2
at $((T0 + 6)) update "metrics back to normal" >/dev/null || fail "update 2"
at $((T0 + 7)) agent --once || fail "round 4"
assert_eq "$(row 2)" "queued|0|0" "a newer update waits behind the older one"
# The sqlite3 checks above remove the -wal a read-only command needs (they
# do not persist it as warroom does): a warroom writer brings it back.
at $((T0 + 7)) update --list >/dev/null || fail "update --list"
st=$(at $((T0 + 7)) status) || fail "status: $(tail -n 2 "$T/stderr.log")"
assert_contains "$st" "#1 engineers queued: retry in 8s: no answer" "status says why it waits"
pass "receiver down: queued, retried with backoff, in order"

RX=$T/rx
slack_rx_start "$RX" "" "$PORT"
at $((T0 + 15)) agent --once || fail "round 5"
assert_eq "$(slack_rx_count "$RX")" 2 "both delivered once up"
assert_contains "$(cat "$RX/1.body")" "failing over to the standby cluster" "first first"
assert_contains "$(cat "$RX/1.body")" "【対応中】 mitigating" "first keeps the heading of its phase"
assert_contains "$(cat "$RX/2.body")" "【復旧完了】 recovered" "second has the recovered heading"
for t in 16 30 100 1000; do
	at $((T0 + t)) agent --once || fail "round at +$t"
done
assert_eq "$(slack_rx_count "$RX")" 2 "exactly once across rounds"
assert_eq "$(row 1 | cut -d'|' -f1,2)" "sent|3" "first sent on its third attempt"
assert_eq "$(row 2 | cut -d'|' -f1,2)" "sent|1" "second sent on its first"
pass "receiver up: each update arrives exactly once"

# A running agent (not --once) picks up an update queued while it runs.
WARROOM_NOW=$((T0 + 2000)) "$W" agent 2>>"$T/stderr.log" &
AGENT=$!
on_exit "kill $AGENT"
at $((T0 + 2000)) update "all clear" >/dev/null || fail "update 3"
_end=$(($(date +%s) + 10))
until [ "$(slack_rx_count "$RX")" -ge 3 ]; do
	[ "$(date +%s)" -le "$_end" ] || fail "the running agent did not deliver"
	sleep 0.1
done
kill "$AGENT"
wait "$AGENT" 2>/dev/null
assert_eq "$(slack_rx_count "$RX")" 3 "third delivered once by a running agent"
grep -q SECRET "$T/stderr.log" && fail "webhook URL in the agent's log"
pass "running agent delivers"
