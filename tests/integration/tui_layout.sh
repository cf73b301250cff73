#!/bin/sh
# tui_layout: the four panes at 80x24 and 200x50, resizes (many in a row),
# Japanese text with straight borders, the too-small message, and q giving
# the terminal back.
. "$(dirname "$0")/../lib.sh"

"$W" declare "決済APIの障害 checkout 5xx" --severity SEV2 >/dev/null ||
    fail "declare"
"$W" log "東京リージョンでエラー率が急上昇しています。原因を調査中です" \
    --source "グラファナ" >/dev/null || fail "log"
"$W" join "田中太郎" --role ops >/dev/null || fail "join"
"$W" assign "田中太郎" --purpose "原因の特定をするための調査" \
    --task "DB 接続プールのログを確認する😀" >/dev/null || fail "assign"
"$W" log "$(printf 'emoji 🚒🔥 and combining e\314\201 text')" >/dev/null || fail "log"

for size in 80x24 200x50 100x30 60x16; do
	w=${size%x*} h=${size#*x}
	tm_start "s$w" "$w" "$h" "$W tui"
	tm_wait "s$w" "(commander)"
	tm_wait "s$w" "═ Phase "
	scr=$(tm_screen "s$w")
	for title in "─ Board " "─ Metrics " "─ Timeline "; do
		assert_contains "$scr" "$title" "pane title at $size"
	done
	tm_wait "s$w" "田中太郎"
	tm_check_borders "s$w" "$w"
	pass "four panes, straight borders at $size"
done

# Many resizes in a row, then a final size: the screen must match it.
for s in 90x25 150x40 70x20 210x55 120x35 80x24 200x50; do
	tm_resize s80 "${s%x*}" "${s#*x}"
done
tm_check_borders s80 200
pass "resize storm ends drawn for 200x50"

tm_resize s80 40 10
tm_wait s80 "terminal too small (need 60x16)"
tm_resize s80 80 24
tm_wait s80 "─ Timeline "
tm_check_borders s80 80
pass "too small, then back"

# q quits; the shell gets a normal terminal back.
tm_start_exit q 80 24 "$W tui"
tm_wait q "═ Phase "
tm_keys q q
tm_wait q "EXITED 0"
assert_eq "$(tm_get q '#{alternate_on}')" 0 "alternate screen left"
assert_eq "$(tm_get q '#{cursor_flag}')" 1 "cursor visible"
pass "q quits and restores the terminal"

# A mouse click (X10 encoding, as tmux passes it) focuses the pane under it.
tm_start_exit m 80 24 "$W tui"
tm_wait m "═ Phase "
tm_keys m -l "$(python3 -c 'import sys; sys.stdout.write("\033[M" + chr(32) + chr(32 + 1 + 50) + chr(32 + 1 + 15))')"
tm_wait m "═ Timeline "
assert_not_contains "$(tm_screen m)" "═ Phase " "Phase still focused"
pass "mouse click focuses a pane"

# SIGTERM ends the screen cleanly, terminal restored.
pid=$(pgrep -n -f "$W tui") || fail "no pid"
kill -TERM "$pid"
tm_wait m "EXITED 0"
assert_eq "$(tm_get m '#{alternate_on}')" 0 "alternate screen left after SIGTERM"
pass "SIGTERM: clean exit"
