#!/bin/sh
# tui_remind_bar: the reminder on the status bar is whole at 80x24, beside
# who you are, your role and the incident: short words ("Update 10m
# overdue", "長い名前…: no check-in for 31m"), the commander's "(z
# snoozes)" included; the last change and "? help" give way first and
# come back when there is room (100x30, 200x50). `warroom status` keeps
# the long words.
. "$(dirname "$0")/../lib.sh"

now=$(date +%s)
# SEV2: an update every 30 min; declared 40 min ago, none written.
WARROOM_NOW=$((now - 2400)) "$W" --as alice declare "決済 障害" \
    --severity SEV2 >/dev/null 2>&1 || fail "declare"
WARROOM_NOW=$((now - 2400)) "$W" --as alice join 田中 --role scribe \
    >/dev/null || fail "join"

# The last line of NAME, once it matches PATTERN.
bar() { tm_wait_status "$1" "$2" 15; tm_screen "$1" | tail -1; }
tm_start c 80 24 "$W --as alice tui"
tm_start s 100 30 "$W --as 田中 tui"
tm_start v 200 50 "$W --as ビュー view"
tm_start n 80 24 "$W --as ビュー view"
b=$(bar c "REMINDER: Update 10m overdue (z snoozes)")
assert_contains "$b" " alice (commander) #1  REMINDER: Update 10m overdue (z snoozes)" "80x24 commander"
assert_contains "$b" "? help" "80x24: room for ? help"
b=$(bar n "REMINDER: Update 10m overdue")
assert_contains "$b" " READ-ONLY  ビュー (viewer) #1  REMINDER: Update 10m overdue" "80x24 viewer"
b=$(bar s "REMINDER: Update 10m overdue")
assert_contains "$b" " 田中 (scribe) #1  REMINDER: Update 10m overdue" "100x30 scribe"
assert_contains "$b" "changed " "100x30: the last change"
b=$(bar v "REMINDER: Update 10m overdue")
assert_contains "$b" "$WARROOM_DB" "200x50: the database"
assert_contains "$b" "changed " "200x50: the last change"
assert_contains "$("$W" status)" "REMINDER  Next status update due, overdue by 10m" \
    "status keeps the long words"
tm_check_borders c 80
tm_check_borders s 100
tm_check_borders v 200
pass "the update reminder is whole at 80x24, 100x30 and 200x50"

# A long Japanese name gone stale: cut, the time kept.
"$W" --as alice update "調査中です" >/dev/null || fail "update"
# 31m20s ago: 40 s before it reads 32m.
WARROOM_NOW=$(($(date +%s) - 1880)) "$W" --as alice assign 長い名前の担当者さん \
    --join --purpose "原因の特定" --task "ログを確認" >/dev/null ||
    fail "assign"
b=$(bar c "REMINDER: 長い名前…: no check-in for 31m (z snoozes)")
assert_contains "$b" " alice (commander) #1  REMINDER: 長い名前…: no check-in for 31m (z snoozes)" "80x24 commander, stale"
bar n "REMINDER: 長い名前…: no check-in for 31m" >/dev/null
bar s "REMINDER: 長い名前…: no check-in for 31m" >/dev/null
b=$(bar v "REMINDER: 長い名前…: no check-in for 31m")
assert_contains "$b" "changed " "200x50: the last change"
assert_contains "$("$W" status)" "REMINDER  長い名前の担当者さん has not checked in for 31m" \
    "status keeps the whole name"
for n in c n; do
	w=$(tm_screen $n | tail -1 | python3 -c 'import sys, unicodedata as u
s = sys.stdin.read().rstrip("\n")
print(sum(2 if u.east_asian_width(c) in "WF" else 1 for c in s))')
	[ "$w" -le 80 ] || fail "the status bar of $n is $w columns"
done
pass "a stale check-in with a long Japanese name fits at 80x24"
