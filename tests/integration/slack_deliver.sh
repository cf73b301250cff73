#!/bin/sh
# slack_deliver.sh: status updates reach a local Slack-compatible receiver
# headed by the current phase, in order, routed per audience, with Japanese
# intact and mentions escaped; never twice; the webhook URL never leaks.
. "$(dirname "$0")/../lib.sh"

export WARROOM_NOW=1764158400
no_proxy='*' && export no_proxy
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
RX=$T/rx
slack_rx_start "$RX" ""
mkdir -p "$XDG_CONFIG_HOME/warroom"
CFG=$XDG_CONFIG_HOME/warroom/config
cat >"$CFG" <<EOF
[slack]
webhook = http://127.0.0.1:$RX_PORT/services/T000/B000/SECRETdefault
webhook.managers = http://127.0.0.1:$RX_PORT/services/T000/B000/SECRETmanagers
EOF
chmod 600 "$CFG"

# Every command's output is kept to check that the secret never shows.
wr() {
	"$W" "$@" >"$T/o" 2>"$T/e"
	_rc=$?
	cat "$T/o" >>"$T/stdout.log"
	cat "$T/e" >>"$T/stderr.log"
	cat "$T/o"
	return $_rc
}
# Print field expression EXPR of the JSON body of request N.
req() { # n expr
	python3 -c 'import json,sys; p=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$RX/$1.body" "$2"
}

a=$(wr declare "Checkout errors" --severity SEV2) || fail "declare"
wr phase recovered || fail "phase recovered"
id=$(wr update "metrics back to normal") || fail "update: $(cat "$T/e")"
assert_eq "$id" 1 "first update id"
assert_eq "$(sqlite3 "$WARROOM_DB" "SELECT state, attempts FROM status_update WHERE id = 1")" "queued|0" "queued before the agent runs"
wr agent --once || fail "agent --once: $(cat "$T/e")"
assert_eq "$(slack_rx_count "$RX")" 1 "one request"
assert_eq "$(req 1 'p["blocks"][0]["type"]')" header "first block"
assert_eq "$(req 1 'p["blocks"][0]["text"]["text"]')" "【復旧完了】 recovered" "header is the recovered phase"
assert_eq "$(req 1 'p["text"]')" "【復旧完了】 recovered: metrics back to normal" "notification text"
assert_eq "$(req 1 'p["blocks"][1]["text"]["text"]')" "metrics back to normal" "body section"
assert_contains "$(req 1 'p["blocks"][-1]["elements"][0]["text"]')" "Incident #$a Checkout errors · SEV2 · to engineers · 2025-11-26 12:00 UTC" "context line"
assert_eq "$(cat "$RX/1.path")" /services/T000/B000/SECRETdefault "default webhook"
assert_eq "$(sqlite3 "$WARROOM_DB" "SELECT state, attempts, sent_at FROM status_update WHERE id = 1")" "sent|1|$WARROOM_NOW" "marked sent"
assert_eq "$(sqlite3 "$WARROOM_DB" "SELECT last_update FROM incident WHERE id = $a")" "$WARROOM_NOW" "incident.last_update"
assert_contains "$(sqlite3 "$WARROOM_DB" "SELECT text FROM entry WHERE kind = 'update'")" "【復旧完了】 recovered, to engineers: metrics back to normal" "timeline entry kind update"
pass "phase recovered + update + agent --once posts a recovered heading"

# The preview is exactly what arrives.
wr update --preview --json "metrics back to normal" >"$T/preview.json" || fail "preview --json"
python3 - "$T/preview.json" "$RX/1.body" <<'EOF' || fail "preview differs from the payload"
import json, sys
a = json.load(open(sys.argv[1])); b = json.load(open(sys.argv[2]))
sys.exit(0 if a == b else 1)
EOF
pv=$(wr update --preview "metrics back to normal")
assert_eq "$(printf '%s\n' "$pv" | head -n 1)" "【復旧完了】 recovered" "preview starts with the heading"
pass "preview equals the posted payload"

# A second incident walks through every phase; one update in each.
b=$(wr declare "Login 障害" --severity SEV1) || fail "declare b"
i=0
for ph in detected investigating identified mitigating monitoring recovered resolved retrospective; do
	if [ "$ph" != detected ]; then
		wr --incident "$b" phase "$ph" || fail "phase $ph"
	fi
	case $((i % 3)) in 0) aud=engineers ;; 1) aud=managers ;; *) aud=users ;; esac
	# Users read no English phase word inside Japanese text.
	tag="$ph: "
	[ "$aud" = users ] && tag=
	wr --incident "$b" update --audience "$aud" "【状況共有】 ${tag}決済が復旧しました <!channel> & <@U123> ok" >/dev/null || fail "update in $ph"
	i=$((i + 1))
done
wr agent --once || fail "agent round 2"
assert_eq "$(slack_rx_count "$RX")" 9 "eight more requests"
n=2
i=0
for h in 【検知】:detected 【調査中】:investigating 【原因特定】:identified 【対応中】:mitigating 【経過観察】:monitoring 【復旧完了】:recovered 【収束】:resolved 【ふりかえり】:retrospective; do
	ja=${h%%:*} en=${h#*:}
	head="$ja $en" tag="$en: "
	# Users get the heading in their language alone.
	[ $((i % 3)) -eq 2 ] && head=$ja tag=
	assert_eq "$(req $n 'p["blocks"][0]["text"]["text"]')" "$head" "heading of request $n"
	assert_eq "$(req $n 'p["text"].split(": ")[0]')" "$head" "text heading of request $n"
	# The heading is added, never replaced by what the writer typed.
	assert_eq "$(req $n 'p["blocks"][1]["text"]["text"]')" "【状況共有】 ${tag}決済が復旧しました &lt;!channel&gt; &amp; &lt;@U123&gt; ok" "escaped Japanese body of request $n"
	if [ $((i % 3)) -eq 1 ]; then
		assert_eq "$(cat "$RX/$n.path")" /services/T000/B000/SECRETmanagers "managers webhook for request $n"
	else
		assert_eq "$(cat "$RX/$n.path")" /services/T000/B000/SECRETdefault "default webhook for request $n"
	fi
	n=$((n + 1))
	i=$((i + 1))
done
# Raw bytes: no mention syntax survives anywhere in what was posted.
if cat "$RX"/*.body | grep -q '<!channel>\|<@U123>'; then
	fail "an unescaped mention reached the receiver"
fi
grep -q '決済が復旧しました' "$RX/9.body" || fail "Japanese not intact as UTF-8"
pass "headings correct per phase, routed per audience, Japanese intact, mentions escaped"

# More rounds post nothing again.
wr agent --once || fail "round 3"
wr agent --once || fail "round 4"
assert_eq "$(slack_rx_count "$RX")" 9 "no duplicates"
assert_eq "$(sqlite3 "$WARROOM_DB" "SELECT count(*) FROM status_update WHERE state = 'sent' AND attempts = 1")" 9 "each sent once"
assert_eq "$(sqlite3 "$WARROOM_DB" "SELECT count(*) FROM entry WHERE kind = 'update'")" 9 "a timeline entry per update"
lst=$(wr --incident "$b" update --list) || fail "update --list"
assert_contains "$lst" "【ふりかえり】 retrospective  managers  sent" "list shows heading, audience, state"
pass "no duplicates across rounds; list shows delivery"

# The webhook URL is a secret: not in the database, not in any output.
sqlite3 "$WARROOM_DB" .dump >"$T/dump.sql"
grep -q SECRET "$T/dump.sql" && fail "webhook URL in the database"
grep -q "services/T000" "$T/dump.sql" && fail "webhook path in the database"
cat "$T/stdout.log" "$T/stderr.log" | grep -q 'SECRET\|services/T000' && fail "webhook URL printed"
pass "webhook URL never in the database nor in any output"
