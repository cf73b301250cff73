#!/bin/sh
# authority.sh: who is acting (--as, $WARROOM_AS, the Unix user through
# [people]) and what their role lets them do from the command line: the
# commander alone runs the response, the scribe edits the timeline, anyone
# in the response logs, checks in and closes their own task; everyone else
# is refused with one line that says who may, and nothing changes. A
# handoff moves command in one transaction, never leaving two commanders,
# and the role history reaches both exports and survives an import. Old
# databases (two commander rows, or none) migrate to one commander.
. "$(dirname "$0")/../lib.sh"
q() { sqlite3 "file:$WARROOM_DB?mode=ro" "$1"; }
me=$(id -un)

# --- identity -----------------------------------------------------------
"$W" init >/dev/null 2>&1 || fail "init"
"$W" declare "決済 API 障害" --severity SEV2 >/dev/null || fail "declare"
assert_eq "$(q "SELECT commander FROM incident")" "$me" "the Unix user declares and commands"
assert_eq "$(q "SELECT role || ' ' || state FROM responder WHERE name = '$me'")" \
    "commander active" "the declarer joins as commander"
"$W" join 鈴木 --role scribe && "$W" join 佐藤 --role ops &&
    "$W" join 高橋 --role comms || fail "joins by the commander"
id=$(WARROOM_AS=佐藤 "$W" log "エラー率 上昇") || fail "log as \$WARROOM_AS"
assert_eq "$(q "SELECT author FROM entry WHERE id = $id")" "佐藤" "\$WARROOM_AS names the author"
id=$(WARROOM_AS=佐藤 "$W" --as 鈴木 log "as wins") || fail "log --as"
assert_eq "$(q "SELECT author FROM entry WHERE id = $id")" "鈴木" "--as over \$WARROOM_AS"
assert_fails "an empty --as" "$W" --as "" log x
assert_fails "invalid UTF-8 in \$WARROOM_AS" env WARROOM_AS="$(printf 'a\377')" "$W" log x
assert_contains "$(cat "$T/err")" "\$WARROOM_AS" "the error names where the name came from"
pass "--as, then \$WARROOM_AS, then the Unix user"

# [people] maps the Unix user to the name in the response.
write_config "$XDG_CONFIG_HOME/warroom/config" <<EOF
[people]
$me = 田中 太郎
EOF
D2="$T/people.db"
WARROOM_DB=$D2 "$W" declare "people map" >/dev/null 2>&1 || fail "declare mapped"
assert_eq "$(sqlite3 "$D2" "SELECT commander FROM incident")" "田中 太郎" "[people] name commands"
WARROOM_DB=$D2 "$W" phase investigating || fail "the mapped commander changes the phase"
assert_eq "$(sqlite3 "$D2" "SELECT author FROM entry ORDER BY id DESC LIMIT 1")" "田中 太郎" "mapped author"
WARROOM_DB=$D2 "$W" --as "$me" phase identified 2>"$T/err" && fail "--as bypasses [people]"
assert_contains "$(cat "$T/err")" "only the commander, 田中 太郎, may change the phase" "refusal names the mapped commander"
# A config others may read is refused for secrets, but naming oneself does
# not depend on it: the Unix user acts (and is refused here, not crashed).
chmod 644 "$XDG_CONFIG_HOME/warroom/config"
assert_fails "unreadable [people]: the Unix user is not the commander" \
    env WARROOM_DB="$D2" "$W" phase identified
assert_contains "$(cat "$T/err")" "you are $me" "falls back to the Unix user"
rm "$XDG_CONFIG_HOME/warroom/config"
pass "[people] maps the Unix user; --as still overrides it"

# --- roles --------------------------------------------------------------
e=$("$W" log "first sighting" --source grafana) || fail "log"
"$W" decide "roll back 4.2" --reason "errors began with 4.2" >/dev/null || fail "decide"
did=$(q "SELECT entry_id FROM decision")
sum=$(db_sum)
for cmd in "phase investigating" "severity SEV1" "assign 高橋 --purpose p --task t" \
    "join 山田" "dismiss 高橋" "dismiss --idle" "interval --checkin 5m" \
    "decide x --reason y" "delete $did" "handoff 佐藤" "done 高橋"; do
	# shellcheck disable=SC2086
	assert_fails "ops: $cmd" "$W" --as 佐藤 $cmd
	assert_contains "$(cat "$T/err")" "only the commander, $me, may" "ops: $cmd: who may"
	assert_contains "$(cat "$T/err")" "you are 佐藤, ops" "ops: $cmd: who you are"
	# shellcheck disable=SC2086
	assert_fails "scribe: $cmd" "$W" --as 鈴木 $cmd
	assert_contains "$(cat "$T/err")" "you are 鈴木, scribe" "scribe: $cmd"
done
assert_eq "$(db_sum)" "$sum" "refused commands changed the database"
pass "only the commander changes phase/severity, assigns, joins, dismisses, decides, deletes decisions, hands off"

assert_fails "ops edits" "$W" --as 佐藤 edit "$e" --text changed
assert_contains "$(cat "$T/err")" "only the scribe, 鈴木, or the commander, $me, may edit the timeline" "edit: who may"
assert_fails "ops deletes" "$W" --as 佐藤 delete "$e"
assert_fails "ops checks someone else in" "$W" --as 佐藤 checkin 高橋
assert_eq "$(db_sum)" "$sum" "refused edits changed the database"
"$W" --as 鈴木 edit "$e" --text "first sighting (grafana)" || fail "the scribe edits"
"$W" edit "$e" --confidence likely || fail "the commander edits"
"$W" --as 鈴木 checkin 高橋 || fail "the scribe records a check-in"
"$W" --as 佐藤 checkin 佐藤 || fail "ops checks in"
"$W" --as 高橋 log "お客様へ告知済み" --kind update >/dev/null || fail "comms logs"
"$W" --as 高橋 comms told || fail "comms sets the comms track"
"$W" assign 佐藤 --purpose "原因調査" --task "DB ログを見る" || fail "assign"
"$W" --as 佐藤 done 佐藤 || fail "ops closes their own task"
assert_eq "$(q "SELECT state FROM assignment")" done "own task done"
pass "the scribe edits, anyone in the response logs, checks in and closes their own task"

# Outsiders and the dismissed are refused, with who may add them. (A
# deploy or flag change is the service's, recorded whoever runs the hook.)
sum=$(db_sum)
for cmd in "log hi" "checkin 山田" "impact known" "update hello"; do
	# shellcheck disable=SC2086
	assert_fails "outsider: $cmd" "$W" --as 山田 $cmd
	assert_contains "$(cat "$T/err")" "山田 is not in the response of incident 1" "outsider: $cmd"
	assert_contains "$(cat "$T/err")" "'warroom join 山田'" "outsider: how to be added"
done
"$W" dismiss 高橋 || fail "dismiss"
assert_fails "dismissed logs" "$W" --as 高橋 log "still here"
assert_contains "$(cat "$T/err")" "高橋 is not in the response" "dismissed"
pass "someone not in the response is refused and told who adds them"

# One commander: join cannot make or unmake one.
sum=$(db_sum)
assert_fails "join as a second commander" "$W" join 佐藤 --role commander
assert_contains "$(cat "$T/err")" "use 'warroom handoff 佐藤'" "join commander says handoff"
assert_fails "demote the commander by join" "$W" join "$me" --role ops
assert_contains "$(cat "$T/err")" "hand command to someone first" "demote says handoff"
assert_eq "$(db_sum)" "$sum" "refused joins changed the database"
pass "join never makes a second commander"

# --- handoff -------------------------------------------------------------
sum=$(db_sum)
assert_fails "handoff to the commander" "$W" handoff "$me"
assert_fails "handoff keeping command" "$W" handoff 佐藤 --role commander
assert_fails "handoff unknown role" "$W" handoff 佐藤 --role boss
assert_fails "handoff invalid UTF-8" "$W" handoff "$(printf 'x\377')"
assert_fails "handoff empty name" "$W" handoff " "
assert_eq "$(db_sum)" "$sum" "refused handoffs changed the database"
"$W" handoff 佐藤 --role scribe || fail "handoff"
assert_eq "$(q "SELECT commander FROM incident")" "佐藤" "the incident names the new commander"
assert_eq "$(q "SELECT group_concat(name || ':' || role, ' ') FROM (SELECT name, role FROM responder WHERE state <> 'dismissed' ORDER BY name)")" \
    "$me:scribe 佐藤:commander 鈴木:scribe" "roles after the handoff"
assert_eq "$(q "SELECT text FROM entry ORDER BY id DESC LIMIT 1")" \
    "$me handed command to 佐藤; $me stays in the response as scribe" "the timeline records it"
assert_fails "the old commander changes the phase" "$W" phase investigating
assert_contains "$(cat "$T/err")" "only the commander, 佐藤, may change the phase (you are $me, scribe)" "old commander told"
"$W" --as 佐藤 phase investigating || fail "the new commander changes the phase"
"$W" edit "$e" --source pager || fail "the old commander, now scribe, edits"
# To someone outside the response: refused (never a typo made commander);
# joined first, they take command.
sum=$(db_sum)
assert_fails "handoff to someone not in the response" "$W" --as 佐藤 handoff 伊藤
assert_contains "$(cat "$T/err")" "伊藤 is not in the response" "newcomer refused"
assert_eq "$(db_sum)" "$sum" "a refused handoff changes nothing"
"$W" --as 佐藤 join 伊藤 >/dev/null || fail "join the newcomer"
"$W" --as 佐藤 handoff 伊藤 || fail "handoff to a newcomer"
assert_eq "$(q "SELECT role || ' ' || state FROM responder WHERE name = '伊藤'")" "commander active" "newcomer joins"
assert_eq "$(q "SELECT role FROM responder WHERE name = '佐藤'")" responder "default role kept"
assert_eq "$(q "SELECT count(*) FROM responder WHERE role = 'commander'")" 1 "one commander row"
pass "handoff moves command in one step and is recorded"

# Two commands racing to hand off: one wins, the other is refused, and
# there is never more than one commander.
for i in 1 2 3 4 5; do
	cur=$(q "SELECT commander FROM incident")
	"$W" --as "$cur" join "甲$i" >/dev/null && "$W" --as "$cur" join "乙$i" \
	    >/dev/null || fail "round $i: join"
	"$W" --as "$cur" handoff "甲$i" >/dev/null 2>&1 &
	p1=$!
	"$W" --as "$cur" handoff "乙$i" >/dev/null 2>&1 &
	p2=$!
	ok=0
	wait $p1 && ok=$((ok + 1))
	wait $p2 && ok=$((ok + 1))
	assert_eq "$ok" 1 "round $i: racing handoffs that succeeded"
	assert_eq "$(q "SELECT count(*) FROM responder WHERE role = 'commander'")" 1 "round $i: commanders"
	now=$(q "SELECT commander FROM incident")
	assert_eq "$(q "SELECT role FROM responder WHERE name = '$now'")" commander "round $i: the incident's commander is the board's"
done
pass "racing handoffs never make two commanders"

# --- history in the postmortem -------------------------------------------
"$W" export >"$T/pm.md" || fail "export md"
assert_contains "$(cat "$T/pm.md")" "## Roles (" "Roles section"
assert_contains "$(cat "$T/pm.md")" "| $me | (joined) | commander | $me |" "declaration in md"
assert_contains "$(cat "$T/pm.md")" "| $me | commander | scribe | $me |" "handoff (old) in md"
assert_contains "$(cat "$T/pm.md")" "| 佐藤 | ops | commander | $me |" "handoff (new) in md"
"$W" export --format json >"$T/pm.json" || fail "export json"
python3 - "$T/pm.json" "$me" <<'PY' || fail "roles in JSON"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
me = sys.argv[2]
got = [(r["name"], r["from"], r["to"], r["by"]) for r in d["roles"]]
want = [(me, None, "commander", me), ("鈴木", None, "scribe", me),
        ("佐藤", None, "ops", me), ("高橋", None, "comms", me),
        (me, "commander", "scribe", me), ("佐藤", "ops", "commander", me),
        ("伊藤", None, "responder", "佐藤"),
        ("佐藤", "commander", "responder", "佐藤"),
        ("伊藤", "responder", "commander", "佐藤")]
assert got[:len(want)] == want, got
assert all(r["at"].endswith("Z") for r in d["roles"])
PY
B="$T/b.db"
WARROOM_DB=$B "$W" init >/dev/null 2>&1 || fail "init b"
nid=$(WARROOM_DB=$B "$W" import "$T/pm.json") || fail "import"
WARROOM_DB=$B "$W" --incident "$nid" export --format json >"$T/b.json" || fail "export b"
python3 - "$T/pm.json" "$T/b.json" <<'PY' || fail "roles do not round-trip"
import json, sys
a, b = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:])
assert a["roles"] == b["roles"], (a["roles"], b["roles"])
PY
assert_eq "$(sqlite3 "$B" "SELECT count(*) FROM responder WHERE role = 'commander'")" 1 "imported: one commander"
# An export from before the rule: two commanders, no roles; imports with
# the one the incident names.
python3 - "$T/pm.json" "$T/old.json" <<'PY' || fail "craft old export"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
del d["roles"]
for r in d["responders"]:
    if r["name"] == "鈴木":
        r["role"] = "commander"
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
PY
nid=$(WARROOM_DB=$B "$W" import "$T/old.json") || fail "import old export"
assert_eq "$(sqlite3 "$B" "SELECT group_concat(name) FROM responder WHERE incident_id = $nid AND role = 'commander'")" \
    "$(q "SELECT commander FROM incident")" "old export: the named commander only"
pass "role history in Markdown and JSON; import round-trips it"

# --- no commander (an import without one, an old database) ---------------
sq "$WARROOM_DB" "UPDATE incident SET commander = NULL; UPDATE responder SET role = 'ops' WHERE role = 'commander'" >/dev/null ||
    fail "remove the commander"
keep_wal
sum=$(db_sum)
assert_fails "phase with no commander" "$W" --as 鈴木 phase mitigating
assert_contains "$(cat "$T/err")" "has no commander yet" "says there is none"
assert_contains "$(cat "$T/err")" "handoff" "says how to take command"
assert_eq "$(db_sum)" "$sum" "refusal changed the database"
"$W" --as 鈴木 handoff 鈴木 || fail "take command"
assert_eq "$(q "SELECT text FROM entry ORDER BY id DESC LIMIT 1")" "鈴木 took command" "taking command is recorded"
"$W" --as 鈴木 phase mitigating || fail "the new commander acts"
pass "with no commander, anyone may take command, and is told how"

# --- migration of an old database ----------------------------------------
# The schema 2 fixture (root declared it and commands it), plus what old
# databases could hold: a second commander row, an incident with none.
O="$T/old.db"
old_db "$O"
sqlite3 "$O" "INSERT INTO responder (incident_id, name, role, state, joined, last_checkin)
    VALUES (1, '二人目', 'commander', 'active', 1, 1);
    INSERT INTO incident (title, severity, phase, commander, created, detected, phase_since)
    VALUES ('no commander', 'SEV3', 'detected', NULL, 1, 1, 1);
    INSERT INTO responder (incident_id, name, role, state, joined, last_checkin)
    VALUES (2, '木村', 'commander', 'active', 1, 1);" || fail "make an old database"
WARROOM_DB=$O "$W" init >/dev/null 2>&1 || fail "migrate"
assert_eq "$(sqlite3 "$O" "SELECT group_concat(x) FROM (SELECT name || ':' || role AS x FROM responder WHERE incident_id = 1 ORDER BY id)")" \
    "root:commander,alice:ops,鈴木:responder,二人目:responder" "a second commander row becomes a responder"
assert_eq "$(sqlite3 "$O" "SELECT commander FROM incident WHERE id = 2")" "木村" "a commander-less incident takes its commander row"
assert_eq "$(sqlite3 "$O" "SELECT count(*) FROM role_change")" 5 "history seeded from the board"
WARROOM_DB=$O "$W" --incident 1 --as root phase identified || fail "the named commander commands after migrating"
assert_fails "the demoted one does not" env WARROOM_DB="$O" "$W" --incident 1 --as 二人目 phase mitigating
pass "old databases migrate to one commander per incident, with history"
