# output_stdout.sh: standard output that cannot take the output. A full
# disk (/dev/full: ENOSPC), a reader that is gone (a closed pipe, `| head`),
# a closed stdout (>&-) and a file-size limit (EFBIG): every command that
# prints exits non-zero with one "warroom: " line saying the output is cut
# short (75, temporary, for a full disk; 1 otherwise), never silently and
# never killed by SIGPIPE. Output that arrives whole still exits 0.
. "$(dirname "$0")/../lib.sh"

"$W" init >/dev/null 2>&1 || fail "init"
"$W" declare "output trouble" >/dev/null || fail "declare"
"$W" join alice >/dev/null || fail "join"
e1=$("$W" log "first") || fail "log"
"$W" edit "$e1" --text "first, edited" || fail "edit"
"$W" update "status one" >/dev/null || fail "update"
"$W" metric add latency --demo latency >/dev/null || fail "metric"
"$W" action add "fix it" --category root-cause >/dev/null || fail "action"
# Enough timeline for outputs well past a pipe's 64 KiB buffer.
sq "$WARROOM_DB" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
    INSERT INTO entry (incident_id, event_time, recorded, author, kind, text)
    SELECT 1, 1700000000 + i, 1700000000 + i, 'loader', 'event',
    'entry ' || i || ' ' || hex(randomblob(40)) FROM n;" >/dev/null || fail "load"
keep_wal
[ "$("$W" export | wc -c)" -gt 200000 ] || fail "export is too small to fill a pipe"

# One "warroom: " line on stderr that names the trouble; exit code.
one_line() { # what, want-rc, got-rc, pattern
	[ "$3" -lt 128 ] || fail "$1: killed by signal $(($3 - 128)) (no message)"
	assert_eq "$3" "$2" "$1: exit code"
	[ "$(wc -l <"$T/err")" -eq 1 ] || fail "$1: error is not one line: $(cat "$T/err")"
	grep -q '^warroom: writing standard output: ' "$T/err" ||
		fail "$1: error does not say the output failed: $(cat "$T/err")"
	grep -qiE "$4" "$T/err" || fail "$1: error does not say why: $(cat "$T/err")"
}
# Run a command whose stdout is a pipe nobody reads any more (the reader
# closed it before we write: no race with a fast reader). The child starts
# with SIGPIPE at its default, as under a shell.
closed_pipe() { # command...
	python3 - "$T/err" "$@" <<'PY'
import os, subprocess, sys
r, w = os.pipe()
os.close(r)
p = subprocess.run(sys.argv[2:], stdout=w, stderr=open(sys.argv[1], "wb"))
sys.exit(p.returncode if p.returncode >= 0 else 128 - p.returncode)
PY
}

set -- "export" "export --format json" "status" "status --json" \
    "log --history $e1" "list" "list --json" "update --list" \
    "update --list --json" "action list" "action list --json" \
    "metric list" "metric list --json" "interval" "--help" "log an-entry"
n=0
for cmd in "$@"; do
	n=$((n + 1))
	# shellcheck disable=SC2086
	{
		rc=0
		"$W" $cmd >/dev/full 2>"$T/err" || rc=$?
		one_line "$cmd >/dev/full" 75 "$rc" "no space left"
		rc=0
		closed_pipe "$W" $cmd || rc=$?
		one_line "$cmd to a closed pipe" 1 "$rc" "broken pipe"
		rc=0
		"$W" $cmd >"$T/whole" 2>"$T/err" || rc=$?
		assert_eq "$rc" 0 "$cmd to a file"
		[ -s "$T/whole" ] && [ ! -s "$T/err" ] || fail "$cmd to a file: $(cat "$T/err")"
	}
done
pass "$n commands: /dev/full exits 75, a closed pipe 1, each with one line; a file gets it all"

# The everyday case: a reader that stops early.
for cmd in "export" "export --format json" "log --history $e1"; do
	# shellcheck disable=SC2086
	{ "$W" $cmd 2>"$T/err"; echo $? >"$T/rc"; } | head -c 10 >"$T/head"
	assert_eq "$(wc -c <"$T/head")" 10 "$cmd | head -c 10: what head got"
	case $cmd in log*) continue ;; esac # fits in the pipe: may well succeed
	one_line "$cmd | head -c 10" 1 "$(cat "$T/rc")" "broken pipe"
done
# The draft says when it was made: both at the same pinned second.
now=$(date +%s)
{ WARROOM_NOW=$now "$W" export 2>"$T/err"; echo $? >"$T/rc"; } | cat >"$T/all"
assert_eq "$(cat "$T/rc")" 0 "export | cat"
WARROOM_NOW=$now "$W" export -o "$T/draft.md" || fail "export -o"
cmp -s "$T/all" "$T/draft.md" || fail "export through a pipe differs from export -o"
pass "export | head: one line and exit 1; export | cat: whole, exit 0"

# stdout closed outright: a command that prints says so; one that prints
# nothing is fine.
rc=0
"$W" status >&- 2>"$T/err" || rc=$?
one_line "status >&-" 1 "$rc" "bad file descriptor"
rc=0
"$W" export --format json >&- 2>"$T/err" || rc=$?
one_line "export --format json >&-" 1 "$rc" "bad file descriptor"
"$W" phase investigating >&- 2>"$T/err" || fail "phase with stdout closed: $(cat "$T/err")"
[ ! -s "$T/err" ] || fail "phase with stdout closed printed: $(cat "$T/err")"
pass "stdout closed: status and export fail with one line; phase (prints nothing) works"

# A file-size limit: EFBIG, not death by SIGXFSZ, and the file is short.
for cmd in "export" "export --format json"; do
	rc=0
	# shellcheck disable=SC2086
	(ulimit -f 100 && "$W" $cmd >"$T/limited" 2>"$T/err") || rc=$?
	one_line "$cmd past ulimit -f" 1 "$rc" "too large"
done
pass "file-size limit: one line, exit 1"

# A write command whose acknowledgement cannot be printed: the entry is
# saved (it was committed first), and the exit code says the id is lost.
before=$(sqlite3 "file:$WARROOM_DB?mode=ro" "SELECT count(*) FROM entry WHERE text = 'unacknowledged'")
rc=0
"$W" log unacknowledged >/dev/full 2>"$T/err" || rc=$?
one_line "log >/dev/full" 75 "$rc" "no space left"
after=$(sqlite3 "file:$WARROOM_DB?mode=ro" "SELECT count(*) FROM entry WHERE text = 'unacknowledged'")
assert_eq "$after" "$((before + 1))" "entries after log >/dev/full"
pass "log >/dev/full: saved, and exit 75 says its id was not printed"
