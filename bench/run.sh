#!/bin/sh
# run.sh: `make bench`: every benchmark, the table on stdout and the same
# figures in docs/PERFORMANCE.md (BENCH_QUICK=1: a fast smoke run instead).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
exec python3 bench/run.py
