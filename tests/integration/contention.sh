# contention.sh: 8 writers and N readers on one file: no write lost, nobody
# sees "database is locked"; then a foreign writer that takes the write lock
# and hangs: a write command fails after the documented timeout
# (STORE_BUSY_TIMEOUT_MS, 5 s) with one clear line, while readers go on.
#   CONT_SECONDS (default 4) CONT_WRITERS (8) CONT_READERS (8)
. "$(dirname "$0")/../lib.sh"
R=$(dirname "$0")/../reliab
ms() { date +%s%3N; }

"$W" init >/dev/null 2>&1 || fail "init"
"$W" declare "contention" >/dev/null || fail "declare"

python3 "$R/hammer.py" --bin "$W" --db "$WARROOM_DB" \
    --writers "${CONT_WRITERS:-8}" --readers "${CONT_READERS:-8}" \
    --seconds "${CONT_SECONDS:-4}" --acks "$T/acks" >"$T/stats" ||
    fail "hammer.py failed"
cat "$T/stats"
python3 - "$T/stats" <<'PY' || fail "contention: see stats above"
import json, sys
s = json.load(open(sys.argv[1]))
bad = []
if s["writes_ok"] < 50: bad.append("too few writes (%d)" % s["writes_ok"])
if s["reads_ok"] < 50: bad.append("too few reads (%d)" % s["reads_ok"])
if s["writes_failed"] or s["reads_failed"]: bad.append("commands failed")
if s["locked_seen"]: bad.append("'database is locked' seen %d times" % s["locked_seen"])
if s["max_write_s"] >= 5.0: bad.append("a write waited %.1f s" % s["max_write_s"])
if bad:
    print("; ".join(bad)); sys.exit(1)
PY
out=$(python3 "$R/verify.py" "$WARROOM_DB" "$T/acks") || fail "$out"
pass "8 writers and ${CONT_READERS:-8} readers: $out"

# A writer that holds the lock and hangs (it gives up by itself after 30 s).
before=$(db_sum)
python3 "$R/lockholder.py" "$WARROOM_DB" 30 >"$T/holder.out" 2>&1 &
holder=$!
on_exit "kill -9 $holder"
i=0
until grep -q locked "$T/holder.out"; do
	i=$((i + 1))
	[ "$i" -lt 200 ] || fail "the lock holder did not start: $(cat "$T/holder.out")"
	sleep 0.05
done
# Readers run the whole time the writes wait.
python3 "$R/hammer.py" --bin "$W" --db "$WARROOM_DB" --writers 0 \
    --readers 4 --seconds 6 --acks "$T/racks" >"$T/rstats" &
readers=$!
t0=$(ms)
"$W" log "while locked" >"$T/out1" 2>"$T/err1" &
w1=$!
"$W" join "blocked-bob" >"$T/out2" 2>"$T/err2" &
w2=$!
wait "$w1"
rc1=$?
t1=$(ms)
wait "$w2"
rc2=$?
# 75 (EX_TEMPFAIL): locked too long is temporary, a script may retry.
[ "$rc1" -eq 75 ] || fail "log while another writer held the lock: exit $rc1, not 75"
[ "$rc2" -eq 75 ] || fail "join while another writer held the lock: exit $rc2, not 75"
wait "$readers" || fail "readers failed"
for e in "$T/err1" "$T/err2"; do
	cat "$e"
	[ "$(wc -l <"$e")" -eq 1 ] || fail "error is not one line: $(cat "$e")"
	grep -q '^warroom: .*locked by another writer for more than 5.0 s; try again$' "$e" ||
	    fail "unclear message: $(cat "$e")"
done
waited=$((t1 - t0))
echo "log gave up after $waited ms"
[ "$waited" -ge 4500 ] && [ "$waited" -le 9000 ] ||
    fail "log gave up after $waited ms, not after the 5 s timeout"
cat "$T/rstats"
python3 - "$T/rstats" <<'PY' || fail "readers during the hung writer: see stats above"
import json, sys
s = json.load(open(sys.argv[1]))
if s["reads_ok"] < 20 or s["reads_failed"] or s["max_read_s"] > 1.0:
    print("readers stalled or failed"); sys.exit(1)
PY
assert_eq "$(db_sum)" "$before" "database after the failed writes"
pass "hung writer: writes fail after ${waited} ms in one line, readers unaffected"

# The hung writer dies without committing: its change is gone, the lock
# with it, and the next write goes through at once.
kill -9 "$holder"
wait "$holder" 2>/dev/null
t0=$(ms)
"$W" log "after the holder died" >/dev/null || fail "log after the holder died"
[ $(($(ms) - t0)) -lt 2000 ] || fail "log after the holder died was slow"
assert_eq "$(sqlite3 "$WARROOM_DB" 'PRAGMA integrity_check')" ok "integrity_check"
out=$(python3 "$R/verify.py" "$WARROOM_DB" "$T/acks") || fail "$out"
pass "writer killed holding the lock: next write at once, $out"
