#!/bin/sh
# cli_basics: issue 2's must-shows on a fresh database: init, declare, log,
# status --json, WAL mode, every command's --help, and the global options.
. "$(dirname "$0")/../lib.sh"

out=$("$W" init 2>&1) || fail "init: $out"
assert_contains "$out" "schema version" "init"
id=$("$W" declare "API errors" --severity SEV2) || fail "declare"
assert_eq "$id" "1" "first incident id"
"$W" log "alert fired" --source pagerduty >/dev/null || fail "log"
json=$("$W" status --json) || fail "status --json"
printf '%s' "$json" | python3 -c '
import json, sys
d = json.load(sys.stdin)
i = d["incident"]
assert i["title"] == "API errors", i
assert i["severity"] == "SEV2", i
assert i["phase"] == "detected", i
assert i["phase_heading"] == "【検知】", i
e = [x for x in d["timeline"] if x["text"] == "alert fired"]
assert len(e) == 1 and e[0]["source"] == "pagerduty", d["timeline"]
' || fail "status --json content"
assert_eq "$(sqlite3 "$WARROOM_DB" 'PRAGMA journal_mode')" "wal" "journal mode"

# --at in local time, stored as UTC; Japanese text intact.
# (Ten minutes ago: a time ahead of the clock is refused.)
utc=$(date -u -d '-10 min' '+%Y-%m-%d %H:%M')
jst=$(TZ=Asia/Tokyo date -d "$utc UTC" '+%Y-%m-%d %H:%M')
TZ=Asia/Tokyo "$W" log "アラート発火" --at "$jst" --kind event \
    --confidence unverified >/dev/null || fail "log --at"
t=$(sqlite3 "$WARROOM_DB" "SELECT event_time FROM entry WHERE text = 'アラート発火'")
assert_eq "$t" "$(date -u -d "$utc" +%s)" "--at local to UTC"

# The board and the phase from the command line.
"$W" join alice --role ops || fail "join"
"$W" assign alice --purpose "find the cause" --task "read the API logs" || fail "assign"
"$W" checkin alice || fail "checkin"
"$W" join bob || fail "join bob"
"$W" dismiss bob || fail "dismiss"
"$W" phase investigating || fail "phase"
text=$("$W" status) || fail "status"
assert_contains "$text" "【調査中】 investigating" "status phase"
assert_contains "$text" "for find the cause, do read the API logs" "status board"
assert_contains "$text" "bob" "status board bob"
n=$(sqlite3 "$WARROOM_DB" "SELECT count(*) FROM entry WHERE kind = 'assignment'")
assert_eq "$n" "5" "assignment entries (join, assign, checkin, join, dismiss)"

# --incident, --as, $WARROOM_DB vs --db.
"$W" declare "Second" >/dev/null || fail "declare 2"
"$W" --incident 1 join scribe --role scribe >/dev/null || fail "join scribe"
"$W" --incident 1 --as scribe log "for the first" >/dev/null || fail "--incident"
a=$(sqlite3 "$WARROOM_DB" "SELECT author || ':' || incident_id FROM entry WHERE text = 'for the first'")
assert_eq "$a" "scribe:1" "--as and --incident"
"$W" --db "$T/other.db" init >/dev/null 2>&1 || fail "--db init"
[ -f "$T/other.db" ] || fail "--db did not create the file"

# The default database, created with a message on first use.
out=$(env -u WARROOM_DB "$W" declare "default db" 2>&1) || fail "default db: $out"
assert_contains "$out" "created database $XDG_DATA_HOME/warroom/warroom.db" "default db message"

# Every command has --help, exit 0.
for c in init declare list phase severity impact comms log edit delete join \
    assign checkin done dismiss decide signoff deploy flag update metric \
    agent status export import action tui view demo; do
	"$W" "$c" --help >"$T/help" 2>&1 || fail "$c --help exit"
	grep -q "^usage: warroom $c" "$T/help" || fail "$c --help text"
done
"$W" --help >"$T/help" || fail "--help exit"
grep -q "^commands:" "$T/help" || fail "--help"
# No line ends in spaces (a command without usage text is not padded).
grep -n ' $' "$T/help" && fail "--help: trailing spaces"
grep -q '^  snooze$' "$T/help" || fail "--help: snooze"
for c in snooze version; do
	"$W" "$c" --help >"$T/help" 2>&1 || fail "$c --help exit"
	grep -n ' $' "$T/help" && fail "$c --help: trailing spaces"
	grep -q "^usage: warroom $c\$" "$T/help" || fail "$c --help text"
done
pass "cli basics"
