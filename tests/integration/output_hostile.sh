# output_hostile.sh: whatever the database holds, what warroom prints is
# clean. Anyone who can write the file can store any bytes with plain
# sqlite3, past every check on the way in: escape sequences (CSI, OSC, DCS),
# C1 controls raw (0x9B) and as UTF-8 (U+009B), invalid UTF-8, bidi
# overrides, CR/BS/TAB/DEL/BEL, line breaks that would forge a row, a NUL,
# an infinite number. Every text column any command prints gets them; then
# every command that prints runs, and its standard output and error must be
# valid UTF-8 with no control but '\n' and no bidi control, every --json
# output must parse with no such character in any decoded string, and no
# one-line listing may show a forged row. Runs the sanitizer build when
# there is one: the hostile rows are read by every loader.
. "$(dirname "$0")/../lib.sh"
R=$(dirname "$0")/../reliab
[ -x "${WARROOM_ASAN_BIN:-}" ] && W=$WARROOM_ASAN_BIN
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

# A realistic incident with a row in every table, made the ordinary way.
"$W" init >/dev/null 2>&1 || fail "init"
"$W" declare "checkout errors" --severity SEV2 >/dev/null || fail "declare"
"$W" join alice --role ops && "$W" assign alice --purpose "find it" --task "read logs" &&
	"$W" join bob && "$W" join carol && "$W" impact assessing --scope "EU" || fail "board"
e1=$("$W" log "first sighting" --source grafana) || fail "log"
"$W" edit "$e1" --text "first sighting, edited" && "$W" edit "$e1" --source pager || fail "edit"
"$W" deploy v1.2.3 --rollback-safe no --link https://ci.example/1 >/dev/null &&
	"$W" flag new-checkout on >/dev/null || fail "release"
"$W" decide "hold the release" --reason "r" --risk "k" --signoff bob >/dev/null &&
	"$W" decide "page the db team" --reason "r" --signoff carol >/dev/null || fail "decide"
"$W" update "first update" >/dev/null && "$W" update "to managers" --audience managers >/dev/null || fail "update"
"$W" metric add latency --demo latency --unit ms --warn 100 --crit 200 >/dev/null &&
	"$W" metric add errors --demo errors >/dev/null || fail "metric"
"$W" action add "fix the pool" --category root-cause --owner carol --due 2026-12-01 >/dev/null &&
	"$W" action add --from "$e1" --category detect-faster >/dev/null || fail "action"

# Then someone writes the file directly. Each column gets every payload of
# tests/reliab/payloads.py at once (its name first, to find it again);
# extra entries carry one payload each, a NUL, and a forged row.
python3 - "$R" >"$T/poison.sql" <<'PY' || fail "poison.sql"
import sys
sys.path.insert(0, sys.argv[1])
from payloads import P
ALL = b" ".join(v for k, v in P.items() if k not in ("long_line", "bad_too_long"))
ALL += b"\nFORGED row"
def lit(b):
    return "CAST(X'%s' AS TEXT)" % b.hex()
def col(name):
    return lit(name.encode() + b": " + ALL)
sets = {
    "incident": ["title", "commander", "impact_scope"],
    "entry": ["author", "text", "source", "edited_by"],
    "entry_history": ["author", "text", "source", "changed_by"],
    "assignment": ["purpose", "task"],
    "release": ["name", "link"],
    "decision": ["text", "reason", "risk", "signed_by", "signoff_note"],
    "status_update": ["heading", "body", "author", "last_error"],
    "series": ["query", "unit", "last_error"],
    "action": ["text", "owner"],
}
for table, cols in sets.items():
    print("UPDATE %s SET %s;" % (table, ", ".join("%s = %s" % (c, col(table + "." + c)) for c in cols)))
# Names that must stay unique get the row id too.
print("UPDATE responder SET name = id || %s;" % col("responder.name"))
print("UPDATE series SET name = id || %s;" % col("series.name"))
# Decision 1 is signed off below, which writes a timeline entry quoting
# it: that write refuses invalid UTF-8, so its text is hostile but valid.
VALID = b" ".join(v for k, v in P.items() if not k.startswith("bad_") and k != "long_line")
print("UPDATE decision SET text = %s, reason = %s WHERE id = 1;" % (
    lit(b"decision.text: " + VALID + b"\nFORGED row"), lit(b"decision.reason: " + VALID)))
# Decision 2 waits for a hostile name; decision 1 keeps bob (who signs it
# off below) and points at the release; both carry a hostile checklist.
print("UPDATE decision SET signoff_from = %s WHERE id = 2;" % col("decision.signoff_from"))
print("UPDATE decision SET release_id = (SELECT min(id) FROM release) WHERE id = 1;")
raw = ALL.replace(b"\\", b"").replace(b'"', b"")
cl = (b'{"name":"rollback","title":"T ' + raw + b'","answers":[{"q":"Q ' + raw
      + b'","a":"yes","note":"N \\u001b[31m \\u009b2J \\u202e ' + raw + b'"}]}')
print("UPDATE decision SET checklist = %s;" % lit(cl))
print("UPDATE status_update SET state = 'failed', phase = 'no-such-phase' WHERE id = 1;")
print("UPDATE series SET fail_count = 3, next_poll = 0 WHERE id = 1;")
print("INSERT INTO sample (series_id, t, v) VALUES (1, strftime('%s','now'), 9e999), (2, strftime('%s','now'), -9e999);")
print("UPDATE series SET warn = -9e999, crit = 9e999 WHERE id = 2;")
for i, (k, v) in enumerate(sorted(P.items())):
    print("INSERT INTO entry (incident_id, event_time, recorded, author, kind, text, source) "
          "VALUES (1, %d, %d, %s, 'event', %s, %s);" % (1700000000 + i, 1700000000 + i,
          lit(k.encode() + b" " + v), lit(b"one payload: " + k.encode() + b" " + v), lit(v)))
print("INSERT INTO entry (incident_id, event_time, recorded, author, kind, text) "
      "VALUES (1, 1700000100, 1700000100, 'nul', 'note', %s);" % lit(b"before NUL\x00\x1b[31m after"))
PY
sq "$WARROOM_DB" <"$T/poison.sql" >/dev/null || fail "poisoning the database"
keep_wal
q() { sqlite3 "file:$WARROOM_DB?mode=ro" "$1"; }
n=$(q "SELECT count(*) FROM entry WHERE text LIKE '%FORGED%'")
[ "$n" -ge 2 ] || fail "poisoning reached only $n entries"

# Every command that prints (the table in core/cli/cli.c), in every variant.
O=$T/out
mkdir "$O"
k=0
run() { # json|text, command...
	kind=$1
	shift
	k=$((k + 1))
	"$W" "$@" >"$O/$k.$kind" 2>"$O/$k.err" || fail "$*: exit $?: $(head -c 300 "$O/$k.err" | tr -c '[:print:]\n' '?')"
	[ -s "$O/$k.$kind" ] || fail "$*: printed nothing"
	echo "$*" >"$O/$k.cmd"
}
run text status
run json status --json
run text list
run json list --json
for id in $(q "SELECT id FROM entry ORDER BY id"); do
	run text log --history "$id"
done
run text update --list
run json update --list --json
run text update --preview "all good again"
run json update --preview "all good again" --json
run text metric list
run json metric list --json
run text action list
al=$k
run json action list --json
run text export
run text export --format md
run json export --format json
run text interval
run text signoff 1 --as bob --note "fine"
# Every name on the board is hostile now, so nobody may log: the refusal
# quotes the stored commander, cleaned, on one line.
if "$W" log "one more" >"$O/refused.text" 2>"$O/refused.err"; then
	fail "log by someone not in the response succeeded"
fi
[ "$(wc -l <"$O/refused.err")" -eq 1 ] || fail "refusal is not one line"
echo "log (refused)" >"$O/refused.cmd"
sq "$WARROOM_DB" "INSERT INTO responder (incident_id, name, role, state, \
    joined, last_checkin) VALUES (1, 'plain', 'ops', 'active', 0, 0)" >/dev/null ||
	fail "a plain responder"
run text --as plain log "one more" # prints an id
run text --help
run text update --template
[ "$(wc -l <"$O/$k.text")" -ge 5 ] || fail "update --template lost its lines: $(cat "$O/$k.text")"
# The agent's log lines quote stored updates and series.
"$W" agent --once >"$O/agent.text" 2>"$O/agent.err" || fail "agent --once: $(head -c 300 "$O/agent.err")"
echo "agent --once" >"$O/agent.cmd"
# The drafts export -o writes get read on a terminal too.
"$W" export -o "$O/draft.text" && echo "export -o" >"$O/draft.cmd" || fail "export -o"
"$W" export --format json -o "$O/draft.json" || fail "export --format json -o"
echo "$k commands"

out=$(python3 "$R/rawcheck.py" "$O"/*.text "$O"/*.err) || fail "text output: $out"
out=$(python3 "$R/rawcheck.py" --json "$O"/*.json) || fail "JSON output: $out"
# The hostile text was printed (cleaned), not dropped: a check that passes
# on empty output proves nothing.
for what in incident.title entry.text entry_history.text decision.reason \
    status_update.body series.query action.owner; do
	grep -lq "$what" "$O"/*.text "$O"/*.json || fail "$what never printed"
done
grep -q 'action.text' "$O/$al.text" || fail "action list misses the action text"
pass "no escape, C0/C1, DEL, bidi or invalid UTF-8 in $k outputs; every JSON parses clean"

# Listings keep one row per record, and the Markdown draft one paragraph
# or table row: a stored line break became a space (or <br>), so "FORGED
# row" never starts a line.
for f in "$O"/*.text; do
	if grep -q '^FORGED' "$f"; then
		fail "a stored line break forged a row in '$(cat "${f%.text}.cmd")'"
	fi
done
grep -q 'FORGED row' "$O"/1.text || fail "status does not show the stored text"
pass "stored line breaks forge no row in any listing"

# A number the file holds but JSON cannot (infinity) is null, not "inf".
python3 - "$O" <<'PY' || fail "infinite values"
import glob, json, sys
for f in sorted(glob.glob(sys.argv[1] + "/*.json")):
    json.load(open(f, encoding="utf-8"))  # strict: "inf" would not parse
doc = json.load(open(sys.argv[1] + "/draft.json", encoding="utf-8"))
for s in doc["series"]:
    assert all(isinstance(v, (int, float)) for (_, v) in s["samples"]), s["samples"]
assert any(s["warn"] is None and s["crit"] is None for s in doc["series"])
PY
pass "infinite samples left out, infinite thresholds null"
