#!/bin/sh
# tui_retro_asan: the Retrospective view under the ASan/UBSan binary: opened
# narrow and wide, an action added and changed by keys, a timeline entry
# turned into an action, a live add from outside, resizes, and a form still
# open when --exit-after ends the screen: no report, no leak.
. "$(dirname "$0")/../lib.sh"
# cmdr declares, and so commands (the commander's screen is theirs).
WARROOM_AS=cmdr && export WARROOM_AS

A=${WARROOM_ASAN_BIN:-}
if [ -z "$A" ] || [ ! -x "$A" ]; then
	echo "SKIP tui_retro_asan: no ASan binary (make test builds build/asan/warroom)"
	exit 0
fi
export ASAN_OPTIONS="detect_leaks=1:log_path=$T/asan"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$T/ubsan"

"$W" declare "asan retro 検査" --severity SEV2 >/dev/null 2>&1 || fail "declare"
"$W" log "$(printf 'alert \033[31m late 遅延\nsecond line')" --at -30m \
    >/dev/null || fail "log"
"$W" phase resolved >/dev/null || fail "resolve"
"$W" action add "既存のアクション" --category root-cause --owner bob \
    >/dev/null || fail "action add"
tm_start_exit a 80 24 "ASAN_OPTIONS=$ASAN_OPTIONS UBSAN_OPTIONS=$UBSAN_OPTIONS" \
    "$A --as cmdr tui --exit-after 8"
tm_wait a "═ Phase " 10
tm_keys a A
tm_wait a "Retrospective #1"
tm_keys a 5 a
tm_keys a -l "復旧を速く"
tm_keys a Tab
tm_keys a -l "田中"
tm_keys a Tab
tm_keys a -l "+7d"
tm_keys a Enter
tm_wait a "action #2 added under Recover faster"
tm_keys a d j k g G h l Tab BTab PPage NPage Up Down o
tm_wait a "═ Owner "
tm_keys a C-u Enter
tm_wait a "action #2 saved"
"$W" action add "外から" --category detect-faster >/dev/null || fail "add 3"
tm_wait a "外から"
tm_keys a 1 e
tm_wait a "Edit action #1"
tm_keys a End
tm_keys a -l " 追記"
tm_keys a Enter
tm_wait a "action #1 saved"
tm_keys a Escape
tm_wait_gone a "Retrospective #1"
tm_keys a 4 g R
tm_wait a "Timeline entry to action"
tm_keys a r
tm_wait a "< Recover faster >"
# Resizes last: on main a key after a resize can leave the loop spinning
# on KEY_RESIZE (branch editor fixes that with resize_term).
tm_resize a 200 50
tm_resize a 30 8
tm_resize a 150 30
# The form is still open when the screen ends.
tm_wait a "EXITED 0" 15
ls "$T"/asan* "$T"/ubsan* >/dev/null 2>&1 && {
	cat "$T"/asan* "$T"/ubsan* 2>/dev/null | head -40 >&2
	fail "sanitizer report"
}
assert_eq "$("$W" action list | grep -c .)" 3 "three actions"
assert_contains "$("$W" action list)" "既存のアクション 追記" "edited under ASan"
pass "the Retrospective view under ASan/UBSan: no report, no leak"
