# inject_cli.sh: hostile text in every field the command line takes (titles,
# log text, sources, names, --as, purposes, tasks, notes, scopes, times,
# options): stored cleaned or refused with one line; what warroom then
# writes (status, list, history, errors; text and JSON) holds no escape
# sequence, C0/C1 control or bidi control, checked on the raw bytes; SQL-ish
# strings come back verbatim. Runs the sanitizer build when there is one.
. "$(dirname "$0")/../lib.sh"
R=$(dirname "$0")/../reliab
[ -x "${WARROOM_ASAN_BIN:-}" ] && W=$WARROOM_ASAN_BIN
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

python3 "$R/payloads.py" "$T/p" || fail "payloads"
"$W" init >/dev/null 2>&1 || fail "init"
base=$("$W" declare "base incident") || fail "declare"
O=$T/cmds
mkdir "$O"
k=0
# Run a command with a payload: success, or one "warroom: " line and no
# change. A bad_ payload must be refused. Output is kept for rawcheck.
# The digest of the database before a command is that after the last one
# when that one was refused (checked unchanged) and nothing else ran
# since: every other writer below clears "known".
known=""
try() { # payload-name, command...
	name=$1
	shift
	k=$((k + 1))
	sum=${known:-$(db_sum)}
	known=""
	if "$W" "$@" >"$O/$k.out" 2>"$O/$k.err"; then
		case $name in bad_*) fail "$name accepted by: $(printf '%.30s ' "$@" | tr -c '[:print:]' '?')" ;; esac
		[ ! -s "$O/$k.err" ] || fail "$name: $1 succeeded with stderr: $(head -c 200 "$O/$k.err")"
		return 0
	fi
	rc=$?
	[ "$rc" -lt 128 ] || fail "$name: $1 died with signal $((rc - 128)): $(head -c 600 "$O/$k.err")"
	[ "$(wc -l <"$O/$k.err")" -eq 1 ] || fail "$name: $1 error is not one line: $(head -c 300 "$O/$k.err")"
	grep -q '^warroom: ' "$O/$k.err" || fail "$name: $1 error lacks 'warroom: '"
	assert_eq "$(db_sum)" "$sum" "$name: database after refused $1"
	known=$sum
	return 1
}

for f in "$T"/p/*; do
	n=$(basename "$f")
	p=$(cat "$f")
	I="--incident $base"
	# shellcheck disable=SC2086
	{
		try "$n" $I log "$p" --source "$p"
		try "$n" $I log "plain text" --source "$p"
		# Logging is for people in the response: join them first.
		if try "$n" $I join "$p"; then
			try "$n" $I assign "$p" --purpose "$p" --task "$p"
			try "$n" $I checkin "$p"
		fi
		try "$n" $I --as "$p" log "written by a hostile name"
		"$W" $I join alice 2>/dev/null
		known=""
		try "$n" $I assign alice --purpose "$p" --task "$p"
		try "$n" $I impact assessing --scope "$p"
		"$W" $I phase investigating 2>/dev/null
		known=""
		try "$n" $I phase detected --note "$p"
		id=$("$W" $I log "to be edited") || fail "log"
		known=""
		try "$n" edit "$id" --text "$p" --source "$p"
		try "$n" $I log "at a hostile time" --at "$p"
		try "$n" $I log "hostile kind" --kind "$p"
		try "$n" $I phase "$p"
		try "$n" "$p"
		try "$n" $I log "x" "--$p"
		try "$n" $I --incident "$p" status
	}
	# A hostile incident title (declare makes it the newest incident):
	# try fails the test unless it is stored cleaned or cleanly refused.
	case $n in bad_*) try "$n" declare "$p" && fail "$n title accepted" ;;
	*) try "$n" declare "$p" ;; esac
done
echo "$k commands with hostile input"

# Everything warroom shows afterwards, as raw bytes.
V=$T/view
mkdir "$V"
"$W" --incident "$base" status >"$V/status.txt" || fail "status"
"$W" --incident "$base" status --json >"$V/status.json" || fail "status --json"
"$W" list >"$V/list.txt" || fail "list"
"$W" list --json >"$V/list.json" || fail "list --json"
last=$(sqlite3 "$WARROOM_DB" "SELECT max(id) FROM incident")
"$W" --incident "$last" status >"$V/status-last.txt" ||
    fail "status of the newest incident"
# Several are open: the refusal lists their (hostile) titles, cleaned too.
"$W" status >"$V/refused.out" 2>"$V/refused.txt" &&
    fail "status with several open incidents"
grep -q "several incidents are open" "$V/refused.txt" || fail "refusal"
for i in $(sqlite3 "$WARROOM_DB" "SELECT id FROM incident"); do
	"$W" --incident "$i" status --json >"$V/inc$i.json" || fail "status of incident $i"
done
for id in $(sqlite3 "$WARROOM_DB" "SELECT id FROM entry"); do
	"$W" log --history "$id" >>"$V/history.txt" 2>&1 || fail "history $id"
done
out=$(python3 "$R/rawcheck.py" "$V"/*.txt "$O"/*.out "$O"/*.err) || fail "raw output: $out"
out=$(python3 "$R/rawcheck.py" --json "$V"/*.json) || fail "JSON output: $out"
# The database itself holds nothing a terminal would act on either.
sqlite3 "$WARROOM_DB" "SELECT title, coalesce(impact_scope, '') FROM incident;
    SELECT author, text, source FROM entry; SELECT name FROM responder;
    SELECT purpose, task FROM assignment;" >"$V/db.dump" || fail "dump"
out=$(python3 "$R/rawcheck.py" "$V/db.dump") || fail "stored text: $out"
pass "no escape, control or bidi character in any output or stored field"

# SQL-ish strings come back verbatim, in every field, and hurt nothing.
python3 - "$T/p" "$V/status.json" "$V/list.json" <<'PY' || fail "SQL-ish strings not verbatim"
import json, os, sys
d, st, li = sys.argv[1], json.load(open(sys.argv[2])), json.load(open(sys.argv[3]))
bad = 0
for n in sorted(os.listdir(d)):
    if not n.startswith("sql_"):
        continue
    p = open(os.path.join(d, n), encoding="utf-8").read()
    tl = st["timeline"]
    checks = {
        "log text": any(e["text"] == p for e in tl),
        "source": any(e["source"] == p for e in tl),
        "author": any(e["author"] == p for e in tl),
        "responder": any(r["name"] == p for r in st["responders"]),
        "purpose": any((r["assignment"] or {}).get("purpose") == p for r in st["responders"]),
        "task": any((r["assignment"] or {}).get("task") == p for r in st["responders"]),
        "title": any(i["title"] == p for i in li),
    }
    for what, ok in checks.items():
        if not ok:
            print("%s: not verbatim in %s" % (n, what)); bad += 1
sys.exit(1 if bad else 0)
PY
tables=$(sqlite3 "$WARROOM_DB" "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('entry', 'responder', 'incident')")
assert_eq "$tables" 3 "tables after SQL-ish input"
assert_eq "$(sqlite3 "$WARROOM_DB" 'PRAGMA integrity_check')" ok "integrity_check"
pass "SQL-ish strings stored and shown verbatim"

# NUL cannot travel in an argument; it can in a file. The config file is
# the one file the command line reads today.
mkdir -p "$XDG_CONFIG_HOME/warroom"
printf '[slack]\nwebhook = http://127.0.0.1:9/\0\033]0;x\007\n' >"$XDG_CONFIG_HOME/warroom/config"
chmod 600 "$XDG_CONFIG_HOME/warroom/config"
assert_fails "config with a NUL byte" "$W" agent --once
grep -q 'NUL' "$T/err" || fail "config NUL: unclear: $(cat "$T/err")"
printf '[slack]\nwebhook = \033]0;x\007\n[\033[31m]\n' >"$XDG_CONFIG_HOME/warroom/config"
assert_fails "config with escapes" "$W" agent --once
out=$(python3 "$R/rawcheck.py" "$T/err") || fail "config error: $out"
pass "config files with NUL bytes and escapes: one clean line"
