#!/usr/bin/env python3
"""funclen.py: no function in core/ or tui/ longer than 80 lines without a
reason (make check). A function is the house style's definition: its name
at the start of a line, its body from a '{' alone at column 0 to the next
'}' at column 0. A longer one passes when the comment just above it, or
its first lines, say why with "long:" (a table, a state machine read best
in one piece). Prints file:line name length for each one that fails."""
import os, re, sys

LIMIT = 80


def functions(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    start = None
    for i, line in enumerate(lines):
        if line == "{":
            start = i
        elif line.startswith("}") and start is not None:
            j = start - 1
            while j > 0 and not re.match(r"[A-Za-z_]\w*\(", lines[j]):
                if lines[j] == "" or lines[j].startswith("}"):
                    break
                j -= 1
            m = re.match(r"([A-Za-z_]\w*)\(", lines[j])
            if m:
                yield m.group(1), j + 1, i - start + 1, lines, j, start, i
            start = None


def has_reason(lines, head, start, end):
    k = head - 1
    while k >= 0 and lines[k].strip() and not lines[k].startswith("}"):
        if "long:" in lines[k]:
            return True
        k -= 1
    return any("long:" in l for l in lines[start:min(end, start + 6)])


def main(root):
    bad = []
    for top in ("core", "tui"):
        for dirpath, _, files in os.walk(os.path.join(root, top)):
            for name in sorted(files):
                if not name.endswith(".c"):
                    continue
                path = os.path.join(dirpath, name)
                for fn, no, n, lines, head, s, e in functions(path):
                    if n > LIMIT and not has_reason(lines, head, s, e):
                        bad.append((n, "%s:%d %s %d lines" % (
                            os.path.relpath(path, root), no, fn, n)))
    for _, b in sorted(bad, reverse=True):
        print(b)
    if bad:
        print("funclen: %d function(s) over %d lines without a 'long:' "
              "reason (.ci/funclen.py)" % (len(bad), LIMIT))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "."))
