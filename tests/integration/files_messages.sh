#!/bin/sh
# files_messages: what a user is told names the real problem (an empty
# file, a text file, a linked or odd -wal/-shm, a linked database), for
# readers and writers alike, and bad files change nothing. And the listing
# commands (log --history, update --list/--preview/--template, metric list,
# action list, interval) work for a user who may only read the database,
# without changing a byte of it, while its writing forms stay refused.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../sshd_lib.sh"

if [ "$(id -u)" != 0 ] && [ "${CI:-}" = true ]; then
	fail "files_messages needs root in CI (a throwaway reader account)"
fi
accounts_require
G="wrmg-$$" RU="wrmr$$"
sshd_group_add "$G"
sshd_user_add "$RU" "$G" "$T/home-$RU"
as() { _u=$1; shift; runuser -u "$_u" -- "$@"; }
chmod 755 "$T"
mkdir -m 755 "$T/d"

# Each bad database, for a reader (status, list) and a writer (log, init).
told() { # file, text, what
	for cmd in status list "log x" init; do
		# shellcheck disable=SC2086
		assert_fails "$3: $cmd" "$W" --db "$1" $cmd
		assert_contains "$(cat "$T/err")" "$2" "$3: $cmd"
	done
}
: >"$T/d/empty.db"
for cmd in status list "log --history 1" "metric list"; do
	# shellcheck disable=SC2086
	assert_fails "empty: $cmd" "$W" --db "$T/d/empty.db" $cmd
	assert_contains "$(cat "$T/err")" "empty.db is empty, not a warroom database yet" "empty: $cmd"
done
assert_eq "$(stat -c %s "$T/d/empty.db")" 0 "the empty file after readers"
[ ! -e "$T/d/empty.db-wal" ] || fail "a reader made -wal for an empty file"
printf 'hello\nthis is a note, not a database\n' >"$T/d/notes.txt"
sum=$(md5sum <"$T/d/notes.txt")
told "$T/d/notes.txt" "notes.txt is not a warroom database (not an SQLite file" "text file"
printf 'SQLite' >"$T/d/short.db"
told "$T/d/short.db" "short.db is not a warroom database (not an SQLite file" "6-byte file"
assert_eq "$(md5sum <"$T/d/notes.txt")" "$sum" "the text file after"
[ ! -e "$T/d/notes.txt-wal" ] && [ ! -e "$T/d/notes.txt.presence" ] ||
    fail "files made beside a text file: $(ls "$T/d")"
pass "empty and text files are named as such; nothing is written"

DB="$T/d/w.db"
export WARROOM_DB="$DB"
"$W" declare "Messages" >/dev/null 2>&1 || fail "declare"
sum=$(db_sum "$DB")
echo target >"$T/target"
for s in wal shm; do
	mv "$DB-$s" "$T/saved-$s"
	ln -s "$T/target" "$DB-$s"
	told "$DB" "w.db-$s is a symbolic link; warroom does not follow it: remove it" "linked -$s"
	rm "$DB-$s"
	ln -s "$T/nowhere" "$DB-$s"
	told "$DB" "w.db-$s is a symbolic link" "dangling -$s"
	[ ! -e "$T/nowhere" ] || fail "dangling -$s: its target was made"
	rm "$DB-$s"
	mkdir "$DB-$s"
	told "$DB" "w.db-$s is not a regular file" "-$s a folder"
	rmdir "$DB-$s"
	mv "$T/saved-$s" "$DB-$s"
done
assert_eq "$(cat "$T/target")" target "a link's target"
mv "$DB" "$T/real.db"
ln -s "$T/real.db" "$DB"
told "$DB" "w.db is a symbolic link; warroom does not follow it: give --db the real database file" "linked database"
rm "$DB"
mv "$T/real.db" "$DB"
assert_eq "$(db_sum "$DB")" "$sum" "the database after"
pass "linked, dangling and odd -wal/-shm, and a linked database, are named"

# A reader: the database is root's, 0644, in a 0755 folder.
"$W" log "first note" >/dev/null
"$W" edit 2 --text "first note, corrected" >/dev/null || fail "edit"
"$W" update "We are on it" >/dev/null
"$W" metric add errors --demo errors >/dev/null
"$W" action add "Add an alert" --category detect-faster >/dev/null
"$W" interval --checkin 10m >/dev/null
chmod 644 "$DB" "$DB-wal" "$DB-shm"
rm -rf "$DB.presence"
sum=$(md5sum "$DB" "$DB-wal" "$DB-shm")
reads() { # text expected, command...
	_want=$1
	shift
	out=$(as "$RU" "$W" "$@" 2>&1) || fail "reader: $*: $out"
	assert_contains "$out" "$_want" "reader: $*"
}
reads "first note, corrected" log --history 2
reads "first note" log --history 2
reads "We are on it" update --list
reads "engineers" update --list --json
reads "Reader preview" update --preview "Reader preview"
reads "What we know" update --template
reads "errors" metric list
reads '"errors"' metric list --json
reads "Add an alert" action list
reads "detect-faster" action list --json
reads "check-in every 10m" interval
assert_fails "reader: metric add" as "$RU" "$W" metric add x --demo cpu
assert_contains "$(cat "$T/err")" "no write permission" "reader: metric add"
assert_fails "reader: action done" as "$RU" "$W" action done 1
assert_fails "reader: update" as "$RU" "$W" update "not from a reader"
assert_fails "reader: log" as "$RU" "$W" log "not from a reader"
assert_fails "reader: interval --checkin" as "$RU" "$W" interval --checkin 5m
assert_eq "$(md5sum "$DB" "$DB-wal" "$DB-shm")" "$sum" "the files after the reader"
pass "a read-only user runs every listing; writing forms stay refused; no byte changes"
