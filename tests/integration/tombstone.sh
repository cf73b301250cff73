#!/bin/sh
# tombstone: a recorded decision cannot vanish. Deleting one needs the
# commander and a reason and leaves "deleted by WHO at HH:MM: WHY" in the
# timeline, status, status --json and the export (md and JSON), which an
# import keeps; undelete brings it back and logs it. The same for an entry
# deleted by someone who did not write it. Refusals change nothing.
. "$(dirname "$0")/../lib.sh"

T0=1718010000 # 2024-06-10 09:00:00 UTC
at() { # seconds after T0, command...
	_s=$1
	shift
	WARROOM_NOW=$((T0 + _s)) "$W" --as alice "$@"
}
q() { sqlite3 "$WARROOM_DB" "$1"; }

"$W" init >/dev/null 2>&1 || fail "init"
at 0 declare "決済障害" --at @$T0 >/dev/null || fail "declare"
mine=$(at 10 log "alice's own typo") || fail "log"
for p in bob carol; do at 15 join "$p" >/dev/null || fail "join $p"; done
theirs=$(at 20 --as bob log "bob: cache flushed") || fail "log bob"
at 30 decide "v1.2 をロールバックする" --reason "エラー率が上昇" >"$T/d" ||
    fail "decide"
dec=$(q "SELECT entry_id FROM decision")
[ -n "$dec" ] || fail "decision not stored"
total=$(at 40 status --json | python3 -c \
    'import json,sys; print(json.load(sys.stdin)["timeline_total"])')

# Refused: no reason, not the commander, a blank reason, a system entry,
# someone else's entry without a reason. Each a one-line error; no change.
sum=$(db_sum)
assert_fails "decision without a reason" at 100 delete "$dec"
assert_contains "$(cat "$T/err")" "needs a reason (--reason WHY)" "why asked"
assert_fails "decision by a responder" at 100 --as bob delete "$dec" \
    --reason "間違い"
assert_contains "$(cat "$T/err")" "only the commander, alice, may delete decisions" "who"
assert_fails "blank reason" at 100 delete "$dec" --reason "   "
assert_fails "someone else's entry without a reason" at 100 delete "$theirs"
assert_contains "$(cat "$T/err")" "someone else's" "whose"
assert_fails "phase entry" at 100 delete 1 --reason x
assert_eq "$(db_sum)" "$sum" "a refused delete changed the database"
pass "refused deletes change nothing"

# The commander deletes the decision with a reason (Japanese): a tombstone.
at 600 delete "$dec" --reason "誤って記録した" || fail "delete decision"
at 660 delete "$theirs" --reason "duplicate of #2" || fail "delete bob's"
assert_eq "$(q "SELECT deleted || '|' || tomb_by || '|' || tomb_reason FROM
    entry WHERE id = $dec")" "0|alice|誤って記録した" "tombstone stored"
st=$(at 700 status) || fail "status"
assert_contains "$st" "[deleted by alice at 09:10: 誤って記録した] v1.2 をロールバックする" \
    "status timeline"
assert_contains "$st" "[deleted by alice at 09:11: duplicate of #2] bob: cache flushed" \
    "status: someone else's entry"
assert_contains "$st" "deleted decisions (1)" "status decisions"
at 700 status --json >"$T/st.json" || fail "status --json"
python3 - "$T/st.json" "$dec" "$total" <<'PY' || fail "status --json"
import json, sys
d = json.load(open(sys.argv[1]))
dec, total = int(sys.argv[2]), int(sys.argv[3])
t = {e["id"]: e for e in d["timeline"]}[dec]["tombstone"]
assert t == {"by": "alice", "at": "2024-06-10T09:10:00Z",
             "reason": "誤って記録した",
             "text": "deleted by alice at 09:10: 誤って記録した"}, t
assert d["decisions"][0]["tombstone"]["reason"] == "誤って記録した"
assert d["timeline_total"] == total, "a tombstone still counts"
PY
# A reason with terminal controls is cleaned before it is kept.
hostile=$(at 50 --as carol log "carol's entry") || fail "log carol"
at 670 delete "$hostile" --reason "$(printf 'bad\033[2Jreason')" ||
    fail "delete with a hostile reason"
assert_not_contains "$(q "SELECT tomb_reason FROM entry WHERE id = $hostile")" \
    "$(printf '\033')" "escape kept in the reason"
assert_not_contains "$(at 700 status)" "$(printf '\033')" "escape shown"
pass "the tombstone shows who, when and why in status and status --json"

# A tombstone is not edited, deleted again or signed off.
sum=$(db_sum)
assert_fails "edit a tombstone" at 800 edit "$theirs" --text changed
assert_fails "delete twice" at 800 delete "$dec" --reason again
assert_contains "$(cat "$T/err")" "undelete" "says how to undo"
assert_eq "$(db_sum)" "$sum" "refused change on a tombstone"
at 800 log --history "$dec" >"$T/hist" || fail "history"
assert_contains "$(cat "$T/hist")" "deleted by alice at 09:10: 誤って記録した" \
    "history"
# A deleted decision awaiting sign-off is no longer signed, nor pending.
at 805 join dave >/dev/null || fail "join dave"
at 810 decide "DB をフェイルオーバー" --reason r --signoff dave >"$T/d" ||
    fail "decide pending"
pid=$(sed -n 's/^decision \([0-9]*\) .*/\1/p' "$T/d")
pe=$(q "SELECT entry_id FROM decision WHERE id = $pid")
assert_contains "$(at 815 status)" "pending sign-off (1)" "pending shown"
at 820 delete "$pe" --reason "取り下げ" || fail "delete pending"
assert_not_contains "$(at 825 status)" "pending sign-off" "pending after"
sum=$(db_sum)
assert_fails "sign off a deleted decision" at 830 --as dave signoff "$pid"
assert_eq "$(db_sum)" "$sum" "refused sign-off changed the database"
pass "a tombstone refuses edits, a second delete and a sign-off"

# The postmortem shows it; the JSON keeps it; an import keeps it.
at 900 export --format md >"$T/pm.md" || fail "export md"
assert_contains "$(cat "$T/pm.md")" "## Decisions (2)" "md: both decisions"
assert_contains "$(cat "$T/pm.md")" \
    "| **deleted by alice at 09:10: 誤って記録した** ~~v1.2 をロールバックする~~ | エラー率が上昇 |" \
    "md decisions"
assert_contains "$(cat "$T/pm.md")" \
    "**deleted by alice at 09:11: duplicate of #2** ~~bob: cache flushed~~" \
    "md timeline"
at 900 export --format json >"$T/a.json" || fail "export json"
B=$T/b.db
WARROOM_DB=$B "$W" init >/dev/null 2>&1 || fail "init b"
bi=$(WARROOM_NOW=$((T0 + 950)) WARROOM_DB=$B "$W" import "$T/a.json") ||
    fail "import"
# An import is never the default target: name it.
WARROOM_NOW=$((T0 + 960)) WARROOM_DB=$B "$W" --incident "$bi" export \
    --format json >"$T/b.json" || fail "export b"
python3 - "$T/a.json" "$T/b.json" <<'PY' || fail "round trip"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
ta = [e["tombstone"] for e in a["timeline"]]
assert ta == [e["tombstone"] for e in b["timeline"]], "tombstones differ"
assert sum(t is not None for t in ta) == 4, ta
assert [d["tombstone"] for d in a["decisions"]] == \
    [d["tombstone"] for d in b["decisions"]]
PY
st=$(WARROOM_NOW=$((T0 + 970)) WARROOM_DB=$B "$W" --incident "$bi" status) || fail "status b"
assert_contains "$st" "[deleted by alice at 09:10: 誤って記録した]" "imported"
pass "export md/json shows it and import keeps it"

# Bad tombstones in an import are refused and change nothing.
C=$T/c.db
WARROOM_DB=$C "$W" init >/dev/null 2>&1 || fail "init c"
sum=$(db_sum "$C")
mk() { # name, python expression over d
	python3 - "$T/a.json" "$T/$1.json" "$2" <<'PY' || fail "mk $1"
import json, sys
d = json.load(open(sys.argv[1]))
t = [e for e in d["timeline"] if e["tombstone"]][0]
exec(sys.argv[3])
json.dump(d, open(sys.argv[2], "w"))
PY
}
mk noby 't["tombstone"].pop("by")'
mk notobj 't["tombstone"] = "yes"'
mk both 't["deleted"] = True'
mk future 't["tombstone"]["at"] = "2999-01-01T00:00:00Z"'
for n in noby notobj both future; do
	assert_fails "import $n" env WARROOM_NOW=$((T0 + 950)) \
	    WARROOM_DB="$C" "$W" import "$T/$n.json"
	assert_contains "$(cat "$T/err")" "tombstone" "import $n names it"
done
mk hostile 't["tombstone"]["reason"] = "x\u001b[2Jy"'
assert_eq "$(db_sum "$C")" "$sum" "a refused import changed the database"
# Terminal controls in an imported reason are cleaned, not kept.
ci=$(WARROOM_NOW=$((T0 + 950)) WARROOM_DB=$C "$W" import "$T/hostile.json") ||
    fail "import hostile reason"
st=$(WARROOM_NOW=$((T0 + 970)) WARROOM_DB=$C "$W" --incident "$ci" status) ||
    fail "status c"
assert_contains "$st" "[deleted by alice at 09:11: x" "imported tombstone"
assert_not_contains "$st" "$(printf '\033')" "escape in a tombstone"
pass "bad tombstones in an import are refused"

# Undelete: the commander only, for a decision; logged as a note.
sum=$(db_sum)
assert_fails "undelete a decision as a responder" at 1000 --as bob \
    undelete "$dec"
assert_fails "undelete a live entry" at 1000 undelete "$mine"
assert_contains "$(cat "$T/err")" "is not deleted" "live entry"
assert_eq "$(db_sum)" "$sum" "refused undelete changed the database"
note=$(at 1200 undelete "$dec") || fail "undelete"
assert_eq "$(q "SELECT text || '|' || author FROM entry WHERE id = $note")" \
    "Restored decision entry #$dec (deleted by alice at 09:10: 誤って記録した)|alice" \
    "the restore is logged"
assert_eq "$(q "SELECT tomb_at || '|' || deleted FROM entry WHERE id = $dec")" \
    "0|0" "restored"
st=$(at 1300 status) || fail "status"
assert_contains "$st" "deleted decisions (1)" "the other stays deleted"
assert_not_contains "$st" "#1    09:00 alice      v1.2" "restored decision"
assert_contains "$st" "v1.2 をロールバックする" "restored decision shown"
at 1300 log --history "$dec" >"$T/hist" || fail "history"
assert_eq "$(grep -c '^v[0-9]' "$T/hist")" 3 "versions: made, deleted, back"
# Another's entry comes back the same way; the note says what removed it.
note=$(at 1400 undelete "$theirs") || fail "undelete bob's"
assert_contains "$(q "SELECT text FROM entry WHERE id = $note")" \
    "deleted by alice at 09:11: duplicate of #2" "note for bob's entry"
assert_contains "$(at 1410 status)" "09:00 ? event      bob        bob: cache flushed" \
    "bob's entry shown again"
# A reason as long as a reason may be still lets the entry come back.
long=$(python3 -c 'print("理由" * 700)')
at 1420 delete "$pe" 2>/dev/null && fail "a tombstone deleted again"
at 1430 undelete "$pe" >/dev/null || fail "undelete pending"
at 1440 delete "$pe" --reason "$long" || fail "delete with a long reason"
note=$(at 1450 undelete "$pe") || fail "undelete after a long reason"
assert_contains "$(q "SELECT text FROM entry WHERE id = $note")" "理由…)" \
    "the note cuts a long reason"
pass "undelete restores and logs it"

# One's own entry without a reason leaves quietly, and comes back.
at 1500 delete "$mine" || fail "delete own"
assert_not_contains "$(at 1510 status)" "alice's own typo" "own entry gone"
at 1600 undelete "$mine" >/dev/null || fail "undelete own"
assert_contains "$(at 1610 status)" "alice's own typo" "own entry back"
pass "an own entry without a reason goes quietly and comes back"

# A database of schema 2 (before tombstones), as an older warroom wrote
# it, is migrated on open; its decision can be deleted with a reason.
D=$T/old.db
old_db "$D"
e=$(sqlite3 "$D" "SELECT entry_id FROM decision")
WARROOM_DB=$D "$W" delete "$e" --reason "移行後" || fail "delete migrated"
assert_contains "$(WARROOM_DB=$D "$W" status)" ": 移行後] v2.14 を切り戻す" \
    "migrated database keeps a tombstone"
WARROOM_DB=$D "$W" decide "新しい決定" --reason r >/dev/null ||
    fail "decide on a migrated database"
want=$("$W" --db "$T/fresh.db" init 2>/dev/null | sed -n 's/.*schema version //p')
assert_eq "$(sqlite3 "$D" "PRAGMA user_version")" "$want" "schema version"
assert_eq "$(sqlite3 "$D" "PRAGMA integrity_check")" ok "integrity"
pass "a schema 2 database is migrated"
