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

tm new-session -d -s a -x 100 -y 30 "env LANG=C.UTF-8 LC_ALL=C.UTF-8 \
    TERM=screen-256color ASAN_OPTIONS=$ASAN_OPTIONS \
    UBSAN_OPTIONS=$UBSAN_OPTIONS sh -c '$A tui --exit-after 4; \
    echo EXITED \$?'; sleep 30"
tm set-option -t a status off >/dev/null
tm_wait a "═ Phase " 10
for k in Tab j k BTab '?' x 2 c X y 4 g G n; do
	tm_keys a "$k"
done
tm_keys a -l "メモ note"
tm_keys a Enter
tm resize-window -t a -x 60 -y 16
tm resize-window -t a -x 30 -y 8
tm resize-window -t a -x 200 -y 50
"$W" log "from outside during asan" >/dev/null
tm_wait a "EXITED 0" 15
ls "$T"/asan* "$T"/ubsan* >/dev/null 2>&1 && {
	cat "$T"/asan* "$T"/ubsan* 2>/dev/null | head -40 >&2
	fail "sanitizer report"
}
assert_eq "$(sqlite3 "$WARROOM_DB" "SELECT count(*) FROM entry WHERE text = 'メモ note'")" 1 \
    "the note typed under ASan"
pass "screen under ASan: keys, prompt, resizes, live change; clean exit"

tm new-session -d -s d -x 120 -y 40 "env LANG=C.UTF-8 LC_ALL=C.UTF-8 \
    TERM=screen-256color ASAN_OPTIONS=$ASAN_OPTIONS \
    UBSAN_OPTIONS=$UBSAN_OPTIONS sh -c '$A demo --db $T/demo.db \
    --exit-after 3 2>$T/demo.err; echo EXITED \$?'; sleep 30"
tm set-option -t d status off >/dev/null
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
