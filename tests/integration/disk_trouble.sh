# disk_trouble.sh: the file system filling up, the file system turning
# read-only, the file losing its write permission, a file-size limit, all
# mid-session: each write says so in one line, readers go on, nothing
# already saved is lost, and writes work again once the trouble is gone.
# Needs root and mount (a private mount namespace via unshare when it can);
# what cannot be set up here is skipped with a SKIP line.
if [ -z "${WR_IN_NS:-}" ] && [ "$(id -u)" = 0 ] &&
    unshare -m --propagation private true 2>/dev/null; then
	WR_IN_NS=1 exec unshare -m --propagation private sh "$0" "$@"
fi
. "$(dirname "$0")/../lib.sh"
R=$(dirname "$0")/../reliab

big=$(python3 -c 'print("y" * 60000)')
# A write that must fail with one line naming the trouble, changing nothing.
write_fails() { # what, pattern, command...
	what=$1 pat=$2
	shift 2
	assert_fails "$what" "$@"
	grep -qiE "$pat" "$T/err" || fail "$what: message does not say why: $(cat "$T/err")"
}
ack() { # text: log it, keep the acknowledgement
	id=$("$W" log "$1") || fail "log '$1' failed: $(cat "$T/err" 2>/dev/null)"
	printf '%s\t%s\n' "$id" "$1" >>"$T/acks"
}
: >"$T/acks"

# --- a file-size limit (RLIMIT_FSIZE): no root needed --------------------
export WARROOM_DB="$T/limit.db"
"$W" init >/dev/null 2>&1 && "$W" declare "limits" >/dev/null || fail "declare"
ack "before the limit"
ok=0 bad=0
for i in 1 2 3 4 5 6 7 8 9 10; do
	if (ulimit -f 1000 && "$W" log "$big" >"$T/out" 2>"$T/err"); then
		ok=$((ok + 1))
		printf '%s\t%s\n' "$(cat "$T/out")" "$big" >>"$T/acks"
	else
		bad=$((bad + 1))
		[ "$(wc -l <"$T/err")" -eq 1 ] && grep -q '^warroom: ' "$T/err" ||
		    fail "file-size limit: no one-line error (killed by SIGXFSZ?): $(cat "$T/err")"
	fi
done
[ "$bad" -gt 0 ] || fail "file-size limit never reached"
"$W" status --json >/dev/null || fail "status under the limit"
out=$(python3 "$R/verify.py" "$WARROOM_DB" "$T/acks") || fail "file-size limit: $out"
ack "after the limit"
pass "file-size limit: $ok writes, then $bad one-line errors ($(cat "$T/err")); $out"

# --- a full file system (tmpfs) ------------------------------------------
mkdir "$T/fs"
if [ "$(id -u)" != 0 ] || ! mount -t tmpfs -o size=2m,mode=0755 tmpfs "$T/fs" 2>"$T/merr"; then
	echo "SKIP disk_trouble: cannot mount a small tmpfs here ($(id -un): $(cat "$T/merr")); full and read-only file systems untested"
	exit 0
fi
on_exit "umount -l '$T/fs'"
export WARROOM_DB="$T/fs/w.db"
: >"$T/acks"
"$W" init >/dev/null 2>&1 && "$W" declare "disk trouble" >/dev/null || fail "declare"
"$W" join "alice" || fail "join"
for i in 1 2 3 4 5 6 7 8 9 10; do ack "saved $i"; done
dd if=/dev/zero of="$T/fs/fill" bs=4k >/dev/null 2>&1 # until ENOSPC
n=0
while [ "$n" -lt 40 ]; do
	n=$((n + 1))
	if "$W" log "$big" >"$T/out" 2>"$T/err"; then
		printf '%s\t%s\n' "$(cat "$T/out")" "$big" >>"$T/acks"
	else
		break
	fi
done
[ -s "$T/err" ] || fail "the full file system never refused a write"
before=$(sqlite3 "file:$WARROOM_DB?mode=ro" "SELECT count(*) FROM entry")
write_fails "log on a full disk" "full" "$W" log "$big"
"$W" log "$big" 2>/dev/null
rc=$?
[ "$rc" -eq 75 ] || fail "log on a full disk: exit $rc, not 75 (temporary)"
write_fails "join on a full disk" "full" "$W" join "bob"
echo "full disk: $(cat "$T/err")"
"$W" status >"$T/status" || fail "status on a full disk"
grep -q "saved 10" "$T/status" || fail "status on a full disk misses saved entries"
"$W" status --json >/dev/null || fail "status --json on a full disk"
assert_eq "$(sqlite3 "file:$WARROOM_DB?mode=ro" "SELECT count(*) FROM entry")" "$before" "entries after refused writes"
out=$(python3 "$R/verify.py" "$WARROOM_DB" "$T/acks") || fail "full disk: $out"
rm -f "$T/fs/fill"
ack "space again"
out=$(python3 "$R/verify.py" "$WARROOM_DB" "$T/acks") || fail "after freeing space: $out"
pass "full file system: one-line error, readers fine, $out"

# --- the file system turning read-only -----------------------------------
"$W" log "last before read-only" >/dev/null || fail "log"
if mount -o remount,ro "$T/fs" 2>"$T/merr"; then
	write_fails "log on a read-only file system" "read-only" "$W" log "nope"
	echo "read-only: $(cat "$T/err")"
	"$W" status >"$T/status" || fail "status on a read-only file system"
	grep -q "last before read-only" "$T/status" || fail "status on read-only misses entries"
	"$W" list >/dev/null || fail "list on a read-only file system"
	mount -o remount,rw "$T/fs" || fail "remount rw"
	ack "writable again"
	pass "read-only file system: one-line error, readers fine"
else
	echo "SKIP disk_trouble read-only: remount failed: $(cat "$T/merr")"
fi

# --- the file losing its write permission (a user who is not root) -------
if command -v setpriv >/dev/null 2>&1 && id nobody >/dev/null 2>&1; then
	chmod 0711 "$T"
	mkdir -m 0777 "$T/fs/shared"
	as_nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups \
	    env HOME="$T/fs/shared" WARROOM_DB="$T/fs/shared/n.db" "$@"; }
	as_nobody "$W" init >/dev/null 2>&1 || fail "init as nobody"
	as_nobody "$W" declare "perm" >/dev/null || fail "declare as nobody"
	as_nobody "$W" log "kept" >/dev/null || fail "log as nobody"
	chmod 0444 "$T/fs/shared/n.db"
	write_fails "log without write permission" "permission" as_nobody "$W" log "nope"
	echo "no permission: $(cat "$T/err")"
	as_nobody "$W" status | grep -q "kept" || fail "status without write permission"
	chmod 0644 "$T/fs/shared/n.db"
	as_nobody "$W" log "allowed again" >/dev/null || fail "log after chmod back"
	pass "file not writable: one-line error, readers fine"
else
	echo "SKIP disk_trouble permission: no setpriv or no user nobody"
fi
out=$(python3 "$R/verify.py" "$WARROOM_DB" "$T/acks") || fail "at the end: $out"
pass "at the end: $out"
