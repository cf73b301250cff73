# sshd_lib.sh: a throwaway sshd for tests (sourced after lib.sh). It listens
# on 127.0.0.1 on a free port with its own host key and config in $T (no
# change to /etc/ssh), stops by itself (a `timeout` around it, and a kill on
# exit), and throwaway accounts made here are removed on exit, even on
# failure. Needs root (to create accounts and run sshd); skips loudly else.
SSHD=${SSHD:-/usr/sbin/sshd}
SSHD_LIFE=${SSHD_LIFE:-180} # seconds the sshd may live at most
SSH_DIR="$T/ssh"
SSHD_PORT=""
SSHD_PID=""

skip() { echo "SKIP $*"; exit 0; }

# Skip (exit 0, loudly) unless throwaway accounts can be made here.
accounts_require() {
	[ "$(id -u)" = 0 ] || skip "$(basename "$0"): needs root to create accounts"
	for c in useradd userdel groupadd groupdel runuser; do
		command -v "$c" >/dev/null 2>&1 || skip "$(basename "$0"): no $c"
	done
}

# Skip (exit 0, loudly) unless sshd can really run here.
sshd_require() {
	accounts_require
	[ -x "$SSHD" ] || skip "$(basename "$0"): no $SSHD (apt-get install openssh-server)"
	for c in ssh ssh-keygen python3 timeout; do
		command -v "$c" >/dev/null 2>&1 || skip "$(basename "$0"): no $c"
	done
	getent passwd sshd >/dev/null || skip "$(basename "$0"): no 'sshd' privilege-separation user"
	mkdir -p "$SSH_DIR"
	chmod 700 "$SSH_DIR"
	ssh-keygen -q -t ed25519 -N '' -C wr-test-host -f "$SSH_DIR/host_key" ||
	    fail "ssh-keygen (host key)"
	ssh-keygen -q -t ed25519 -N '' -C wr-test-user -f "$SSH_DIR/user_key" ||
	    fail "ssh-keygen (user key)"
	ssh-keygen -q -t ed25519 -N '' -C wr-test-other -f "$SSH_DIR/other_key" ||
	    fail "ssh-keygen (other key)"
	# sshd refuses to start without its privilege-separation folder (the
	# Debian service makes it at start). Make it when missing, and leave it:
	# another test's sshd may be using it.
	[ -d /run/sshd ] || mkdir -m 755 /run/sshd ||
	    skip "$(basename "$0"): cannot create /run/sshd"
}

# A port nobody listens on now (the kernel picks it).
free_port() {
	python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

# Create group NAME (removed on exit).
sshd_group_add() { # name
	groupadd "$1" || skip "$(basename "$0"): cannot create group $1 (groupadd)"
	on_exit "groupdel $1"
}

# Create a throwaway account with primary group GROUP, login shell /bin/sh
# (sshd runs a ForceCommand through it), no password (not locked: with
# UsePAM no, sshd refuses a locked '!' account), and HOME owned by root so
# the account cannot plant dotfiles or keys. Removed on exit, after its
# processes (found by its uid) are ended.
sshd_user_add() { # name group home [authorized_keys-file]
	mkdir -p "$3/.ssh"
	[ -z "${4:-}" ] || cp "$4" "$3/.ssh/authorized_keys"
	chown -R root:root "$3"
	chmod 755 "$3" "$3/.ssh"
	[ -z "${4:-}" ] || chmod 644 "$3/.ssh/authorized_keys"
	useradd -M -N -d "$3" -s /bin/sh -g "$2" -p '*' "$1" ||
	    skip "$(basename "$0"): cannot create user $1 (useradd)"
	on_exit "userdel $1 || userdel -f $1"
	on_exit "sshd_kill_user $1"
}

# End the processes of a throwaway test account, by pid.
sshd_kill_user() { # name
	_pids=$(pgrep -u "$1" 2>/dev/null)
	[ -z "$_pids" ] && return 0
	kill $_pids 2>/dev/null
	sleep 0.2
	_pids=$(pgrep -u "$1" 2>/dev/null)
	[ -z "$_pids" ] || kill -9 $_pids 2>/dev/null
	return 0
}

# The fenced block after "<!-- test:NAME -->" in a Markdown file, with the
# recipe's paths and names replaced: the tests run what the docs say.
doc_block() { # file name sed-script
	awk -v m="<!-- test:$2 -->" '
		$0 == m { want = 1; next }
		want && /^```/ { if (inside) exit; inside = 1; next }
		inside { print }' "$1" | sed "$3"
}

# Start sshd with the common hardened settings plus the text on stdin
# (Match blocks), on a free port; waits until it listens. Sets SSHD_PORT.
sshd_start() { # allowed-users
	_tail=$(cat)
	_try=0
	while [ $_try -lt 5 ]; do
		_try=$((_try + 1))
		SSHD_PORT=$(free_port) || fail "no free port"
		cat >"$SSH_DIR/sshd_config" <<EOF
# A throwaway sshd for warroom tests.
Port $SSHD_PORT
ListenAddress 127.0.0.1
HostKey $SSH_DIR/host_key
PidFile $SSH_DIR/sshd.pid
UsePAM no
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin no
AllowUsers $1
AuthorizedKeysFile .ssh/authorized_keys
StrictModes yes
PermitUserEnvironment no
PermitUserRC no
LogLevel VERBOSE
$_tail
EOF
		"$SSHD" -t -f "$SSH_DIR/sshd_config" 2>"$SSH_DIR/check.log" ||
		    fail "sshd rejects the test config: $(cat "$SSH_DIR/check.log")"
		: >"$SSH_DIR/sshd.log"
		timeout "$SSHD_LIFE" "$SSHD" -D -f "$SSH_DIR/sshd_config" \
		    -E "$SSH_DIR/sshd.log" &
		SSHD_PID=$!
		_end=$(($(date +%s) + 10))
		while [ "$(date +%s)" -le "$_end" ]; do
			if grep -q "Server listening on 127.0.0.1 port $SSHD_PORT" \
			    "$SSH_DIR/sshd.log" 2>/dev/null; then
				on_exit "sshd_stop"
				return 0
			fi
			kill -0 "$SSHD_PID" 2>/dev/null || break
			sleep 0.05
		done
		kill "$SSHD_PID" 2>/dev/null
		wait "$SSHD_PID" 2>/dev/null
		# Someone took the port in between: try another.
		grep -q "Address already in use" "$SSH_DIR/sshd.log" && continue
		echo "--- sshd log:" >&2
		cat "$SSH_DIR/sshd.log" >&2
		skip "$(basename "$0"): sshd cannot run here"
	done
	fail "sshd: no free port after 5 tries"
}

# Stop sshd: its per-connection children first (they outlive the listener),
# then the listener (timeout passes the signal on).
sshd_stop() {
	_l=$(cat "$SSH_DIR/sshd.pid" 2>/dev/null)
	if [ -n "$_l" ]; then
		_c=$(pgrep -P "$_l" 2>/dev/null)
		[ -z "$_c" ] || kill $_c 2>/dev/null
	fi
	[ -z "$SSHD_PID" ] || kill "$SSHD_PID" 2>/dev/null
	return 0
}

# The ssh client with only the options given here (-F /dev/null: no user or
# system config), the test user key, no host key checks.
ssh_opts() {
	echo "-F /dev/null -p $SSHD_PORT -i $SSH_DIR/user_key -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o ConnectTimeout=10"
}
