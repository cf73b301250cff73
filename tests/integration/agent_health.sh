#!/bin/sh
# agent_health.sh: the agent's log lines carry the journal's priority
# prefixes (<3> error, <4> warning, <6> information) when standard error is
# the journal ($JOURNAL_STREAM names its device:inode), and are plain
# "warroom agent: ..." lines otherwise (unset, or naming another file); and
# [agent] textfile gets the agent's health in Prometheus' text format after
# a round: series polled, destinations delivered to, the queue.
. "$(dirname "$0")/../lib.sh"
RX=$T/rx
slack_rx_start "$RX" "200,404,200,404,200,404"
PROM="$T/textfile/warroom.prom"
mkdir -p "$T/textfile"
write_config "$XDG_CONFIG_HOME/warroom/config" <<EOC
[slack]
webhook.engineers = http://127.0.0.1:$RX_PORT/services/T/B/eng
webhook.managers = http://127.0.0.1:$RX_PORT/services/T/B/mgr
[command]
enabled = yes
[agent]
textfile = $PROM
EOC

# One database per run: a working demo series, a failing command series;
# an update that goes out (engineers: 200), one refused for good
# (managers: 404), one that waits (users: no webhook for them).
setup() { # db
	export WARROOM_DB="$1"
	"$W" declare "health $1" >/dev/null 2>&1 || fail "declare"
	"$W" metric add demo_errors --demo errors >/dev/null || fail "metric add demo"
	"$W" metric add broken --command "echo nope >&2; exit 3" >/dev/null || fail "metric add command"
	"$W" update "engineers: looking" >/dev/null || fail "update engineers"
	"$W" update "managers: looking" --audience managers >/dev/null || fail "update managers"
	"$W" update "Some payments fail; we are on it." --audience users >/dev/null || fail "update users"
}

# Under systemd: standard error is the journal's stream.
setup "$T/j.db"
: >"$T/j.err"
js=$(stat -c '%d:%i' "$T/j.err")
before=$(date +%s)
JOURNAL_STREAM=$js "$W" agent --once 2>>"$T/j.err" || fail "agent --once: $(cat "$T/j.err")"
after=$(date +%s)
cat "$T/j.err"
grep -v '^<[346]>' "$T/j.err" | grep . && fail "a line without a priority prefix under the journal"
grep -q '^<6>update 1 (engineers): sent$' "$T/j.err" || fail "no <6> line for the update sent"
grep -q '^<3>update 2 (managers): failed, not retried: .*404' "$T/j.err" || fail "no <3> line for the update refused"
grep -q '^<4>update 3 (users): waiting: ' "$T/j.err" || fail "no <4> line for the update waiting"
grep -q 'warroom agent:' "$T/j.err" && fail "the journal gets the 'warroom agent:' prefix too"
pass "under the journal: <6> sent, <3> refused, <4> waiting"

# The textfile that round wrote.
[ -f "$PROM" ] || fail "no textfile at $PROM"
[ ! -e "$PROM.tmp" ] || fail "$PROM.tmp left behind"
assert_eq "$(stat -c %a "$PROM")" 644 "the textfile's mode"
python3 - "$PROM" "$before" "$after" <<'PY' || fail "textfile: $(cat "$PROM")"
import re, sys
path, before, after = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
sample = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*\})? (-?[0-9.e+]+|NaN)$')
helped, typed, seen, done, vals = set(), set(), [], set(), {}
for n, line in enumerate(open(path, encoding="utf-8").read().split("\n")[:-1], 1):
    if line.startswith("# HELP "):
        helped.add(line.split()[2]); continue
    if line.startswith("# TYPE "):
        name = line.split()[2]
        assert line.split()[3] == "gauge", line
        assert name not in typed, "two TYPE lines for " + name
        typed.add(name); continue
    m = sample.match(line)
    assert m, "line %d is not a sample: %r" % (n, line)
    name = m.group(1)
    assert name in helped and name in typed, "no HELP/TYPE before " + name
    if seen and seen[-1] != name:
        assert name not in done, "samples of %s are not together" % name
        done.add(seen[-1])
    seen.append(name)
    vals[name + (m.group(2) or "")] = float(m.group(3))
def get(k):
    assert k in vals, "missing %s in %s" % (k, sorted(vals))
    return vals[k]
t = get('warroom_series_last_success_timestamp_seconds{series="demo_errors",source="demo"}')
assert before <= t <= after, "demo_errors last success %d not in [%d, %d]" % (t, before, after)
assert 'warroom_series_last_success_timestamp_seconds{series="broken",source="command"}' not in vals, "a series never polled well has a last success"
assert get('warroom_series_failures{series="broken",source="command"}') == 1
assert get('warroom_series_failures{series="demo_errors",source="demo"}') == 0
t = get('warroom_delivery_last_success_timestamp_seconds{destination="slack",audience="engineers",key="webhook.engineers"}')
assert before <= t <= after, "delivery time %d not in [%d, %d]" % (t, before, after)
assert not any(k.startswith("warroom_delivery") and "managers" in k for k in vals), "managers never took an update"
assert get("warroom_outbox_queued") == 1
assert get("warroom_outbox_failed") == 1
assert before <= get("warroom_agent_round_timestamp_seconds") <= after
assert any(k.startswith("warroom_agent_info{version=") for k in vals)
print("textfile ok: %d samples" % len(vals))
PY
grep -q "secret\|services/T/B" "$PROM" && fail "the textfile names a webhook URL"
pass "textfile: valid text format; last success per series and destination, failures, queue"

# Not under systemd: plain lines, whether JOURNAL_STREAM is unset or names
# another file (a program the unit started, its stderr redirected).
for how in unset other; do
	setup "$T/p-$how.db"
	if [ $how = unset ]; then
		env -u JOURNAL_STREAM "$W" agent --once 2>"$T/p.err" || fail "agent --once ($how)"
	else
		JOURNAL_STREAM=$js "$W" agent --once 2>"$T/p.err" || fail "agent --once ($how)"
	fi
	grep -q '^<[0-9]>' "$T/p.err" && fail "a priority prefix without the journal ($how): $(cat "$T/p.err")"
	grep -q '^warroom agent: update 1 (engineers): sent$' "$T/p.err" || fail "plain sent line ($how): $(cat "$T/p.err")"
	grep -q '^warroom agent: update 2 (managers): failed, not retried' "$T/p.err" || fail "plain failed line ($how)"
done
pass "without the journal: plain 'warroom agent:' lines (JOURNAL_STREAM unset, or another file's)"

# A textfile that cannot be written: one warning, the round goes on.
write_config "$XDG_CONFIG_HOME/warroom/config" <<EOC
[slack]
webhook.engineers = http://127.0.0.1:$RX_PORT/services/T/B/eng
[agent]
textfile = $T/no/such/folder/warroom.prom
EOC
"$W" update "engineers: again" >/dev/null || fail "update"
"$W" agent --once 2>"$T/bad.err" || fail "agent --once with a bad textfile path"
assert_eq "$(grep -c 'textfile' "$T/bad.err")" 1 "warnings about the textfile"
grep -q 'sent$' "$T/bad.err" || fail "the round did not go on: $(cat "$T/bad.err")"
pass "an unwritable textfile: one warning, the update still sent"
