#!/bin/sh
# people_screen.sh: on the screen, the assign form refuses a name not in
# the response and offers the close one (鈴本 -> 鈴木) or to add the new
# name; nothing is created until someone says so. The decision's sign-off
# prompt does the same. X dismisses only the idle: the scribe, the comms lead
# and the commander stay. The timeline marks only entries of unknown origin.
. "$(dirname "$0")/../lib.sh"
q() { sq "$WARROOM_DB" "$1" | tail -n 1; } # sq prints the filectrl first

# The Unix user declares, and so is the commander on the screen.
"$W" init >/dev/null 2>&1 || fail "init"
"$W" declare "決済APIのエラー" --severity SEV2 >/dev/null || fail "declare"
"$W" join 鈴木 --role ops >/dev/null && "$W" join 田中 --role scribe >/dev/null &&
    "$W" join 広報 --role comms >/dev/null && "$W" join 山本 >/dev/null ||
    fail "join"
"$W" log "DB が遅いらしい" >/dev/null || fail "log no source"
"$W" log "5xx 増加" --source grafana >/dev/null || fail "log sourced"

tm_start c 120 34 "$W tui --role commander"
tm_wait c "═ Phase "
tm_keys c 2
tm_wait c "on duty"

# A typo in the assign form: the close name is offered, and taken.
tm_keys c a
tm_wait c "═ Assign "
tm_keys c -l "原因の特定"
tm_keys c Tab
tm_keys c -l "DBのログを見る"
tm_keys c Tab C-u
tm_keys c -l "鈴本"
tm_keys c Enter
# Two are one character off: both offered, closest first, by name within.
tm_wait c "鈴本 is not in the response. Did you mean 山本 or 鈴木?"
tm_wait c "[2] use 鈴木"
assert_eq "$(q "SELECT count(*) FROM responder WHERE name = '鈴本'")" 0 "asked, not created"
tm_keys c 2
tm_wait c "鈴木 assigned: saved"
assert_eq "$(q "SELECT r.name FROM assignment a JOIN responder r ON r.id = a.responder_id WHERE a.state = 'active'")" \
    "鈴木" "assigned to 鈴木"
assert_eq "$(q "SELECT count(*) FROM responder WHERE name = '鈴本'")" 0 "no 鈴本"
pass "the assign form offers the close name for a typo"

# A new name: nothing until "add them"; "keep editing" adds nobody.
tm_keys c a
tm_wait c "═ Assign "
tm_keys c -l "監視"
tm_keys c Tab
tm_keys c -l "グラフを見る"
tm_keys c Tab C-u
tm_keys c -l "佐藤"
tm_keys c Enter
tm_wait c "佐藤 is not in the response."
tm_wait c "[j] add 佐藤 and assign"
tm_keys c e
tm_wait_gone c "[j] add 佐藤"
assert_eq "$(q "SELECT count(*) FROM responder WHERE name = '佐藤'")" 0 "keep editing adds nobody"
tm_keys c Enter
tm_wait c "[j] add 佐藤 and assign"
tm_keys c j
tm_wait c "佐藤 assigned: saved"
assert_eq "$(q "SELECT state FROM responder WHERE name = '佐藤'")" active "佐藤 joined and assigned"
pass "a new name joins only when the commander says so"

# X: only 山本 is idle; the scribe and the comms lead have no task but stay.
tm_wait c "2 active, 1 idle"
tm_keys c X
tm_wait c "Dismiss 1 idle: 山本"
tm_keys c y
tm_wait c "dismissed 1 idle responder"
state() { q "SELECT state FROM responder WHERE name = '$1'"; }
assert_eq "$(state 山本)" dismissed "the idle responder"
assert_eq "$(state 田中)" idle "the scribe stays"
assert_eq "$(state 広報)" idle "the comms lead stays"
tm_wait c "keeps the timeline"
tm_wait c "keeps users and managers told"
tm_keys c X
tm_wait c "nobody is idle"
pass "X leaves the scribe, the comms lead and the commander alone"

# The sign-off prompt refuses a stranger and names the close one.
tm_keys c D
tm_wait c "Decision:"
tm_keys c -l "v2.1 を止める"
tm_keys c Enter
tm_wait c "Reason (required):"
tm_keys c -l "エラー増加"
tm_keys c Enter
tm_wait c "Risk (Enter: not stated):"
tm_keys c Enter
tm_wait c "Sign-off needed from"
tm_keys c -l "鈴本"
tm_keys c Enter
tm_wait c "Did you mean 山本 or 鈴木? Sign-off from"
assert_eq "$(q "SELECT count(*) FROM decision")" 0 "nothing recorded yet"
tm_keys c -l "鈴木"
tm_keys c Enter
tm_wait c "═ Checklist "
tm_keys c Enter
tm_wait c "awaiting sign-off from 鈴木"
assert_eq "$(q "SELECT signoff_from FROM decision")" "鈴木" "signoff from 鈴木"
pass "the sign-off prompt refuses a stranger and suggests the close name"

# The timeline: '?' only on the entry of unknown origin; warroom's own are ◆.
tm_keys c 4
tm_wait c "DB が遅いらしい"
scr=$(tm_screen c)
row() { printf '%s\n' "$scr" | grep -F "$1" | head -n 1; }
assert_contains "$(row 'DB が遅いらしい')" "? event" "unknown origin marked"
assert_contains "$(row 'DB が遅いらしい')" "(no source)" "why"
assert_not_contains "$(row '5xx 増加')" "? event" "sourced not marked"
assert_contains "$(row '鈴木 assigned')" "◆" "warroom's own entry"
assert_not_contains "$(row '鈴木 assigned')" "?" "warroom's own never marked"
dec=$(printf '%s\n' "$scr" | grep -F "v2.1 を止める" | grep -F "decision")
assert_contains "$dec" "◆ decision" "the decision is warroom's own"
assert_not_contains "$dec" "(no source)" "decision not marked"
assert_eq "$(printf '%s\n' "$scr" | grep -c '(no source')" 1 "one mark on screen"
pass "the timeline marks only the entry of unknown origin"
