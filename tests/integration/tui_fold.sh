#!/bin/sh
# tui_fold: routine entries (check-ins, joins) fold into one line per burst
# ("▸ 3 check-ins: alice, 佐藤, 田中") at 80x24, 100x30 and 200x50; Enter on
# a fold shows its entries (a viewer too), o shows them all and folds them
# again; decisions and people's entries are never folded; paging with
# PgUp/PgDn across a burst longer than a page skips no entry.
. "$(dirname "$0")/../lib.sh"

q() { sqlite3 "$WARROOM_DB" "$1"; }
"$W" --as alice declare "折りたたみの確認" >/dev/null 2>&1 || fail "declare"
"$W" --as alice join 田中 --role scribe >/dev/null || fail "join 田中"
"$W" --as alice join 佐藤 >/dev/null || fail "join 佐藤"
"$W" --as 田中 log "最初の報告: 決済が遅い" --source support >/dev/null ||
    fail "log"
# A burst longer than the pane loads at once (20 rows a line at 80x24).
i=0
while [ $i -lt 90 ]; do
	for n in alice 佐藤 田中; do
		"$W" --as alice checkin "$n" >/dev/null || fail "checkin $n"
	done
	i=$((i + 1))
done
"$W" --as alice decide "v1.2 をロールバックする" --reason "エラー率が上昇" \
    >/dev/null || fail "decide"
"$W" --as 田中 log "原因を特定: 接続プールの枯渇" --source db >/dev/null ||
    fail "log"
for n in alice 佐藤 田中; do
	"$W" --as alice checkin "$n" >/dev/null || fail "checkin $n"
done
"$W" --as 田中 log "最後の確認" --source grafana >/dev/null || fail "log"

tm_start s 80 24 "$W --as 田中 tui"
tm_start v 100 30 "$W view"
tm_start w 200 50 "$W view"
for n in s v w; do
	tm_keys $n 4
	tm_wait $n "▸ 3 check-ins: alice, 佐藤, 田中"
	tm_wait $n "原因を特定: 接続プールの枯渇"
done
tm_wait w "v1.2 をロールバックする"
assert_not_contains "$(tm_screen w)" "佐藤 checked in" "folded at 200x50"
tm_check_borders s 80
tm_check_borders v 100
tm_check_borders w 200
pass "a burst of check-ins is one line at 80x24, 100x30 and 200x50"

# Paging across the long burst: every entry a person wrote shows on the
# way to the oldest and back; the burst is one line each time.
case $(tm_screen s) in *"v1.2 をロールバックする"*) seen=" d" ;; *) seen="" ;; esac
k=0
until tm_screen s | grep -qF "最初の報告"; do
	k=$((k + 1))
	[ $k -le 40 ] || fail "PgUp never reached the oldest entries"
	tm_keys s PPage
	sleep 0.2
	scr=$(tm_screen s)
	case $scr in *"v1.2 をロールバックする"*) seen="$seen d" ;; esac
	case $scr in *"checked in"*) fail "a check-in unfolded: $scr" ;; esac
done
tm_wait s "▸ 2 joins: 田中, 佐藤"
tm_wait s "check-ins: alice, 佐藤, 田中"
assert_contains "$seen" "d" "PgUp passed the decision"
seen=""
k=0
until tm_screen s | grep -qF "最後の確認"; do
	k=$((k + 1))
	[ $k -le 40 ] || fail "PgDn never reached the newest entries"
	tm_keys s NPage
	sleep 0.2
	case $(tm_screen s) in *"原因を特定"*) seen="$seen c" ;; esac
done
assert_contains "$seen" "c" "PgDn passed the finding"
pass "paging across a long burst skips nothing"

# Up from the newest moves a line at a time: onto the 3 check-ins (no
# entry to act on), the finding, the decision, then the long burst whole.
tm_keys s G Up h
tm_wait_status s "3 routine entries folded: Enter shows them"
tm_keys s Up Up Up h
tm_wait_status s "routine entries folded: Enter shows them"
tm_keys s Up h
tm_wait s "History of #4: 1 version"
tm_keys s Escape
pass "a fold is one line to move over; it is no entry to act on"

# Enter on a fold (a viewer's too) shows its entries; o shows every one.
tm_keys v g Down Enter
tm_wait v "alice: 田中 joined as scribe"
tm_wait v "alice: 佐藤 joined as responder"
tm_keys w o
tm_wait w "showing every routine entry"
tm_wait w "alice      佐藤 checked in"
n=$(tm_screen w | grep -c 'checked in')
[ "$n" -ge 20 ] || fail "only $n check-ins shown one a line at 200x50"
tm_keys w o
tm_wait w "routine entries folded"
tm_wait_gone w "佐藤 checked in"
tm_check_borders w 200
pass "Enter unfolds a burst; o shows them all and folds them again"

# Many short bursts between entries: the pane still holds exactly its
# lines (newest last, borders straight) on every screen.
i=0
while [ $i -lt 15 ]; do
	"$W" --as 田中 log "経過 $i: 監視中" --source grafana >/dev/null ||
	    fail "log $i"
	"$W" --as alice checkin 佐藤 >/dev/null && "$W" --as alice checkin 田中 \
	    >/dev/null || fail "checkin $i"
	i=$((i + 1))
done
"$W" --as 田中 log "最新の記録" --source grafana >/dev/null || fail "log"
for n in s v w; do
	tm_keys $n Escape G
	tm_wait $n "最新の記録"
	tm_wait $n "▸ 2 check-ins: 佐藤, 田中"
done
tm_check_borders s 80
tm_check_borders v 100
tm_check_borders w 200
pass "many short bursts fill the pane exactly"
