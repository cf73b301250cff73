#!/bin/sh
# export_routine: `warroom export --format json` writes each entry's
# routine mark and `warroom import` (into another database) reads it back:
# the imported incident's joins, check-ins and unchanged assignments are
# marked as the original's (so they fold alike), a changed assignment is
# marked "no"; an export with the field taken out still imports (no marks).
. "$(dirname "$0")/../lib.sh"
WARROOM_AS=ic && export WARROOM_AS
marks() { # db incident: one line per entry, in order
	sqlite3 "$1" "SELECT e.kind || '|' || e.text || '|' ||
	    coalesce(r.routine, '-') || '|' || coalesce(r.who, '-')
	    FROM entry e LEFT JOIN entry_routine r ON r.entry_id = e.id
	    WHERE e.incident_id = $2 ORDER BY e.event_time, e.id"
}

"$W" declare "定型の往復" --severity SEV2 >/dev/null 2>&1 || fail "declare"
"$W" join 田中 --role ops >/dev/null || fail "join"
"$W" assign 田中 --purpose "原因の特定" --task "ログを読む" >/dev/null ||
    fail "assign"
"$W" assign 田中 --purpose "原因の特定 " --task "ログを読む" >/dev/null ||
    fail "assign again"
"$W" checkin 田中 >/dev/null || fail "checkin"
"$W" assign 田中 --purpose "原因の特定" --task "DB を見る" >/dev/null ||
    fail "new task"
marks "$WARROOM_DB" 1 >"$T/want"
for m in "join|田中" "same|田中" "checkin|田中" "no|田中"; do
	grep -q "|$m\$" "$T/want" || fail "original lacks mark $m: $(cat "$T/want")"
done
"$W" export --format json -o "$T/x.json" || fail "export"
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
m = [e["routine"] for e in d["timeline"] if e.get("routine")]
assert {"mark": "same", "who": "田中"} in m, m
assert all(set(x) == {"mark", "who"} for x in m), m
' "$T/x.json" || fail "routine in the JSON"

WARROOM_DB="$T/b.db" "$W" init >/dev/null 2>&1 || fail "init b"
id=$(WARROOM_DB="$T/b.db" "$W" import "$T/x.json" --allow-past) ||
    fail "import: $id"
marks "$T/b.db" "$id" >"$T/got"
diff "$T/want" "$T/got" >&2 || fail "imported marks differ"
pass "export and import carry the routine marks"

# An export from before marks (no routine field) imports, unmarked.
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
for e in d["timeline"]:
    e.pop("routine", None)
json.dump(d, open(sys.argv[2], "w"), ensure_ascii=False)
' "$T/x.json" "$T/old.json" || fail "old export"
id=$(WARROOM_DB="$T/b.db" "$W" import "$T/old.json" --allow-past) ||
    fail "import old: $id"
assert_eq "$(sqlite3 "$T/b.db" "SELECT count(*) FROM entry_routine r JOIN
    entry e ON e.id = r.entry_id WHERE e.incident_id = $id")" 0 \
    "marks of an old export"
pass "an export without routine marks still imports"
