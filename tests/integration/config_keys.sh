#!/bin/sh
# config_keys.sh: every key the sources ask config_get() for is in the one
# table of known keys (core/base/config.c), so no reader warns "unknown key"
# about a setting warroom does read. Catches a key added without its entry.
. "$(dirname "$0")/../lib.sh"

SRC=$(cd "$(dirname "$0")/../.." && pwd)
python3 - "$SRC" >"$T/keys.conf" <<'PY' || fail "no config_get calls found"
import re, sys, glob, os
src = sys.argv[1]
pairs = set()
for f in glob.glob(os.path.join(src, "core", "*", "*.c")) + glob.glob(os.path.join(src, "tui", "*", "*.c")):
    text = open(f, encoding="utf-8").read()
    for m in re.finditer(r'config_get\(\s*[^,()]+,\s*"([^"]+)",\s*"([^"]+)"\s*\)', text):
        pairs.add(m.groups())
    # [agent] durations are read through metrics_duration(cf, "key", ...)
    for m in re.finditer(r'metrics_duration\(\s*cf,\s*"([^"]+)"', text):
        pairs.add(("agent", m.group(1)))
if len(pairs) < 10:
    sys.exit(1)
for sec in sorted({s for s, _ in pairs}):
    print("[%s]" % sec)
    for s, k in sorted(pairs):
        if s == sec:
            print("%s = x" % k)
PY
chmod 600 "$T/keys.conf"
n=$(grep -c ' = x' "$T/keys.conf")
"$W" config check "$T/keys.conf" >"$T/out" 2>&1
if grep -E "unknown (key|section)" "$T/out"; then
	fail "keys read by the code but missing from the table in core/base/config.c"
fi
assert_contains "$(cat "$T/out")" "ok       sections and keys" "all $n keys known"
# The guard itself: a key the table lacks is caught.
printf '[slack]\nwebhook_typo = x\n' >>"$T/keys.conf"
"$W" config check "$T/keys.conf" >"$T/out" 2>&1
assert_contains "$(cat "$T/out")" "unknown key 'webhook_typo'" "the guard can fail"
pass "all $n keys the code reads are in the table"
