#!/bin/sh
# export_clock: a postmortem never shows a negative duration. Times stored
# out of order (a writer's clock, or a hand edit with sqlite3) read as what
# they are: what came before detection says "before", a milestone stamped
# before detection asks to check the times.
. "$(dirname "$0")/../lib.sh"

T0=1718010000 # 2024-06-10 09:00:00 UTC
at() { _s=$1; shift; WARROOM_NOW=$((T0 + _s)) "$W" --as alice "$@"; }
at 0 init >/dev/null 2>&1 || fail "init"
at 0 declare "checkout 5xx" --at @$T0 >/dev/null || fail "declare"
at 5 log "5xx rising" --at @$((T0 - 1200)) --source grafana >/dev/null ||
    fail "log before detection"
at 6 log "restarted a pod" --kind action --at @$((T0 - 600)) >/dev/null ||
    fail "action before detection"
for p in investigating:120 identified:300 mitigating:400 monitoring:500 \
    recovered:600 resolved:700; do
	at "${p#*:}" phase "${p%:*}" || fail "phase $p"
done

# No minus sign before a duration anywhere in the Markdown.
no_negative() { # what
	if grep -nE '(^|[ |(])-[0-9]+[dhms]' "$T/pm.md"; then
		fail "$1: a negative duration"
	fi
}
has() { grep -qxF -- "$1" "$T/pm.md" || fail "$2: missing line: $1"; }

at 800 export >"$T/pm.md" || fail "export"
no_negative "as recorded"
has "| First event | 2024-06-10 08:40:00 | 20m 00s before |" "first event"
has "| First action | 2024-06-10 08:50:00 | 10m 00s before |" "first action"
has "| Time to first action | 10m 00s before | detection to first action or assignment |" \
    "time to first action"
has "| Time to recover | 10m 00s | detection to recovered |" "recover"
pass "times before detection read 'before'"

# Detection moved after recovery, as a wrong clock would have it.
sq "$WARROOM_DB" "UPDATE incident SET detected = $((T0 + 650))" >/dev/null ||
    fail "sqlite3 detected"
at 800 export >"$T/pm.md" || fail "export 2"
no_negative "detected after recovered"
has "| Recovered | 2024-06-10 09:10:00 | 50s before detection? (check the times) |" \
    "recovered row"
has "| Time to recover | 50s before detection? (check the times) | detection to recovered |" \
    "time to recover"
has "| Time to identify | 5m 50s before detection? (check the times) | detection to identified |" \
    "time to identify"
has "| Time to resolve | 50s | detection to resolved |" "resolve still fine"
grep -qF "Time to identify: 5m 50s before detection? (check the times)" \
    "$T/pm.md" || fail "retrospective measures"
pass "milestones before detection ask to check the times"

# Recovery stamped a day before the incident began; a phase change stamped
# before the one it follows.
sq "$WARROOM_DB" "UPDATE incident SET detected = $T0,
    recovered = $((T0 - 86400));
UPDATE entry SET event_time = $((T0 + 90)) WHERE kind = 'phase'
    AND text LIKE '%-> identified%'" >/dev/null || fail "sqlite3 recovered"
at 800 export >"$T/pm.md" || fail "export 3"
no_negative "recovered a day early"
has "| Time to recover | 1d 00h 00m 00s before detection? (check the times) | detection to recovered |" \
    "a day early"
pass "no negative duration for a day early either"
