#!/bin/sh
# view_keys.sh: random keys into `warroom view` (tests/reliab/screen_keys.py:
# printable and Ctrl keys, escape sequences, mouse reports, UTF-8 and
# invalid bytes) for KEYFUZZ_SECONDS (default 5; 3 more under ASan): the
# database is unchanged, the viewer started no process, showed no secret,
# and still shows a change made from outside. KEYFUZZ_SEED repeats a run.
. "$(dirname "$0")/../lib.sh"
R=$(cd "$(dirname "$0")/../reliab" && pwd)
export SECRET="T0ps3cretW3bhookPath"
write_config "$XDG_CONFIG_HOME/warroom/config" <<EOC
[slack]
webhook = http://127.0.0.1:9/services/$SECRET
EOC
"$W" declare "keys incident" --severity SEV2 >/dev/null 2>&1 || fail "declare"
"$W" join alice >/dev/null && "$W" assign alice --purpose p --task t >/dev/null || fail "assign"
for i in 1 2 3 4 5 6 7 8; do "$W" log "entry $i" >/dev/null || fail "log"; done
"$W" decide "roll back" --reason "errors" >/dev/null || fail "decide"
"$W" update "we know" >/dev/null || fail "update"
"$W" metric add errors --demo errors --unit % >/dev/null || fail "metric"
"$W" agent --once >/dev/null 2>&1 || fail "agent"
"$W" list >/dev/null || fail "list"
python3 "$R/screen_keys.py" "$W" "${KEYFUZZ_SECONDS:-5}" ${KEYFUZZ_SEED:-} ||
    fail "viewer key fuzz (see above)"
if [ -x "${WARROOM_ASAN_BIN:-}" ]; then
	export ASAN_OPTIONS="detect_leaks=1:log_path=$T/asan"
	export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$T/ubsan"
	python3 "$R/screen_keys.py" "$WARROOM_ASAN_BIN" 3 ${KEYFUZZ_SEED:-} ||
	    fail "viewer key fuzz under ASan (see above)"
	if ls "$T"/asan* "$T"/ubsan* >/dev/null 2>&1; then
		head -40 "$T"/asan* "$T"/ubsan* 2>/dev/null >&2
		fail "sanitizer report under key fuzz"
	fi
fi
pass "viewer key fuzz: nothing written, nothing started, still live"
