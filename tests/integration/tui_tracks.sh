#!/bin/sh
# tui_tracks.sh: on the screens. An overdue update is a REMINDER on every
# screen; the commander's terminal rings once (not with [tui] bell = no); z
# snoozes it (logged) and it leaves every screen. Failed updates stay on
# the Phase pane of every screen until the commander resends (S) or gives
# one up (x), each in the timeline; a resent users' update, once
# delivered, shows on the Phase pane as when users were last told. A viewer
# is refused z, S and x, the database unchanged.
. "$(dirname "$0")/../lib.sh"

# script(1) (util-linux) keeps the commander's raw output, bells included.
if ! command -v script >/dev/null 2>&1; then
	[ "$CI" = true ] && fail "script(1) is missing (util-linux)"
	echo "SKIP tui_tracks: script(1) is missing (install util-linux)"
	exit 0
fi

no_proxy='*' && export no_proxy
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
RX=$T/rx
slack_rx_start "$RX" "404,410"
mkdir -p "$XDG_CONFIG_HOME/warroom"
CFG=$XDG_CONFIG_HOME/warroom/config
printf '[slack]\nwebhook = http://127.0.0.1:%s/hook/SECRET\n' "$RX_PORT" >"$CFG"
chmod 600 "$CFG"
q() { sqlite3 "$WARROOM_DB" "$1"; }
now=$(date +%s)
# SEV2 (every 30 min); the last update 38 min ago: overdue by 8 min.
WARROOM_NOW=$((now - 2400)) "$W" declare "決済 障害" --severity SEV2 >/dev/null || fail "declare"
WARROOM_NOW=$((now - 2300)) "$W" update --audience users "決済が遅れています。" >/dev/null || fail "u1"
WARROOM_NOW=$((now - 2300)) "$W" update --audience managers "影響は一部" >/dev/null || fail "u2"
"$W" agent --once 2>/dev/null || fail "agent"
assert_eq "$(q "SELECT group_concat(state) FROM status_update")" "failed,failed" "both failed"

# The commander's screen through script(1), to see the bell it rings.
tm_start c 110 32 "script -qfc '$W tui --role commander' $T/raw"
# The viewer after the commander's screen has made the presence folder (a
# viewer never writes beside the database), so it is listed as watching.
tm_wait_status c "REMINDER: Update [0-9]*m overdue" 15
tm_start v 110 32 "$W --as ビュー view"
for s in c v; do
	tm_wait_status $s "REMINDER: Update [0-9]*m overdue" 15
	tm_wait $s "FAILED #1 users HTTP 404"
	tm_wait $s "S resend x drop"
	tm_wait $s "FAILED #2 managers HTTP 410"
done
sleep 2.5 # a few reloads: it must still have rung only once
bells=$(tr -cd '\007' <"$T/raw" | wc -c)
assert_eq "$bells" 1 "the commander's bell rang once"
pass "reminder and failed updates on both screens; one bell"

# The viewer is refused z, S and x; nothing changes.
sum=$(db_sum)
tm_keys v 1
for key in z S x; do
	tm_keys v 1
	tm_wait_gone v "READ-ONLY: this"
	tm_keys v "$key"
	tm_wait v "READ-ONLY: this screen cannot change anything ('$key'"
done
assert_eq "$(db_sum)" "$sum" "the viewer changed the database"
pass "the viewer is refused z, S and x"

# z snoozes: logged, gone from both screens (the viewer's message from the
# refused key cleared first, so the reminder is back on its status bar).
tm_keys v 1
tm_wait v "REMINDER: Update"
tm_keys c z
tm_wait c "reminders snoozed for 10 minutes"
tm_wait_gone v "REMINDER" 5 || fail "the viewer still shows the reminder"
assert_contains "$(q "SELECT text FROM entry ORDER BY id DESC LIMIT 1")" "Reminders snoozed for 10 min" "logged"
pass "z snoozes the reminder on every screen, logged"

# S resends the oldest failed update, after asking; the receiver now says
# 200 and the users' track shows when.
tm_keys c 1 S
tm_wait c "Send update #1 to users again?"
tm_keys c y
tm_wait c "update #1 queued again"
assert_eq "$(q "SELECT state FROM status_update WHERE id = 1")" queued "requeued"
tm_wait_gone v "FAILED #1" 5 || fail "viewer still shows #1 failed"
"$W" agent --once 2>/dev/null || fail "agent resend"
told=$(date -d "@$(q "SELECT users_told FROM incident")" +%H:%M)
tm_wait v "Users    told, last $told"
tm_wait c "Users    told, last $told"
# x gives up #2: recorded, gone from every screen.
tm_keys c x
tm_wait c "Give up update #2 to managers (it will not be sent)?"
tm_keys c n
tm_wait_gone c "Give up update" 5 || fail "the question stays"
assert_eq "$(q "SELECT dropped_at IS NULL FROM status_update WHERE id = 2")" 1 "n keeps it"
tm_keys c x
tm_wait c "Give up update #2"
tm_keys c y
tm_wait c "update #2 given up"
tm_wait_gone v "FAILED #2" 5 || fail "viewer still shows #2 failed"
assert_contains "$(q "SELECT group_concat(text, '|') FROM entry WHERE author = '$(id -un)'")" \
    "Status update #1 to users queued again after it failed" "resend logged"
assert_contains "$(q "SELECT group_concat(text, '|') FROM entry WHERE author = '$(id -un)'")" \
    "Status update #2 to managers given up" "drop logged"
tm_check_borders c 110
tm_check_borders v 110
pass "S resends, x gives up (after asking), each logged; users told shows with its time"

# The composer shows the users' heading as users will read it.
tm_keys c u
tm_wait c "Heading: 【検知】 detected"
tm_keys c Tab Tab
tm_wait c "no internal names"
tm_wait c "Heading: 【検知】 (the phase"
tm_keys c Escape
tm_wait_gone c "no internal names" 5 || fail "the composer stays"
pass "the composer heads a users' update in Japanese alone"

# [tui] bell = no: the reminder shows, nothing rings.
printf '[tui]\nbell = no\n' >"$CFG"
WARROOM_NOW=$((now - 4000)) "$W" declare "二つ目" --severity SEV1 >/dev/null || fail "declare 2"
tm_start b 110 32 "script -qfc '$W --incident 2 tui --role commander' $T/raw2"
tm_wait b "REMINDER: Update"
sleep 1
assert_eq "$(tr -cd '\007' <"$T/raw2" | wc -c)" 0 "bell = no rings nothing"
pass "[tui] bell = no: shown, silent"
