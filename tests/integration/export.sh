#!/bin/sh
# export.sh: an incident driven through every phase at fixed times exports
# to Markdown with the right sections, times and durations, and to JSON.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/postmortem.inc"

pm_fixture
at 5000 export >"$T/pm.md" || fail "export md"
md=$(cat "$T/pm.md")

# Sections, in order.
got=$(grep '^## ' "$T/pm.md" | tr '\n' '/')
assert_eq "$got" "## Summary/## Key times/## Changes before detection (1)/## Phase history/## Timeline/## Decisions (2)/## Assignments (1)/## Roles (3 changes)/## Releases and flags (1)/## Status updates (3)/## Metrics/## Retrospective actions (3)/" "sections"
got=$(grep '^### ' "$T/pm.md" | tr '\n' '/')
assert_eq "$got" "### Responders (4)/### Confirm the root cause (root-cause)/### Make the temporary fix permanent (permanent-fix)/### Prevent recurrence (prevent-recurrence)/### Detect faster (detect-faster)/### Recover faster (recover-faster)/" "subsections"
pass "sections"

# Key times and durations, computed from the recorded times.
has() { grep -qxF -- "$1" "$T/pm.md" || fail "missing line: $1"; }
has "# Postmortem: 決済APIのエラー率上昇 \\| checkout 5xx"
has "| Commander | alice |"
has "| First event | 2024-06-10 08:40:00 | 20m 00s before |"
has "| Detected | 2024-06-10 09:00:00 | 0s |"
has "| First action | 2024-06-10 09:05:00 | 5m 00s |"
has "| Identified | 2024-06-10 09:25:00 | 25m 00s |"
has "| Mitigated (monitoring) | 2024-06-10 09:40:00 | 40m 00s |"
has "| Recovered | 2024-06-10 09:50:00 | 50m 00s |"
has "| Resolved | 2024-06-10 10:05:00 | 1h 05m 00s |"
has "| Time to detect | 20m 00s | first event to detection |"
has "| Time to first action | 5m 00s | detection to first action or assignment |"
has "| Time to identify | 25m 00s | detection to identified |"
has "| Time to mitigate | 40m 00s | detection to monitoring |"
has "| Time to recover | 50m 00s | detection to recovered |"
has "| Time to resolve | 1h 05m 00s | detection to resolved |"
pass "key times and durations"

has "| 【検知】 detected | - | 2024-06-10 09:00:00 | 2m 00s | alice | - |"
has "| 【調査中】 investigating | detected | 2024-06-10 09:02:00 | 23m 00s | alice | - |"
has "| 【原因特定】 identified | investigating | 2024-06-10 09:25:00 | 5m 00s | alice | - |"
has "| 【対応中】 mitigating | identified | 2024-06-10 09:30:00 | 10m 00s | alice | - |"
has "| 【経過観察】 monitoring | mitigating | 2024-06-10 09:40:00 | 10m 00s | alice | - |"
has "| 【復旧完了】 recovered | monitoring | 2024-06-10 09:50:00 | 15m 00s | alice | - |"
has "| 【収束】 resolved | recovered | 2024-06-10 10:05:00 | 1m 40s | alice | - |"
has "| 【ふりかえり】 retrospective | resolved | 2024-06-10 10:06:40 | (current) | alice | - |"
pass "phase history"

# Timeline: source and confidence, flags, edits, deletions, hostile text.
has "| 2024-06-10 08:40:00 | event | alice | 5xx rising on checkout | grafana | confirmed |  |"
# A person's entry without a source (or unverified) is of unknown origin;
# warroom's own entries carry the source warroom and are never flagged.
has "| 2024-06-10 09:06:40 | action | bob | rolled back v1.2 | - | likely | **⚠ unknown origin** (no source) |"
has "| 2024-06-10 09:08:20 | event | alice | evil�\\[31m \\| pipe<br>second line | - | unverified | **⚠ unknown origin** (no source, unverified) |"
has "| 2024-06-10 09:10:00 | event | alice | a fixed typo *(edited, v2)* | pager | confirmed |  |"
has "| 2024-06-10 09:58:20 | note | agent | raw�\\[2Jrow | - | confirmed | **⚠ unknown origin** (no source) |"
has "| 2024-06-10 09:05:00 | assignment | alice | bob joined as responder | warroom | confirmed |  |"
assert_not_contains "$md" "wrong entry" "deleted entry"
assert_contains "$md" "(2 deleted, not shown; kept in the JSON export)" "deleted count"
has "3 flagged."
python3 - "$T/pm.md" <<'PY' || fail "control characters in the Markdown"
import sys
s = open(sys.argv[1], encoding="utf-8").read()
bad = [c for c in s if (ord(c) < 32 and c != "\n") or 0x7f <= ord(c) < 0xa0]
sys.exit(1 if bad else 0)
PY
pass "timeline"

# Decisions: text, reason, risk, the release rolled back and its mark, the
# sign-off (asked of, state, by, when, note), the checklist and its answers.
has "| 2024-06-10 09:07:30 | alice | roll back v1.2 | errors began with v1.2 \\| only | orders in flight | v1.2 (rollback-safe, deployed 2024-06-10 08:35:00) | approved, asked of dave, by dave at 2024-06-10 09:07:35: go ahead | Roll back a release<br>yes: Do features or data roll back with it? (no migration)<br>yes: Is the rollback procedure ready?<br>yes: Is the release marked rollback-safe?<br>n/a: Could a feature flag turn off only the broken feature instead? |"
has "| 2024-06-10 09:26:40 | alice | page the payments lead | card declines may be ours | - | - | pending, asked of carol | - |"
has "1 deleted, not shown; kept in the JSON export."
assert_not_contains "$(grep -v '^| .* | decision | ' "$T/pm.md")" "freeze deploys" "deleted decision"
has "| bob | find the cause | diff deploys | done | 2024-06-10 09:05:00 | 2024-06-10 09:51:40 |"
has "| 2024-06-10 08:35:00 | deploy | v1.2 | - | yes | https://ci.example/v1.2 |"
has "| Users | told (told 2024-06-10 09:03:25) |"
has "| 2024-06-10 09:03:20 | users | **【調査中】**<br>Checkout fails for some users.<br>Next update 09:30. | sent 2024-06-10 09:03:25, 1 attempt |"
has "- 2024-06-10 08:35:00 (25m 00s before detection): deploy v1.2, rollback-safe, by alice https://ci.example/v1.2"
has "| 2024-06-10 09:31:40 | managers | **【対応中】 mitigating**<br>ok | failed, 1 attempt, last error: HTTP 404: channel\\_not\\_found |"
has "| 2024-06-10 09:50:10 | engineers | **【復旧完了】 recovered**<br>back to normal | queued, 0 attempts |"
pass "decisions, assignments, releases, status updates"

# Metrics: a sparkline over the window with the phase changes marked.
has "**error\\_rate** (%): 90 samples, min 0.5, max 40.5, warn 5, crit 20"
fenced() { awk '/^\*\*error/ { f = 1 } f && /^```$/ { n++; next } f && n == 1' "$T/pm.md"; }
spark=$(fenced | sed -n 1p)
marks=$(fenced | sed -n 2p)
[ "$(printf '%s' "$spark" | python3 -c 'import sys; print(len(sys.stdin.read()))')" -eq 48 ] \
    || fail "sparkline is not 48 columns: '$spark'"
assert_contains "$spark" "█" "sparkline peak"
assert_contains "$spark" "▁" "sparkline low"
assert_contains "$marks" "1" "marker detected"
assert_contains "$marks" "8" "marker retrospective"
pass "metrics"

# Actions by category, with the durations they measure beside them.
has "> Time to detect: 20m 00s · time to first action: 5m 00s"
has "> Time to identify: 25m 00s · time to mitigate: 40m 00s · time to recover: 50m 00s"
has "| 1 | alert fired 20 minutes late | bob | 2024-07-01 23:59:59 | open | $PM_EVENT |"
has "| 2 | confirm why v1.2 broke checkout | carol | - | done | - |"
has "| 3 | canary for checkout | - | - | open | - |"
pass "actions"

# JSON: the same numbers, machine-readable.
at 5000 export --format json >"$T/pm.json" || fail "export json"
python3 - "$T/pm.json" <<'PY' || fail "json content"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert d["format"] == "warroom-export" and d["version"] == 1, d["format"]
assert d["durations"] == {"to_detect": 1200, "to_first_action": 300,
    "to_identify": 1500, "to_mitigate": 2400, "to_recover": 3000,
    "to_resolve": 3900}, d["durations"]
assert d["key_times"]["first_event"] == "2024-06-10T08:40:00Z"
assert d["incident"]["title"] == "決済APIのエラー率上昇 | checkout 5xx"
assert [p["phase"] for p in d["phases"]] == ["detected", "investigating",
    "identified", "mitigating", "monitoring", "recovered", "resolved",
    "retrospective"]
assert len(d["timeline"]) == 33, len(d["timeline"])
# The origin mark, by the one rule: warroom's own entries never.
marked = [e["text"] for e in d["timeline"] if e["unknown_origin"]]
assert all(not e["unknown_origin"] for e in d["timeline"]
           if e["source"] == "warroom"), marked
assert "rolled back v1.2" in marked and "5xx rising on checkout" not in marked
assert all(e["source"] == "warroom" for e in d["timeline"]
           if e["kind"] in ("phase", "assignment", "release"))
# The users' track: told when the users' update was delivered.
i = d["incident"]
assert (i["comms"], i["users_told"], i["users_updated"],
    i["recovery_told"]) == ("told", "2024-06-10T09:03:25Z", None, None), i
assert [u["dropped_at"] for u in d["status_updates"]] == [None] * 3
dele = [e for e in d["timeline"] if e["deleted"]]
assert len(dele) == 2 and dele[0]["history"][0]["text"] == "wrong entry"
ed = [e for e in d["timeline"] if e["text"] == "a fixed typo"][0]
assert ed["version"] == 2 and ed["history"][0]["text"] == "a typo"
assert all("\x1b" not in e["text"] for e in d["timeline"])
assert len(d["series"]) == 1 and len(d["series"][0]["samples"]) == 90
assert [a["category"] for a in d["actions"]] == ["root-cause",
    "prevent-recurrence", "detect-faster"]
ids = {e["id"]: e for e in d["timeline"]}
rel = {r["id"]: r for r in d["releases"]}
x, p, g = d["decisions"]
assert [x["text"], x["reason"], x["risk"], x["author"]] == ["roll back v1.2",
    "errors began with v1.2 | only", "orders in flight", "alice"], x
assert x["signoff"] == {"state": "approved", "from": "dave", "by": "dave",
    "at": "2024-06-10T09:07:35Z", "note": "go ahead"}, x["signoff"]
assert x["release"]["version"] == "v1.2" and x["release"]["rollback_safe"] == "yes"
assert rel[x["release"]["id"]]["name"] == "v1.2" and rel[x["release"]["id"]]["link"]
c = x["checklist"]
assert c["name"] == "rollback" and c["title"] == "Roll back a release", c
assert [(a["answer"], a["note"]) for a in c["answers"]] == [("yes",
    "no migration"), ("yes", None), ("yes", None), ("n/a", None)], c
assert c["answers"][0]["question"] == "Do features or data roll back with it?"
assert ids[x["entry_id"]]["kind"] == "decision" and x["time"] == ids[x["entry_id"]]["time"]
assert p["signoff"] == {"state": "pending", "from": "carol", "by": None,
    "at": None, "note": None}, p["signoff"]
assert p["release"] is None and p["checklist"] is None and p["risk"] == ""
assert g["text"] == "freeze deploys" and ids[g["entry_id"]]["deleted"]
assert g["signoff"]["state"] == "none" and g["signoff"]["from"] is None
assert [u["state"] for u in d["status_updates"]] == ["sent", "failed", "queued"]
PY
pass "json"

# -o: atomic, never clobbers without --force.
at 5000 export -o "$T/out.md" || fail "export -o"
cmp -s "$T/out.md" "$T/pm.md" || fail "-o content differs from stdout"
echo "hand edits" >"$T/out.md"
assert_fails "export -o onto an existing file" at 5000 export -o "$T/out.md"
assert_eq "$(cat "$T/out.md")" "hand edits" "existing file kept"
at 5000 export -o "$T/out.md" --force || fail "export -o --force"
cmp -s "$T/out.md" "$T/pm.md" || fail "--force did not replace"
mkdir "$T/dir"
assert_fails "export -o a folder" at 5000 export -o "$T/dir" --force
assert_fails "export --force without -o" at 5000 export --force
assert_fails "export bad format" at 5000 export --format pdf
assert_fails "export unknown incident" "$W" --incident 99 export
[ -z "$(find "$T" -name '*.tmp.*')" ] || fail "temporary file left behind"
pass "-o"

# A fresh incident with nothing recorded still exports.
at 6000 declare "quiet one" >/dev/null || fail "declare 2"
md=$(at 6000 export) || fail "export of an empty incident"
assert_contains "$md" "| Identified | - | - |" "unknown milestone"
assert_contains "$md" "| Time to detect | - | no event logged before detection |" "unknown time to detect"
pass "empty incident"
