#!/bin/sh
# tui_theme: every shipped theme loads; a bad theme gets file:line; an
# unknown one a clear error; NO_COLOR and TERM=vt100 draw without colour.
. "$(dirname "$0")/../lib.sh"

cd "$(dirname "$0")/../.." || fail "cd"
"$W" declare "theme test" >/dev/null 2>&1 || fail "declare"

for f in themes/*.theme; do
	th=$(basename "$f" .theme)
	tm_start "t$th" 80 24 "sh -c '$W tui --theme $th --exit-after 1; echo EXITED \$?'"
	tm_wait "t$th" "EXITED 0"
	pass "theme $th loads"
done

mkdir -p "$XDG_CONFIG_HOME/warroom/themes"
printf '# fine\nset border = fg=red\nset crit = fg=purple,bold\n' \
    >"$XDG_CONFIG_HOME/warroom/themes/bad.theme"
assert_fails "bad colour" "$W" tui --theme bad
assert_contains "$(cat "$T/err")" "bad.theme:3: unknown colour 'purple'" \
    "file and line"
printf 'set nosuch.element = bold\n' >"$XDG_CONFIG_HOME/warroom/themes/bad.theme"
assert_fails "bad element" "$W" tui --theme bad
assert_contains "$(cat "$T/err")" "bad.theme:1: unknown element" "element"
assert_fails "missing theme" "$W" tui --theme nosuch
assert_contains "$(cat "$T/err")" "theme 'nosuch' not found" "missing"
assert_fails "path in name" "$W" tui --theme ../../etc/passwd
pass "bad themes get one-line errors with file:line"

# The user's folder comes first.
printf 'set border = fg=colour123\n' >"$XDG_CONFIG_HOME/warroom/themes/default.theme"
tm_start u 80 24 "$W tui"
tm_wait u "═ Phase "
tm_screen_esc u | grep -q '38;5;123m' ||
    fail "the user's default.theme was not used"
rm "$XDG_CONFIG_HOME/warroom/themes/default.theme"
pass "user theme folder first"

# Config file chooses the theme.
mkdir -p "$XDG_CONFIG_HOME/warroom"
printf '[tui]\ntheme = high-contrast\n' >"$XDG_CONFIG_HOME/warroom/config"
chmod 600 "$XDG_CONFIG_HOME/warroom/config"
tm_start hc 80 24 "$W tui"
tm_wait hc "═ Phase "
tm_screen_esc hc | grep -q '38;5;' &&
    fail "high-contrast should use the 8 basic colours only"
tm_screen_esc hc | grep -q '\[3[0-7]m\|;3[0-7]m\|\[3[0-7];' ||
    fail "high-contrast from the config drew no colours"
rm "$XDG_CONFIG_HOME/warroom/config"
pass "config [tui] theme"

tm_start col 80 24 "$W tui"
tm_wait col "═ Phase "
tm_screen_esc col | grep -q '38;5;' || fail "no 256 colours"
tm_start nc 80 24 "NO_COLOR=1 $W tui"
tm_wait nc "═ Phase "
tm_screen_esc nc | grep -q '38;5;\|\[3[0-7]m\|;3[0-7]m\|\[4[0-7]m\|;4[0-7]m' &&
    fail "NO_COLOR screen has colours"
tm_start vt 80 24 "TERM=vt100 $W tui"
tm_wait vt "Phase"
tm_wait vt "Timeline"
tm_screen_esc vt | grep -q '38;5;\|\[3[0-7]m\|;3[0-7]m' &&
    fail "TERM=vt100 screen has colours"
pass "NO_COLOR and TERM=vt100 are monochrome"
