#!/bin/sh
# config_check.sh: unknown sections and keys ([slak], webhok, api-key, a
# key in the wrong section) are reported with the right line and a "did you
# mean" by every command that reads the config, without stopping it, and by
# `warroom config check`, which also checks permissions, values and whether
# each configured URL answers (loopback only), and never prints a secret.
. "$(dirname "$0")/../lib.sh"

no_proxy='*' && export no_proxy
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
CFG=$XDG_CONFIG_HOME/warroom/config
RX=$T/rx
slack_rx_start "$RX" ""
DEAD=$(free_port)
# config check, its output kept in $T/out and in $T/all.log.
chk() {
	"$W" config check "$@" >"$T/out" 2>&1
	_rc=$?
	cat "$T/out" >>"$T/all.log"
	return $_rc
}

write_config "$CFG" <<EOF
# warroom config
[slak]
webhook = http://127.0.0.1:$RX_PORT/services/T1/B1/SECRETa

[slack]
webhok = http://127.0.0.1:$RX_PORT/services/T1/B1/SECRETb
webhook.managers = http://127.0.0.1:$RX_PORT/services/T1/B1/SECRETm
[mackerel]
api-key = SECRETkey123
[tui]
timezone = Asia/Tokyo   # wrong section
EOF
"$W" declare "Disk full" >/dev/null 2>&1 || fail declare
"$W" update --audience managers "m1" >/dev/null 2>&1 || fail "update"
want="warroom: $CFG:2: unknown section [slak]; did you mean [slack]?
warroom: $CFG:6: unknown key 'webhok' in [slack]; did you mean 'webhook'?
warroom: $CFG:9: unknown key 'api-key' in [mackerel]; did you mean 'api_key'?
warroom: $CFG:11: unknown key 'timezone' in [tui]; did you mean [display] timezone?"
# Every command that reads the config says it, and still does its work.
for cmd in "status" "update --list" "agent --once"; do
	# shellcheck disable=SC2086
	"$W" $cmd >"$T/out" 2>"$T/err" || fail "$cmd failed: $(cat "$T/err")"
	assert_eq "$(grep -v '^warroom agent: ' "$T/err")" "$want" "$cmd warns, once each, with lines"
done
assert_eq "$(slack_rx_count "$RX")" 1 "the agent still delivered with the keys it knows"
"$W" metric add q --command "echo 1" >/dev/null 2>"$T/err" || fail "metric add"
assert_contains "$(cat "$T/err")" "$CFG:6: unknown key 'webhok'" "metric add --command warns too"
# Every command reads the config (its [people] names who is acting), so
# every command warns, once per problem, and still does its work.
"$W" log "the config names who I am" >/dev/null 2>"$T/err" || fail log
assert_contains "$(cat "$T/err")" "$CFG:6: unknown key 'webhok'" "log warns too"
assert_eq "$(grep -c "webhok" "$T/err")" 1 "each problem once"
pass "ordinary commands warn with line and 'did you mean', and go on"

# The same from config check, on stdout, exit 1.
"$W" config check >"$T/out" 2>"$T/err" && fail "config check passed a file with typos"
assert_eq "$(cat "$T/err")" "" "config check: its report is on stdout only"
cat "$T/out" >>"$T/all.log"
out=$(cat "$T/out")
assert_contains "$out" "file     $CFG" "names the file"
assert_contains "$out" "ok       permissions: mode 600" "permissions ok"
assert_contains "$out" "problem  $CFG:2: unknown section [slak]; did you mean [slack]?" "[slak]"
assert_contains "$out" "problem  $CFG:6: unknown key 'webhok' in [slack]; did you mean 'webhook'?" "webhok"
assert_contains "$out" "problem  $CFG:9: unknown key 'api-key' in [mackerel]; did you mean 'api_key'?" "api-key"
assert_contains "$out" "ok       reach [slack] webhook.managers at 127.0.0.1:$RX_PORT: answered" "reach ok"
assert_contains "$out" "4 problems" "counted"
assert_eq "$(slack_rx_count "$RX")" 1 "the check posted nothing"
pass "config check: typos with lines, exit 1"

# Japanese junk: a name that is not ASCII stops every reader, with the line,
# never quoting it (it may hold a secret).
for junk in "[スラック]" "ウェブフック = http://h/SECRETjp" "通知先はこちら" "webhook：http://h/SECRETfw=1"; do
	write_config "$CFG" <<EOF
[slack]

webhook.users = http://127.0.0.1:$RX_PORT/services/SECRETu
$junk
EOF
	chk && fail "config check passed: $junk"
	assert_contains "$(cat "$T/out")" "problem  $CFG:4: " "line 4 named for: $junk"
	assert_fails "agent with: $junk" "$W" agent --once
	assert_contains "$(cat "$T/err")" "$CFG:4: " "the agent names line 4 for: $junk"
	if grep -n -e SECRET -e "スラック" -e "ウェブ" "$T/out" "$T/err"; then fail "the line was quoted: $junk"; fi
done
pass "non-ASCII junk: refused with its line, not quoted"

# A clean file: exit 0; the dead port fails reachability (exit 1) without
# printing its path; permissions and values.
write_config "$CFG" <<EOF
[slack]
webhook = http://127.0.0.1:$RX_PORT/services/T1/B1/SECRETc
timeout = 10s
[prometheus]
url = http://promuser:SECRETpw@127.0.0.1:$RX_PORT/
[people]
root = Root Operator
[agent]
retention = 24h
EOF
chk || fail "config check of a good file: $(cat "$T/out")"
assert_contains "$(cat "$T/out")" "ok       reach [prometheus] url at 127.0.0.1:$RX_PORT: answered" "prometheus reached"
assert_contains "$(cat "$T/out")" "no problems" "clean"
printf '[slack]\nwebhook = http://127.0.0.1:%s/services/T1/B1/SECRETd\n[prometheus]\nurl = https://u:SECRETpw2@127.0.0.1:%s/x\n' "$DEAD" "$DEAD" >"$CFG"
chk && fail "a dead port passed"
assert_contains "$(cat "$T/out")" "fail     reach [slack] webhook at 127.0.0.1:$DEAD: " "webhook fails"
assert_contains "$(cat "$T/out")" "fail     reach [prometheus] url at 127.0.0.1:$DEAD: " "prometheus fails"
assert_contains "$(cat "$T/out")" "2 problems" "two failures"
chmod 640 "$CFG"
chk && fail "mode 640 passed"
assert_contains "$(cat "$T/out")" "problem  permissions: mode 640 lets others read or write it, and it holds secrets: run chmod 600 $CFG" "mode 640"
chmod 600 "$CFG"
chmod 777 "$(dirname "$CFG")"
chk && fail "a folder others can write passed"
assert_contains "$(cat "$T/out")" "problem  permissions: others may write the folder" "folder 777"
chmod 700 "$(dirname "$CFG")"
write_config "$CFG" <<EOF
[slack]
webhook = ftp://127.0.0.1/SECRETftp
timeout = 5m
[command]
enabled = maybe
[agent]
retention = 1x
EOF
chk && fail "bad values passed"
out=$(cat "$T/out")
assert_contains "$out" "problem  $CFG:2: [slack] webhook is not an http(s) URL" "not http"
assert_contains "$out" "problem  $CFG:3: [slack] timeout is seconds" "timeout"
assert_contains "$out" "problem  $CFG:5: [command] enabled is yes or no" "enabled"
assert_contains "$out" "retention" "retention"
pass "config check: reachability, permissions and values"

# Never a secret in any of it (a URL's path, a password, an API key).
if grep -n SECRET "$T/all.log"; then fail "config check printed a secret"; fi

# FILE given; a missing one; an unknown subcommand; no config at all.
chk "$T/none" && fail "a missing FILE passed"
assert_contains "$(cat "$T/out")" "problem  $T/none: cannot be read" "missing FILE"
assert_fails "config frob" "$W" config frob
rm "$CFG"
chk
rc=$?
if [ -e /etc/warroom/config ]; then
	# This machine has a system-wide config: then it is checked.
	assert_contains "$(cat "$T/out")" "/etc/warroom/config" "the system file"
else
	assert_eq "$rc" 0 "no config file is fine"
	assert_contains "$(cat "$T/out")" "no config file" "says so"
fi
pass "config check FILE, missing files, usage"
