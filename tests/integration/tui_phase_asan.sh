#!/bin/sh
# tui_phase_asan: the Phase pane's flows under the ASan/UBSan binary: a
# choice, the composer (typing, preview, send), the checklist walk, and an
# overlay still open when --exit-after ends the screen: no report, no leak.
. "$(dirname "$0")/../lib.sh"
# cmdr declares, and so commands (the commander's screen is theirs).
WARROOM_AS=cmdr && export WARROOM_AS

A=${WARROOM_ASAN_BIN:-}
if [ -z "$A" ] || [ ! -x "$A" ]; then
	echo "SKIP tui_phase_asan: no ASan binary (make test builds build/asan/warroom)"
	exit 0
fi
export ASAN_OPTIONS="detect_leaks=1:log_path=$T/asan"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$T/ubsan"

"$W" declare "asan phase 検査" --severity SEV2 >/dev/null 2>&1 || fail "declare"
"$W" deploy v9 --rollback-safe no >/dev/null || fail "deploy"
tm_start_exit a 100 30 "ASAN_OPTIONS=$ASAN_OPTIONS UBSAN_OPTIONS=$UBSAN_OPTIONS" \
    "$A --as cmdr tui --exit-after 6"
tm_wait a "═ Phase " 10
tm_keys a 1 p 3
tm_wait a "phase: 【原因特定】 identified"
tm_keys a u
tm_wait a "Heading: 【原因特定】 identified"
tm_keys a -l "長い本文 long body"
tm_keys a Enter Enter BSpace Left Right Up Down Home End C-u Tab C-p
tm_wait a "Status update: preview"
tm_keys a Enter
tm_wait a "update #1 to managers queued"
tm_keys a D
tm_keys a -l "roll back v9"
tm_keys a Enter
tm_keys a -l "理由"
tm_keys a Enter Enter Enter
tm_wait a "═ Checklist "
tm_keys a Enter
tm_wait a "Release v9 is marked NOT rollback-safe"
tm_keys a Enter y Enter n
tm_keys a -l "メモ"
tm_keys a Enter b
tm_resize a 60 16
tm_resize a 200 50
# The walk is still open when the screen ends.
tm_wait a "EXITED 0" 15
ls "$T"/asan* "$T"/ubsan* >/dev/null 2>&1 && {
	cat "$T"/asan* "$T"/ubsan* 2>/dev/null | head -40 >&2
	fail "sanitizer report"
}
assert_eq "$(sqlite3 "$WARROOM_DB" "SELECT count(*) FROM status_update")" 1 \
    "the update sent under ASan"
assert_eq "$(sqlite3 "$WARROOM_DB" "SELECT count(*) FROM decision")" 0 \
    "an unfinished walk records nothing"
pass "Phase flows under ASan: choice, composer, checklist walk; clean exit"
