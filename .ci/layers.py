#!/usr/bin/env python3
"""layers.py: the include direction between warroom's folders (make check).

Every header is included by its folder path ("model/incident.h"), so the
direction can be read off the #include lines. A folder may include its own
headers and those of folders below it, never above:

  core/  base < store < model < view < agent, report < cli
         (agent and report do not include each other)
  tui/   widget < pane < dialog < screen; tui/ may include any core/ folder
         but agent/ (the screen carries no network code)

core/ includes nothing of tui/ and no curses; tui/ no SQLite and no curl
header; only core/agent/ and core/cli/ include curl. A line that breaks a
rule is printed as file:line and the check fails.
"""
import os, re, sys

RANK = {
    "core": {"base": 0, "store": 1, "model": 2, "view": 3, "agent": 4,
             "report": 4, "cli": 5},
    "tui": {"widget": 0, "pane": 1, "dialog": 2, "screen": 3},
}
SIDEWAYS = {("agent", "report"), ("report", "agent")}
SYSTEM = [  # (top, folder or None, forbidden <header> pattern, why)
    ("core", None, r"n?curses|ncursesw/", "core/ must not include curses"),
    ("tui", None, r"sqlite3|curl/", "tui/ must not include sqlite3 or curl"),
    ("core", "base store model view report", r"curl/",
     "only core/agent and core/cli talk to the network"),
]


def folder_of(path):
    parts = path.split(os.sep)
    return parts[0], parts[1]


def check(root):
    bad = []
    for top in RANK:
        for dirpath, _, files in os.walk(os.path.join(root, top)):
            for name in sorted(files):
                if not name.endswith((".c", ".h")):
                    continue
                path = os.path.relpath(os.path.join(dirpath, name), root)
                ftop, fdir = folder_of(path)
                if fdir not in RANK[ftop]:
                    bad.append("%s: file outside a subsystem folder" % path)
                    continue
                with open(os.path.join(root, path), encoding="utf-8") as f:
                    lines = f.read().split("\n")
                for no, line in enumerate(lines, 1):
                    bad += check_line(path, no, line, ftop, fdir)
    return bad


def check_line(path, no, line, ftop, fdir):
    where = "%s:%d" % (path, no)
    m = re.match(r'\s*#\s*include\s*<([^>]+)>', line)
    if m:
        for top, folders, pat, why in SYSTEM:
            if top == ftop and (folders is None or fdir in folders.split()) \
                    and re.match(pat, m.group(1)):
                return ["%s: %s (%s)" % (where, why, m.group(1))]
        return []
    m = re.match(r'\s*#\s*include\s*"([^"]+)"', line)
    if not m:
        return []
    inc = m.group(1)
    head = inc.split("/")[0]
    if "/" not in inc or ".." in inc.split("/"):
        return ["%s: include by folder path, not \"%s\"" % (where, inc)]
    if head in RANK[ftop]:
        mine, theirs = RANK[ftop][fdir], RANK[ftop][head]
        if head == fdir or theirs < mine:
            if (fdir, head) not in SIDEWAYS:
                return []
        return ["%s: %s/ may not include %s (upward or sideways)" %
                (where, fdir, inc)]
    if ftop == "tui" and head in RANK["core"] and head != "agent":
        return []
    return ["%s: %s/%s/ may not include %s" % (where, ftop, fdir, inc)]


if __name__ == "__main__":
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    bad = check(root)
    for b in bad:
        print(b)
    if bad:
        print("layers: %d include(s) against the direction (.ci/layers.py)"
              % len(bad))
        sys.exit(1)
