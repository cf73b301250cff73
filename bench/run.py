#!/usr/bin/env python3
"""run.py: run every benchmark with build/bench/wrbench, print the table and
write the same figures, the machine and the command to docs/PERFORMANCE.md.

  BENCH_QUICK=1   a fast smoke run (small databases, few changes, 2 s idle);
                  writes build/bench/PERFORMANCE.quick.md, not the docs
  BENCH_OUT=PATH  write the report there instead
  `run.py burst` runs only the one-second burst part (issue 18) and prints
  its rows and commands; it writes no report.
  `run.py log` runs only `warroom log` beside the sqlite3 shell doing the
  same insert, turn about, and prints the rows and the commands.
  `run.py viewers` runs only propagation to 1, 100 and 200 viewers and
  one idle viewer (issue 18), with BENCH_BEFORE beside it turn about, and
  prints the rows, the ratios and the commands; it writes no report.
  BENCH_BEFORE_DRIVER=PATH there: the older tree's wrbench, which makes and
  writes databases of the schema the older warroom reads.

  BENCH_BEFORE=PATH  a warroom built from an older commit: PgUp in the
                  one-second burst is timed with it too, turn about, and
                  the report gives both and their ratio
"""
import hashlib
import json
import os
import platform
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.environ.get("BENCH_BUILD", os.path.join(TOP, "build"))
DRIVER = os.path.join(BUILD, "bench", "wrbench")
WARROOM = os.environ.get("WARROOM_BIN", os.path.join(TOP, "warroom"))
BEFORE = os.environ.get("BENCH_BEFORE", "")
# The older tree's own driver, for databases of its schema (`run.py viewers`).
BEFORE_DRIVER = os.environ.get("BENCH_BEFORE_DRIVER", "")
QUICK = os.environ.get("BENCH_QUICK", "") not in ("", "0")
GEN_VERSION = "1"  # bump when the generated databases change shape

if QUICK:
    P = dict(changes=10, viewers=[1, 2, 3], idle=2, reps=2, scrolls=3,
             mreps=2, sizes=[1000, 5000], rss_entries=2000, rounds=2,
             big_changes=5, big_viewers=2, burst=2000, log_reps=10)
else:
    P = dict(changes=200, viewers=[1, 10, 50, 100, 200], idle=60, reps=10, scrolls=10,
             mreps=20, sizes=[10000, 1000000], rss_entries=100000, rounds=5,
             big_changes=100, big_viewers=10, burst=20000, log_reps=200)
ROWS, COLS = 50, 200
commands = []  # every driver command line, for the report


def log(msg):
    print("bench: " + msg, file=sys.stderr, flush=True)


def driver(*args, warroom=None, prog=None):
    cmd = [prog or DRIVER] + [str(a) for a in args] + ["--warroom",
                                                       warroom or WARROOM]
    commands.append(" ".join(os.path.relpath(c, TOP) if c.startswith(TOP)
                             else c for c in cmd))
    out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE,
                         text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def pct(values, p):
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    v = sorted(values)
    k = max(0, min(len(v) - 1, -(-len(v) * p // 100) - 1))
    return v[int(k)]


def median(values):
    return pct(values, 50)


def ms(us):
    return us / 1000.0


# --- databases ------------------------------------------------------------

def schema_key():
    h = hashlib.sha256(GEN_VERSION.encode())
    for f in ("core/store/schema.sql.h", "bench/wrbench.c"):
        with open(os.path.join(TOP, f), "rb") as fh:
            h.update(fh.read())
    return h.hexdigest()[:12]


def with_presence(path):
    """The folder where viewers mark themselves as watching, as `warroom
    init` makes it: without it a viewer says so in its status bar."""
    pdir = path + ".presence"
    os.makedirs(pdir, exist_ok=True)
    os.chmod(pdir, 0o1777)
    return path


def cached_db(entries, series=8, burst=0):
    """A database with `entries` timeline entries, generated once (one big
    transaction through the store API) and kept under build/bench/db/;
    with burst, the newest `burst` of them share one second."""
    d = os.path.join(BUILD, "bench", "db")
    os.makedirs(d, exist_ok=True)
    shape = "e%d-s%d-" % (entries, series) + ("b%d-" % burst if burst else "")
    path = os.path.join(d, shape + schema_key() + ".db")
    if os.path.exists(path):
        driver("refresh", "--db", path)  # an hour of samples up to now
        return with_presence(path)
    for old in os.listdir(d):  # older generations of the same shape
        if re.match(re.escape(shape) + r"[0-9a-f]{12}\.db", old):
            old = os.path.join(d, old)
            if os.path.isdir(old):
                shutil.rmtree(old)
            else:
                os.unlink(old)
    tmp = path + ".tmp"
    for ext in ("", "-wal", "-shm"):
        if os.path.exists(tmp + ext):
            os.unlink(tmp + ext)
    log("generating %s entries (cached in %s)" % (entries, d))
    t0 = time.time()
    driver("gen", "--db", tmp, "--entries", entries, "--series", series,
           "--burst", burst)
    log("  took %.1f s" % (time.time() - t0))
    for ext in ("-wal", "-shm", ""):
        if os.path.exists(tmp + ext):
            os.rename(tmp + ext, path + ext)
    return with_presence(path)


def fresh_db(tmp, name, entries, series=8, prog=None):
    path = os.path.join(tmp, name)
    driver("gen", "--db", path, "--entries", entries, "--series", series,
           prog=prog)
    return with_presence(path)


# --- the machine ----------------------------------------------------------

def first_line(cmd):
    try:
        out = subprocess.run(cmd, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True).stdout
        return out.strip().splitlines()[0] if out.strip() else "?"
    except OSError:
        return "not installed"


def machine():
    cpu, mem, osname = "?", "?", platform.system()
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal"):
                mem = "%.1f GiB" % (int(line.split()[1]) / 1048576)
    if os.path.exists("/etc/os-release"):
        with open("/etc/os-release") as f:
            for line in f:
                if line.startswith("PRETTY_NAME="):
                    osname = line.split("=", 1)[1].strip().strip('"')
    rev = first_line(["git", "-C", TOP, "describe", "--always", "--dirty"])
    return [
        ("cores (nproc)", str(os.cpu_count())),
        ("CPU", cpu),
        ("memory", mem),
        ("OS", "%s, Linux %s" % (osname, platform.release())),
        ("warroom", "git %s" % rev),
        ("SQLite", driver("versions")["sqlite"]),
        ("sqlite3 shell", " ".join(first_line(["sqlite3", "--version"])
                                   .split()[:1])),
        ("ncurses", first_line(["pkg-config", "--modversion", "ncursesw"])),
        ("tmux", first_line(["tmux", "-V"])),
        ("htop", first_line(["htop", "--version"])),
        ("compiler", first_line([os.environ.get("CC", "cc"), "--version"])),
        ("python", platform.python_version()),
        ("load average at start", load()),
    ]


def load():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


# --- the runs -------------------------------------------------------------

def have(prog):
    return shutil.which(prog) is not None


def main():
    only_burst = sys.argv[1:] == ["burst"]
    only_viewers = sys.argv[1:] == ["viewers"]
    only_log = sys.argv[1:] == ["log"]
    if sys.argv[1:] and not only_burst and not only_viewers and not only_log:
        sys.exit("usage: run.py [burst|viewers|log]")
    for f in (DRIVER, WARROOM):
        if not os.access(f, os.X_OK):
            sys.exit("bench: %s is missing: run `make bench`" % f)
    tmp = tempfile.mkdtemp(prefix="warroom-bench.")
    # No user configuration: the default theme, no secrets, UTC.
    home = os.path.join(tmp, "home")
    os.makedirs(home)
    os.environ.update(HOME=home, XDG_CONFIG_HOME=home + "/.config",
                      XDG_DATA_HOME=home + "/.local/share", TZ="UTC")
    for k in ("WARROOM_DB", "WARROOM_CONFIG", "WARROOM_NOW", "NO_COLOR",
              "TMUX"):
        os.environ.pop(k, None)
    started = time.time()
    R = {}
    try:
        R["machine"] = machine()
        if only_burst:
            run_burst(R, max(P["sizes"]), tmp)
        elif only_viewers:
            run_viewers(R, tmp)
        elif only_log:
            R["log"] = run_log(tmp)
        else:
            R.update(run_all(tmp))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    R["elapsed"] = time.time() - started
    R["machine"].append(("load average at end", load()))
    if only_viewers:
        viewers_print(R)
        return
    if only_log:
        for k, v in R["machine"]:
            print("%s: %s" % (k, v))
        print("\n".join("%s: %s  (%s)" % r for r in log_rows(R)))
        print("\n".join([""] + commands))
        return
    if only_burst:
        rows = []
        burst_rows(R, rows, max(P["sizes"]))
        for k, v in R["machine"]:
            print("%s: %s" % (k, v))
        print("\n".join("%s: %s  (%s)" % r for r in rows))
        print("\n".join([""] + commands))
        return
    report(R)


def run_all(tmp):
    R = {}
    n, big = P["rss_entries"], max(P["sizes"])
    db = cached_db(n)
    bigdb = cached_db(big)
    log("idle: a viewer on %d entries, one on %d%s, for %d s" %
        (n, big, " and htop" if have("htop") else "", P["idle"]))
    args = ["idle", "--db", db, "--db2", bigdb, "--seconds", P["idle"],
            "--rows", ROWS, "--cols", COLS]
    if have("htop"):
        args.append("--htop")
    R["idle"] = driver(*args)
    R["log"] = run_log(tmp)

    R["prop"] = {}
    for v in P["viewers"]:
        # 100 and 200 viewers: 50 changes are 5,000 and 10,000 samples.
        changes = P["changes"] if v <= 50 else min(P["changes"], 50)
        db = fresh_db(tmp, "prop%d.db" % v, 1000)
        log("propagation: %d viewer(s), %d changes" % (v, changes))
        R["prop"][v] = driver("prop", "--db", db, "--viewers", v,
                              "--changes", changes, "--rows", ROWS,
                              "--cols", COLS)
    # The same at the largest size, on a copy (the run adds entries).
    db = os.path.join(tmp, "big.db")
    shutil.copyfile(bigdb, db)
    with_presence(db)
    log("propagation: %d viewers, %d changes, %d entries" %
        (P["big_viewers"], P["big_changes"], big))
    R["prop_big"] = driver("prop", "--db", db, "--viewers", P["big_viewers"],
                           "--changes", P["big_changes"], "--rows", ROWS,
                           "--cols", COLS)
    os.unlink(db)
    db = fresh_db(tmp, "side.db", 1000)
    log("side by side: a viewer and tmux attach -r, %d changes" %
        P["changes"])
    R["side"] = driver("prop", "--db", db, "--viewers", 1, "--changes",
                       P["changes"], "--tmux", "--bytes", "--rows", ROWS,
                       "--cols", COLS, "--dir", tmp)

    R["frame"] = {}
    for size in P["sizes"]:
        db = cached_db(size)
        log("first frame and PgUp: %d entries" % size)
        R["frame"][size] = driver("frame", "--db", db, "--reps", P["reps"],
                                  "--scrolls", P["scrolls"], "--rows", ROWS,
                                  "--cols", COLS)

    run_burst(R, big, tmp)

    R["metrics"] = {}
    for series in (0, 32):
        db = fresh_db(tmp, "m%d.db" % series, 1000, series)
        log("first frame with %d metric series" % series)
        R["metrics"][series] = driver("frame", "--db", db, "--reps",
                                      P["mreps"], "--scrolls", 0, "--rows",
                                      ROWS, "--cols", COLS)
    log("search: %d entries" % big)
    R["search"] = driver("search", "--db", bigdb, "--reps", P["reps"])
    log("agent: collect_round, 32 demo series")
    R["agent"] = driver("agent", "--db", os.path.join(tmp, "agent.db"),
                        "--series", 32, "--rounds", P["rounds"])
    return R


def run_log(tmp):
    """`warroom log` and the sqlite3 shell writing the same row into the
    same database, turn about (issue 18: the write within 1.5x sqlite3)."""
    db = fresh_db(tmp, "log.db", 1000)
    log("one write: warroom log and sqlite3, %d each, turn about" %
        P["log_reps"])
    return driver("log", "--db", db, "--reps", P["log_reps"])


def log_rows(R):
    lg = R["log"]
    w, q = lg["warroom_us"], lg["sqlite3_us"]
    return [("`warroom log`, one entry, wall ms p50 / p99 / max",
             lat_row(w), "a new process each time, fork to exit; %d runs"
             % len(w)),
            ("  sqlite3 shell, the same insert, wall ms p50 / p99 / max",
             lat_row(q), "ratio warroom/sqlite3 p50 %.2f, p99 %.2f; turn "
             "about; %d rows written, all alike" % (
                 pct(w, 50) / pct(q, 50), pct(w, 99) / pct(q, 99),
                 lg["rows"]))]


def run_burst(R, big, tmp):
    """An alert flood: the newest entries of `big` all in one second, ten
    minutes ago. PgUp pages into it; the page queries are timed beside the
    row-value form they replaced (issue 18); propagation to one viewer on
    a copy."""
    db = cached_db(big, burst=P["burst"])
    log("PgUp in a %d-entry one-second burst, %d entries%s" %
        (P["burst"], big, ", before and after" if BEFORE else ""))
    R["burst"] = {"after": [], "before": []}
    for r in range(2 if BEFORE else 1):
        for which in (("before", "after") if r % 2 == 0 else
                      ("after", "before")):
            if which == "before" and not BEFORE:
                continue
            R["burst"][which].append(driver(
                "frame", "--db", db, "--reps", max(1, P["reps"] // 2),
                "--scrolls", P["scrolls"], "--rows", ROWS, "--cols", COLS,
                warroom=BEFORE if which == "before" else WARROOM))
    log("page queries in the burst: row value and timeline_page's, turn "
        "about")
    R["keyset"] = driver("keyset", "--db", db, "--reps", P["reps"],
                         "--scrolls", P["scrolls"], "--rows", ROWS - 2)
    copy = os.path.join(tmp, "burst.db")
    shutil.copyfile(db, copy)
    with_presence(copy)
    log("propagation: 1 viewer, %d changes, the burst in the last hour" %
        P["big_changes"])
    R["burst_prop"] = driver("prop", "--db", copy, "--viewers", 1,
                             "--changes", P["big_changes"], "--rows", ROWS,
                             "--cols", COLS)
    os.unlink(copy)


VIEWERS = [1, 100, 200]


def run_viewers(R, tmp):
    """Propagation to 1, 100 and 200 viewers (p50/p99 over every change and
    viewer) and one idle viewer, each with this warroom and BENCH_BEFORE
    taking turns going first, on fresh 1,000-entry databases."""
    changes = int(os.environ.get("BENCH_CHANGES", "10" if QUICK else "40"))
    idle = P["idle"] if QUICK else 45
    R["viewers"] = {}
    R["vidle"] = {"after": [], "before": []}
    whos = ["after", "before"] if BEFORE else ["after"]
    for n, v in enumerate(VIEWERS):
        R["viewers"][v] = {}
        for who in (whos if n % 2 == 0 else whos[::-1]):
            prog = (BEFORE_DRIVER or None) if who == "before" else None
            db = fresh_db(tmp, "v%d-%s.db" % (v, who), 1000, prog=prog)
            log("propagation: %d viewer(s), %d changes, %s" %
                (v, changes, who))
            R["viewers"][v][who] = driver(
                "prop", "--db", db, "--viewers", v, "--changes", changes,
                "--rows", ROWS, "--cols", COLS, prog=prog,
                warroom=BEFORE if who == "before" else WARROOM)
            for ext in ("", "-wal", "-shm"):
                if os.path.exists(db + ext):
                    os.unlink(db + ext)
    dbs = {}
    for who in whos:
        prog = (BEFORE_DRIVER or None) if who == "before" else None
        dbs[who] = fresh_db(tmp, "idle-%s.db" % who, 1000, prog=prog)
    for n, who in enumerate(whos + whos[::-1]):
        prog = (BEFORE_DRIVER or None) if who == "before" else None
        log("idle: one viewer for %d s, %s" % (idle, who))
        R["vidle"][who].append(driver(
            "idle", "--db", dbs[who], "--seconds", idle, "--rows", ROWS,
            "--cols", COLS, prog=prog,
            warroom=BEFORE if who == "before" else WARROOM))


def viewers_print(R):
    for k, v in R["machine"]:
        print("%s: %s" % (k, v))
    print()
    print("| viewers | now p50 / p99 / max ms | before p50 / p99 / max ms "
          "| ratio p50, p99 (before/now) | missed |")
    print("|---|---|---|---|---|")
    for v in VIEWERS:
        r = R["viewers"][v]
        a = r["after"]["lat_us"]
        row = "| %d | %s / %s / %s | " % (v, fmt(ms(pct(a, 50))),
                                          fmt(ms(pct(a, 99))),
                                          fmt(ms(max(a))))
        if "before" in r:
            b = r["before"]["lat_us"]
            row += "%s / %s / %s | %.2f, %.2f | " % (
                fmt(ms(pct(b, 50))), fmt(ms(pct(b, 99))), fmt(ms(max(b))),
                pct(b, 50) / max(1, pct(a, 50)),
                pct(b, 99) / max(1, pct(a, 99)))
        else:
            row += "- | - | "
        row += "%d%s |" % (r["after"]["missed"], " / %d" %
                           r["before"]["missed"] if "before" in r else "")
        print(row)
    print()
    for who in ("after", "before"):
        for i, d in enumerate(R["vidle"][who]):
            p = d["view"]
            secs = d["seconds_us"] / 1e6
            print("idle %s #%d: %.4f%% CPU (%d ns on a CPU in %.1f s), %d "
                  "wake-ups, %d bytes" % (
                      "now" if who == "after" else "before", i + 1,
                      p["cpu_ns"] / (secs * 1e9) * 100, p["cpu_ns"], secs,
                      p["wakeups"], p["bytes"]))
    print("\n".join([""] + commands))


# --- the report -----------------------------------------------------------

# Why a target's aim is not met, as known for today's code (shown only
# while the aim is missed; figures in %(...)s come from this run, the rest
# was measured by hand where it says so).
CAUSES = {
    "rss": "`warroom` links no libcurl: ldd lists %(libs)d libraries%(curl)s "
    "(the network code is in warroom-agent). Of the %(hwm).1f MB, "
    "%(anon).1f MB is anonymous (SQLite's page cache, the snapshot, curses' "
    "screens and heap: private to each viewer) and %(file).1f MB "
    "file-backed (the binary, libsqlite3, libncursesw, libc: shared "
    "between viewers); htop has %(hanon).1f + %(hfile).1f MB.",
    "log": "Both write the same row with the same settings and the same "
    "syncs: one fdatasync of -wal at COMMIT and one of the folder (strace "
    "-f -e trace=openat,fdatasync, by hand in session 16). The difference "
    "is work around the insert: warroom reads /proc/locks 3 times and "
    "lists /proc/self/fd 5 times to check that no other handle of this "
    "process holds the file (core/store/walguard.c), opens the locale's "
    "files (setlocale; the shell opens none), and reads the incident and "
    "the writer's role inside BEGIN IMMEDIATE. By hand (getrusage over 40 "
    "runs each): about 1.2 ms more system time a run than the sqlite3 "
    "shell, and no more user time.",
    "first": "It does not grow with the timeline (%(small_ms)s ms at "
    "%(small)s entries, %(big_ms)s ms at %(big)s): the entry count is kept "
    "by triggers and pages are keyset queries. Since session 16 the frame "
    "leaves the viewer in two write()s, not 170 (ncurses 6.4 flushes after "
    "every cursor move until the screen has once been suspended: "
    "tui_curses_start now calls endwin() before the first frame), and the "
    "locale loads LC_CTYPE only (29 files opened at start, was 52). By "
    "hand (session 16, process CPU time at points of one start of `warroom "
    "view` at 1,000,000 entries, a loaded machine): about 5 ms before main "
    "(exec and the dynamic linker: `warroom --version` takes 2.5 ms), "
    "opening the store 2-4 ms (SQLite parsing the schema at the first "
    "statement), curses' start 1 ms, the first snapshot 2 ms, drawing and "
    "doupdate 1.5 ms. The wall time beyond that was the first read of "
    "/proc/locks (walguard: another process using deleted -wal/-shm "
    "files?), which waits for an RCU grace period, 7-18 ms here (the "
    "kernel takes its file-lock rwsem for writing to list the locks); "
    "since session 16 a viewer asks it after its first frame "
    "(store_settle), as a viewer never writes.",
    "scroll": "The median key is %(p50)s ms. A PgUp runs timeline_page "
    "twice (the page that finds the new top, then the window loaded from "
    "it), draws every row anew (all of them change) and writes about "
    "2.7 KB; since session 16 in one write(), where ncurses 6.4 flushed "
    "after each cursor move (50-80 writes a key, each waking the "
    "terminal's reader). By hand (perf record of 100 keys, session 16): "
    "of a key's CPU about a quarter is the two page queries, a quarter "
    "drawing the rows (the sanitizer and wcwidth per cell), a quarter "
    "doupdate (terminfo strings for each move and attribute change). The "
    "tail is the machine's other work (load average %(load)s).",
    "p50": "The commit itself (BEGIN IMMEDIATE, insert, COMMIT with "
    "synchronous=FULL: its fdatasync) is %(commit)s ms of it at p50; the "
    "rest is the viewer waking (inotify on the folder, PRAGMA "
    "data_version), reloading and drawing. tmux attach -r showed the same "
    "changes at %(tmux)s ms p50, its viewer inside tmux being one more "
    "hop.",
    "p99": "It grows with the number of viewers as a queue for the CPU "
    "does (%(p99_1)s ms p99 with 1 viewer, %(p99_n)s with %(n)d, on %(cores)s "
    "cores): each change wakes every viewer, and each reads the store "
    "again (tui_reload, about 1.15 M instructions, 0.70 M of it the "
    "Timeline's newest page read whole although one entry was added) and "
    "draws what changed (about 0.5 M, curses' doupdate 0.67 M; callgrind, "
    "session 16). Since session 16 a reload is one read transaction (the "
    "WAL read lock taken once: about 81 system calls a change instead of "
    "169, 8 fcntl instead of 76; strace) and a viewer wakes 2 times a "
    "change (3 when the writer runs as root: SQLite fchowns -wal and -shm "
    "at open), not 7: -wal writes only arm a re-check 10 ms on, warroom's "
    "signal after COMMIT wakes the reload, a writer closing its files "
    "wakes nobody. Reading only the entries newer than the newest shown "
    "when one was appended would cut the reload further.",
    "idle": "A viewer wakes %(wakeups)d times in %(secs).0f s here "
    "(%(cpu_ms)s ms on a CPU in all): the clock ticks (each series' 15 s "
    "step, the minute of each duration shown) and the 30 s fallback poll "
    "(TUI_FALLBACK_WATCHED_MS in tui/screen/tui.c; 1 s without inotify); "
    "the database folder and the presence folder are watched on one "
    "inotify instance, and heartbeats wake nobody. A tick redraws the "
    "clocks and asks PRAGMA data_version; the Timeline is redrawn only "
    "when an entry was shown ahead of the clock.",
    "bytes": "For one new entry warroom writes the pane's scroll (a scroll "
    "region, 23 bytes), the entry count in the title (21), the new line "
    "and curses' attribute reset after the frame (11); the \"changed\" "
    "clock adds 35 bytes (its one changed digit) when its second turns: "
    "%(vb)d "
    "bytes (median); tmux's client wrote %(tb)d for the same change. "
    "Nothing is written twice and no cursor move follows a frame (leaveok, "
    "session 16); about half of a line is attribute changes (session 16, "
    "by hand: 103 of 222 bytes), six colours of 11 bytes each (the default "
    "theme's colours are above 15: ESC[38;5;Nm) and bold on and off "
    "through terminfo's sgr (ESC(B ESC[0;1m, where tmux writes ESC[1m). "
    "The aim takes a theme with fewer colour changes on a timeline line, "
    "or colours below 16, or attribute changes written without curses.",
    "agent": "collect_round writes each sample with INSERT OR REPLACE "
    "into sample's primary key, one transaction a round, then the "
    "retention prune (core/agent/collect.c); it has not been profiled "
    "further.",
}


def cause(key, met_aim, facts):
    if met_aim:
        return ""
    return CAUSES.get(key, "") % facts


def verdict(value, must, aim, lower_is_better=True, strict_must=False,
            show=None):
    """Against the must and the aim: "met aim", "met must; aim missed by
    X" or "MISSED must by X"; show formats a difference with its unit."""
    show = show or fmt
    if value is None:
        return "not measured"

    def ok(limit, strict=False):
        if lower_is_better:
            return value < limit if strict else value <= limit
        return value > limit if strict else value >= limit

    def by(limit):
        return show(abs(value - limit))

    if ok(aim):
        return "met aim"
    if ok(must, strict_must):
        return "met must; aim missed by %s" % by(aim)
    return "MISSED must by %s (aim by %s)" % (by(must), by(aim))


def fmt(x):
    if isinstance(x, int) or float(x).is_integer() and abs(x) >= 100:
        return "{:,}".format(int(x))
    if abs(x) >= 100:
        return "%.0f" % x
    if abs(x) >= 10:
        return "%.1f" % x
    return "%.2f" % x


def lat_row(us):
    return "%s / %s / %s" % (fmt(ms(pct(us, 50))), fmt(ms(pct(us, 99))),
                             fmt(ms(max(us))))


def report(R):
    rows, targets, notes = [], [], []
    idle = R["idle"]
    secs = idle["seconds_us"] / 1e6
    v = idle["view"]
    h = idle.get("htop")

    def cpu_pct(p):
        return 100.0 * p["cpu_ns"] / 1e9 / secs

    def tick_pct(p):
        return 100.0 * p["cpu_ticks"] / idle["clk_tck"] / secs

    for nv in sorted(R["prop"]):
        p = R["prop"][nv]
        rows.append(("propagation, %d viewer%s, ms p50 / p99 / max" %
                     (nv, "" if nv == 1 else "s"), lat_row(p["lat_us"]),
                     "%d changes x %d viewers, %d missed" %
                     (p["changes"], nv, p["missed"])))
    pb = R["prop_big"]
    rows.append(("propagation, %d viewers, %s entries, ms p50 / p99 / max" %
                 (P["big_viewers"], "{:,}".format(max(P["sizes"]))),
                 lat_row(pb["lat_us"]), "%d changes x %d viewers, %d missed"
                 % (pb["changes"], P["big_viewers"], pb["missed"])))
    side = R["side"]
    tl = [x for x in side["tmux_lat_us"] if x >= 0]
    rows.append(("  same change: direct viewer, ms p50 / p99 / max",
                 lat_row(side["lat_us"]), "side by side with tmux"))
    rows.append(("  same change: tmux attach -r client, ms p50 / p99 / max",
                 lat_row(tl), "ratio warroom/tmux p50 %.2f, p99 %.2f" % (
                     pct(side["lat_us"], 50) / pct(tl, 50),
                     pct(side["lat_us"], 99) / pct(tl, 99))))
    rows.append(("  commit itself (in the latencies), ms p50 / p99 / max",
                 lat_row(side["commit_us"] + sum(
                     (R["prop"][k]["commit_us"] for k in R["prop"]), [])),
                 "timeline_add, synchronous=FULL"))
    vb, tb = median(side["view_bytes"]), median(side["tmux_bytes"])
    rows.append(("bytes to the terminal, one new timeline line (200x50)",
                 "%d (median; max %d)" % (vb, max(side["view_bytes"])),
                 "tmux client: %d; ratio warroom/tmux %.2f" % (
                     tb, vb / tb if tb else float("nan"))))
    big = max(R["frame"])
    small = min(R["frame"])
    fb = median(R["frame"][small]["first_bytes"])
    rows.append(("bytes to the terminal, full first frame (200x50)",
                 "{:,}".format(fb), "%d entries" % small))
    rows.append(("idle viewer CPU over %.0f s, %% of one core" % secs,
                 "%.4f%%" % cpu_pct(v),
                 "%.1f ms on CPU; stat: %d ticks (%.3f%%); %d wake-ups, "
                 "%d bytes" % (v["cpu_ns"] / 1e6, v["cpu_ticks"],
                               tick_pct(v), v["wakeups"], v["bytes"])))
    v2 = idle.get("view2")
    if v2:
        rows.append(("  idle viewer on %s entries, same window" %
                     "{:,}".format(max(P["sizes"])), "%.4f%%" % cpu_pct(v2),
                     "%.1f ms on CPU; %d ticks; %d wake-ups, %d bytes; "
                     "VmHWM %.1f MB" % (v2["cpu_ns"] / 1e6, v2["cpu_ticks"],
                                        v2["wakeups"], v2["bytes"],
                                        v2["vmhwm_kb"] / 1024)))
    if h:
        rows.append(("  htop (default delay) same window, % of one core",
                     "%.4f%%" % cpu_pct(h),
                     "%.1f ms on CPU; %d ticks; %d wake-ups, %d bytes; "
                     "ratio warroom/htop %.3f" % (
                         h["cpu_ns"] / 1e6, h["cpu_ticks"], h["wakeups"],
                         h["bytes"], cpu_pct(v) / cpu_pct(h)
                         if cpu_pct(h) else float("nan"))))
    rows.append(("viewer RSS (VmHWM), %s entries, MB" %
                 "{:,}".format(P["rss_entries"]),
                 "%.1f" % (v["vmhwm_kb"] / 1024),
                 "anon %.1f MB + file-backed (shared libraries) %.1f MB" % (
                     v["rss_anon_kb"] / 1024, v["rss_file_kb"] / 1024)))
    if h:
        rows.append(("  htop RSS (VmHWM), MB", "%.1f" % (h["vmhwm_kb"] / 1024),
                     "anon %.1f + file %.1f; ratio warroom/htop %.2f" % (
                         h["rss_anon_kb"] / 1024, h["rss_file_kb"] / 1024,
                         v["vmhwm_kb"] / h["vmhwm_kb"])))
    for size in sorted(R["frame"]):
        f = R["frame"][size]
        rows.append(("start to first complete frame, %s entries, ms "
                     "p50 / p99 / max" % "{:,}".format(size),
                     lat_row(f["first_us"]), "%d starts (after one warm-up)"
                     % len(f["first_us"])))
        if f["scroll_us"]:
            rows.append(("PgUp to frame in Timeline, %s entries, ms "
                         "p50 / p99 / max" % "{:,}".format(size),
                         lat_row(f["scroll_us"]), "%d key presses, %d bytes "
                         "each (median)" % (len(f["scroll_us"]),
                                            median(f["scroll_bytes"]))))
    burst_rows(R, rows, big)
    m0, m32 = R["metrics"][0], R["metrics"][32]
    md = median(m32["first_us"]) - median(m0["first_us"])
    rows.append(("Metrics pane with 32 series, ms to load and draw",
                 fmt(ms(md)), "median first frame with 32 series (%s ms) "
                 "minus with none (%s ms)" % (fmt(ms(median(m32["first_us"]))),
                                              fmt(ms(median(m0["first_us"]))))))
    sq = R["search"]["queries"]
    rows.append(("search across incidents, %s entries, ms p50 (worst query)"
                 % "{:,}".format(big),
                 fmt(ms(max(median(q["us"]) for q in sq))),
                 "warroom search, best %d; p50 per query: %s" % (
                     R["search"]["limit"], ", ".join(
                         "\"%s\" %s (%d hits)" % (q["q"], fmt(ms(median(q["us"]))),
                                                  q["hits"]) for q in sq))))
    rows += log_rows(R)
    ag = R["agent"]
    rate = sum(ag["written"]) / (sum(ag["round_us"]) / 1e6)
    rows.append(("agent: samples/s written (batched)", "{:,}".format(
        int(rate)), "collect_round, 32 demo series, %d rounds of %d "
        "samples in one transaction each" % (len(ag["written"]),
                                             median(ag["written"]))))

    targets, facts = issue18_targets(R, v, h, secs, cpu_pct, vb, tb, rate)
    closing = []
    for t in targets:
        c = cause(t["key"], t["verdict"] == "met aim", facts)
        if c:
            closing.append("- %s: %s, %s. %s" % (t["figure"], t["now"],
                                                  t["verdict"], c))
    pb = R["prop_big"]
    closing.append(
        "- Size: with %s entries, propagation to %d "
        "viewers takes %s ms at p50 (%s ms with 1,000 entries), and an "
        "idle viewer uses %.3f%% of a core (%.3f%% at %s entries): the "
        "entry count is kept by triggers (schema 2) and pages are keyset "
        "queries, so neither grows with the timeline." % (
            "{:,}".format(max(P["sizes"])), P["big_viewers"],
            fmt(ms(pct(pb["lat_us"], 50))),
            fmt(ms(pct(R["prop"][P["big_viewers"]]["lat_us"], 50))),
            cpu_pct(v2) if v2 else float("nan"), cpu_pct(v),
            "{:,}".format(P["rss_entries"])))
    closing.append(
        "- The machine was shared with other work during the run (see the "
        "load averages): the tails (p99, max) of latencies and of commit "
        "times (fsync) include that noise; medians are steadier.")
    R["closing"] = closing
    if QUICK:
        notes.append("BENCH_QUICK=1: a smoke run with small databases and "
                     "few samples; these figures are not the benchmark.")
    text = render(R, rows, targets, notes)
    print(text)
    out = os.environ.get("BENCH_OUT") or (
        os.path.join(BUILD, "bench", "PERFORMANCE.quick.md") if QUICK
        else os.path.join(TOP, "docs", "PERFORMANCE.md"))
    os.makedirs(os.path.dirname(out), exist_ok=True)
    # Dated "## Session N" sections (side-by-side runs recorded by hand,
    # such as `run.py viewers`) stay: a new run does not rewrite them.
    kept = ""
    if os.path.exists(out):
        with open(out) as f:
            old = f.read()
        at = old.find("\n## Session ")
        if at >= 0:
            kept = old[at:]
    with open(out, "w") as f:
        f.write(markdown(R, rows, targets, notes) + kept)
    raw = os.path.join(BUILD, "bench", "results%s.json" %
                       (".quick" if QUICK else ""))
    with open(raw, "w") as f:
        json.dump(R, f)
    log("wrote %s (%.0f s)" % (os.path.relpath(out, TOP), R["elapsed"]))


def issue18_targets(R, v, h, secs, cpu_pct, vb, tb, rate):
    """Issue 18's Targets table: each row with this run's figure, the peer
    measured in the same run (where there is one) and the ratio, the must,
    the aim and the verdict against both; and the facts the causes cite."""
    big, small = max(R["frame"]), min(R["frame"])
    n_rss = "{:,}".format(P["rss_entries"])
    hwm = v["vmhwm_kb"] / 1024
    lg = R["log"]
    lw, lq = ms(pct(lg["warroom_us"], 50)), ms(pct(lg["sqlite3_us"], 50))
    fbig = ms(median(R["frame"][big]["first_us"]))
    sc = R["frame"][big]["scroll_us"]
    sbig = ms(pct(sc, 99)) if sc else None
    one = min(R["prop"])
    p50_1 = ms(pct(R["prop"][one]["lat_us"], 50))
    side = R["side"]
    tl = [x for x in side["tmux_lat_us"] if x >= 0]
    sv, st = ms(pct(side["lat_us"], 50)), ms(pct(tl, 50))
    nmany = 100 if 100 in R["prop"] else max(R["prop"])
    p99_n = ms(pct(R["prop"][nmany]["lat_us"], 99))
    cpu = cpu_pct(v)
    msf = lambda x: "%s ms" % fmt(x)
    mbf = lambda x: "%.1f MB" % x
    xf = lambda x: "%.2fx" % x
    pctf = lambda x: "%.4f%%" % x
    ptsf = lambda x: "%.4f points" % x
    T = []

    def row(key, figure, now, peer, ratio, must, aim, verdict_text):
        T.append(dict(key=key, figure=figure, now=now, peer=peer or "-",
                      ratio=ratio or "-", must=must, aim=aim,
                      verdict=verdict_text))

    row("rss", "viewer resident memory (VmHWM), %s entries" % n_rss,
        mbf(hwm), h and "htop %s" % mbf(h["vmhwm_kb"] / 1024),
        h and xf(v["vmhwm_kb"] / h["vmhwm_kb"]), "< 8 MB", "<= 5 MB",
        verdict(hwm, 8, 5, strict_must=True, show=mbf))
    ratio = lw / lq
    row("log", "`warroom log` wall time, p50 (fsync included)", msf(lw),
        "sqlite3 %s (same insert, same file, turn about)" % msf(lq),
        xf(ratio), "<= 1.5x sqlite3", "<= 1.1x",
        verdict(ratio, 1.5, 1.1, show=xf))
    row("first", "first complete frame, %s entries, p50" %
        "{:,}".format(big), msf(fbig), None, None, "<= 20 ms", "<= 10 ms",
        verdict(fbig, 20, 10, show=msf))
    row("scroll", "PgUp to frame, %s entries, p99" % "{:,}".format(big),
        msf(sbig) if sbig is not None else "-", None, None, "<= 5 ms",
        "<= 2 ms", verdict(sbig, 5, 2, show=msf))
    row("p50", "propagation, %d viewer, p50 (commit included)" % one,
        msf(p50_1), "tmux attach -r %s (beside a viewer at %s, same "
        "changes)" % (msf(st), msf(sv)), xf(sv / st) if st else None,
        "<= 10 ms", "<= 5 ms", verdict(p50_1, 10, 5, show=msf))
    row("p99", "propagation, %d viewers, p99" % nmany, msf(p99_n), None,
        None, "<= 150 ms", "<= 60 ms", verdict(p99_n, 150, 60, show=msf))
    row("idle", "idle viewer CPU (%s entries, %.0f s)" % (n_rss, secs),
        pctf(cpu), h and "htop %s" % pctf(cpu_pct(h)),
        h and cpu_pct(h) and xf(cpu / cpu_pct(h)), "<= 0.02%", "<= 0.01%",
        verdict(cpu, 0.02, 0.01, show=ptsf))
    bratio = vb / tb if tb else None
    row("bytes", "bytes to the terminal per new timeline line, vs `tmux "
        "attach -r`", "%d bytes (median)" % vb, "tmux attach -r %d bytes"
        % tb, xf(bratio) if bratio else None, "<= 1.0x", "<= 0.8x",
        verdict(bratio, 1.0, 0.8, show=xf))
    row("agent", "agent ingest", "{:,} samples/s".format(int(rate)), None,
        None, ">= 300,000/s", ">= 1,000,000/s",
        verdict(rate, 300000, 1000000, lower_is_better=False,
                show=lambda x: "{:,}/s".format(int(x))))
    libs = subprocess.run(["ldd", WARROOM], stdout=subprocess.PIPE,
                          text=True).stdout
    facts = dict(
        libs=libs.count("=>"),
        curl=" (libcurl among them!)" if "libcurl" in libs else ", none "
        "of them libcurl or a TLS library",
        hwm=hwm, anon=v["rss_anon_kb"] / 1024, file=v["rss_file_kb"] / 1024,
        hanon=h["rss_anon_kb"] / 1024 if h else float("nan"),
        hfile=h["rss_file_kb"] / 1024 if h else float("nan"),
        small_ms=fmt(ms(median(R["frame"][small]["first_us"]))),
        small="{:,}".format(small), big_ms=fmt(fbig),
        big="{:,}".format(big), p50=fmt(ms(pct(sc, 50))) if sc else "-",
        load=load(),
        commit=fmt(ms(pct(R["prop"][one]["commit_us"], 50))),
        tmux=fmt(st), p99_1=fmt(ms(pct(R["prop"][one]["lat_us"], 99))),
        p99_n=fmt(p99_n), n=nmany, cores=os.cpu_count(),
        wakeups=v["wakeups"], secs=secs, cpu_ms=fmt(v["cpu_ns"] / 1e6),
        vb=vb, tb=tb)
    return T, facts


def burst_rows(R, rows, big):
    """PgUp and the page queries in the one-second burst."""
    scr = {w: sum((f["scroll_us"] for f in R["burst"][w]), [])
           for w in R["burst"]}
    name = "{:,} entries, {:,} of them in one second".format(
        big, R["keyset"]["burst"])
    note = "%d key presses" % len(scr["after"])
    if scr["before"] and scr["after"]:
        note += "; BENCH_BEFORE %s: %s ms, ratio before/now p50 %.1f, " \
            "p99 %.1f" % (os.path.relpath(BEFORE, TOP) if BEFORE.startswith(
                TOP) else BEFORE, lat_row(scr["before"]),
            pct(scr["before"], 50) / pct(scr["after"], 50),
            pct(scr["before"], 99) / pct(scr["after"], 99))
    if scr["after"]:
        rows.append(("PgUp to frame in Timeline, %s, ms p50 / p99 / max" %
                     name, lat_row(scr["after"]), note))
    bp = R["burst_prop"]
    rows.append(("  propagation, 1 viewer, the burst 10 minutes ago, ms "
                 "p50 / p99 / max", lat_row(bp["lat_us"]),
                 "%d changes, %d missed; commit p50 %s ms" % (
                     bp["changes"], bp["missed"],
                     fmt(ms(pct(bp["commit_us"], 50))))))
    k = R["keyset"]
    for d in ("after", "before"):
        old, new = k["old_%s_us" % d], k["new_%s_us" % d]
        so, sn = k["old_%s_steps" % d], k["new_%s_steps" % d]
        rows.append(("  page of %d %s a key in the burst, ms p50 / p99 / "
                     "max" % (k["rows"], d), lat_row(new),
                     "row value (before issue 18): %s ms; ratio old/new "
                     "p50 %.1f, p99 %.1f; SQLite VM steps a page, median "
                     "(max): %s (%s) now, %s (%s) before; %d keys, turn "
                     "about" % (lat_row(old), pct(old, 50) / pct(new, 50),
                                pct(old, 99) / pct(new, 99),
                                "{:,}".format(median(sn)),
                                "{:,}".format(max(sn)),
                                "{:,}".format(median(so)),
                                "{:,}".format(max(so)), len(new))))


TARGET_KEYS = ("figure", "now", "peer", "ratio", "must", "aim", "verdict")


def render(R, rows, targets, notes):
    w = max(len(r[0]) for r in rows)
    wv = max(len(r[1]) for r in rows)
    lines = ["", "%-*s  %-*s  %s" % (w, "measure", wv, "value", "notes"),
             "-" * (w + wv + 40)]
    for name, val, note in rows:
        lines.append("%-*s  %-*s  %s" % (w, name, wv, val, note))
    lines += ["", "targets (issue 18): figure | now | peer, same run | "
              "ratio | must | aim | verdict"]
    for t in targets:
        lines.append("  " + " | ".join(t[k] for k in TARGET_KEYS))
    lines += ["", "notes:"] + R["closing"] + [""] + notes
    return "\n".join(lines)


def sh_join(argv):
    """A command line to paste into sh, SQL quotes left readable."""
    def q(a):
        if re.fullmatch(r"[\w@%+=:,./-]+", a):
            return a
        if not re.search(r'["$`\\!]', a):
            return '"%s"' % a
        return shlex.quote(a)
    return " ".join(q(a) for a in argv)


def markdown(R, rows, targets, notes):
    cmd = "BENCH_QUICK=1 make bench" if QUICK else "make bench"
    md = ["# warroom performance", "",
          "Measured by `%s` (bench/run.py driving build/bench/wrbench); "
          "the run took %.0f s. Regenerate with the same command; the "
          "figures below are one run, copied verbatim." % (cmd, R["elapsed"]),
          ""]
    md += notes and [n for n in notes] + [""] or []
    md += ["## Machine", "", "| | |", "|---|---|"]
    md += ["| %s | %s |" % (k, v.replace("|", "/")) for k, v in R["machine"]]
    md += ["", "## Results", "",
           "| measure | value | notes |", "|---|---|---|"]
    md += ["| %s | %s | %s |" % r for r in rows]
    md += ["", "## Targets (issue 18)", "",
           "| figure | now | peer, same run | ratio | must | aim | verdict |",
           "|---|---|---|---|---|---|---|"]
    md += ["| %s |" % " | ".join(t[k].replace("|", "/") for k in TARGET_KEYS)
           for t in targets]
    md += ["", "## Closing note", ""] + R["closing"]
    with open(os.path.join(TOP, "bench", "METHOD.md")) as f:
        md += ["", f.read().strip()]
    md += ["", "## Driver commands of this run", "", "```"]
    md += [c for c in commands if " versions " not in c]
    md += ["```", ""]
    if "log" in R:
        md += ["`wrbench log` runs warroom and, turn about, the sqlite3 "
               "shell (DB: the database):", "", "```",
               sh_join([os.path.relpath(WARROOM, TOP), "--db", "DB",
                        "--as", "alice", "log", R["log"]["text"]]),
               sh_join(R["log"]["sqlite3_argv"]), "```", ""]
    return "\n".join(md)


if __name__ == "__main__":
    main()
