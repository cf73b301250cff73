#!/usr/bin/env python3
"""screen_trouble.py WARROOM MODE: a commander's `warroom tui` on a
pseudo-terminal ($WARROOM_DB, incident "trouble incident") while writing
goes wrong, MODE being:
  lock  another program holds the write lock and hangs (lockholder.py);
  full  the file system is full ($FILL: a file to grow until ENOSPC);
  ro    the file system is remounted read-only ($MNT).
Before the trouble, keys answer. During it: keys and scrolling still answer
(< 1 s) while no edit is pending; a note typed then reports the trouble on
the screen (in a bounded time, printed), the screen keeps showing the last
state. (A key typed while the edit waits is read after it and clears the
message before it is drawn: not typed here, reported.) Once fixed, a note
goes through, and every note saved before is still there. Prints how long
input was blocked by the failing edit (the busy timeout, for a lock)."""
import os
import sqlite3
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ptyterm import (Term, describe, rawscreen_problems, restored,  # noqa: E402
                     visible)

W, MODE = sys.argv[1], sys.argv[2]
DB = os.environ["WARROOM_DB"]
HERE = os.path.dirname(os.path.abspath(__file__))
WORDS = {"lock": ["locked"], "full": ["full"],
         "ro": ["read-only", "readonly", "I/O", "not writable"]}
problems = []


def bad(msg):
    problems.append(msg)
    print("FAIL: %s: %s" % (MODE, msg), flush=True)


def answers(t, key, token, secs=1.0):
    """Send key; seconds until token is drawn after it (None: not in
    secs)."""
    mark, t0 = len(t.raw), time.time()
    t.send(key)
    if t.wait_text(token, secs, since=mark):
        return time.time() - t0
    return None


def notes():
    con = sqlite3.connect("file:%s?mode=ro" % DB, uri=True, timeout=30)
    r = [x[0] for x in con.execute(
        "SELECT text FROM entry WHERE text LIKE 'note %' ORDER BY id")]
    con.close()
    return r


def note(t, text):
    t.send(b"n")
    time.sleep(0.2)
    t.send(text.encode() + b"\r")


env = dict(os.environb)
env[b"TERM"] = b"xterm-256color"
t = Term([W, "tui", "--role", "commander"], 40, 140, env)
holder = None
try:
    if not t.wait_text("trouble incident", 15):
        sys.exit(bad("never drew: %s" % describe(t.poll_exit())))
    note(t, "note before")
    if not t.wait_text("note before", 5):
        bad("a note before the trouble did not show")
    # Trouble.
    if MODE == "lock":
        holder = subprocess.Popen([sys.executable, os.path.join(
            HERE, "lockholder.py"), DB, "30"], stdout=subprocess.PIPE)
        holder.stdout.readline()
    elif MODE == "full":
        with open(os.environ["FILL"], "wb") as f:
            try:
                while True:
                    f.write(b"\0" * 65536)
                    f.flush()
            except OSError:
                pass
    elif MODE == "ro":
        subprocess.run(["mount", "-o", "remount,ro", os.environ["MNT"]],
                       check=True)
    # Keys and scrolling answer while nothing is being written. Esc only
    # closes the help: what it redraws depends on what the help covered, so
    # it is timed through the key after it (keys are read in order: a key
    # held up would hold up the next one too).
    for key, token in ((b"?", "quit"), (b"\x1b", None),
                       (b"4", "Timeline"), (b"\x0c", "note before")):
        if token is None:
            t.send(key)
            continue
        d = answers(t, key, token)
        if d is None:
            bad("key %r not answered within 1 s during the trouble" % key)
    # An edit: it must say why on the screen.
    mark, t0 = len(t.raw), time.time()
    note(t, "note during")
    said = None
    while time.time() - t0 < 15 and said is None:
        t.pump(0.05)
        seen = visible(t.raw[mark:])
        for w in WORDS[MODE]:
            if w in seen:
                said = time.time() - t0
    if said is None:
        bad("the failed edit said nothing on the screen in 15 s: %r" %
            visible(t.raw[mark:])[-800:])
    else:
        print("%s: the failed note was reported after %.1f s" % (MODE, said))
    # The entry form stays open with the reason, so nothing typed is lost:
    # close it (it asks before throwing the text away).
    t.send(b"\x1b")
    time.sleep(0.2)
    t.send(b"y")
    d = None
    t0 = time.time()
    while time.time() - t0 < 12 and d is None:
        d = answers(t, b"\x0c", "Timeline", 0.5)
    blocked = time.time() - t0 + (said or 0)
    print("%s: input answered again %.1f s after the note was sent" % (
        MODE, blocked))
    if d is None:
        bad("keys not answered after the failed edit")
    if answers(t, b"\x0c", "note before", 2) is None:
        bad("the last state is no longer shown")
    if t.poll_exit() is not None:
        bad("the screen ended: %s" % describe(t.status))
    # Fixed: a note goes through.
    if MODE == "lock":
        holder.kill()
        holder.wait()
        holder = None
    elif MODE == "full":
        os.unlink(os.environ["FILL"])
    elif MODE == "ro":
        subprocess.run(["mount", "-o", "remount,rw", os.environ["MNT"]],
                       check=True)
    t.send(b"\x1b")
    time.sleep(0.2)
    ok = False
    for i in range(3):  # the message of the failure may still be open
        note(t, "note after %d" % i)
        if t.wait_text("note after %d" % i, 4):
            ok = True
            break
        t.send(b"\x1b\x1b")
    if not ok:
        bad("no note went through once the trouble was gone")
    n = notes()
    if "note before" not in n:
        bad("the note saved before the trouble is gone: %s" % n)
    if "note during" in n:
        bad("the note during the trouble was saved although it failed")
    t.send(b"\x1b")
    time.sleep(0.1)
    t.send(b"q")
    st = t.wait_exit(10)
    if describe(st) != "exit 0":
        bad("ended with %s" % describe(st))
    for p in rawscreen_problems(t.raw):
        bad(p)
    if not restored(t.raw, "xterm-256color"):
        bad("terminal not put back")
finally:
    if holder is not None:
        holder.kill()
    t.close()
sys.exit(1 if problems else 0)
