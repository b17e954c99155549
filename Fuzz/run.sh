#!/usr/bin/env bash
# Runs every libFuzzer target for FUZZ_SECONDS each (default 60), or for exactly FUZZ_RUNS inputs
# each when that is set, and prints, per target, how many inputs it tried and how many crashed.
# `make fuzz` explores for a minute a target; `make test` runs a smoke round of FUZZ_RUNS inputs from
# a fixed FUZZ_SEED, which tries the same inputs on every machine, so the test command gives the
# same answer for the same code however fast the machine is. Exits non-zero if any target crashed;
# the crashing inputs are kept in .build-fuzz/crashes/ (reproduce one with:
# PORTICO_FUZZ_TARGET=<target> <binary> <file>).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
scratch="$root/.build-fuzz"
seconds="${FUZZ_SECONDS:-60}"
# A fixed seed (FUZZ_SEED) makes a round repeat the same inputs; by default each round explores anew.
seed_flag=()
[ -n "${FUZZ_SEED:-}" ] && seed_flag=(-seed="$FUZZ_SEED")
length_flag=(-max_total_time="$seconds")
[ -n "${FUZZ_RUNS:-}" ] && length_flag=(-runs="$FUZZ_RUNS")
# Leaks in the libraries below Portico, not in it (each is explained in the file).
export LSAN_OPTIONS="suppressions=$root/Fuzz/lsan-suppressions.txt${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
targets="${FUZZ_TARGETS:-curl http-file collection template jsonpath json xml terminal}"
swift=${SWIFT:-swift}

# Every Swift target is instrumented (dependencies too) as -sanitize=fuzzer would, so coverage guides
# the fuzzer into PorticoCore; Fuzz/Package.swift links libFuzzer into the fuzz binary alone.
build=("$swift" build --package-path Fuzz --scratch-path "$scratch"
    -Xswiftc -sanitize=address -Xswiftc -sanitize-coverage=edge,trace-cmp,inline-8bit-counters,pc-table)
start=$(date +%s)
"${build[@]}"
echo "fuzz build: $(( $(date +%s) - start )) s"
binary="$("${build[@]}" --show-bin-path)/PorticoFuzz"

# Seeds: the hand-written ones in Fuzz/Seeds, and the test fixtures of each format.
fixtures=Tests/PorticoCoreTests/Fixtures
seed() {
    case "$1" in
        http-file) ls "$fixtures"/http/*.http ;;
        json) ls "$fixtures"/*/*.json "$fixtures"/har/*.har ;;
        collection) ls "$fixtures"/openapi/*.yaml ;;
        *) ;;
    esac
    ls "Fuzz/Seeds/$1"/*
}

failed=0
passed=0
mkdir -p "$scratch/crashes"
for target in $targets; do
    corpus="$scratch/corpus/$target"
    mkdir -p "$corpus"
    seed "$target" | while read -r file; do cp "$file" "$corpus/seed-$(basename "$file")"; done
    log="$scratch/$target.log"
    before=$(ls "$scratch/crashes" | grep -c "^$target-" || true)
    status=0
    target_start=$(date +%s)
    PORTICO_FUZZ_TARGET="$target" "$binary" "$corpus" "${seed_flag[@]}" "${length_flag[@]}" -timeout=25 -rss_limit_mb=4096 \
        -artifact_prefix="$scratch/crashes/$target-" -print_final_stats=1 >"$log" 2>&1 || status=$?
    after=$(ls "$scratch/crashes" | grep -c "^$target-" || true)
    inputs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    echo "fuzz $target: ${inputs:-0} inputs in $(( $(date +%s) - target_start )) s, $(( after - before )) crashes (exit $status)"
    if [ "$status" -ne 0 ]; then
        failed=$(( failed + 1 ))
        grep -E "invariant broken|Fatal error|ERROR: |SUMMARY" "$log" | head -5 || true
    else
        passed=$(( passed + 1 ))
    fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
