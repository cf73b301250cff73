#!/bin/sh
# install: `make install` honours PREFIX and DESTDIR and puts both binaries
# (warroom, warroom-agent), themes, checklists, man page, systemd unit and
# the bash, zsh and fish completions in place; `make uninstall` takes them
# away.
. "$(dirname "$0")/../lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
d="$T/dest"
make -s -j2 -C "$top" install O="$T/build" DESTDIR="$d" PREFIX=/opt/wr >"$T/log" 2>&1 || fail "make install: $(tail -5 "$T/log")"
[ -x "$d/opt/wr/bin/warroom" ] || fail "binary not installed"
[ -x "$d/opt/wr/bin/warroom-agent" ] || fail "warroom-agent not installed"
"$d/opt/wr/bin/warroom" --help >/dev/null || fail "installed binary does not run"
# warroom hands config check to the warroom-agent beside it.
out=$("$d/opt/wr/bin/warroom" config check 2>&1) || fail "installed warroom config check: $out"
assert_contains "$out" "no config file" "installed warroom config check"
[ -f "$d/opt/wr/share/man/man1/warroom.1" ] || fail "man page not installed"
if command -v man >/dev/null 2>&1; then
	MANPATH="$d/opt/wr/share/man" man -w warroom >/dev/null 2>&1 || fail "man warroom does not find the page"
fi
u="$d/opt/wr/lib/systemd/system/warroom-agent.service"
[ -f "$u" ] || fail "systemd unit not installed"
grep -q '^ExecStart=/opt/wr/bin/warroom-agent agent$' "$u" || fail "unit ExecStart does not run warroom-agent from PREFIX"
for t in "$top"/themes/*.theme; do
	[ -f "$t" ] || continue
	[ -f "$d/opt/wr/share/warroom/themes/$(basename "$t")" ] || fail "theme $(basename "$t") not installed"
done
for c in "$top"/checklists/*; do
	[ -f "$c" ] || continue
	[ -f "$d/opt/wr/share/warroom/checklists/$(basename "$c")" ] || fail "checklist $(basename "$c") not installed"
done
comp="$d/opt/wr/share/bash-completion/completions/warroom $d/opt/wr/share/zsh/vendor-completions/_warroom $d/opt/wr/share/fish/vendor_completions.d/warroom.fish"
for f in $comp; do
	[ -s "$f" ] || fail "completion $f not installed"
done
grep -q '^complete -F _warroom warroom$' "$d/opt/wr/share/bash-completion/completions/warroom" || fail "bash completion does not register _warroom"
head -1 "$d/opt/wr/share/zsh/vendor-completions/_warroom" | grep -q '^#compdef warroom$' || fail "zsh completion lacks #compdef"
make -s -C "$top" uninstall O="$T/build" DESTDIR="$d" PREFIX=/opt/wr >"$T/log" 2>&1 || fail "make uninstall: $(tail -5 "$T/log")"
for f in warroom warroom-agent; do
	[ ! -e "$d/opt/wr/bin/$f" ] || fail "$f left by make uninstall"
done
for f in $comp; do
	[ ! -e "$f" ] || fail "$f left by make uninstall"
done
pass "install"
