#!/usr/bin/env python3
"""screen_keys.py WARROOM SECONDS [SEED]: random key input into `warroom view`
($WARROOM_DB, one incident) for SECONDS: printable keys, Ctrl keys (^Z, ^\\,
^S, ^Q ...), escape sequences (function keys, arrows, Alt-keys, mouse
reports in X10 and SGR form, bracketed paste), bursts of UTF-8, invalid
bytes and NULs. Only the two quit keys ('q', ^C) are left out. Then:
  - the database is unchanged: `.dump` digest and the bytes of the main
    file and of its folder listing;
  - the viewer started no process at any time (its /proc children, polled);
  - it is alive and responsive: Esc closes what the keys opened, and a
    `warroom log` from outside shows up on the screen;
  - its raw output holds only its own sequences, never the webhook secret of
    the config file; 'q' ends it with exit 0 and the terminal put back.
One line per problem."""
import hashlib
import os
import random
import sqlite3
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ptyterm import (Term, describe, rawscreen_problems, restored,  # noqa: E402
                     visible)

W = sys.argv[1]
SECS = float(sys.argv[2])
SEED = int(sys.argv[3]) if len(sys.argv) > 3 else random.randrange(1 << 30)
DB = os.environ["WARROOM_DB"]
SECRET = os.environ.get("SECRET", "")
problems = []


def bad(msg):
    problems.append(msg)
    print("FAIL: " + msg, flush=True)


def digest():
    con = sqlite3.connect("file:%s?mode=ro" % DB, uri=True)
    dump = "\n".join(con.iterdump()).encode()
    con.close()
    with open(DB, "rb") as f:
        main = f.read()
    d = os.path.dirname(DB)
    return (hashlib.md5(dump).hexdigest(), hashlib.md5(main).hexdigest(),
            sorted(os.listdir(d)))


SEQS = [b"\x1bOP", b"\x1bOQ", b"\x1bOR", b"\x1bOS", b"\x1b[15~", b"\x1b[17~",
        b"\x1b[24~", b"\x1b[A", b"\x1b[B", b"\x1b[C", b"\x1b[D", b"\x1b[H",
        b"\x1b[F", b"\x1b[5~", b"\x1b[6~", b"\x1b[2~", b"\x1b[3~", b"\x1b[Z",
        b"\x1b[1;5A", b"\x1b[1;2D", b"\x1b", b"\x1b\x1b", b"\x1b[", b"\x1bO",
        b"\x1b[200~pasted text\n\x1b[201~", b"\x1b[?1;2c", b"\x1b[12;40R",
        b"\x1b]0;title\x07", b"\x1bP1$r0m\x1b\\", b"\x1b[I", b"\x1b[O"]


def mouse(rnd):
    b, x, y = rnd.choice([0, 1, 2, 3, 64, 65, 32]), rnd.randint(1, 300), \
        rnd.randint(1, 120)
    if rnd.random() < 0.5:
        return b"\x1b[<%d;%d;%d%s" % (b, x, y, rnd.choice([b"M", b"m"]))
    return b"\x1b[M" + bytes([32 + b, min(255, 32 + x), min(255, 32 + y)])


def chunk(rnd):
    r = rnd.random()
    if r < 0.35:
        return bytes(rnd.choice(b"abcdefghijklmnoprstuvwxyzABCDEFGHIJKLMNOP"
                                b"RSTUVWXYZ0123456789 ?/-+=[]{}.,:;'\"!@#$%"
                                b"^&*()<>|\\`~\t\r\n")
                     for _ in range(rnd.randint(1, 6)))
    if r < 0.5:  # Ctrl keys, ^Z ^\ ^S ^Q among them; not ^C
        return bytes(rnd.choice([c for c in range(0, 32) if c != 3])
                     for _ in range(rnd.randint(1, 3)))
    if r < 0.7:
        return rnd.choice(SEQS)
    if r < 0.8:
        return mouse(rnd)
    if r < 0.9:  # UTF-8: wide, combining, bidi, C1 as UTF-8
        return "".join(rnd.choice("日本語ロールバックé\u0301\u202e\u2066"
                                  "\u0085\u009b\ufeff😀")
                       for _ in range(rnd.randint(1, 8))).encode()
    return bytes(rnd.randrange(256) for _ in range(rnd.randint(1, 12)))


rnd = random.Random(SEED)
print("seed %d (SEED=%d repeats this run)" % (SEED, SEED), flush=True)
before = digest()
env = dict(os.environb)
env[b"TERM"] = b"xterm-256color"
t = Term([W, "view"], 45, 160, env)
sent = keys = 0
try:
    if not t.wait_text("keys incident", 15):
        bad("the viewer never drew: %s" % describe(t.poll_exit()))
        sys.exit(1)
    end = time.time() + SECS
    while time.time() < end:
        c = chunk(rnd).replace(b"q", b"").replace(b"\x03", b"")
        t.send(c)
        sent += len(c)
        keys += 1
        kids = t.children()
        if kids:
            bad("the viewer started processes %s after %d bytes" %
                (kids, sent))
            break
        if t.poll_exit() is not None:
            bad("the viewer ended (%s) after %d bytes" %
                (describe(t.status), sent))
            break
        t.pump(0.002)
    print("%d key chunks, %d bytes sent in %.0f s" % (keys, sent, SECS))
    if t.poll_exit() is None:
        after = digest()
        if after[0] != before[0]:
            bad("the database content changed (.dump digest)")
        if after[1] != before[1]:
            bad("the main database file's bytes changed")
        if after[2] != before[2]:
            bad("files appeared or went in the database folder: %s -> %s" %
                (before[2], after[2]))
        # Responsive: close whatever is open, then a change from outside.
        t.send(b"\x1b")
        time.sleep(0.1)
        t.send(b"\x1b")
        time.sleep(0.1)
        t.send(b"4G")
        probe = "probe-%d" % SEED
        # The random keys may have left a kind filter on (f): one probe of
        # every kind a person writes, and f pressed until one shows (the
        # filter cycles through every kind back to none).
        for kind in ("event", "action", "decision", "update", "note"):
            r = subprocess.run([W, "log", probe, "--kind", kind],
                               capture_output=True)
            if r.returncode != 0:
                bad("warroom log failed: %r" % r.stderr)
        seen = False
        for _ in range(20):
            t.send(b"\x0c")
            if t.wait_text(probe, 0.5, since=0):
                seen = True
                break
            t.send(b"\x1b4fG")
        if not seen:
            bad("the entry logged from outside never showed: %r" %
                visible(t.raw[-3000:])[-600:])
        t.send(b"q")
        st = t.wait_exit(10)
        if describe(st) != "exit 0":
            bad("'q' did not end the viewer: %s" % describe(st))
    for p in rawscreen_problems(t.raw):
        bad(p)
    if SECRET and SECRET.encode() in t.raw:
        bad("the webhook secret was drawn")
    if not restored(t.raw, "xterm-256color"):
        bad("the terminal was not put back")
finally:
    t.close()
sys.exit(1 if problems else 0)
