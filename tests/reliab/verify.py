#!/usr/bin/env python3
"""verify.py DB ACKS: every acknowledged write ("id<TAB>text" lines) is in
the database with its text, and the file passes PRAGMA integrity_check.
Reads through Python's own sqlite3, not through warroom. Prints one line."""
import sqlite3
import sys


def main():
    db, acks = sys.argv[1], sys.argv[2]
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True, timeout=10)
    ic = con.execute("PRAGMA integrity_check").fetchall()
    if ic != [("ok",)]:
        print("FAIL integrity_check: %r" % ic[:5])
        return 1
    want = {}
    with open(acks) as f:
        for line in f:
            i, text = line.rstrip("\n").split("\t", 1)
            if int(i) in want:
                print("FAIL id %s acknowledged twice" % i)
                return 1
            want[int(i)] = text
    lost = []
    for i, text in want.items():
        row = con.execute("SELECT text FROM entry WHERE id = ?",
                          (i,)).fetchone()
        if row is None or row[0] != text:
            lost.append((i, text, row))
    total = con.execute("SELECT count(*) FROM entry").fetchone()[0]
    if lost:
        print("FAIL %d of %d acknowledged writes lost, e.g. %r" %
              (len(lost), len(want), lost[:3]))
        return 1
    print("ok %d acknowledged writes present (%d entries), integrity ok" %
          (len(want), total))
    return 0


if __name__ == "__main__":
    sys.exit(main())
