#!/bin/sh
# closed_incident: with no incident open (and none named), a write to the
# live response is refused with one line that says what to do, and nothing
# is written; reading and the retrospective still act on the newest closed
# incident and say which on stderr; entries and actions act on their own
# incident; a deploy is the service's alone. dismiss --idle keeps the
# commander before a handoff.
. "$(dirname "$0")/../lib.sh"

q() { sqlite3 "$WARROOM_DB" "$1"; }
"$W" --as alice declare "db down" >/dev/null 2>&1 || fail "declare"
"$W" --as alice join bob >/dev/null || fail "join bob"
"$W" --as alice assign bob --purpose p --task t >/dev/null || fail "assign"
e=$("$W" --as alice log "db errors") || fail "log"
"$W" --as alice update "looking" >/dev/null || fail "update"
"$W" --as alice phase resolved >/dev/null || fail "resolve"

# The live response: refused, one line, nothing written.
sum=$(db_sum)
refused() { # what, then the arguments after warroom --as alice
	what=$1
	shift
	assert_fails "$what" "$W" --as alice "$@"
	assert_contains "$(cat "$T/err")" 'warroom: no incident is open (#1 "db down" was resolved ' "$what says why"
	assert_contains "$(cat "$T/err")" "declare a new one, or add --incident 1 to write to #1" "$what says what to do"
}
refused "log" log "db errors again"
refused "log from stdin" log -
refused "phase back" phase investigating --note "again"
refused "severity" severity SEV2
refused "impact" impact known
refused "comms" comms told
refused "join" join carol
refused "assign" assign bob --purpose p --task t
refused "checkin" checkin bob
refused "done" done bob
refused "dismiss" dismiss bob
refused "dismiss --idle" dismiss --idle
refused "handoff" handoff bob
refused "interval" interval --checkin 10m
refused "decide" decide "roll back" --reason r
refused "update" update "recovered"
refused "update --retry" update --retry 1
refused "update --drop" update --drop 1
refused "snooze" snooze
assert_eq "$(db_sum)" "$sum" "a refused write changed the database"
pass "the live response is refused with none open, nothing written"

# Reading keeps working on the newest closed one.
"$W" status 2>"$T/err" | grep -q "db down" || fail "status"
assert_eq "$(cat "$T/err")" "" "status (shows the incident) adds no line"
"$W" export --format md 2>/dev/null | grep -q "db down" || fail "export"
out=$("$W" interval 2>"$T/err") || fail "interval (print)"
assert_contains "$out" "check-in every 15m" "interval prints"
assert_contains "$(cat "$T/err")" 'warroom: no incident is open: acting on #1, the newest (#1 "db down" was resolved ' "interval says which"
"$W" update --list >/dev/null 2>"$T/err" || fail "update --list"
assert_contains "$(cat "$T/err")" "acting on #1" "update --list says which"
"$W" list | grep -q "db down" || fail "list"
"$W" search "db errors" | grep -q "db errors" || fail "search"
"$W" report >/dev/null || fail "report"
assert_eq "$(db_sum)" "$sum" "reading changed the database"
pass "reading works on the newest closed one and says which"

# The retrospective belongs to the closed incident.
a=$("$W" --as alice action add "page sooner" --category detect-faster \
    2>"$T/err") || fail "action add"
assert_contains "$(cat "$T/err")" "acting on #1, the newest" "action add says which"
assert_eq "$(q "SELECT incident_id FROM action WHERE id = $a")" 1 "action on #1"
"$W" action list 2>/dev/null | grep -q "page sooner" || fail "action list"
"$W" action done "$a" 2>"$T/err" || fail "action done"
assert_contains "$(cat "$T/err")" "action $a is in incident #1, which is closed" "action done says which"
"$W" action reopen "$a" 2>/dev/null || fail "action reopen"
"$W" action edit "$a" --owner bob 2>/dev/null || fail "action edit"
"$W" --as alice phase retrospective 2>"$T/err" >/dev/null ||
    fail "phase retrospective (forward, closed)"
assert_contains "$(cat "$T/err")" "acting on #1" "phase retrospective says which"
assert_eq "$(q "SELECT phase FROM incident WHERE id = 1")" retrospective "retrospective"
pass "the retrospective (actions, phase retrospective) keeps working, said"

# An entry names its incident: acted on there, said when closed.
"$W" --as alice edit "$e" --text "db errors (first)" 2>"$T/err" ||
    fail "edit a closed incident's entry"
assert_contains "$(cat "$T/err")" "entry $e is in incident #1, which is closed" "edit says which"
"$W" --as alice pin "$e" 2>/dev/null || fail "pin"
"$W" --as alice unpin "$e" 2>/dev/null || fail "unpin"

# A deploy is the service's: recorded, not told to the closed incident.
n=$(q "SELECT count(*) FROM entry WHERE incident_id = 1")
"$W" deploy v1.3 >/dev/null 2>"$T/err" || fail "deploy with none open"
assert_contains "$(cat "$T/err")" "recorded for the service only: no incident is open" "deploy says"
assert_eq "$(q "SELECT coalesce(incident_id, 0) FROM release WHERE name = 'v1.3'")" 0 "deploy not tied to #1"
"$W" flag new-ui off >/dev/null 2>/dev/null || fail "flag with none open"
assert_eq "$(q "SELECT count(*) FROM entry WHERE incident_id = 1")" "$n" "a release wrote to the closed incident"
pass "entries act on their incident; a release with none open is the service's"

# Named: written to the closed incident on purpose.
"$W" --as alice --incident 1 log "late finding" >/dev/null || fail "--incident 1 log"
WARROOM_INCIDENT=1 "$W" --as alice log "later finding" >/dev/null ||
    fail "WARROOM_INCIDENT=1 log"
assert_eq "$(q "SELECT count(*) FROM entry WHERE incident_id = 1 AND text LIKE 'late%finding'")" 2 "named writes"
assert_fails "entry of another incident named" "$W" --as alice --incident 2 pin "$e"
assert_contains "$(cat "$T/err")" "entry $e belongs to incident #1, not #2" "entry named elsewhere"
assert_fails "action of another incident named" "$W" --incident 2 action done "$a"
# A new problem: declared, it takes the writes.
"$W" --as carol declare "db errors again" >/dev/null 2>&1 || fail "declare 2"
"$W" --as carol log "replica lag" >/dev/null || fail "log on #2"
assert_eq "$(q "SELECT incident_id FROM entry WHERE text = 'replica lag'")" 2 "the new one"
pass "naming the closed incident writes there; a new one takes the writes"

# dismiss --idle after a handoff keeps the commander before, and says so.
"$W" --as carol join dave >/dev/null || fail "join dave"
"$W" --as carol join erin >/dev/null || fail "join erin"
# The handoff and the dismiss in the same second (the clock pinned): on a
# busy machine a second boundary between them made it "1s ago".
now=$(date +%s)
WARROOM_NOW=$now "$W" --as carol handoff erin >/dev/null || fail "handoff"
out=$(WARROOM_NOW=$now "$W" --as erin dismiss --idle) || fail "dismiss --idle"
assert_contains "$out" "dismissed 1 idle responder" "dave dismissed"
assert_contains "$out" "kept carol: handed off command 0s ago" "carol kept"
assert_eq "$(q "SELECT state FROM responder WHERE incident_id = 2 AND name = 'carol'")" active "carol still in"
assert_eq "$(q "SELECT state FROM responder WHERE incident_id = 2 AND name = 'dave'")" dismissed "dave out"
"$W" --as erin dismiss carol >/dev/null || fail "dismiss carol by name"
assert_eq "$(q "SELECT state FROM responder WHERE incident_id = 2 AND name = 'carol'")" dismissed "carol by name"
pass "dismiss --idle keeps the commander before a handoff; by name releases"
