#!/usr/bin/env python3
"""hammer.py: many warroom processes on one database file at once.

Writers run `warroom log` over and over, readers run `warroom status --json`
(later: any read command or screen, given with --read-cmd). With --kill, a
share of the processes get SIGKILL at a random moment of their life. One
thread, one loop: a process is only ever killed before it is reaped, so a
pid is never reused under us.

Writes acknowledged (exit 0 and an id on stdout) go to --acks as
"id<TAB>text" lines. The summary (JSON) goes to stdout; the caller checks it
and the database. Standard library only.
"""
import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--bin", required=True)
    p.add_argument("--db", required=True)
    p.add_argument("--writers", type=int, default=4)
    p.add_argument("--readers", type=int, default=0)
    p.add_argument("--seconds", type=float, default=5)
    p.add_argument("--per-writer", type=int, default=0,
                   help="stop each writer after this many commands")
    p.add_argument("--kill", type=float, default=0.0,
                   help="share of processes killed with SIGKILL (0..1)")
    p.add_argument("--kill-readers", action="store_true")
    p.add_argument("--acks", required=True)
    p.add_argument("--text-bytes", type=int, default=0,
                   help="pad each text to about this many bytes")
    p.add_argument("--seed", type=int, default=None)
    p.add_argument("--read-cmd", default="status --json")
    return p.parse_args()


class Proc:
    def __init__(self, kind, slot, argv, text, kill_at):
        self.kind, self.slot, self.text = kind, slot, text
        self.start = time.monotonic()
        self.kill_at = kill_at
        self.killed = False
        # Files, not pipes: a child that writes more than a pipe holds
        # would wait for us while we wait for it to exit.
        self.out = tempfile.TemporaryFile()
        self.err = tempfile.TemporaryFile()
        self.p = subprocess.Popen(argv, stdout=self.out, stderr=self.err,
                                  stdin=subprocess.DEVNULL)

    def communicate(self):
        self.p.wait()
        res = []
        for f in (self.out, self.err):
            f.seek(0)
            res.append(f.read())
            f.close()
        return res


def main():
    a = parse_args()
    seed = a.seed if a.seed is not None else int(time.time() * 1000) % 100000
    rnd = random.Random(seed)
    env_db = ["--db", a.db]
    acks = open(a.acks, "w")
    stats = {"seed": seed, "writes_ok": 0, "writes_failed": 0,
             "writes_killed": 0, "reads_ok": 0, "reads_failed": 0,
             "reads_killed": 0, "locked_seen": 0, "errors": [],
             "max_write_s": 0.0, "max_read_s": 0.0, "last_entries": 0}
    seq = [0] * a.writers
    slots = {}
    # A kill lands somewhere in the first ~15 ms, where a log command
    # opens, begins, writes, commits and checkpoints.
    life = 0.015

    def spawn(kind, slot):
        kill_at = None
        if a.kill > 0 and (kind == "w" or a.kill_readers) \
                and rnd.random() < a.kill:
            kill_at = time.monotonic() + rnd.uniform(0, life)
        if kind == "w":
            seq[slot] += 1
            text = "w%d-%d" % (slot, seq[slot])
            if a.text_bytes > len(text):
                text += " " + "x" * (a.text_bytes - len(text) - 1)
            argv = [a.bin] + env_db + ["log", text, "--source",
                                       "hammer%d" % slot]
        else:
            text = None
            argv = [a.bin] + env_db + a.read_cmd.split()
        slots[(kind, slot)] = Proc(kind, slot, argv, text, kill_at)

    def finish(pr):
        out, err = pr.communicate()
        rc = pr.p.returncode
        dt = time.monotonic() - pr.start
        err_s = err.decode("utf-8", "replace")
        if "locked" in err_s:
            stats["locked_seen"] += 1
        if pr.killed:
            stats["writes_killed" if pr.kind == "w" else "reads_killed"] += 1
            return
        if pr.kind == "w":
            stats["max_write_s"] = max(stats["max_write_s"], dt)
            line = out.decode().strip()
            if rc == 0 and line.isdigit():
                stats["writes_ok"] += 1
                acks.write("%s\t%s\n" % (line, pr.text))
            else:
                stats["writes_failed"] += 1
                stats["errors"].append("log rc=%d: %s" % (rc, err_s.strip()))
        else:
            stats["max_read_s"] = max(stats["max_read_s"], dt)
            try:
                doc = json.loads(out) if rc == 0 else None
            except ValueError:
                doc = None
            if rc == 0 and (doc is not None or "json" not in a.read_cmd):
                stats["reads_ok"] += 1
                if doc is not None and "timeline_total" in doc:
                    stats["last_entries"] = max(stats["last_entries"],
                                                doc["timeline_total"])
            else:
                stats["reads_failed"] += 1
                stats["errors"].append("read rc=%d: %s" % (rc, err_s.strip()))

    end = time.monotonic() + a.seconds
    for w in range(a.writers):
        spawn("w", w)
    for r in range(a.readers):
        spawn("r", r)
    def kills():
        now = time.monotonic()
        for pr in slots.values():
            if pr.kill_at is not None and now >= pr.kill_at and \
                    pr.p.poll() is None:
                # Not reaped yet (poll said running): the pid is ours.
                pr.p.send_signal(signal.SIGKILL)
                pr.killed = True
                pr.kill_at = None

    while slots:
        for key, pr in list(slots.items()):
            # Reading a big answer takes a while: keep the kills on time.
            kills()
            if pr.p.poll() is None:
                continue
            # A kill sent after the process had already exited does not
            # count as a kill: its exit status says what happened.
            if pr.killed and pr.p.returncode != -signal.SIGKILL:
                pr.killed = False
            finish(pr)
            del slots[key]
            more = time.monotonic() < end
            if pr.kind == "w" and a.per_writer:
                more = seq[pr.slot] < a.per_writer
            elif pr.kind == "r" and a.per_writer:
                more = any(k[0] == "w" for k in slots)
            if more:
                spawn(pr.kind, pr.slot)
        time.sleep(0.0005)
    acks.close()
    stats["errors"] = stats["errors"][:20]
    json.dump(stats, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
