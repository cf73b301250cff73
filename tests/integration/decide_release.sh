#!/bin/sh
# decide_release.sh: deploys and flag changes from the command line: the
# rollback-safe mark in status (text and JSON) and the timeline; bad input
# refused with one line and the database unchanged.
. "$(dirname "$0")/../lib.sh"

"$W" declare "Errors after release" --severity SEV2 >/dev/null 2>&1 || fail "declare"
r1=$("$W" deploy v1.2.3 --rollback-safe no --at -10m \
    --link https://github.com/example/api/pull/42) || fail "deploy v1.2.3"
r2=$("$W" deploy v1.2.2 --rollback-safe yes --at -2h) || fail "deploy v1.2.2"
r3=$("$W" deploy build-77) || fail "deploy without mark"
r4=$("$W" flag new-permissions off --at -1m) || fail "flag"
assert_eq "$r1 $r2 $r3 $r4" "1 2 3 4" "release ids"

out=$("$W" status) || fail "status"
assert_contains "$out" "releases (newest 4)" "status has releases"
assert_contains "$out" "deploy v1.2.3           NOT rollback-safe  https://github.com/example/api/pull/42" "v1.2.3 not safe"
assert_contains "$out" "deploy v1.2.2           rollback-safe" "v1.2.2 safe"
assert_contains "$out" "deploy build-77         rollback-safe: unknown" "no mark is unknown"
assert_contains "$out" "flag   new-permissions  off" "flag off"
assert_contains "$out" "release    $(id -un)" "timeline release entry"

"$W" status --json >"$T/s.json" || fail "status --json"
python3 - "$T/s.json" <<'PY' || fail "status JSON"
import json, sys
d = json.load(open(sys.argv[1]))
rel = d["releases"]
assert [r["name"] for r in rel] == ["build-77", "new-permissions", "v1.2.3", "v1.2.2"], rel
by = {r["name"]: r for r in rel}
assert by["v1.2.3"]["rollback_safe"] == "no" and by["v1.2.3"]["kind"] == "deploy"
assert by["v1.2.3"]["link"] == "https://github.com/example/api/pull/42"
assert by["v1.2.2"]["rollback_safe"] == "yes"
assert by["build-77"]["rollback_safe"] == "unknown"
assert by["new-permissions"]["kind"] == "flag" and by["new-permissions"]["state"] == "off"
tl = [e for e in d["timeline"] if e["kind"] == "release"]
texts = [e["text"] for e in tl]
assert "Deployed v1.2.3 (NOT rollback-safe) https://github.com/example/api/pull/42" in texts, texts
assert "Flag new-permissions turned off" in texts, texts
assert len(tl) == 4
# each release points at its own timeline entry
ids = {e["id"] for e in tl}
assert {r["entry_id"] for r in rel} == ids
PY
pass "releases and flags in status and timeline"

# Bad input: one line, nothing changed.
sum=$(db_sum)
assert_fails "bad mark" "$W" deploy v2 --rollback-safe maybe
assert_contains "$(cat "$T/err")" "yes, no, unknown" "lists the marks"
assert_fails "two words" "$W" deploy "v2 final"
assert_fails "empty version" "$W" deploy ""
assert_fails "ftp link" "$W" deploy v2 --link ftp://example.com/x
assert_fails "link without host" "$W" deploy v2 --link https://
assert_fails "link with space" "$W" deploy v2 --link "https://a b"
assert_fails "link escape" "$W" deploy v2 --link "$(printf 'https://a\033[2J')"
assert_fails "bad time" "$W" deploy v2 --at yesterday-ish
assert_fails "future time" "$W" deploy v2 --at "$(date -u -d '+2 hours' '+%Y-%m-%d %H:%M')Z"
assert_fails "bad flag state" "$W" flag new-permissions maybe
assert_contains "$(cat "$T/err")" "off, on" "lists flag states"
assert_fails "flag without state" "$W" flag new-permissions
assert_fails "flag name with space" "$W" flag "new perms" on
assert_fails "unknown incident" "$W" --incident 99 deploy v2
assert_fails "bad utf-8" "$W" deploy "$(printf 'v\377')"
assert_eq "$(db_sum)" "$sum" "database unchanged after bad input"
pass "bad input refused, nothing changed"

# Escape sequences in a version are cleaned on the way in.
"$W" flag "$(printf 'evil\033]0;x\007')" on >/dev/null || fail "flag with escape"
out=$("$W" status)
case "$out" in *"$(printf '\033')"*) fail "escape reached the output" ;; esac
pass "hostile names cleaned"
