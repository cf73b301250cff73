#!/bin/sh
# tui_metrics: the Metrics pane at a fixed clock over samples written
# directly: sparklines, latest values with units in warn/crit colours, min
# and max, stale and failing series, markers of a phase change and a
# release at their columns, window switching, the detail chart and its
# cursor, and the ASCII fallback under LANG=C.
. "$(dirname "$0")/../lib.sh"

T0=1700000000 # 22:13:20 UTC
WARROOM_NOW=$((T0 - 1800)) "$W" declare "checkout down" --severity SEV2 \
    >/dev/null || fail "declare"
WARROOM_NOW=$((T0 - 600)) "$W" phase mitigating >/dev/null || fail "phase"
"$W" deploy v1.2 --at @$((T0 - 300)) >/dev/null || fail "deploy"
"$W" metric add errors --demo errors --unit % --warn 2 --crit 5 >/dev/null &&
"$W" metric add latency --demo latency --unit ms --warn 500 --crit 800 \
    >/dev/null &&
"$W" metric add cpu --demo cpu --unit % --warn 70 --crit 90 >/dev/null &&
"$W" metric add "queue depth" --demo requests >/dev/null &&
"$W" metric add "mackerel api" --demo requests >/dev/null ||
    fail "metric add"
# 30 min of samples every 5 s; the queue stopped 10 min ago; mackerel
# fails with a reason that carries an escape sequence.
sqlite3 "$WARROOM_DB" "
WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < 360)
INSERT INTO sample (series_id, t, v)
SELECT s.id, $T0 - 5 * k.i, CASE s.name
  WHEN 'errors' THEN CASE WHEN k.i > 80 THEN 9.5 ELSE 0.5 + (k.i % 3) * 0.1 END
  WHEN 'latency' THEN 950
  WHEN 'cpu' THEN 75
  ELSE 100 + k.i END
FROM series s, k
WHERE s.name <> 'mackerel api' AND (s.name <> 'queue depth' OR k.i >= 120);
UPDATE series SET fail_count = 2, last_error = 'HTTP 503 from api.mackerelio.com'
  || char(27) || ']2;PWNED' || char(7) WHERE name = 'mackerel api';" ||
    fail "samples"

tm_start m 160 40 "WARROOM_NOW=$T0 $W tui --role commander"
tm_wait m "950 ms"
for text in "75.0%" "0.50%" "0.50–9.50" "STALE 10m" "no data" "FAILING" \
    "HTTP 503 from api.mackerelio.com" "15m · 5 series" "-15m 21:5" \
    "◆phase" "★decision" "▲release"; do
	tm_wait m "$text"
done
# The escape sequence in the reason is drawn as U+FFFD, never sent.
assert_contains "$(tm_screen m)" "mackerelio.com�]2;PWNED�" "cleaned reason"
case "$(tm_get m '#{pane_title}')" in
*PWNED*) fail "an escape sequence in a reason set the window title" ;;
esac
screen=$(tm_screen m)
assert_contains "$screen" "▁" "sparkline blocks"
assert_contains "$screen" "█" "sparkline blocks"
pass "sparklines, values with units, min-max, stale and failing series"

# Colours: the value of each series in the style of its level (default
# theme: crit colour203, warn colour220, ok colour114).
tm_screen_esc m >"$T/esc"
python3 - "$T/esc" <<'PY' || fail "warn/crit colours"
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
def style_before(needle):
    """The SGR sequences right before needle (none between them)."""
    i = text.index(needle)
    codes = []
    while True:
        m = re.search(r"\x1b\[([0-9;]*)m$", text[:i])
        if not m:
            return codes
        codes.insert(0, m.group(1))
        i = m.start()
for needle, colour in (("950 ms", "38;5;203"), ("75.0%", "38;5;220"),
                       ("0.50%", "38;5;114")):
    s = style_before(needle)
    if not any(colour in c for c in s):
        print("%s: expected %s right before it, got %r" % (needle, colour, s))
        sys.exit(1)
PY
pass "latest values in crit, warn and ok colours"

# Markers on the axis under the sparklines, at the columns of their times.
# Polls: a label may show before the rest of its frame has been drawn.
check_markers() { # session window-seconds label phase-glyph release-glyph
	_end=$(($(date +%s) + 5))
	until markers_at "$@" 2>"$T/markers"; do
		[ "$(date +%s)" -le "$_end" ] || fail "markers in window $3: $(cat "$T/markers")"
		sleep 0.05
	done
}
markers_at() {
	tm_screen "$1" | python3 -c '
import sys
win, label, gp, gr = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
T0 = 1700000000
rows = [l for l in sys.stdin.read().split("\n") if label in l]
if not rows:
    sys.exit("no axis row with " + label)
line = rows[0].rstrip()
# The Metrics pane is the last box on the row: its inner part.
inner = line[:-1]
start = inner.rfind(label)
inner = inner[start:]
cols = len(inner)
per = cols - 1
step = -(-win // per)
end = (T0 // step + 1) * step
frm = end - step * cols
for t, g in ((T0 - 600, gp), (T0 - 300, gr)):
    c = (t - frm) // step
    if inner[c] != g:
        sys.exit("expected %s at column %d of %r" % (g, c, inner))
' "$2" "$3" "$4" "$5"
}
check_markers m 900 "-15m" "◆" "▲"
pass "a phase change and a release at their columns"

tm_keys m 3 w
tm_wait m "1h · 5 series"
tm_wait m "-1h 21:1"
check_markers m 3600 "-1h" "◆" "▲"
tm_keys m -
tm_wait m "6h · 5 series"
tm_wait m "-6h 16:"
tm_keys m + + +
tm_wait m "5m · 5 series"
tm_wait m "-5m"
tm_keys m w
tm_wait m "15m · 5 series"
pass "w, + and - switch the window and its axis labels"

# The detail of errors (cpu is first): a chart with y labels, time labels
# and a cursor with exact times and values.
tm_keys m j Enter
tm_wait m "h/l cursor"
tm_wait m "9.50%"
tm_keys m +
tm_wait m "22:13:20  0.50%"
found=
for i in 1 2 3; do
	tm_keys m h
	if tm_screen m | grep -qF "22:13:15  0.60%"; then
		found=1
		break
	fi
	tm_wait_gone m "22:13:20  0.50%"
done
[ -n "$found" ] || { tm_screen m >&2; fail "cursor did not reach 22:13:15"; }
tm_wait m "22:08:"
tm_keys m Escape
tm_wait_gone m "h/l cursor"
tm_wait m "5m · 5 series"
pass "detail chart: Enter opens, the cursor shows exact values, Esc closes"
tm_keys m q

# ASCII only without a UTF-8 locale.
tm_start a 160 40 "LANG=C LC_ALL=C WARROOM_NOW=$T0 $W tui"
tm_wait a "950 ms"
tm_wait a "15m - 5 series"
tm_wait a "0.50..9.50"
check_markers a 900 "-15m" "P" "R"
screen=$(tm_screen a)
assert_contains "$screen" "Pphase" "ASCII legend"
assert_contains "$screen" "Rrelease" "ASCII legend"
assert_contains "$screen" "####" "ASCII sparkline"
assert_not_contains "$screen" "▁" "a block character under LANG=C"
assert_not_contains "$screen" "◆" "a marker glyph under LANG=C"
pass "ASCII fallback under LANG=C"
