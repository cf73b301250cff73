#!/bin/sh
# screen_trouble.sh: a commander's screen while writing goes wrong
# (tests/reliab/screen_trouble.py): another program holds the write lock
# and hangs; the file system fills up (a small tmpfs in a private mount
# namespace; skipped with SKIP where it cannot be set up). Keys answer,
# the failed edit says why on the screen, the last state stays, an edit
# works once fixed, nothing saved is lost. Prints how long input waited.
if [ -z "${WR_IN_NS:-}" ] && [ "$(id -u)" = 0 ] &&
    unshare -m --propagation private true 2>/dev/null; then
	WR_IN_NS=1 exec unshare -m --propagation private sh "$0" "$@"
fi
. "$(dirname "$0")/../lib.sh"
R=$(cd "$(dirname "$0")/../reliab" && pwd)

"$W" declare "trouble incident" >/dev/null 2>&1 || fail "declare"
python3 "$R/screen_trouble.py" "$W" lock || fail "screen with a hung lock holder"
pass "hung lock holder: screen answers, the edit reports the lock, works after"

mkdir "$T/fs"
if [ "$(id -u)" != 0 ] || ! mount -t tmpfs -o size=3m,mode=0755 tmpfs "$T/fs" 2>"$T/merr"; then
	echo "SKIP screen_trouble full: cannot mount a small tmpfs ($(cat "$T/merr"))"
	exit 0
fi
on_exit "umount -l '$T/fs'"
export WARROOM_DB="$T/fs/w.db"
"$W" declare "trouble incident" >/dev/null 2>&1 || fail "declare on tmpfs"
FILL=$T/fs/fill python3 "$R/screen_trouble.py" "$W" full || fail "screen on a full file system"
pass "full file system: the edit says so, the screen keeps its state, works after"
