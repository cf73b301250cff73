#!/bin/sh
# tui_tombstone: on the screen, deleting a decision asks why, only the
# commander's delete goes through, and the decision stays in the timeline
# as "deleted by WHO at HH:MM: WHY" on every screen; U brings it back and a
# note says so. Someone else's entry asks why too; one's own just asks y/n.
. "$(dirname "$0")/../lib.sh"

q() { sqlite3 "$WARROOM_DB" "$1"; }
"$W" --as alice declare "画面の墓標" >/dev/null 2>&1 || fail "declare"
"$W" --as alice join bob >/dev/null || fail "join bob"
"$W" --as alice join erin --role scribe >/dev/null || fail "join erin"
"$W" --as alice decide "v1.2 をロールバックする" --reason "エラー率が上昇" \
    >/dev/null || fail "decide"
dec=$(q "SELECT entry_id FROM decision")
bob=$("$W" --as bob log "bob: cache flushed" --source ops) || fail "log bob"

tm_start c 220 30 "$W --as alice tui --role commander"
tm_start s 220 30 "$W --as erin tui --role scribe"
tm_start v 220 30 "$W view"
tm_wait c "─ Timeline "
tm_wait s "bob: cache flushed"
tm_wait v "bob: cache flushed"

# The scribe is asked why, then told only the commander deletes decisions.
sum=$(db_sum)
tm_keys s G Up d
tm_wait s "only the commander, alice, may delete decisions"
# Esc keeps it; an empty reason is refused.
tm_keys c 4 G Up d
tm_wait c "Why delete decision #$dec"
tm_keys c Escape
tm_wait_gone c "Why delete decision"
tm_keys c d
tm_wait c "Why delete decision #$dec"
tm_keys c Enter
tm_wait c "a reason is needed"
assert_eq "$(db_sum)" "$sum" "a refused delete changed the database"
pass "deleting a decision asks why; the scribe, Esc and no reason change nothing"

# The commander's delete with a reason leaves a tombstone on every screen.
tm_keys c d
tm_wait c "Why delete decision #$dec"
tm_keys c -l "誤って記録した"
tm_keys c Enter
tm_wait c "it stays as a tombstone"
hm=$(date -u -d "@$(q "SELECT tomb_at FROM entry WHERE id = $dec")" +%H:%M)
line="[deleted by alice at $hm: 誤って記録した] v1.2 をロールバックする"
tm_wait c "$line"
tm_wait s "$line"
tm_wait v "$line"
assert_eq "$(q "SELECT tomb_by || '|' || tomb_reason FROM entry
    WHERE id = $dec")" "alice|誤って記録した" "tombstone stored"
pass "the commander's delete shows who, when and why on every screen"

# A tombstone is not edited; its history says who deleted it.
tm_keys s G Up e
tm_wait s "was deleted by alice: U brings it back first"
tm_keys s h
tm_wait s "History of #$dec: 2 versions"
tm_wait s "(deleted by alice at $hm: 誤って記録した)"
tm_keys s Escape
tm_wait_gone s "History of #$dec"
pass "a tombstone refuses edits; its history shows it"

# Someone else's entry asks why; one's own just asks y/n and goes.
tm_keys s G d
tm_wait s "Why delete entry #$bob"
tm_keys s -l "重複"
tm_keys s Enter
tm_wait v "[deleted by erin at"
tm_wait v ": 重複] bob: cache flushed"
own=$("$W" --as erin log "erin: my typo") || fail "log erin"
tm_wait s "erin: my typo"
tm_keys s G d
tm_wait s "Delete #$own"
tm_keys s y
tm_wait_gone v "erin: my typo"
assert_eq "$(q "SELECT deleted FROM entry WHERE id = $own")" 1 "own deleted"
pass "another's entry asks why and stays; one's own asks y/n and goes"

# U: the scribe cannot bring back a decision; the commander can.
sum=$(db_sum)
tm_keys s G Up U
tm_wait s "Bring back #$dec"
tm_keys s y
tm_wait s "not brought back: only the incident's commander"
assert_eq "$(db_sum)" "$sum" "a refused undelete changed the database"
tm_keys c G Up U
tm_wait c "Bring back #$dec"
tm_keys c y
tm_wait c "entry #$dec is back"
tm_wait v "Restored decision entry #$dec (deleted by alice at $hm"
tm_wait_gone v "$line"
assert_eq "$(q "SELECT tomb_at FROM entry WHERE id = $dec")" 0 "restored"
pass "U brings a decision back (commander only) and logs it"
