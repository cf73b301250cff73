# crash_kill.sh: writers and readers killed with SIGKILL at random moments of
# their life (opening, inside BEGIN IMMEDIATE, committing, checkpointing):
# every write acknowledged is present, integrity_check is ok, the CLI works.
#   CRASH_SECONDS (default 4) CRASH_WRITERS (4) CRASH_READERS (2)
#   CRASH_KILL (share killed, 0.3) CRASH_SEED   -- tests/stress.sh runs longer
. "$(dirname "$0")/../lib.sh"
R=$(dirname "$0")/../reliab

"$W" init >/dev/null 2>&1 || fail "init"
"$W" declare "crash" >/dev/null || fail "declare"
for round in 1 2; do
	# Round 2 writes large entries, so a kill often lands mid-page-write
	# and auto-checkpoints run under the kills.
	bytes=0 read="status --json"
	# (Readers then ask for the text, 20 entries, not 200 big ones.)
	[ "$round" = 2 ] && bytes=20000 read="status"
	python3 "$R/hammer.py" --bin "$W" --db "$WARROOM_DB" \
	    --writers "${CRASH_WRITERS:-4}" --readers "${CRASH_READERS:-2}" \
	    --seconds "${CRASH_SECONDS:-4}" --kill "${CRASH_KILL:-0.3}" \
	    --kill-readers --text-bytes "$bytes" --read-cmd "$read" \
	    --acks "$T/acks.$round" \
	    ${CRASH_SEED:+--seed "$CRASH_SEED"} >"$T/stats.$round" ||
	    fail "hammer.py failed"
	cat "$T/stats.$round"
	python3 - "$T/stats.$round" <<'PY' || fail "round $round: see stats above"
import json, sys
s = json.load(open(sys.argv[1]))
bad = []
if s["writes_ok"] < 20: bad.append("too few writes acknowledged")
if s["writes_killed"] < 5: bad.append("too few writers killed")
if s["writes_failed"] or s["reads_failed"]:
    bad.append("commands that were not killed failed")
if bad:
    print("; ".join(bad) + " (seed %d)" % s["seed"]); sys.exit(1)
PY
	out=$(python3 "$R/verify.py" "$WARROOM_DB" "$T/acks.$round") ||
	    fail "round $round: $out"
	pass "round $round: $out"
done
# Acknowledged in round 1, still there after round 2's kills.
out=$(python3 "$R/verify.py" "$WARROOM_DB" "$T/acks.1") || fail "round 1 after round 2: $out"
assert_eq "$(sqlite3 "$WARROOM_DB" 'PRAGMA integrity_check')" ok "integrity_check"
"$W" log "after the kills" >/dev/null || fail "log after kills"
"$W" status >"$T/status" || fail "status after kills"
grep -q "after the kills" "$T/status" || fail "status misses the new entry"
"$W" list >/dev/null || fail "list after kills"
pass "CLI works after the kills"
