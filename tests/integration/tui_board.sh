#!/bin/sh
# tui_board: the commander runs the assignment board from the keys (add,
# assign with purpose and task, refusals, reassign, check-in interval, done,
# drop, dismiss one, dismiss every idle at once); one assignment goes stale
# when its interval passes; a viewer sees each change live and is listed as
# watching without writing the database; the timeline has every change.
. "$(dirname "$0")/../lib.sh"
# ic declares, and so commands: the board's commands are the commander's.
WARROOM_AS=ic && export WARROOM_AS

"$W" init >/dev/null 2>&1 || fail "init"
[ "$(stat -c %a "$WARROOM_DB.presence")" = 1777 ] ||
    fail "init: presence folder is not mode 1777"
"$W" --as ic declare "board test 決済" >/dev/null 2>&1 || fail "declare"

# The command line refuses an assignment without a purpose or a task.
assert_fails "assign without purpose" "$W" assign zed --task "look"
assert_contains "$(cat "$T/err")" "needs a purpose" "purpose refusal"
assert_fails "assign without task" "$W" assign zed --purpose "why"
assert_contains "$(cat "$T/err")" "needs a task" "task refusal"
assert_fails "bad interval" "$W" interval --checkin 0
assert_fails "bad interval" "$W" interval --checkin 10x
assert_eq "$(sqlite3 "$WARROOM_DB" "SELECT count(*) FROM responder WHERE
    name = 'zed'")" 0 "a refused assignment joined someone"
pass "assign refuses a missing purpose or task; bad intervals refused"

# The commander at 80x24, a viewer at 200x50.
tm_start c 80 24 "$W --as ic tui --role commander"
tm_wait c "═ Phase "
tm_start v 200 50 "$W --as dave view"
tm_wait v "READ-ONLY"
tm_wait c "watching (1): dave" 10
tm_wait v "watching read-only"
ls "$WARROOM_DB.presence" | grep -q '^w\.[0-9]*\.[0-9]*$' ||
    fail "no presence mark for the viewer"
assert_contains "$("$W" status)" "watching (1): dave" "status lists watchers"
pass "a viewer is listed as watching on the commander's board and in status"

tm_keys c 2
# Add a responder with a role (the form: name, then a choice of role).
tm_keys c +
tm_wait c "═ Add a responder "
tm_keys c carol Tab o
tm_wait c "[ops]"
tm_keys c Enter
tm_wait c "carol is on the board"
tm_wait v "carol        ops"
# Assign two people: the form opens on "for what" for the selected person;
# Tab goes round to "who".
tm_keys c a
tm_wait c "═ Assign "
tm_keys c "find the cause" Tab "read the payment logs" Tab C-u alice Enter
# Not in the response yet: the form asks before adding anyone.
tm_wait c "alice is not in the response."
tm_keys c j
tm_wait c "alice assigned: saved"
tm_wait v "for find the cause"
tm_wait v "read the payment logs"
tm_keys c a
tm_wait c "═ Assign "
tm_keys c -l "原因の特定"
tm_keys c Tab
tm_keys c -l "DBの接続数を見る"
tm_keys c Tab C-u bob Enter
tm_wait c "[j] add bob and assign"
tm_keys c j
tm_wait c "bob assigned: saved"
tm_wait v "for 原因の特定"
tm_wait v "DBの接続数を見る"
tm_wait c "2 active, 1 idle"
pass "the commander assigns two people with purpose and task"

# The form will not save without a person, a purpose or a task.
sum=$(db_sum)
tm_keys c a
tm_wait c "═ Assign "
tm_keys c Enter
tm_wait c "Refused: an assignment needs a purpose (for what?)"
tm_keys c "a purpose" Enter
tm_wait c "Refused: an assignment needs a task (do what?)"
tm_keys c "a task" Tab C-u Enter
tm_wait c "Refused: an assignment needs a person (who?)"
tm_keys c Escape
tm_wait c "Discard your changes?"
tm_keys c y
tm_wait c "changes discarded"
assert_eq "$(db_sum)" "$sum" "a refused assignment changed the database"
pass "an assignment without a person, purpose or task is refused"

# Reassign bob (the board is longer than the 80x24 pane, so idle people go
# last: alice, bob, ic, then carol idle): the form keeps his purpose, and
# asks before replacing his assignment.
tm_keys c g j r
tm_wait c "═ Reassign "
tm_wait c "For what  原因の特定"
tm_keys c -l "ロールバックを準備"
tm_keys c Enter
tm_wait c "bob already has an assignment"
tm_wait c "Replace it?"
tm_keys c y
tm_wait c "bob assigned: saved"
tm_wait v "ロールバックを準備"
pass "reassigning asks before replacing the assignment"

# Stale: a 1-minute interval (the key), bob checks in 100 s after the
# assignments, and a screen whose clock reads 130 s after them sees alice
# stale for 2 minutes and bob fine.
base=$(date +%s)
tm_keys c i
tm_wait c "Check-in every (10m, 90s, 1h): 15m"
tm_keys c C-u 1m Enter
tm_wait c "check-in every 1m"
assert_eq "$(sqlite3 "$WARROOM_DB" "SELECT checkin_interval FROM incident")" \
    60 "interval stored"
WARROOM_NOW=$((base + 100)) "$W" checkin bob || fail "checkin"
tm_start s 100 30 "WARROOM_NOW=$((base + 130)) $W --as erin view"
tm_wait s "1 stale"
tm_screen s | grep -Eq 'alice +responder +STALE +2m' ||
    fail "alice not shown stale for 2m: $(tm_screen s | grep 'alice ')"
assert_contains "$(tm_screen s | grep 'bob ')" "active" "bob not stale"
tm_keys s q
# And live, on the real clock: an interval that ends 3 s from now passes
# with no key and no write; alice turns stale on both screens, bob (his
# check-in is later) does not.
since=$(sqlite3 "$WARROOM_DB" "SELECT max(r.last_checkin, a.created) FROM
    responder r JOIN assignment a ON a.responder_id = r.id AND
    a.state = 'active' WHERE r.name = 'alice'")
"$W" interval --checkin "$(($(date +%s) - since + 3))s" >/dev/null ||
    fail "interval"
tm_wait c "1 stale" 8
tm_wait v "1 stale" 8
assert_contains "$(tm_screen v | grep 'alice ')" "STALE" "alice stale live"
assert_not_contains "$(tm_screen v | grep 'bob ')" "STALE" "bob stale live"
"$W" interval --checkin 15m >/dev/null || fail "interval"
tm_wait_gone c "1 stale"
pass "an assignment goes stale when its interval passes, with its age"

# Done, drop, dismiss one, then every idle one at once.
"$W" join dan >/dev/null || fail "join dan"
tm_wait c "2 active, 2 idle"
tm_keys c g d # alice, bob, ic; then carol, dan idle
tm_wait c "Mark alice's assignment done [y/N]"
tm_keys c y
tm_wait c "alice's assignment is done"
tm_wait v "1 active, 3 idle"
tm_keys c g p # bob, ic; then alice, carol, dan idle
tm_wait c "Drop bob's assignment [y/N]"
tm_keys c y
tm_wait c "bob's assignment dropped"
tm_wait v "0 active, 4 idle"
tm_keys c g j j j j x # ic; then alice, bob, carol, dan idle
tm_wait c "Dismiss dan: back to normal work [y/N]"
tm_keys c y
tm_wait c "dan dismissed"
tm_wait v "0 active, 3 idle"
tm_keys c X
tm_wait c "Dismiss 3 idle: alice, bob, carol [y/N]"
tm_keys c y
tm_wait c "dismissed 3 idle responders"
tm_wait v "0 active, 0 idle"
assert_eq "$(sqlite3 "$WARROOM_DB" "SELECT group_concat(name || ':' || state,
    ' ') FROM (SELECT name, state FROM responder ORDER BY name)")" \
    "alice:dismissed bob:dismissed carol:dismissed dan:dismissed ic:active" \
    "states after dismissing"
tm_check_borders c 80
tm_check_borders v 200
pass "done, dropped, dismiss one, dismiss all idle in one step; viewer live"

# Every change is in the timeline, kind assignment.
"$W" status --json >"$T/status.json" || fail "status --json"
python3 - "$T/status.json" <<'EOF' || fail "timeline entries"
import json, sys
d = json.load(open(sys.argv[1]))
texts = [e["text"] for e in d["timeline"] if e["kind"] == "assignment"]
want = ["carol joined as ops",
        "alice assigned: for find the cause, do read the payment logs",
        "bob assigned: for 原因の特定, do DBの接続数を見る",
        "bob reassigned: for 原因の特定, do ロールバックを準備",
        "bob checked in", "dan joined as responder",
        "alice's assignment done", "bob's assignment dropped",
        "dan dismissed: back to normal work",
        "Dismissed 3 idle: alice, bob, carol"]
missing = [w for w in want if w not in texts]
if missing:
    sys.exit("missing: %r in %r" % (missing, texts))
if any("zed" in t for t in texts):
    sys.exit("a refused assignment is in the timeline")
notes = [e["text"] for e in d["timeline"] if e["kind"] == "note"]
if not any("check-in 1m" in n for n in notes):
    sys.exit("no interval note: %r" % notes)
if d["watching"] != ["dave"]:
    sys.exit("watching: %r" % d["watching"])
EOF
pass "the timeline holds an entry for every change"

# Watchers come and go: a second viewer, killed hard; then dave quits.
tm_start w 100 30 "$W --as 佐藤 view"
tm_wait c "watching (2): dave, 佐藤" 10
pid=$(pgrep -n -f "$W --as 佐藤 view") || fail "no pid"
kill -9 "$pid"
tm_wait_gone c "佐藤"
tm_keys v q
tm_wait_gone c "watching (" 
assert_not_contains "$("$W" status)" "watching" "status after viewers left"
[ -z "$(ls "$WARROOM_DB.presence" | grep -v "^w\.[0-9]*\.$pid\$")" ] ||
    fail "a viewer left its mark behind: $(ls "$WARROOM_DB.presence")"
pass "watchers disappear when a viewer quits or dies"

# A viewer never writes the database, and without a presence folder it
# still watches, with a quiet note.
sum=$(db_sum)
rm -rf "$WARROOM_DB.presence"
: >"$WARROOM_DB.presence"
tm_start n 100 30 "$W --as frank view"
tm_wait n "not listed as watching"
tm_wait n "board test 決済"
tm_keys n q
tm_wait_gone n "READ-ONLY"
assert_eq "$(db_sum)" "$sum" "a viewer changed the database"
pass "a viewer without a presence folder still watches; database unchanged"
