#!/bin/sh
# people_names.sh: every command that names a person refuses a name that is
# not in the response, suggests close names (by characters, so 鈴本 -> 鈴木)
# and says how to add them; nothing is created by a typo. assign --join adds
# and assigns in one step; joining twice changes nothing and logs nothing;
# dismiss --idle leaves the commander, the scribe and the comms lead alone.
. "$(dirname "$0")/../lib.sh"

# The Unix user declares, and so commands (no --as needed).
"$W" init >/dev/null 2>&1 || fail "init"
"$W" declare "決済APIのエラー" --severity SEV2 >/dev/null || fail "declare"
"$W" join 鈴木 --role ops >/dev/null && "$W" join 田中 >/dev/null &&
    "$W" join alice >/dev/null || fail "join"
q() { sq "$WARROOM_DB" "$1" | tail -n 1; } # sq prints the filectrl first
people() { q "SELECT count(*) FROM responder"; }
entries() { q "SELECT count(*) FROM entry"; }

# Typos: refused, one line, with the close name and how to add them.
sum=$(db_sum)
assert_fails "assign 鈴本" "$W" assign 鈴本 --purpose 原因 --task ログ
err=$(cat "$T/err")
assert_contains "$err" "鈴本 is not in the response; did you mean 鈴木?" "assign suggests"
assert_contains "$err" "warroom join" "says how to add"
assert_contains "$err" "assign --join" "mentions assign --join"
assert_fails "checkin 田仲" "$W" checkin 田仲
assert_contains "$(cat "$T/err")" "did you mean 田中?" "checkin suggests"
assert_fails "done 鈴本" "$W" done 鈴本
assert_contains "$(cat "$T/err")" "did you mean 鈴木?" "done suggests"
assert_fails "dismiss Alice" "$W" dismiss Alice
assert_contains "$(cat "$T/err")" "did you mean alice?" "case-insensitive for ASCII"
assert_fails "assign alce" "$W" assign alce --purpose p --task t
assert_contains "$(cat "$T/err")" "did you mean alice?" "a missing letter"
assert_fails "assign alcie" "$W" assign alcie --purpose p --task t
assert_not_contains "$(cat "$T/err")" "did you mean" "a swap is two edits: over 5/3"
assert_fails "decide --signoff 鈴本" "$W" decide "ロールバック" --reason r --signoff 鈴本
assert_contains "$(cat "$T/err")" "did you mean 鈴木?" "sign-off suggests"
assert_fails "nobody close" "$W" assign zzz --purpose p --task t
assert_not_contains "$(cat "$T/err")" "did you mean" "no suggestion when none is close"
assert_contains "$(cat "$T/err")" "zzz is not in the response" "still says why"
assert_fails "far from 田中" "$W" checkin 山田花子
assert_not_contains "$(cat "$T/err")" "did you mean" "two characters off a short name"
assert_eq "$(db_sum)" "$sum" "typos change nothing"
pass "typos are refused with the close name and how to add them; nothing created"

# The one who must sign off: a typo in --as is pointed at the right name.
"$W" init >/dev/null 2>&1
"$W" decide "ロールバック" --reason "v2 から" --signoff 鈴木 >/dev/null || fail "decide"
assert_fails "signoff as 鈴本" "$W" --as 鈴本 signoff 1
assert_contains "$(cat "$T/err")" "did you mean --as 鈴木?" "signoff suggests the signer"
"$W" --as 鈴木 signoff 1 >/dev/null || fail "signoff as 鈴木"
pass "signoff points a near name at the one who must sign"

# assign --join: add and assign at once; logged as a join and an assignment.
n=$(people) e=$(entries)
"$W" assign 佐藤 --join --purpose 原因の特定 --task "DBのログを見る" || fail "assign --join"
assert_eq "$(people)" "$((n + 1))" "one person added"
assert_eq "$(entries)" "$((e + 2))" "a join and an assignment"
"$W" assign 佐藤 --join --purpose 原因の特定 --task "接続数を見る" || fail "assign --join again"
assert_eq "$(people)" "$((n + 1))" "nobody added twice"
assert_eq "$(entries)" "$((e + 3))" "only the reassignment logged"
out=$("$W" status) || fail "status"
assert_contains "$out" "佐藤 joined as responder" "join in the timeline"
assert_contains "$out" "佐藤 reassigned: for 原因の特定, do 接続数を見る" "reassigned"
pass "assign --join adds and assigns in one step, once"

# Joining twice: nothing changes, nothing is logged twice.
sum=$(db_sum)
out=$("$W" join 鈴木) || fail "join again"
assert_contains "$out" "鈴木 is already in the response; nothing changed" "said so"
"$W" join 鈴木 --role ops >/dev/null || fail "join again, same role"
"$W" join 田中 >/dev/null || fail "join 田中 again"
assert_eq "$(db_sum)" "$sum" "joining twice changes nothing"
"$W" init >/dev/null 2>&1
assert_eq "$("$W" status | grep -c '鈴木 joined')" 1 "one join entry"
# A different role is a role change, logged once.
"$W" join 田中 --role scribe >/dev/null || fail "role change"
assert_contains "$("$W" status)" "田中's role: scribe (was responder)" "role change logged"
pass "joining twice changes nothing; a new role is a role change"

# dismiss --idle: 田中 (scribe) and 広報 (comms) and the commander have no
# task but are not idle; alice and 鈴木 (no task) are.
"$W" join 広報 --role comms >/dev/null || fail "join comms"
"$W" join 山本 >/dev/null || fail "join 山本"
"$W" dismiss 山本 >/dev/null || fail "dismiss 山本" # already gone: not counted
out=$("$W" dismiss --idle) || fail "dismiss --idle"
assert_eq "$out" "dismissed 2 idle responders" "only the idle"
state() { q "SELECT state FROM responder WHERE name = '$1'"; }
assert_eq "$(state alice)" dismissed "alice"
assert_eq "$(state 鈴木)" dismissed "鈴木"
assert_eq "$(state 田中)" idle "the scribe stays"
assert_eq "$(state 広報)" idle "the comms lead stays"
[ "$(state "$(id -un)")" != dismissed ] || fail "the commander was dismissed"
assert_eq "$(state 佐藤)" active "the one with a task stays"
assert_contains "$("$W" status)" "Dismissed 2 idle: alice, 鈴木" "logged with names"
out=$("$W" dismiss --idle) || fail "dismiss --idle again"
assert_eq "$out" "dismissed 0 idle responders" "nobody left idle"
pass "dismiss --idle releases only responders without a task or a standing role"
