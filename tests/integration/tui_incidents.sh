#!/bin/sh
# tui_incidents: I lists the incidents and Enter switches the whole screen
# to one, in the commander's screen and in `warroom view` (watching is not
# a write); the recovery hint shows in the Phase pane while the metrics
# have been quiet long enough, and goes when they are not.
. "$(dirname "$0")/../lib.sh"

T0=1700000000 # 22:13:20 UTC
WARROOM_NOW=$((T0 - 7200)) "$W" declare "payments outage 決済" \
    --severity SEV1 >/dev/null || fail "declare 1"
WARROOM_NOW=$((T0 - 1800)) "$W" --incident 1 phase mitigating >/dev/null ||
    fail "phase"
WARROOM_NOW=$((T0 - 60)) "$W" declare "search is slow" --severity SEV3 \
    >/dev/null || fail "declare 2"
"$W" metric add errors --demo errors --unit % --warn 2 --crit 5 >/dev/null ||
    fail "metric add"
# Above crit until 12 minutes ago, quiet since.
sqlite3 "$WARROOM_DB" "
WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < 360)
INSERT INTO sample (series_id, t, v) SELECT 1, $T0 - 5 * k.i,
  CASE WHEN k.i >= 144 THEN 8 ELSE 0.5 END FROM k" || fail "samples"

tm_start c 160 40 "WARROOM_NOW=$T0 $W tui --role commander"
# Two are open: the screen asks which, on the newest.
tm_wait c "Which incident? Several are open"
tm_keys c Enter
tm_wait c "search is slow"
tm_wait c "(commander) #2"
assert_not_contains "$(tm_screen c)" "declare recovery" "hint in detected"
tm_keys c I
tm_wait c "2 incidents"
tm_wait c "SEV1 mitigating"
tm_wait c "2023-11-14 20:13 payments outage 決済"
tm_keys c j Enter
tm_wait_gone c "2 incidents"
tm_wait c "SEV1 #1 payments outage 決済"
tm_wait c "(commander) #1"
tm_wait c "showing incident #1"
pass "I lists incidents; Enter switches the commander's screen"

tm_wait c "Metrics below warn for 12m: declare recovery?"
pass "recovery hint after 12 quiet minutes in mitigating"

# A sample at warn a minute ago: the hint goes, live.
sqlite3 "$WARROOM_DB" "INSERT OR REPLACE INTO sample VALUES (1, $((T0 - 60)), 2.5)" ||
    fail "bad sample"
tm_wait_gone c "declare recovery"
pass "the hint goes when a crit series is not quiet"
# A quiet time longer than that: no hint either.
sqlite3 "$WARROOM_DB" "INSERT OR REPLACE INTO sample VALUES (1, $((T0 - 60)), 0.5)" ||
    fail "good sample"
tm_wait c "declare recovery"
tm_keys c q
write_config "$XDG_CONFIG_HOME/warroom/config" <<'CF'
[tui]
recovery_quiet = 15m
CF
tm_start q 160 40 "WARROOM_NOW=$T0 $W --incident 1 tui --role commander"
tm_wait q "SEV1 #1 payments outage"
tm_wait q "Metrics"
assert_not_contains "$(tm_screen q)" "declare recovery" "hint before 15m"
tm_keys q q
cat >"$XDG_CONFIG_HOME/warroom/config" <<'CF'
[tui]
recovery_quiet = soon
CF
out=$(WARROOM_NOW=$T0 "$W" tui 2>&1 </dev/null)
assert_contains "$out" "warroom: [tui] recovery_quiet = 'soon' is not a duration" \
    "a bad recovery_quiet"
rm "$XDG_CONFIG_HOME/warroom/config"
pass "[tui] recovery_quiet is honoured and checked"

# The viewer switches too, and writes nothing.
keep_wal
sum=$(db_sum)
tm_start v 160 40 "WARROOM_NOW=$T0 $W view"
tm_wait v "READ-ONLY"
tm_wait v "Which incident? Several are open"
tm_keys v Enter
tm_wait v "search is slow"
tm_keys v I
tm_wait v "2 incidents"
tm_keys v j Enter
tm_wait v "SEV1 #1 payments outage 決済"
tm_wait v "#1 "
tm_wait v "declare recovery"
tm_keys v I
tm_wait v "2 incidents"
tm_keys v Escape
tm_wait_gone v "2 incidents"
tm_wait v "SEV1 #1 payments outage"
assert_eq "$(db_sum)" "$sum" "the viewer changed the database"
# A new incident shows in an open list, live.
tm_keys v I
tm_wait v "2 incidents"
WARROOM_NOW=$T0 "$W" declare "third thing" >/dev/null || fail "declare 3"
tm_wait v "3 incidents"
tm_wait v "third thing"
tm_keys v Escape
pass "the viewer switches incidents without writing; the list is live"
