#!/bin/sh
# phase_japanese.sh: `warroom phase` takes a phase by its English name, its
# Japanese heading (【調査中】) or the word in it (調査中); anything else is
# refused with one line and changes nothing.
. "$(dirname "$0")/../lib.sh"

"$W" init >/dev/null 2>&1 || fail "init"
"$W" declare "決済障害" --severity SEV2 >/dev/null || fail "declare"
q() { sqlite3 "$WARROOM_DB" "$1"; }
# Every phase, each spelling, forwards (a step back needs --note).
for p in 調査中:investigating 【原因特定】:identified 対応中:mitigating \
    MONITORING:monitoring 【復旧完了】:recovered 収束:resolved \
    ふりかえり:retrospective; do
	"$W" --incident 1 phase "${p%%:*}" || fail "phase ${p%%:*}"
	assert_eq "$(q "SELECT phase FROM incident")" "${p#*:}" "after ${p%%:*}"
done
pass "English names and Japanese headings, with and without brackets"

sum=$(db_sum)
for bad in 調査 "【調査中" "調査中】" "【】" "" " 調査中" "investigate" "検知中"; do
	assert_fails "phase '$bad'" "$W" --incident 1 phase "$bad"
	assert_contains "$(cat "$T/err")" "or its Japanese heading" "the refusal says what is accepted"
done
assert_eq "$(db_sum)" "$sum" "refusals change nothing"
pass "anything else is refused with one line"
