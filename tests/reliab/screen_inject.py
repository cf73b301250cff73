#!/usr/bin/env python3
"""screen_inject.py WARROOM TMPDIR: hostile text in every field a screen
draws, then `warroom view` and `warroom tui` on a pseudo-terminal: the raw
bytes they write hold nothing but the screen's own control sequences
(ptyterm.rawscreen_problems), each drawn field shows (by a tag in front of
the payload), the screens exit 0 and put the terminal back.

Fields: incident title, timeline text and source, author (--as), responder
names, purposes, tasks, decision text/reason/risk, status-update bodies,
series names and units, series last_error (a local Prometheus stand-in
answering error bodies with escapes, a command printing them; through
`warroom agent --once`), the database path (a folder and file name with
escapes), a note typed into the commander's prompt; and a row written by
another SQLite program with raw bytes (invalid UTF-8, C1, NUL) in every
column the screen reads. One line per problem; exit 1 on any."""
import http.server
import json
import os
import sqlite3
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from payloads import P  # noqa: E402
from ptyterm import (Term, describe, rawscreen_problems, restored,  # noqa: E402
                     selftest, visible)

selftest()
W = sys.argv[1]
T = sys.argv[2]
ASAN = sys.argv[3] if len(sys.argv) > 3 else ""
problems = []


def bad(msg):
    problems.append(msg)
    print("FAIL: " + msg, flush=True)


# A database folder and file whose names carry escapes and a bidi override.
DBDIR = os.path.join(T.encode(), b"d\x1b]0;pwned-dir\x07\xe2\x80\xae")
os.makedirs(DBDIR, exist_ok=True)
DB = os.path.join(DBDIR, b"w\x1b[31;42;1mZQ\xc2\x9b.db")
ENV = dict(os.environb)
ENV[b"WARROOM_DB"] = DB
ENV[b"TERM"] = b"xterm-256color"
ENV[b"LANG"] = ENV[b"LC_ALL"] = b"C.UTF-8"


def wr(*args, ok=None):
    """Run warroom; True when it succeeded."""
    argv = [W.encode()] + [a if isinstance(a, bytes) else a.encode()
                           for a in args]
    r = subprocess.run(argv, env=ENV, capture_output=True, timeout=60)
    if ok is not None and (r.returncode == 0) != ok:
        bad("%s: rc %d: %r" % (args[0], r.returncode, r.stderr[:200]))
    return r.returncode == 0, r.stdout


# --- the incident holding every payload in every field ---------------------
wr("init", ok=True)
_, out = wr("declare", "main incident", "--severity", "SEV2", ok=True)
MAIN = out.strip().decode()
inc = ["--incident", MAIN]
MUST = ["csi", "osc_title", "osc_title_st", "osc52_clipboard", "dcs",
        "c1_utf8", "bidi", "controls"]
accepted = {}
titles = []
for name, p in P.items():
    if name.startswith("bad_"):
        continue
    short = p[:100]  # names are short; over-long ones are refused anyway
    # Logging is for people in the response: the commander adds the
    # hostile author first (the name then shows on the board too).
    wr(*inc, "join", b"AU:" + short)
    got = {
        "log": wr(*inc, "log", b"LT:" + p, "--source", b"LS:" + p)[0],
        "as": wr(*inc, "--as", b"AU:" + short, "log", "by a hostile "
                 "author")[0],
        "join": wr(*inc, "join", b"RN:" + short)[0],
    }
    if got["join"]:
        got["assign"] = wr(*inc, "assign", b"RN:" + short, "--purpose",
                           b"PU:" + p, "--task", b"TK:" + p)[0]
    got["decide"] = wr(*inc, "decide", b"DT:" + p, "--reason", b"DR:" + p,
                       "--risk", b"DK:" + p)[0]
    got["update"] = wr(*inc, "update", b"UB:" + p)[0]
    got["metric"] = wr("metric", "add", b"SN:" + short, "--demo", "errors",
                       "--unit", b"SU:" + p[:20])[0]
    ok, out = wr("declare", b"TI:" + p)
    got["title"] = ok
    if ok:
        titles.append((name, out.strip().decode()))
    accepted[name] = got
    if name in MUST:
        for f, v in got.items():
            if not v:
                bad("payload %s refused in field %s (nothing to draw)" %
                    (name, f))

# --- last_error from outside: a Prometheus stand-in and a command ----------
ANSWERS = {
    "esc_json": (400, "application/json", json.dumps({
        "status": "error", "errorType": "bad_data",
        "error": "EJ:\x1b]0;pwned\x07 \x1b[31;42;1mred \u202eevil \x9b31m "
                 "\x1bP+q\x1b\\ \u2028x"}).encode()),
    # Raw bytes inside a JSON string: not UTF-8, C1, an OSC 52.
    "esc_raw": (422, "application/json", b'{"status":"error","errorType":'
                b'"x","error":"ER:\x1b]52;c;eA==\x07 \x1b[6n \x9b31m '
                b'\xc2\x9d0;t\xc2\x9c \xff\xfe \xe2\x80\xae"}'),
    # An HTML error page: only "HTTP 502" is kept, but check anyway.
    "esc_html": (502, "text/html", b"<html>EH:\x1b]0;pwned\x07</html>"),
}


class Stub(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def do_GET(self):
        key = [k for k in ANSWERS if k in self.path][0]
        code, ctype, body = ANSWERS[key]
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Stub)
threading.Thread(target=srv.serve_forever, daemon=True).start()
cfgdir = os.path.join(os.environ["XDG_CONFIG_HOME"], "warroom")
os.makedirs(cfgdir, exist_ok=True)
cfg = os.path.join(cfgdir, "config")
with open(os.open(cfg, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600),
          "w") as f:
    f.write("[prometheus]\nurl = http://127.0.0.1:%d\n[command]\n"
            "enabled = yes\n" % srv.server_address[1])
wr("metric", "add", "ERRJSON", "--prometheus", "esc_json", ok=True)
wr("metric", "add", "ERRRAW", "--prometheus", "esc_raw", ok=True)
wr("metric", "add", "ERRHTML", "--prometheus", "esc_html", ok=True)
wr("metric", "add", "ERRCMD", "--command",
   "printf 'EC:\\033]0;pwned\\007 \\302\\233 \\342\\200\\256' >&2; exit 3",
   ok=True)
wr("agent", "--once", ok=True)
srv.shutdown()
con = sqlite3.connect(DB.decode("utf-8", "surrogateescape"))
for n in ("ERRJSON", "ERRRAW", "ERRHTML", "ERRCMD"):
    e = con.execute("SELECT last_error FROM series WHERE name = ?",
                    (n,)).fetchone()
    if not e or not e[0]:
        bad("series %s has no last_error after the agent's round" % n)

# --- another SQLite program writes raw bytes into every drawn column -------
RAW = (b"RW:\x1b]0;pwned\x07 \x1b[31;42;1mX \x9b31m \xc2\x9b \xff\xfe "
       b"\xed\xa0\x80 \xe2\x80\xae \x00after-nul")
now = int(time.time())
con.execute("PRAGMA foreign_keys = ON")
cur = con.execute(
    "INSERT INTO incident (title, severity, commander, created, detected, "
    "phase_since, impact_scope) VALUES (CAST(? AS TEXT), 'SEV1', "
    "CAST(? AS TEXT), ?, ?, ?, CAST(? AS TEXT))",
    (RAW, RAW, now, now, now, RAW))
RAWINC = str(cur.lastrowid)
con.execute("INSERT INTO entry (incident_id, event_time, recorded, author, "
            "kind, text, source) VALUES (?, ?, ?, CAST(? AS TEXT), 'event', "
            "CAST(? AS TEXT), CAST(? AS TEXT))",
            (RAWINC, now, now, RAW, RAW, RAW))
cur = con.execute("INSERT INTO responder (incident_id, name, state, joined, "
                  "last_checkin) VALUES (?, CAST(? AS TEXT), 'active', ?, ?)",
                  (RAWINC, RAW, now, now))
con.execute("INSERT INTO assignment (incident_id, responder_id, purpose, "
            "task, created, updated) VALUES (?, ?, CAST(? AS TEXT), "
            "CAST(? AS TEXT), ?, ?)", (RAWINC, cur.lastrowid, RAW, RAW, now,
                                       now))
con.execute("INSERT INTO series (name, source, query, unit, last_error, "
            "fail_count) VALUES (CAST(? AS TEXT), 'demo', 'errors', "
            "CAST(? AS TEXT), CAST(? AS TEXT), 3)", (RAW, RAW[:12], RAW))
con.commit()
con.close()
wr("list", ok=True)  # a warroom writer puts back -wal/-shm for viewers

PAYLOADS = [(n, p) for n, p in P.items()] + [("raw_sql", RAW)] + \
    [("http_" + k, v[2]) for k, v in ANSWERS.items()]


def screen(argv, wait, keys, tags=(), term=b"xterm-256color", binary=None,
           rows=100, cols=250):
    """Run a screen, press keys (a ^L full repaint after each group, so
    every drawn cell is written out), quit, judge the raw bytes."""
    env = dict(ENV)
    env[b"TERM"] = term
    t = Term([binary or W] + argv, rows, cols, env)
    what = " ".join(argv)
    try:
        if not t.wait_text(wait, 15):
            bad("%s: '%s' never drawn; status %s" % (
                what, wait, describe(t.poll_exit())))
            return ""
        for k in keys:
            t.send(k)
            t.send(b"\x0c")
            t.wait_quiet(150, 5)
        t.send(b"q")
        st = t.wait_exit(10)
        if describe(st) != "exit 0":
            bad("%s: ended with %s" % (what, describe(st)))
        for p in rawscreen_problems(t.raw, PAYLOADS):
            bad("%s: %s" % (what, p))
        if not restored(t.raw, term.decode()):
            bad("%s: the terminal was not put back (rmcup/cnorm missing)"
                % what)
        seen = visible(t.raw)
        for tag in tags:
            if tag not in seen:
                bad("%s: field tag %s never drawn" % (what, tag))
        return seen
    finally:
        t.close()


PAGE = [b"\x06"] * 4  # ^F: a page down
TAGS = ["LT:", "LS:", "AU:", "RN:", "PU:", "TK:", "DT:", "DR:", "UB:",
        "SN:", "EJ:", "ER:", "EC:", "ZQ"]
keys = [b"4", b"g"] + PAGE + [b"G", b"2", b"g"] + [b"j" * 8] * 6 + \
    [b"3", b"g"] + [b"j" * 4] * 6 + [b"1", b"?", b" "]
screen(["view", "--incident", MAIN], "main incident", keys, TAGS)
# The commander's screen, with a note typed into its prompt: pasted escape
# sequences, C1 and bidi characters, then Enter.
typed = (b"n" + b"NT:\x1b]0;pwned\x07 \x1b[31;42;1mq \xc2\x9b \xe2\x80\xae "
         b"\x1bP+q\x1b\\ end\r")
PAYLOADS.append(("typed", typed))
screen(["tui", "--incident", MAIN], "main incident", [typed, b"4", b"G"],
       ["NT:"])
con = sqlite3.connect(DB.decode("utf-8", "surrogateescape"))
if not con.execute("SELECT count(*) FROM entry WHERE text LIKE 'NT:%'"
                   ).fetchone()[0]:
    bad("the note typed into the prompt was not saved")
con.close()
for name, i in titles:
    screen(["view", "--incident", i], "#%s " % i, [b"4"], ["TI:"])
for b in [None] + ([ASAN] if ASAN else []):
    screen(["view", "--incident", RAWINC], "#%s " % RAWINC,
           [b"4", b"2", b"3"], ["RW:"], binary=b)
# No colours, no UTF-8: the same rules.
screen(["view", "--incident", MAIN], "main incident", [b"4", b"2"],
       term=b"vt100", rows=60, cols=200)

n = sum(1 for g in accepted.values() for v in g.values() if v)
print("%d hostile values stored through the CLI, %d titles, %d screens run"
      % (n, len(titles), len(titles) + 5 + (1 if ASAN else 0)))
sys.exit(1 if problems else 0)
