#!/usr/bin/env bash
# Portico's benchmarks, each printing figures and ratios against a reference measured in the same
# run; nothing is asserted. Usage: Benchmarks/run.sh [path/to/portico]
#   send_vs_curl.py  `portico send` against curl on the same demo server
#   bench_vs_wrk.py  `portico bench` against wrk on the demo server's /echo: throughput and p99
#   tui_bench.py     the explorer on a pseudo-terminal: first frame, key to frame, idle CPU
#   response_bench.py  10 and 100 MB JSON responses in the explorer against curl: first frame,
#                    index, jump to the end, search, peak memory
#   HistoryBench     history at 100,000 exchanges: appends, listing, search, memory
set -euo pipefail
cd "$(dirname "$0")/.."
binary="${1:-.build/release/portico}"
command -v curl >/dev/null || { echo "curl is needed for the reference figures (apt-get install curl)"; exit 1; }
command -v wrk >/dev/null || { echo "wrk is needed for the reference figures (apt-get install wrk)"; exit 1; }
python3 Benchmarks/send_vs_curl.py "$binary"
echo
python3 Benchmarks/bench_vs_wrk.py "$binary"
echo
python3 Benchmarks/tui_bench.py "$binary"
echo
python3 Benchmarks/response_bench.py "$binary"
echo
"$(dirname "$binary")/HistoryBench" "${PORTICO_HISTORY_BENCH_COUNT:-100000}"
