#!/bin/sh
# tui_authority: the screen's role follows the incident: the commander's
# screen for the commander, the scribe's for the scribe, read-only with a
# banner for anyone else; --role cannot grant more; a key the role lacks is
# refused with one line and changes nothing; H on the Board hands command
# over, and every open screen changes role at once.
. "$(dirname "$0")/../lib.sh"
me=$(id -un)
q() { sqlite3 "file:$WARROOM_DB?mode=ro" "$1"; }

"$W" declare "決済 API 障害" --severity SEV2 >/dev/null 2>&1 || fail "declare"
"$W" join 鈴木 --role scribe && "$W" join 佐藤 --role ops || fail "join"

# --role cannot grant what the incident does not give.
tm_start x 100 30 "$W --as 佐藤 tui --role commander"
tm_wait x "warroom: 佐藤 is ops in incident 1, not its commander"
tm_start y 100 30 "$W --as 佐藤 tui --role scribe"
tm_wait y "warroom: 佐藤 is ops in incident 1, not its scribe"
tm_start z 100 30 "$W --as 山田 tui --role commander"
tm_wait z "warroom: 山田 is not in the response in incident 1"
pass "--role commander/scribe refused to those the incident does not give it"

tm_start c 100 30 "$W tui"
tm_wait c "$me (commander)"
tm_start s 100 30 "$W --as 鈴木 tui"
tm_wait s "鈴木 (scribe)"
tm_start o 100 30 "$W --as 佐藤 tui"
tm_wait o "READ-ONLY"
tm_wait o "佐藤 (ops)"
tm_start n 100 30 "$W --as 山田 tui"
tm_wait n "山田 (not in the response)"
assert_contains "$(tm_screen n | tail -1)" "READ-ONLY" "outsider banner"
pass "each screen shows who you are and the role the incident gives"

# Keys the role lacks: one line, nothing changes.
sum=$(db_sum)
for key in P s D u; do
	tm_keys o 1 # any key clears the last message
	tm_wait_gone o "READ-ONLY: you are"
	tm_keys o "$key"
	tm_wait o "READ-ONLY: you are 佐藤 (ops); the commander, $me"
done
tm_keys o 4 a
tm_wait o "READ-ONLY: you are 佐藤 (ops)"
tm_keys s 1 P
tm_wait s "'P' is for the commander"
tm_keys s 2 a
tm_wait s "'a' is for the commander"
tm_keys n 4 n
tm_wait n "READ-ONLY: you are 山田 (not in the response)"
assert_not_contains "$(tm_screen o)" "New timeline entry" "a form opened"
assert_eq "$(db_sum)" "$sum" "refused keys changed the database"
pass "keys the role lacks are refused with who may; nothing changes"

# The scribe writes the timeline from the screen.
tm_keys s 4 n
tm_wait s "What happened"
tm_keys s -l "スクライブのメモ"
tm_keys s Enter
tm_wait c "スクライブのメモ"
assert_eq "$(q "SELECT author FROM entry WHERE text = 'スクライブのメモ'")" "鈴木" "scribe's entry"
pass "the scribe logs from the screen"

# H on the Board: hand command to 鈴木, keeping ops. Find 鈴木's row.
tm_keys c 2
i=0
while :; do
	tm_keys c H
	# On the commander's own row H says so; on another it asks.
	tm_wait_status c "; you stay as\|is already the commander"
	if tm_screen c | tail -1 | grep -q "Hand command to 鈴木"; then
		break
	fi
	if tm_screen c | tail -1 | grep -q "; you stay as"; then
		tm_keys c C-u Escape # nothing typed: Esc closes it
		tm_wait_gone c "; you stay as"
	fi
	tm_keys c j
	i=$((i + 1))
	[ $i -lt 6 ] || fail "鈴木 not found on the board"
done
tm_keys c C-u
tm_keys c -l "ops"
tm_keys c Enter
# The screen says what changed for its user (the handoff's own message
# gives way to it at the reload).
tm_wait c "you are now ops here: this screen is read-only"
assert_eq "$(q "SELECT commander FROM incident")" "鈴木" "the incident's commander"
assert_eq "$(q "SELECT count(*) FROM responder WHERE role = 'commander'")" 1 "one commander"
assert_eq "$(q "SELECT role FROM responder WHERE name = '$me'")" ops "the old commander stays as ops"
tm_wait c "$me (ops)"
tm_wait c "READ-ONLY"
tm_wait s "鈴木 (commander)"
assert_contains "$(q "SELECT text FROM entry ORDER BY id DESC LIMIT 1")" \
    "$me handed command to 鈴木; $me stays in the response as ops" "timeline"
tm_wait o "handed command to 鈴木"
pass "H hands command over; both screens change role at once"

# The new commander's keys work; the old one's are refused.
sum=$(db_sum)
tm_keys c 1 P
tm_wait c "READ-ONLY: you are $me (ops); the commander, 鈴木"
assert_eq "$(db_sum)" "$sum" "the old commander changed something"
tm_keys s 1 P
tm_wait s "Move on to 【調査中】 investigating?"
tm_keys s y
tm_wait s "Phase    【調査中】 investigating"
assert_eq "$(q "SELECT phase FROM incident")" investigating "the new commander moved the phase"
pass "after the handoff only the new commander commands"

# A handoff from the command line reaches an open screen too; the screen's
# next key asks the core, not what it showed a moment ago.
"$W" --as 鈴木 handoff 佐藤 --role scribe || fail "cli handoff"
tm_wait o "佐藤 (commander)"
tm_wait s "鈴木 (scribe)"
tm_keys s 1 s
tm_wait s "'s' is for the commander"
assert_eq "$(q "SELECT severity FROM incident")" SEV2 "severity unchanged"
pass "a handoff elsewhere changes every open screen"
