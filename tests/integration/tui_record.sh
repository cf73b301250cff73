#!/bin/sh
# tui_record: Enter (or v) reads a record whole. A 2,000-character Japanese
# entry is read to its last character by scrolling at 80x24, 100x30 and
# 200x50 (wrapped by display width, never cut), with its kind, author,
# times, source, confidence and every version; a decision's and a
# release's entries show their links; a Board row shows the full purpose
# and task and the assignments. e edits from the view, a change or a
# deletion by someone else shows while it is open, Esc gives the keys back
# to the pane, and Enter in the Timeline no longer edits.
. "$(dirname "$0")/../lib.sh"

E="$W --as erin"
q() { sqlite3 -cmd ".timeout 3000" -cmd ".output /dev/null" \
    -cmd ".filectrl persist_wal 1" -cmd ".output stdout" "$WARROOM_DB" "$1"; }
$E declare "決済APIの障害" >/dev/null 2>&1 || fail "declare"
$E join bob --role scribe >/dev/null && $E join 田中太郎 --role ops \
    >/dev/null || fail "join"
$E assign 田中太郎 --purpose "決済サービスのエラー率上昇の原因調査と切り戻し\
判断のための情報収集を行い、その結果を指揮者に報告する目的の最後" \
    --task "直近のデプロイ差分を確認し、データベース接続プールの設定変更が\
ないかを調べて、結果をタイムラインに記録する作業の最後" >/dev/null ||
    fail "assign"
$E deploy v9.9.9 --rollback-safe no >/dev/null || fail "deploy"
$E decide "v9.9.9をロールバックする" --reason "エラー率が三割を超えたため" \
    >/dev/null || fail "decide"
# 2,000 characters, no spaces (so the rows joined give the text back),
# ending in a mark.
long=$(python3 -c '
s = "東京リージョンの決済APIで5xxエラーが急増した。接続プールの枯渇と見られる。"
print((s * 60)[:1990] + "最後の一文ここまで。")')
[ "$(printf %s "$long" | python3 -c 'import sys; print(len(sys.stdin.read()))')" \
    -eq 2000 ] || fail "the long text is not 2000 characters"
id=$($E log "最初の版" --source pagerduty) || fail "log"
$W --as bob edit "$id" --text "$long" --confidence likely >/dev/null ||
    fail "bob's edit"
did=$(q "SELECT entry_id FROM decision")
rid=$(q "SELECT entry_id FROM release")
[ -n "$did" ] && [ -n "$rid" ] || fail "no decision or release entry"

# The rows of the open view, joined, from its first line to its last:
# PgDn page by page, each row placed by the view's "a-b/n" counter.
read_all() { # name height
	_h=$2
	rm -f "$T/pages"
	tm_keys "$1" g
	for _i in $(seq 1 40); do
		sleep 0.1
		tm_screen "$1" >>"$T/pages"
		printf '\f\n' >>"$T/pages"
		tm_screen "$1" | grep -q "[0-9]-\([0-9]*\)/\1 ║" && break
		tm_screen "$1" | grep -q "[0-9]-[0-9]*/[0-9]* ║" || break
		tm_keys "$1" PgDn
	done
	python3 - "$T/pages" "$_h" <<'EOF'
import re, sys
pages = open(sys.argv[1]).read().split("\f\n")
rows = {}
for p in pages:
    lines = p.split("\n")
    m = None
    for l in lines:
        m = re.search(r"(\d+)-(\d+)/(\d+) ║", l) or m
    top = int(m.group(1)) if m else 1
    n = int(m.group(2)) - top + 1 if m else int(sys.argv[2]) - 4
    for i, l in enumerate(lines[1:n + 1]):
        rows[top + i] = re.sub(r"\s+", "", l.strip().strip("║"))
print("".join(rows[k] for k in sorted(rows)))
EOF
}

# A session that outlives the others, so the tmux server does not exit
# between them.
tm_start hold 20 5 "sleep 120"
for size in "80 24" "100 30" "200 50"; do
	set -- $size
	w=$1 h=$2
	tm_start s "$w" "$h" "$E tui"
	tm_wait s "Timeline"
	tm_keys s 4 G Enter
	tm_wait s "Entry #$id: event by erin"
	tm_wait s "v2 ═╗"
	scr=$(tm_screen s)
	assert_contains "$scr" "Author         erin" "author at ${w}x$h"
	assert_contains "$scr" "Source         pagerduty" "source at ${w}x$h"
	assert_contains "$scr" "Confidence     likely" "confidence at ${w}x$h"
	assert_contains "$scr" "Event time     " "event time at ${w}x$h"
	assert_contains "$scr" "Recorded       " "recorded at ${w}x$h"
	assert_contains "$scr" "v2, last edited by bob" "version at ${w}x$h"
	tm_check_borders s "$w"
	# Every character of the text is on some row, in order; the rows are
	# as wide as the view (a wide character is never cut in half).
	all=$(read_all s "$h")
	assert_contains "$all" "$long" "the whole text read at ${w}x$h"
	assert_contains "$all" "Edithistory:2versions,newestfirst" \
	    "history heading at ${w}x$h"
	assert_contains "$all" "v1byerinat" "first version at ${w}x$h"
	assert_contains "$all" "v2bybobat" "bob's version at ${w}x$h"
	assert_contains "$all" "最初の版" "the first version's text at ${w}x$h"
	tm_check_borders s "$w"
	if [ "$w" -eq 200 ]; then
		# The width is used: a text row takes the whole view.
		row=$(tm_screen s | grep "東京" | head -1 | python3 -c '
import sys, unicodedata
l = sys.stdin.read().strip("\n").strip("║").strip()
print(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in l))')
		[ "$row" -ge 190 ] || fail "rows of $row columns at 200x50"
	fi
	# Esc: back to the Timeline pane, which still has the keys.
	tm_keys s Escape
	tm_wait_gone s "Entry #$id"
	tm_wait s "╔═ Timeline"
	tm_keys s v
	tm_wait s "Entry #$id: event by erin"
	tm_keys s q
	tm_wait_gone s "Entry #$id"

	# A Board row: the full purpose and task, the assignments.
	tm_keys s 2 G v
	tm_wait s "Board: 田中太郎"
	tm_check_borders s "$w"
	all=$(read_all s "$h")
	assert_contains "$all" "Roleops" "role at ${w}x$h"
	assert_contains "$all" "Stateactive" "state at ${w}x$h"
	assert_contains "$all" "その結果を指揮者に報告する目的の最後" \
	    "the whole purpose at ${w}x$h"
	assert_contains "$all" "結果をタイムラインに記録する作業の最後" \
	    "the whole task at ${w}x$h"
	assert_contains "$all" "Assignmentsinthisincident:1" \
	    "assignments at ${w}x$h"
	tm_keys s Escape
	tm_wait_gone s "Board: 田中太郎"
	tm_wait s "╔═ Board"
	tm_stop s
	pass "an entry and a board row read whole at ${w}x$h"
done

# A decision's entry shows the decision and the release it rolls back; a
# release's entry the release.
tm_start s 80 24 "$E tui"
tm_wait s "Timeline"
tm_keys s 4 G k Enter
tm_wait s "Entry #$did: decision by erin"
tm_wait s "Reason         エラー率が三割を超えたため"
tm_wait s "Rolls back     v9.9.9 (NOT rollback-safe)"
tm_keys s Escape k Enter
tm_wait s "Entry #$rid: release by erin"
tm_wait s "Release        deploy v9.9.9, NOT rollback-safe"
tm_keys s Escape
tm_wait_gone s "Entry #$rid"
pass "a decision's and a release's links are shown"

# Enter in the Timeline reads; e edits, also from the view.
tm_keys s G Enter
tm_wait s "Entry #$id: event by erin"
sleep 0.3
assert_not_contains "$(tm_screen s)" "Edit #" "Enter opened the edit form"
tm_keys s '?'
tm_wait s "Keys: entry detail"
tm_wait s "edit this entry"
tm_keys s Escape
tm_wait_gone s "Keys: entry detail"
tm_keys s e
tm_wait s "Edit #$id (v2 by bob)"
tm_keys s C-e
tm_keys s -l "追記"
tm_keys s Enter
tm_wait s "saved (v3)"
tm_wait s "v3 ═╗"
assert_eq "$(q "SELECT substr(text, -12) FROM entry WHERE id = $id")" \
    "最後の一文ここまで。追記" "edited from the view"
assert_not_contains "$(tm_screen s)" "Changed while open" \
    "one's own edit called a change"
pass "Enter reads, e edits from the view"

# Someone else edits, then deletes, while it is open.
$W --as bob edit "$id" --text "bobの短い版" >/dev/null || fail "edit"
tm_wait s "Changed while open by bob at"
tm_wait s "v3 became v4 (shown)"
tm_wait s "bobの短い版"
tm_wait s "v4 ═╗"
$E delete "$id" >/dev/null || fail "delete"
tm_wait s "DELETED by erin"
tm_keys s e
tm_wait_status s "#$id was deleted: nothing to edit"
tm_keys s Escape
tm_wait_gone s "DELETED by erin"
# Quit (not killed), so the database is closed before it is summed.
tm_keys s q
tm_wait_gone s "Timeline"
tm_stop s
pass "a change and a deletion show while open"

# A viewer reads too (Enter and v need no role), and cannot edit.
sum=$(db_sum)
tm_start v 100 30 "$W view"
tm_wait v "Timeline"
tm_keys v 4 G v
tm_wait v "Entry #"
tm_keys v e
tm_wait v "READ-ONLY"
assert_eq "$(db_sum)" "$sum" "the viewer changed the database"
pass "a viewer reads records, edits nothing"
