#!/bin/sh
# statuspage.sh: users updates go to a local Statuspage stand-in
# (statuspage_receiver.py, which checks method, path, Authorization and
# body): the first creates the page incident, later ones PATCH it (each
# `agent --once` is a new agent: the id comes from the database), phases
# map to the page's statuses, 429 waits for Retry-After, 500 backs off,
# a create whose answer is lost is found again (not created twice), and
# Slack and the page keep their own state: a Slack retry never resends to
# the page. Time moves by WARROOM_NOW, not by sleeping.
. "$(dirname "$0")/../lib.sh"

no_proxy='*' && export no_proxy
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
T0=1764158400
KEY=spKEY-Zx81Qw33Lr
PAGE=pg1abc
SP=$T/sp
mkdir -p "$SP"
# Requests: 1 GET + 2 POST (answer lost), 3 GET (found: sent);
# 4 PATCH 429; 5 GET + 6 PATCH 500; 7 GET + 8 PATCH ok; 9-12 PATCH ok;
# 13 PATCH (answer lost), 14 GET (found: sent); 15 GET 401 quoting the key.
python3 "$(dirname "$0")/statuspage_receiver.py" --dir "$SP" --page $PAGE \
    --key $KEY --timeout 60 --script "ok,drop,ok,429:7,ok,500,ok,ok,ok,ok,ok,ok,drop,ok,echo401" &
on_exit "kill $!"
_end=$(($(date +%s) + 10))
while [ ! -s "$SP/port" ]; do
	[ "$(date +%s)" -le "$_end" ] || fail "statuspage receiver did not start"
	sleep 0.05
done
SP_PORT=$(cat "$SP/port")
RX=$T/rx
slack_rx_start "$RX" "500,500"
CFG=$XDG_CONFIG_HOME/warroom/config
mkdir -p "$XDG_CONFIG_HOME/warroom"
cat >"$CFG" <<EOF2
[slack]
webhook.users = http://127.0.0.1:$RX_PORT/services/T1/B1/SECRETslack
timeout = 2
[statuspage]
url = http://127.0.0.1:$SP_PORT/
page_id = $PAGE
api_key = $KEY
EOF2
chmod 600 "$CFG"

at() { _t=$1; shift; WARROOM_NOW=$_t "$W" "$@" 2>>"$T/stderr.log"; }
q() { sqlite3 "$WARROOM_DB" "$1"; }
page() { q "SELECT state, attempts, next_attempt FROM page_delivery WHERE update_id = $1"; }
nreq() { wc -l <"$SP/log" | tr -d ' '; }
reqline() { sed -n "${1}p" "$SP/log"; }
inc() { # python expression over the receiver's incidents
	python3 -c 'import json,sys; I=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$SP/incidents.json" "$1"
}
field() { # n expr: over the JSON body of request n (p)
	python3 -c 'import json,sys; p=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$SP/$1.body" "$2"
}

at $T0 declare "Payments DB primary OOM" --severity SEV2 >/dev/null || fail declare
at $T0 phase investigating || fail phase
at $T0 update --audience engineers "pg-main-3 OOM killed, failing over" >/dev/null || fail "update e"
at $T0 update --audience users "$(printf 'Card payments are slow for some customers\nYou can retry in a few minutes.')" >/dev/null || fail "update u1"
assert_eq "$(q "SELECT update_id FROM page_delivery")" 2 "only the users update is queued for the page"

# Round 1: GET finds nothing, the POST creates, its answer is lost.
at $T0 agent --once || fail "round 1"
assert_eq "$(reqline 1)" "GET /v1/pages/$PAGE/incidents 200" "looks first"
assert_eq "$(reqline 2)" "POST /v1/pages/$PAGE/incidents drop(201)" "create, answer lost"
assert_eq "$(inc 'len(I)')" 1 "the page has the incident"
assert_eq "$(page 2)" "queued|1|$((T0 + 5))" "lost answer: retried after the backoff"
assert_eq "$(q "SELECT count(*) FROM page_incident")" 0 "no id known yet"
assert_eq "$(field 2 'p["incident"]["name"]')" "Card payments are slow for some customers" "name: first line"
assert_eq "$(field 2 'p["incident"]["status"]')" investigating "status"
assert_eq "$(field 2 'p["incident"]["metadata"]["warroom"]["incident"]')" "warroom-1-$T0" "marker in metadata"
body=$(field 2 'p["incident"]["body"]')
assert_eq "$(printf '%s\n' "$body" | head -n 1)" "【調査中】" "users heading"
assert_contains "$body" "You can retry in a few minutes." "the users text"
for bad in "#1" SEV2 OOM Payments "pg-main" investigating; do
	assert_not_contains "$body" "$bad" "no internal detail ($bad) in the page text"
done
pass "create: method, path, name, status, body, marker; answer lost"

# Round 2: found by its marker, saying our text: marked sent, not created
# again.
at $((T0 + 4)) agent --once || fail "round 2a"
assert_eq "$(nreq)" 2 "nothing before the backoff ends"
at $((T0 + 5)) agent --once || fail "round 2"
assert_eq "$(reqline 3)" "GET /v1/pages/$PAGE/incidents 200" "looks again"
assert_eq "$(nreq)" 3 "no second create"
assert_eq "$(inc 'len(I)')" 1 "still one page incident"
assert_eq "$(inc 'len(I[0]["incident_updates"])')" 1 "one page update"
assert_eq "$(page 2 | cut -d'|' -f1,2)" "sent|2" "sent"
assert_eq "$(q "SELECT page_id, page_incident FROM page_incident WHERE incident_id = 1")" "$PAGE|inc0001x" "page incident id stored"
pass "a create whose answer was lost is found, not made twice"

# Slack and the page keep their own state: Slack got a 500 for the users
# update and retries it; the page is not asked again.
assert_eq "$(q "SELECT state, attempts FROM status_update WHERE id = 2")" "queued|2" "Slack users update still retries (500 twice)"
T1=$((T0 + 100))
at $T1 agent --once || fail "slack retry"
assert_eq "$(q "SELECT state FROM status_update WHERE id = 2")" sent "Slack sent on its retry"
assert_eq "$(nreq)" 3 "the page is not asked again by a Slack retry"
pass "Slack and the status page: own state each"

# Update 2 (identified): PATCH the stored id; 429 waits for Retry-After,
# then 500 backs off, then it goes. Each round is a new agent.
at $T1 phase identified || fail "phase identified"
at $T1 update --audience users "We found the cause and are fixing it." >/dev/null || fail "update u2"
at $T1 agent --once || fail "round 3"
assert_eq "$(reqline 4)" "PATCH /v1/pages/$PAGE/incidents/inc0001x 429" "PATCH, rate limited"
assert_eq "$(page 3)" "queued|1|$((T1 + 7))" "429 schedules after Retry-After"
st=$(at $T1 status)
assert_contains "$st" "page      1 sent, 1 queued, 0 failed (status page)" "status counts the page's side"
assert_contains "$st" "#3 queued: retry in 7s: HTTP 429" "status says why it waits"
at $((T1 + 6)) agent --once || fail "round 4"
assert_eq "$(nreq)" 4 "nothing before Retry-After"
at $((T1 + 7)) agent --once || fail "round 5"
assert_eq "$(reqline 5)" "GET /v1/pages/$PAGE/incidents/inc0001x 200" "a retry reads the page incident back"
assert_eq "$(reqline 6)" "PATCH /v1/pages/$PAGE/incidents/inc0001x 500" "then PATCHes: 500"
assert_eq "$(page 3)" "queued|2|$((T1 + 7 + 10))" "500: backoff"
assert_contains "$(q "SELECT last_error FROM page_delivery WHERE update_id = 3")" "HTTP 500" "last_error"
at $((T1 + 17)) agent --once || fail "round 6"
assert_eq "$(reqline 8)" "PATCH /v1/pages/$PAGE/incidents/inc0001x 200" "sent on the third try"
assert_eq "$(page 3 | cut -d'|' -f1,2)" "sent|3" "sent"
assert_eq "$(inc 'I[0]["status"]')" identified "status identified"
assert_eq "$(inc 'len(I[0]["incident_updates"])')" 2 "exactly two page updates"
assert_eq "$(field 6 'sorted(p["incident"])')" "['body', 'status']" "PATCH body: status and body"
assert_eq "$(inc 'I[0]["incident_updates"][0]["body"]')" "$(printf '【原因特定】\n\nWe found the cause and are fixing it.')" "page text"
pass "PATCH of the stored id; 429 Retry-After; 500 backoff; exactly once"

# The phases map to the page's statuses. The updates name the incident:
# once it is resolved none is open, and an unnamed update is refused.
T2=$((T1 + 200))
for ph in mitigating:identified monitoring:monitoring recovered:monitoring resolved:resolved; do
	at $T2 phase "${ph%%:*}" || fail "phase ${ph%%:*}"
	at $T2 --incident 1 update --audience users "Update while ${ph%%:*}." >/dev/null || fail "update ${ph%%:*}"
	at $T2 agent --once || fail "round ${ph%%:*}"
	assert_eq "$(inc 'I[0]["status"]')" "${ph#*:}" "${ph%%:*} -> ${ph#*:}"
	T2=$((T2 + 10))
done
assert_eq "$(inc 'len(I[0]["incident_updates"])')" 6 "one page update per users update"
assert_eq "$(inc 'len(I)')" 1 "one page incident in all"
[ -e "$SP/problems" ] && fail "the receiver refused something: $(cat "$SP/problems")"
pass "phases -> investigating, identified, monitoring, resolved"

# A PATCH whose answer is lost: the retry reads the incident back, finds
# the update there, and does not PATCH it again.
T3=$((T2 + 100))
at $T3 --incident 1 update --audience users "All payments work normally again." >/dev/null || fail "update lost"
at $T3 agent --once || fail "round lost 1"
assert_eq "$(reqline 13)" "PATCH /v1/pages/$PAGE/incidents/inc0001x drop(200)" "PATCH, answer lost"
assert_eq "$(page 8 | cut -d'|' -f1,2)" "queued|1" "retried later"
at $((T3 + 5)) agent --once || fail "round lost 2"
assert_eq "$(reqline 14)" "GET /v1/pages/$PAGE/incidents/inc0001x 200" "read back"
assert_eq "$(nreq)" 14 "no second PATCH"
assert_eq "$(page 8 | cut -d'|' -f1,2)" "sent|2" "sent"
assert_eq "$(inc 'len(I[0]["incident_updates"])')" 7 "the update is on the page once"
pass "a PATCH whose answer was lost is not sent twice"

# An answer quoting the key: 401 fails for good, the key hidden.
at $T3 declare "Second outage" --severity SEV3 >/dev/null || fail "declare 2"
at $T3 update --audience users "Search is slow." >/dev/null || fail "update 2"
at $T3 agent --once || fail "round 401"
assert_eq "$(reqline 15)" "GET /v1/pages/$PAGE/incidents 401" "401"
assert_eq "$(page 9 | cut -d'|' -f1,2)" "failed|1" "401: failed, not retried"
err=$(q "SELECT last_error FROM page_delivery WHERE update_id = 9")
assert_contains "$err" "OAuth <api_key>" "key hidden in last_error"
assert_contains "$(q "SELECT text FROM entry WHERE kind = 'note' AND incident_id = 2")" "Status update #9 was NOT posted to the status page: HTTP 401" "timeline says so"
assert_contains "$(cat "$T/stderr.log")" "update 9 (status page): failed, not retried" "agent log says so"
assert_contains "$(at $T3 status --incident 2)" "#9 failed: HTTP 401" "status shows the failure"
at $((T3 + 1000)) agent --once || fail "round 401 later"
assert_eq "$(nreq)" 15 "a failed page update is never retried"
pass "401 quoting the key: failed for good, key redacted"

# No [statuspage]: queued page deliveries are let go, not replayed later.
grep -v -e '^\[statuspage\]' -e '^page_id' -e '^api_key' -e "^url = http://127.0.0.1:$SP_PORT" "$CFG" >"$CFG.new"
mv "$CFG.new" "$CFG" && chmod 600 "$CFG"
n=$(nreq)
at $T2 update --audience users "Another note." >/dev/null || fail "update off"
at $T2 agent --once || fail "round off"
assert_eq "$(page 10 | cut -d'|' -f1)" off "not configured: off"
assert_eq "$(nreq)" "$n" "nothing sent"
pass "no [statuspage]: nothing sent, nothing replayed"

# Half a [statuspage]: updates wait and say why (logged once), then go
# when the config is whole.
printf '[statuspage]\nurl = http://127.0.0.1:%s/\npage_id = %s\n' "$SP_PORT" $PAGE >>"$CFG"
at $T2 update --audience users "Search works again." >/dev/null || fail "update half"
at $T2 update --audience users "Searches are fast again." >/dev/null || fail "update half 2"
at $T2 agent --once || fail "round half 1"
at $((T2 + 1)) agent --once || fail "round half 2"
assert_eq "$(page 11 | cut -d'|' -f1,2)" "queued|0" "waits, not an attempt"
assert_eq "$(q "SELECT last_error FROM page_delivery WHERE update_id = 11")" "[statuspage] needs both page_id and api_key" "says why"
assert_eq "$(grep -c 'status page: waiting: \[statuspage\] needs both' "$T/stderr.log")" 1 "logged once"
assert_eq "$(nreq)" "$n" "nothing sent meanwhile"
printf 'api_key = %s\n' $KEY >>"$CFG"
at $((T2 + 2)) agent --once || fail "round whole"
assert_eq "$(page 11 | cut -d'|' -f1,2)" "sent|1" "sent once the config is whole"
assert_eq "$(page 12 | cut -d'|' -f1,2)" "sent|1" "the next one too, in the same round"
assert_eq "$(reqline 17)" "POST /v1/pages/$PAGE/incidents 201" "the first creates"
assert_eq "$(reqline 18)" "PATCH /v1/pages/$PAGE/incidents/inc0002x 200" "the second PATCHes what the first created"
assert_eq "$(nreq)" 18 "no other request"
assert_eq "$(page 10 | cut -d'|' -f1)" off "the update from before stays off"
assert_eq "$(inc 'I[-1]["incident_updates"][1]["body"]')" "$(printf '【検知】\n\nSearch works again.')" "on the page"
pass "half a config: waits and says why, then delivered"

grep -q "$KEY" "$T/stderr.log" && fail "api_key in the agent's log"
sqlite3 "$WARROOM_DB" .dump | grep -q "$KEY" && fail "api_key in the database"
pass "api_key not leaked"
