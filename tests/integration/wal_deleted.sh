#!/bin/sh
# wal_deleted.sh: someone deletes -wal, -shm or both while `warroom agent`
# holds the database open (with a demo series, and with none), then writes
# from the command line. Deleting them under a live connection is a
# documented way to corrupt a SQLite file; before the fix the file was
# "malformed" and every write was lost. Now the agent saves what its
# deleted files hold into the main file and reopens, the commands wait for
# it: every write that exited 0 is readable, integrity_check is ok, and the
# agent goes on collecting into the new files.
. "$(dirname "$0")/../lib.sh"

# variant: NAME FILES SOURCE (demo|none)
variant() {
	name=$1 files=$2 source=$3
	export WARROOM_DB="$T/$name/w.db"
	mkdir -p "$T/$name"
	"$W" declare "wal deleted $name" >/dev/null 2>&1 || fail "$name: declare"
	if [ "$source" = demo ]; then
		"$W" metric add d --demo errors --interval 1 >/dev/null ||
		    fail "$name: metric add"
	fi
	"$W" log "before $name" >/dev/null || fail "$name: log before"
	"$W" agent >"$T/$name/agent.log" 2>&1 &
	apid=$!
	echo "$apid" >>"$T/agents"
	sleep 1.2
	if [ "$source" = demo ]; then
		s0=$(sqlite3 "$WARROOM_DB" "SELECT count(*) FROM sample")
		[ "$s0" -ge 1 ] || fail "$name: the agent collected nothing"
	fi
	for f in $files; do
		rm "$WARROOM_DB-$f" || fail "$name: rm -$f"
	done
	: >"$T/$name/acked"
	i=1
	while [ $i -le 5 ]; do
		if "$W" log "after $name $i" >/dev/null 2>"$T/$name/err"; then
			echo "after $name $i" >>"$T/$name/acked"
		else
			echo "$name: write $i refused: $(cat "$T/$name/err")"
		fi
		i=$((i + 1))
		sleep 0.2
	done
	if [ "$source" = demo ]; then
		sleep 1.2 # one more round into the new files
	fi
	kill $apid
	wait $apid 2>/dev/null
	assert_eq "$(sqlite3 "$WARROOM_DB" 'PRAGMA integrity_check')" ok \
	    "$name: integrity"
	assert_eq "$(wc -l <"$T/$name/acked")" 5 "$name: writes that exited 0"
	while read -r line; do
		n=$(sqlite3 "$WARROOM_DB" "SELECT count(*) FROM entry WHERE text = '$line'")
		assert_eq "$n" 1 "$name: acknowledged write '$line' readable"
	done <"$T/$name/acked"
	assert_eq "$(sqlite3 "$WARROOM_DB" "SELECT count(*) FROM entry WHERE text = 'before $name'")" \
	    1 "$name: the write before the deletion"
	if [ "$source" = demo ]; then
		s1=$(sqlite3 "$WARROOM_DB" "SELECT count(*) FROM sample")
		[ "$s1" -gt "$s0" ] || fail "$name: the agent stopped collecting ($s0 -> $s1)"
	fi
	assert_not_contains "$(cat "$T/$name/agent.log")" "malformed" "$name: agent log"
	"$W" status >/dev/null || fail "$name: status afterwards"
	pass "$name: agent held the files, -$(echo "$files" | tr ' ' '+') deleted, 5 writes kept, integrity ok"
}

# The four variants have a database each: they run at once (each in a
# subshell; the agents they start are stopped at exit whatever happens).
: >"$T/agents"
on_exit 'kill $(cat "$T/agents") 2>/dev/null'
variant both "wal shm" demo & v1=$!
variant wal "wal" demo & v2=$!
variant shm "shm" demo & v3=$!
variant none "wal shm" none & v4=$!
bad=0
for v in $v1 $v2 $v3 $v4; do wait "$v" || bad=$((bad + 1)); done
[ "$bad" -eq 0 ] || fail "$bad of the 4 variants failed (above)"
