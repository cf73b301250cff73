#!/bin/sh
# rollback_release.sh: releases and flag changes are the service's: deploy
# hooks record them with no incident open, and an incident shows those of
# its window (--window before detection through resolution). A rollback
# decision (Japanese or English) is tied to a release: --release, the
# version named in the text, else the latest deploy before detection. A
# checklist answer against the release's record is refused unless
# overridden; the override is stored, told in the timeline and the
# postmortem, and survives export and import with the changes before
# detection and when impact began.
. "$(dirname "$0")/../lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || fail "cd"	# ./checklists is in the search path

js() { # file, python expression over the JSON document d
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"
}
q() { sq "$WARROOM_DB" "$1" | tail -n +2; }	# past the persist_wal answer

# 1. No incident at all: deploy hooks still record, and tell no timeline.
"$W" init >/dev/null 2>&1 || fail "init"
"$W" deploy v2.12 --rollback-safe yes --at -3h >/dev/null || fail "deploy with no incident"
"$W" deploy v2.13 --rollback-safe yes --at -50m >/dev/null || fail "deploy v2.13"
"$W" deploy v2.14 --rollback-safe no --at -40m \
    --link https://ci.example/api/pull/214 >/dev/null || fail "deploy v2.14"
"$W" --as ci flag new-checkout on --at -35m >/dev/null || fail "flag with no incident"
assert_eq "$(q "SELECT count(*) FROM release WHERE incident_id IS NULL AND entry_id IS NULL")" 4 "service-level rows"
assert_eq "$(q "SELECT count(*) FROM incident")" 0 "no incident made"
assert_eq "$(q "SELECT author FROM release WHERE name = 'new-checkout'")" ci "author kept without an entry"
# Bad input is still refused, and changes nothing.
sum=$(db_sum)
assert_fails "bad mark" "$W" deploy v3 --rollback-safe maybe
assert_fails "future" "$W" deploy v3 --at "$(date -u -d '+2 hours' '+%Y-%m-%d %H:%M')Z"
assert_fails "bad flag state" "$W" flag x maybe
assert_fails "unknown incident" "$W" --incident 9 deploy v3
assert_eq "$(db_sum)" "$sum" "refusals change nothing"
pass "deploys and flags recorded with no incident open"

# 2. The window: one hour before detection; impact began 45 minutes before.
"$W" declare "決済APIのエラー率上昇" --severity SEV2 --window 1h --began -45m >/dev/null \
    || fail "declare --window --began"
"$W" status --json >"$T/s1.json" || fail "status"
assert_eq "$(js "$T/s1.json" '[r["name"] for r in d["releases"]]')" \
    "['new-checkout', 'v2.14', 'v2.13']" "the window holds what changed in the last hour"
assert_fails "began after detection" "$W" declare x --began "$(date -u -d '+1 minute' '+%H:%M')"
assert_fails "bad window" "$W" declare x --window 2d
assert_eq "$(q "SELECT count(*) FROM incident")" 1 "refused declares made nothing"
# A deploy while it is open is told in its timeline.
"$W" deploy v2.15 --rollback-safe unknown >/dev/null || fail "deploy during the incident"
assert_contains "$("$W" status)" "Deployed v2.15 (rollback-safe: unknown)" "told in the timeline"
pass "an incident shows the releases of its window and is told of new ones"

# 3. A Japanese rollback decision naming v2.14: yes to "marked rollback-safe?"
# contradicts the record (NOT rollback-safe): refused, nothing written.
sum=$(db_sum)
assert_fails "answer against the record" "$W" decide "v2.14 を切り戻す" \
    --reason "リリース直後からエラー" --checklist rollback --answers yes,yes,yes,no
assert_contains "$(cat "$T/err")" "release v2.14 is recorded as NOT rollback-safe" "says what the record holds"
assert_contains "$(cat "$T/err")" "--override" "says how to overrule it"
assert_fails "override with nothing to override" "$W" decide "v2.14 を切り戻す" \
    --reason r --checklist rollback --answers yes,yes,no,no --override "why not"
assert_contains "$(cat "$T/err")" "nothing to override" "an idle override is refused"
assert_fails "unknown --release" "$W" decide "roll back" --reason r --release v9.9
assert_contains "$(cat "$T/err")" "no deploy of 'v9.9' is recorded" "names the version"
assert_eq "$(db_sum)" "$sum" "nothing recorded by refusals"
out=$("$W" decide "v2.14 を切り戻す" --reason "リリース直後からエラー" --checklist rollback \
    --answers "yes,yes,yes:手順書で確認,no" --override "移行は後方互換と確認済み") || fail "decide --override"
assert_contains "$out" "WARNING: release v2.14 is NOT rollback-safe" "the mark"
assert_contains "$out" "https://ci.example/api/pull/214" "the link"
assert_contains "$out" "OVERRIDE: answered yes to \"Is the release marked rollback-safe?\" though release v2.14 is recorded as NOT rollback-safe: 移行は後方互換と確認済み" "the override"
pass "an answer against the record is refused unless overridden"

# 4. Which release: --release wins; text naming none takes the latest deploy
# before detection (v2.14, not v2.15 deployed after it) and says so; English
# words and no word at all.
out=$("$W" decide "revert the last release" --reason "errors") || fail "decide revert"
assert_contains "$out" "release v2.14 is NOT rollback-safe" "latest before detection"
assert_contains "$out" "the latest deploy before detection: name another with --release VERSION" "says which was chosen"
out=$("$W" decide "ロールバックする" --reason "errors" --release v2.13) || fail "decide --release"
assert_contains "$out" "release v2.13 is rollback-safe" "--release chosen"
out=$("$W" decide "v2.13に戻す" --reason "errors") || fail "decide 戻す"
assert_contains "$out" "release v2.13 is rollback-safe" "named before Japanese text"
out=$("$W" decide "add capacity" --reason "load") || fail "decide other"
assert_not_contains "$out" "release" "not a rollback: no release"
"$W" status --json >"$T/s2.json" || fail "status --json"
assert_eq "$(js "$T/s2.json" '[(x["text"], (x["release"] or {}).get("version"), x["override"] is not None) for x in sorted(d["decisions"], key=lambda x: x["id"])]')" \
    "[('v2.14 を切り戻す', 'v2.14', True), ('revert the last release', 'v2.14', False), ('ロールバックする', 'v2.13', False), ('v2.13に戻す', 'v2.13', False), ('add capacity', None, False)]" "decisions and their releases"
assert_contains "$(js "$T/s2.json" '[e["text"] for e in d["timeline"] if e["kind"] == "decision"]')" \
    "; OVERRIDE: answered yes" "the override in the timeline"
pass "the release of each rollback decision"

# 5. Interactively: a yes against the record asks for a reason; Enter asks
# the question again; the reason given is stored.
cat >"$T/resp" <<'R'
yes

yes

yes

yes
a canary proved v2.13 runs on the new schema
checked with the DBA
no

R
python3 "$top/tests/integration/pty_drive.py" "$T/resp" -- \
    "$W" decide "v2.14 を切り戻す" --reason "again" --checklist rollback \
    >"$T/pty.out" 2>&1 || fail "interactive decide: $(cat "$T/pty.out")"
tr -d '\r' <"$T/pty.out" >"$T/pty.txt"
out=$(cat "$T/pty.txt")
assert_contains "$out" "Release v2.14 is marked NOT rollback-safe." "the record first"
assert_contains "$out" "link: https://ci.example/api/pull/214" "its link"
assert_contains "$out" "(named in the decision)" "how it was chosen"
assert_eq "$(grep -c 'to keep .yes. against the record' "$T/pty.txt")" 2 "asked for a reason, then again"
assert_contains "$out" "OVERRIDE: answered yes to \"Is the release marked rollback-safe?\" though release v2.14 is recorded as NOT rollback-safe: a canary proved v2.13 runs on the new schema" "stored"
pass "the interactive walk shows the record and asks for an override"

# 6. Resolved: a later deploy is not the incident's, nor in its timeline.
"$W" phase resolved >/dev/null || fail "resolve"
sleep 1
n=$(q "SELECT count(*) FROM entry")
"$W" deploy v2.16 >/dev/null || fail "deploy after resolution"
assert_eq "$(q "SELECT count(*) FROM entry")" "$n" "a resolved incident is not told"
assert_eq "$(q "SELECT count(*) FROM release WHERE name = 'v2.16' AND incident_id IS NULL")" 1 "still recorded"
"$W" init >/dev/null 2>&1 || fail "init"
"$W" status --json >"$T/s3.json" || fail "status"
assert_not_contains "$(js "$T/s3.json" '[r["name"] for r in d["releases"]]')" "v2.16" "not in its window"
pass "a resolved incident collects no later deploys"

# 7. The postmortem and the round trip through export and import.
"$W" export -o "$T/pm.md" || fail "export md"
md=$(cat "$T/pm.md")
assert_contains "$md" "| Impact began | " "impact began"
assert_contains "$md" "| Time to detect | 45m 00s | impact began to detection |" "time to detect"
assert_contains "$md" "## Changes before detection (3)" "changes before detection"
assert_contains "$md" " before detection): deploy v2.14, NOT rollback-safe, by root https://ci.example/api/pull/214" "v2.14 listed"
assert_contains "$md" "flag new-checkout turned on, by ci" "the flag listed"
assert_not_contains "$md" "v2.12" "outside the window"
assert_contains "$md" "v2.14 (NOT rollback-safe, deployed " "the release in the decisions"
assert_contains "$md" "**Override:** answered yes" "the override in the decisions"
"$W" export --format json -o "$T/pm.json" || fail "export json"
assert_eq "$(js "$T/pm.json" 'len(d["changes_before_detection"]), d["incident"]["change_window"], d["durations"]["to_detect"]')" \
    "(3, 3600, 2700)" "JSON: changes, window, time to detect"
"$W" import "$T/pm.json" >/dev/null || fail "import"
"$W" --incident 2 export --format json -o "$T/pm2.json" || fail "export the import"
python3 - "$T/pm.json" "$T/pm2.json" <<'PY' || fail "round trip"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for k in ("began", "change_window", "detected"):
    assert a["incident"][k] == b["incident"][k], k
assert a["durations"]["to_detect"] == b["durations"]["to_detect"]
key = lambda r: (r["kind"], r["name"], r["at"], r["author"], r["rollback_safe"], r["link"])
ra = {r["id"]: r for r in a["releases"]}
rb = {r["id"]: r for r in b["releases"]}
assert sorted(map(key, ra.values())) == sorted(map(key, rb.values()))
assert sorted(key(ra[i]) for i in a["changes_before_detection"]) == \
    sorted(key(rb[i]) for i in b["changes_before_detection"])
da = [(x["text"], x["override"], key(ra[x["release"]["id"]]) if x["release"] else None) for x in a["decisions"]]
db = [(x["text"], x["override"], key(rb[x["release"]["id"]]) if x["release"] else None) for x in b["decisions"]]
assert da == db, (da, db)
assert sum(1 for x in b["decisions"] if x["override"]) == 2
PY
assert_eq "$(q "SELECT count(*) FROM release")" 6 "import reuses the releases already recorded"
pass "postmortem and round trip: releases, overrides, changes before detection"
