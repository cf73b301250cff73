#!/bin/sh
# import.sh: a JSON export imports into another database as a new incident
# whose export equals the original (but for the documented differences);
# malformed or hostile documents are refused with one line, changing nothing.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/postmortem.inc"

pm_fixture
at 5000 export --format json >"$T/a.json" || fail "export a"
at 5000 export >"$T/a.md" || fail "export a md"

# Into another database that already holds an incident.
B="$T/b.db"
WARROOM_DB=$B "$W" init >/dev/null 2>&1 || fail "init b"
WARROOM_DB=$B at 0 declare "unrelated" >/dev/null || fail "declare in b"
id=$(WARROOM_DB=$B "$W" import "$T/a.json") || fail "import"
assert_eq "$id" "2" "new incident id"
WARROOM_DB=$B at 5000 --incident 2 export --format json >"$T/b.json" \
    || fail "export b"
WARROOM_DB=$B at 5000 --incident 2 export >"$T/b.md" || fail "export b md"

# Equal but for ids (the database's own) and the queued update, which is
# never sent from the new database.
python3 - "$T/a.json" "$T/b.json" <<'PY' || fail "round trip differs"
import json, sys
def norm(path, imported):
    d = json.load(open(path, encoding="utf-8"))
    ids = {e["id"]: i for i, e in enumerate(d["timeline"])}
    rel = {r["id"]: i for i, r in enumerate(d["releases"])}
    del d["incident"]["id"]
    for x in d["decisions"]:
        if x["release"] is not None:
            x["release"]["id"] = rel[x["release"]["id"]]
    for e in d["timeline"]:
        e["id"] = ids[e["id"]]
    for sec in ("decisions", "releases", "status_updates", "actions",
                "phases", "assignments"):
        for x in d[sec]:
            x.pop("id", None)
            if x.get("entry_id") is not None:
                x["entry_id"] = ids[x["entry_id"]]
    if not imported:
        for u in d["status_updates"]:
            if u["state"] == "queued":
                u["state"] = "failed"
                u["last_error"] = ("imported while queued: not sent from "
                                   "this database")
    return d
a, b = norm(sys.argv[1], False), norm(sys.argv[2], True)
if a != b:
    for k in a:
        if a[k] != b.get(k):
            print("differs:", k, json.dumps(a[k])[:300], json.dumps(b.get(k))[:300])
    sys.exit(1)
assert b["incident"]["users_told"] == "2024-06-10T09:03:25Z", b["incident"]
assert len(a["timeline"]) == 33 and a["timeline"][0]["history"] == []
# What the round trip has to carry: a checklist, both sign-offs, a release.
x, p, g = b["decisions"]
assert x["checklist"]["answers"][0]["note"] == "no migration", x
assert x["signoff"]["state"] == "approved" and x["signoff"]["note"] == "go ahead"
assert x["release"] == {"id": 0, "version": "v1.2", "rollback_safe": "yes"}
assert p["signoff"]["state"] == "pending" and p["signoff"]["from"] == "carol"
PY
pass "json round trip"

# The Markdown too, but for the incident number and that update.
diff "$T/a.md" "$T/b.md" >"$T/md.diff"
assert_eq "$(grep -c '^[<>]' "$T/md.diff")" "4" "markdown differences"
grep -q '^< Incident #1 ' "$T/md.diff" || fail "incident line"
grep -q '^> .*failed, 0 attempts, last error: imported while queued' \
    "$T/md.diff" || fail "queued update line"
pass "markdown round trip"

# Imported edit history is real history.
eid=$(sqlite3 "$B" "SELECT id FROM entry WHERE incident_id = 2 AND text = 'a fixed typo'")
WARROOM_DB=$B "$W" init >/dev/null 2>&1
WARROOM_DB=$B "$W" log --history "$eid" >"$T/hist" || fail "history"
assert_contains "$(cat "$T/hist")" "a typo" "old version kept"
assert_contains "$(cat "$T/hist")" "a fixed typo" "new version"
# Actions keep their order and state.
WARROOM_DB=$B "$W" --incident 2 action list --json >"$T/act.json" \
    || fail "action list b"
python3 -c '
import json, sys
a = json.load(open(sys.argv[1]))
assert [(x["text"][:7], x["done"]) for x in a] == [("confirm", True),
    ("canary ", False), ("alert f", False)], a
assert a[2]["entry_id"] is not None
' "$T/act.json" || fail "imported actions"
# Imported decisions are live ones: the pending sign-off can be given.
WARROOM_DB=$B "$W" --incident 2 status --json >"$T/st.json" || fail "status b"
pend=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["pending_signoffs"][0])' "$T/st.json")
WARROOM_DB=$B at 6000 --as carol signoff "$pend" >/dev/null \
    || fail "signoff of an imported decision"
assert_eq "$(sqlite3 "$B" "SELECT signoff_state, signed_by FROM decision WHERE id = $pend")" \
    "approved|carol" "signed off"
# The same file again: another new incident; series samples not doubled.
id=$(WARROOM_DB=$B "$W" import "$T/a.json") || fail "import again"
assert_eq "$id" "3" "second import id"
assert_eq "$(sqlite3 "$B" 'SELECT count(*) FROM sample')" "90" "samples"
assert_eq "$(sqlite3 "$B" 'SELECT count(*) FROM series')" "1" "series"
WARROOM_DB=$B "$W" init >/dev/null 2>&1
pass "import again"

# --- malformed and hostile documents --------------------------------------
before=$(WARROOM_DB=$B db_sum)
mk() { # name, python expression over d (the parsed export) producing text
	python3 - "$T/a.json" "$T/bad-$1.json" "$2" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
out = eval(sys.argv[3])
mode = "wb" if isinstance(out, bytes) else "w"
with open(sys.argv[2], mode) as f:
    f.write(out)
PY
}
mk notjson '"{ not json"'
mk empty '""'
mk array '"[]"'
mk format 'json.dumps(dict(d, format="other"))'
mk version 'json.dumps(dict(d, version=2))'
mk noincident 'json.dumps({k: v for k, v in d.items() if k != "incident"})'
mk severity 'json.dumps(dict(d, incident=dict(d["incident"], severity="SEV9")))'
mk feb30 'json.dumps(dict(d, incident=dict(d["incident"], detected="2024-02-30T00:00:00Z")))'
mk localtime 'json.dumps(dict(d, incident=dict(d["incident"], detected="2024-06-10 09:00")))'
mk bigint 'json.dumps(dict(d, incident=dict(d["incident"], checkin_interval=1e300)))'
mk float 'json.dumps(dict(d, incident=dict(d["incident"], checkin_interval=1.5)))'
mk emptytitle 'json.dumps(dict(d, incident=dict(d["incident"], title="  ")))'
mk titletype 'json.dumps(dict(d, incident=dict(d["incident"], title=["x"])))'
mk badutf8 'json.dumps(d, ensure_ascii=False).replace("checkout 5xx", "checkout \udcff", 1).encode("utf-8", "surrogateescape")'
mk dupid 'json.dumps(dict(d, timeline=d["timeline"] + [d["timeline"][0]]))'
mk dangling 'json.dumps(dict(d, decisions=[dict(d["decisions"][0], entry_id=999999)]))'
mk responder 'json.dumps(dict(d, assignments=[dict(d["assignments"][0], responder="nobody")]))'
mk history 'json.dumps(dict(d, timeline=[dict(e, history=[dict(h, version=9) for h in e["history"]]) for e in d["timeline"]]))'
mk samples 'json.dumps(dict(d, series=[dict(d["series"][0], samples=d["series"][0]["samples"][::-1])]))'
mk sampletype 'json.dumps(dict(d, series=[dict(d["series"][0], samples=[[1, "x"]])]))'
mk category 'json.dumps(dict(d, actions=d["actions"] + [dict(d["actions"][0], category="blame")]))'
mk kind 'json.dumps(dict(d, timeline=[dict(d["timeline"][0], kind="EVENT")]))'
dec() { # python expression for a changed decisions[0] (x) in document d
	mk "$1" "json.dumps(dict(d, decisions=[(lambda x: $2)(d['decisions'][0])] + d['decisions'][1:]))"
}
dec signoffnone 'dict(x, signoff=dict(x["signoff"], state="none"))'
dec signoffby 'dict(x, signoff=dict(x["signoff"], state="pending"))'
dec signoffnull 'dict(x, signoff=None)'
dec notext 'dict(x, text="")'
dec noreason '{k: v for k, v in x.items() if k != "reason"}'
dec release 'dict(x, release=dict(x["release"], id=999))'
dec oldchecklist 'dict(x, checklist=[{"q": "?", "a": "yes"}])'
dec answer 'dict(x, checklist=dict(x["checklist"], answers=[dict(x["checklist"]["answers"][0], answer="maybe")]))'
dec noanswers 'dict(x, checklist=dict(x["checklist"], answers=[]))'
dec checkname 'dict(x, checklist=dict(x["checklist"], name="../etc"))'
mk relvalue 'json.dumps(dict(d, releases=[dict(d["releases"][0], value="maybe")]))'
mk deep '"[" * 100000 + "]" * 100000'
mk deepobj 'json.dumps(dict(d, actions=[dict(d["actions"][0], text={"a": [[[[[]]]]]})]))'
mk truncated 'json.dumps(d)[:-2]'
mk trailing 'json.dumps(d) + " {}"'
mk nul 'json.dumps(d)[:100] + "\0" + json.dumps(d)[100:]'
n=0
for f in "$T"/bad-*.json; do
	assert_fails "import $(basename "$f")" env WARROOM_DB="$B" "$W" import "$f"
	n=$((n + 1))
done
assert_eq "$n" "38" "malformed documents tried"
assert_fails "import a missing file" env WARROOM_DB="$B" "$W" import "$T/none.json"
assert_fails "import a folder" env WARROOM_DB="$B" "$W" import "$T"
assert_eq "$(WARROOM_DB=$B db_sum)" "$before" "database changed by a refused import"
# Into a database that does not exist yet: a refusal creates nothing.
assert_fails "import refused into a new path" env WARROOM_DB="$T/new/n.db" \
    "$W" import "$T/bad-version.json"
assert_fails "import of a missing file into a new path" \
    env WARROOM_DB="$T/new/n.db" "$W" import "$T/none.json"
[ ! -e "$T/new" ] || fail "a refused import left a database behind"
pass "malformed documents refused ($n), nothing changed"

# All or nothing: a failure while writing (here a trigger) leaves no trace.
sqlite3 "$B" "CREATE TRIGGER boom BEFORE INSERT ON action BEGIN
    SELECT RAISE(ABORT, 'no actions today'); END;"
WARROOM_DB=$B "$W" init >/dev/null 2>&1
before=$(WARROOM_DB=$B db_sum)
assert_fails "import with a failing write" env WARROOM_DB="$B" "$W" import "$T/a.json"
assert_contains "$(cat "$T/err")" "no actions today" "error says why"
assert_eq "$(WARROOM_DB=$B db_sum)" "$before" "half an import was written"
pass "one transaction"

# Control characters inside JSON strings are cleaned, not stored.
python3 - "$T/a.json" "$T/ctl.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
d["incident"]["title"] = "ti\u001b]0;pwned\u0007tle\u202e"
d["timeline"][0]["text"] = "multi\nline\u009b31m"
json.dump(d, open(sys.argv[2], "w"))
PY
C="$T/c.db"
id=$(WARROOM_DB=$C "$W" import "$T/ctl.json" 2>/dev/null) || fail "import with controls"
WARROOM_DB=$C at 5000 --incident "$id" export --format json >"$T/c.json" || fail "export c"
python3 - "$T/c.json" <<'PY' || fail "controls kept"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
t = d["incident"]["title"]
assert t == "ti\ufffd]0;pwned\ufffdtle\ufffd", repr(t)
assert d["timeline"][0]["text"] == "multi\nline\ufffd31m", repr(d["timeline"][0]["text"])
PY
pass "control characters cleaned"
