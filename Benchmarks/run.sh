#!/usr/bin/env bash
# Benchmarks of `portico send` against curl, measured in the same run on the same demo server.
# Prints figures and ratios; asserts nothing. Usage: Benchmarks/run.sh [path/to/portico]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v curl >/dev/null || { echo "curl is needed for the reference figures (apt-get install curl)"; exit 1; }
exec python3 Benchmarks/send_vs_curl.py "${1:-.build/release/portico}"
