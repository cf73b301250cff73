#!/bin/sh
# tui_keybar: the key bar over the status bar shows the focused pane's most
# useful keys that the role may use (the scribe sees "n new entry", a viewer
# no writing key), drops the least useful at 80 columns and never wraps,
# and shows none of them while a form has the keys;
# the help overlay uses the screen's width (no description cut at 200
# columns) and wraps descriptions under the description column at 80.
# At 80x24, 100x30 and 200x50, with Japanese text.
. "$(dirname "$0")/../lib.sh"
me=$(id -un)

"$W" declare "決済APIのエラー率上昇" --severity SEV2 >/dev/null || fail "declare"
"$W" join 鈴木 --role scribe >/dev/null && "$W" join 佐藤 --role ops \
    >/dev/null || fail "join"
"$W" log "決済ゲートウェイのタイムアウトが増加" >/dev/null || fail "log"

# A session that outlives the others keeps the tmux server up between them.
tm_start keep 20 5 sleep 60

# The key bar: the second last line; the status bar stays the last.
bar() { tm_screen "$1" | tail -2 | head -1; }
check_bar() { # name cols what
	_b=$(bar "$1")
	[ "$(printf '%s' "$_b" | wc -L)" -le "$2" ] || fail "$3: the bar is too long"
	assert_contains "$_b" "? help" "$3: the bar"
}

for size in "80 24" "100 30" "200 50"; do
	set -- $size
	c=$1 r=$2
	# The commander: the Phase pane's keys first, then the Board's.
	tm_start s "$c" "$r" "$W" tui
	tm_wait s "決済APIのエラー率上昇"
	tm_wait s "P next phase"
	check_bar s "$c" "${c}x$r commander, Phase"
	assert_contains "$(bar s)" "u update" "${c}x$r commander, Phase"
	assert_contains "$(tm_screen s | tail -1)" "$me (commander)" \
	    "${c}x$r: the status bar is the last line"
	# The panes end right above the bar (they lost one row, no more).
	assert_contains "$(tm_screen s | tail -3 | head -1)" "└" \
	    "${c}x$r: the panes' bottom border over the bar"
	tm_keys s 2
	tm_wait s "a assign"
	check_bar s "$c" "${c}x$r commander, Board"
	assert_contains "$(bar s)" "c checked in" "${c}x$r commander, Board"
	if [ "$c" -ge 200 ]; then
		assert_contains "$(bar s)" "H hand off" "${c}x$r: room for all"
		assert_contains "$(bar s)" "I incidents" "${c}x$r: room for all"
	else
		# 80 and 100 columns: the least useful keys are dropped.
		assert_not_contains "$(bar s)" "I incidents" "${c}x$r: dropped"
	fi
	if [ "$c" -eq 80 ]; then
		assert_not_contains "$(bar s)" "H hand off" "80: dropped"
		assert_not_contains "$(bar s)" "+ add person" "80: dropped"
	fi
	# A form open: its keys are its own, the bar shows none of the panes'.
	tm_keys s a
	tm_wait s "═ Assign "
	tm_wait_gone s "c checked in"
	assert_not_contains "$(bar s)" "help" "${c}x$r: the bar under a form"
	tm_keys s Escape
	tm_wait s "c checked in"
	tm_keys s 4
	tm_wait s "e edit"
	assert_contains "$(bar s)" "a add" "${c}x$r commander, Timeline"
	assert_not_contains "$(bar s)" "a assign" "${c}x$r: Board keys left"
	tm_keys s 3
	tm_wait s "w window"
	assert_contains "$(bar s)" "Enter detail" "${c}x$r commander, Metrics"
	tm kill-session -t s

	# The scribe: timeline writing keys, none of the commander's.
	tm_start s "$c" "$r" "$W" --as 鈴木 tui
	tm_wait s "鈴木 (scribe)"
	tm_wait s "n new entry"
	check_bar s "$c" "${c}x$r scribe"
	assert_contains "$(bar s)" "e edit" "${c}x$r scribe, Timeline"
	assert_not_contains "$(bar s)" "u update" "${c}x$r scribe"
	assert_not_contains "$(bar s)" "D decide" "${c}x$r scribe"
	tm_keys s 2
	tm_wait_gone s "e edit"
	assert_not_contains "$(bar s)" "a assign" "${c}x$r scribe, Board"
	assert_contains "$(bar s)" "n new entry" "${c}x$r scribe, Board"
	tm kill-session -t s

	# Not in a writing role: read-only, no key that writes.
	tm_start s "$c" "$r" "$W" --as 佐藤 tui
	tm_wait s "READ-ONLY"
	tm_keys s 4
	tm_wait s "/ search"
	check_bar s "$c" "${c}x$r viewer"
	for k in "n new entry" "a add" "e edit" "u update" "D decide"; do
		assert_not_contains "$(bar s)" "$k" "${c}x$r viewer"
	done
	tm kill-session -t s
done
pass "the key bar follows the pane and the role, and fits at 80 columns"

# The help at 200 columns: the longest description whole, on one row.
tm_start s 200 50 "$W" tui
tm_wait s "決済APIのエラー率上昇"
tm_keys s '?'
tm_wait s "show or hide this help"
tm_keys s Space Space
tm_wait s "Timeline: delete the selected entry"
line=$(tm_screen s | grep "Timeline: delete the selected entry")
assert_contains "$line" "stays as a tombstone) (scribe, commander)" \
    "200x50: the longest description"
assert_not_contains "$(tm_screen s | grep '║ .*║')" "…" "200x50: a cut line"
tm kill-session -t s

# At 80 and 100 columns it wraps under the description column, and no
# description is cut on any page.
for size in "80 24" "100 30"; do
	set -- $size
	tm_start s "$1" "$2" "$W" tui
	tm_wait s "決済APIのエラー率上昇"
	tm_keys s '?'
	tm_wait s "show or hide this help"
	seen=""
	for page in 1 2 3 4 5 6 7 8; do
		screen=$(tm_screen s)
		assert_not_contains "$(printf '%s\n' "$screen" | sed '$d')" "…" \
		    "$1x$2: a line cut on page $page"
		seen="$seen
$screen"
		tm_keys s Space
		sleep 0.2
	done
	# The delete key's description goes on under the description column.
	# (any of the pages it shows on: one may end right after its first line)
	printf '%s\n' "$seen" | grep -A1 "Timeline: delete the selected entry" |
	    grep -v "Timeline: delete" | grep -q '^║                [a-z(]' ||
	    fail "$1x$2: the description does not wrap under its column:
$(printf '%s\n' "$seen" | grep -A2 'Timeline: delete the selected entry')"
	assert_contains "$seen" "stays as a tombstone)" "$1x$2: the end of it"
	tm kill-session -t s
done
pass "the help uses the width at 200 columns and wraps at 80 and 100"
