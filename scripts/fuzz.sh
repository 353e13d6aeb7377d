#!/usr/bin/env bash
# Runs each fuzz target for a given time (default 600 s each), one after the other.
# usage: scripts/fuzz.sh [SECONDS] [TARGET...]        targets: extract gazetteer jsonl
# Needs `cargo install cargo-fuzz`; the toolchain is stable, so RUSTC_BOOTSTRAP=1 lets cargo fuzz use
# the nightly-only flags it needs. Seeds are in fuzz/seeds/TARGET (committed); the corpus libFuzzer
# grows is in fuzz/corpus/TARGET and crashes in fuzz/artifacts/TARGET (both ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(extract gazetteer jsonl)

export RUSTC_BOOTSTRAP=1
for target in "${targets[@]}"; do
    mkdir -p "fuzz/corpus/$target"
    echo "== fuzzing $target for $seconds s"
    (cd fuzz && cargo fuzz run "$target" "corpus/$target" "seeds/$target" -- \
        -max_total_time="$seconds" -rss_limit_mb=4096 -print_final_stats=1)
done
