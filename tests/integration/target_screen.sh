#!/bin/sh
# target_screen: a screen stays on the incident it opened on. Another
# incident declared shows as a notice (number, severity, title, the key
# J); it never switches by itself; J does. Imports give no notice. A
# screen started with several incidents open asks which.
. "$(dirname "$0")/../lib.sh"

"$W" declare "決済が落ちた checkout down" --severity SEV2 >/dev/null ||
    fail "declare 1"
tm_start c 160 40 "$W tui --role commander"
tm_wait c "(commander) #1"
tm_wait c "決済が落ちた checkout down"
keep_wal
tm_start v 160 40 "$W view"
tm_wait v "READ-ONLY"
tm_wait v "決済が落ちた checkout down"

"$W" declare "ディスク警告 disk noise" --severity SEV4 >/dev/null ||
    fail "declare 2"
for s in c v; do
	tm_wait $s '#2 SEV4 declared: ディスク警告 disk noise  J shows it'
	scr=$(tm_screen $s)
	assert_contains "$scr" "SEV2 #1 決済が落ちた checkout down" "$s stays on #1"
	assert_not_contains "$scr" "SEV4 #2" "$s switched by itself"
done
tm_wait c "(commander) #1"
pass "both screens stay on #1 and show the notice for #2"

# The next keystroke acts on #1, not on the new one: a note from the
# commander's screen lands on #1.
tm_keys c n
tm_wait c "What happened?"
tm_keys c -l "still on one"
tm_keys c Enter
_end=$(($(date +%s) + 5))
until [ "$(sqlite3 -readonly "$WARROOM_DB" "SELECT incident_id FROM entry WHERE text = 'still on one'")" = 1 ]; do
	[ "$(date +%s)" -le "$_end" ] || fail "the note did not land on #1: $(sqlite3 -readonly "$WARROOM_DB" "SELECT incident_id, text FROM entry")"
	sleep 0.1
done
pass "the next key acts on the incident shown"

# J switches; the notice goes.
for s in c v; do
	tm_keys $s J
	tm_wait $s "SEV4 #2 ディスク警告 disk noise"
	tm_wait_gone $s "J shows it"
done
tm_wait c "(commander) #2"
pass "J switches to the new incident"

# An import (open) gives no notice and no switch.
"$W" --incident 1 export --format json >"$T/one.json" || fail "export"
"$W" import "$T/one.json" >/dev/null || fail "import"
sleep 1
for s in c v; do
	scr=$(tm_screen $s)
	assert_contains "$scr" "SEV4 #2 ディスク警告" "$s after import"
	assert_not_contains "$scr" "J shows it" "$s noticed an import"
done
# A third declared: the notice names the newest one.
"$W" declare "三番目 third" --severity SEV1 >/dev/null || fail "declare 4"
tm_wait v '#4 SEV1 declared: 三番目 third  J shows it'
tm_wait c '#4 SEV1 declared: 三番目 third  J shows it'
assert_contains "$(tm_screen c)" "SEV4 #2 ディスク警告" "c stays on #2"
# The notice goes when that incident is resolved.
"$W" --incident 4 phase resolved >/dev/null || fail "resolve 4"
tm_wait_gone c "J shows it"
tm_keys c J
tm_wait c "no incident declared since this screen opened"
assert_contains "$(tm_screen c)" "SEV4 #2 ディスク警告" "c after a J with no notice"
tm_keys c q
tm_keys v q
pass "imports give no notice; the newest declared does; J without one says so"

# Started with two open (#1, #2): it asks which, shows none meanwhile.
tm_start a 160 40 "$W tui --role commander"
tm_wait a "Which incident? Several are open"
tm_wait a "ディスク警告 disk noise"
tm_wait a "決済が落ちた checkout down"
tm_keys a Escape
tm_wait a "Several incidents are open: I picks one"
assert_not_contains "$(tm_screen a)" "(commander) #" "a chose by itself"
tm_keys a I
tm_wait a "Incidents"
tm_keys a j
tm_keys a Enter
tm_wait a "SEV2 #1 決済が落ちた checkout down"
tm_wait a "(commander) #1"
tm_keys a q
tm_start b 160 40 "$W view"
tm_wait b "Which incident? Several are open"
tm_keys b Enter
tm_wait b "SEV4 #2 ディスク警告 disk noise"
tm_keys b q
# --incident and WARROOM_INCIDENT answer the question beforehand.
tm_start d 160 40 "$W --incident 1 view"
tm_wait d "SEV2 #1 決済が落ちた"
assert_not_contains "$(tm_screen d)" "Which incident" "--incident asked"
tm_keys d q
tm_start e 160 40 "WARROOM_INCIDENT=2 $W tui"
tm_wait e "SEV4 #2 ディスク警告"
assert_not_contains "$(tm_screen e)" "Which incident" "env asked"
tm_keys e q
pass "a screen started with several open asks which, unless told"
