#!/bin/sh
# unix_output.sh: output a script reads. `warroom report --csv` is RFC
# 4180: every record ends with CRLF, fields with a comma, a quote or a line
# break are quoted (quotes doubled), and Python's csv module reads back each
# title as stored (Japanese included), while a control character in a
# title still never reaches the output and the terminal table keeps no
# '\r'. `warroom --help` puts every command's usage in one column.
. "$(dirname "$0")/../lib.sh"

"$W" init >/dev/null || fail init
for t in 'plain title' 'a, b and c' 'say "hi"' '決済APIのエラー率上昇、「至急」' \
    'two lines' ' spaced ' 'evil'; do
	"$W" declare "$t" >/dev/null || fail "declare $t"
done
# Titles the command line does not take, written as a broken or hostile
# writer could: a line break (kept, quoted), outer spaces (declare trims
# them), CR LF and escape sequences.
sq "$WARROOM_DB" "UPDATE incident SET title = ' spaced ' WHERE id = 6" >/dev/null || fail "title 6"
sq "$WARROOM_DB" "UPDATE incident SET title = 'first' || char(10) || 'second, \"2\"' WHERE id = 5" >/dev/null || fail "title 5"
sq "$WARROOM_DB" "UPDATE incident SET title = 'evil' || char(27) || ']0;owned' || char(7) || char(13) || char(10) || char(27) || '[2J' WHERE id = 7" >/dev/null || fail "title 7"
"$W" report --csv >"$T/r.csv" || fail "report --csv"
python3 - "$T/r.csv" <<'PY' || fail "CSV read back: $(cat -A "$T/r.csv" | head -20)"
import csv, sys
raw = open(sys.argv[1], "rb").read()
assert raw.endswith(b"\r\n"), raw[-20:]
# Every line break outside a quoted field is CRLF; the one inside the
# quoted title of incident 5 is the stored LF.
recs = raw.split(b"\r\n")[:-1]
assert len(recs) == 1 + 7 + 1, len(recs)
assert all(b"\r" not in r for r in recs), recs
assert sum(r.count(b"\n") for r in recs) == 2, recs   # titles 5 and 7
assert b"\x1b" not in raw and b"\x07" not in raw, raw
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8", newline="")))
got = [r["title"] for r in rows]
want = ["plain title", "a, b and c", 'say "hi"', "決済APIのエラー率上昇、「至急」",
        'first\nsecond, "2"', " spaced ", None, ""]
assert got[:6] == want[:6], got
assert got[6].startswith("evil") and "\x1b" not in got[6] and "\r" not in got[6], got[6]
assert got[7] == "" and rows[7]["incident"] == "total", rows[7]
assert all(len(r) == len(rows[0]) and None not in r for r in rows), rows
# Quoting as RFC 4180 says, byte for byte.
assert recs[2].startswith(b'2,"a, b and c",SEV3,'), recs[2]
assert recs[3].startswith(b'3,"say ""hi""",SEV3,'), recs[3]
assert recs[4].startswith("4,決済APIのエラー率上昇、「至急」,SEV3,".encode()), recs[4]
assert recs[5].startswith(b'5,"first\nsecond, ""2""",SEV3,'), recs[5]
assert recs[6].startswith(b'6," spaced ",SEV3,'), recs[6]
PY
"$W" report >"$T/table" || fail "report"
assert_eq "$(tr -d -c '\r\033' <"$T/table" | wc -c)" 0 "the table has no CR and no escape"
assert_contains "$(cat "$T/table")" "決済APIのエラー率上昇" "the table shows the titles"
pass "report --csv: CRLF records, RFC 4180 quoting, read back by python's csv"

# --help: the usages start in one column, whatever the command's name.
"$W" --help >"$T/help" || fail "--help"
python3 - "$T/help" <<'PY' || fail "--help column: $(sed -n '/^commands:/,/^$/p' "$T/help")"
import sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
i = lines.index("commands:")
cmds = []
for l in lines[i + 1:]:
    if l == "":
        break
    cmds.append(l)
names = [l.split()[0] for l in cmds]
assert "completion" in names and "init" in names, names
w = max(len(n) for n in names)
for l in cmds:
    name = l.split()[0]
    if l == "  " + name:  # no usage (snooze, version): no padding after it
        continue
    assert l.startswith("  " + name + " " * (w - len(name)) + " "), l
    rest = l[2 + w + 1:]
    assert rest == "" or rest[0] != " ", l
PY
pass "--help: one usage column for every command ($(sed -n '/^commands:/,/^$/p' "$T/help" | awk 'NF {print $1}' | wc -l) lines)"
