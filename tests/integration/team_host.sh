#!/bin/sh
# team_host: the rest of docs/team-host.md as written, with throwaway
# accounts: the database set up by its commands (groups, modes), a writer
# and a viewer that are not root, missing -wal/-shm and how a writer brings
# them back, live backups by its commands (and why persist_wal), a restore,
# and the agent's /etc/warroom/config that others cannot read.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../sshd_lib.sh"

accounts_require
WG="wrw-$$" VG="wrview-$$" AU="wra$$" CU="wrc$$" VU="wrv$$"
sshd_group_add "$WG"
sshd_group_add "$VG"
sshd_user_add "$AU" "$WG" "$T/home-$AU"
sshd_user_add "$CU" "$WG" "$T/home-$CU"
sshd_user_add "$VU" "$VG" "$T/home-$VU"

chmod 755 "$T"
mkdir -p "$T/bin" "$T/var/lib"
chmod 755 "$T/bin" "$T/var" "$T/var/lib"
cp "$W" "$T/bin/warroom"
cp "$W-agent" "$T/bin/warroom-agent"
WR="$T/bin/warroom"
DIR="$T/var/lib/warroom"
DB="$DIR/warroom.db"
export WARROOM_DB="$DB"
doc="$(dirname "$0")/../../docs/team-host.md"
as() { _u=$1; shift; runuser -u "$_u" -- "$@"; }

# Section 3, as written.
doc_block "$doc" database "s|/var/lib/warroom|$DIR|g; s|-o warroom -g warroom|-o $AU -g $WG|; s|--group warroom|--group $WG|; s|^warroom |$WR |" >"$T/setup.sh"
grep -q "init --group $WG" "$T/setup.sh" || fail "no database block in docs/team-host.md: $(cat "$T/setup.sh")"
sh -e "$T/setup.sh" >"$T/out" 2>&1 || fail "setup: $(cat "$T/out")"
assert_eq "$(stat -c '%a %U:%G' "$DIR")" "2775 $AU:$WG" "the folder"
for f in "$DB" "$DB-wal" "$DB-shm"; do
	assert_eq "$(stat -c '%a %G' "$f")" "664 $WG" "$f"
done
pass "database set up as the recipe says"

# A writer who is not root writes, even with a strict umask; a viewer
# reads and cannot write.
as "$CU" sh -c "umask 077; '$WR' declare 'Payments down' --severity SEV1" >/dev/null 2>&1 ||
    fail "the commander cannot declare"
as "$CU" sh -c "umask 077; '$WR' log 'rolled back 4.2'" >/dev/null || fail "the commander cannot log"
out=$(as "$VU" "$WR" status 2>&1) || fail "the viewer cannot read: $out"
assert_contains "$out" "rolled back 4.2" "viewer status"
assert_fails "a viewer writes" as "$VU" "$WR" log "viewer was here"
assert_contains "$(cat "$T/err")" "no write permission" "viewer write error"
pass "writers write, viewers read"

# Without -wal/-shm a viewer is told what is wrong; a writer's init brings
# them back with the database's mode and group, whatever its umask.
rm -f "$DB-wal" "$DB-shm"
assert_fails "viewer without -wal" as "$VU" "$WR" status
assert_contains "$(cat "$T/err")" "warroom.db-wal is missing" "missing -wal"
as "$CU" sh -c "umask 077; '$WR' init" >/dev/null 2>&1 || fail "the commander's init"
for f in "$DB-wal" "$DB-shm"; do
	assert_eq "$(stat -c '%a %G' "$f")" "664 $WG" "$f made again"
done
as "$VU" "$WR" status >/dev/null 2>&1 || fail "the viewer after the writer's init"
pass "missing -wal/-shm: clear error, a writer's init mends it"

# Section 7: live backups as written keep -wal/-shm for the viewers.
# VACUUM INTO writes tables, then indexes, then triggers: the same schema
# and rows as the original, in another order (sorted here).
sum=$(sq "$DB" .dump | sort | md5sum)
doc_block "$doc" backup "s|/var/lib/warroom|$DIR|g; s|/var/backups/warroom|$T/backups|g" >"$T/backup.sh"
grep -q "VACUUM INTO" "$T/backup.sh" || fail "no backup block in docs/team-host.md"
sh -e "$T/backup.sh" >"$T/out" 2>&1 || fail "backup: $(cat "$T/out")"
[ -f "$DB-wal" ] && [ -f "$DB-shm" ] || fail "the backup removed -wal/-shm"
as "$VU" "$WR" status >/dev/null 2>&1 || fail "the viewer after a backup"
n=0
for b in "$T"/backups/*.db; do
	n=$((n + 1))
	assert_eq "$(sqlite3 "$b" 'PRAGMA integrity_check')" ok "integrity of $b"
	assert_eq "$(sq "$b" .dump | sort | md5sum)" "$sum" "content of $b"
done
assert_eq "$n" 2 "backups made"
# Why the recipe insists: plain sqlite3, last to close, removes them.
sqlite3 "$DB" ".backup $T/plain.db"
[ ! -f "$DB-wal" ] || fail "plain sqlite3 kept -wal: the reason docs/team-host.md gives for persist_wal no longer holds"
as "$CU" "$WR" init >/dev/null 2>&1 || fail "init after plain sqlite3"
pass "live backups keep the viewers working"

# Restore, as section 7 says.
as "$CU" "$WR" log "after the backup" >/dev/null || fail "log"
cp "$(ls "$T"/backups/warroom-*.db)" "$DB"
rm -f "$DB-wal" "$DB-shm"
"$WR" --db "$DB" init --group "$WG" >/dev/null 2>&1 || fail "init --group after restore"
assert_eq "$(sq "$DB" .dump | sort | md5sum)" "$sum" "restored content"
out=$(as "$VU" "$WR" status 2>&1) || fail "viewer after restore: $out"
assert_not_contains "$out" "after the backup" "restored state"
for f in "$DB" "$DB-wal" "$DB-shm"; do
	assert_eq "$(stat -c '%a %G' "$f")" "664 $WG" "$f after restore"
done
pass "restore"

# Section 6: /etc/warroom/config belongs to the agent (600): others work as
# if it were absent. Only when this machine has no /etc/warroom of its own.
if [ -e /etc/warroom ]; then
	echo "SKIP team_host: /etc/warroom exists here; not touching it"
else
	on_exit "rm -rf /etc/warroom"
	install -d -m 755 /etc/warroom
	install -o "$AU" -g "$WG" -m 600 /dev/null /etc/warroom/config
	echo "# warroom test: the agent's config" >/etc/warroom/config
	as "$AU" env -u WARROOM_CONFIG "$WR" agent --once >"$T/out" 2>&1 ||
	    fail "the agent with its config: $(cat "$T/out")"
	as "$CU" "$WR" agent --once >"$T/out" 2>&1 ||
	    fail "a writer stopped by the agent's config: $(cat "$T/out")"
	as "$VU" "$WR" view </dev/null >"$T/out" 2>&1
	rm -rf /etc/warroom
	assert_not_contains "$(cat "$T/out")" "/etc/warroom" "the viewer and the agent's config"
	pass "the agent's config stops no one else"
fi

# Section 6: the shipped unit is a valid unit (no warning at all).
if command -v systemd-analyze >/dev/null 2>&1; then
	mkdir "$T/unit"
	sed "s|@BINDIR@|$T/bin|g" "$(dirname "$0")/../../docs/warroom-agent.service.in" \
	    >"$T/unit/warroom-agent.service"
	systemd-analyze verify "$T/unit/warroom-agent.service" >"$T/out" 2>&1 ||
	    fail "systemd-analyze: $(cat "$T/out")"
	[ ! -s "$T/out" ] || fail "systemd-analyze warns: $(cat "$T/out")"
	pass "the agent's unit verifies"
else
	echo "SKIP team_host: no systemd-analyze to check the unit"
fi
