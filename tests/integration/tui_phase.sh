#!/bin/sh
# tui_phase: the commander drives the Phase pane by keys: phase forward
# and back (back needs a reason), severity, impact with its scope, what
# users were told; each lands in the database and the timeline, and a
# viewer sees it live. The update countdown turns to OVERDUE. A viewer and
# a scribe are refused every one of these keys, the database unchanged.
. "$(dirname "$0")/../lib.sh"
# cmdr declares, and so commands (the commander's screen is theirs).
WARROOM_AS=cmdr && export WARROOM_AS

# Detected 40 minutes ago: a SEV2 update (every 30 min) is overdue.
"$W" declare "phase keys 決済" --severity SEV2 --at -40m >/dev/null 2>&1 ||
    fail "declare"
"$W" join erin --role scribe >/dev/null || fail "join erin" # her screen
q() { sqlite3 "$WARROOM_DB" "$1"; }

tm_start c 100 30 "$W --as cmdr tui --role commander"
tm_wait c "═ Phase "
tm_wait c "OVERDUE by 10m"
tm_start v 100 30 "$W view"
tm_wait v "READ-ONLY"
pass "the countdown shows OVERDUE"

# Forward by choice: the list shows every phase with its heading.
tm_keys c 1 p
tm_wait c "【ふりかえり】 retrospective"
tm_keys c 3
tm_wait c "phase: 【原因特定】 identified"
assert_eq "$(q "SELECT phase FROM incident")" identified "phase forward"
tm_wait v "【原因特定】 identified"
pass "phase forward by choice; the viewer sees it"

# Backwards asks why; an empty reason changes nothing.
tm_keys c p 2
tm_wait c "Back to 【調査中】 investigating: why:"
tm_keys c Enter
tm_wait c "moving back needs a reason"
assert_eq "$(q "SELECT phase FROM incident")" identified "empty reason"
tm_keys c p 2
tm_wait c "Back to 【調査中】 investigating: why:"
tm_keys c -l "原因は別 the release was not it"
tm_keys c Enter
tm_wait c "phase: 【調査中】 investigating"
assert_eq "$(q "SELECT phase FROM incident")" investigating "phase back"
assert_contains "$(q "SELECT text FROM entry WHERE kind = 'phase' ORDER BY id DESC LIMIT 1")" \
    "原因は別 the release was not it" "the reason is in the timeline"
tm_wait v "【調査中】 investigating"
pass "phase back with a reason (and not without one)"

# Severity, impact with scope, users told.
tm_keys c s
tm_wait c "updates every 15 min"
tm_keys c 1
tm_wait c "severity: SEV1"
assert_eq "$(q "SELECT severity FROM incident")" SEV1 "severity"
tm_keys c i 3
tm_wait c "Scope (who and what is affected):"
tm_keys c -l "JPの決済 checkout"
tm_keys c Enter
tm_wait c "impact: known"
assert_eq "$(q "SELECT impact || '|' || impact_scope FROM incident")" \
    "known|JPの決済 checkout" "impact and scope"
tm_keys c t
tm_wait c "told of recovery"
tm_keys c 2
tm_wait c "users: told"
assert_eq "$(q "SELECT comms FROM incident")" told "comms"
tm_wait v "SEV1"
tm_wait v "JPの決済 checkout"
tm_wait v "Users    told"
n=$(q "SELECT count(*) FROM entry WHERE author = 'cmdr'")
[ "$n" -ge 5 ] || fail "only $n timeline entries by the commander"
tm_check_borders c 100
pass "severity, impact and users by keys, each in the timeline ($n entries)"

# Esc in a choice changes nothing.
sum=$(db_sum)
tm_keys c s
tm_wait c "Esc cancels"
tm_keys c Escape
tm_wait_gone c "Esc cancels"
assert_eq "$(db_sum)" "$sum" "a cancelled choice changed the database"

# The viewer: every key refused, nothing opens, nothing changes.
sum=$(db_sum)
tm_keys v 1
for key in p P s i t a r R F u D; do
	tm_keys v 1 # any key clears the last message
	tm_wait_gone v "READ-ONLY: this"
	tm_keys v "$key"
	tm_wait v "READ-ONLY: this screen cannot change anything ('$key'"
done
assert_not_contains "$(tm_screen v)" "Esc cancels" "a choice opened"
assert_not_contains "$(tm_screen v)" "Status update" "the composer opened"
assert_eq "$(db_sum)" "$sum" "the viewer changed the database"
pass "the viewer is refused every Phase key; database unchanged"

# The scribe: commander keys refused.
tm_start s 100 30 "$W --as erin tui --role scribe"
tm_wait s "erin (scribe)"
tm_keys s 1
for key in p s i t u D R F; do
	tm_keys s 1
	tm_wait_gone s "is for the commander"
	tm_keys s "$key"
	tm_wait s "'$key' is for the commander"
done
assert_eq "$(db_sum)" "$sum" "the scribe changed the database"
pass "the scribe is refused the commander's keys"

# Small screen: phase, clock, tracks, due and the pending sign-off show.
"$W" join boss >/dev/null || fail "join boss"
"$W" decide "call the director" --reason "SEV1" --signoff boss >/dev/null ||
    fail "decide"
tm_start m 80 24 "$W --as cmdr tui"
tm_wait m "Phase    【調査中】 investigating"
scr=$(tm_screen m)
for want in "Clock " "Impact   known: JP" "Users    told" "Update   OVERDUE" \
    "Sign-off #1 boss: call the director"; do
	assert_contains "$scr" "$want" "80x24 Phase pane"
done
tm_check_borders m 80
pass "80x24 shows phase, clock, tracks, due and the pending sign-off"
