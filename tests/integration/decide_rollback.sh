#!/bin/sh
# decide_rollback.sh: a rollback decision walking the rollback checklist,
# with --answers and interactively on a pseudo-terminal; the answers and the
# release's rollback-safe mark recorded with the decision and its timeline
# entry; refusals (no terminal, bad answers) change nothing.
. "$(dirname "$0")/../lib.sh"
# cmd declares, so commands: deciding is the commander's.
WARROOM_AS=cmd && export WARROOM_AS
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || fail "cd"	# ./checklists is in the search path

"$W" declare "Permission errors" --severity SEV2 >/dev/null 2>&1 || fail "declare"
"$W" deploy v1.2.3 --rollback-safe no --at -5m >/dev/null || fail "deploy"
"$W" deploy v1.2.4 --rollback-safe yes >/dev/null || fail "deploy v1.2.4"

# 1. Answers from the command line (a deploy pipeline or a script).
out=$("$W" --as cmd decide "roll back v1.2.3" --reason "errors began right after the release" \
    --risk "a schema change may not roll back" --checklist rollback \
    --answers "yes:adds a column,yes,no:marked not safe,n/a") || fail "decide with --answers"
assert_contains "$out" "decision 1 " "prints the decision id"
assert_contains "$out" "WARNING: release v1.2.3 is NOT rollback-safe" "warns of the mark"
assert_contains "$out" "checklist: Roll back a release" "names the checklist"
assert_contains "$out" "yes  Do features or data roll back with it?  -- adds a column" "answer 1 shown"
assert_contains "$out" "no   Is the release marked rollback-safe?  -- marked not safe" "answer 3 shown"
assert_contains "$out" "n/a  Could a feature flag turn off only the broken feature instead?" "answer 4 shown"
pass "rollback decision with --answers"

# 2. Refused without a terminal and without --answers; bad answers refused.
sum=$(db_sum)
assert_fails "no terminal" "$W" decide "roll back v1.2.4" --reason r --checklist rollback </dev/null
assert_contains "$(cat "$T/err")" "--answers" "the refusal names --answers"
assert_fails "too few answers" "$W" decide "roll back v1.2.4" --reason r --checklist rollback --answers yes,no
assert_contains "$(cat "$T/err")" "has 2 answers but checklist 'rollback' has 4 questions" "count"
assert_fails "bad answer" "$W" decide "roll back v1.2.4" --reason r --checklist rollback --answers yes,no,perhaps,no
assert_fails "answers without checklist" "$W" decide "roll back" --reason r --answers yes
assert_fails "unknown checklist" "$W" decide "x" --reason r --checklist nosuch --answers yes
assert_contains "$(cat "$T/err")" "available: disable-flag, failover, redeploy, rollback" "lists checklists"
assert_fails "path in checklist name" "$W" decide "x" --reason r --checklist ../etc/passwd --answers yes
assert_eq "$(db_sum)" "$sum" "nothing recorded by refusals"
pass "refusals change nothing"

# 3. Interactively on a terminal: a wrong word is asked again; notes kept.
cat >"$T/resp" <<'R'
maybe
y
procedure needs the old image
no
image not pre-built
N/A

yes
flag new-permissions covers it
R
python3 "$top/tests/integration/pty_drive.py" "$T/resp" -- \
    "$W" --as cmd decide "roll back v1.2.4" --reason "still failing" --checklist rollback \
    >"$T/pty.out" 2>&1 || fail "interactive decide: $(cat "$T/pty.out")"
tr -d '\r' <"$T/pty.out" >"$T/pty.txt"
out=$(cat "$T/pty.txt")
assert_contains "$out" "Release v1.2.4 is marked rollback-safe." "shows the mark before asking"
assert_contains "$out" "[1/4] Do features or data roll back with it?" "asks question 1"
assert_contains "$out" "please answer yes, no or n/a" "asks again after a wrong word"
assert_contains "$out" "[4/4] Could a feature flag turn off only the broken feature instead?" "asks question 4"
assert_contains "$out" "decision 2 " "recorded"
assert_contains "$out" "no   Is the rollback procedure ready?  -- image not pre-built" "answers shown"
pass "interactive checklist on a pseudo-terminal"

# 4. End of input half-way records nothing.
sum=$(db_sum)
printf 'yes\n\n<EOF>\n' >"$T/resp2"
if python3 "$top/tests/integration/pty_drive.py" "$T/resp2" -- \
    "$W" decide "roll back v1.2.4" --reason r --checklist rollback >"$T/pty2.out" 2>&1; then
	fail "decide succeeded after end of input"
fi
assert_contains "$(cat "$T/pty2.out")" "checklist not finished (end of input after 1 of 4 answers): nothing recorded" "eof message"
assert_eq "$(db_sum)" "$sum" "nothing recorded after end of input"
pass "end of input mid-checklist records nothing"

# 5. Everything is in status --json: answers, marks, timeline. (db_sum's
# sqlite3 removed the -wal file a read-only open needs: a writer restores it.)
"$W" init >/dev/null 2>&1 || fail "init"
"$W" status --json >"$T/s.json" || fail "status --json"
python3 - "$T/s.json" <<'PY' || fail "status JSON"
import json, sys
d = json.load(open(sys.argv[1]))
dec = {x["id"]: x for x in d["decisions"]}
assert set(dec) == {1, 2}, dec.keys()
one, two = dec[1], dec[2]
assert one["text"] == "roll back v1.2.3" and one["author"] == "cmd"
assert one["reason"] == "errors began right after the release"
assert one["risk"] == "a schema change may not roll back"
assert one["release"] == {"id": 1, "version": "v1.2.3", "rollback_safe": "no"}, one["release"]
c = one["checklist"]
assert c["name"] == "rollback" and c["title"] == "Roll back a release"
assert [a["answer"] for a in c["answers"]] == ["yes", "yes", "no", "n/a"]
assert [a["note"] for a in c["answers"]] == ["adds a column", None, "marked not safe", None]
assert c["answers"][1]["question"] == "Is the rollback procedure ready?"
assert two["release"]["version"] == "v1.2.4" and two["release"]["rollback_safe"] == "yes"
a2 = two["checklist"]["answers"]
assert [a["answer"] for a in a2] == ["yes", "no", "n/a", "yes"], a2
assert [a["note"] for a in a2] == ["procedure needs the old image", "image not pre-built", None,
                                  "flag new-permissions covers it"], a2
tl = {e["id"]: e for e in d["timeline"]}
e1 = tl[one["entry_id"]]
assert e1["kind"] == "decision"
assert "release v1.2.3 is NOT rollback-safe" in e1["text"], e1["text"]
assert 'checklist "Roll back a release": 2 yes, 1 no, 1 n/a' in e1["text"], e1["text"]
assert "reason: errors began right after the release" in e1["text"]
e2 = tl[two["entry_id"]]
assert "release v1.2.4 is rollback-safe" in e2["text"], e2["text"]
assert d["pending_signoffs"] == []
PY
pass "answers and marks in status --json and the timeline"

# 6. The other shipped checklists load and record too.
for cl in redeploy failover disable-flag; do
	n=$(grep -c '^?' "checklists/$cl.checklist")
	answers=$(yes yes | head -n "$n" | paste -sd, -)
	"$W" decide "use $cl" --reason "testing $cl" --checklist "$cl" --answers "$answers" >/dev/null \
	    || fail "checklist $cl"
done
pass "redeploy, failover and disable-flag checklists"
