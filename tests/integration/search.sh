#!/bin/sh
# search.sh: `warroom search` across incidents: Japanese words inside
# sentences, an imported incident's entries, edits, deletions and
# tombstones followed, an old database indexed by its migration, stored
# escape sequences cleaned, and any query taken as text, never as syntax.
. "$(dirname "$0")/../lib.sh"

S() { "$W" search "$@"; }
"$W" init >/dev/null 2>&1 || fail "init"
"$W" --as alice declare "決済APIのエラー率上昇" --severity SEV2 >/dev/null \
    || fail "declare 1"
"$W" --as alice --incident 1 join bob >/dev/null || fail "join bob"
"$W" --as alice --incident 1 log "原因を調査中: DB のレプリケーション遅延" \
    >/dev/null || fail "log 1a"
"$W" --as bob --incident 1 log "disk full on db-3" --kind action \
    >/dev/null || fail "log 1b"
"$W" --as alice declare "login fails" --severity SEV3 >/dev/null \
    || fail "declare 2"
for p in "carol --role scribe" bob; do
	"$W" --as alice --incident 2 join $p >/dev/null || fail "join $p"
done
"$W" --as carol --incident 2 log "SSO の調査を開始" >/dev/null || fail "2a"
mine=$("$W" --as carol --incident 2 log "a typo entry") || fail "2b"
theirs=$("$W" --as bob --incident 2 log "secret token abc123 pasted") \
    || fail "2c"
"$W" --as carol --incident 2 log "$(printf 'evil \033]0;owned\007 title and \033[2J wipe')" \
    >/dev/null || fail "2d"

# A word inside a Japanese sentence: 3 characters use the index, 2 the
# bounded scan; each line names incident, time, kind and author.
out=$(S 調査中) || fail "search 調査中"
assert_eq "$(echo "$out" | wc -l)" "1" "調査中: one hit"
case "$out" in
"#1  "*"  [event] alice: 原因を調査中: DB のレプリケーション遅延") ;;
*) fail "調査中: $out" ;;
esac
out=$(S 調査) || fail "search 調査"
assert_eq "$(echo "$out" | cut -c1-3 | sort | tr '\n' ' ')" "#1  #2  " \
    "調査 finds both incidents"
assert_contains "$(S レプリケーション)" "#1" "katakana"
assert_contains "$(S 'DISK FULL')" "[action] bob: disk full on db-3" \
    "ASCII case"
assert_eq "$(S 'no such words')" "no entry matches" "no hit"
pass "Japanese words inside sentences, across incidents"

# Edited: the old text is no longer found, the new one is.
"$W" --as carol edit "$mine" --text "a fixed entry" || fail "edit"
assert_eq "$(S 'typo entry')" "no entry matches" "old text after edit"
assert_contains "$(S 'fixed entry')" "#2" "new text after edit"
# Deleted quietly (one's own) and tombstoned (someone else's): not found.
"$W" --as carol delete "$mine" || fail "delete"
assert_eq "$(S 'fixed entry')" "no entry matches" "deleted entry"
"$W" --as carol delete "$theirs" --reason "a secret" || fail "tombstone"
assert_eq "$(S abc123)" "no entry matches" "tombstoned entry"
assert_eq "$(S abc)" "no entry matches" "tombstoned entry, short query"
"$W" --as carol undelete "$mine" >/dev/null || fail "undelete"
assert_contains "$(S 'fixed entry')" "#2" "undeleted entry"
pass "edits, deletions, tombstones and undelete followed"

# What the terminal gets is cleaned: no escape byte reaches it.
S wipe >"$T/o" || fail "search hostile"
grep -q "$(printf '\033')" "$T/o" && fail "an escape reached the terminal"
grep -q 'title and' "$T/o" || fail "hostile entry not found"
S --json wipe >"$T/o.json" || fail "search --json"
python3 - "$T/o.json" <<'PY' || fail "search JSON"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert d["query"] == "wipe" and d["partial"] is False, d
(h,) = d["results"]
assert h["incident"] == 2 and h["kind"] == "event" and h["author"] == "carol"
assert "\x1b" not in h["text"] and "wipe" in h["text"], h
assert h["time"].endswith("Z") and h["title"] == "login fails", h
PY
pass "output cleaned, JSON parses"

# Queries are text: FTS5 syntax matches itself or nothing, never errs.
"$W" --as carol --incident 2 log 'use "quotes" AND NOT (x*) -y: col^1' \
    >/dev/null || fail "log syntax"
for q in '"quotes" AND' 'NOT (x*)' 'y: col^1' 'col^1'; do
	assert_contains "$(S "$q")" "#2" "query $q"
done
for q in '"' '*' 'AND' 'OR NOT' 'NEAR(a b)' '(((' 'x:' '%' '_' '\'; do
	S "$q" >"$T/o" 2>"$T/e" || fail "query $q: $(cat "$T/e")"
	[ -s "$T/e" ] && fail "query $q said: $(cat "$T/e")"
done
assert_eq "$(S '%' | wc -l)" "1" "% is not a wildcard"
assert_contains "$(S -- "-y: col")" "#2" "-- before a text that starts with -"
pass "FTS syntax and LIKE wildcards are plain text"

sum=$(db_sum)
assert_fails "empty" "$W" search ""
assert_fails "blank" "$W" search "   "
assert_fails "too long" "$W" search "$(head -c 300 /dev/zero | tr '\0' a)"
assert_fails "a control character" "$W" search "$(printf 'a\033b')"
assert_fails "not UTF-8" "$W" search "$(printf 'ab\377')"
assert_fails "--limit 0" "$W" search disk --limit 0
assert_fails "--limit x" "$W" search disk --limit x
assert_fails "no database" "$W" --db "$T/none.db" search disk
[ -e "$T/none.db" ] && fail "search created a database"
assert_eq "$(db_sum)" "$sum" "nothing changed"
pass "bad input: one line, nothing changed"

# --limit, and the best match first.
i=0
while [ $i -lt 5 ]; do
	"$W" --as bob --incident 1 log "latency $i on api, then much more \
text about the latency of the api tier" >/dev/null || fail "log $i"
	i=$((i + 1))
done
"$W" --as bob --incident 1 log "api latency" >/dev/null || fail "log short"
assert_eq "$(S latency --limit 3 | wc -l)" "3" "--limit 3"
assert_contains "$(S 'api latency' | head -1)" "bob: api latency" "best first"
pass "--limit, ranking"

# An imported incident is searched under its new number.
WARROOM_NOW= "$W" --incident 1 export --format json >"$T/1.json" \
    || fail "export"
"$W" import "$T/1.json" >/dev/null || fail "import"
assert_eq "$(S 調査中 | cut -c1-3 | sort | tr '\n' ' ')" "#1  #3  " \
    "imported entries found"
pass "imported incident"

# A database from before the index (schema 2): init migrates and indexes.
O="$T/old.db"
old_db "$O"
WARROOM_DB=$O "$W" init >/dev/null 2>&1 || fail "migrate old"
n=$(sqlite3 "$O" "SELECT count(*) FROM entry WHERE deleted = 0 AND tomb_at = 0")
word=$(sqlite3 "$O" "SELECT substr(text, 1, 6) FROM entry WHERE deleted = 0 \
    AND kind = 'event' ORDER BY id LIMIT 1")
[ "$n" -gt 0 ] && [ -n "$word" ] || fail "old fixture has no entries"
assert_contains "$(WARROOM_DB=$O "$W" search "$word")" "#1" "old entries"
got=$(sqlite3 "$O" "SELECT count(*) FROM entry_fts_docsize")
assert_eq "$got" "$n" "every live entry of the old database indexed"
pass "an old database is indexed by its migration"
