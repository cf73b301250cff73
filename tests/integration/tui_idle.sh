#!/bin/sh
# tui_idle: with the folder's watch working, an idle screen sleeps: no
# 1 s poll (the clock is fixed, so no tick is due either); and it still
# wakes for what the watches tell: a viewer arriving and one killed hard
# (its mark's close, then the re-reads), and a write from the command line.
. "$(dirname "$0")/../lib.sh"
WARROOM_AS=ic && export WARROOM_AS
T0=1700000000

"$W" init >/dev/null 2>&1 || fail "init"
WARROOM_NOW=$T0 "$W" declare "idle test" >/dev/null 2>&1 || fail "declare"
tm_start c 100 30 "WARROOM_NOW=$T0 $W tui --role commander"
tm_wait c "idle test"
pid=$(pgrep -n -f "$W tui --role commander") || fail "no pid"

# Wake-ups: voluntary context switches of the screen over 6 s, once its
# first seconds (the presence folder's re-reads) are over.
switches() { sed -n 's/^voluntary_ctxt_switches:[[:space:]]*//p' "/proc/$1/status"; }
sleep 4
a=$(switches "$pid")
sleep 6
b=$(switches "$pid")
[ $((b - a)) -le 3 ] || fail "idle screen woke $((b - a)) times in 6 s"
pass "an idle screen woke $((b - a)) times in 6 s (the 1 s poll: 6)"

# It still hears the watches at once.
tm_start v 100 30 "WARROOM_NOW=$T0 $W --as dave view"
tm_wait c "watching (1): dave" 10
vpid=$(pgrep -n -f "$W --as dave view") || fail "no viewer pid"
kill -9 "$vpid"
tm_wait_gone c "watching (" 10
"$W" log "after the quiet" >/dev/null || fail "log"
tm_wait c "after the quiet" 5
pass "a viewer coming and killed, and a write, show within 10 s (the fallback poll is 30 s)"
