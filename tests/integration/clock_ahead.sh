#!/bin/sh
# clock_ahead: a check-in or entry stamped ahead of the clock (another
# writer's clock is wrong; here written with sqlite3) is flagged "clock?" in
# status, status --json and on the screen, and cannot keep an assignment
# fresh: it goes stale as if that check-in never came.
. "$(dirname "$0")/../lib.sh"

base=$(( $(date +%s) / 60 * 60 ))
at() { _s=$1; shift; WARROOM_NOW=$((base + _s)) "$W" "$@"; }
at 0 init >/dev/null 2>&1 || fail "init"
at 0 declare "clock trouble" >/dev/null || fail "declare"
for n in bob carol dave erin; do
	at 0 assign "$n" --join --purpose "find it" --task "look" ||
	    fail "assign $n"
done
at 0 interval --checkin 2m >/dev/null || fail "interval"
future=$(at 0 log "written by a fast clock" --source ntp) || fail "log"
# Two hours ahead (bob), the assignment itself ahead (dave), a day ahead
# (the entry), and within the skew (erin: 2 min ahead counts as now).
sq "$WARROOM_DB" "UPDATE responder SET last_checkin = $((base + 7200))
    WHERE name = 'bob';
UPDATE responder SET last_checkin = $((base + 7200)) WHERE name = 'dave';
UPDATE assignment SET created = $((base + 7200)) WHERE responder_id =
    (SELECT id FROM responder WHERE name = 'dave');
UPDATE responder SET last_checkin = $((base + 120)) WHERE name = 'erin';
UPDATE entry SET event_time = $((base + 86400)) WHERE id = $future" \
    >/dev/null || fail "sqlite3 writes"

row() { printf '%s\n' "$1" | grep "^  $2 " || fail "no row for $2"; }
out=$(at 60 status) || fail "status at +1m"
assert_contains "$(row "$out" bob)" "clock?" "bob flagged"
assert_not_contains "$(row "$out" bob)" "STALE" "bob at +1m"
assert_contains "$(row "$out" dave)" "clock?" "dave flagged"
assert_not_contains "$(row "$out" dave)" "STALE" "dave at +1m (joined at 0)"
assert_not_contains "$(row "$out" carol)" "clock?" "carol"
assert_not_contains "$(row "$out" erin)" "clock?" "erin within the skew"
assert_contains "$out" "written by a fast clock  [ntp]  (in the future: clock?)" \
    "entry flagged"
at 60 status --json >"$T/s.json" || fail "status --json"
python3 - "$T/s.json" <<'PY' || fail "status --json flags"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
b = {r["name"]: r for r in d["responders"]}
assert b["bob"]["clock_ahead"] is True, b["bob"]
assert b["dave"]["clock_ahead"] is True, b["dave"]
assert b["carol"]["clock_ahead"] is False, b["carol"]
assert b["erin"]["clock_ahead"] is False, b["erin"]
e = [x for x in d["timeline"] if x["text"] == "written by a fast clock"][0]
assert e["clock_ahead"] is True, e
assert not any(x["clock_ahead"] for x in d["timeline"] if x is not e)
PY
pass "flagged in status and status --json"

# Past the 2-minute interval: stale like anyone silent, flag and all.
out=$(at 180 status) || fail "status at +3m"
for n in bob carol dave; do
	assert_contains "$(row "$out" "$n")" "STALE" "$n stale at +3m"
done
assert_not_contains "$(row "$out" erin)" "STALE" "erin checked in at +2m"
out=$(at 300 status) || fail "status at +5m"
assert_contains "$(row "$out" erin)" "STALE" "erin stale at +5m"
pass "a check-in ahead of the clock does not keep anyone fresh"

# The screen: the board says clock? (and clk? for the check-in age), the
# timeline marks the entry; later the rows go STALE.
tm_start a 130 32 "WARROOM_NOW=$((base + 60)) $W view"
tm_wait a "clock?"
scr=$(tm_screen a)
printf '%s\n' "$scr" | grep -q "bob .*clock? *clk?" || fail "bob row: $scr"
printf '%s\n' "$scr" | grep -q "dave .*clock? *clk?" || fail "dave row: $scr"
printf '%s\n' "$scr" | grep "carol " | grep -qv "clock?" || fail "carol row"
assert_contains "$scr" "(clock? future)" "timeline mark"
tm_start b 130 32 "WARROOM_NOW=$((base + 180)) $W view"
tm_wait b "STALE"
scr=$(tm_screen b)
printf '%s\n' "$scr" | grep -q "bob .*STALE *clk?" || fail "bob stale row: $scr"
printf '%s\n' "$scr" | grep -q "carol .*STALE" || fail "carol stale row: $scr"
pass "flagged on the screen, and stale there too"

# A queued update whose retry lies further ahead than any wait an agent
# sets (the clock went back after it was set): the agent sends it at once,
# and `update --list` says so instead of "retry in 59m".
at 60 update "still looking" >/dev/null || fail "update"
sq "$WARROOM_DB" "UPDATE status_update SET attempts = 1,
    next_attempt = $((base + 60 + 3600)), last_error = 'HTTP 500'"
out=$(WARROOM_NOW=$((base + 60)) "$W" update --list) || fail "update --list"
assert_contains "$out" "retry due: HTTP 500" "a retry an hour ahead"
sq "$WARROOM_DB" "UPDATE status_update SET next_attempt = $((base + 80))"
out=$(WARROOM_NOW=$((base + 60)) "$W" update --list) || fail "update --list"
assert_contains "$out" "retry in 20s" "a retry within its backoff"
pass "update --list: a retry beyond any wait reads as due"
