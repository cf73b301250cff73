#!/bin/sh
# tui_wrap_kinsoku: the record view (Enter on an entry) wraps Japanese
# with kinsoku shori at 80x24, 100x30 and 200x50: no row starts with a
# closer (。、」ー っ...) nor ends with an opener (「（...); the character
# before a closer goes down with it (oidashi), so no row is wider than the
# view; the rows joined give the text back. Each text is made so that a
# plain cut at the width would break both rules.
. "$(dirname "$0")/../lib.sh"

"$W" --as alice declare "禁則の確認" >/dev/null 2>&1 || fail "declare"
"$W" --as alice join 田中 --role scribe >/dev/null || fail "join"
# The text for a view COLS columns wide: row 1 full of 監 but for 視, then
# 。; row 2 a plain cut would end with 「.
text() {
	python3 -c 'import sys
n = (int(sys.argv[1]) - 4) // 2
print("監" * (n - 1) + "視。" + "監" * (n - 2) + "「確認」の後に再起動する、ちょっと待つ。")' "$1"
}
for c in 80 100 200; do
	"$W" --as 田中 log "$(text $c)" --source grafana >/dev/null ||
	    fail "log $c"
done

# Check the text rows of NAME's record view (WIDTH columns).
check() { # name width
	tm_wait "$1" "Version        v1, never edited"
	tm_screen "$1" | python3 -c '
import sys, unicodedata as u
w, want = int(sys.argv[1]), sys.argv[2]
lines = sys.stdin.read().split("\n")
i = next(k for k, l in enumerate(lines) if l.startswith("║ Version"))
rows = []
for l in lines[i + 2:]:
    t = l[2:].rstrip().rstrip("║").rstrip()
    if t == "":
        break
    rows.append(t)
closers = "。、，．）」』】〕！？ーゃゅょっャュョッァィゥェォ"
openers = "「『（【〔"
width = lambda s: sum(2 if u.east_asian_width(c) in "WF" else 1 for c in s)
assert "".join(rows) == want, "joined: %r" % rows
assert len(rows) >= 3, rows
for k, r in enumerate(rows):
    assert width(r) <= w - 4, "row %d too wide: %s" % (k, r)
    assert k == 0 or r[0] not in closers, "row %d starts with %s" % (k, r)
    assert k == len(rows) - 1 or r[-1] not in openers, \
        "row %d ends with %s" % (k, r)
print(len(rows))' "$2" "$(text "$2")" >"$T/check.$1" 2>&1 || {
		tm_screen "$1" >&2
		cat "$T/check.$1" >&2
		fail "kinsoku at $2 columns"
	}
}
tm_start s 80 24 "$W --as 田中 tui"
tm_start v 100 30 "$W view"
tm_start w 200 50 "$W view"
for n in s v w; do
	tm_keys $n 4
	tm_wait $n "監監監監監監"
done
tm_keys s G Up Up Enter
tm_keys v G Up Enter
tm_keys w G Enter
check s 80
check v 100
check w 200
tm_wait s "║ 監監"
tm_check_borders s 80
tm_check_borders v 100
tm_check_borders w 200
pass "the record view wraps Japanese with kinsoku at 80x24, 100x30, 200x50"

# The help overlay (also draw_wrap) at 80 columns: still whole.
tm_keys s Escape '?'
tm_wait s "show or hide this help"
tm_check_borders s 80
pass "the help still wraps at 80 columns"
