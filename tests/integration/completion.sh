#!/bin/sh
# completion: `warroom completion bash` driven for real in bash (complete -p,
# COMP_WORDS/COMP_CWORD, the function called): command names, phases,
# responders from the database (a Japanese name among them), option values;
# the zsh and fish scripts parse (zsh -n, fish -n); a bad shell is refused.
. "$(dirname "$0")/../lib.sh"
bin=$(dirname "$W")
"$W" --as ic declare "checkout is down" >/dev/null 2>&1 || fail "declare"
"$W" --as ic join 田中太郎 >/dev/null || fail "join 田中太郎"
"$W" --as ic join alice --role ops >/dev/null || fail "join alice"
"$W" completion bash >"$T/warroom.bash" || fail "completion bash"
cat >"$T/drive.sh" <<'EOS'
. "$1"
complete -p warroom
t() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=(); _warroom
	printf '%s|' "$*"; printf '%s ' "${COMPREPLY[@]}"; echo; }
t warroom ph
t warroom phase ""
t warroom assign ""
t warroom assign 田
t warroom --as alice checkin ""
t warroom declare t --severity ""
t warroom log x --kind ""
t warroom completion ""
t warroom decide x --reason y --signoff a
t warroom update --
EOS
out=$(PATH="$bin:$PATH" bash "$T/drive.sh" "$T/warroom.bash" 2>&1) || fail "bash: $out"
line() { printf '%s\n' "$out" | grep -F "$1|" | head -1; }
assert_contains "$out" "complete -F _warroom warroom" "complete -p"
assert_eq "$(line 'warroom ph')" "warroom ph|phase " "warroom ph<TAB>"
assert_eq "$(line 'warroom phase ')" "warroom phase |detected investigating identified mitigating monitoring recovered resolved retrospective " "warroom phase <TAB>"
got=$(line 'warroom assign ' | tr '|' ' ')
for n in alice ic 田中太郎; do
	assert_contains "$got " " $n " "warroom assign <TAB>: responders from the db"
done
assert_eq "$(line 'warroom assign 田')" "warroom assign 田|田中太郎 " "warroom assign 田<TAB>"
assert_contains "$(line 'warroom --as alice checkin ')" "田中太郎 " "checkin after --as"
assert_eq "$(line 'warroom declare t --severity ')" "warroom declare t --severity |SEV1 SEV2 SEV3 SEV4 " "--severity <TAB>"
assert_contains "$(line 'warroom log x --kind ')" "event action decision" "--kind <TAB>"
assert_eq "$(line 'warroom completion ')" "warroom completion |bash zsh fish " "completion <TAB>"
assert_eq "$(line 'warroom decide x --reason y --signoff a')" "warroom decide x --reason y --signoff a|alice " "--signoff a<TAB>"
assert_contains "$(line 'warroom update --')" "--audience --list --template --preview" "update --<TAB>"
# Names come from the database read-only, and nothing at all on an error.
assert_eq "$("$W" completion names | sort | tr '\n' ' ')" "alice ic 田中太郎 " "completion names"
out=$("$W" --db "$T/none.db" completion names 2>&1)
assert_eq "$out" "" "completion names without a database prints nothing"
[ ! -e "$T/none.db" ] || fail "completion names created a database"
assert_fails "completion tcsh" "$W" completion tcsh
# zsh and fish: the scripts parse. CI installs both (.ci/deps.sh test).
for sh in zsh fish; do
	"$W" completion $sh >"$T/warroom.$sh" || fail "completion $sh"
	if command -v $sh >/dev/null 2>&1; then
		$sh -n "$T/warroom.$sh" || fail "$sh -n rejects the $sh completion"
	elif [ "${CI:-}" = true ]; then
		fail "$sh is not installed (make test-deps installs it)"
	else
		echo "NOTE: $sh not installed: its completion script was NOT checked (make test-deps installs it)"
	fi
done
# zsh: the function runs and offers the phases through compadd.
if command -v zsh >/dev/null 2>&1; then
	out=$(PATH="$bin:$PATH" zsh -f -c '
		compadd() { [ "$1" = -- ] && shift; print -r -- "$@"; }
		compdef() { :; }
		source "$1"
		words=(warroom phase ""); CURRENT=3; _warroom
		words=(warroom assign ""); CURRENT=3; _warroom' zsh "$T/warroom.zsh" 2>&1) || fail "zsh: $out"
	assert_contains "$out" "detected investigating" "zsh: phase <TAB>"
	assert_contains "$out" "田中太郎" "zsh: assign <TAB>"
fi
# fish: the names come through its helper function.
if command -v fish >/dev/null 2>&1; then
	out=$(PATH="$bin:$PATH" fish -N -c "source $T/warroom.fish; complete -C 'warroom phase '; complete -C 'warroom assign '" 2>&1) || fail "fish: $out"
	assert_contains "$out" "investigating" "fish: phase <TAB>"
	assert_contains "$out" "田中太郎" "fish: assign <TAB>"
fi
pass "completion"
