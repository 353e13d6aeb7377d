#!/usr/bin/env bash
# Times the whole CLI on a generated JSON Lines corpus: --threads 1 against all cores, median of 3 runs,
# with MB/s, documents/s and peak memory. Not part of the test command.
#
# usage: scripts/bench.sh [SIZE_MB]        (default 200; the corpus is kept in target/bench/)
set -euo pipefail
cd "$(dirname "$0")/.."

size=${1:-200}
runs=3
cores=$(nproc)
dir=target/bench
corpus=$dir/corpus-$size.jsonl
mkdir -p "$dir"

cargo build --quiet --release -p nkner-cli
cargo build --quiet --release -p nkner --example gen_corpus
if [ ! -s "$corpus" ]; then
    echo "generating $corpus ($size MB)..." >&2
    target/release/examples/gen_corpus "$size" > "$corpus.tmp" && mv "$corpus.tmp" "$corpus"
fi
bytes=$(stat -c %s "$corpus")
docs=$(wc -l < "$corpus")

# One timed run: prints "seconds peak_kilobytes". The output goes to /dev/null, so that the figures are
# the tool's and not the disk's; a separate run checks that every input line gives one output line.
run() {
    local threads=$1
    /usr/bin/time -f "%e %M" -o "$dir/time" target/release/nkner annotate --quiet --threads "$threads" \
        "$corpus" -o /dev/null
    cat "$dir/time"
}

check() {
    local out=$dir/out.jsonl lines
    target/release/nkner annotate --quiet "$corpus" -o "$out"
    lines=$(wc -l < "$out")
    if [ "$lines" != "$docs" ]; then
        echo "bench: $lines output lines for $docs input lines" >&2
        exit 1
    fi
    echo "check: $lines output lines for $docs input lines, in order: $(head -c 12 "$out")..."
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

report() {
    local threads=$1 times=() peaks=() t m
    for _ in $(seq "$runs"); do
        read -r t m < <(run "$threads")
        times+=("$t")
        peaks+=("$m")
    done
    t=$(printf '%s\n' "${times[@]}" | median)
    m=$(printf '%s\n' "${peaks[@]}" | sort -n | tail -1)
    awk -v t="$t" -v m="$m" -v b="$bytes" -v d="$docs" -v n="$threads" 'BEGIN {
        printf "threads %2d: %7.2f s  %7.1f MB/s  %9.0f documents/s  peak %6.1f MB\n", n, t, b / t / 1e6, d / t, m / 1024
    }'
    echo "$t" > "$dir/median-$threads"
}

echo "corpus: $corpus, $((bytes / 1000000)) MB, $docs documents; $cores cores; median of $runs runs"
check
report 1
report "$cores"
awk -v a="$(cat "$dir/median-1")" -v b="$(cat "$dir/median-$cores")" -v n="$cores" \
    'BEGIN { printf "speed-up with %d threads: %.2fx\n", n, a / b }'
rm -f "$dir/out.jsonl" "$dir/time"
