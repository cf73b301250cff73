#!/bin/sh
# tui_axis_labels: markers on the metric time axis never cover the digits
# of its labels. A phase change where "-15m HH:MM" starts and a release
# where "now" ends: the labels move aside, the markers stay where their
# times are, at 80x24, 100x30 and 200x50, with a Japanese series name.
. "$(dirname "$0")/../lib.sh"

T0=1700000000 # 22:13:20 UTC
WARROOM_NOW=$((T0 - 1800)) "$W" declare "決済APIのエラー率上昇" \
    --severity SEV2 >/dev/null || fail "declare"
# 20 s into the 15-minute window: the first columns, under the label.
WARROOM_NOW=$((T0 - 880)) "$W" phase investigating >/dev/null ||
    fail "phase"
# 10 s before now: the last column, under "now".
"$W" deploy v2.14.0 --at @$((T0 - 10)) >/dev/null || fail "deploy"
"$W" metric add "決済エラー率" --demo errors --unit % --warn 2 --crit 5 \
    >/dev/null || fail "metric add"
sqlite3 "$WARROOM_DB" "
WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < 360)
INSERT INTO sample (series_id, t, v)
SELECT s.id, $T0 - 5 * k.i, 0.5 + (k.i % 7) * 0.3 FROM series s, k;" ||
    fail "samples"

tm_start keep 20 5 sleep 60

for size in "80 24" "100 30" "200 50"; do
	set -- $size
	tm_start s "$1" "$2" "WARROOM_NOW=$T0 $W tui"
	tm_wait s "決済エラー率"
	tm_wait s "-15m"
	axis=$(tm_screen s | grep -m1 -- "-15m")
	# The marker first, then the whole label: no digit under a marker.
	printf '%s\n' "$axis" | grep -q -- "◆-*-15m [0-9][0-9]:[0-9][0-9]" ||
	    fail "${1}x$2: the phase marker and the label: $axis"
	printf '%s\n' "$axis" | grep -q -- "now─*▲" ||
	    fail "${1}x$2: 'now' and the release marker: $axis"
	assert_not_contains "$axis" "-15m◆" "${1}x$2: a marker on the label"
	tm kill-session -t s
done
pass "axis labels move aside for markers at 80x24, 100x30 and 200x50"
