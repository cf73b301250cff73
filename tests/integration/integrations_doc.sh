#!/bin/sh
# integrations_doc.sh: the blocks of docs/integrations.md marked
# <!-- test:NAME --> run as written: the deploy hook wrapper (exit 0 with
# the id, 1 and 2 passed on at once, 75 retried until the lock is gone),
# the shell lines that call it with no incident, one and several open (as
# the guide says each is told), the GitHub Actions step's script, and the
# single-user backup and restore.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../sshd_lib.sh" # doc_block
doc="$(dirname "$0")/../../docs/integrations.md"
R="$(dirname "$0")/../reliab"

mkdir -p "$T/bin"
ln -s "$W" "$T/bin/warroom"
PATH="$T/bin:$PATH" && export PATH
doc_block "$doc" deploy-hook "" >"$T/bin/warroom-release"
grep -q 'warroom "\$@"' "$T/bin/warroom-release" || fail "no deploy-hook block in $doc"
chmod 755 "$T/bin/warroom-release"
doc_block "$doc" deploy-shell "" >"$T/shell.sh"
grep -q "warroom-release deploy" "$T/shell.sh" || fail "no deploy-shell block"
"$W" init >/dev/null 2>&1 || fail init
tl() { "$W" --incident "$1" status | sed -n '/^timeline/,/^$/p'; }

# No incident open: recorded, quiet, exit 0; a later incident lists it.
sh -e "$T/shell.sh" >"$T/out" 2>"$T/err" || fail "the shell block: $(cat "$T/err")"
assert_eq "$(cat "$T/out")" "1
2" "the ids"
assert_eq "$(cat "$T/err")" "" "nothing on standard error"
"$W" declare "Checkout errors" --severity SEV2 >/dev/null 2>&1 || fail declare
out=$("$W" status)
assert_contains "$out" "deploy v4.2.1" "a later incident lists the deploy"
assert_contains "$out" "https://ci.example.com/payments/pipelines/812" "with its link"
assert_contains "$out" "flag   new-checkout     off" "and the flag"
assert_not_contains "$(tl 1)" "v4.2.1" "not in its timeline"
pass "no incident open: recorded for the service, shown by the next incident"

# One open: its timeline is told.
sh -e "$T/shell.sh" >/dev/null 2>"$T/err" || fail "one open: $(cat "$T/err")"
assert_contains "$(tl 1)" "Deployed v4.2.1 (rollback-safe)" "the deploy in the timeline"
assert_contains "$(tl 1)" "new-checkout" "the flag in the timeline"
# Several open: recorded, exit 0, one line, no timeline told.
"$W" declare "Search slow" >/dev/null 2>&1 || fail declare
WARROOM_AS=ci warroom-release deploy v4.2.2 >"$T/out" 2>"$T/err" || fail "several open: $(cat "$T/err")"
assert_eq "$(cat "$T/out")" "5" "its id"
assert_eq "$(wc -l <"$T/err")" 1 "one line"
assert_contains "$(cat "$T/err")" "warroom: recorded for the service only, no incident told: several incidents are open; say which with --incident N or WARROOM_INCIDENT=N" "the line"
assert_not_contains "$(tl 1)$(tl 2)" "v4.2.2" "no timeline told"
WARROOM_INCIDENT=2 warroom-release flag dark-mode on >/dev/null 2>"$T/err" || fail "WARROOM_INCIDENT"
assert_contains "$(tl 2)" "dark-mode" "WARROOM_INCIDENT names the one told"
pass "one open: told; several: recorded, one line, exit 0; WARROOM_INCIDENT"

# 1 and 2 are passed on at once (no retry), nothing recorded.
nrel() { sq "$WARROOM_DB" "SELECT count(*) FROM release" | tail -n 1; }
n=$(nrel)
t0=$(date +%s)
warroom-release deploy v5 --rollback-safe maybe 2>"$T/err"
assert_eq "$?" 1 "a bad value"
warroom-release deploy v5 --link ftp://x 2>/dev/null
assert_eq "$?" 1 "a link that is not http(s)"
warroom-release deploy 2>/dev/null
assert_eq "$?" 2 "a missing VERSION"
warroom-release flag x maybe 2>/dev/null
assert_eq "$?" 1 "a bad flag state"
[ $(($(date +%s) - t0)) -le 2 ] || fail "1 and 2 were retried"
assert_eq "$(nrel)" "$n" "nothing recorded"
pass "exit 1 and 2: passed on at once, nothing recorded"

# 75: another writer holds the lock for 7 s (the busy timeout is 5 s):
# warroom alone gives up with 75; the wrapper, started at the same time,
# gets 75 too, tries again 2 s later and records it.
python3 "$R/lockholder.py" "$WARROOM_DB" 7 >"$T/holder" 2>&1 &
holder=$!
on_exit "kill $holder 2>/dev/null"
i=0
until grep -q locked "$T/holder"; do
	i=$((i + 1))
	[ "$i" -lt 200 ] || fail "the lock holder did not start"
	sleep 0.05
done
warroom-release --incident 1 deploy v6 --rollback-safe no >"$T/out" 2>"$T/err" &
wrapper=$!
"$W" --incident 1 deploy v6 >/dev/null 2>&1
assert_eq "$?" 75 "warroom itself while locked"
wait "$wrapper" || fail "the wrapper did not get through: $(cat "$T/err")"
wait "$holder"
assert_contains "$(cat "$T/err")" "warroom: " "warroom said why it waited"
assert_contains "$(tl 1)" "Deployed v6 (NOT rollback-safe)" "recorded after the retry"
pass "exit 75: retried by the wrapper until recorded"

# The GitHub Actions step: its run script with the step's env, the
# expressions as GitHub would fill them.
doc_block "$doc" deploy-github "" >"$T/step.yml"
python3 - "$T/step.yml" "$T/step.sh" <<'PY' || fail "the GitHub step: $(cat "$T/step.yml")"
import re, shlex, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
ctx = {"github.ref_name": "v7.0.0", "github.server_url": "https://github.com",
       "github.repository": "acme/payments", "github.run_id": "4242",
       "github.actor": "octocat", "vars.ROLLBACK_SAFE || 'unknown'": "yes"}
def fill(s):
    return re.sub(r"\$\{\{ (.*?) \}\}", lambda m: ctx[m.group(1)], s)
env, run, mode, ind = {}, [], None, 0
for l in lines:
    s = l.strip()
    if s == "env:":
        mode, ind = "env", len(l) - len(l.lstrip())
    elif s == "run: |":
        mode, ind = "run", len(l) - len(l.lstrip())
    elif mode and l and len(l) - len(l.lstrip()) <= ind:
        mode = None
    elif mode == "env":
        k, v = s.split(": ", 1)
        env[k] = fill(v)
    elif mode == "run":
        run.append(fill(l.strip() if not l.startswith(" " * (ind + 4)) else l[ind + 2:]))
assert env["VERSION"] == "v7.0.0" and run, (env, run)
env.pop("WARROOM_DB")  # the test's database
with open(sys.argv[2], "w") as f:
    for k, v in env.items():
        f.write("%s=%s; export %s\n" % (k, shlex.quote(v), k))
    f.write("\n".join(run) + "\n")
PY
sh -e "$T/step.sh" >"$T/out" 2>"$T/err"
assert_eq "$?" 0 "the step's script: $(cat "$T/err")"
"$W" --incident 1 status >"$T/st"
assert_contains "$(cat "$T/st")" "deploy v7.0.0" "the step recorded the release"
assert_contains "$(cat "$T/st")" "https://github.com/acme/payments/actions/runs/4242" "with the run's link"
assert_eq "$(sq "$WARROOM_DB" "SELECT count(*) FROM release WHERE name = 'v7.0.0' AND rollback_safe = 'yes'" | tail -n 1)" 1 "rollback-safe yes"
pass "the GitHub Actions step records the release with its link"

# Backups for one user: backup, a write, restore the newest copy.
doc_block "$doc" backup-user "" >"$T/backup.sh"
doc_block "$doc" restore-user "" >"$T/restore.sh"
grep -q "warroom backup" "$T/backup.sh" && grep -q "warroom restore" "$T/restore.sh" ||
    fail "no backup-user/restore-user blocks"
sh -e "$T/backup.sh" 2>"$T/err" || fail "backup: $(cat "$T/err")"
sleep 1
"$W" --incident 1 log "after the backup" >/dev/null || fail log
assert_contains "$(tl 1)" "after the backup" "logged"
sh -e "$T/restore.sh" >/dev/null 2>"$T/err" || fail "restore: $(cat "$T/err")"
assert_not_contains "$(tl 1)" "after the backup" "the restored database is the copy"
assert_contains "$(tl 1)" "Deployed v6" "with what came before"
[ -f "$WARROOM_DB.before-restore" ] || fail "no .before-restore"
pass "single-user backup and restore as written"
