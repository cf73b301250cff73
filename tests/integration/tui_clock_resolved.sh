#!/bin/sh
# tui_clock_resolved.sh: the incident clock stops at resolution. Detected
# 90 min ago and resolved 30 min after that, the Phase pane says "resolved
# after 30m" (the time it took), not the time since detection, at 80x24
# and at 200x50, with a Japanese title.
. "$(dirname "$0")/../lib.sh"

now=$(date +%s)
WARROOM_NOW=$((now - 5400)) "$W" declare "決済APIのエラー率上昇" >/dev/null ||
    fail "declare"
WARROOM_NOW=$((now - 5000)) "$W" phase investigating >/dev/null || fail "phase"
WARROOM_NOW=$((now - 3600)) "$W" phase resolved >/dev/null || fail "resolve"

for size in "80 24" "200 50"; do
	set -- $size
	tm_start s "$1" "$2" "$W" tui
	tm_wait s "決済API" || fail "$1x$2: the screen did not come up"
	clock=$(tm_screen s | grep -o 'Clock [^║│]*')
	assert_contains "$clock" "resolved after 30m" "$1x$2: the clock at resolution"
	assert_not_contains "$clock" "since" "$1x$2: the clock still runs"
	tm kill-session -t s
done
# An open incident's clock still counts from detection.
WARROOM_NOW=$((now - 600)) "$W" declare "second, still open" >/dev/null ||
    fail "declare 2"
tm_start s 200 50 "$W" tui --incident 2
tm_wait s "second, still open" || fail "incident 2 did not show"
clock=$(tm_screen s | grep -o 'Clock [^║│]*')
assert_contains "$clock" "10m since detected at" "the open incident's clock"
pass "the clock stops at resolution and says how long it took"
