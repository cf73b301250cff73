#!/bin/sh
# time_input: every time a person gives (--at of log, edit, decide, deploy,
# flag, declare; --due; import) goes through one check: a date that does
# not exist is refused, not moved; the epoch, a time long before detection
# and a time ahead of the clock are refused with a clear line, the first two
# taken with --allow-past; a refusal changes nothing.
. "$(dirname "$0")/../lib.sh"

# The clock: 2028-03-01 12:00 UTC, the day after a leap day.
NOW=$(date -u -d '2028-03-01 12:00' +%s)
export WARROOM_NOW=$NOW
"$W" init >/dev/null 2>&1 || fail "init"
# A leap day that exists is taken: the incident was detected then.
"$W" declare "checkout errors" --at "2028-02-29 10:00" >/dev/null ||
    fail "declare on 2028-02-29"
det=$(sqlite3 "$WARROOM_DB" "SELECT detected FROM incident")
assert_eq "$det" "$(date -u -d '2028-02-29 10:00' +%s)" "leap day kept"
pass "a leap day that exists is taken"

# refused WHAT PATTERN command...: fails, one line, saying PATTERN.
refused() {
	_what=$1 _pat=$2
	shift 2
	assert_fails "$_what" "$@"
	grep -q -- "$_pat" "$T/err" || fail "$_what: no '$_pat' in: $(cat "$T/err")"
}

before=$(db_sum)
for cmd in "log x" "decide x --reason r" "deploy v9" "flag f on"; do
	# shellcheck disable=SC2086
	set -- $cmd
	refused "$1: Feb 30" "no such date" "$W" "$@" --at "2028-02-30 10:00"
	refused "$1: month 13" "no such date" "$W" "$@" --at "2028-13-01 10:00"
	refused "$1: 24:00:01" "no such time" "$W" "$@" --at "2028-02-29 24:00:01"
	refused "$1: second 60" "no such time" "$W" "$@" --at "2028-02-29 23:59:60"
	refused "$1: 2025-02-29" "no such date" "$W" "$@" --at "2025-02-29 10:00"
	# Not even with --allow-past: a day that does not exist is a slip.
	refused "$1: Feb 30 --allow-past" "no such date" "$W" "$@" \
	    --at "2027-02-29 10:00" --allow-past
	refused "$1: epoch" "the epoch" "$W" "$@" --at @1
	refused "$1: epoch ISO" "the epoch" "$W" "$@" --at "1970-01-01 00:00:00Z"
	refused "$1: 1999" "before the year 2000" "$W" "$@" --at "1999-12-31 10:00"
	refused "$1: a week before detection" "before the incident was detected" \
	    "$W" "$@" --at "2028-02-22 10:00"
	refused "$1: last year" "add --allow-past" "$W" "$@" --at "2027-02-28 10:00"
	refused "$1: in an hour" "in the future" "$W" "$@" --at "2028-03-01 13:00"
	refused "$1: +6m" "in the future" "$W" "$@" --at +6m
	refused "$1: 2030 with --allow-past" "in the future" "$W" "$@" \
	    --at "2030-01-01 00:00" --allow-past
	refused "$1: a time zone ahead" "in the future" "$W" "$@" \
	    --at "2028-03-01T12:30:00-01:00"
done
refused "declare: 1999" "before the year 2000" "$W" declare y --at "1999-06-01 10:00"
refused "declare: tomorrow" "in the future" "$W" declare y --at "2028-03-02 10:00"
refused "action --due: Feb 30" "no such date" "$W" action add x --category root-cause --due 2028-02-30
refused "action --due: epoch" "the epoch" "$W" action add x --category root-cause --due @5
# A zone that skips 02:00-03:00 on 2027-03-28: that half hour never was.
refused "log: a skipped hour" "no such time" env TZ=Europe/Berlin "$W" log x \
    --at "2027-03-28 02:30" --allow-past
refused "log: 02:30 on that night" "no such time" env TZ=Europe/Berlin \
    WARROOM_NOW="$(date -u -d '2027-03-28 10:00' +%s)" "$W" log x --at 02:30 \
    --allow-past
assert_eq "$(db_sum)" "$before" "refusals changed the database"
pass "impossible, epoch, early and future times refused; nothing changed"

# What is fine: just before now, within the skew, up to a day before
# detection; and with --allow-past, earlier.
"$W" log "within skew" --at +4m >/dev/null || fail "+4m"
"$W" log "a day before" --at "2028-02-28 11:00" >/dev/null ||
    fail "23 h before detection"
"$W" deploy v1 --at "2028-02-28 10:30" >/dev/null || fail "deploy 23.5 h before"
"$W" decide "roll back" --reason r --at "2028-03-01 11:59" >/dev/null ||
    fail "decide a minute ago"
"$W" flag f on --at -1m >/dev/null || fail "flag a minute ago"
old=$("$W" log "the cert expired" --at "2027-03-01 00:00" --allow-past) ||
    fail "--allow-past a year before"
"$W" deploy v0 --at "2027-12-01 10:00" --allow-past >/dev/null ||
    fail "deploy --allow-past"
"$W" log "at the epoch, truly" --at @86400 --allow-past >/dev/null ||
    fail "epoch with --allow-past"
"$W" action add "renew certs" --category prevent-recurrence --due 2029-01-31 >/dev/null ||
    fail "a due date ahead is fine"
"$W" declare "old one" --at "1999-06-01 10:00" --allow-past >/dev/null ||
    fail "declare --allow-past"
t=$(sqlite3 "$WARROOM_DB" "SELECT event_time FROM entry WHERE id = $old")
assert_eq "$t" "$(date -u -d '2027-03-01 00:00' +%s)" "--allow-past time kept"
pass "ordinary times, and early ones with --allow-past, taken"

# edit: measured against the entry's own incident.
e=$("$W" --incident 1 log "edit me" --at -5m) || fail "log edit me"
before=$(db_sum)
refused "edit: a week before" "before the incident was detected" "$W" edit "$e" \
    --at "2028-02-20 10:00"
refused "edit: ahead" "in the future" "$W" edit "$e" --at "2028-03-01 18:00"
refused "edit: Feb 31" "no such date" "$W" edit "$e" --at "2028-02-31 10:00"
assert_eq "$(db_sum)" "$before" "edit refusals changed the database"
"$W" edit "$e" --at "2028-02-20 10:00" --allow-past || fail "edit --allow-past"
pass "edit checks the same way"

# import: a crafted export is refused with the field named, and nothing
# is written; --allow-past takes early times, never future ones.
C="$T/c.db"
export WARROOM_DB=$C
"$W" declare "to export" --at "2028-02-29 10:00" >/dev/null || fail "declare c"
for i in 1 2 3; do
	"$W" log "entry $i" --at "2028-02-29 1$i:00" >/dev/null || fail "log c $i"
done
"$W" action add "renew certs" --category prevent-recurrence >/dev/null ||
    fail "action c"
"$W" export --format json >"$T/a.json" || fail "export"
craft() { # out field-path value
	python3 - "$T/a.json" "$1" "$2" "$3" <<'PY'
import json, sys
src, out, path, value = sys.argv[1:]
d = json.load(open(src, encoding="utf-8"))
o = d
keys = path.split(".")
for k in keys[:-1]:
    o = o[int(k)] if k.isdigit() else o[k]
o[keys[-1]] = value
json.dump(d, open(out, "w", encoding="utf-8"))
PY
}
B="$T/b.db"
WARROOM_DB=$B "$W" init >/dev/null 2>&1 || fail "init b"
bsum=$(db_sum "$B")
craft "$T/epoch.json" timeline.2.time 1970-01-01T00:00:01Z
craft "$T/early.json" timeline.2.time 2028-02-01T10:00:00Z
craft "$T/ahead.json" timeline.2.time 2028-03-02T10:00:00Z
craft "$T/det.json" incident.detected 2028-03-05T10:00:00Z
craft "$T/feb30.json" incident.recovered 2028-02-30T10:00:00Z
craft "$T/due.json" actions.0.due 2029-03-01T10:00:00Z
WARROOM_DB=$B refused "import epoch" "timeline\[2\].time: the time 1970" \
    "$W" import "$T/epoch.json"
WARROOM_DB=$B refused "import early" "timeline\[2\].time: .*before the incident was detected" \
    "$W" import "$T/early.json"
WARROOM_DB=$B refused "import ahead" "timeline\[2\].time: .*in the future" \
    "$W" import "$T/ahead.json"
WARROOM_DB=$B refused "import ahead --allow-past" "in the future" \
    "$W" import --allow-past "$T/ahead.json"
WARROOM_DB=$B refused "import detected ahead" "incident.detected: .*in the future" \
    "$W" import "$T/det.json"
WARROOM_DB=$B refused "import Feb 30" "incident.recovered: must be a time" \
    "$W" import "$T/feb30.json"
assert_eq "$(db_sum "$B")" "$bsum" "import refusals changed the database"
WARROOM_DB=$B "$W" import --allow-past "$T/early.json" >/dev/null ||
    fail "import --allow-past early"
WARROOM_DB=$B "$W" import "$T/due.json" >/dev/null || fail "a due date ahead imports"
pass "import refuses such times, names the field, changes nothing"

# The entry form on the screen checks the same way; a refused time saves
# nothing.
export WARROOM_DB=$C
"$W" join erin --role scribe || fail "join erin" # the scribe's screen
tm_start s 140 30 "WARROOM_NOW=$NOW WARROOM_DB=$C $W --as erin tui --role scribe"
tm_wait s "═ Timeline "
before=$(db_sum)
tm_keys s a
tm_wait s "New timeline entry"
tm_keys s -l "typed on the screen"
tm_keys s Tab C-u
tm_keys s -l "2028-02-30 10:00"
tm_wait s "no such date"
tm_keys s Enter
tm_wait s "When: no such date"
tm_keys s C-u
tm_keys s -l "+2h"
tm_wait s "is in the future"
tm_keys s Enter
tm_wait s "When: the time 2028-03-01 14:00:00 is in the future"
tm_keys s C-u
tm_keys s -l "@5"
tm_wait s "the epoch"
assert_eq "$(db_sum)" "$before" "the form saved a refused time"
tm_keys s C-u
tm_keys s -l "2028-02-29 11:30"
tm_keys s Enter
tm_wait s "saved"
assert_eq "$(sqlite3 "$C" "SELECT event_time FROM entry WHERE text = 'typed on the screen'")" \
    "$(date -u -d '2028-02-29 11:30' +%s)" "form time"
pass "the entry form refuses the same times"
