#!/bin/sh
# deb: `make deb` builds a .deb (dpkg-buildpackage on a copy of the tree)
# holding both binaries, the man page, themes, checklists, the three
# completions and the agent's systemd unit (not enabled); lintian finds no
# error or warning; the package unpacked into a scratch root runs.
#
# Unpacked with dpkg -x, not installed with dpkg --root: the package's
# maintainer scripts (dh_installsystemd's) would run chrooted into the
# scratch root, which has no shell, or, with --force-script-chrootless,
# run deb-systemd-helper against this machine's systemd state. dpkg -x
# puts the same files in place; the binaries then run from the scratch
# root with this machine's libraries (the ones the package Depends on).
. "$(dirname "$0")/../lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
for c in dpkg-buildpackage dh lintian; do
	command -v $c >/dev/null 2>&1 || fail "$c is not installed (make test-deps installs it)"
done
make -s -C "$top" deb O="$T/build" >"$T/log" 2>&1 || fail "make deb: $(tail -20 "$T/log")"
deb=$(ls "$T"/build/deb/warroom_*_*.deb 2>/dev/null | head -1)
[ -f "$deb" ] || fail "no .deb in $T/build/deb: $(ls "$T/build/deb")"
dpkg -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' >"$T/files"
want="/usr/bin/warroom /usr/bin/warroom-agent /usr/share/man/man1/warroom.1.gz
/lib/systemd/system/warroom-agent.service
/usr/share/bash-completion/completions/warroom
/usr/share/zsh/vendor-completions/_warroom
/usr/share/fish/vendor_completions.d/warroom.fish
/usr/share/doc/warroom/copyright"
for t in "$top"/themes/*.theme; do want="$want /usr/share/warroom/themes/$(basename "$t")"; done
for c in "$top"/checklists/*; do want="$want /usr/share/warroom/checklists/$(basename "$c")"; done
for f in $want; do
	grep -qx "$f" "$T/files" || fail "dpkg -c does not list $f"
done
info=$(dpkg -I "$deb")
assert_contains "$info" "libsqlite3-0" "Depends (from shlibs)"
assert_contains "$info" "libncursesw6" "Depends (from shlibs)"
# The unit is installed, not enabled or started.
dpkg -e "$deb" "$T/ctl" || fail "dpkg -e"
if grep -qE 'deb-systemd-invoke (start|restart)|systemctl.* (start|enable)' "$T"/ctl/*inst 2>/dev/null; then
	fail "maintainer scripts start or enable the agent: $(cat "$T"/ctl/*inst)"
fi
# lintian: errors and warnings fail, the rest is shown.
lintian --display-info --pedantic "$deb" >"$T/lintian" 2>&1
sed -n '/^[EWIP]: /p' "$T/lintian" | sed 's/^/lintian: /'
if grep -qE '^[EW]: ' "$T/lintian"; then
	fail "lintian: $(grep -E '^[EW]: ' "$T/lintian")"
fi
r="$T/root"
dpkg -x "$deb" "$r" || fail "dpkg -x"
out=$("$r/usr/bin/warroom" --version 2>&1) || fail "warroom --version from the scratch root: $out"
assert_eq "$out" "warroom $(dpkg-deb -f "$deb" Version)" "warroom --version from the scratch root against the package version"
# warroom hands config check to the warroom-agent beside it.
out=$("$r/usr/bin/warroom" config check 2>&1)
assert_contains "$out" "no config file" "installed warroom config check"
"$r/usr/bin/warroom" --as ic declare "db down" >/dev/null 2>&1 || fail "installed warroom declare"
"$r/usr/bin/warroom" --as ic join 田中太郎 >/dev/null || fail "installed warroom join"
out=$(PATH="$r/usr/bin:$PATH" bash -c '. "$1"; COMP_WORDS=(warroom assign ""); COMP_CWORD=2; _warroom; echo "${COMPREPLY[*]}"' sh "$r/usr/share/bash-completion/completions/warroom" 2>&1)
assert_contains "$out" "田中太郎" "installed bash completion"
grep -q '^ExecStart=/usr/bin/warroom-agent agent$' "$r/lib/systemd/system/warroom-agent.service" || fail "unit ExecStart"
pass "deb"
