#!/bin/sh
# wal_deleted_holder.sh: a program that is not warroom (python's sqlite3)
# holds the database open while -wal, -shm or both are deleted; the writes
# it was the last to see live only in the deleted files. It never notices,
# so warroom must not write into fresh files beside it: `warroom log` fails
# after its busy timeout with one line naming the process (or the replaced
# -wal), the write is not in the file; once that program exits (and saves its
# files into the main file, as SQLite does on the last close), writes work
# again, every earlier write is there and integrity_check is ok.
# The three variants run side by side (each waits the 5 s timeout).
. "$(dirname "$0")/../lib.sh"

variant() { # name files
	name=$1 files=$2 d="$T/$1"
	export WARROOM_DB="$d/w.db"
	mkdir -p "$d"
	"$W" declare "holder $name" >/dev/null 2>&1 || { echo "$name: declare" >"$d/fail"; return; }
	python3 - "$WARROOM_DB" "$d" <<'PY' &
import os, sqlite3, sys, time
db, d = sys.argv[1], sys.argv[2]
c = sqlite3.connect(db, isolation_level=None)
c.execute("SELECT count(*) FROM entry").fetchall()
open(d + "/ready", "w").close()
while not os.path.exists(d + "/stop"):
    time.sleep(0.05)
c.close()
PY
	hp=$!
	echo "$hp" >"$d/holder.pid"
	while [ ! -f "$d/ready" ]; do sleep 0.05; done
	# Written while the holder is open: no checkpoint, so these live in
	# the -wal only, the one about to be deleted.
	for i in 1 2 3; do
		"$W" log "kept $name $i" >/dev/null || echo "$name: log $i" >>"$d/fail"
	done
	for f in $files; do rm "$WARROOM_DB-$f"; done
	if "$W" log "refused $name" >"$d/out" 2>"$d/err"; then
		echo "$name: a write beside the holder of deleted files succeeded" >>"$d/fail"
	fi
	touch "$d/stop"
	wait $hp
}

variant both "wal shm" &
v1=$!
variant wal "wal" &
v2=$!
variant shm "shm" &
v3=$!
wait $v1 $v2 $v3

for name in both wal shm; do
	d="$T/$name"
	export WARROOM_DB="$d/w.db"
	[ ! -f "$d/fail" ] || fail "$(cat "$d/fail")"
	[ "$(wc -l <"$d/err")" -eq 1 ] || fail "$name: error is not one line: $(cat "$d/err")"
	grep -q '^warroom: ' "$d/err" || fail "$name: error does not start with 'warroom: '"
	case $name in
	wal) assert_contains "$(cat "$d/err")" "a -wal file that was deleted or replaced" "$name: reason" ;;
	*) assert_contains "$(cat "$d/err")" "process $(cat "$d/holder.pid") still uses -wal/-shm files that were deleted" "$name: names the holder" ;;
	esac
	assert_contains "$(cat "$d/err")" "docs/team-host.md" "$name: says where to read"
	"$W" log "after $name" >/dev/null 2>"$d/err2" || fail "$name: write after the holder left: $(cat "$d/err2")"
	assert_eq "$(sqlite3 "$WARROOM_DB" 'PRAGMA integrity_check')" ok "$name: integrity"
	for t in "kept $name 1" "kept $name 2" "kept $name 3" "after $name"; do
		assert_eq "$(sqlite3 "$WARROOM_DB" "SELECT count(*) FROM entry WHERE text = '$t'")" 1 "$name: '$t' readable"
	done
	assert_eq "$(sqlite3 "$WARROOM_DB" "SELECT count(*) FROM entry WHERE text = 'refused $name'")" 0 "$name: the refused write"
	pass "$name: -$name deleted under a python holder: write refused naming it, nothing lost"
done
