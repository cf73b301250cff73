#!/bin/sh
# lean_link: warroom (the screens and every writer) maps no network code:
# no libcurl and no TLS, HTTP/2, SSH, LDAP or Kerberos library; only
# warroom-agent links libcurl. warroom agent and config check still work,
# run by the warroom-agent beside the binary; without one, a one-line error
# says what to install.
. "$(dirname "$0")/../lib.sh"
command -v ldd >/dev/null 2>&1 || { echo "SKIP lean_link: no ldd"; exit 0; }
net='libcurl|libssl|libcrypto|libgnutls|libnghttp2|libssh|libldap|liblber|libgssapi|libkrb5|libk5crypto|librtmp|libpsl'

lean() { # binary what
	[ -x "$1-agent" ] || fail "$2: no warroom-agent beside $1"
	libs=$(ldd "$1") || fail "$2: ldd: $libs"
	bad=$(printf '%s\n' "$libs" | grep -E "$net") &&
	    fail "$2 maps network code: $bad"
	printf '%s\n' "$libs" | grep -q libcurl && fail "$2 links libcurl"
	ldd "$1-agent" | grep -q 'libcurl' || fail "$2-agent does not link libcurl"
	ldd "$1-agent" | grep -q 'libncurses' && fail "$2-agent links curses"
	# The commands that need the network run through warroom-agent.
	db="$T/$(basename "$(dirname "$1")").db"
	"$1" --db "$db" declare "lean link" >/dev/null 2>&1 || fail "$2: declare"
	"$1" --db "$db" metric add errors --demo errors >/dev/null ||
	    fail "$2: metric add"
	out=$("$1" --db "$db" agent --once 2>&1) || fail "$2 agent --once: $out"
	out=$("$1" --db "$db" metric list 2>&1) || fail "$2 metric list: $out"
	assert_contains "$out" "ok, polled" "$2: the agent's round, run by warroom-agent"
	out=$("$1" config check 2>&1) || fail "$2 config check: $out"
	assert_contains "$out" "no config file" "$2 config check"
	pass "$2 links no network code; agent and config check run warroom-agent"
}
lean "$W" warroom
if [ -x "${WARROOM_ASAN_BIN:-}" ]; then
	ASAN_OPTIONS=detect_leaks=0 lean "$WARROOM_ASAN_BIN" "sanitized warroom"
fi

# Without a warroom-agent beside it or on PATH: one line, exit 1.
mkdir "$T/bin"
cp "$W" "$T/bin/warroom"
if PATH="$T/bin:/usr/bin:/bin" command -v warroom-agent >/dev/null 2>&1; then
	echo "SKIP lean_link: a warroom-agent on PATH; not checking its absence"
else
	out=$(PATH="$T/bin:/usr/bin:/bin" "$T/bin/warroom" agent --once 2>&1)
	assert_eq "$?" 1 "exit status without warroom-agent"
	assert_eq "$(printf '%s\n' "$out" | wc -l)" 1 "lines without warroom-agent"
	assert_contains "$out" "warroom: agent: cannot run warroom-agent" "the error"
	assert_contains "$out" "make install installs both" "what to install"
	out=$(PATH="$T/bin:/usr/bin:/bin" "$T/bin/warroom" declare "still writes" 2>&1) ||
	    fail "a writer without warroom-agent: $out"
	pass "without warroom-agent: one line says what to install; writers work"
fi
