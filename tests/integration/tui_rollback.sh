#!/bin/sh
# tui_rollback: on the screen, a Japanese rollback decision ("v2.14 を切り戻す")
# offers the rollback checklist, shows the record of the release (its mark,
# when it was deployed, its link) before any question, refuses a yes to
# "marked rollback-safe?" against that record until the commander gives a
# reason, and stores and shows the override. B in the Phase pane records
# when impact began. The deploy was recorded with no incident open.
. "$(dirname "$0")/../lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || fail "cd"	# ./checklists is in the search path

q() { sq "$WARROOM_DB" "$1" | tail -n +2; }	# past the persist_wal answer

"$W" init >/dev/null 2>&1 || fail "init"
"$W" deploy v2.14 --rollback-safe no --at -30m \
    --link https://ci.example/api/pull/214 >/dev/null || fail "deploy"
"$W" declare "決済のエラー率上昇" --severity SEV2 >/dev/null || fail "declare"
tm_start c 110 36 "$W tui"
tm_wait c "═ Phase "
tm_wait c "v2.14 NOT rollback-safe"

# B: when impact began; a time after detection is refused.
tm_keys c 1 B
tm_wait c "Impact began at"
tm_keys c -l "yesterday-ish"
tm_keys c Enter
tm_wait c "bad time 'yesterday-ish'"
tm_keys c B
tm_wait c "Impact began at"
tm_keys c -l "$(date -u -d '+2 minutes' '+%H:%M')"
tm_keys c Enter
tm_wait c "impact cannot begin after it was detected"
assert_eq "$(q "SELECT ifnull(began, 'none') FROM incident")" none "a bad time changes nothing"
tm_keys c B
tm_wait c "Impact began at"
tm_keys c -l -- "-45m"
tm_keys c Enter
tm_wait c "impact began: recorded"
tm_wait c "; began "
assert_eq "$(q "SELECT detected - began BETWEEN 2690 AND 2710 FROM incident")" 1 "began stored"
pass "B records when impact began"

# D: the decision in Japanese; the rollback checklist is offered first.
tm_keys c D
tm_wait c "Decision:"
tm_keys c -l "v2.14 を切り戻す"
tm_keys c Enter
tm_wait c "Reason (required):"
tm_keys c -l "リリース直後からエラー"
tm_keys c Enter
tm_wait c "Risk (Enter: not stated):"
tm_keys c Enter
tm_wait c "Sign-off needed from"
tm_keys c Enter
tm_wait c "═ Checklist "
tm_keys c Enter
tm_wait c "Roll back a release"
# The record comes before any question.
tm_wait c "Release v2.14 is marked NOT rollback-safe"
tm_wait c "(named in the decision)"
tm_wait c "https://ci.example/api/pull/214"
tm_keys c Enter
tm_wait c "Do features or data roll back with it?"
tm_keys c y
tm_wait c "yes; note"
tm_keys c Enter
tm_keys c y
tm_wait c "yes; note"
tm_keys c Enter
tm_wait c "-> "
# A yes against the record: Enter without a reason takes it back.
tm_keys c y
tm_wait c "The record says otherwise: reason to override it"
tm_keys c Enter
tm_wait c "not overridden: answer again"
tm_keys c y
tm_wait c "The record says otherwise: reason to override it"
tm_keys c -l "移行は後方互換と確認済み"
tm_keys c Enter
tm_wait c "yes; note"
tm_keys c Enter
tm_wait c "OVERRIDE: 移行は後方互換と確認済み"
tm_keys c n
tm_wait c "no; note"
tm_keys c Enter
tm_wait c "Enter: record the decision"
assert_eq "$(q "SELECT count(*) FROM decision")" 0 "nothing saved before Enter"
tm_keys c Enter
tm_wait c "decision #1 recorded"
assert_eq "$(q "SELECT r.name || ':' || d.override FROM decision d JOIN release r ON r.id = d.release_id")" \
    "v2.14:answered yes to \"Is the release marked rollback-safe?\" though release v2.14 is recorded as NOT rollback-safe: 移行は後方互換と確認済み" \
    "the override stored with its release"
assert_contains "$(q "SELECT text FROM entry WHERE kind = 'decision'")" \
    "; OVERRIDE: answered yes to" "the override in the timeline entry"
pass "the walk shows the record and asks for an override on the screen"

# Taken back: answering no after an override records no override.
tm_keys c D
tm_wait c "Decision:"
tm_keys c -l "revert v2.14"
tm_keys c Enter
tm_wait c "Reason (required):"
tm_keys c -l "still failing"
tm_keys c Enter
tm_wait c "Risk (Enter: not stated):"
tm_keys c Enter
tm_wait c "Sign-off needed from"
tm_keys c Enter
tm_wait c "═ Checklist "
tm_keys c Enter
tm_wait c "Enter: start the checklist"
tm_keys c Enter
tm_keys c a
tm_wait c "n/a; note"
tm_keys c Enter
tm_keys c a
tm_wait c "n/a; note"
tm_keys c Enter
tm_wait c "-> "
tm_keys c y
tm_wait c "reason to override it"
tm_keys c -l "first thought"
tm_keys c Enter
tm_wait c "yes; note"
tm_keys c Enter
tm_keys c b
sleep 0.3
tm_keys c n
tm_wait c "no; note"
tm_keys c Enter
tm_keys c a
tm_wait c "n/a; note"
tm_keys c Enter
tm_wait c "Enter: record the decision"
tm_keys c Enter
tm_wait c "decision #2 recorded"
assert_eq "$(q "SELECT ifnull(override, 'none') FROM decision WHERE id = 2")" none "no override once the yes was taken back"
pass "an override whose yes was taken back is dropped"
