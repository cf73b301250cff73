# crash_burst.sh: 4 processes each run 250 `warroom log` at once on one file:
# all 1000 entries present, no command failed (issue 2); then a burst with
# one writer killed -9 mid-run: every log that exited 0 is still there.
. "$(dirname "$0")/../lib.sh"
R=$(dirname "$0")/../reliab

"$W" init >/dev/null 2>&1 || fail "init"
"$W" declare "burst" >/dev/null || fail "declare"
base=$(sqlite3 "$WARROOM_DB" "SELECT count(*) FROM entry")

burst() { # n: 250 log commands, each acknowledged line kept
	i=1
	: >"$T/ack.$1"
	while [ "$i" -le 250 ]; do
		if id=$("$W" log "b$1-$i" --source "burst$1" 2>>"$T/err.$1"); then
			printf '%s\tb%s-%s\n' "$id" "$1" "$i" >>"$T/ack.$1"
		else
			echo "b$1-$i failed" >>"$T/fail.$1"
		fi
		i=$((i + 1))
	done
}
start=$(date +%s)
for n in 1 2 3 4; do burst "$n" & done
wait
echo "4 x 250 log commands in $(($(date +%s) - start)) s"
cat "$T"/err.* | head -5
[ -z "$(cat "$T"/fail.* 2>/dev/null)" ] ||
	fail "$(cat "$T"/fail.* | wc -l) log commands failed: $(head -c 300 "$T"/err.*)"
n=$(sqlite3 "$WARROOM_DB" "SELECT count(*) FROM entry")
assert_eq "$((n - base))" 1000 "entries after 4 x 250 log"
cat "$T"/ack.* >"$T/acks"
assert_eq "$(wc -l <"$T/acks")" 1000 "acknowledged writes"
assert_eq "$(cut -f1 "$T/acks" | sort -u | wc -l)" 1000 "distinct ids"
out=$(python3 "$R/verify.py" "$WARROOM_DB" "$T/acks") || fail "$out"
pass "4 x 250: $out"

# The same with a victim: a fifth loop whose warroom processes are killed
# -9 while the others write. The others must not notice, and nothing any of
# them acknowledged may be missing afterwards.
victim() {
	while [ ! -f "$T/stop" ]; do
		"$W" log "victim" --source victim >/dev/null 2>&1 &
		v=$!
		echo "$v" >"$T/victim.pid"
		wait "$v"
	done
}
victim 2>/dev/null &
vloop=$!
on_exit "touch '$T/stop'; kill $vloop"
killer() {
	k=0
	while [ ! -f "$T/stop" ]; do
		# Kill whichever victim runs now. It may just have exited; pids
		# are handed out in increasing order, so a stale one is not
		# reused within this test.
		p=$(cat "$T/victim.pid" 2>/dev/null)
		[ -n "$p" ] && kill -9 "$p" 2>/dev/null && k=$((k + 1))
		sleep 0.00$(awk 'BEGIN{srand(); printf "%d", rand()*9+1}')
	done
	echo "$k" >"$T/kills"
}
killer &
kloop=$!
rm -f "$T"/fail.* "$T"/err.*
for n in 5 6; do burst "$n" & b=$!; eval "b$n=$b"; done
# shellcheck disable=SC2154
wait "$b5" "$b6"
touch "$T/stop"
wait "$kloop" "$vloop" 2>/dev/null
echo "victim writers killed: $(cat "$T/kills")"
[ -z "$(cat "$T"/fail.* 2>/dev/null)" ] ||
	fail "$(cat "$T"/fail.* | wc -l) log commands failed beside kill -9: $(head -c 300 "$T"/err.*)"
cat "$T/ack.5" "$T/ack.6" >"$T/acks2"
assert_eq "$(wc -l <"$T/acks2")" 500 "acknowledged writes beside kill -9"
out=$(python3 "$R/verify.py" "$WARROOM_DB" "$T/acks2") || fail "$out"
out1=$(python3 "$R/verify.py" "$WARROOM_DB" "$T/acks") || fail "first burst after kills: $out1"
pass "beside kill -9: $out"
"$W" log "after the storm" >/dev/null || fail "log after kills"
"$W" status --json | grep -q '"after the storm"' || fail "status after kills"
assert_eq "$(sqlite3 "$WARROOM_DB" 'PRAGMA integrity_check')" ok "integrity_check"
pass "CLI works after kill -9, integrity ok"
