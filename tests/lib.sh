# lib.sh: helpers for integration tests (sourced). Each test gets a private
# folder, a private tmux server, and cleans up after itself.
set -u
W=${WARROOM_BIN:-$(cd "$(dirname "$0")/../.." && pwd)/warroom}
T=$(mktemp -d "${TMPDIR:-/tmp}/warroom-test.XXXXXX")
export WARROOM_DB="$T/w.db"
export HOME="$T/home" XDG_CONFIG_HOME="$T/home/.config" XDG_DATA_HOME="$T/home/.local/share"
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC
unset WARROOM_CONFIG WARROOM_NOW NO_COLOR
mkdir -p "$HOME"
TMUX_SOCK="wr-test-$$"
_cleanup_hooks=""
on_exit() { _cleanup_hooks="$1; $_cleanup_hooks"; }
_cleanup() {
	eval "$_cleanup_hooks" 2>/dev/null
	tmux -L "$TMUX_SOCK" kill-server 2>/dev/null
	rm -rf "$T"
}
trap _cleanup EXIT
trap 'exit 1' INT TERM

fail() { echo "FAIL: $*" >&2; exit 1; }
pass() { echo "ok: $*"; }
assert_eq() { [ "$1" = "$2" ] || fail "$3: expected '$2', got '$1'"; }
assert_contains() { # haystack needle what
	case "$1" in *"$2"*) ;; *) fail "$3: '$2' not found in: $(printf '%s' "$1" | head -c 600)" ;; esac
}
assert_not_contains() {
	case "$1" in *"$2"*) fail "$3: '$2' unexpectedly found" ;; *) ;; esac
}
# Run a command that must fail with a one-line error on stderr.
assert_fails() { # what, command...
	what=$1
	shift
	if "$@" >"$T/out" 2>"$T/err"; then
		fail "$what: succeeded but should fail"
	fi
	[ "$(wc -l <"$T/err")" -eq 1 ] || fail "$what: error is not one line: $(cat "$T/err")"
	grep -q '^warroom: ' "$T/err" || fail "$what: error does not start with 'warroom: ': $(cat "$T/err")"
}
# sqlite3 deletes -wal/-shm when it is the last to close unless told to keep
# them; read-only viewers need them (see docs/team-host.md).
sq() { sqlite3 -cmd ".filectrl persist_wal 1" "$@"; }
# A database of schema 2 as an older warroom wrote it (tests/fixtures/):
# an incident with joins, an assignment, a check-in, phases, a person's
# entries with and without a source, a decision, a release and an update.
old_db() { # path
	sqlite3 "$1" <"$(dirname "$0")/../fixtures/schema2.sql" ||
	    fail "loading the schema 2 fixture"
}
db_sum() { # a digest of the database content (not of its bytes)
	sq "${1:-$WARROOM_DB}" .dump | md5sum
}

# --- tmux -------------------------------------------------------------------
tm() { tmux -L "$TMUX_SOCK" -f /dev/null "$@"; }
# Start a detached session NAME of WxH running a command.
tm_start() { # name w h command...
	name=$1 w=$2 h=$3
	shift 3
	tm new-session -d -s "$name" -x "$w" -y "$h" \
	    "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen-256color $*; sleep 30"
	tm set-option -t "$name" status off >/dev/null
	tm resize-window -t "$name" -x "$w" -y "$h" 2>/dev/null || true
}
# As tm_start; when the command ends, "EXITED <its status>" shows below it
# (tm_wait NAME "EXITED 0").
tm_start_exit() { # name w h command...
	_tn=$1 _tw=$2 _th=$3
	shift 3
	tm_start "$_tn" "$_tw" "$_th" "$*; echo EXITED \$?"
}
tm_screen() { tm capture-pane -p -t "$1"; }
# The screen with its colours and attributes, as escape sequences.
tm_screen_esc() { tm capture-pane -e -p -t "$1"; }
tm_keys() { name=$1; shift; tm send-keys -t "$name" "$@"; }
tm_resize() { tm resize-window -t "$1" -x "$2" -y "$3"; }
# A tmux format of NAME's pane, e.g. '#{alternate_on}' or '#{pane_pid}'.
tm_get() { tm display-message -p -t "$1" "$2"; }
# Copy what NAME's program writes into FILE; without FILE, stop copying.
tm_record() { # name [file]
	if [ $# -gt 1 ]; then tm pipe-pane -o -t "$1" "cat >>'$2'"; else tm pipe-pane -t "$1"; fi
}
# A bracketed paste of TEXT into NAME, as a terminal sends a paste.
tm_paste() { # name text
	tm set-buffer -b wr-paste "$2"
	tm paste-buffer -p -b wr-paste -t "$1"
}
# Close NAME: its terminal goes away, as when a window is closed.
tm_stop() { tm kill-session -t "$1"; }
# Wait until the screen of NAME contains TEXT (default 5 s).
tm_wait() { # name text [seconds]
	_n=$1 _t=$2 _s=${3:-5}
	_end=$(($(date +%s) + _s))
	while [ "$(date +%s)" -le "$_end" ]; do
		if tm_screen "$_n" 2>/dev/null | grep -qF -- "$_t"; then
			return 0
		fi
		sleep 0.05
	done
	echo "--- screen of $_n:" >&2
	tm_screen "$_n" >&2 2>/dev/null
	fail "timed out waiting for '$_t' on $_n"
}
# Wait until the last line of NAME (the status line) matches the grep
# PATTERN; several tell apart with \| ("asked\|refused").
tm_wait_status() { # name pattern [seconds]
	_n=$1 _t=$2 _s=${3:-5}
	_end=$(($(date +%s) + _s))
	while [ "$(date +%s)" -le "$_end" ]; do
		if tm_screen "$_n" 2>/dev/null | tail -1 | grep -q -- "$_t"; then
			return 0
		fi
		sleep 0.05
	done
	echo "--- screen of $_n:" >&2
	tm_screen "$_n" >&2 2>/dev/null
	fail "timed out waiting for '$_t' on the status line of $_n"
}
tm_wait_gone() { # name text [seconds]
	_n=$1 _t=$2 _s=${3:-5}
	_end=$(($(date +%s) + _s))
	while [ "$(date +%s)" -le "$_end" ]; do
		if ! tm_screen "$_n" 2>/dev/null | grep -qF -- "$_t"; then
			return 0
		fi
		sleep 0.05
	done
	tm_screen "$_n" >&2
	fail "timed out waiting for '$_t' to go from $_n"
}

# --- Slack receiver (tests/integration/slack_receiver.py) -------------------
# Start it recording into DIR, answering as SCRIPT; PORT 0 (default) picks a
# free one. Sets RX_PORT and RX_PID; it is stopped at exit.
slack_rx_start() { # dir script [port]
	_rxd=$1
	mkdir -p "$_rxd"
	rm -f "$_rxd/port"
	python3 "$(dirname "$0")/slack_receiver.py" --dir "$_rxd" \
	    --script "$2" --port "${3:-0}" --timeout 120 --hang 4 &
	RX_PID=$!
	on_exit "kill $RX_PID"
	_end=$(($(date +%s) + 10))
	while [ ! -s "$_rxd/port" ]; do
		[ "$(date +%s)" -le "$_end" ] || fail "slack receiver did not start"
		sleep 0.05
	done
	RX_PORT=$(cat "$_rxd/port")
}
# Requests the receiver got, and those it answered with 2xx.
slack_rx_count() { ls "$1" | grep -c '\.body$'; }
slack_rx_ok() { grep -l '^2' "$1"/*.status 2>/dev/null | wc -l; }
# A port nothing listens on (bound then released).
free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
# --- local servers (metrics) -----------------------------------------------
# Start tests/integration/metrics_server.py (it stops itself after 90 s);
# sets MS_BASE to its http://127.0.0.1:PORT.
metrics_srv_start() {
	python3 "$(dirname "$0")/metrics_server.py" "$T/port" 90 &
	on_exit "kill $!"
	_end=$(($(date +%s) + 10))
	while [ ! -s "$T/port" ]; do
		[ "$(date +%s)" -lt "$_end" ] || fail "metrics server did not start"
		sleep 0.05
	done
	MS_BASE="http://127.0.0.1:$(cat "$T/port")"
}
# Wait until URL answers 200 (default 20 s).
wait_http() { # url [seconds]
	_u=$1 _s=${2:-20}
	_end=$(($(date +%s) + _s))
	while [ "$(date +%s)" -le "$_end" ]; do
		if python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' "$_u" 2>/dev/null; then
			return 0
		fi
		sleep 0.2
	done
	fail "timed out waiting for $_u"
}
# A config file only its owner can read, as config_load demands.
write_config() { # path, then the text on stdin
	mkdir -p "$(dirname "$1")"
	(umask 077 && cat >"$1")
	chmod 600 "$1"
}
# The sqlite3 shell removes -wal and -shm when it closes; a warroom writer
# puts them back (it keeps them), so read-only commands can open the file.
keep_wal() {
	"$W" metric list >/dev/null || fail "reopening $WARROOM_DB"
}
# --- screen tests (tui) -----------------------------------------------------
now_ms() { date +%s%3N; }
# Wait until NAME shows TEXT within MS milliseconds (polling every 20 ms).
tm_wait_ms() { # name text ms
	_n=$1 _t=$2 _end=$(($(now_ms) + $3))
	while [ "$(now_ms)" -le "$_end" ]; do
		if tm_screen "$_n" 2>/dev/null | grep -qF -- "$_t"; then
			return 0
		fi
		sleep 0.02
	done
	tm_screen "$_n" >&2 2>/dev/null
	fail "'$_t' did not show on $_n within $3 ms"
}
# Every row of NAME that ends in a box-drawing border must end at display
# column W: a wide character cut or mis-measured would shift it.
tm_borders_ok() { # name width
	tm_screen "$1" | python3 -c '
import sys, unicodedata
w = int(sys.argv[1]); bad = 0; n = 0
def width(c):
    if unicodedata.combining(c):
        return 0
    return 2 if unicodedata.east_asian_width(c) in "WF" else 1
for i, line in enumerate(sys.stdin.read().split("\n")):
    line = line.rstrip(" ")
    if not line or line[-1] not in "\u2502\u2551\u2510\u2518\u2557\u255d":
        continue
    n += 1
    cols = sum(width(c) for c in line)
    if cols != w:
        bad += 1
        print("row %d ends at column %d, not %d: %s" % (i, cols, w, line))
if n < 5:
    print("only %d bordered rows" % n); bad += 1
sys.exit(1 if bad else 0)
' "$2"
}
# Wait (5 s) until the borders of NAME are straight at width W.
tm_check_borders() { # name width
	_end=$(($(date +%s) + 5))
	while [ "$(date +%s)" -le "$_end" ]; do
		tm_borders_ok "$1" "$2" >/dev/null 2>&1 && return 0
		sleep 0.05
	done
	tm_borders_ok "$1" "$2" >&2
	tm_screen "$1" >&2
	fail "borders of $1 are not straight at width $2"
}
