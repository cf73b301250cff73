#!/usr/bin/env python3
"""lockholder.py DB SECONDS [MODE]: a foreign writer that takes the write
lock (BEGIN IMMEDIATE), writes without committing, says "locked" on stdout
and hangs for SECONDS (then rolls back and exits: never outlives a test).
MODE "commit-slowly" commits at the end instead. Standard library only."""
import sqlite3
import sys
import time


def main():
    db, secs = sys.argv[1], float(sys.argv[2])
    mode = sys.argv[3] if len(sys.argv) > 3 else "hang"
    con = sqlite3.connect(db, timeout=10, isolation_level=None)
    con.execute("BEGIN IMMEDIATE")
    # A real change, so the hung transaction holds dirty pages too.
    con.execute("UPDATE incident SET title = title WHERE id = 1")
    print("locked", flush=True)
    time.sleep(secs)
    con.execute("COMMIT" if mode == "commit-slowly" else "ROLLBACK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
