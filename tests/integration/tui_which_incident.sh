#!/bin/sh
# tui_which_incident: on a database with several open incidents, a
# read-only viewer always sees which incident its screen shows (the
# status bar's "#N", the Phase pane's "SEV2 #1 title") or that it shows
# none and which key picks one; an incident declared later is a notice
# whose key (J) stays in sight at 80x24 beside the reminder, with the
# title where there is room (100x30, 200x50). No screen switches by
# itself; J and I do.
. "$(dirname "$0")/../lib.sh"

now=$(date +%s)
# #1 SEV2 declared 40 min ago, no update: its reminder is due.
WARROOM_NOW=$((now - 2400)) "$W" --as alice declare "決済API 障害" \
    --severity SEV2 >/dev/null 2>&1 || fail "declare 1"
"$W" --as bob declare "ディスク ノイズ" --severity SEV4 >/dev/null ||
    fail "declare 2"

# The commander's screen first: it makes the presence folder viewers
# list themselves in (else they say they are not listed).
tm_start c 80 24 "$W --as alice --incident 1 tui"
tm_wait c "SEV2 #1 決済API 障害"

# Several open, no --incident: the viewer asks; Esc leaves none shown,
# and the status bar says so and which key picks one (the Phase pane's
# line is cut at 80 columns).
tm_start n 80 24 "$W --as ビュー view"
tm_wait n "Which incident? Several are open"
tm_keys n Escape
tm_wait_status n "READ-ONLY  ビュー (viewer)  no incident on screen: I picks one"
tm_keys n I
tm_wait n "Incidents ═"
tm_keys n j Enter
tm_wait n "SEV2 #1 決済API 障害"
tm_wait_status n "ビュー (viewer) #1  showing incident #1"
tm_keys n 1 # the message goes with the next key
tm_wait_status n "ビュー (viewer) #1  REMINDER: Update 10m overdue"
tm_check_borders n 80
pass "with several open, the viewer sees none is shown and I picks one"

tm_start v 100 30 "$W --as ビュー --incident 1 view"
tm_start w 200 50 "$W --as ビュー --incident 1 view"
for s in c v w; do
	tm_wait $s "SEV2 #1 決済API 障害"
	tm_wait_status $s "REMINDER: Update 10m overdue"
done
"$W" --as carol declare "ログイン不可 (SSO) 長いタイトルの障害" \
    --severity SEV1 >/dev/null || fail "declare 3"
tm_wait_status c " alice (commander) #1  #3 new (J)  REMINDER: Update 10m overdue (z snoozes)"
tm_wait_status n "ビュー (viewer) #1  #3 new (J)  REMINDER: Update 10m overdue"
tm_wait_status v "ビュー (viewer) #1  #3 SEV1 declared: ログイ.*J shows it  REMINDER: Update 10m overdue"
tm_wait_status w "#3 SEV1 declared: ログイン不可 (SSO) 長いタイトルの障害  J shows it  REMINDER: Update 10m overdue"
sleep 1 # a few reloads: still on #1
for s in c n v w; do
	assert_contains "$(tm_screen $s)" "SEV2 #1 決済API 障害" "$s stays on #1"
	assert_not_contains "$(tm_screen $s)" "SEV1 #3" "$s switched by itself"
done
tm_check_borders c 80
tm_check_borders v 100
tm_check_borders w 200
pass "a newer incident: its key in sight at 80x24, its title where room"

tm_keys n J
tm_wait n "SEV1 #3 ログイン不可 (SSO)"
tm_wait_status n "ビュー (viewer) #3  showing incident #3"
tm_keys v I
tm_wait v "3 incidents"
tm_keys v Escape
assert_contains "$(tm_screen v)" "SEV2 #1 決済API 障害" "I and Esc keep #1"
pass "J shows the new one; I lists them; nothing else switches"
