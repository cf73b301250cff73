#!/bin/sh
# target_cli: a command without --incident acts on the only open incident
# declared here; with several open it refuses with one line listing them
# (number, severity, title) and changes nothing, unless --incident or
# $WARROOM_INCIDENT says which. Imports never become the default target.
. "$(dirname "$0")/../lib.sh"

# Read only, so the -wal file warroom keeps stays for the next command.
q() { sqlite3 -readonly "$WARROOM_DB" "$1"; }
entries() { # incident: its live timeline entries
	q "SELECT count(*) FROM entry WHERE incident_id = $1 AND deleted = 0"
}
"$W" declare "checkout down" --severity SEV2 >/dev/null || fail "declare 1"
"$W" log "one open: goes to #1" >/dev/null || fail "log with one open"
assert_eq "$(q "SELECT count(*) FROM entry WHERE incident_id = 1 AND text LIKE 'one open%'")" 1 "log with one open"
"$W" declare "ディスク警告 disk noise" --severity SEV4 >/dev/null || fail "declare 2"
pass "one open incident is the default"

# Two open: every command that needs an incident refuses, naming both.
n1=$(entries 1) n2=$(entries 2)
sum=$(db_sum)
for cmd in "log hi" "phase investigating" "severity SEV1" "status" \
    "export" "join alice" "comms told"; do
	# shellcheck disable=SC2086
	assert_fails "$cmd with two open" "$W" $cmd
	err=$(cat "$T/err")
	assert_contains "$err" "warroom: several incidents are open" "$cmd"
	assert_contains "$err" '#2 SEV4 "ディスク警告 disk noise"' "$cmd lists #2"
	assert_contains "$err" '#1 SEV2 "checkout down"' "$cmd lists #1"
	assert_contains "$err" "--incident N or WARROOM_INCIDENT=N" "$cmd says how"
done
assert_eq "$(db_sum)" "$sum" "a refused command changed the database"
pass "two open: refused with one line listing both, nothing written"

# --incident and WARROOM_INCIDENT say which; --incident wins over both.
"$W" --incident 1 log "named one" >/dev/null || fail "--incident 1"
WARROOM_INCIDENT=2 "$W" log "env two" >/dev/null || fail "WARROOM_INCIDENT=2"
WARROOM_INCIDENT=2 "$W" --incident 1 log "flag beats env" >/dev/null ||
    fail "--incident over env"
assert_eq "$(entries 1)" $((n1 + 2)) "entries on #1"
assert_eq "$(entries 2)" $((n2 + 1)) "entries on #2"
assert_eq "$(q "SELECT incident_id FROM entry WHERE text = 'flag beats env'")" 1 "--incident wins"
WARROOM_INCIDENT=2 "$W" status | grep -q "ディスク警告" || fail "status of env 2"
WARROOM_INCIDENT= assert_fails "empty env is no choice" "$W" log x
for bad in x 0 -1 "2x" 99999999999999999999; do
	WARROOM_INCIDENT=$bad assert_fails "WARROOM_INCIDENT=$bad" "$W" log x
	assert_contains "$(cat "$T/err")" "WARROOM_INCIDENT needs an incident number" "$bad"
done
assert_fails "--incident 7" "$W" --incident 7 log x
assert_contains "$(cat "$T/err")" "no incident #7" "unknown incident"
WARROOM_INCIDENT=7 assert_fails "WARROOM_INCIDENT=7" "$W" log x
# The screens check the same before they start.
for scr in view "tui --role scribe"; do
	# shellcheck disable=SC2086
	assert_fails "$scr of no incident" "$W" --incident 7 $scr </dev/null
	assert_contains "$(cat "$T/err")" "no incident #7" "$scr #7"
	# shellcheck disable=SC2086
	WARROOM_INCIDENT=one assert_fails "$scr env one" "$W" $scr </dev/null
	assert_contains "$(cat "$T/err")" "WARROOM_INCIDENT needs an incident number" "$scr env"
done
pass "--incident and WARROOM_INCIDENT choose; bad values refused"

# One open and several resolved: the open one, wherever its number lies.
"$W" --incident 2 phase resolved >/dev/null || fail "resolve 2"
"$W" declare "third" --severity SEV3 >/dev/null || fail "declare 3"
"$W" --incident 3 phase resolved >/dev/null || fail "resolve 3"
"$W" log "to the open one" >/dev/null || fail "log with #1 open"
assert_eq "$(q "SELECT incident_id FROM entry WHERE text = 'to the open one'")" 1 "one open + resolved"
"$W" status | grep -q "checkout down" || fail "status of #1"
# A resolved one is still read and exported by naming it.
"$W" --incident 2 export --format md | grep -q "ディスク警告" ||
    fail "export a resolved incident"
"$W" --incident 3 status >/dev/null || fail "status of a resolved one"
# A retrospective is not open either.
"$W" --incident 2 phase retrospective >/dev/null || fail "retrospective"
"$W" log "still #1" >/dev/null || fail "log with a retrospective"
assert_eq "$(q "SELECT incident_id FROM entry WHERE text = 'still #1'")" 1 "retrospective is closed"
pass "one open among resolved ones is the default; resolved ones by name"

# An open incident imported: kept open, never the default.
"$W" --incident 1 export --format json >"$T/one.json" || fail "export 1"
id=$("$W" import "$T/one.json") || fail "import"
assert_eq "$id" 4 "imported id"
assert_eq "$(q "SELECT phase FROM incident WHERE id = 4")" detected "imported as it was"
"$W" log "not the import" >/dev/null || fail "log after import"
assert_eq "$(q "SELECT incident_id FROM entry WHERE text = 'not the import'")" 1 "import became the target"
"$W" --incident 4 log "named import" >/dev/null || fail "--incident 4"
assert_eq "$(q "SELECT incident_id FROM entry WHERE text = 'named import'")" 4 "named import"
# With the local one resolved, the open import is still not taken.
"$W" --incident 1 phase resolved >/dev/null || fail "resolve 1"
sum=$(db_sum)
assert_fails "only an import open" "$W" log x
assert_contains "$(cat "$T/err")" "no incident declared here is open" "import only"
assert_contains "$(cat "$T/err")" '#4 SEV2 "checkout down"' "lists the import"
assert_eq "$(db_sum)" "$sum" "refused with an import open"
pass "an imported open incident is kept open but must be named"

# Into a fresh database: only the import there, so it must be named.
B="$T/b.db"
WARROOM_DB=$B "$W" init >/dev/null 2>&1 || fail "init b"
WARROOM_DB=$B "$W" import "$T/one.json" >/dev/null || fail "import into b"
WARROOM_DB=$B assert_fails "import alone" "$W" log x
assert_contains "$(cat "$T/err")" 'name an imported one with --incident N: #1 SEV2 "checkout down"' "import alone says how"
WARROOM_DB=$B "$W" --incident 1 log "named" >/dev/null || fail "named in b"
# Everything resolved: the newest declared here is read without naming
# (the imported #4 is newer, and not taken).
"$W" --incident 4 phase resolved >/dev/null || fail "resolve 4"
"$W" status | grep -q "third" || fail "none open: the newest declared here"
pass "an import alone is not a default; with none open the newest is read"
