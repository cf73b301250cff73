#!/bin/sh
# action.sh: retrospective actions from the command line.
. "$(dirname "$0")/../lib.sh"

"$W" init >/dev/null 2>&1 || fail "init"
export WARROOM_NOW=1718010000
assert_fails "action before any incident" "$W" action list
"$W" declare "one" >/dev/null || fail "declare 1"
e1=$("$W" log "the alert fired 20 minutes late" --at -30m --source pager) \
    || fail "log"
"$W" declare "two" >/dev/null || fail "declare 2"
e2=$("$W" --incident 2 log "unrelated") || fail "log 2"

before=$(db_sum)
assert_fails "add without category" "$W" --incident 1 action add "x"
assert_contains "$(cat "$T/err")" "recover-faster" "lists the categories"
assert_fails "add bad category" "$W" --incident 1 action add "x" --category blame
assert_fails "add without text" "$W" --incident 1 action add --category root-cause
assert_fails "add empty text" "$W" --incident 1 action add "  " --category root-cause
assert_fails "add bad utf-8" "$W" --incident 1 action add "$(printf 'x\377')" --category root-cause
assert_fails "add bad due" "$W" --incident 1 action add "x" --category root-cause --due someday
assert_fails "add from another incident" "$W" --incident 1 action add --category detect-faster --from "$e2"
assert_fails "add from no entry" "$W" --incident 1 action add x --category detect-faster --from 999
assert_fails "add from not a number" "$W" --incident 1 action add x --category detect-faster --from abc
assert_fails "option of another subcommand" "$W" --incident 1 action add x --category root-cause --json
assert_fails "list with an owner" "$W" --incident 1 action list --owner bob
assert_fails "unknown subcommand" "$W" --incident 1 action drop 1
assert_fails "done without id" "$W" --incident 1 action done
assert_fails "done no such" "$W" --incident 1 action done 42
assert_eq "$(db_sum)" "$before" "refused commands changed the database"
pass "refused"

a1=$("$W" --incident 1 --as alice action add "add a canary" --category \
    prevent-recurrence --owner bob --due 2024-07-01) || fail "add 1"
a2=$("$W" --incident 1 --as alice action add --category detect-faster \
    --from "$e1") || fail "add from entry"
a3=$("$W" --incident 1 action add "日本語のアクション" --category root-cause \
    --due +7d) || fail "add 3"
assert_eq "$a1 $a2 $a3" "1 2 3" "ids"
out=$("$W" --incident 1 action list) || fail "list"
expected="3     root-cause         [ ] 日本語のアクション  (owner -, due 2024-06-17 09:00:00)
1     prevent-recurrence [ ] add a canary  (owner bob, due 2024-07-01 23:59:59)
2     detect-faster      [ ] the alert fired 20 minutes late  (owner -, due -) from entry $e1"
assert_eq "$out" "$expected" "list (category order, then id)"
assert_eq "$("$W" --incident 2 action list)" "" "other incident has none"
pass "add and list"

"$W" --incident 1 action done 1 || fail "done"
assert_fails "done twice" "$W" --incident 1 action done 1
assert_contains "$(cat "$T/err")" "already done" "done twice says so"
"$W" --incident 1 action reopen 1 || fail "reopen"
"$W" --incident 1 action done 1 || fail "done again"
"$W" --incident 1 action edit 2 --text "page on 5xx within 2 minutes" \
    --owner carol --due 2024-06-30 || fail "edit"
"$W" --incident 1 action edit 1 --owner '' --due none \
    --category permanent-fix || fail "edit clears"
"$W" --incident 1 action list --json >"$T/a.json" || fail "list json"
python3 - "$T/a.json" "$e1" <<'PY' || fail "json list"
import json, sys
a = json.load(open(sys.argv[1], encoding="utf-8"))
by = {x["id"]: x for x in a}
assert [x["id"] for x in a] == [3, 1, 2], a
assert by[1] == {"id": 1, "category": "permanent-fix", "text": "add a canary",
    "owner": None, "due": None, "done": True, "entry_id": None}, by[1]
assert by[2]["text"] == "page on 5xx within 2 minutes"
assert by[2]["owner"] == "carol" and by[2]["due"] == "2024-06-30T23:59:59Z"
assert by[2]["entry_id"] == int(sys.argv[2]) and by[2]["done"] is False
assert by[3]["text"] == "日本語のアクション"
PY
pass "done, reopen, edit"

# Every change left a note on the incident's timeline.
"$W" --incident 1 status --json >"$T/s.json" || fail "status"
python3 - "$T/s.json" <<'PY' || fail "timeline notes"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
notes = [e["text"] for e in d["timeline"] if e["text"].startswith("Retrospective action")]
assert len(notes) == 8, notes
assert notes[0] == "Retrospective action 1 (prevent-recurrence): add a canary (owner bob, due 2024-07-01 23:59:59)", notes[0]
assert "Retrospective action 1 done: add a canary" in notes
assert "Retrospective action 1 reopened: add a canary" in notes
PY
pass "timeline notes"
