#!/bin/sh
# decide_signoff.sh: a decision needing sign-off stays pending in status
# until the named person signs; nobody else can sign, nobody twice; every
# step is in the timeline; bad input is refused and changes nothing.
. "$(dirname "$0")/../lib.sh"
me=$(id -un)

"$W" --as cmd declare "Data leak suspected" --severity SEV1 >/dev/null 2>&1 || fail "declare"
# Who signs off must be in the response.
"$W" --as cmd join director >/dev/null && "$W" --as cmd join "$me" >/dev/null || fail "join"
out=$("$W" --as cmd decide "take the export API offline" --reason "it may leak other users' data" \
    --risk "paying customers lose exports" --signoff director) || fail "decide with --signoff"
assert_contains "$out" "awaiting sign-off from director (warroom signoff 1 --as director)" "says who must sign"
"$W" --as cmd decide "tell users within the hour" --reason "they need to know" >/dev/null || fail "plain decision"
"$W" --as cmd decide "restore from backup" --reason "data may be corrupt" --signoff "$me" >/dev/null \
    || fail "decision for the Unix user"

out=$("$W" status) || fail "status"
assert_contains "$out" "pending sign-off (2)" "two pending"
assert_contains "$out" "#1    " "decision 1 pending"
assert_contains "$out" "take the export API offline  (needs director; reason: it may leak other users' data)" "pending line"
assert_not_contains "$out" "tell users within the hour  (needs" "a plain decision is not pending"

# Only the named person; a decision that needs none; bad ids and notes.
sum=$(db_sum)
assert_fails "someone else" "$W" --as mallory signoff 1
assert_contains "$(cat "$T/err")" "decision 1 awaits sign-off from director; mallory cannot sign it" "names who may sign"
assert_fails "Unix user is not director" "$W" signoff 1
assert_fails "needs no sign-off" "$W" --as director signoff 2
assert_contains "$(cat "$T/err")" "decision 2 needs no sign-off" "no sign-off asked"
assert_fails "no such decision" "$W" --as director signoff 99
assert_fails "not a number" "$W" --as director signoff one
assert_fails "bad note" "$W" --as director signoff 1 --note "$(printf 'ok\377')"
assert_fails "empty --as" "$W" --as "" signoff 1
assert_fails "decide without reason" "$W" --as cmd decide "do something"
assert_contains "$(cat "$T/err")" "needs --reason" "reason required"
assert_fails "decide with blank reason" "$W" --as cmd decide "do something" --reason " "
assert_fails "sign-off from oneself" "$W" --as cmd decide "x" --reason r --signoff cmd
assert_fails "decide empty text" "$W" --as cmd decide "" --reason r
assert_fails "decide future time" "$W" --as cmd decide x --reason r --at "@4102444800"
assert_eq "$(db_sum)" "$sum" "refusals change nothing"
pass "only the named person can sign; bad input refused"

"$W" init >/dev/null 2>&1 # db_sum's sqlite3 removed the -wal a reader needs
out=$("$W" status) || fail "status"
assert_contains "$out" "pending sign-off (2)" "still pending until signed"

out=$("$W" --as director signoff 1 --note "go ahead; I will tell sales") || fail "signoff"
assert_contains "$out" "approved by director at" "approved"
out=$("$W" signoff 3 --reject --note "backups are a day old") || fail "signoff as Unix user"
assert_contains "$out" "rejected by $me" "rejected by the Unix user"

sum=$(db_sum)
assert_fails "twice" "$W" --as director signoff 1
assert_contains "$(cat "$T/err")" "decision 1 was already approved by director" "already signed"
assert_fails "reject after approve" "$W" --as director signoff 1 --reject
assert_eq "$(db_sum)" "$sum" "second sign-off changes nothing"
"$W" init >/dev/null 2>&1

out=$("$W" status) || fail "status"
assert_not_contains "$out" "pending sign-off" "nothing pending after signing"

"$W" status --json >"$T/s.json" || fail "status --json"
python3 - "$T/s.json" "$me" <<'PY' || fail "status JSON"
import json, sys
d = json.load(open(sys.argv[1]))
me = sys.argv[2]
dec = {x["id"]: x for x in d["decisions"]}
assert d["pending_signoffs"] == []
s1 = dec[1]["signoff"]
assert s1["state"] == "approved" and s1["from"] == "director" and s1["by"] == "director", s1
assert s1["note"] == "go ahead; I will tell sales" and s1["at"]
assert dec[2]["signoff"]["state"] == "none" and dec[2]["signoff"]["from"] is None
s3 = dec[3]["signoff"]
assert s3["state"] == "rejected" and s3["by"] == me and s3["note"] == "backups are a day old", s3
assert dec[1]["risk"] == "paying customers lose exports"
ent = [e for e in d["timeline"] if e["kind"] == "decision"]
texts = [e["text"] for e in ent]
assert len(ent) == 5, texts  # three decisions, two sign-offs
assert any(t.startswith("take the export API offline — reason: it may leak other users' data; "
                        "risk: paying customers lose exports; needs sign-off from director") for t in texts), texts
assert "Sign-off: director approved decision 1: take the export API offline — note: go ahead; I will tell sales" in texts, texts
signs = [e for e in ent if e["text"].startswith("Sign-off: ")]
assert sorted(e["author"] for e in signs) == sorted(["director", me])
assert any(t.startswith("Sign-off: %s rejected decision 3: restore from backup" % me) for t in texts), texts
PY
pass "sign-offs in status --json and the timeline"
