#!/bin/sh
# screen_huge: a viewer in a huge window (thousands of rows and columns:
# started so, resized so, or told so by LINES/COLUMNS) draws at most 600x300
# and says so, so its memory stays under a cap (64 MB) instead of growing
# with the window; the screen still works, and a normal size comes back.
. "$(dirname "$0")/../lib.sh"

CAP_KB=65536
"$W" init >/dev/null 2>&1 || fail "init"
"$W" declare "big screens" >/dev/null || fail "declare"
"$W" assign bob --join --purpose "watch" --task "look" || fail "assign"
"$W" log "an entry to see" --source test >/dev/null || fail "log"

pid_of() { # session: the warroom under the session's shell
	_pp=$(tm_get "$1" '#{pane_pid}')
	_end=$(($(date +%s) + 5))
	while [ "$(date +%s)" -le "$_end" ]; do
		_p=$(pgrep -P "$_pp" -x warroom) && { echo "$_p"; return 0; }
		sleep 0.1
	done
	fail "no warroom under $1"
}
hwm() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status"; }
under_cap() { # pid what
	_k=$(hwm "$1")
	[ "$_k" -lt "$CAP_KB" ] || fail "$2: peak memory ${_k} kB, cap ${CAP_KB} kB"
	echo "  $2: peak ${_k} kB"
}

# Started huge.
tm_start a 3000 2000 "$W view"
tm_wait a "drawn 600x300" 10
pa=$(pid_of a)
under_cap "$pa" "started at 3000x2000"
scr=$(tm_screen a)
assert_contains "$scr" "window 3000x2000: drawn 600x300" "status line note"
assert_contains "$scr" "an entry to see" "timeline drawn"
assert_contains "$scr" "bob" "board drawn"
# Still a working screen: help opens and closes.
tm_keys a '?'
tm_wait a "Keys" 5
tm_keys a Escape
tm_wait_gone a "Keys" 5
pass "started huge: clamped, noted, usable"

# Down to a normal size: all of it drawn, no note.
tm_resize a 120 40
tm_wait_gone a "drawn 600x300" 5
tm_wait a "an entry to see"
# Up again, beyond the first size, and up and down quickly.
for s in 4000x2500 200x60 5000x3000 3500x1000 2000x3500; do
	tm_resize a "${s%x*}" "${s#*x}"
	sleep 0.3
done
tm_wait a "window 2000x3500: drawn 600x300" 10
under_cap "$pa" "after resizes up to 5000x3000"
kill -0 "$pa" || fail "the viewer died"
pass "resized huge and back: memory stays under the cap"

# LINES and COLUMNS huge in an ordinary window.
tm_start b 100 30 "LINES=4000 COLUMNS=4000 $W view"
tm_wait b "an entry to see" 10
pb=$(pid_of b)
under_cap "$pb" "LINES=COLUMNS=4000"
tm_keys b q
_end=$(($(date +%s) + 5))
while kill -0 "$pb" 2>/dev/null; do
	[ "$(date +%s)" -le "$_end" ] || fail "q did not quit"
	sleep 0.1
done
pass "huge LINES/COLUMNS clamped; q quits"
