#!/bin/sh
# cli_widths.sh: the command line's tables line up by display columns, so
# Japanese names (two columns a character) do not push the columns after
# them: the board and the timeline of `status`, and `metric list`.
. "$(dirname "$0")/../lib.sh"

"$W" init >/dev/null 2>&1 || fail "init"
"$W" declare "決済障害" --severity SEV2 >/dev/null || fail "declare"
for n in 田中 alice 鈴木一郎 bob; do
	"$W" join "$n" --role ops >/dev/null || fail "join $n"
	"$W" --as "$n" log "$n の報告" --source chat >/dev/null || fail "log $n"
done
"$W" metric add "レイテンシ" --demo latency >/dev/null &&
    "$W" metric add "errors" --demo errors >/dev/null || fail "metric add"

# The display column where WORD starts on each line holding MARK.
cols() { # mark word
	python3 -c '
import sys, unicodedata
mark, word = sys.argv[1], sys.argv[2]
def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
seen = set()
for line in sys.stdin.read().split("\n"):
    if mark in line and word in line:
        seen.add(width(line[:line.index(word)]))
print(" ".join(str(c) for c in sorted(seen)))
' "$1" "$2"
}
st=$("$W" status) || fail "status"
board=$(printf '%s\n' "$st" | sed -n '/^board/,/^$/p')
c=$(printf '%s\n' "$board" | cols "" " ops ")
[ -n "$c" ] && [ "$c" = "$(echo "$c" | cut -d' ' -f1)" ] ||
    fail "board: the role column starts at columns '$c': $board"
c=$(printf '%s\n' "$st" | cols "の報告" "の報告")
[ -n "$c" ] || fail "timeline rows not found: $st"
# The text starts after the author column: the same column for 田中 and bob.
c=$(printf '%s\n' "$st" | grep "の報告" | python3 -c '
import sys, unicodedata
w = lambda s: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
cols = set()
for line in sys.stdin.read().split("\n"):
    if not line: continue
    name = line.split("の報告")[0].split()[-1]
    cols.add(w(line[:line.rindex(name + " の報告")]))
print(len(cols))')
assert_eq "$c" 1 "timeline: the text column"
pass "status: board and timeline columns line up with Japanese names"

ml=$("$W" metric list) || fail "metric list"
c=$(printf '%s\n' "$ml" | cols "" " demo ")
[ -n "$c" ] && [ "$c" = "$(echo "$c" | cut -d' ' -f1)" ] ||
    fail "metric list: the source column starts at columns '$c': $ml"
pass "metric list: the source column lines up"
