#!/bin/sh
# unix_habits.sh: what a packaged Unix tool does: --version and version
# print one version, JSON objects carry it, the exit statuses the man page
# documents (0, 1, 2, 75) are the ones returned, and docs/warroom.1 is
# `mandoc -T lint` clean and names every command.
. "$(dirname "$0")/../lib.sh"
man="$(dirname "$0")/../../docs/warroom.1"

v=$("$W" --version) || fail "--version"
echo "$v" | grep -Eq '^warroom [0-9]+\.[0-9]+\.[0-9]+$' || fail "--version prints '$v'"
assert_eq "$("$W" version)" "$v" "version"
assert_eq "$("$W" --db "$T/none.db" --version)" "$v" "--version with a global option"
[ ! -e "$T/none.db" ] || fail "--version created a database"
"$W" declare "habits" >/dev/null 2>&1 || fail "declare"
jv=$("$W" status --json | python3 -c 'import json, sys; print(json.load(sys.stdin)["version"])') ||
    fail "status --json has no version"
assert_eq "warroom $jv" "$v" "status --json version"
gen=$("$W" export --format json | python3 -c 'import json, sys; print(json.load(sys.stdin)["generator"])')
assert_eq "$gen" "$v" "the export's generator"
grep -q "\"warroom ${v#warroom }\"" "$man" || fail "docs/warroom.1 .TH does not name $v"
pass "--version, version, status --json and the export agree: $v"

# Exit statuses.
"$W" log "fine" >/dev/null; assert_eq "$?" 0 "a command that works"
"$W" phase nonsense 2>/dev/null; assert_eq "$?" 1 "bad input"
"$W" frobnicate 2>/dev/null; assert_eq "$?" 2 "an unknown command"
"$W" log "x" --kind 2>/dev/null; assert_eq "$?" 2 "an option without its value"
"$W" log "x" --colour red 2>/dev/null; assert_eq "$?" 2 "an unknown option"
"$W" phase 2>/dev/null; assert_eq "$?" 2 "a missing argument"
"$W" version extra 2>/dev/null; assert_eq "$?" 2 "an extra argument"
if [ -w /dev/full ]; then
	"$W" status >/dev/full 2>"$T/err"; assert_eq "$?" 75 "standard output on a full disk"
else
	fail "no /dev/full to write to"
fi
pass "exit statuses 0, 1, 2 and 75 as docs/warroom.1 says"

command -v mandoc >/dev/null 2>&1 || fail "mandoc is not installed (.ci/deps.sh test installs it)"
mandoc -T lint "$man" >"$T/lint" 2>&1
rc=$?
[ $rc -eq 0 ] && [ ! -s "$T/lint" ] || fail "mandoc -T lint (exit $rc): $(cat "$T/lint")"
for s in NAME SYNOPSIS DESCRIPTION COMMANDS "EXIT STATUS" ENVIRONMENT FILES EXAMPLES "SEE ALSO"; do
	grep -q "^\.SH \"*$s\"*\$" "$man" || fail "docs/warroom.1 has no $s section"
done
cmds=$("$W" --help | sed -n '/^commands:/,/^$/p' | awk 'NF > 0 && $1 != "commands:" { print $1 }')
[ "$(echo "$cmds" | wc -l)" -gt 20 ] || fail "the command list of --help: $cmds"
for c in $cmds; do
	grep -Eq "(^\.B |\\fB)$c\b" "$man" || fail "docs/warroom.1 does not describe '$c'"
done
mandoc -T utf8 "$man" 2>&1 | sed "s/.\x08//g" >"$T/man.txt" || fail "mandoc -T utf8"
for e in WARROOM_DB WARROOM_AS WARROOM_INCIDENT WARROOM_CONFIG NO_COLOR JOURNAL_STREAM; do
	sed -n '/^ENVIRONMENT/,/^EXIT STATUS/p' "$T/man.txt" | grep -q "$e" || fail "ENVIRONMENT does not name $e"
done
pass "docs/warroom.1: mandoc -T lint clean, every section and command, the environment"
