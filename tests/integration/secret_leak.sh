#!/bin/sh
# secret_leak.sh: answers that echo the Slack webhook, the Mackerel API key
# or the Prometheus token back (raw, JSON-escaped, percent-encoded once or
# twice, split over lines, cut to a prefix) never put a piece of the secret
# into the database file, a command's output, an export, the agent's log or
# the screen.
. "$(dirname "$0")/../lib.sh"

no_proxy='*' && export no_proxy
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy

RX=$T/rx
hows="raw json pct pct2 split prefix uni"
script=""
for h in $hows; do script="$script,echo:400:$h"; done
slack_rx_start "$RX" "${script#,},echo:429:split,echo:500:json"

metrics_srv_start
base=$MS_BASE

write_config "$T/config" <<EOC
[slack]
webhook = http://127.0.0.1:$RX_PORT/services/T9/B9/Zq7SecretTokenX1
[mackerel]
api_key = mkrSk-Q7v9Wz3Lp2Rt
url = $base
[prometheus]
url = $base/promecho/pct
bearer_token = tokQ-Vx81Jd0Nw4
[agent]
timeout = 4s
connect_timeout = 2s
EOC
export WARROOM_CONFIG="$T/config"
# Pieces of the three secrets, any of which would be a leak.
LEAK='Zq7Sec|cretTok|TokenX1|mkrSk-Q|Q7v9Wz|Lp2Rt|tokQ-V|Vx81Jd|d0Nw4'

"$W" declare "Secrets echoed" --severity SEV2 >/dev/null || fail declare
i=0
for h in $hows json429 json500; do
	"$W" update "update $i" >/dev/null || fail "update $i"
	i=$((i + 1))
done
for h in raw json pct pct2 split prefix; do
	"$W" metric add "mk-$h" --mackerel "host:echo-$h:x" >/dev/null ||
	    fail "metric add mk-$h"
done
"$W" metric add prom --prometheus 'up' >/dev/null || fail "metric add prom"

"$W" agent --once 2>"$T/agent.log" || fail "agent: $(cat "$T/agent.log")"
# Seven fail for good; the eighth is rate limited and the ninth waits
# behind it.
assert_eq "$(slack_rx_count "$RX")" 8 "the updates were posted once"
# The echoes arrived, and were recorded hidden (else this test proves
# nothing).
q() { sqlite3 "$WARROOM_DB" "$1"; }
assert_eq "$(q "SELECT count(*) FROM status_update WHERE last_error LIKE '%<webhook>%'")" 8 "errors recorded, webhook hidden"
assert_eq "$(q "SELECT count(*) FROM series WHERE last_error LIKE '%<api_key>%'")" 6 "errors recorded, key hidden"
assert_eq "$(q "SELECT count(*) FROM series WHERE last_error LIKE '%<token>%'")" 1 "error recorded, token hidden"
assert_contains "$(q "SELECT last_error FROM status_update WHERE id = 1")" "invalid_token: <webhook>" "raw echo"
assert_contains "$(q "SELECT last_error FROM series WHERE name = 'mk-raw'")" "Invalid API key <api_key>" "raw key echo"
pass "the echoes were recorded with the secrets hidden"

# A second round an hour later: the rate-limited one gets a 500 and stays
# queued with its reason.
WARROOM_NOW=$(($(date +%s) + 3600)) "$W" agent --once 2>>"$T/agent.log" ||
    fail "agent round 2"
assert_eq "$(slack_rx_count "$RX")" 9 "the retry was posted"
assert_contains "$(q "SELECT state, last_error FROM status_update WHERE id = 8")" "queued|HTTP 500" "retry recorded"

out=$T/out
: >"$out"
for cmd in "status" "status --json" "update --list" "update --list --json" \
    "metric list" "metric list --json" "export" "export --format json" \
    "log --history 1"; do
	# shellcheck disable=SC2086
	"$W" $cmd >>"$out" 2>&1
done
assert_contains "$(cat "$out")" "<webhook>" "outputs show the hidden webhook"
assert_contains "$(cat "$out")" "<api_key>" "outputs show the hidden key"
if grep -a -n -E "$LEAK" "$out"; then fail "a secret in a command's output"; fi
if grep -a -n -E "$LEAK" "$T/agent.log"; then fail "a secret in the agent's log"; fi
assert_contains "$(cat "$T/agent.log")" "<webhook>" "the log names the hidden webhook"
pass "no piece of a secret in status, update --list, metric list, export, the log"

# The database's bytes, its write-ahead log included (a live writer keeps
# it), and a dump.
"$W" export -o "$T/pm.md" >/dev/null || fail "export -o"
for f in "$WARROOM_DB" "$WARROOM_DB-wal" "$WARROOM_DB-shm" "$T/pm.md"; do
	[ -e "$f" ] || continue
	if grep -a -q -E "$LEAK" "$f"; then fail "a secret in $f"; fi
done
sqlite3 "$WARROOM_DB" .dump >"$T/dump.sql"
if grep -a -n -E "$LEAK" "$T/dump.sql"; then fail "a secret in the database"; fi
pass "no piece of a secret in the database file, its WAL or an export file"

tm_start s 200 60 "$W tui"
tm_wait s "NOT delivered"
tm_wait s "FAILING"
scr=$(tm_screen s)
assert_contains "$scr" "<" "screen drawn"
if printf '%s\n' "$scr" | grep -n -E "$LEAK"; then fail "a secret on the screen"; fi
tm_keys s q
pass "no piece of a secret on the screen"

# A malformed config line holding the webhook (the '=' forgotten, one in
# the URL's query): the error names the line, never its text.
write_config "$T/bad.config" <<EOC
[slack]
webhook http://h/Zq7SecretTokenX1?a=b
EOC
WARROOM_CONFIG="$T/bad.config" "$W" agent --once >"$T/bad.out" 2>&1 &&
    fail "the agent ran with a malformed config"
WARROOM_CONFIG="$T/bad.config" "$W" status >>"$T/bad.out" 2>&1
assert_contains "$(cat "$T/bad.out")" "bad.config:2: bad key" "the error names the line"
if grep -a -n -E "$LEAK" "$T/bad.out"; then fail "a secret in a config error"; fi
pass "a config error does not quote the line's secret"
