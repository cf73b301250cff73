#!/bin/sh
# inject_screen.sh: hostile text in every field a screen draws (titles,
# timeline, names, purposes, decisions, updates, series names, units and
# HTTP/command error bodies, the database path, a note typed into the
# prompt, raw bytes written by another SQLite program); `warroom view` and
# `warroom tui` on a pseudo-terminal write nothing but their own control
# sequences (raw bytes checked by tests/reliab/ptyterm.py), draw every field
# and put the terminal back. The raw-bytes incident also runs under ASan.
. "$(dirname "$0")/../lib.sh"
R=$(cd "$(dirname "$0")/../reliab" && pwd)
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
A=""
[ -x "${WARROOM_ASAN_BIN:-}" ] && A=$WARROOM_ASAN_BIN
[ -n "${KEEP:-}" ] && trap - EXIT
python3 "$R/screen_inject.py" "$W" "$T" $A || fail "hostile text reached the terminal (see above)"
pass "screens under hostile input: only their own sequences, fields drawn, terminal restored"
