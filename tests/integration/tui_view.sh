#!/bin/sh
# tui_view: `warroom view` opens read-only, says READ-ONLY, refuses every
# editing key and leaves the database unchanged, still shows live changes,
# and draws hostile text harmlessly.
. "$(dirname "$0")/../lib.sh"

"$W" declare "viewer test" >/dev/null 2>&1 || fail "declare"
"$W" join dave >/dev/null || fail "join"
# Escape sequences in stored text must never reach the terminal.
sqlite3 "$WARROOM_DB" "INSERT INTO entry (incident_id, event_time, recorded,
    author, kind, text) VALUES (1, strftime('%s','now'), strftime('%s','now'),
    'evil', 'event', 'title' || char(27) || ']2;PWNED' || char(7) ||
    ' and ' || char(27) || '[2J clear')" || fail "insert"
# A read-only open needs the -wal and -shm files a writer keeps in place.
"$W" agent >/dev/null 2>&1 &
agent=$!
on_exit "kill $agent"
end=$(($(date +%s) + 5))
until [ -f "$WARROOM_DB-wal" ]; do
	[ "$(date +%s)" -le "$end" ] || fail "no -wal file from the agent"
	sleep 0.05
done
sum=$(db_sum)

tm_start v 100 30 "$W view"
tm_wait v "READ-ONLY"
tm_wait v "(viewer)"
tm_wait v "PWNED"
case "$(tm_get v '#{pane_title}')" in
*PWNED*) fail "an escape sequence set the window title" ;;
esac
tm_wait v "viewer test"
pass "viewer opens read-only and sanitizes text"

for pk in 1P 1n 2c 2X 2a 4n 3P; do
	pane=${pk%?} key=${pk#?}
	tm_keys v "$pane"
	tm_wait_gone v "READ-ONLY: this"
	tm_keys v "$key"
	tm_wait v "READ-ONLY: this screen cannot change anything ('$key'"
	assert_not_contains "$(tm_screen v)" "Note:" "prompt opened for $key"
done
assert_not_contains "$(tm_screen v)" "[y/N]" "a confirmation opened"
assert_eq "$(db_sum)" "$sum" "the viewer changed the database"
pass "viewer refuses every editing key; database unchanged"

"$W" log "written while viewed" >/dev/null || fail "log"
tm_wait v "written while viewed"
pass "viewer shows live changes"

# Quit with q; the file still has no change made by the viewer.
tm_keys v q
tm_wait_gone v "READ-ONLY"
