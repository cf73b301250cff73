#!/bin/sh
# screen_writes: a frame leaves the viewer in a few write()s, not one per
# cursor move (ncurses 6.4 flushed after every move until the screen had
# once been suspended: about 170 writes for a first frame of 200x50 and
# 50 for a PgUp, each waking the terminal). Counted by the kernel:
# syscw in /proc/PID/io (a viewer writes nothing else).
. "$(dirname "$0")/../lib.sh"

"$W" declare "writes test" >/dev/null 2>&1 || fail "declare"
# 400 entries, each with its own text, so a PgUp changes every row.
sq "$WARROOM_DB" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1
    FROM n WHERE i < 400) INSERT INTO entry (incident_id, event_time,
    recorded, author, kind, text) SELECT 1, strftime('%s','now') - 4000 + i,
    strftime('%s','now'), 'alice', 'event', 'entry number ' || i ||
    ' 調査中 of the writes test' FROM n" >/dev/null || fail "insert"

syscw() { # pid
	[ -r "/proc/$1/io" ] || fail "no /proc/$1/io"
	sed -n 's/^syscw: //p' "/proc/$1/io"
}

tm_start v 200 50 "$W view"
tm_wait v "? help"
tm_wait v "entry number 400"
pid=$(pgrep -P "$(tm_get v '#{pane_pid}')" | head -1)
[ -n "$pid" ] || fail "no viewer process"
sleep 0.5
first=$(syscw "$pid")
# The first frame (two writes of curses' buffer), the terminal's modes
# and the redraw after tmux's resize; before: about 180.
[ "$first" -le 40 ] || fail "$first write()s to the first frames"
pass "first frame in $first write()s"

tm_keys v 4
sleep 0.3
before=$(syscw "$pid")
i=0
while [ $i -lt 5 ]; do
	tm_keys v PPage
	sleep 0.3
	i=$((i + 1))
done
tm_wait_gone v "entry number 400"
tm_wait_gone v "entry number 300"
after=$(syscw "$pid")
n=$((after - before))
# Five pages of new rows; before: about 250 writes.
[ "$n" -le 20 ] || fail "$n write()s for five PgUp"
pass "five PgUp in $n write()s"
