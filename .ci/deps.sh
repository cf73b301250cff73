#!/bin/sh
# deps.sh: install what warroom needs to build (and, with "test", to test),
# on Debian/Ubuntu as root; elsewhere print the exact command to run.
#   .ci/deps.sh build | test | bench | deb
set -u
what=${1:-build}

pkgs=""
need() { pkgs="$pkgs $1"; }

command -v pkg-config >/dev/null 2>&1 || need pkg-config
pc() { pkg-config --exists "$1" 2>/dev/null; }
pc ncursesw || need libncurses-dev
pc sqlite3 || need libsqlite3-dev
pc libcurl || need libcurl4-openssl-dev
pc libcjson || need libcjson-dev
command -v cc >/dev/null 2>&1 || need gcc
command -v make >/dev/null 2>&1 || need make

if [ "$what" = test ] || [ "$what" = bench ]; then
	pc cmocka || need libcmocka-dev
	command -v tmux >/dev/null 2>&1 || need tmux
	command -v python3 >/dev/null 2>&1 || need python3
	command -v sqlite3 >/dev/null 2>&1 || need sqlite3
	command -v valgrind >/dev/null 2>&1 || need valgrind
	command -v prometheus >/dev/null 2>&1 || need prometheus
	# tests/integration/alertmanager.sh: a real Alertmanager on loopback.
	[ -x /usr/bin/prometheus-alertmanager ] || need prometheus-alertmanager
	command -v sshd >/dev/null 2>&1 || [ -x /usr/sbin/sshd ] || need openssh-server
	command -v ssh >/dev/null 2>&1 || need openssh-client
	command -v clang >/dev/null 2>&1 || need clang
	# tests/integration/unix_habits.sh: `mandoc -T lint docs/warroom.1`.
	command -v mandoc >/dev/null 2>&1 || need mandoc
	ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a \
	    >/dev/null 2>&1 || need libclang-rt-dev
	[ -f /usr/share/locale/locale.alias ] || true
fi
# make deb, and tests/integration/deb.sh (make check-full); the test
# loads the zsh and fish completions with zsh -n and fish -n.
if [ "$what" = test ] || [ "$what" = deb ]; then
	command -v dpkg-buildpackage >/dev/null 2>&1 || need dpkg-dev
	command -v dh >/dev/null 2>&1 || need debhelper
	command -v fakeroot >/dev/null 2>&1 || need fakeroot
	command -v lintian >/dev/null 2>&1 || need lintian
fi
if [ "$what" = test ]; then
	command -v zsh >/dev/null 2>&1 || need zsh
	command -v fish >/dev/null 2>&1 || need fish
fi
if [ "$what" = bench ]; then
	command -v htop >/dev/null 2>&1 || need htop
fi

[ -z "$pkgs" ] && exit 0

cmd="apt-get install -y --no-install-recommends$pkgs"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "warroom: installing$pkgs" >&2
	export DEBIAN_FRONTEND=noninteractive
	# A stale package list is the usual reason an install fails.
	if ! apt-get install -y -qq --no-install-recommends $pkgs >/dev/null 2>&1; then
		apt-get update -qq >/dev/null 2>&1
		apt-get install -y -qq --no-install-recommends $pkgs >&2 || {
			echo "warroom: could not install:$pkgs" >&2
			exit 1
		}
	fi
	exit 0
fi
if command -v apt-get >/dev/null 2>&1; then
	echo "warroom: missing build dependencies; run:  sudo $cmd" >&2
else
	echo "warroom: missing build dependencies:$pkgs (Debian names; install your system's equivalents)" >&2
fi
exit 1
