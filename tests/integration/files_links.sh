#!/bin/sh
# files_links: someone who may write the database folder (a writer, in the
# writers' group, not root) plants links and second names there; root then
# runs the documented `init --group` (setup, or the restore step of the
# team-host guide). warroom must refuse with one line that names the file,
# and nothing outside the database folder may change: no file created, no
# owner, mode or byte of any file or folder elsewhere. After the writer's
# plant is removed, the same command works again.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../sshd_lib.sh"

if [ "$(id -u)" != 0 ] && [ "${CI:-}" = true ]; then
	fail "files_links needs root in CI (throwaway accounts)"
fi
accounts_require
WG="wrfw-$$" AU="wrfa$$"
sshd_group_add "$WG"
sshd_user_add "$AU" "$WG" "$T/home-$AU"
as() { _u=$1; shift; runuser -u "$_u" -- "$@"; }

chmod 755 "$T"
mkdir -p "$T/var/lib" "$T/outside/dir"
chmod 755 "$T/var" "$T/var/lib"
DIR="$T/var/lib/warroom"
DB="$DIR/warroom.db"
OUT="$T/outside"
export WARROOM_DB="$DB"
# What a writer would like root to change: root's secret (0600), a folder
# (0755), a file of the writer's own (0600) it can hard-link.
echo "root secret" >"$OUT/secret"
chmod 600 "$OUT/secret"
chmod 755 "$OUT/dir"
echo "the writer's own" >"$OUT/mine"
chown "$AU:$WG" "$OUT/mine"
chmod 600 "$OUT/mine"
chown root:root "$OUT"
chmod 755 "$OUT"

# Everything outside the database folder: names, owners, modes, bytes.
snap() {
	find "$OUT" "$T/var/lib" -path "$DIR" -prune -o \
	    -printf '%p %u:%g %m %s %l\n' | sort
	find "$OUT" -type f -exec md5sum {} + | sort
}

install -d -o "$AU" -g "$WG" -m 2775 "$DIR"
"$W" --db "$DB" init --group "$WG" >/dev/null 2>&1 || fail "first init --group"
as "$AU" "$W" --db "$DB" declare "Kept through it all" >/dev/null 2>&1 || fail "declare"
# A copy of the database that is the writer's own, outside the folder.
cp "$DB" "$OUT/mine.db"
chown "$AU:$WG" "$OUT/mine.db"
chmod 600 "$OUT/mine.db"
before=$(snap)

# Root's init --group must refuse (one line naming what) and change nothing
# outside; then the writer takes the plant away and it works again.
refused() { # what, text in the message, the writer's command to undo it
	assert_fails "$1" "$W" --db "$DB" init --group "$WG"
	assert_contains "$(cat "$T/err")" "$2" "$1: message"
	assert_eq "$(snap)" "$before" "$1: outside the folder"
	as "$AU" sh -c "$3" || fail "$1: undoing it"
	"$W" --db "$DB" init --group "$WG" >"$T/out" 2>&1 || fail "$1: init after removing it: $(cat "$T/out")"
	for f in "$DB" "$DB-wal" "$DB-shm"; do
		[ -f "$f" ] && [ ! -L "$f" ] || fail "$1: $f is not a plain file after"
		assert_eq "$(stat -c '%a %G %h' "$f")" "664 $WG 1" "$1: $f after"
	done
}

# The database itself, replaced by the writer (the folder is 2775, no sticky
# bit: a group member may rename and remove root's files in it).
as "$AU" sh -c "mv '$DB' '$DIR/old.db' && ln -s '$OUT/secret' '$DB'"
undo_db="rm '$DB' && mv '$DIR/old.db' '$DB'"
refused "database linked to root's secret" "warroom.db is a symbolic link" "$undo_db"
as "$AU" sh -c "mv '$DB' '$DIR/old.db' && ln -s '$OUT/new.db' '$DB'"
assert_fails "database linked to a missing file" "$W" --db "$DB" init --group "$WG"
[ ! -e "$OUT/new.db" ] && [ ! -e "$OUT/new.db-wal" ] || fail "the link's target was created"
refused "database linked to a missing file" "warroom.db is a symbolic link" "$undo_db"
as "$AU" sh -c "mv '$DB' '$DIR/old.db' && ln '$OUT/mine.db' '$DB'"
refused "database a hard link to a file outside" "warroom.db has 2 hard links" "$undo_db"
pass "a linked database (to a file, dangling) or hard-linked database is refused; nothing outside changes"

for s in wal shm; do
	as "$AU" sh -c "rm -f '$DB-$s' && ln -s '$OUT/secret' '$DB-$s'"
	refused "-$s linked to root's secret" "warroom.db-$s is a symbolic link" "rm '$DB-$s'"
	as "$AU" sh -c "rm -f '$DB-$s' && ln -s '$OUT/gone-$s' '$DB-$s'"
	refused "-$s linked to a missing file" "warroom.db-$s is a symbolic link" "rm '$DB-$s'"
	[ ! -e "$OUT/gone-$s" ] || fail "the -$s link's target was created"
	# A second name of the writer's own file elsewhere (hard links to
	# files one does not own are blocked by fs.protected_hardlinks).
	as "$AU" sh -c "rm -f '$DB-$s' && ln '$OUT/mine' '$DB-$s'" ||
	    fail "the writer cannot hard-link its own file"
	refused "-$s a hard link to a file outside" "warroom.db-$s has 2 hard links" "rm '$DB-$s'"
	as "$AU" mkfifo "$DB-$s.tmp" && as "$AU" sh -c "rm -f '$DB-$s' && mv '$DB-$s.tmp' '$DB-$s'"
	refused "-$s a FIFO" "warroom.db-$s is not a regular file" "rm '$DB-$s'"
done
pass "linked, hard-linked or FIFO -wal/-shm are refused; nothing outside changes"

# The presence folder replaced by a link to a folder elsewhere: init works
# (watching is optional) but must not make that folder 1777.
as "$AU" sh -c "rm -rf '$DB.presence' && ln -s '$OUT/dir' '$DB.presence'"
"$W" --db "$DB" init --group "$WG" >"$T/out" 2>"$T/err" || fail "init with a linked presence folder: $(cat "$T/err")"
assert_contains "$(cat "$T/err")" "a symbolic link" "presence link message"
assert_eq "$(snap)" "$before" "linked presence folder: outside"
as "$AU" rm "$DB.presence"
"$W" --db "$DB" init >/dev/null 2>&1 || fail "init after the presence link"
assert_eq "$(stat -c %a "$DB.presence")" 1777 "presence folder made again"
pass "a linked presence folder is not followed"

# The database folder itself as a link (where a writer could make one: a
# folder inside a folder it may write), for a new database: nothing is
# created at the link's target, nothing there changes.
as "$AU" ln -s "$OUT/dir" "$DIR/sub"
assert_fails "linked database folder" "$W" --db "$DIR/sub/warroom.db" init --group "$WG"
assert_contains "$(cat "$T/err")" "sub is a symbolic link" "linked folder message"
[ -z "$(ls -A "$OUT/dir")" ] || fail "created in the link's target: $(ls -A "$OUT/dir")"
assert_eq "$(snap)" "$before" "linked folder: outside"
pass "a linked database folder is refused before anything is created"

# A writer who is not root running init meets the same checks.
as "$AU" sh -c "rm -f '$DB-wal' && ln -s '$OUT/mine' '$DB-wal'"
assert_fails "writer's init with a linked -wal" as "$AU" "$W" --db "$DB" init
assert_contains "$(cat "$T/err")" "warroom.db-wal is a symbolic link" "writer's message"
assert_eq "$(snap)" "$before" "writer's init: outside"
as "$AU" rm -f "$DB-wal"
as "$AU" "$W" --db "$DB" log "still works" >"$T/out" 2>&1 || fail "writer after removing the link: $(cat "$T/out")"
assert_contains "$("$W" --db "$DB" list)" "Kept through it all" "the database's content"
assert_eq "$(sq "$DB" 'PRAGMA integrity_check' | tail -1)" ok "the database's integrity"
pass "a writer's own commands refuse the same plants"
