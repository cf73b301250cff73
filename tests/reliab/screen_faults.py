#!/usr/bin/env python3
"""screen_faults.py WARROOM [ASAN]: terminal faults for `warroom view` and
`warroom tui` on a pseudo-terminal (the database is $WARROOM_DB, with an
incident titled "faults incident"): hang-up (the master closed, as when SSH
drops), SIGHUP, SIGTERM, SIGINT, a resize storm, a 1x1 terminal and sizes
below the minimum, TERM=vt100 / dumb / unknown / unset and LANG=C. Each
must end by itself without a core or a signal death (exit 0, or a one-line
"warroom: " message for a terminal it cannot use), not spin, put the
terminal back (rmcup/cnorm after the last smcup), and write only its own
sequences. ASAN, when given, runs the same cases; any sanitizer report
fails. One line per problem."""
import glob
import os
import random
import re
import signal
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ptyterm import (Term, describe, rawscreen_problems, restored,  # noqa: E402
                     visible)

W = os.path.abspath(sys.argv[1])
ASAN = os.path.abspath(sys.argv[2]) if len(sys.argv) > 2 else ""
TITLE = "faults incident"
problems = []
cases = 0


def bad(msg):
    problems.append(msg)
    print("FAIL: " + msg, flush=True)


def env_for(term=b"xterm-256color", lang=b"C.UTF-8", asan_log=None):
    e = dict(os.environb)
    if term is None:
        e.pop(b"TERM", None)
    else:
        e[b"TERM"] = term
    e[b"LANG"] = e[b"LC_ALL"] = lang
    if asan_log:
        e[b"ASAN_OPTIONS"] = b"detect_leaks=1:log_path=" + asan_log.encode()
        e[b"LSAN_OPTIONS"] = b"print_suppressions=0:suppressions=" + \
            os.path.join(os.path.dirname(os.path.abspath(__file__)),
                         "lsan.supp").encode()
        e[b"UBSAN_OPTIONS"] = (b"print_stacktrace=1:halt_on_error=1:"
                               b"log_path=" + asan_log.encode())
    return e


def asan_reports(prefix):
    files = glob.glob(prefix + "*")
    for f in files:
        with open(f, errors="replace") as fh:
            print(fh.read()[:2000])
        os.unlink(f)
    return files


def ended(t, what, secs=5.0, allow_message=False):
    """The screen ended by itself in time, cleanly, without spinning."""
    st = t.wait_exit(secs)
    if st is None:
        try:
            a = t.cpu_ticks()
            time.sleep(1)
            spin = t.cpu_ticks() - a
        except OSError:
            spin = -1
        bad("%s: still running %.0f s later (%d cpu ticks in 1 s%s)" % (
            what, secs, spin, ": a busy loop" if spin > 50 else ""))
        return None
    d = describe(st)
    if os.WIFSIGNALED(st):
        bad("%s: died with %s" % (what, d))
    elif os.WEXITSTATUS(st) != 0 and not allow_message:
        bad("%s: %s" % (what, d))
    return st


def check_bytes(t, what, term="xterm-256color"):
    for p in rawscreen_problems(t.raw):
        bad("%s: %s" % (what, p))
    if not restored(t.raw, term):
        bad("%s: terminal not put back (no rmcup/cnorm after the last "
            "smcup): %r" % (what, bytes(t.raw[-120:])))


def start(binary, argv, rows=40, cols=120, **kw):
    return Term([binary] + argv, rows, cols, env_for(**kw))


def run_cases(binary, tag, asan_log=None):
    global cases

    def case(name):
        global cases
        cases += 1
        return "%s %s: %s" % (tag, cmd, name)

    for cmd in ("view", "tui"):
        kw = {"asan_log": asan_log}
        # Hang-up: the master goes away. The screen must notice and end.
        what = case("hang-up (pty master closed)")
        t = start(binary, [cmd], **kw)
        if t.wait_text(TITLE, 15):
            t.hangup()
            ended(t, what)
        else:
            bad(what + ": never drew")
        t.close()

        for sig, name in ((signal.SIGHUP, "SIGHUP"),
                          (signal.SIGTERM, "SIGTERM"),
                          (signal.SIGINT, "SIGINT")):
            what = case(name)
            t = start(binary, [cmd], **kw)
            if t.wait_text(TITLE, 15):
                t.kill(sig)
                if ended(t, what) is not None:
                    check_bytes(t, what)
            else:
                bad(what + ": never drew")
            t.close()

        # A resize storm, then the screen must be drawn for the last size:
        # after its last full repaint, every cursor address fits.
        what = case("resize storm")
        t = start(binary, [cmd], **kw)
        rnd = random.Random(12)
        if t.wait_text(TITLE, 15):
            for _ in range(150):
                t.resize(rnd.randint(1, 80), rnd.randint(1, 250))
                t.pump(0)
            t.resize(30, 100)
            t.wait_quiet(400, 10)
            t.send(b"\x0c")  # a repaint shows the state, not a delta
            t.wait_quiet(300, 10)
            cut = t.raw.rfind(b"\x1b[2J")
            last = t.raw[cut:] if cut >= 0 else b""
            vis = visible(last)
            if "Timeline" not in vis or TITLE not in vis:
                bad(what + ": the last repaint lacks the panes: %r" %
                    vis[:200])
            if "too small" in vis:
                bad(what + ": says too small at 100x30")
            for m in re.finditer(rb"\x1b\[(\d+);(\d+)H", last):
                r, c = int(m.group(1)), int(m.group(2))
                if r > 30 or c > 100:
                    bad(what + ": cursor sent to %d,%d outside 100x30" %
                        (r, c))
                    break
            t.send(b"q")
            if ended(t, what) is not None:
                check_bytes(t, what)
        else:
            bad(what + ": never drew")
        t.close()

        # 1x1, then below the minimum, then big enough; and starting small.
        what = case("1x1 and too small")
        t = start(binary, [cmd], rows=1, cols=1, **kw)
        time.sleep(0.5)
        t.pump(0.2)
        if t.poll_exit() is not None:
            bad(what + ": ended at 1x1 with %s" % describe(t.status))
        else:
            t.resize(10, 40)
            if not t.wait_text("too small", 5):
                bad(what + ": no 'too small' message at 40x10")
            t.resize(30, 100)
            if not t.wait_text(TITLE, 5, since=len(t.raw)):
                # the title may already be on screen: force a repaint
                t.send(b"\x0c")
                if not t.wait_text(TITLE, 5, since=len(t.raw)):
                    bad(what + ": not drawn again at 100x30")
            t.send(b"q")
            if ended(t, what) is not None:
                check_bytes(t, what)
        t.close()
        what = case("started at 50x12")
        t = start(binary, [cmd], rows=12, cols=50, **kw)
        if not t.wait_text("terminal too small", 5):
            bad(what + ": no clear message")
        t.send(b"q")
        if ended(t, what) is not None:
            check_bytes(t, what)
        t.close()

        # Terminals without colours, cursor addressing or UTF-8.
        for term, lang in ((b"vt100", b"C.UTF-8"), (b"dumb", b"C.UTF-8"),
                           (b"xterm-256color", b"C"),
                           (b"no-such-terminal", b"C.UTF-8"),
                           (None, b"C.UTF-8")):
            tn = term.decode() if term else "unset"
            what = case("TERM=%s LANG=%s" % (tn, lang.decode()))
            t = start(binary, [cmd], term=term, lang=lang, **kw)
            drew = t.wait_text(TITLE, 8)
            if drew:
                t.send(b"q")
            st = ended(t, what, allow_message=True)
            if st is not None and os.WIFEXITED(st):
                out = visible(t.raw).strip()
                if os.WEXITSTATUS(st) != 0:
                    lines = [x for x in out.splitlines() if x.strip()]
                    if drew or len(lines) != 1 or \
                            not lines[0].startswith("warroom: "):
                        bad("%s: %s without one clear line: %r" %
                            (what, describe(st), out[:300]))
                else:
                    if not drew:
                        bad(what + ": exit 0 but never drew")
                    check_bytes(t, what, tn)
                    if lang == b"C" and re.search(rb"[\x80-\xff]", t.raw):
                        bad(what + ": non-ASCII bytes for a C locale")
            t.close()
        if asan_log and asan_reports(asan_log):
            bad("%s %s: sanitizer report (above)" % (tag, cmd))


os.chdir(os.environ["T"])  # a core file would land here
run_cases(W, "warroom")
if ASAN:
    run_cases(ASAN, "asan", asan_log=os.path.join(os.environ["T"], "asan"))
print("%d terminal fault cases run" % cases)
sys.exit(1 if problems else 0)
