#!/bin/sh
# tracks_users.sh: the users' track follows what a real (local) Slack
# receiver got: told, updated, told of recovery, each with its time, never
# set by an update that failed or was for engineers. An update for users is
# headed in Japanese alone, shows its time in [display] timezone with the
# zone, and carries no incident number, severity or English phase word in
# Japanese text (refused, nothing queued). impact keeps its scope when none
# is given, and a changed scope is recorded old and new.
. "$(dirname "$0")/../lib.sh"

export WARROOM_NOW=1764158400 # 2025-11-26 12:00:00 UTC, 21:00 JST
no_proxy='*' && export no_proxy
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
RX=$T/rx
slack_rx_start "$RX" "200,200,200,404,200"
CFG=$XDG_CONFIG_HOME/warroom/config
mkdir -p "$XDG_CONFIG_HOME/warroom"
cfg() { # the timezone line, or nothing
	printf '[slack]\nwebhook = http://127.0.0.1:%s/hook/SECRET\n%s\n' \
	    "$RX_PORT" "$1" >"$CFG"
	chmod 600 "$CFG"
}
cfg "$(printf '[display]\ntimezone = Asia/Tokyo')"
q() { sqlite3 "$WARROOM_DB" "$1"; }
req() { # n expr: a field of the JSON body of request n
	python3 -c 'import json,sys; p=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$RX/$1.body" "$2"
}
at() { _s=$1; shift; WARROOM_NOW=$((1764158400 + _s)) "$W" "$@"; }

"$W" declare "決済 障害 checkout" --severity SEV2 >/dev/null || fail "declare"
"$W" phase investigating || fail "phase"
assert_eq "$(q "SELECT comms, users_told IS NULL FROM incident")" "not-told|1" "not told at first"

# Refused: internals in an update for users; nothing is queued.
sum=$(db_sum)
assert_fails "severity" "$W" update --audience users "決済が SEV2 で止まっています"
assert_contains "$(cat "$T/err")" "severity (SEV2)" "says what"
assert_fails "sev lower case" "$W" update --audience users "sev1 です"
assert_fails "incident number #" "$W" update --audience users "障害 #12 の件"
assert_fails "incident N" "$W" update --audience users "Incident 12 is open"
assert_fails "インシデント N" "$W" update --audience users "インシデント 3 について"
assert_fails "phase word in Japanese" "$W" update --audience users "決済を mitigating しています"
assert_contains "$(cat "$T/err")" "internal phase word" "says why"
assert_eq "$(db_sum)" "$sum" "nothing queued by a refused update"
# English prose may say "investigating"; engineers may say anything.
"$W" update --audience users --preview "We are investigating slow payments." >/dev/null ||
    fail "English users' update refused"
"$W" update --audience engineers --preview "SEV2 #12 mitigating 中" >/dev/null ||
    fail "engineers' update refused"
pass "internals refused in users' updates (5 variants), nothing queued"

# The preview: heading in Japanese alone, the time in Tokyo with its zone,
# no number, severity or title.
pv=$("$W" update --audience users --preview "決済が遅くなっています。")
assert_eq "$(printf '%s\n' "$pv" | head -n 1)" "【調査中】" "users' heading"
assert_eq "$(printf '%s\n' "$pv" | tail -n 1)" "2025-11-26 21:00 JST" "context: time in Tokyo"
assert_not_contains "$pv" "SEV2" "no severity"
assert_not_contains "$pv" "#1" "no number"
assert_not_contains "$pv" "checkout" "no title"
pe=$("$W" update --preview "engineers see it all")
assert_contains "$pe" "【調査中】 investigating" "engineers keep the English word"
assert_contains "$pe" "Incident #1 決済 障害 checkout · SEV2 · to engineers · 2025-11-26 21:00 JST" "engineers' context"
# Other zones: UTC named; an unknown zone falls back to UTC, named so;
# none set: the host's (TZ here).
cfg "$(printf '[display]\ntimezone = UTC')"
assert_contains "$("$W" update --preview x)" "2025-11-26 12:00 UTC" "UTC"
cfg "$(printf '[display]\ntimezone = Mars/Olympus')"
assert_contains "$("$W" update --preview x)" "2025-11-26 12:00 UTC" "unknown zone"
cfg ""
assert_contains "$(TZ=America/New_York "$W" update --preview x)" "2025-11-26 07:00 EST" "host zone"
cfg "$(printf '[display]\ntimezone = Asia/Tokyo')"
pass "users' heading in Japanese, time zone shown (4 variants), no internals"

# Delivered: told, then updated; engineers' and failed updates leave the
# track alone; recovery sets told of recovery.
at 0 update --audience users "決済が遅くなっています。" >/dev/null || fail "u1"
at 5 agent --once 2>/dev/null || fail "agent 1"
assert_eq "$(req 1 'p["blocks"][0]["text"]["text"]')" "【調査中】" "posted heading"
assert_eq "$(req 1 'p["blocks"][-1]["elements"][0]["text"]')" "2025-11-26 21:00 JST" "posted context"
assert_eq "$(q "SELECT comms, users_told, users_updated IS NULL FROM incident")" "told|$((WARROOM_NOW + 5))|1" "told at delivery"
assert_contains "$(q "SELECT text FROM entry ORDER BY id DESC LIMIT 1")" "Users told (status update #1 delivered)" "timeline"
at 600 update --audience users "引き続き調査しています。" >/dev/null || fail "u2"
at 605 agent --once 2>/dev/null || fail "agent 2"
assert_eq "$(q "SELECT comms, users_told, users_updated FROM incident")" "updated|$((WARROOM_NOW + 5))|$((WARROOM_NOW + 605))" "updated"
at 700 update --audience engineers "not for users" >/dev/null || fail "e1"
at 705 agent --once 2>/dev/null || fail "agent 3"
assert_eq "$(q "SELECT comms, users_updated FROM incident")" "updated|$((WARROOM_NOW + 605))" "engineers' update leaves it"
at 800 update --audience users "まもなく復旧します。" >/dev/null || fail "u3"
at 805 agent --once 2>/dev/null || fail "agent 4 (404)"
assert_eq "$(q "SELECT state FROM status_update WHERE id = 4")" failed "404 failed"
assert_eq "$(q "SELECT comms, users_updated FROM incident")" "updated|$((WARROOM_NOW + 605))" "a failed update leaves it"
at 900 phase recovered || fail "recovered"
at 910 update --audience users "決済は復旧しました。" >/dev/null || fail "u4"
at 915 agent --once 2>/dev/null || fail "agent 5"
assert_eq "$(req 5 'p["blocks"][0]["text"]["text"]')" "【復旧完了】" "recovery heading"
assert_eq "$(q "SELECT comms, recovery_told, users_updated FROM incident")" "recovery-told|$((WARROOM_NOW + 915))|$((WARROOM_NOW + 605))" "told of recovery"
st=$(TZ=UTC at 920 status)
assert_contains "$st" "users     recovery-told (told 12:00, updated 12:10, told of recovery 12:15)" "status shows each time"
at 920 status --json >"$T/st.json" || fail "status --json"
assert_eq "$(python3 -c 'import json,sys; i=json.load(open(sys.argv[1]))["incident"]; print(i["users_told"], i["users_updated"], i["recovery_told"])' "$T/st.json")" \
    "2025-11-26T12:00:05Z 2025-11-26T12:10:05Z 2025-11-26T12:15:15Z" "status --json"
pass "users' track follows deliveries: told, updated, recovery; not engineers', not failed"

# impact: no --scope keeps the scope; a change records old and new.
"$W" impact known --scope "一部のユーザー (JP)" || fail "impact 1"
"$W" impact assessing || fail "impact 2"
assert_eq "$(q "SELECT impact, impact_scope FROM incident")" "assessing|一部のユーザー (JP)" "scope kept"
"$W" impact known || fail "impact 3"
assert_eq "$(q "SELECT impact_scope FROM incident")" "一部のユーザー (JP)" "scope kept again"
"$W" impact known --scope "全ユーザー" || fail "impact 4"
assert_contains "$(q "SELECT text FROM entry ORDER BY id DESC LIMIT 1")" 'scope changed from "一部のユーザー (JP)" to "全ユーザー"' "old and new in the timeline"
assert_fails "bad impact" "$W" impact nope --scope x
assert_eq "$(q "SELECT impact_scope FROM incident")" "全ユーザー" "bad input changes nothing"
pass "impact keeps its scope; a changed scope is recorded old and new"

