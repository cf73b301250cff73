#!/bin/sh
# tui_filters: the Timeline's kind filter (f) and search (/) show in its
# title at 80x24, 100x30 and 200x50, and this user's screen remembers them
# across restarts, per database and name, in a state file under
# $XDG_STATE_HOME/warroom/ (mode 0600, written atomically), never in the
# database; a broken state file is ignored with a note on the status line.
. "$(dirname "$0")/../lib.sh"

export XDG_STATE_HOME="$T/state"
"$W" --as alice declare "絞り込みの確認" >/dev/null 2>&1 || fail "declare"
"$W" --as alice join 田中 --role scribe >/dev/null || fail "join"
"$W" --as 田中 log "原因を特定: 接続プールの枯渇" --source db >/dev/null ||
    fail "log"
"$W" --as 田中 log "利用者への告知を準備" --kind note --source comms \
    >/dev/null || fail "log"

tm_start s 80 24 "$W --as 田中 tui"
tm_keys s 4
tm_wait s "═ Timeline "
sum=$(db_sum)
tm_keys s f
tm_wait s "only event ═"
tm_keys s /
tm_keys s -l "原因"
tm_keys s Enter
tm_wait s "only event, /原因 ═"
tm_wait s "原因を特定: 接続プールの枯渇"
assert_not_contains "$(tm_screen s)" "利用者への告知" "the filter hides a note"
tm_check_borders s 80
assert_eq "$(db_sum)" "$sum" "a filter changed the database"
f=$(ls "$XDG_STATE_HOME"/warroom/screen-*) || fail "no state file"
assert_eq "$(ls "$XDG_STATE_HOME"/warroom | wc -l)" 1 "one file, no temp left"
assert_eq "$(stat -c %a "$f")" 600 "state file mode"
assert_eq "$(stat -c %a "$XDG_STATE_HOME/warroom")" 700 "state folder mode"
assert_contains "$(cat "$f")" "timeline.kind event" "kind remembered"
assert_contains "$(cat "$f")" "timeline.search 原因" "search remembered"
pass "f and / show in the title at 80x24; remembered in a 0600 file"

# Restarted at 100x30 and 200x50: the same filter, in the title.
tm_stop s
tm_start s 100 30 "$W --as 田中 tui"
tm_keys s 4
tm_wait s "only event, /原因 ═"
tm_check_borders s 100
tm_stop s
tm_start s 200 50 "$W --as 田中 tui"
tm_keys s 4
tm_wait s "entries, following, only event, /原因 ═"
assert_not_contains "$(tm_screen s)" "利用者への告知" "still filtered"
tm_check_borders s 200
pass "a restarted screen keeps the filter at 100x30 and 200x50"

# Another name, or another database: a screen of its own, unfiltered.
tm_start a 100 30 "$W --as alice tui"
tm_keys a 4
tm_wait a "利用者への告知を準備"
assert_not_contains "$(tm_screen a)" "only event" "alice's screen"
"$W" --db "$T/other.db" --as 田中 declare "別の障害" >/dev/null 2>&1 ||
    fail "declare other"
tm_start o 100 30 "$W --db $T/other.db --as 田中 tui"
tm_keys o 4
tm_wait o "═ Timeline "
assert_not_contains "$(tm_screen o)" "only event" "another database"
pass "per name and database"

# A broken file is ignored and said so; the next change writes it anew.
tm_stop s
printf 'not a state file\n' >"$f"
tm_start s 80 24 "$W --as 田中 tui"
tm_wait_status s "remembered filter ignored: not a screen state file"
tm_keys s 4
tm_wait s "利用者への告知を準備"
tm_keys s f
tm_wait s "only event ═"
assert_contains "$(cat "$f")" "timeline.kind event" "rewritten"
assert_eq "$(stat -c %a "$f")" 600 "rewritten mode"
pass "a broken state file is ignored with a note, then rewritten"
