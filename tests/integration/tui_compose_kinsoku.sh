#!/bin/sh
# tui_compose_kinsoku: the status-update composer's preview (u, then ^P)
# wraps Japanese by the rule of the record view (draw_wrap): at 80x24 no
# row starts with a closer (。、」ー っ...) nor ends with an opener
# (「（...), the character before a closer goes down with it (oidashi), no
# row is wider than the preview, and the rows joined give the line back.
# The text is made so that a plain cut at the width breaks both rules.
. "$(dirname "$0")/../lib.sh"
WARROOM_AS=cmdr && export WARROOM_AS

"$W" declare "禁則の確認" --severity SEV2 >/dev/null 2>&1 || fail "declare"
"$W" phase mitigating >/dev/null || fail "phase"

# The preview is 74 columns at 80 (a 78-column window, text from its
# third column). The body line is "- " and the text: a plain cut would
# start row 2 with 。 and end it with 「.
text=$(python3 -c 'print("監" * 35 + "視。" + "監" * 34 +
    "「確認」の後に再起動する、ちょっと待つ。")')

tm_start c 80 24 "$W --as cmdr tui"
tm_wait c "═ Phase "
tm_keys c u
tm_wait c "What we are doing:"
tm_keys c Down Down End
tm_paste c "$text"
tm_keys c C-p
tm_wait c "Status update: preview"
tm_wait c "Enter sends this"
tm_screen c | python3 -c '
import sys, unicodedata as u
want = "- " + sys.argv[1]
width = lambda s: sum(2 if u.east_asian_width(c) in "WF" else 1 for c in s)
rows = []
for l in sys.stdin.read().split("\n"):  # inside the composer'"'"'s ║ ... ║
    if l.count("║") < 2:
        continue
    t = l[l.index("║") + 2:l.rindex("║")].rstrip()
    if rows and t.startswith("Next steps"):
        break
    if rows or t.startswith("- 監"):
        rows.append(t)
closers = "。、，．）」』】〕！？ーゃゅょっャュョッァィゥェォ"
openers = "「『（【〔"
assert len(rows) >= 3, rows
assert "".join(rows) == want, "joined: %r" % rows
for k, r in enumerate(rows):
    assert width(r) <= 74, "row %d too wide: %s" % (k, r)
    assert k == 0 or r[0] not in closers, "row %d starts with %s" % (k, r)
    assert k == len(rows) - 1 or r[-1] not in openers, \
        "row %d ends with %s" % (k, r)
# Oidashi: 視 went down with 。, and 「 went down to the next row.
assert rows[1].startswith("視。"), rows
assert rows[2].startswith("「確認」"), rows
' "$text" >"$T/check" 2>&1 || {
	tm_screen c >&2
	cat "$T/check" >&2
	fail "kinsoku in the composer's preview at 80x24"
}
pass "the composer's preview wraps Japanese with kinsoku at 80x24"
