#!/bin/sh
# backup.sh: `warroom backup` while the agent writes samples and a loop of
# `warroom log` runs: the copy is sound and holds every entry acknowledged
# before the backup started; the refusals; `warroom restore` refused while
# a process holds the database, then a round trip that keeps the old file.
. "$(dirname "$0")/../lib.sh"
"$W" declare "backup incident" >/dev/null 2>&1 || fail "declare"
"$W" metric add demo_errors --demo errors --interval 1 >/dev/null || fail "metric add"
"$W" metric add demo_latency --demo latency --interval 1 >/dev/null || fail "metric add"
"$W" agent >"$T/agent.log" 2>&1 &
AGENT=$!
on_exit "kill $AGENT"
# The writer loop: each entry acknowledged (exit 0) goes into acked.
: >"$T/acked"
(
	i=0
	while [ ! -e "$T/stop" ] && [ $i -lt 2000 ]; do
		i=$((i + 1))
		"$W" log "entry $i" >/dev/null 2>>"$T/log.err" && echo "entry $i" >>"$T/acked"
	done
) &
LOOP=$!
on_exit "kill $LOOP"
_end=$(($(date +%s) + 10))
while [ "$(wc -l <"$T/acked")" -lt 20 ] || [ "$(sqlite3 "$WARROOM_DB" 'SELECT count(*) FROM sample')" -lt 2 ]; do
	[ "$(date +%s)" -le "$_end" ] || fail "the writers did not get going: $(cat "$T/agent.log" "$T/log.err")"
	sleep 0.1
done
cp "$T/acked" "$T/acked.before"
"$W" backup "$T/b.db" 2>"$T/backup.err" || fail "backup while writers run: $(cat "$T/backup.err")"
sleep 0.5
touch "$T/stop"
wait $LOOP
[ -s "$T/log.err" ] && fail "a log in the loop failed: $(head -3 "$T/log.err")"
assert_eq "$(sqlite3 "$T/b.db" 'PRAGMA integrity_check')" ok "the copy's integrity"
sqlite3 "$T/b.db" "SELECT text FROM entry WHERE kind = 'event'" | sort >"$T/in_copy"
missing=$(sort "$T/acked.before" | comm -23 - "$T/in_copy" | head -3)
assert_eq "$missing" "" "entries acknowledged before the backup, missing from it"
n_before=$(wc -l <"$T/acked.before")
n_copy=$(wc -l <"$T/in_copy")
n_all=$(wc -l <"$T/acked")
[ "$n_all" -gt "$n_copy" ] || fail "no entry was logged after the backup ($n_all, $n_copy): the test proves nothing"
[ "$(sqlite3 "$T/b.db" 'SELECT count(*) FROM sample')" -gt 0 ] || fail "no samples in the copy"
[ ! -e "$T/b.db.tmp" ] || fail "b.db.tmp left behind"
[ ! -e "$T/b.db-wal" ] || fail "the copy has a -wal beside it"
dbmode=$(stat -c %a "$WARROOM_DB")
want=$(printf '%o' $(( (0$dbmode & 0640) | 0600 )))
assert_eq "$(stat -c %a "$T/b.db")" "$want" "the copy's mode (database $dbmode)"
pass "backup while the agent and a log loop write: sound, all $n_before acknowledged entries in it ($n_copy of $n_all)"

# Refusals: one line, exit 1, nothing written.
sum=$(md5sum <"$T/b.db")
assert_fails "an existing FILE" "$W" backup "$T/b.db"
assert_contains "$(cat "$T/err")" "--force" "the existing-file error"
assert_eq "$(md5sum <"$T/b.db")" "$sum" "the existing copy, after the refusal"
assert_fails "the -wal" "$W" backup "$WARROOM_DB-wal"
assert_fails "the -shm" "$W" backup "$WARROOM_DB-shm"
assert_fails "the database" "$W" backup "$WARROOM_DB" --force
assert_fails "no folder" "$W" backup "$T/nope/b.db"
"$W" backup "$T/b.db" --force || fail "--force"
[ "$(md5sum <"$T/b.db")" != "$sum" ] || fail "--force did not write a new copy"
cp "$T/b.db" "$T/b2.db"
assert_fails "restore while the agent holds it" "$W" restore "$T/b2.db"
assert_contains "$(cat "$T/err")" "process $AGENT" "names the holder"
[ ! -e "$WARROOM_DB.before-restore" ] || fail "a refused restore moved the database"
pass "refusals: existing FILE, the database and its -wal/-shm, a missing folder, restore while held"

kill $AGENT
wait $AGENT 2>/dev/null
"$W" log "after the backup" >/dev/null || fail "log after"
echo "not a database" >"$T/junk"
assert_fails "restore junk" "$W" restore "$T/junk"
cp "$T/b2.db" "$T/newer.db"
sqlite3 "$T/newer.db" "PRAGMA user_version = 999"
assert_fails "restore a newer schema" "$W" restore "$T/newer.db"
assert_contains "$(cat "$T/err")" "newer" "the newer-schema error"
tm_start v 100 30 "$W" view --exit-after 20
tm_wait v "backup incident" 10
assert_fails "restore while a viewer watches" "$W" restore "$T/b2.db"
assert_contains "$(cat "$T/err")" "is open in process" "names the viewer's process"
tm_stop v
_end=$(($(date +%s) + 5))
while pgrep -f "view --exit-after 20" >/dev/null 2>&1 && [ "$(date +%s)" -le "$_end" ]; do sleep 0.05; done
sum_live=$(db_sum)
"$W" restore "$T/b2.db" >"$T/restore.out" 2>"$T/restore.err" || fail "restore: $(cat "$T/restore.err")"
assert_contains "$(cat "$T/restore.out")" "before-restore" "restore says where the old file is"
assert_eq "$(sqlite3 "$WARROOM_DB" 'PRAGMA integrity_check')" ok "integrity after restore"
assert_eq "$(sq "$WARROOM_DB.before-restore" .dump | md5sum)" "$sum_live" "the old database kept whole"
out=$("$W" status) || fail "status after restore"
assert_not_contains "$out" "after the backup" "the restored database"
assert_contains "$out" "backup incident" "the restored database"
"$W" log "after restore" >/dev/null || fail "log after restore"
"$W" status | grep -q "after restore" || fail "the entry logged after restore"
assert_fails "a second restore while before-restore exists" "$W" restore "$T/b2.db"
pass "restore: refuses junk, a newer schema and a watching viewer; round trip keeps the old file, reads and writes after"

# docs/team-host.md section 7: the nightly service runs as written (its
# ExecStart, paths moved here) and both units verify.
. "$(dirname "$0")/../sshd_lib.sh"
doc="$(dirname "$0")/../../docs/team-host.md"
mkdir -p "$T/unit" "$T/backups"
doc_block "$doc" backup-service "s|/usr/local/bin/warroom|$W|g; s|/var/backups/warroom|$T/backups|g; s|/var/lib/warroom/warroom.db|$WARROOM_DB|g" >"$T/unit/warroom-backup.service"
doc_block "$doc" backup-timer "" >"$T/unit/warroom-backup.timer"
grep -q "^OnCalendar=" "$T/unit/warroom-backup.timer" || fail "no timer block in docs/team-host.md"
cmd=$(sed -n 's/^ExecStart=//p' "$T/unit/warroom-backup.service" | sed 's/%%/%/g')
assert_contains "$cmd" "backup --force" "the service's ExecStart"
for i in 1 2; do # the second run replaces the day's copy
	sh -c "$cmd" 2>"$T/svc.err" || fail "the service's command (run $i): $(cat "$T/svc.err")"
done
f="$T/backups/warroom-$(date +%a).db"
assert_eq "$(sqlite3 "$f" 'PRAGMA integrity_check')" ok "the service's copy $f"
assert_eq "$(ls "$T/backups" | wc -l)" 1 "copies after two runs on one day"
if command -v systemd-analyze >/dev/null 2>&1; then
	systemd-analyze verify "$T/unit/warroom-backup.service" "$T/unit/warroom-backup.timer" >"$T/out" 2>&1 ||
	    fail "systemd-analyze: $(cat "$T/out")"
	[ ! -s "$T/out" ] || fail "systemd-analyze warns: $(cat "$T/out")"
	pass "the backup service and timer of docs/team-host.md run and verify"
else
	echo "SKIP backup: no systemd-analyze to check the units"
	pass "the backup service of docs/team-host.md runs"
fi

# A full disk under FILE is trouble that passes: exit 75, one line, no
# FILE and no FILE.tmp left.
mkdir "$T/fs"
if [ "$(id -u)" != 0 ] || ! mount -t tmpfs -o size=64k,mode=0755 tmpfs "$T/fs" 2>"$T/merr"; then
	echo "SKIP backup: cannot mount a small tmpfs here ($(id -un): $(cat "$T/merr")); a full disk untested"
	exit 0
fi
on_exit "umount -l '$T/fs'"
"$W" backup "$T/fs/b.db" >"$T/out" 2>"$T/err"
assert_eq "$?" 75 "backup onto a full disk: exit status"
assert_eq "$(wc -l <"$T/err")" 1 "one line: $(cat "$T/err")"
assert_eq "$(ls -A "$T/fs")" "" "what a failed backup left"
pass "a full disk: exit 75 ($(cat "$T/err")), nothing left"
