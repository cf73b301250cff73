#!/bin/sh
# deploy_target.sh: a deploy hook's record tells the one open incident, a
# named one (--incident, $WARROOM_INCIDENT), or, with several open, none:
# it is recorded for the service and says so; never a guess, never an
# imported incident.
. "$(dirname "$0")/../lib.sh"

"$W" init >/dev/null 2>&1 || fail "init"
q() { sqlite3 "$WARROOM_DB" "$1"; }
told() { q "SELECT count(*) FROM entry WHERE incident_id = $1 AND kind = 'release'"; }

"$W" deploy v1 --rollback-safe yes >/dev/null 2>"$T/err" || fail "deploy with no incident"
[ ! -s "$T/err" ] || fail "deploy with no incident said: $(cat "$T/err")"
"$W" declare "決済障害" --severity SEV2 >/dev/null || fail "declare 1"
"$W" deploy v2 >/dev/null 2>"$T/err" || fail "deploy with one open"
assert_eq "$(told 1)" 1 "the one open incident is told"
[ ! -s "$T/err" ] || fail "deploy with one open said: $(cat "$T/err")"

"$W" --incident 1 declare "ディスク警告" --severity SEV4 >/dev/null || fail "declare 2"
id=$("$W" deploy v3 2>"$T/err") || fail "deploy with two open must still record"
assert_eq "$(q "SELECT name FROM release WHERE id = $id")" v3 "recorded for the service"
assert_eq "$(told 1)$(told 2)" "10" "no incident told by a guess"
assert_eq "$(wc -l <"$T/err")" 1 "one line says so"
assert_contains "$(cat "$T/err")" "recorded for the service only, no incident told" "the notice"
assert_contains "$(cat "$T/err")" "#2 SEV4" "the notice lists the open ones"
"$W" --incident 2 flag new-ui on >/dev/null || fail "flag --incident"
WARROOM_INCIDENT=1 "$W" deploy v4 >/dev/null || fail "deploy WARROOM_INCIDENT"
assert_eq "$(told 1)$(q "SELECT count(*) FROM entry WHERE incident_id = 2 AND kind = 'release'")" "21" "named incidents told"
assert_fails "deploy to no such incident" "$W" --incident 9 deploy v5
pass "deploy and flag tell the one open or the named incident; several open: none, said"
