#!/bin/sh
# alertmanager.sh: the agent against a real Alertmanager (Debian's
# prometheus-alertmanager) on 127.0.0.1, alerts posted through its own API
# v2: a firing alert is proposed while no incident is open, declared from
# with --from-alert, written to the timeline once (also across agent runs)
# and its resolution once.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/alertmanager.inc"

am_start 120
pass "alertmanager on $port ready"

# Post alerts (a JSON list) through Alertmanager's API v2.
am_post() {
	python3 - "$base" "$1" <<'EOP' || fail "posting alerts: $1"
import sys, urllib.request
r = urllib.request.Request(sys.argv[1] + "/api/v2/alerts", data=sys.argv[2].encode(),
    headers={"Content-Type": "application/json"}, method="POST")
urllib.request.urlopen(r, timeout=5).read()
EOP
}
# The fingerprints Alertmanager gives alerts whose alertname is $1.
am_fp() {
	python3 - "$base" "$1" <<'EOP'
import json, sys, urllib.request
for a in json.load(urllib.request.urlopen(sys.argv[1] + "/api/v2/alerts", timeout=5)):
    if a["labels"].get("alertname") == sys.argv[2]:
        print(a["fingerprint"])
EOP
}
# One query's answer (sq also prints the persist_wal setting first).
dbq() { sq "$WARROOM_DB" "$1" | tail -n +2; }
iso() { date -u -d "@$1" +%Y-%m-%dT%H:%M:%S.250Z; }

start=$(($(date +%s) - 300))
far=$(iso $(($(date +%s) + 3600)))
lat='{"labels":{"alertname":"HighLatency","service":"payments","severity":"critical"},"annotations":{"summary":"p99 latency over 2s"},"startsAt":"'$(iso $start)'"'
am_post '[{"labels":{"alertname":"HighLatency","service":"payments","severity":"critical"},"annotations":{"summary":"p99 latency over 2s"},"startsAt":"'$(iso $start)'","endsAt":"'$far'"},
 {"labels":{"alertname":"SearchSlow","service":"search","severity":"critical"},"startsAt":"'$(iso $start)'","endsAt":"'$far'"}]'
fp=$(am_fp HighLatency)
[ -n "$fp" ] || fail "Alertmanager lists no HighLatency alert"

write_config "$T/config" <<EOC
[alertmanager]
url = $base/
matchers = service="payments"
severity = critical=SEV1, warning=SEV3
EOC
export WARROOM_CONFIG="$T/config"
"$W" init >/dev/null || fail "init"

# No incident open: the alert is proposed, the other service's is not.
"$W" agent --once 2>"$T/agent.err" || fail "agent --once: $(cat "$T/agent.err")"
[ -s "$T/agent.err" ] && fail "agent complained: $(cat "$T/agent.err")"
out=$("$W" alerts)
assert_contains "$out" "$fp" "alerts lists the firing alert"
assert_contains "$out" "SEV1  HighLatency  p99 latency over 2s" "severity mapped, name, summary"
assert_not_contains "$out" "SearchSlow" "matchers select alerts"
assert_eq "$(dbq "SELECT count(*) FROM entry")" 0 "nothing written to a timeline with no incident"
pass "firing alert proposed, filtered by matchers"

# Every screen proposes it while no incident is open; declaring ends that.
tm_start view 200 30 "$W" view
tm_wait view "alert HighLatency firing since $(TZ=UTC date -u -d "@$start" +%H:%M): warroom declare --from-alert $fp" 10
pass "the screen proposes the alert"

# Bad input changes nothing.
sum=$(db_sum)
assert_fails "unknown fingerprint" "$W" declare --from-alert 0123456789abcdef
assert_fails "no title, no alert" "$W" declare
assert_eq "$(db_sum)" "$sum" "refused declares change nothing"

id=$("$W" declare --from-alert "$fp") || fail "declare --from-alert"
row=$(dbq "SELECT title || '|' || severity || '|' || detected FROM incident WHERE id = $id")
assert_eq "$row" "p99 latency over 2s|SEV1|$start" "declared with title, severity, detection time"
tm_wait_gone view "alert HighLatency firing since" 10
pass "declare --from-alert; the proposal leaves the screen"

# The agent tells the open incident once, with the start as event time,
# also when run again (an agent restart).
"$W" agent --once 2>"$T/agent.err" || fail "agent --once: $(cat "$T/agent.err")"
"$W" agent --once 2>>"$T/agent.err" || fail "agent --once again"
[ -s "$T/agent.err" ] && fail "agent complained: $(cat "$T/agent.err")"
q="SELECT count(*) FROM entry WHERE incident_id = $id AND source = 'alertmanager' AND kind = 'event'"
assert_eq "$(dbq "$q AND text LIKE 'alert HighLatency firing%'")" 1 "firing written once"
row=$(dbq "SELECT event_time || '|' || author || '|' || text FROM entry WHERE incident_id = $id AND source = 'alertmanager'")
assert_eq "$row" "$start|alertmanager|alert HighLatency firing (p99 latency over 2s): alertname=HighLatency, service=payments, severity=critical" "the firing entry"
assert_eq "$(dbq "$q AND text LIKE '%SearchSlow%'")" 0 "an unselected alert is not written"
pass "firing entry written once across agent runs"

# Alertmanager down: an error, and the alert is not taken as resolved.
sum=$(db_sum)
write_config "$T/config" <<EOC
[alertmanager]
url = http://127.0.0.1:$(free_port)/
EOC
"$W" agent --once 2>"$T/agent.err"
assert_contains "$(cat "$T/agent.err")" "alertmanager: no answer" "unreachable Alertmanager logged"
assert_eq "$(db_sum)" "$sum" "a failed poll changes nothing"
write_config "$T/config" <<EOC
[alertmanager]
url = $base/
matchers = service="payments"
severity = critical=SEV1, warning=SEV3
EOC
pass "failed poll resolves nothing"

# Resolve it through the API: its resolution is written once.
now=$(date +%s)
am_post '['"$lat"',"endsAt":"'$(iso $((now - 1)))'"}]'
[ -z "$(am_fp HighLatency)" ] || fail "Alertmanager still lists HighLatency as active"
"$W" agent --once 2>"$T/agent.err" || fail "agent --once: $(cat "$T/agent.err")"
"$W" agent --once 2>>"$T/agent.err" || fail "agent --once again"
[ -s "$T/agent.err" ] && fail "agent complained: $(cat "$T/agent.err")"
assert_eq "$(dbq "$q AND text LIKE 'alert HighLatency resolved%'")" 1 "resolution written once"
assert_eq "$(dbq "$q")" 2 "firing and resolution, nothing else"
assert_not_contains "$("$W" alerts)" "$fp" "a resolved alert is no longer proposed"
pass "resolution written once"

# It fires again (a new start): a new firing entry.
again=$((now + 1))
am_post '[{"labels":{"alertname":"HighLatency","service":"payments","severity":"critical"},"startsAt":"'$(iso $again)'","endsAt":"'$far'"}]'
"$W" agent --once 2>"$T/agent.err" || fail "agent --once: $(cat "$T/agent.err")"
assert_eq "$(dbq "$q AND text LIKE 'alert HighLatency firing%'")" 2 "a new start is a new firing"
pass "refiring told again"
