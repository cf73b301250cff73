#!/bin/sh
# tui_pins: on the screen, p pins the selected entry (the scribe's and the
# commander's key) and p again unpins it; pinned entries show in a strip of
# at most 3 lines at the top of the Timeline pane, newest pin first, with
# "+N pinned" when more are pinned, live on every screen, at 80x24, 100x30
# and 200x50, with Japanese text. A responder's p changes nothing. The
# previous search match moved from p to B.
. "$(dirname "$0")/../lib.sh"

q() { sqlite3 "$WARROOM_DB" "$1"; }
hm() { date -d "@$(q "SELECT event_time FROM entry WHERE id = $1")" +%H:%M; }
"$W" --as alice declare "決済APIの障害" >/dev/null 2>&1 || fail "declare"
"$W" --as alice join 田中 --role scribe >/dev/null || fail "join 田中"
"$W" --as alice join bob >/dev/null || fail "join bob"
a=$("$W" --as 田中 log "原因はキャッシュの設定ミスと判明" --source 田中) ||
    fail "log a"
b=$("$W" --as bob log "bob: 再起動した" --source ops) || fail "log b"
"$W" --as alice decide "v1.2 をロールバックする" --reason "エラー率が上昇" \
    >/dev/null || fail "decide"
d=$(q "SELECT entry_id FROM decision")

tm_start s 80 24 "$W --as 田中 tui"
tm_start r 100 30 "$W --as bob tui"
tm_start v 200 50 "$W view"
tm_keys s 4
tm_keys r 4
tm_keys v 4
tm_wait s "═ Timeline "
tm_wait r "═ Timeline "
tm_wait v "v1.2 をロールバックする"

# The scribe pins the finding at 80x24: the strip shows it on every screen
# (the author where the pane is wide enough), and the row is marked.
tm_keys s G Up Up p
tm_wait_status s "entry #$a pinned (p again unpins)"
ha=$(hm "$a")
tm_wait s "║⚑ $ha 原因はキャッシュの設定ミスと判明"
tm_wait s "║$ha⚑ 田中: 原因はキャッシュの設定ミ"
tm_wait r "║⚑ $ha 田中: 原因はキャッシュの設定ミスと判明"
tm_wait v "║⚑ $ha 田中: 原因はキャッシュの設定ミスと判明"
tm_wait v "║${ha}⚑ event      田中       原因はキャッシュの設定ミスと判明 [田中]"
assert_eq "$(q "SELECT pinned_by FROM entry WHERE id = $a")" 田中 "pinned by"
tm_check_borders s 80
tm_check_borders r 100
tm_check_borders v 200
pass "p pins; the strip shows it at 80x24, 100x30 and 200x50"

# A responder's p changes nothing.
sum=$(db_sum)
tm_keys r G p
tm_wait_status r "READ-ONLY"
assert_eq "$(db_sum)" "$sum" "a responder's p changed the database"
pass "a responder cannot pin"

# Five pinned: three lines, the newest pins first, "+2 pinned".
"$W" --as alice pin "$d" || fail "pin d"
sleep 1 # pins of one second sort by id; this one is newer
"$W" --as alice pin "$b" || fail "pin b"
c1=$("$W" --as 田中 log "確認1: エラー率は下がっている" --source grafana) ||
    fail "log c1"
c2=$("$W" --as 田中 log "確認2: 新規の5xxなし" --source grafana) || fail "c2"
"$W" --as alice pin "$c1" && "$W" --as alice pin "$c2" || fail "pin c"
for n in s r v; do
	tm_wait $n "+2 pinned║"
	tm_wait $n "║⚑ $(hm "$c2") "
done
top=$(tm_screen v | grep "║⚑" | head -3)
assert_contains "$top" "確認2: 新規の5xxなし" "newest pin first"
assert_not_contains "$top" "原因は" "the oldest pin is left for +2"
assert_eq "$(tm_screen s | grep -c '║⚑ ')" 3 "three strip lines at 80x24"
tm_check_borders s 80
tm_check_borders v 200
pass "at most three lines of pins, newest first, +2 pinned"

# Search, N and B (previous match, no longer p); p again unpins.
tm_keys s /
tm_keys s -l "原因"
tm_keys s Enter
tm_keys s B
tm_wait_status s "search wrapped to the oldest"
tm_keys s N
tm_wait_status s "search wrapped to the newest"
tm_keys s p
tm_wait_status s "entry #$a unpinned"
tm_wait v "+1 pinned║"
assert_eq "$(q "SELECT pinned_at FROM entry WHERE id = $a")" 0 "unpinned"
assert_eq "$(q "SELECT group_concat(pinned || by) FROM pin_log
    WHERE entry_id = $a")" "1田中,0田中" "the unpin is logged"
pass "N and B move between matches; p again unpins"

# The help lists the keys.
tm_keys v '?'
tm_wait v "1-46 of"
tm_keys v NPage NPage
tm_wait v "Timeline: pin or unpin the selected entry"
tm_wait v "Timeline: search (older first); N next, B previous"
pass "the help lists p and B"
