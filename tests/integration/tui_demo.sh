#!/bin/sh
# tui_demo: `warroom demo` seeds a live incident in a private scratch
# database, fills all four panes, runs the agent and stops it on quit.
. "$(dirname "$0")/../lib.sh"

export XDG_RUNTIME_DIR="$T/run"
mkdir -m 700 "$XDG_RUNTIME_DIR"
tm_start_exit d 200 50 "XDG_RUNTIME_DIR=$XDG_RUNTIME_DIR $W demo 2>$T/err"
tm_wait d "Checkout API returning 5xx"
tm_wait d "p99 latency"
for text in "【対応中】 mitigating" "田中" "IDLE" "STALE" "http 5xx rate" \
    "エラー率が低下し始めた" "(commander)" "$XDG_RUNTIME_DIR/warroom-demo/demo.db"; do
	tm_wait d "$text"
done
tm_check_borders d 200
pgrep -f "$XDG_RUNTIME_DIR/warroom-demo/demo.db agent" >/dev/null || fail "no agent running"
pass "demo fills the four panes and runs the agent"

tm_keys d q
tm_wait d "EXITED 0"
assert_contains "$(cat "$T/err")" "the demo database is $XDG_RUNTIME_DIR/warroom-demo/demo.db" \
    "where the demo database is"
end=$(($(date +%s) + 5))
while pgrep -f "$XDG_RUNTIME_DIR/warroom-demo/demo.db agent" >/dev/null; do
	[ "$(date +%s)" -le "$end" ] || fail "the agent outlived the demo"
	sleep 0.05
done
assert_eq "$(sqlite3 "$XDG_RUNTIME_DIR/warroom-demo/demo.db" \
    "SELECT count(*) FROM series WHERE source = 'demo'")" 4 "demo series"
pass "q ends the demo and its agent"

# A shared folder that is not private is refused.
chmod 777 "$XDG_RUNTIME_DIR/warroom-demo"
tm_start_exit o 80 24 "XDG_RUNTIME_DIR=$XDG_RUNTIME_DIR $W demo 2>$T/err2"
tm_wait o "EXITED 1"
assert_contains "$(cat "$T/err2")" "is not a private folder of yours" \
    "open demo folder"
pass "a demo folder open to others is refused"
