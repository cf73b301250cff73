#!/bin/sh
# people_origin.sh: the "unknown origin" mark follows one rule everywhere
# (status, status --json, export md and json): entries warroom writes itself
# carry the source "warroom" and are never marked; a person's entry without
# a source, or marked unverified, is. A person cannot claim "warroom". An
# old database and an old export get their entries' origin back.
. "$(dirname "$0")/../lib.sh"
q() { sq "$WARROOM_DB" "$1" | tail -n 1; } # sq prints the filectrl first

"$W" init >/dev/null 2>&1 || fail "init"
"$W" declare "決済APIのエラー" --severity SEV2 >/dev/null || fail "declare"
"$W" join 鈴木 --role ops >/dev/null || fail "join"
"$W" assign 鈴木 --purpose 原因 --task ログ >/dev/null || fail "assign"
"$W" checkin 鈴木 >/dev/null || fail "checkin"
"$W" phase investigating >/dev/null || fail "phase"
"$W" deploy v2.1 --rollback-safe yes >/dev/null || fail "deploy"
"$W" decide "v2.1 を戻す" --reason "エラーが v2.1 から" --signoff 鈴木 >/dev/null || fail "decide"
"$W" --as 鈴木 signoff 1 >/dev/null || fail "signoff"
"$W" update "調査中です" >/dev/null || fail "update"
"$W" --as 鈴木 log "DB が遅いらしい" >/dev/null || fail "log no source"
"$W" --as 鈴木 log "噂: 外部APIも落ちている" --source slack \
    --confidence unverified >/dev/null || fail "log unverified"
"$W" --as 鈴木 log "5xx 増加" --source grafana >/dev/null || fail "log sourced"
"$W" --as 鈴木 log "たぶんDB" --source 田中 --confidence likely >/dev/null ||
    fail "log likely"

# Every entry warroom wrote carries its origin; only the two are marked.
assert_eq "$(q "SELECT count(*) FROM entry WHERE source = ''")" 1 "one without a source"
assert_eq "$(q "SELECT count(*) FROM entry WHERE source = 'warroom'")" 9 "warroom's own"
out=$("$W" status) || fail "status"
assert_eq "$(printf '%s\n' "$out" | grep -c 'UNKNOWN ORIGIN')" 2 "two marked in status"
assert_contains "$out" "? event      鈴木       DB が遅いらしい  <- UNKNOWN ORIGIN (no source)" "no source"
assert_contains "$out" "噂: 外部APIも落ちている  [slack]  <- UNKNOWN ORIGIN (unverified)" "unverified"
assert_contains "$out" "鈴木 checked in  [warroom]" "a check-in carries its origin"
printf '%s\n' "$out" | grep 'たぶんDB' | grep -q 'ORIGIN' && fail "likely with a source is not marked"
"$W" status --json >"$T/s.json" || fail "status --json"
"$W" export >"$T/pm.md" || fail "export md"
"$W" export --format json >"$T/pm.json" || fail "export json"
python3 - "$T/s.json" "$T/pm.json" <<'PY' || fail "json marks"
import json, sys
s = json.load(open(sys.argv[1], encoding="utf-8"))["timeline"]
x = json.load(open(sys.argv[2], encoding="utf-8"))["timeline"]
for tl in (s, x):
    marked = sorted(e["text"] for e in tl if e["unknown_origin"])
    assert marked == ["DB が遅いらしい", "噂: 外部APIも落ちている"], marked
    for e in tl:
        rule = e["source"] != "warroom" and (e["source"] == ""
                                             or e["confidence"] == "unverified")
        assert e["unknown_origin"] == rule, e
    kinds = {e["kind"] for e in tl if e["source"] == "warroom"}
    assert kinds == {"phase", "assignment", "release", "decision", "update"}, kinds
PY
md=$(cat "$T/pm.md")
assert_eq "$(grep -c 'unknown origin\*\*' "$T/pm.md")" 2 "two flagged in md"
assert_contains "$md" "| DB が遅いらしい | - | confirmed | **⚠ unknown origin** (no source) |" "md no source"
assert_contains "$md" "| slack | unverified | **⚠ unknown origin** (unverified) |" "md unverified"
assert_contains "$md" "2 flagged." "md count"
pass "one rule in status, status --json, export md and json; warroom's own never marked"

# A person cannot pass their entry off as warroom's.
sum=$(db_sum)
for s in warroom WarRoom " warroom "; do
	assert_fails "source '$s'" "$W" log "本当?" --source "$s"
	assert_contains "$(cat "$T/err")" "kept for what warroom writes itself" "why"
done
eid=$(q "SELECT id FROM entry WHERE text = 'DB が遅いらしい'")
assert_fails "edit to warroom" "$W" edit "$eid" --source warroom
wid=$(q "SELECT id FROM entry WHERE text LIKE '鈴木 checked in'")
assert_fails "edit warroom's own" "$W" edit "$wid" --text "別の話"
assert_eq "$(db_sum)" "$sum" "refusals change nothing"
pass "the source warroom is not a person's to give"

# An old database (before the origin was written): init gives warroom's
# entries their origin back; a person's stay as they were.
O=$T/old.db
old_db "$O"
assert_fails "reader on an old schema" env WARROOM_DB="$O" "$W" status
WARROOM_DB=$O "$W" init >/dev/null 2>&1 || fail "migrate"
oq() { sqlite3 "$O" "$1"; }
# The fixture: 6 joins, assignments, check-ins and phases, a decision, a
# release and an update written by warroom; a person's entry with no
# source and one from grafana.
assert_eq "$(oq "SELECT count(*) FROM entry WHERE source = 'warroom'")" 9 "origin restored"
assert_eq "$(oq "SELECT text FROM entry WHERE source = ''")" "DB が遅いらしい" "a person's entry untouched"
assert_eq "$(oq "SELECT source FROM entry WHERE text = 'error rate 5%'")" grafana "a source kept"
out=$(WARROOM_DB=$O "$W" status) || fail "status after the migration"
assert_eq "$(printf '%s\n' "$out" | grep -c 'UNKNOWN ORIGIN')" 1 "only the person's entry marked"
assert_contains "$(printf '%s\n' "$out" | grep 'UNKNOWN ORIGIN')" "DB が遅いらしい" "the marked one"

# An old export (no origin in it) imports with the origin restored.
python3 - "$T/pm.json" "$T/old.json" <<'PY' || fail "age the export"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
for e in d["timeline"]:
    e.pop("unknown_origin", None)
    if e["source"] == "warroom":
        e["source"] = ""
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
PY
new=$("$W" import "$T/old.json" --allow-past) || fail "import old export"
out=$("$W" --incident "$new" status) || fail "status of the import"
assert_eq "$(printf '%s\n' "$out" | grep -c 'UNKNOWN ORIGIN')" 2 "import: two marked"
assert_contains "$out" "鈴木 checked in  [warroom]" "import: origin restored"
pass "old databases and old exports get warroom's origin back"
