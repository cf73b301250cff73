#!/bin/sh
# wal_deleted_screen.sh: -wal/-shm deleted under the screens.
# 1. A commander's `warroom tui` holds the file; -wal, -shm, then both are
#    deleted and commands write: every write exits 0, shows on the screen
#    (the screen saved its files and reopened) and integrity_check is ok.
# 2. A `warroom view` whose files someone else (the sqlite3 shell) removed
#    and recreated reopens and shows the next write within a few seconds.
# 3. A viewer that cannot be live (another program still holds deleted
#    files) says "NOT LIVE" on screen; once that program exits, the mark
#    goes and new writes show again.
. "$(dirname "$0")/../lib.sh"

"$W" declare "wal screen incident" >/dev/null 2>&1 || fail "declare"
"$W" log "written before" >/dev/null || fail "log before"
tm_start c 110 30 "$W tui --role commander"
tm_wait c "written before"
for files in "wal" "shm" "wal shm"; do
	tag=$(echo "$files" | tr ' ' '+')
	for f in $files; do rm "$WARROOM_DB-$f" || fail "rm -$f"; done
	for i in 1 2; do
		"$W" log "tui $tag $i" >/dev/null 2>"$T/err" ||
		    fail "-$tag deleted under the tui: write $i: $(cat "$T/err")"
	done
	tm_wait c "tui $tag 2" 5
	assert_eq "$(sqlite3 "$WARROOM_DB" 'PRAGMA integrity_check')" ok "integrity after -$tag"
	pass "-$tag deleted under the commander's screen: writes kept and shown"
done
tm_keys c q
tm_wait_gone c "wal screen incident" 5
for t in "written before" "tui wal 1" "tui wal 2" "tui shm 1" "tui shm 2" "tui wal+shm 1" "tui wal+shm 2"; do
	assert_eq "$(sqlite3 "$WARROOM_DB" "SELECT count(*) FROM entry WHERE text = '$t'")" 1 "'$t' readable"
done
keep_wal

# 2. Removed and recreated by someone else under a viewer.
tm_start v 110 30 "$W view"
tm_wait v "tui wal+shm 2"
for round in 1 2; do
	rm "$WARROOM_DB-wal" "$WARROOM_DB-shm"
	# The shell waits for a lock as a person would retry: the viewer may be
	# reopening its own files at that moment (seen under load in CI).
	sq -cmd ".timeout 5000" "$WARROOM_DB" "SELECT count(*) FROM entry" \
	    >/dev/null || fail "sqlite3 shell"
	[ -f "$WARROOM_DB-wal" ] && [ -f "$WARROOM_DB-shm" ] || fail "the shell did not recreate them"
	"$W" log "viewer round $round" >/dev/null 2>"$T/err" || fail "log under the viewer: $(cat "$T/err")"
	tm_wait v "viewer round $round" 5
	assert_not_contains "$(tm_screen v)" "NOT LIVE" "viewer round $round"
	pass "viewer noticed files recreated under it (round $round)"
done

# 3. Not live while a foreign program holds deleted files.
python3 - "$WARROOM_DB" "$T" <<'PY' &
import os, sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("SELECT count(*) FROM entry").fetchall()
open(sys.argv[2] + "/ready", "w").close()
while not os.path.exists(sys.argv[2] + "/stop"):
    time.sleep(0.05)
c.close()
PY
hp=$!
on_exit "kill $hp"
while [ ! -f "$T/ready" ]; do sleep 0.05; done
rm "$WARROOM_DB-wal" "$WARROOM_DB-shm"
tm_wait v "NOT LIVE" 5
# A viewer started now asks after its first frame (store_settle), and
# must say it too.
tm_start v2 110 30 "$W view"
tm_wait v2 "NOT LIVE" 5
tm_stop v2
touch "$T/stop"
wait $hp
tm_wait_gone v "NOT LIVE" 5
"$W" log "live again" >/dev/null 2>"$T/err" || fail "log after the holder left: $(cat "$T/err")"
tm_wait v "live again" 5
assert_eq "$(sqlite3 "$WARROOM_DB" 'PRAGMA integrity_check')" ok "integrity at the end"
pass "viewer said NOT LIVE while another program held deleted files, and came back"

# 4. A viewer that may not recreate the files (another account, as over
#    SSH) and no writer holding them: it keeps showing what it had, says
#    NOT LIVE; the next command that writes makes new files (waiting for
#    the viewer first) and the viewer reopens and shows it.
if ! command -v setpriv >/dev/null 2>&1 || ! id nobody >/dev/null 2>&1; then
	[ "${CI:-}" != true ] || fail "setpriv and user nobody are needed"
	echo "SKIP: viewer as another account (no setpriv or nobody)"
	exit 0
fi
tm_stop v
chmod 755 "$T"
chmod 644 "$WARROOM_DB" "$WARROOM_DB-wal" "$WARROOM_DB-shm"
tm_start n 110 30 setpriv --reuid=nobody --regid=nogroup --clear-groups \
    env HOME=/nonexistent WARROOM_DB="$WARROOM_DB" "$W" view
tm_wait n "live again"
rm "$WARROOM_DB-wal" "$WARROOM_DB-shm"
tm_wait n "NOT LIVE" 5
assert_contains "$(tm_screen n)" "live again" "the viewer still shows what it had"
"$W" log "made new files" >/dev/null 2>"$T/err" || fail "log beside a stuck viewer: $(cat "$T/err")"
tm_wait n "made new files" 5
tm_wait_gone n "NOT LIVE" 5
assert_eq "$(sqlite3 "$WARROOM_DB" 'PRAGMA integrity_check')" ok "integrity after the stuck viewer"
pass "a viewer that may not recreate the files said NOT LIVE, kept its data, and came back"
