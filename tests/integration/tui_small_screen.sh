#!/bin/sh
# tui_small_screen: what a commander must see at 80x24. The Phase pane
# keeps the phase, the clock, the update due, a pending sign-off and a
# release NOT rollback-safe, and puts its decoration (recovery dots, the
# commander's name, impact, users) after them; the Board lists active
# assignments before idle people and says "+N idle"; at 100x30 and 200x50
# the same with room to spare. Japanese title, names and texts.
. "$(dirname "$0")/../lib.sh"
me=$(id -un)

now=$(date +%s)
WARROOM_NOW=$((now - 3000)) "$W" declare "決済APIのエラー率上昇" \
    --severity SEV1 >/dev/null || fail "declare"
WARROOM_NOW=$((now - 2400)) "$W" phase investigating >/dev/null || fail "phase"
"$W" impact known --scope "カード決済の約3割が失敗" >/dev/null &&
"$W" comms told >/dev/null || fail "impact, comms"
"$W" deploy v2.13.9 --rollback-safe yes --at @$((now - 2900)) >/dev/null &&
"$W" deploy v2.14.0 --rollback-safe no --at @$((now - 2800)) >/dev/null ||
    fail "deploy"
# Idle people joined first: the board's own order puts them on top.
for who in 山田 佐々木 高橋; do
	"$W" join "$who" --role responder >/dev/null || fail "join $who"
done
"$W" assign 田中 --purpose "原因の特定" --task "DBの接続プールを確認" \
    --join >/dev/null &&
"$W" assign 鈴木 --purpose "影響の緩和" --task "v2.13.9へ戻す準備" \
    --join >/dev/null || fail "assign"
"$W" decide "v2.14.0を切り戻す" --reason "エラー率が下がらない" \
    --release v2.14.0 --signoff 鈴木 >/dev/null 2>&1 || fail "decide"

tm_start keep 20 5 sleep 60

# The inside of the focused Phase pane (its double border), line by line.
phase() { tm_screen "$1" | python3 -c '
import sys
for l in sys.stdin.read().split("\n"):
    p = l.split("║")
    if len(p) >= 3:
        print(p[1].rstrip())
'; }
board_border() { tm_screen "$1" | grep -m1 "└.*┘"; }

for size in "80 24" "100 30" "200 50"; do
	set -- $size
	tm_start s "$1" "$2" "$W" tui
	tm_wait s "決済API"
	tm_wait s "NOT rollback-safe"
	p=$(phase s)
	for must in "Phase" "【調査中】" "Clock" "since" "Update" "Sign-off" \
	    "#" "鈴木" "v2.14.0 NOT rollback-safe"; do
		assert_contains "$p" "$must" "${1}x$2: the Phase pane shows '$must'"
	done
	# The must lines come first: the sign-off and the unsafe release
	# before impact and users.
	order=$(printf '%s\n' "$p" | grep -n "Sign-off\|NOT rollback-safe\|Impact\|Users" |
	    cut -d: -f2 | cut -c1-8 | tr -s ' ' | tr '\n' '|')
	screen=$(tm_screen s)
	case $1 in
	80)
		assert_eq "$order" "Sign-off|Releases|Impact |" \
		    "80x24: the order of the Phase lines"
		assert_not_contains "$p" "Commander" "80x24: decoration kept"
		assert_not_contains "$p" "●" "80x24: recovery dots kept"
		# Board (the top 9 lines; the Timeline under it names
		# everyone): the active before the idle, who are counted.
		top=$(printf '%s\n' "$screen" | head -9)
		assert_contains "$top" "田中" "80x24: an active assignment"
		assert_contains "$top" "for 影響の緩和" "80x24: an active assignment"
		assert_contains "$(board_border s)" "+3 idle" "80x24: '+N idle' said"
		for who in 山田 佐々木 高橋; do
			assert_not_contains "$top" "$who" "80x24: the idle last"
		done
		;;
	100)
		assert_contains "$p" "Sign-off" "100x30: sign-off"
		assert_contains "$screen" "田中" "100x30: an active assignment"
		assert_contains "$screen" "鈴木" "100x30: an active assignment"
		;;
	200)
		# Room for every line in the usual order, and every person.
		for more in "Recovery" "●" "Impact" "カード決済の約3割" "Users" \
		    "Commander" "v2.13.9 rollback-safe"; do
			assert_contains "$p" "$more" "200x50: '$more'"
		done
		for who in 山田 佐々木 高橋 田中 鈴木; do
			assert_contains "$screen" "$who" "200x50: $who on the board"
		done
		assert_not_contains "$(board_border s)" "idle " "200x50: nobody hidden"
		;;
	esac
	tm kill-session -t s
done
pass "the Phase pane and the Board keep what matters at 80x24, 100x30, 200x50"

# The Board's idle people are reached by scrolling at 80x24, and the one
# selected is the one a key acts on.
tm_start s 80 24 "$W" tui
tm_wait s "決済API"
tm_keys s 2
for i in 1 2 3 4 5 6; do tm_keys s j; done
end=$(($(date +%s) + 5))
until tm_screen s | head -9 | grep -q "高橋 .*IDLE"; do
	[ "$(date +%s)" -le "$end" ] ||
	    fail "80x24: the last idle one did not scroll into view: $(tm_screen s | head -9)"
	sleep 0.05
done
pass "the idle people scroll into view"
