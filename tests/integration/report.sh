#!/bin/sh
# report.sh: `warroom report` across incidents (one driven through every
# phase, its import, an open one with an overdue action): key times equal
# to each incident's own export, cadence, decisions, actions; the table
# lines up Japanese titles, CSV and JSON parse; bad input is one line.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/postmortem.inc"

pm_fixture
at 5000 export --format json >"$T/a.json" || fail "export 1"
id=$("$W" import "$T/a.json") || fail "import"
assert_eq "$id" "2" "imported incident"
# A third, open and late: SEV1 (updates every 15 minutes), none given,
# an action overdue, one open without a due date.
DAY=$((T0 + 22 * 86400)) # 2024-07-02, after the first one's action was due
WARROOM_NOW=$DAY "$W" --as 鈴木 declare "ログイン不可 (SSO)" --severity SEV1 \
    --at @$DAY >/dev/null || fail "declare 3"
WARROOM_NOW=$((DAY + 60)) "$W" --as 鈴木 --incident 3 phase investigating \
    || fail "phase 3"
WARROOM_NOW=$((DAY + 100)) "$W" --as 鈴木 --incident 3 action add \
    "IdP の証明書期限を監視" --category detect-faster --owner 佐藤 \
    --due @$((DAY + 1000)) >/dev/null || fail "action 3a"
WARROOM_NOW=$((DAY + 110)) "$W" --as 鈴木 --incident 3 action add \
    "runbook for SSO" --category recover-faster >/dev/null \
    || fail "action 3b"
NOW=$((DAY + 3600))
for i in 1 2 3; do
	WARROOM_NOW=$NOW "$W" --incident $i export --format json \
	    >"$T/e$i.json" || fail "export $i"
done

WARROOM_NOW=$NOW "$W" report --json >"$T/r.json" || fail "report --json"
python3 - "$T" <<'PY' || fail "report JSON"
import json, sys
t = sys.argv[1]
r = json.load(open(t + "/r.json", encoding="utf-8"))
assert r["format"] == "warroom-report", r
inc = r["incidents"]
assert [i["incident"] for i in inc] == [1, 2, 3], [i["incident"] for i in inc]
for i in inc:
    e = json.load(open("%s/e%d.json" % (t, i["incident"]), encoding="utf-8"))
    for k, v in i["durations"].items():
        assert e["durations"][k] == v, (i["incident"], k, v, e["durations"][k])
one, three = inc[0], inc[2]
# The fixture's own figures (export.sh checks them in the postmortem).
assert one["durations"] == {"to_detect": 1200, "to_mitigate": 2400,
                            "to_recover": 3000, "to_resolve": 3900}, one
assert one["title"] == "決済APIのエラー率上昇 | checkout 5xx"
# Users at 200 s and engineers queued at 3010 s count (managers do not):
# the gap 200 -> 3010 is over SEV2's 30 minutes.
assert one["cadence"] == {"interval": 1800, "kept": False, "updates": 2,
                          "missed": 1, "longest_gap": 2810}, one["cadence"]
# Two decisions live (the third's entry was deleted).
assert one["decisions"] == 2, one["decisions"]
a = one["actions"]
assert a["detect-faster"] == {"open": 0, "overdue": 1, "done": 0}, a
assert a["root-cause"] == {"open": 0, "overdue": 0, "done": 1}, a
assert a["prevent-recurrence"] == {"open": 1, "overdue": 0, "done": 0}, a
assert [o["text"] for o in one["overdue"]] == ["alert fired 20 minutes late"]
assert three["durations"]["to_resolve"] is None
assert three["cadence"]["kept"] is False and three["cadence"]["updates"] == 0
assert three["cadence"]["longest_gap"] == 3600, three["cadence"]
assert three["overdue"][0]["owner"] == "佐藤", three["overdue"]
tot = r["total"]
assert tot["incidents"] == 3 and tot["overdue"] == 3, tot
assert tot["cadence"]["kept"] == 0, tot
assert tot["decisions"] == 4, tot
# The median of 1200, 1200 and none.
assert tot["median"]["to_detect"] == 1200, tot["median"]
PY
pass "JSON: every incident's durations equal its export; cadence, decisions, actions"

WARROOM_NOW=$NOW "$W" report >"$T/r.txt" || fail "report"
python3 - "$T/r.txt" <<'PY' || fail "report table"
import sys, unicodedata
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
def col(line, word):  # display column where word starts
    return width(line[:line.index(word)])
head = lines[0]
assert head.split()[:4] == ["#", "TITLE", "SEV", "PHASE"], head
rows = [l for l in lines[1:4]]
assert rows[0].lstrip().startswith("1  決済APIのエラー率上昇 |…  SEV2"), rows[0]
assert rows[2].lstrip().startswith("3  ログイン不可 (SSO)"), rows[2]
for l in rows:
    assert col(l, "SEV") == col(head, "SEV"), (l, head)
assert "20m 00s" in rows[0] and "1h 05m 00s" in rows[0], rows[0]
assert "MISSED 1 (30m)" in rows[0] and "MISSED 1 (15m)" in rows[2], rows
assert rows[2].endswith("2 open, 0 done, 1 OVERDUE"), rows[2]
assert lines[4].lstrip().startswith("all 3 (median times)"), lines[4]
assert "kept 0 of 3" in lines[4], lines[4]
od = [l for l in lines if "OVERDUE since" in l]
assert len(od) == 3, od
assert od[2].startswith("  !! OVERDUE since 2024-07-02 09:16:40  #3 action") \
    and od[2].endswith("[detect-faster] IdP の証明書期限を監視 (owner: 佐藤)"), od
PY
pass "table: titles padded by display width, cadence, overdue actions stand out"

WARROOM_NOW=$NOW "$W" report --csv >"$T/r.csv" || fail "report --csv"
python3 - "$T/r.csv" "$T/e1.json" <<'PY' || fail "report CSV"
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8", newline="")))
e = json.load(open(sys.argv[2], encoding="utf-8"))
assert [r["incident"] for r in rows] == ["1", "2", "3", "total"], rows
one = rows[0]
assert one["title"] == "決済APIのエラー率上昇 | checkout 5xx", one
for k in ("to_detect", "to_mitigate", "to_recover", "to_resolve"):
    assert int(one[k]) == e["durations"][k], (k, one[k])
assert rows[2]["to_resolve"] == "", rows[2]
assert one["cadence_kept"] == "no" and one["updates_missed"] == "1", one
assert one["detect-faster_overdue"] == "1" and one["root-cause_done"] == "1"
assert rows[3]["decisions"] == "4" and rows[3]["cadence_kept"] == "0"
PY
# A title with a quote and a comma is quoted as RFC 4180 says.
sqlite3 "$WARROOM_DB" "UPDATE incident SET title = 'say \"hi\", then' \
    WHERE id = 2" || fail "title"
WARROOM_NOW=$NOW "$W" report --csv | sed -n 3p | grep -q '^2,"say ""hi"", then",SEV2,' \
    || fail "CSV quoting: $(WARROOM_NOW=$NOW "$W" report --csv | sed -n 3p)"
pass "CSV: header row, one row per incident and the total, RFC 4180 quoting"

# --since: a date keeps the incidents detected from its first second.
got=$(WARROOM_NOW=$NOW "$W" report --json --since 2024-06-11 | python3 -c '
import json, sys; print([i["incident"] for i in json.load(sys.stdin)["incidents"]])')
assert_eq "$got" "[3]" "--since a date"
got=$(WARROOM_NOW=$NOW "$W" report --csv --since 2030-01-01 | wc -l)
assert_eq "$got" "2" "--since later than all: header and total"
pass "--since"

sum=$(db_sum)
assert_fails "--since garbage" "$W" report --since yesterday-ish
assert_fails "--json and --csv" "$W" report --json --csv
assert_fails "an argument" "$W" report extra
assert_eq "$(db_sum)" "$sum" "nothing changed"
pass "bad input: one line, nothing changed"
