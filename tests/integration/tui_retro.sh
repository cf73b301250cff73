#!/bin/sh
# tui_retro: the Retrospective view (issue 9). An incident driven to
# resolved from the command line; A opens the view only then; the five
# categories with the durations they measure (the export's values); an
# action added by keys (Japanese, owner, due), marked done, seen live by
# `warroom view` and by `warroom action list --json`; the viewer refused;
# an action from the command line shows live; R turns a timeline entry into
# an action that keeps the link; owner and due changed; 80x24 scrolls;
# borders straight at 80x24 and 200x50.
. "$(dirname "$0")/../lib.sh"

T0=1700000000 # 2023-11-14 22:13:20 UTC
at() { _s=$1; shift; WARROOM_NOW=$((T0 + _s)) "$W" --as alice "$@"; }
at 0 declare "決済 API 障害" --severity SEV2 >/dev/null || fail "declare"
late=$(at 0 log "the alert fired 20 minutes late" --at @$((T0 - 1200))) ||
    fail "log event"
at 300 log "rolled back the deploy" --kind action >/dev/null || fail "log"
for p in identified:600 mitigating:1500 monitoring:1800 recovered:3600; do
	at "${p#*:}" phase "${p%%:*}" >/dev/null || fail "phase ${p%%:*}"
done
NOW=$((T0 + 7300))

tm_start c 80 24 "WARROOM_NOW=$NOW $W --as alice tui --role commander"
tm_wait c "(commander) #1"
tm_keys c A
tm_wait c "the retrospective opens once resolved (now recovered)"
assert_not_contains "$(tm_screen c)" "Retrospective #1" "opened too early"
assert_not_contains "$(tm_screen c)" "A retrospective" "hint too early"
at 7200 phase resolved >/dev/null || fail "resolve"
tm_wait c "【収束】 resolved"
tm_keys c C-l # a key clears the message that stood in its place
tm_wait c "A retrospective"
pass "A waits for resolved; the status bar offers it once resolved"

# The durations the export computes from the same recorded times.
WARROOM_NOW=$NOW "$W" export >"$T/pm.md" || fail "export"
for d in "Time to detect | 20m 00s" "Time to identify | 10m 00s" \
    "Time to mitigate | 30m 00s" "Time to recover | 1h 00m 00s"; do
	grep -qF "| $d |" "$T/pm.md" || fail "export lacks '$d'"
done
tm_keys c A
tm_wait c "Retrospective #1 決済 API 障害"
s=$(tm_screen c)
for x in "Confirm the root cause (0)" "Make the temporary fix permanent (0)" \
    "Prevent recurrence (0)" "Detect faster (0)" "Recover faster (0)" \
    "time to identify 10m 00s" "time to detect 20m 00s" \
    "time to mitigate 30m 00s · time to recover 1h 00m 00s" \
    "detected 2023-11-14 22:13:20  first action +5m 00s  resolved +2h 00m 00s"
do
	assert_contains "$s" "$x" "80x24 view"
done
tm_check_borders c 80
pass "80x24: five sections, the durations beside detect and recover faster"

keep_wal
tm_start v 200 50 "WARROOM_NOW=$NOW $W view"
tm_wait v "READ-ONLY"
tm_keys v A
tm_wait v "Retrospective #1"
tm_wait v "│ Detect faster (0)"
s=$(tm_screen v)
assert_contains "$s" "Make the temporary fix permanent (0) │ Prevent recurrence (0)" \
    "200x50 columns side by side"
assert_contains "$s" "time to detect 20m 00s" "wide durations"
tm_check_borders v 200
pass "200x50: the categories as columns"

# Add by keys, under the focused section (4: detect faster).
tm_keys c 4 a
tm_wait c "New action"
tm_wait c "< Detect faster >"
tm_keys c -l "アラートの閾値を見直す"
tm_keys c Tab
tm_keys c -l "佐藤"
tm_keys c Tab
tm_keys c -l "2023-12-15"
tm_keys c Enter
tm_wait c "action #1 added under Detect faster"
tm_wait c "Detect faster (1)"
tm_wait c "[ ] アラートの閾値を見直す"
tm_wait c "佐藤"
tm_wait v "[ ] アラートの閾値を見直す"
tm_wait v "佐藤 · due 2023-12-15"
tm_keys c d
tm_wait c "action #1 done"
tm_wait c "[x] アラートの閾値を見直す"
tm_wait v "[x] アラートの閾値を見直す"
tm_wait v "1/1 done"
"$W" action list --json >"$T/a.json" || fail "list json"
python3 - "$T/a.json" <<'PY' || fail "json after keys"
import json, sys
a = json.load(open(sys.argv[1], encoding="utf-8"))
assert a == [{"id": 1, "category": "detect-faster",
    "text": "アラートの閾値を見直す", "owner": "佐藤",
    "due": "2023-12-15T23:59:59Z", "done": True, "entry_id": None}], a
PY
tm_check_borders c 80
tm_check_borders v 200
pass "added by keys (Japanese, owner, due), done; the viewer saw it live"

# The viewer cannot change anything, in the view or from the Timeline.
sum=$(db_sum)
for k in a e o t d Space Enter; do
	tm_keys v "$k"
	tm_wait v "READ-ONLY: this screen cannot change anything"
done
assert_not_contains "$(tm_screen v)" "New action" "viewer got a form"
tm_keys v Escape
tm_wait_gone v "Retrospective #1"
tm_keys v 4 g R
tm_wait v "READ-ONLY: this screen cannot change anything ('R'"
assert_not_contains "$(tm_screen v)" "Timeline entry to action" "viewer form"
assert_eq "$(db_sum)" "$sum" "the viewer changed the database"
pass "the viewer is refused every editing key; the database is unchanged"

# From the command line: every screen shows it, live.
tm_keys v A
tm_wait v "Retrospective #1"
"$W" --as bob action add "ロールバック手順を自動化" --category recover-faster \
    --owner bob >/dev/null || fail "action add"
tm_wait c "Recover faster (1)"
tm_wait c "ロールバック手順を自動化"
tm_wait v "ロールバック手順を自動化"
tm_wait v "bob"
pass "an action added by another process shows live"

# R on the late alert's entry: the form carries its text; the link stays.
tm_keys c Escape
tm_wait_gone c "Retrospective #1"
tm_keys c 4 g R
tm_wait c "Timeline entry to action"
tm_wait c "From      #$late "
tm_wait c "the alert fired 20 minutes late"
tm_keys c r
tm_wait c "< Recover faster >"
tm_keys c d
tm_wait c "< Detect faster >"
tm_keys c Enter
tm_wait c "action #3 added under Detect faster"
"$W" action list --json >"$T/a.json" || fail "list json 2"
python3 - "$T/a.json" "$late" <<'PY' || fail "json from entry"
import json, sys
a = {x["id"]: x for x in json.load(open(sys.argv[1], encoding="utf-8"))}
assert a[3]["entry_id"] == int(sys.argv[2]), a[3]
assert a[3]["category"] == "detect-faster", a[3]
assert a[3]["text"] == "the alert fired 20 minutes late", a[3]
PY
assert_contains "$("$W" action list)" "from entry $late" "list shows the link"
tm_wait v "the alert fired 20 minutes late"
tm_wait v "<#$late"
pass "R turns a timeline entry into an action linked to it"

# Owner and due date of the selected one (the new one is selected).
tm_keys c A
tm_wait c "Retrospective #1"
tm_wait c "Detect faster (2)"
tm_keys c o
tm_wait c "Owner"
tm_keys c C-u
tm_keys c -l "鈴木"
tm_keys c Enter
tm_wait c "action #3 saved"
tm_keys c t
tm_wait c "Due date"
tm_keys c C-u
tm_keys c -l "2023-11-01 17:00"
tm_keys c Enter
tm_wait c "action #3 saved"
tm_wait v "鈴木 · due 2023-11-01 17:00"
tm_keys c t
tm_wait c "Due date"
tm_keys c -l "x"
tm_keys c Enter
tm_wait c "bad time '2023-11-01 17:00x'"
tm_keys c Escape
tm_wait c "Discard your changes?"
tm_keys c y
tm_wait c "changes discarded"
"$W" action list --json >"$T/a.json" || fail "list json 3"
python3 - "$T/a.json" <<'PY' || fail "json owner/due"
import json, sys
a = {x["id"]: x for x in json.load(open(sys.argv[1], encoding="utf-8"))}
assert a[3]["owner"] == "鈴木" and a[3]["due"] == "2023-11-01T17:00:00Z", a[3]
PY
pass "owner and due date set by keys; a bad date is refused in the form"

# 80x24 scrolls: many actions, the last one reachable, borders straight.
i=0
while [ $i -lt 14 ]; do
	"$W" action add "根本原因の確認 $i" --category root-cause >/dev/null ||
	    fail "add $i"
	i=$((i + 1))
done
tm_wait c "根本原因の確認 13"
tm_keys c g
tm_wait c "Confirm the root cause (14)"
tm_wait c "根本原因の確認 0"
assert_not_contains "$(tm_screen c)" "Recover faster" "all on one page"
tm_keys c G
tm_wait c "ロールバック手順を自動化"
tm_wait c "Recover faster (1)"
assert_not_contains "$(tm_screen c)" "根本原因の確認 0" "scrolled"
tm_check_borders c 80
tm_wait v "Confirm the root cause (14)"
tm_check_borders v 200
tm_keys c Escape
tm_wait_gone c "Retrospective #1"
tm_keys c q
tm_keys v q
pass "80x24 scrolls through every section"
