#!/bin/sh
# tui_bytes: what a viewer writes to its terminal for one new timeline
# line (issue 18): the pane scrolls (a scroll region, not a redraw), no
# cursor move after the frame, no attribute reset (sgr0) to reach the
# terminal's default colours in the middle of a row; and a screen that
# followed the changes shows what a fresh screen shows (colours included),
# in colour, with NO_COLOR and on a vt100, with Japanese text.
. "$(dirname "$0")/../lib.sh"

"$W" declare "bytes test incident" >/dev/null 2>&1 || fail "declare"
inc=$(sqlite3 "$WARROOM_DB" "SELECT id FROM incident")
sqlite3 "$WARROOM_DB" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL
    SELECT i + 1 FROM n WHERE i < 80) INSERT INTO entry (incident_id,
    event_time, recorded, author, kind, text) SELECT $inc, 1700000000 + i,
    1700000000 + i, 'bulk', 'event', 'bulk entry ' || i FROM n" ||
    fail "bulk insert"
ESC=$(printf '\033')

# One new line on a 200x50 screen, byte for byte.
tm_start a 200 50 "env TERM=xterm-256color $W view"
tm_wait a "? help"
tm_wait a "81 entries"
sleep 0.3
tm_record a "$T/one.out"
sleep 0.2
"$W" log "zqxjvk marker line" >/dev/null || fail "log"
tm_wait a "zqxjvk marker line"
sleep 0.4
tm_record a
bytes=$(wc -c <"$T/one.out")
grep -q zqxjvk "$T/one.out" || fail "the new line was not recorded"
# A scroll region moved the pane's rows: csr (ESC [ top ; bottom r).
grep -q "$ESC\[[0-9]*;[0-9]*r" "$T/one.out" ||
    fail "no scroll region: the pane was redrawn ($bytes bytes)"
[ "$bytes" -lt 400 ] || fail "one new line took $bytes bytes (< 400)"
# The cursor is hidden: the frame ends where its last cell left it, not
# with a move (to the status bar) before curses resets the attributes;
# and going back to the default colours inside a row takes one colour
# change, not a colour change then sgr0 (ESC [ 39 m ESC ( B ESC [ m) as
# for pair 0: only the frame's end resets everything (curses does).
why=$(python3 -c '
import re, sys
d = open(sys.argv[1], "rb").read()
reset = b"\x1b[39m\x1b(B\x1b[m"
if d.endswith(reset):
    d = d[:-len(reset)]
if re.search(rb"\x1b\[[0-9;]*[HGd]$", d):
    print("the hidden cursor was moved after the frame")
elif reset in d:
    print("%d colour-then-sgr0 resets inside the frame" % d.count(reset))
' "$T/one.out")
[ -z "$why" ] || fail "$why"
pass "one new line: $bytes bytes, a scroll region, no cursor move, no sgr0 mid-row"

# What the screen shows after changes == what a fresh screen shows.
same() { # name width height env
	sn=$1 sw=$2 sh=$3 se=$4
	tm_start "$sn" "$sw" "$sh" "env $se $W view"
	tm_wait "$sn" "? help"
	for i in 1 2 3; do
		"$W" log "$sn $i 障害「継続中」、ログ領域の確認です" \
		    >/dev/null || fail "log $i"
		tm_wait "$sn" "$sn $i 障害"
		sleep 0.15
	done
	sleep 0.3
	tm_start "${sn}f" "$sw" "$sh" "env $se $W view"
	tm_wait "${sn}f" "? help"
	sleep 0.4
	# The status bar's clocks may differ by a second: all but it.
	tm_screen_esc "$sn" | sed '$d' >"$T/$sn.live"
	tm_screen_esc "${sn}f" | sed '$d' >"$T/$sn.fresh"
	cmp -s "$T/$sn.live" "$T/$sn.fresh" || {
		diff "$T/$sn.live" "$T/$sn.fresh" | head -20 >&2
		fail "$sn: after live changes the screen differs from a fresh one"
	}
	grep -q "継続中" "$T/$sn.live" || fail "$sn: no Japanese text shown"
	tm_stop "$sn"
	tm_stop "${sn}f"
}
same c200 200 50 "TERM=xterm-256color"
same c80 80 24 "TERM=xterm-256color"
same n80 80 24 "TERM=xterm-256color NO_COLOR=1"
same v80 80 24 "TERM=vt100"
pass "live changes draw what a fresh screen draws (colour at 80x24 and 200x50, NO_COLOR, vt100)"
