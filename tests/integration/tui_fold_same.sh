#!/bin/sh
# tui_fold_same: an assignment unchanged in substance (assigned the same
# again, spacing only) folds with the check-ins of its burst, and the fold
# says what it holds ("2 check-ins, 1 unchanged assignment: 佐藤, 田中";
# "3 routine: 佐藤, 田中" where that does not fit); an assignment that
# changes the task is never folded. At 80x24, 100x30 and 200x50; Enter
# shows the fold's entries, the record view says why one is folded, and
# the postmortem lists every one.
. "$(dirname "$0")/../lib.sh"

"$W" --as alice declare "定型の折りたたみ" >/dev/null 2>&1 || fail "declare"
"$W" --as alice join 田中 --role scribe >/dev/null || fail "join 田中"
"$W" --as alice join 佐藤 >/dev/null || fail "join 佐藤"
asg() { "$W" --as alice assign 田中 --purpose "原因の特定" --task "$1" \
    >/dev/null || fail "assign $1"; }
asg "DB のログを確認"
"$W" --as 田中 log "最初の報告: 決済が遅い" --source support >/dev/null ||
    fail "log"
"$W" --as alice checkin 佐藤 >/dev/null || fail "checkin"
asg "DB の  ログを確認" # the same, but for spacing
"$W" --as alice checkin 田中 >/dev/null || fail "checkin"
"$W" --as 田中 log "原因を特定: 接続プールの枯渇" --source db >/dev/null ||
    fail "log"
"$W" --as alice checkin 佐藤 >/dev/null || fail "checkin"
asg "DB を再起動" # a new task: news
"$W" --as alice checkin 田中 >/dev/null || fail "checkin"
"$W" --as 田中 log "最後の確認" --source grafana >/dev/null || fail "log"

tm_start s 80 24 "$W --as 田中 tui"
tm_start v 100 30 "$W view"
tm_start w 200 50 "$W view"
for n in s v w; do
	tm_keys $n 4
	tm_wait $n "▸ 2 joins: 田中, 佐藤"
	tm_wait $n "原因を特定: 接続プールの枯渇"
done
tm_wait s "▸ 3 routine: 佐藤, 田中"
tm_wait s "alice: 田中 reassigned: for 原因の特定"
tm_wait v "▸ 2 check-ins, 1 unchanged assignment: 佐藤, 田中"
tm_wait w "▸ 2 check-ins, 1 unchanged assignment: 佐藤, 田中"
tm_wait w "田中 reassigned: for 原因の特定, do DB を再起動"
assert_not_contains "$(tm_screen w)" "DB の  ログを確認" "the unchanged one folded"
assert_eq "$(tm_screen w | grep -c 'checked in')" 2 \
    "the check-ins beside the new task stay one a line"
tm_check_borders s 80
tm_check_borders v 100
tm_check_borders w 200
pass "an unchanged assignment folds with its burst; a new task never does"

# Enter on the fold shows its entries; the record view of the unchanged
# one says why it folds.
tm_keys w G Up Up Up Up Up Enter
tm_wait w "田中 reassigned: for 原因の特定, do DB の  ログを確認"
tm_wait_gone w "▸ 2 check-ins"
tm_keys w Down Enter
tm_wait w "an assignment unchanged in substance (the same purpose and task as before)"
tm_keys w Escape
tm_keys s G Up Up Up Up Up Enter
tm_wait_gone s "▸ 3 routine"
assert_eq "$(tm_screen s | grep -c 'alice: 田中 reassigned: for 原因の特定')" 2 \
    "both reassignments shown at 80x24"
tm_check_borders s 80
pass "Enter shows the fold's entries; the record view says why one folds"

"$W" export >"$T/pm.md" || fail "export"
assert_eq "$(grep -c 'reassigned: for 原因の特定' "$T/pm.md")" 2 \
    "both reassignments in the postmortem"
assert_eq "$(grep -c 'checked in' "$T/pm.md")" 4 \
    "every check-in in the postmortem"
pass "the postmortem lists every routine entry"
