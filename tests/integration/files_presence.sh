#!/bin/sh
# files_presence: the presence folder is writable by everyone (1777), so
# anyone can leave junk there. A real watcher stays listed behind tens of
# thousands of junk files, behind a flood of fake marks (only one user's
# few count, and a mark must belong to a process of its owner), behind huge
# files and non-regular entries (never followed, never blocking), and the
# folder owner's `warroom init` sweeps the junk away, keeping live marks
# and touching nothing a link points to.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../sshd_lib.sh"

if [ "$(id -u)" != 0 ] && [ "${CI:-}" = true ]; then
	fail "files_presence needs root in CI (throwaway accounts)"
fi
accounts_require
command -v tmux >/dev/null 2>&1 || fail "files_presence: no tmux"
G="wrpg-$$" VU="wrpv$$" JU="wrpj$$"
sshd_group_add "$G"
sshd_user_add "$VU" "$G" "$T/home-$VU"
sshd_user_add "$JU" "$G" "$T/home-$JU"
as() { _u=$1; shift; runuser -u "$_u" -- "$@"; }
JUID=$(id -u "$JU")
VUID=$(id -u "$VU")

chmod 755 "$T"
mkdir -m 755 "$T/db" "$T/outside"
export WARROOM_DB="$T/db/w.db"
P="$WARROOM_DB.presence"
echo "root secret" >"$T/outside/secret"
chmod 600 "$T/outside/secret"
"$W" init >/dev/null 2>&1 || fail "init"
"$W" declare "Presence junk" >/dev/null 2>&1 || fail "declare"
# The junk maker may write the database (a writer), so its own init runs.
chgrp "$G" "$WARROOM_DB" "$WARROOM_DB-wal" "$WARROOM_DB-shm"
chmod 664 "$WARROOM_DB" "$WARROOM_DB-wal" "$WARROOM_DB-shm"

tm_start v 100 30 runuser -u "$VU" -- "$W" view
tm_wait v "Presence junk"
watching() { "$W" status | grep 'watching (' || true; }
[ -n "$(ls "$P" | grep "^w\.$VUID\.")" ] || fail "the viewer left no mark"
assert_contains "$(watching)" "$VU" "the viewer before any junk"

# 1. Tens of thousands of junk names (the scan used to stop at 1024).
as "$JU" python3 -c '
import os, sys
p = sys.argv[1]
for i in range(5000):
    os.close(os.open("%s/junk.%05d" % (p, i), os.O_CREAT | os.O_WRONLY, 0o644))
for i in range(1000):
    os.close(os.open("%s/w.%s.%d" % (p, sys.argv[2], 4000000 + i), os.O_CREAT | os.O_WRONLY, 0o644))
' "$P" "$JUID" || fail "making junk"
start=$(now_ms)
assert_contains "$(watching)" "$VU" "the viewer behind 6000 junk files"
[ $(($(now_ms) - start)) -lt 3000 ] || fail "status took $(($(now_ms) - start)) ms over the junk"
pass "6000 junk entries do not hide the watcher"

# 2. Fake marks: many of one user's own processes, each claiming a name;
# a mark with root's pid 1; a mark named for the viewer's uid.
pids=""
for i in $(seq 1 20); do
	as "$JU" sleep 60 &
	pids="$pids $!"
done
sleep 0.3
i=0
for p in $(pgrep -u "$JU" sleep); do
	i=$((i + 1))
	as "$JU" sh -c "echo fake$i >'$P/w.$JUID.$p'"
done
[ "$i" -ge 20 ] || fail "only $i sleeping processes of $JU"
as "$JU" sh -c "echo impostor >'$P/w.$JUID.1'"
as "$JU" sh -c "echo mimic >'$P/w.$VUID.$(pgrep -u "$JU" sleep | head -1)'"
out=$(watching)
assert_contains "$out" "$VU" "the viewer behind 20 fake marks"
assert_not_contains "$out" "impostor" "a mark with someone else's process"
assert_not_contains "$out" "mimic" "a mark named for another uid"
n=$(printf '%s' "$out" | grep -o 'fake[0-9]*' | wc -l)
[ "$n" -le 8 ] || fail "one user got $n places: $out"
[ "$n" -ge 1 ] || fail "no fake mark counted at all (live ones count): $out"
pass "one user's many marks take at most 8 places; others' processes do not count"

# 3. Huge and non-regular entries under mark names: never listed, never
# followed, never blocking.
set -- $(pgrep -u "$JU" sleep)
as "$JU" python3 -c '
import sys
with open(sys.argv[1], "w") as f:
    f.write("huge\n" + "x" * (8 << 20))
' "$P/w.$JUID.$1" || fail "huge mark"
as "$JU" sh -c "rm -f '$P/w.$JUID.$2' && mkfifo '$P/w.$JUID.$2'"
as "$JU" sh -c "rm -f '$P/w.$JUID.$3' && ln -s '$T/outside/secret' '$P/w.$JUID.$3'"
as "$JU" sh -c "rm -f '$P/w.$JUID.$4' && mkdir '$P/w.$JUID.$4' && echo x >'$P/w.$JUID.$4/f'"
as "$JU" sh -c "rm -f '$P/w.$JUID.$5' && mkdir '$P/w.$JUID.$5'"
as "$JU" truncate -s 2G "$P/big.junk"
out=$(timeout 5 "$W" status) || fail "status blocked or failed on junk marks"
assert_contains "$out" "$VU" "the viewer behind huge and odd entries"
assert_not_contains "$out" "huge" "an 8 MB mark"
pass "huge, FIFO, link and folder marks are skipped without blocking"

# 4. The folder owner's init clears the junk and keeps the live marks.
secret=$(stat -c '%U %a %s' "$T/outside/secret"; md5sum <"$T/outside/secret")
"$W" init >"$T/out" 2>&1 || fail "init with junk: $(cat "$T/out")"
assert_contains "$(cat "$T/out")" "entries that were not watchers' marks" "init reports the sweep"
left=$(ls -A "$P")
for gone in junk.00000 junk.04999 "w.$JUID.4000000" "w.$JUID.1" big.junk \
    "w.$JUID.$1" "w.$JUID.$2" "w.$JUID.$3" "w.$JUID.$5"; do
	printf '%s\n' "$left" | grep -qx "$gone" && fail "init left $gone"
done
printf '%s\n' "$left" | grep -q "^w\.$VUID\." || fail "init removed the viewer's mark"
printf '%s\n' "$left" | grep -qx "w.$JUID.$4" || fail "init emptied someone's folder"
[ "$(printf '%s\n' "$left" | wc -l)" -le 24 ] || fail "init left $(printf '%s\n' "$left" | wc -l) entries"
assert_eq "$(stat -c '%U %a %s' "$T/outside/secret"; md5sum <"$T/outside/secret")" "$secret" "a link's target"
assert_contains "$(watching)" "$VU" "the viewer after the sweep"
# Junk makers cannot sweep others' marks: the folder is sticky.
as "$JU" sh -c "echo x >'$P/junk.mine'"
as "$JU" "$W" init >"$T/out" 2>&1 || fail "the junk maker's init: $(cat "$T/out")"
[ ! -e "$P/junk.mine" ] || fail "the junk maker's init kept its own junk"
ls "$P" | grep -q "^w\.$VUID\." || fail "another user's init removed the viewer's mark"
pass "init sweeps junk, keeps live marks and what links point to"
kill $pids 2>/dev/null
