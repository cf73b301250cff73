#!/bin/sh
# tui_decide: from the screen, a deploy marked not rollback-safe and a flag
# change; a rollback decision (D) that shows the release's mark, walks the
# rollback checklist by keys and records the answers; the decision waits in
# the Phase pane until signed, from the command line or by key (the named
# person only; others get core's refusal). A viewer sees it all live.
. "$(dirname "$0")/../lib.sh"
# cmdr declares, and so commands (the commander's screen is theirs).
WARROOM_AS=cmdr && export WARROOM_AS

q() { sqlite3 "$WARROOM_DB" "$1"; }
js() { # python expression over `warroom status --json` as d
	"$W" status --json >"$T/status.json" || fail "status --json"
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$T/status.json" "$1"
}

"$W" declare "decide test" --severity SEV2 >/dev/null 2>&1 || fail "declare"
"$W" join director >/dev/null && "$W" join boss >/dev/null || fail "join"
tm_start c 100 30 "$W --as cmdr tui"
tm_wait c "═ Phase "
tm_start v 100 30 "$W view"
tm_wait v "READ-ONLY"

# A deploy and a flag change, recorded from the screen.
tm_keys c 1 R
tm_wait c "Deployed version:"
tm_keys c -l "v2.0.1"
tm_keys c Enter
tm_wait c "Rollback-safe?"
tm_keys c 2
tm_wait c "deploy of v2.0.1 recorded (NOT rollback-safe)"
tm_keys c F
tm_wait c "Feature flag name:"
tm_keys c -l "new-cart"
tm_keys c Enter
tm_wait c "Flag turned"
tm_keys c 2
tm_wait c "flag new-cart turned off"
assert_eq "$(q "SELECT kind || ':' || name || ':' || rollback_safe || ':' || ifnull(value, '-') FROM release ORDER BY id")" \
    "deploy:v2.0.1:no:-
flag:new-cart:unknown:off" "releases"
tm_wait v "v2.0.1 NOT rollback-safe"
tm_wait v "flag new-cart off"
pass "deploy (not rollback-safe) and flag from the screen; the viewer sees them"

# Decide: roll back, with its reason (required), risk and a sign-off.
tm_keys c D
tm_wait c "Decision:"
tm_keys c -l "roll back v2.0.1"
tm_keys c Enter
tm_wait c "Reason (required):"
tm_keys c Enter
tm_wait c "a decision needs its reason"
tm_keys c -l "エラーはリリース直後から"
tm_keys c Enter
tm_wait c "Risk (Enter: not stated):"
tm_keys c -l "data written by v2.0.1"
tm_keys c Enter
tm_wait c "Sign-off needed from"
tm_keys c -l "director"
tm_keys c Enter
tm_wait c "═ Checklist "
tm_wait c "rollback"
tm_keys c Enter
# The release's own mark comes first.
tm_wait c "Release v2.0.1 is marked NOT rollback-safe"
tm_wait c "Enter: start the checklist"
tm_keys c Enter
tm_wait c "Do features or data roll back with it?"
tm_keys c n
tm_wait c "no; note (Enter: none):"
tm_keys c -l "スキーマ変更なし no schema change"
tm_keys c Enter
tm_wait c "-> "
tm_keys c y Enter
tm_keys c n Enter
tm_keys c a
tm_wait c "n/a; note"
tm_keys c Enter
tm_wait c "Enter: record the decision"
assert_eq "$(q "SELECT count(*) FROM decision")" 0 "saved before Enter"
tm_keys c Enter
tm_wait c "decision #1 recorded; awaiting sign-off from director"
assert_eq "$(js 'd["decisions"][0]["reason"]')" "エラーはリリース直後から" "reason"
assert_eq "$(js 'd["decisions"][0]["risk"]')" "data written by v2.0.1" "risk"
assert_eq "$(js 'd["decisions"][0]["release"]["rollback_safe"]')" no "release mark"
assert_eq "$(js '",".join(a["answer"] for a in d["decisions"][0]["checklist"]["answers"])')" \
    "no,yes,no,n/a" "checklist answers"
assert_eq "$(js 'd["decisions"][0]["checklist"]["answers"][0]["note"]')" \
    "スキーマ変更なし no schema change" "answer note"
assert_eq "$(js 'd["decisions"][0]["signoff"]["state"]')" pending "sign-off"
tm_wait c "Sign-off #1 director: roll back v2.0.1"
tm_wait v "Sign-off #1 director: roll back v2.0.1"
pass "rollback decision walks the checklist by keys; answers recorded"

# A second decision, signed from the command line: it leaves the pane.
"$W" decide "page the payments team" --reason "their service" \
    --signoff boss >/dev/null || fail "decide"
tm_wait c "#2 boss: page the payments team"
"$W" --as boss signoff 2 >/dev/null || fail "signoff"
tm_wait_gone c "#2 boss:"
tm_wait_gone v "#2 boss:"
assert_contains "$(tm_screen c)" "#1 director:" "first still pending"
pass "a pending sign-off shows until signed (warroom signoff)"

# By key: someone else is refused with core's message, nothing changes.
sum=$(db_sum)
tm_keys c 1 a
tm_wait c "Approve decision #1 as cmdr"
tm_keys c Enter
# The status line (the Phase pane names director too: wait for the line).
tm_wait_status c "director"
assert_eq "$(db_sum)" "$sum" "a refused sign-off changed the database"
assert_eq "$(js 'd["decisions"][-1]["signoff"]["state"]')" pending "still pending"
# The director, on their own screen, approves it.
tm_start d 100 30 "$W --as director tui"
tm_wait d "#1 director (you):"
tm_keys d 1 a
tm_wait d "Approve decision #1 as director"
tm_keys d -l "了解 go ahead"
tm_keys d Enter
tm_wait d "decision #1 approved by director"
tm_wait_gone c "#1 director:"
tm_wait v "Sign-off none pending"
assert_eq "$(js '[x for x in d["decisions"] if x["id"] == 1][0]["signoff"]["state"]')" approved "approved"
assert_eq "$(js '[x for x in d["decisions"] if x["id"] == 1][0]["signoff"]["note"]')" "了解 go ahead" "sign-off note"
pass "sign-off by key works for the named person, refused for others"

# Decisions stand out in the timeline; a discarded decision records nothing.
assert_contains "$(q "SELECT group_concat(kind) FROM entry")" "decision" "timeline"
tm_keys c D
tm_wait c "Decision:"
tm_keys c -l "not this one"
tm_keys c Enter Escape
tm_wait c "cancelled"
assert_eq "$(q "SELECT count(*) FROM decision")" 2 "a cancelled decision"
tm_check_borders c 100
pass "a cancelled decision records nothing"
