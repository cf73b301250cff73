#!/bin/sh
# tui_timeline: the scribe adds, edits, retimes and deletes entries by keys
# (Japanese typed as UTF-8), a viewer sees each change live, history is
# kept, an edit conflict is asked about, system entries refuse edits,
# doubtful entries are marked, search, filter and paste work.
. "$(dirname "$0")/../lib.sh"

"$W" declare "timeline test" >/dev/null 2>&1 || fail "declare"
# erin's screen is the scribe's; bob edits from his shell, as a scribe too.
"$W" join erin --role scribe >/dev/null && "$W" join bob --role scribe \
    >/dev/null || fail "join"
"$W" log "first report from support" --source support >/dev/null || fail "log"
"$W" log "rumour: db at capacity" --confidence unverified >/dev/null ||
    fail "log"
q() { sqlite3 "$WARROOM_DB" "$1"; }
phase_id=$(q "SELECT id FROM entry WHERE kind = 'phase'")

tm_start s 140 30 "$W --as erin tui --role scribe"
tm_start v 140 30 "$W view"
tm_wait s "═ Timeline "
tm_wait v "rumour: db at"
# Unknown origin is marked, on every screen.
tm_wait s "(no source, unverified)"
tm_wait v "(no source, unverified)"
pass "unverified and source-less entries are marked"

# Add with every field, by keys; Japanese text typed as UTF-8.
at=$(($(date +%s) - 1800))
hm=$(date -u -d "@$at" +%H:%M)
tm_keys s a
tm_wait s "New timeline entry"
tm_keys s -l "東京で障害 alerts fired"
tm_keys s C-Left C-Left
tm_keys s -l "5xx "
tm_keys s Tab C-u
tm_keys s -l "$hm"
tm_wait s "ago)"
tm_keys s Tab a Tab
tm_keys s -l "pagerduty"
tm_keys s Tab l Enter
tm_wait s "saved"
id=$(q "SELECT id FROM entry WHERE text LIKE '東京%'")
[ -n "$id" ] || fail "entry not stored"
assert_eq "$(q "SELECT text || '|' || kind || '|' || source || '|' ||
    confidence || '|' || author FROM entry WHERE id = $id")" \
    "東京で障害 5xx alerts fired|action|pagerduty|likely|erin" \
    "added entry"
assert_eq "$(q "SELECT event_time FROM entry WHERE id = $id")" \
    "$((at - at % 60))" "event time typed as HH:MM"
tm_wait v "東京で障害 5xx alerts fired"
# The selection is on the new entry: its history opens.
tm_keys s h
tm_wait s "History of #$id: 1 version"
tm_keys s Escape
tm_wait_gone s "History of #$id"
pass "entry #$id added by keys; the viewer shows it live"

# Edit: append to the text.
tm_keys s e
tm_wait s "Edit #$id (v1"
tm_keys s C-e
tm_keys s -l " 追記"
tm_keys s Enter
tm_wait s "saved (v2)"
assert_eq "$(q "SELECT text FROM entry WHERE id = $id")" \
    "東京で障害 5xx alerts fired 追記" "edited text"
tm_wait v "fired 追記"
pass "edit by keys shows live"

# Retime to before everything else: the entry moves, the selection too.
old=$(($(date +%s) - 7200))
tm_keys s e
tm_wait s "Edit #$id (v2"
tm_keys s Tab C-u
tm_keys s -l "@$old"
tm_keys s Enter
tm_wait s "saved (v3)"
assert_eq "$(q "SELECT event_time FROM entry WHERE id = $id")" "$old" \
    "retimed"
first=$(tm_screen v | grep -n "fired 追記" | cut -d: -f1)
decl=$(tm_screen v | grep -n "declared" | cut -d: -f1)
[ "$first" -lt "$decl" ] || fail "retimed entry did not move up on the viewer"
tm_keys s h
tm_wait s "History of #$id: 3 versions"
tm_keys s q
pass "retimed entry moves; selection follows it"

# A viewer cannot edit.
sum=$(db_sum)
tm_keys v 4 a
tm_wait v "READ-ONLY"
tm_keys v e
tm_wait v "READ-ONLY"
assert_eq "$(db_sum)" "$sum" "viewer changed the database"

# Delete with confirmation; soft, history kept.
tm_keys s d
tm_wait s "Delete #$id"
tm_keys s y
tm_wait s "entry #$id deleted"
assert_eq "$(q "SELECT deleted FROM entry WHERE id = $id")" 1 "soft delete"
tm_wait_gone v "fired 追記"
"$W" log --history "$id" >"$T/hist" || fail "history"
assert_contains "$(cat "$T/hist")" "DELETED" "history shows the delete"
assert_eq "$(grep -c '^v[0-9]' "$T/hist")" 4 "versions kept"
pass "delete asks, is soft, history kept"

# A conflict: someone edits from the command line while the form is open.
cid=$("$W" log "conflict target" --source ops)
tm_wait s "conflict target"
tm_keys s G e
tm_wait s "Edit #$cid"
tm_keys s -l " mine"
"$W" --as bob edit "$cid" --text "bob was here" || fail "cli edit"
tm_keys s Enter
tm_wait s "changed by bob"
tm_wait s "bob was here"
tm_wait s "[o] overwrite with mine"
assert_eq "$(q "SELECT text FROM entry WHERE id = $cid")" "bob was here" \
    "nothing overwritten before the answer"
tm_keys s o
tm_wait s "saved"
assert_eq "$(q "SELECT text FROM entry WHERE id = $cid")" \
    "conflict target mine" "overwritten after the answer"
"$W" log --history "$cid" >"$T/hist" || fail "history"
assert_contains "$(cat "$T/hist")" "bob was here" "bob's version kept"
# Keep theirs: nothing of mine is saved.
tm_keys s e
tm_wait s "Edit #$cid"
tm_keys s -l " again"
"$W" --as bob edit "$cid" --text "bob again" || fail "cli edit"
tm_keys s Enter
tm_wait s "[t] keep theirs"
tm_keys s t
tm_wait s "kept their version"
assert_eq "$(q "SELECT text FROM entry WHERE id = $cid")" "bob again" \
    "theirs kept"
pass "edit conflicts are asked; nothing silently overwritten"

# System entries are told apart and not editable by hand.
tm_keys s g e
tm_wait s "written by warroom itself"
assert_fails "edit a phase entry" "$W" edit "$phase_id" --text x
assert_contains "$(tm_screen s)" "◆" "system marker"
pass "system entries refuse edits"

# Search and filter.
tm_keys s /
tm_wait s "Search the timeline"
tm_keys s -l "SUPPORT"
tm_keys s Enter
tm_wait s "/SUPPORT"
sid=$(q "SELECT id FROM entry WHERE text = 'first report from support'")
tm_keys s h
tm_wait s "History of #$sid"
tm_keys s q
tm_keys s f
tm_wait s "only event"
tm_wait_gone s "conflict target"
assert_contains "$(tm_screen s)" "first report from support" "events shown"
tm_keys s f
tm_wait s "only action"
tm_wait_gone s "first report from support"
# Back to every kind.
for _k in 1 2 3 4 5 6 7; do tm_keys s f; done
tm_wait s "showing every kind"
tm_wait s "first report from support"
pass "search and kind filter"

# A bracketed paste keeps its line breaks as text; Enter then saves.
tm_keys s n
tm_wait s "What happened?"
tm_paste s "$(printf 'pasted line one\npasted line two')"
tm_wait s "pasted line two"
tm_keys s Enter
tm_wait s "saved"
assert_eq "$(q "SELECT text FROM entry WHERE text LIKE 'pasted%'")" \
    "$(printf 'pasted line one\npasted line two')" "pasted text"
pass "paste keeps line breaks"

# The same keys under ASan/UBSan, with resizes while a form is open, and an
# exit with a form still open: no sanitizer report.
A=${WARROOM_ASAN_BIN:-}
if [ -n "$A" ] && [ -x "$A" ]; then
	export ASAN_OPTIONS="detect_leaks=1:log_path=$T/asan"
	export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$T/ubsan"
	tm_start_exit a 100 30 "ASAN_OPTIONS=$ASAN_OPTIONS" \
	    "UBSAN_OPTIONS=$UBSAN_OPTIONS $A --as erin tui --role scribe" \
	    "--exit-after 6"
	tm_wait a "═ Timeline " 10
	tm_keys a a
	tm_wait a "New timeline entry"
	tm_keys a -l "asan 検査 entry"
	tm_resize a 60 16
	tm_resize a 120 40
	tm_keys a Tab Tab Tab
	tm_keys a -l "src"
	tm_keys a Enter
	tm_wait a "saved"
	tm_keys a e C-w M-b C-Left End
	tm_keys a -l " 編集"
	tm_keys a Tab Enter
	tm_wait a "(v2)"
	tm_keys a h
	tm_wait a "History of"
	tm_keys a q / Enter f f F t
	tm_keys a -l -- "-1h"
	tm_keys a Enter d n
	tm_keys a n
	tm_wait a "What happened?"
	tm_keys a -l "left open"
	tm_wait a "EXITED 0" 15
	ls "$T"/asan* "$T"/ubsan* >/dev/null 2>&1 && {
		cat "$T"/asan* "$T"/ubsan* 2>/dev/null | head -40 >&2
		fail "sanitizer report"
	}
	pass "timeline editing under ASan, exit with a form open"
else
	echo "SKIP asan part: no ASan binary"
fi
