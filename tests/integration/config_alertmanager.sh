#!/bin/sh
# config_alertmanager.sh: `warroom config check` with [alertmanager] url
# against a real Alertmanager (Debian's prometheus-alertmanager) on
# 127.0.0.1: one clear line each for an Alertmanager that answers and takes
# the matchers, a matcher it refuses, a URL nothing answers on, and a
# server that answers but is not Alertmanager; a password in the URL is
# never printed.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/alertmanager.inc"

no_proxy='*' && export no_proxy
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
am_start 60
CFG=$T/config
export WARROOM_CONFIG="$CFG"
# config check with the [alertmanager] section given: its output in $T/out.
chk() {
	write_config "$CFG"
	"$W" config check >"$T/out" 2>"$T/err"
	_rc=$?
	assert_eq "$(cat "$T/err")" "" "nothing on standard error"
	return $_rc
}
am_line() { grep "alertmanager" "$T/out"; }

chk <<EOC || fail "a good Alertmanager: $(cat "$T/out")"
[alertmanager]
url = http://127.0.0.1:$port/
matchers = service="payments", severity=~"critical|warning"
EOC
assert_eq "$(am_line)" "ok       reach [alertmanager] url at 127.0.0.1:$port: Alertmanager $(dpkg-query -W -f '${Version}' prometheus-alertmanager 2>/dev/null | sed 's/[-+].*//'), takes the matchers" "ok line"
assert_contains "$(cat "$T/out")" "no problems" "no problems"
chk <<EOC || fail "no matchers: $(cat "$T/out")"
[alertmanager]
url = http://127.0.0.1:$port
EOC
assert_contains "$(am_line)" "ok       reach [alertmanager] url at 127.0.0.1:$port: Alertmanager " "ok without matchers"
assert_not_contains "$(am_line)" "matchers" "no matchers named"
pass "an Alertmanager that answers: its version, the matchers taken"

chk <<EOC && fail "a bad matcher passed: $(cat "$T/out")"
[alertmanager]
url = http://127.0.0.1:$port
matchers = service="payments", env=="prod
EOC
assert_eq "$(am_line | wc -l)" 1 "one line"
assert_contains "$(am_line)" "problem  [alertmanager] matchers: Alertmanager at 127.0.0.1:$port refuses them: " "bad matcher line"
assert_contains "$(am_line)" "prod" "Alertmanager's reason"
assert_contains "$(cat "$T/out")" "1 problem" "counted"
pass "a matcher Alertmanager refuses: one problem line with its reason"

dead=$(free_port)
chk <<EOC && fail "a dead URL passed: $(cat "$T/out")"
[alertmanager]
url = http://am:SECRETpw@127.0.0.1:$dead
matchers = service="payments"
EOC
assert_eq "$(am_line | wc -l)" 1 "one line"
assert_contains "$(am_line)" "fail     reach [alertmanager] url at 127.0.0.1:$dead: unreachable: " "unreachable line"
assert_not_contains "$(cat "$T/out")" "SECRETpw" "no password"
pass "nothing listening: one fail line, no password"

# A server that answers, but is not Alertmanager (a Slack stand-in: 200 to
# everything), then Prometheus-like JSON that is not Alertmanager's status.
slack_rx_start "$T/rx" ""
chk <<EOC && fail "not Alertmanager passed: $(cat "$T/out")"
[alertmanager]
url = http://127.0.0.1:$RX_PORT
EOC
assert_eq "$(am_line | wc -l)" 1 "one line"
assert_contains "$(am_line)" "problem  reach [alertmanager] url at 127.0.0.1:$RX_PORT: not Alertmanager: /api/v2/status answered HTTP " "not Alertmanager line"
mkdir -p "$T/www/api/v2"
echo '{"status":"success","data":{}}' >"$T/www/api/v2/status"
wport=$(free_port)
timeout 30 python3 -m http.server -b 127.0.0.1 -d "$T/www" "$wport" >/dev/null 2>&1 &
w_pid=$!
on_exit "kill $w_pid"
wait_http "http://127.0.0.1:$wport/api/v2/status" 10
chk <<EOC && fail "other JSON passed: $(cat "$T/out")"
[alertmanager]
url = http://127.0.0.1:$wport
EOC
assert_eq "$(am_line)" "problem  reach [alertmanager] url at 127.0.0.1:$wport: not Alertmanager: /api/v2/status answered HTTP 200 but not with Alertmanager's status" "JSON that is not Alertmanager's"
pass "a server that is not Alertmanager: one problem line"
