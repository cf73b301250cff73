# fuzz_short.sh: the bounded fuzz run of `make test`: every harness in
# tests/fuzz/ replays its regression inputs and seeds, then fuzzes for
# FUZZ_SHORT_SECONDS (default 1) each. `make fuzz` runs the long version.
. "$(dirname "$0")/../lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
sh "$top/tests/fuzz/run.sh" "${FUZZ_SHORT_SECONDS:-1}" || fail "fuzzing found a problem (see above)"
