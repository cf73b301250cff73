#!/bin/sh
# tui_asan: the screen and the demo under the ASan/UBSan binary, driven by
# keys and resizes, end by --exit-after with no sanitizer report.
. "$(dirname "$0")/../lib.sh"

A=${WARROOM_ASAN_BIN:-}
if [ -z "$A" ] || [ ! -x "$A" ]; then
	echo "SKIP tui_asan: no ASan binary (make test builds build/asan/warroom)"
	exit 0
fi
export ASAN_OPTIONS="detect_leaks=1:log_path=$T/asan"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$T/ubsan"

"$W" declare "asan 検査" --severity SEV1 >/dev/null 2>&1 || fail "declare"
"$W" join "田中" >/dev/null && "$W" assign "田中" --purpose p --task t \
    >/dev/null || fail "assign"
"$W" log "$(printf 'bad \033[31m text 日本語')" >/dev/null || fail "log"

tm_start_exit a 100 30 "ASAN_OPTIONS=$ASAN_OPTIONS UBSAN_OPTIONS=$UBSAN_OPTIONS" \
    "$A tui --exit-after 4"
tm_wait a "═ Phase " 10
for k in Tab j k BTab '?' x 2 c X y 4 g G n; do
	tm_keys a "$k"
done
tm_keys a -l "メモ note"
tm_keys a Enter
tm_resize a 60 16
tm_resize a 30 8
tm_resize a 200 50
"$W" log "from outside during asan" >/dev/null
tm_wait a "EXITED 0" 15
ls "$T"/asan* "$T"/ubsan* >/dev/null 2>&1 && {
	cat "$T"/asan* "$T"/ubsan* 2>/dev/null | head -40 >&2
	fail "sanitizer report"
}
assert_eq "$(sqlite3 "$WARROOM_DB" "SELECT count(*) FROM entry WHERE text = 'メモ note'")" 1 \
    "the note typed under ASan"
pass "screen under ASan: keys, prompt, resizes, live change; clean exit"

tm_start_exit d 120 40 "ASAN_OPTIONS=$ASAN_OPTIONS UBSAN_OPTIONS=$UBSAN_OPTIONS" \
    "$A demo --db $T/demo.db --exit-after 3 2>$T/demo.err"
tm_wait d "Checkout API" 10
tm_wait d "p99 latency"
tm_wait d "EXITED 0" 15
assert_contains "$(cat "$T/demo.err")" "the demo database is $T/demo.db" \
    "demo says where its database is"
ls "$T"/asan* "$T"/ubsan* >/dev/null 2>&1 && {
	cat "$T"/asan* "$T"/ubsan* 2>/dev/null | head -40 >&2
	fail "sanitizer report in the demo"
}
pgrep -f "$T/demo.db agent" >/dev/null && fail "the demo left its agent running"
pass "demo under ASan; the agent is stopped on exit"
