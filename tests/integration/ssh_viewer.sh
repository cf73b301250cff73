#!/bin/sh
# ssh_viewer: the team-host recipe (docs/team-host.md) for responders, end to
# end: a real sshd on 127.0.0.1 with `Match Group` + ForceCommand `warroom
# view`, a throwaway viewer account, and `ssh -tt` inside tmux. The viewer
# sees the live screen, its editing keys change nothing, the command given on
# the ssh command line never runs, ^Z and ^C give no shell, a dropped
# connection ends the viewer, forwarding and sftp are refused, and the
# database is byte-for-byte unchanged.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../sshd_lib.sh"

# warroom reads no command from SSH_ORIGINAL_COMMAND (sshd sets it to what
# the client asked for): only argv counts, and ForceCommand fixes argv.
"$W" declare "ssh viewer test" >/dev/null 2>&1 || fail "declare"
out=$(SSH_ORIGINAL_COMMAND="declare pwned" "$W" list 2>&1) || fail "list: $out"
assert_not_contains "$out" "pwned" "SSH_ORIGINAL_COMMAND was obeyed"
assert_contains "$out" "ssh viewer test" "list"
for f in "$(dirname "$0")"/../../core/*/*.c "$(dirname "$0")"/../../tui/*/*.c; do
	! grep -q SSH_ORIGINAL_COMMAND "$f" || fail "$f reads SSH_ORIGINAL_COMMAND"
done
pass "SSH_ORIGINAL_COMMAND is ignored"

sshd_require
rm -f "$WARROOM_DB" "$WARROOM_DB-wal" "$WARROOM_DB-shm"

# Accounts as in docs/team-host.md: a writers' group (owns the database)
# with a commander, a viewers' group with one viewer, and a viewer outside
# it held by a forced command in authorized_keys instead.
WG="wrw-$$" VG="wrview-$$" KG="wrkey-$$" VU="wrv$$" KU="wrk$$" CU="wrc$$"
PWNED="/tmp/pwned-$$"
on_exit "rm -f $PWNED"
sshd_group_add "$WG"
sshd_group_add "$VG"
sshd_group_add "$KG"
sshd_user_add "$CU" "$WG" "$T/home-$CU"
sshd_user_add "$VU" "$VG" "$T/home-$VU" "$SSH_DIR/user_key.pub"

# The binary and the database where the viewer can reach them: every folder
# on the way searchable (x) by others; the database folder made by
# `warroom init --group` (02775), its files 0664.
chmod 755 "$T"
mkdir -p "$T/bin" "$T/var/lib"
chmod 755 "$T/bin" "$T/var" "$T/var/lib"
cp "$W" "$T/bin/warroom"
chmod 755 "$T/bin/warroom"
WR="$T/bin/warroom"
DB="$T/var/lib/warroom/warroom.db"
export WARROOM_DB="$DB"
mkdir -m 755 "$T/var/lib/warroom"
"$WR" init --group "$WG" >"$T/out" 2>&1 || fail "init --group: $(cat "$T/out")"
for f in "$DB" "$DB-wal" "$DB-shm"; do
	assert_eq "$(stat -c '%a %G' "$f")" "664 $WG" "mode of $f"
done
assert_eq "$(stat -c '%a %G' "$T/var/lib/warroom")" "2775 $WG" "mode of the folder"
"$WR" declare "Checkout latency spike" --severity SEV2 >/dev/null 2>&1 || fail "declare"
"$WR" log "first responder paged" >/dev/null || fail "log"
# The commander's account writes from here on: hand it command.
"$WR" join "$CU" >/dev/null && "$WR" handoff "$CU" >/dev/null ||
    fail "handoff to $CU"
# The viewer can read but not write anything of the database.
runuser -u "$VU" -- test -r "$DB" || fail "viewer cannot read the database"
for f in "$DB" "$DB-wal" "$DB-shm" "$T/var/lib/warroom"; do
	! runuser -u "$VU" -- test -w "$f" || fail "viewer may write $f"
done

# The sshd block and the authorized_keys line of the recipe, as written.
doc="$(dirname "$0")/../../docs/team-host.md"
paths="s|/usr/local/bin/warroom|$WR|g; s|/var/lib/warroom/warroom.db|$DB|g"
doc_block "$doc" sshd-match "$paths; s|warroom-viewers|$VG|g" >"$T/match"
grep -q "^Match Group $VG\$" "$T/match" && grep -q "ForceCommand $WR --db $DB view" "$T/match" ||
    fail "no sshd block in docs/team-host.md: $(cat "$T/match")"
doc_block "$doc" authorized-keys "$paths; s|ssh-ed25519 AAAA.*|$(cat "$SSH_DIR/other_key.pub")|" >"$T/ak"
grep -q "^restrict,pty,command=\"$WR --db $DB view\" ssh-ed25519 " "$T/ak" ||
    fail "no authorized_keys line in docs/team-host.md: $(cat "$T/ak")"
sshd_user_add "$KU" "$KG" "$T/home-$KU" "$T/ak"
sshd_start "$VU $KU" <"$T/match"
pass "sshd listens on 127.0.0.1:$SSHD_PORT"
SSH="ssh $(ssh_opts)"

# Only the viewer's key gets in.
if timeout 20 ssh $(ssh_opts | sed "s|user_key|other_key|") -T "$VU@127.0.0.1" true \
    </dev/null >"$T/out" 2>&1; then
	fail "a key not in authorized_keys got in"
fi
assert_contains "$(cat "$T/out")" "Permission denied" "unknown key"

# Without a terminal the forced command still runs (never the client's), and
# the viewer refuses: a one-line error, non-zero exit.
if timeout 20 $SSH -T "$VU@127.0.0.1" "touch $PWNED; $WR --db $DB declare pwned" \
    </dev/null >"$T/out" 2>&1; then
	fail "ssh -T: the viewer did not refuse without a terminal: $(cat "$T/out")"
fi
grep -q '^warroom: ' "$T/out" || fail "ssh -T: no warroom error: $(cat "$T/out")"
[ ! -e "$PWNED" ] || fail "ssh -T: the client's command ran"
grep -q "forced-command (config) '$WR --db $DB view'" "$SSH_DIR/sshd.log" ||
    fail "sshd did not run the forced command: $(tail -5 "$SSH_DIR/sshd.log")"
assert_not_contains "$("$WR" list)" "pwned" "ssh -T changed the database"
pass "ssh -T runs the forced command only"

# Forwarding and file transfer are refused.
if timeout 20 $SSH -N -o ExitOnForwardFailure=yes -R "0:127.0.0.1:$SSHD_PORT" \
    "$VU@127.0.0.1" </dev/null >"$T/out" 2>&1; then
	fail "remote forwarding allowed"
fi
assert_contains "$(cat "$T/out")" "forwarding failed" "remote forwarding"
if timeout 20 $SSH -W "127.0.0.1:$SSHD_PORT" "$VU@127.0.0.1" </dev/null \
    >"$T/out" 2>&1; then
	fail "stdio forwarding (-W) allowed: $(cat "$T/out")"
fi
assert_contains "$(cat "$T/out")" "forwarding failed" "stdio forwarding"
mkdir "$T/fetch"
echo "get $DB $T/fetch/" >"$T/batch"
timeout 20 sftp -F /dev/null -P "$SSHD_PORT" -i "$SSH_DIR/user_key" \
    -o BatchMode=yes -o StrictHostKeyChecking=no \
    -o UserKnownHostsFile=/dev/null -b "$T/batch" "$VU@127.0.0.1" \
    >"$T/out" 2>&1 && fail "sftp worked: $(cat "$T/out")"
[ -z "$(ls "$T/fetch")" ] || fail "sftp fetched a file"
pass "forwarding and sftp refused"

# The authorized_keys alternative holds the same way.
KSSH="ssh $(ssh_opts | sed "s|user_key|other_key|")"
if timeout 20 $KSSH -T "$KU@127.0.0.1" "touch $PWNED" </dev/null >"$T/out" 2>&1; then
	fail "authorized_keys: no refusal without a terminal: $(cat "$T/out")"
fi
grep -q '^warroom: ' "$T/out" || fail "authorized_keys: no warroom error: $(cat "$T/out")"
[ ! -e "$PWNED" ] || fail "authorized_keys: the client's command ran"
if timeout 20 $KSSH -N -o ExitOnForwardFailure=yes -R "0:127.0.0.1:$SSHD_PORT" \
    "$KU@127.0.0.1" </dev/null >"$T/out" 2>&1; then
	fail "authorized_keys: remote forwarding allowed"
fi
pass "authorized_keys restrict,pty,command= runs the forced command only"

# Processes of the viewer, zombies aside (in a container without an init that
# reaps, sshd's finished children can linger as zombies of PID 1).
viewer_procs() { ps -u "$VU" -o pid=,ppid=,stat=,comm= | awk '$3 !~ /^Z/ { print $1, $2, $4 }'; }

sum_bytes() { md5sum "$DB" "$DB-wal" "$DB-shm" | cut -d' ' -f1 | tr '\n' ' '; }

# The client chooses TERM (sshd passes it): a path or junk is refused.
if TERM=../../../../etc/passwd timeout 20 $SSH -tt "$VU@127.0.0.1" </dev/null >"$T/out" 2>&1; then
	fail "a TERM path was accepted: $(cat "$T/out")"
fi
grep -q '^warroom: ' "$T/out" || fail "hostile TERM: no warroom error: $(cat "$T/out")"
pass "a hostile TERM is refused"

# The live screen, over ssh -tt, with a hostile command on the command line.
tm_start v 120 35 "$SSH -tt $VU@127.0.0.1 'rm -rf / ; touch $PWNED'; echo \"[ssh ended \$?]\""
tm_wait v "READ-ONLY" 20
tm_wait v "Checkout latency spike"
tm_wait v "first responder paged"
runuser -u "$CU" -- "$WR" log "added while watched over ssh" >/dev/null ||
    fail "log as the commander"
tm_wait v "added while watched over ssh" 10
pass "the viewer sees the live screen"

# Editing keys, a note typed blind, ^Z: nothing may change and the screen
# keeps running (the help toggle shows the keys were read in order).
dsum=$(db_sum)
bsum=$(sum_bytes)
for k in 1 P 2 c D 4 n; do
	tm_keys v "$k"
done
tm_keys v -l "pwned note"
tm_keys v Enter C-z
tm_keys v "?"
tm_wait v "show or hide this help"
tm_keys v "?"
tm_wait_gone v "show or hide this help"
tm_wait v "READ-ONLY"
assert_not_contains "$(tm_screen v)" "[ssh ended" "the session ended on ^Z"
# What runs as the viewer: sshd's session, warroom, and the login shell
# that sshd runs the forced command with (warroom's parent); no pager,
# editor or shell started by the viewer or by ^Z.
viewer_procs >"$T/procs"
echo "processes of the viewer:"
cat "$T/procs"
wpid=$(awk '$3 == "warroom" { print $1 }' "$T/procs")
[ "$(echo "$wpid" | wc -w)" -eq 1 ] || fail "not one warroom process: $(cat "$T/procs")"
while read -r pid ppid comm; do
	case "$comm" in
	sshd | warroom) ;;
	sh) [ "$(awk -v p="$pid" '$1 == p { print $3 }' "$T/procs")" = sh ] &&
	    [ "$(awk -v w="$wpid" '$1 == w { print $2 }' "$T/procs")" = "$pid" ] ||
	    fail "a shell runs that is not the forced command's: $(cat "$T/procs")" ;;
	*) fail "the viewer runs '$comm': $(cat "$T/procs")" ;;
	esac
done <"$T/procs"
assert_eq "$(sum_bytes)" "$bsum" "database files changed (bytes)"
# Readers with write access to -shm (root here) update read marks in it:
# take the byte digest again after reading as root.
assert_eq "$(db_sum)" "$dsum" "database content changed"
assert_not_contains "$("$WR" status)" "pwned note" "a note was written"
bsum=$(sum_bytes)
pass "editing keys and ^Z change nothing"

# ^C ends the viewer and so the session; no shell prompt follows.
tm_keys v C-c
tm_wait v "[ssh ended" 10
scr=$(tm_screen v)
assert_not_contains "$scr" '$ ' "a shell prompt"
end=$(($(date +%s) + 10))
while [ -n "$(viewer_procs)" ]; do
	[ "$(date +%s)" -le "$end" ] || fail "viewer processes left after ^C: $(viewer_procs)"
	sleep 0.05
done
pass "^C ends the session cleanly"

# The authorized_keys viewer gets the same live screen.
tm_start k 100 30 "$KSSH -tt $KU@127.0.0.1 'touch $PWNED'; echo \"[ssh ended \$?]\""
tm_wait k "READ-ONLY" 20
tm_wait k "added while watched over ssh"
tm_keys k C-c
tm_wait k "[ssh ended" 10
pass "authorized_keys viewer sees the screen"

# A dropped connection (the client killed) ends the viewer on the host.
tm_start v2 100 30 "$SSH -tt $VU@127.0.0.1"
tm_wait v2 "READ-ONLY" 20
viewer_procs | grep -q " warroom$" || fail "no viewer process"
# The pane runs sh -c "env ... ssh ...": ssh is the child of the pane.
client=$(pgrep -P "$(tm_get v2 '#{pane_pid}')" -x ssh)
[ -n "$client" ] || fail "ssh client not found"
kill -9 $client
end=$(($(date +%s) + 10))
while [ -n "$(viewer_procs)" ]; do
	[ "$(date +%s)" -le "$end" ] || fail "viewer left running after hang-up: $(viewer_procs)"
	sleep 0.05
done
pass "hang-up ends the viewer"

[ ! -e "$PWNED" ] || fail "the command given to ssh ran"
assert_eq "$(sum_bytes)" "$bsum" "database files changed (bytes) at the end"
assert_eq "$(db_sum)" "$dsum" "database content changed at the end"
pass "database unchanged; no command injected"
