#!/bin/sh
# tui_resize_metrics: a screen made wider draws one point per column at
# once. The points shown were read for the old width; a clock tick only
# moves them, so without a reload on resize the 80-column sparkline was
# spread over the wider pane with gaps until the next write.
. "$(dirname "$0")/../lib.sh"

# The demo's database: series with an hour of samples, and no agent left
# writing (nothing else would make the screen read again).
tm_start_exit d 80 24 "$W demo --db $WARROOM_DB --exit-after 1 2>/dev/null"
tm_wait d "EXITED 0" 15
tm_stop d
tm_start m 80 24 "$W tui"
tm_wait m "api cpu"
tm_resize m 200 50
tm_wait m "FOR WHAT, DO WHAT" # the 200-column layout is drawn

# The row under "api cpu": its sparkline, one glyph per point.
glyphs() {
	tm_screen m | awk '/api cpu/ {getline; print; exit}' | python3 -c '
import sys
row = sys.stdin.read()
box = row.split("\u2502")
cell = max(box, key=lambda c: sum(1 for ch in c if "\u2581" <= ch <= "\u2588"))
print(sum(1 for ch in cell if "\u2581" <= ch <= "\u2588"))'
}
n=0
for i in 1 2 3 4 5 6 7 8 9 10; do
	n=$(glyphs)
	[ "$n" -ge 50 ] && break
	sleep 0.1
done
[ "$n" -ge 50 ] || { tm_screen m >&2; fail "after the resize the api cpu sparkline has $n points (80 columns gave about 29)"; }
pass "made wider, the sparkline has $n points at once"
