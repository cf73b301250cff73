#!/usr/bin/env python3
"""ptyterm.py: run a screen (warroom tui/view) on a pseudo-terminal we own and
keep every raw byte it writes; send keys, resize, hang up, signal, wait for its
end; and judge the raw bytes (rawscreen_problems). python3 standard library
only; imported by the tests/reliab/screen_*.py scenarios.

What "the screen's own control sequences" are (what ncurses emits for the
TERMs we test: xterm-256color, screen-256color, vt100, dumb):
  - CSI: ESC [ then parameter bytes that are only digits, ';' and a leading
    '?', then one final byte from CSI_FINALS (cursor moves, erase, insert
    and delete, scroll region, modes, SGR). No intermediates, no '>' '='
    '<' private forms, no 't' (window ops) but xterm's own title push and
    pop around the alternate screen (CSI 22;0;0 t, CSI 23;0;0 t), no
    'n'/'c' (reports the terminal would answer into our input), 'q', 'p'.
  - ESC followed by one of ESC_SINGLE ('7' '8' save/restore cursor, '='
    '>' keypad, 'M' 'D' 'E' index) or a charset designation ESC ( X /
    ESC ) X with X in "0AB".
  - C0: CR, LF, BS, TAB (cursor motion), SO/SI (line drawing on vt100).
Everything else is forbidden: OSC (ESC ]), DCS (ESC P), APC (ESC _), PM
(ESC ^), SOS (ESC X), RIS (ESC c), other C0 (BEL, NUL, VT, FF, ...), DEL,
C1 (U+0080..U+009F, raw or UTF-8), invalid UTF-8, bidi controls, line and
paragraph separators, BOM. And no window of an injected payload around one
of its own ESC bytes may appear in the output: a copied sequence that
happens to fit the grammar (an SGR) is caught that way.
"""
import fcntl
import os
import re
import select
import signal
import struct
import termios
import time

CSI_FINALS = set(b"@ABCDEFGHIJKLMPSTXZ`abdfghlmr")
# xterm's smcup/rmcup push and pop the window title (XTWINOPS 22/23): the
# only 't' sequences allowed, and they restore the title rather than set it.
CSI_EXTRA = {b"\x1b[22;0;0t", b"\x1b[23;0;0t"}
ESC_SINGLE = set(b"78=>MDE")
CHARSETS = set(b"0AB")
C0_OK = {0x08, 0x09, 0x0A, 0x0D, 0x0E, 0x0F}
BAD_CP = set(range(0x80, 0xA0)) | {0x061C, 0x200E, 0x200F, 0x2028, 0x2029,
                                    0xFEFF}
BAD_CP |= set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))
ESC_NAMES = {ord("]"): "OSC", ord("P"): "DCS", ord("_"): "APC",
             ord("^"): "PM", ord("X"): "SOS", ord("c"): "RIS"}


def rawscreen_problems(raw, payloads=(), limit=20):
    """Problems in the raw bytes a screen wrote, as strings (none: [])."""
    probs = []
    text = bytearray()  # what is left once the allowed sequences are out
    i, n = 0, len(raw)
    while i < n and len(probs) < limit:
        b = raw[i]
        if b == 0x1B:
            nxt = raw[i + 1] if i + 1 < n else -1
            if nxt == ord("["):
                j = i + 2
                if j < n and raw[j] == ord("?"):
                    j += 1
                while j < n and (0x30 <= raw[j] <= 0x39 or raw[j] == 0x3B):
                    j += 1
                if j < n and (raw[j] in CSI_FINALS or
                              bytes(raw[i:j + 1]) in CSI_EXTRA):
                    i = j + 1
                    continue
                probs.append("CSI not ncurses' own at %d: %r" %
                             (i, bytes(raw[i:i + 16])))
                i = j + 1
                continue
            if nxt in ESC_SINGLE:
                i += 2
                continue
            if nxt in (ord("("), ord(")")) and i + 2 < n and \
                    raw[i + 2] in CHARSETS:
                i += 3
                continue
            probs.append("%s at %d: %r" % (ESC_NAMES.get(nxt, "ESC"), i,
                                           bytes(raw[i:i + 16])))
            i += 2
            continue
        if b < 0x20 and b not in C0_OK or b == 0x7F:
            probs.append("C0/DEL 0x%02x at %d: %r" %
                         (b, i, bytes(raw[max(0, i - 8):i + 8])))
        text.append(b)
        i += 1
    try:
        s = bytes(text).decode("utf-8", "strict")
    except UnicodeDecodeError as e:
        probs.append("invalid UTF-8 (raw C1 or cut sequence) at text byte "
                     "%d: %r" % (e.start, bytes(text[max(0, e.start - 8):
                                                     e.start + 8])))
        s = bytes(text).decode("utf-8", "replace")
    bad = sorted({"U+%04X" % ord(c) for c in s if ord(c) in BAD_CP})
    if bad:
        probs.append("forbidden code points drawn: " + " ".join(bad[:10]))
    for name, p in payloads:
        for k in [m.start() for m in re.finditer(b"\x1b", p)]:
            w = p[max(0, k - 2):k + 8]
            if len(w) >= 5 and w in raw:
                probs.append("payload %s copied: %r" % (name, w))
                break
    return probs[:limit]


CSI_RE = re.compile(rb"\x1b\[[?]?[0-9;]*[@-~]|\x1b[()][0-9A-B]|\x1b[78=>MDE]")


def visible(raw):
    """The text of raw with the control sequences taken out (not a screen:
    cursor moves are ignored; good for finding tokens after a full paint)."""
    return CSI_RE.sub(b"", bytes(raw)).decode("utf-8", "replace")


class Term:
    """A command on a pty of rows x cols; raw holds all it wrote."""

    def __init__(self, argv, rows=40, cols=140, env=None):
        self.rows, self.cols = rows, cols
        self.raw = bytearray()
        self.eof = False
        self.status = None
        pid, fd = os.forkpty()
        if pid == 0:  # child: the size first, then the program
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ,
                            struct.pack("HHHH", rows, cols, 0, 0))
                os.execvpe(argv[0], argv, env if env is not None
                           else os.environ)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd

    def pump(self, secs=0.0):
        """Read what is there (waiting up to secs for the first bytes)."""
        end = time.time() + secs
        while self.fd is not None and not self.eof:
            left = max(0.0, end - time.time())
            r, _, _ = select.select([self.fd], [], [], left)
            if not r:
                return
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                chunk = b""
            if not chunk:
                self.eof = True
                return
            self.raw += chunk
            end = time.time()  # got some: drain without waiting more

    def wait_text(self, token, secs=10.0, since=0):
        """Wait until token shows in the visible text after offset since."""
        end = time.time() + secs
        while True:
            if token in visible(self.raw[since:]):
                return True
            if time.time() > end or self.eof or self.poll_exit() is not None:
                return token in visible(self.raw[since:])
            self.pump(0.05)

    def wait_quiet(self, ms=300, secs=10.0):
        """Wait until nothing was written for ms (the screen settled)."""
        end = time.time() + secs
        last, seen = time.time(), len(self.raw)
        while time.time() < end:
            self.pump(0.05)
            if len(self.raw) != seen:
                seen, last = len(self.raw), time.time()
            elif time.time() - last >= ms / 1000.0:
                return True
            if self.eof:
                return True
        return False

    def send(self, data):
        off = 0
        while off < len(data):
            try:
                off += os.write(self.fd, data[off:off + 512])
            except BlockingIOError:
                pass
            except OSError:
                return
            self.pump(0)

    def resize(self, rows, cols):
        """TIOCSWINSZ on the master: the kernel sends SIGWINCH."""
        self.rows, self.cols = rows, cols
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ,
                    struct.pack("HHHH", rows, cols, 0, 0))

    def hangup(self):
        """Close the master, as sshd does when the connection drops."""
        self.pump(0)
        os.close(self.fd)
        self.fd = None
        self.eof = True

    def kill(self, sig):
        os.kill(self.pid, sig)

    def poll_exit(self):
        if self.status is None:
            p, st = os.waitpid(self.pid, os.WNOHANG)
            if p == self.pid:
                self.status = st
        return self.status

    def wait_exit(self, secs=10.0):
        """The wait status, or None if it is still running after secs."""
        end = time.time() + secs
        while time.time() < end:
            if self.poll_exit() is not None:
                self.pump(0.05)
                return self.status
            self.pump(0.05) if self.fd is not None else time.sleep(0.05)
        return None

    def cpu_ticks(self):
        with open("/proc/%d/stat" % self.pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])

    def children(self):
        """Pids of the processes this one started (still alive)."""
        out = []
        try:
            for t in os.listdir("/proc/%d/task" % self.pid):
                with open("/proc/%d/task/%s/children" % (self.pid, t)) as f:
                    out += f.read().split()
        except OSError:
            pass
        return out

    def close(self):
        if self.poll_exit() is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except OSError:
                pass
            self.wait_exit(5)
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


def describe(status):
    """'exit N', 'signal N', 'signal N (core dumped)', or 'running'."""
    if status is None:
        return "running"
    if os.WIFEXITED(status):
        return "exit %d" % os.WEXITSTATUS(status)
    s = "signal %d" % os.WTERMSIG(status)
    return s + " (core dumped)" if os.WCOREDUMP(status) else s


def restored(raw, term):
    """Did the screen put the terminal back at its end: for xterm-like
    terminals the alternate screen left (rmcup) and the cursor visible
    (cnorm) after the last entry into it; for others, cnorm or nothing."""
    tail_from = raw.rfind(b"\x1b[?1049h")
    tail = bytes(raw[tail_from:]) if tail_from >= 0 else bytes(raw)
    if term.startswith(("xterm", "screen")):
        return b"\x1b[?1049l" in tail and (b"\x1b[?25h" in tail or
                                           b"\x1b[?12l\x1b[?25h" in tail)
    return True


def selftest():
    """The checker itself must catch what it is there to catch."""
    good = (b"\x1b[?1049h\x1b[22;0;0t\x1b[1;50r\x1b(B\x1b[m\x1b[?1h\x1b="
            b"\x1b[H\x1b[2J\x1b[0;1;7m Phase \xe2\x95\x90\r\n\x0e\x0f\x08"
            b"\x1b[?1049l\x1b[23;0;0t\x1b>")
    assert rawscreen_problems(good) == [], rawscreen_problems(good)
    for b in [b"\x1b]0;t\x07", b"\x1b]52;c;eA==\x1b\\", b"\x1bP+q\x1b\\",
              b"\x1b_x\x1b\\", b"\x1b^x\x1b\\", b"\xc2\x9b31m", b"\x9b31m",
              b"\x07", b"\x00", b"\x7f", b"\xe2\x80\xae", b"\xff",
              b"\x1b[6n", b"\x1b[8;1;1t", b"\x1b[>c", b"\x1bc"]:
        assert rawscreen_problems(good + b"x" + b), b
    assert rawscreen_problems(b"a\x1b[31;42;1mZQ", [("p", b"\x1b[31;42;1mZQ")])
