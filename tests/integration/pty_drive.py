#!/usr/bin/env python3
# pty_drive.py: run a command on a pseudo-terminal and answer its prompts.
#   pty_drive.py RESPONSES -- COMMAND ARGS...
# RESPONSES is a file of lines; each is sent after the next prompt (a line
# ending in "): ") shows; a line "<EOF>" sends end-of-input (Ctrl-D) instead.
# Prints everything the command wrote; exits with its status. Gives up
# after 10 s (exit 124) so a test never hangs.
import os, pty, select, sys, time

def main():
    sep = sys.argv.index("--")
    with open(sys.argv[1]) as f:
        responses = f.read().splitlines()
    argv = sys.argv[sep + 1:]
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(argv[0], argv)
    out = b""
    seen = 0  # prompts answered so far end before this offset
    deadline = time.time() + 10
    pending = list(responses)
    while True:
        if time.time() > deadline:
            sys.stdout.write(out.decode("utf-8", "replace"))
            sys.stdout.write("\n[pty_drive: timed out]\n")
            os.kill(pid, 9)
            sys.exit(124)
        r, _, _ = select.select([fd], [], [], 0.1)
        if r:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                chunk = b""
            if not chunk:
                break
            out += chunk
        if pending:
            i = out.find(b"): ", seen)
            if i >= 0:
                seen = i + 3
                resp = pending.pop(0)
                if resp == "<EOF>":
                    os.write(fd, b"\x04")
                else:
                    os.write(fd, resp.encode() + b"\r")
    _, status = os.waitpid(pid, 0)
    sys.stdout.write(out.decode("utf-8", "replace"))
    sys.exit(os.waitstatus_to_exitcode(status))

main()
