#!/bin/sh
# pins: warroom pin / unpin ID, the scribe's or the commander's; a pin is
# recorded (who, when; unpinning too) without changing the entry's text or
# version; the postmortem lists pinned entries in its summary, and a JSON
# export imported again keeps its pins. Bad input changes nothing.
. "$(dirname "$0")/../lib.sh"

q() { sqlite3 "$WARROOM_DB" "$1"; }
"$W" --as alice declare "決済APIの障害" >/dev/null 2>&1 || fail "declare"
"$W" --as alice join 田中 --role scribe >/dev/null || fail "join 田中"
"$W" --as alice join bob >/dev/null || fail "join bob"
a=$("$W" --as 田中 log "原因はキャッシュの設定ミスと判明" --source 田中) ||
    fail "log a"
b=$("$W" --as bob log "bob: restarted pods" --source ops) || fail "log b"
"$W" --as alice decide "v1.2 をロールバックする" --reason "エラー率が上昇" \
    >/dev/null || fail "decide"
d=$(q "SELECT entry_id FROM decision")

# Who may: the scribe and the commander; a responder is told who may.
sum=$(db_sum)
out=$("$W" --as bob pin "$a" 2>&1) && fail "bob pinned"
assert_contains "$out" "warroom: only the scribe, 田中, or the commander, alice, may pin timeline entries" "refusal"
assert_fails "a bad id" "$W" --as alice pin 12x
assert_fails "no such entry" "$W" --as alice pin 999
assert_fails "no id" "$W" --as alice pin
assert_eq "$(db_sum)" "$sum" "a refused pin changed the database"
pass "only the scribe and the commander pin; bad input changes nothing"

"$W" --as 田中 pin "$a" || fail "scribe pins"
"$W" --as alice pin "$d" || fail "commander pins the decision"
assert_eq "$(q "SELECT pinned_by || '|' || version FROM entry WHERE id = $a")" \
    "田中|1" "pinned by the scribe, version unchanged"
assert_eq "$(q "SELECT count(*) FROM entry_history WHERE entry_id = $a")" 0 \
    "a pin is not an edit"
sum=$(db_sum)
out=$("$W" --as alice pin "$a" 2>&1) && fail "pinned twice"
assert_contains "$out" "warroom: entry $a is already pinned (by 田中 at" \
    "already pinned"
out=$("$W" --as alice unpin "$b" 2>&1) && fail "unpinned an unpinned entry"
assert_contains "$out" "warroom: entry $b is not pinned" "not pinned"
assert_eq "$(db_sum)" "$sum" "a refused pin changed the database"
pass "a pin records who and when, and is no edit; twice is refused"

# The postmortem's summary lists them, in time order, with who pinned.
"$W" export >"$T/pm.md" || fail "export md"
got=$(sed -n '/^### Pinned/,/^### Responders/p' "$T/pm.md")
assert_contains "$got" "### Pinned (2)" "pinned heading"
assert_contains "$got" "田中: 原因はキャッシュの設定ミスと判明 *(pinned by 田中 at" \
    "pinned finding"
assert_contains "$got" "decision, alice: v1.2 をロールバックする" \
    "pinned decision"
assert_not_contains "$got" "restarted pods" "an unpinned entry"
grep -q "原因はキャッシュの設定ミスと判明 \*(pinned)\* |" "$T/pm.md" ||
    fail "the timeline table marks a pinned entry"
pass "the postmortem's summary lists pinned entries"

# JSON: pinned_at / pinned_by; import keeps them.
"$W" export --format json >"$T/pm.json" || fail "export json"
cat >"$T/pins.py" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
print(" ".join("%s:%s" % (e["text"][:4], e["pinned_by"])
               for e in d["timeline"] if e["pinned_at"]))
EOF
got=$(python3 "$T/pins.py" "$T/pm.json")
assert_eq "$got" "原因はキ:田中 v1.2:alice" "pins in the JSON"
new=$("$W" import "$T/pm.json") || fail "import"
sql="SELECT group_concat(pinned_by || ':' || substr(text, 1, 4), ' ') FROM
    (SELECT * FROM entry WHERE incident_id = $new AND pinned_at > 0
    ORDER BY event_time, id)"
assert_eq "$(q "$sql")" "田中:原因はキ alice:v1.2" "pins imported"
assert_eq "$(q "SELECT count(*) FROM pin_log p JOIN entry e ON e.id =
    p.entry_id WHERE e.incident_id = $new")" 2 "imported pins logged"
pass "a JSON round trip keeps the pins"

# Unpinning is recorded too; the summary no longer lists it.
"$W" --as alice unpin "$a" || fail "unpin"
assert_eq "$(q "SELECT pinned_at || '|' || coalesce(pinned_by, '-')
    FROM entry WHERE id = $a")" "0|-" "unpinned"
sql="SELECT group_concat(pinned || by, ',') FROM
    (SELECT * FROM pin_log WHERE entry_id = $a ORDER BY id)"
assert_eq "$(q "$sql")" "1田中,0alice" "pin log"
"$W" --incident 1 export >"$T/pm2.md" || fail "export again"
assert_contains "$(cat "$T/pm2.md")" "### Pinned (1)" "one pinned left"
# A deleted entry cannot be pinned.
"$W" --as bob delete "$b" >/dev/null || fail "bob deletes his entry"
out=$("$W" --as alice pin "$b" 2>&1) && fail "pinned a deleted entry"
assert_contains "$out" "was deleted" "deleted"
pass "unpinning is recorded; a deleted entry is not pinned"
