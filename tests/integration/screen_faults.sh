#!/bin/sh
# screen_faults.sh: terminal faults for `warroom view` and `warroom tui`
# (tests/reliab/screen_faults.py on a pseudo-terminal: hang-up, SIGHUP,
# SIGTERM, SIGINT, resize storm, 1x1 and too small, vt100, dumb, unknown
# TERM, LANG=C; plain and ASan binaries), then a resize storm under tmux
# whose rendered screen must have straight borders at the last size.
. "$(dirname "$0")/../lib.sh"
R=$(cd "$(dirname "$0")/../reliab" && pwd)
export T
"$W" declare "faults incident" --severity SEV2 >/dev/null || fail "declare"
"$W" join "田中" >/dev/null && "$W" assign "田中" --purpose "調査" --task t >/dev/null || fail "assign"
"$W" log "an entry before the faults" >/dev/null || fail "log"
A=""
[ -x "${WARROOM_ASAN_BIN:-}" ] && A=$WARROOM_ASAN_BIN
python3 "$R/screen_faults.py" "$W" $A || fail "terminal faults (see above)"
[ -z "$(find "$T" -name "core*" -type f)" ] || fail "a core file was left"

# The same storm through tmux, a real terminal emulator: the rendered
# screen after the last resize is whole.
tm_start s 120 40 "$W" view
tm_wait s "faults incident" 10
i=0
for sz in 30x8 200x60 1x1 61x16 59x15 250x80 80x24 10x3 140x45 100x30; do
	tm_resize s "${sz%x*}" "${sz#*x}"
	i=$((i + 1))
done
while [ $i -lt 60 ]; do
	tm_resize s $((40 + i * 3)) $((10 + i % 40))
	i=$((i + 1))
done
tm_resize s 120 40
tm_wait s "faults incident"
tm_check_borders s 120
"$W" log "after the storm" >/dev/null
tm_wait s "after the storm"
pass "terminal faults: clean exits, terminal restored, storm survived"
