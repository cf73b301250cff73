#!/bin/sh
# cli_bad_input: bad input of any kind gets a one-line error, a non-zero
# exit, and leaves the database unchanged.
. "$(dirname "$0")/../lib.sh"

"$W" init >/dev/null && "$W" declare "API errors" >/dev/null || fail setup
"$W" log "first" >/dev/null || fail setup
before=$(db_sum)

assert_fails "unknown phase" "$W" phase bogus
assert_fails "same phase" "$W" phase detected
assert_fails "empty text" "$W" log ""
assert_fails "blank text" "$W" log "   "
assert_fails "invalid UTF-8" "$W" log "$(printf 'bad \377\376 bytes')"
assert_fails "invalid UTF-8 name" "$W" join "$(printf 'x\300\257')"
python3 -c 'print("x" * (1024 * 1024), end="")' >"$T/big"
assert_fails "1 MB of text" sh -c "'$W' log - <'$T/big'"
printf 'a\000b' >"$T/nul"
assert_fails "NUL in text" sh -c "'$W' log - <'$T/nul'"
assert_fails "unknown kind" "$W" log hi --kind bogus
assert_fails "system kind by hand" "$W" log hi --kind phase
assert_fails "bad confidence" "$W" log hi --confidence maybe
assert_fails "bad time" "$W" log hi --at 25:99
assert_fails "unknown option" "$W" log hi --bogus
assert_fails "option twice" "$W" log hi --source a --source b
assert_fails "extra argument" "$W" log two words
assert_fails "missing value" "$W" log hi --source
assert_fails "unknown command" "$W" frobnicate
assert_fails "bad severity" "$W" declare "x" --severity SEV9
assert_fails "assign without purpose" "$W" assign alice --task "read logs"
assert_fails "assign without task" "$W" assign alice --purpose "find cause"
assert_fails "dismiss unknown" "$W" dismiss nobody-here
assert_fails "bad incident" "$W" --incident abc log hi
assert_fails "no such incident" "$W" --incident 99 log hi
assert_fails "edit unknown entry" "$W" edit 999 --text x
assert_fails "back without reason" sh -c "'$W' phase mitigating >/dev/null && '$W' phase detected"
"$W" phase investigating --note "undo the test move" >/dev/null 2>&1 ||
    fail "back to investigating with a note"
before=$(db_sum)
assert_fails "back without reason again" "$W" phase detected
assert_eq "$(db_sum)" "$before" "database unchanged by bad input"

# Database files that are not usable.
assert_fails "missing database" "$W" --db "$T/nope/missing.db" log hi
[ ! -e "$T/nope" ] || fail "a missing database was created"
printf 'not a database at all, just text\n%.0s' $(seq 1 100) >"$T/junk.db"
cp "$T/junk.db" "$T/junk.orig"
assert_fails "non-SQLite file" "$W" --db "$T/junk.db" log hi
assert_fails "non-SQLite file, init" "$W" --db "$T/junk.db" init
cmp -s "$T/junk.db" "$T/junk.orig" || fail "junk file was modified"
sqlite3 "$T/other.db" "CREATE TABLE t(x); INSERT INTO t VALUES (1);"
assert_fails "somebody else's database" "$W" --db "$T/other.db" init
cp "$WARROOM_DB" "$T/corrupt.db"
python3 - "$T/corrupt.db" <<'PY'
import sys
with open(sys.argv[1], "r+b") as f:
    f.seek(0)
    f.write(b"garbage!" * 4)
PY
assert_fails "corrupt database" "$W" --db "$T/corrupt.db" log hi

# A read-only file for a write command, as a user without write access.
chmod 755 "$T"
"$W" init >/dev/null # a writer brings back the -wal/-shm that sqlite3 removed
chmod 644 "$WARROOM_DB" "$WARROOM_DB-wal" "$WARROOM_DB-shm"
before=$(db_sum)
assert_fails "read-only file" setpriv --reuid=nobody --regid=nogroup --clear-groups \
    env WARROOM_DB="$WARROOM_DB" "$W" log "sneaky write"
# ...while reading works for that user.
out=$(setpriv --reuid=nobody --regid=nogroup --clear-groups \
    env WARROOM_DB="$WARROOM_DB" "$W" status 2>&1) || fail "read-only status: $out"
assert_contains "$out" "API errors" "read-only status"
assert_eq "$(db_sum)" "$before" "database unchanged"
pass "bad input refused"
