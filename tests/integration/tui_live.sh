#!/bin/sh
# tui_live: changes from other processes show without a key press and keep
# the scroll position; the scribe adds a note from the screen; the
# commander moves the phase; an idle screen costs (almost) no CPU.
. "$(dirname "$0")/../lib.sh"

"$W" declare "live test incident" >/dev/null 2>&1 || fail "declare"
"$W" join erin --role scribe >/dev/null || fail "join erin" # her screen
inc=$(sqlite3 "$WARROOM_DB" "SELECT id FROM incident")
# Many entries, written directly: the screen must page through them.
sqlite3 "$WARROOM_DB" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL
    SELECT i + 1 FROM n WHERE i < 300) INSERT INTO entry (incident_id,
    event_time, recorded, author, kind, text) SELECT $inc, 1700000000 + i,
    1700000000 + i, 'bulk', 'event', 'bulk entry ' || i FROM n" ||
    fail "bulk insert"

tm_start c 100 30 "$W tui --role commander"
tm_wait c "═ Phase "
tm_wait c "302 entries" # 300, the declaration, erin joining
start=$(now_ms)
"$W" log "hello from another process" >/dev/null || fail "log"
tm_wait_ms c "hello from another process" 1000
pass "an outside log shows in $(($(now_ms) - start)) ms without a key"

# Scroll to the oldest; a new entry must not move the view.
tm_keys c 4 g
tm_wait c "bulk entry 1 "
tm_wait c "scrolled back"
"$W" log "second outside entry" >/dev/null || fail "log"
tm_wait c "304 entries"
assert_contains "$(tm_screen c)" "bulk entry 1 " "scroll position kept"
tm_keys c G
tm_wait c "second outside entry"
pass "scroll position kept across a live change"

# The commander moves the phase on, with a confirmation.
tm_keys c 1 P
tm_wait c "investigating? [y/N]"
tm_keys c y
tm_wait_gone c "investigating? [y/N]"
tm_wait c "【調査中】 investigating"
assert_eq "$(sqlite3 "$WARROOM_DB" "SELECT phase FROM incident")" \
    investigating "phase in the database"
pass "commander moves the phase"

# Idle: no input, no change, a fixed clock: no CPU to speak of and not one
# byte to the terminal.
tm_start i 100 30 "WARROOM_NOW=1800000000 $W tui --incident $inc"
tm_wait i "═ Phase "
tm_wait i "$(date -u -d @1800000000 +%H:%M:%S)" # the status bar's time
pid=$(pgrep -n -f "$W tui --incident $inc") || fail "no pid"
: >"$T/bytes"
tm_record i "$T/bytes"
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
before=$(cpu "$pid")
sleep 3 # measuring an idle interval: nothing to wait for
after=$(cpu "$pid")
tm_record i
[ $((after - before)) -le 5 ] ||
    fail "idle screen used $((after - before)) ticks in 3 s"
bytes=$(wc -c <"$T/bytes")
[ "$bytes" -eq 0 ] || fail "idle screen wrote $bytes bytes"
pass "idle screen: $((after - before)) CPU ticks and $bytes bytes in 3 s"

# The scribe opens on the Timeline and adds a note through the quick entry.
tm_start s 100 30 "$W --as erin tui --role scribe"
tm_wait s "═ Timeline "
tm_wait s "erin (scribe)"
tm_keys s n
tm_wait s "What happened?"
tm_keys s -l "scribe note 日本語のメモ"
tm_keys s Enter
tm_wait s "saved"
tm_wait s "scribe note 日本語のメモ"
tm_wait c "scribe note 日本語のメモ"
assert_eq "$(sqlite3 "$WARROOM_DB" "SELECT author || ':' || kind FROM entry
    WHERE text = 'scribe note 日本語のメモ'")" "erin:note" "note stored"
pass "scribe adds a note; the commander's screen shows it"

# The scribe cannot use commander keys; nothing changes.
sum=$(db_sum)
tm_keys s 1 P
tm_wait s "is for the commander"
tm_keys s 2 X
tm_wait s "is for the commander"
assert_eq "$(db_sum)" "$sum" "scribe's refused keys changed the database"
pass "scribe refused commander keys"
