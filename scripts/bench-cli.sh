#!/usr/bin/env bash
# Issue 11's CLI figures in one run: `nkner annotate` against the bare whole-word scan of the same names
# (cli/examples/scan_jsonl.rs) on the same ~20 MB JSON Lines corpus, as MB/s of input and ratios; gzip
# input and output against plain files; optionally the 1-vs-2-thread speed-up on a bigger corpus and the
# peak memory on a still bigger one. Each figure is the best of 3 runs. Prints, never asserts.
#
# usage: scripts/bench-cli.sh [SCALING_MB [MEMORY_MB]]     e.g. scripts/bench-cli.sh 200 1000
# (corpora and outputs are kept in target/bench/; outputs go to files there, the scan's included).
# BENCH_CORPUS=FILE.jsonl takes that file instead of the generated 20 MB, e.g. real news with sparser
# mentions, whose annotated output compresses less.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=3
dir=target/bench
mkdir -p "$dir"
cargo build --quiet --release -p nkner-cli --bin nkner --example scan_jsonl
cargo build --quiet --release -p nkner --example gen_corpus
nkner=target/release/nkner
scan=target/release/examples/scan_jsonl

# The corpus of `size` MB, generated once: prints its path.
corpus() {
    local size=$1 path=$dir/corpus-$1.jsonl
    if [ ! -s "$path" ]; then
        echo "generating $path..." >&2
        target/release/examples/gen_corpus "$size" > "$path.tmp" && mv "$path.tmp" "$path"
    fi
    echo "$path"
}

# Runs a command `runs` times; prints the best wall time and the least CPU time (user + system), in
# seconds, and the highest peak RSS in kB. On a loaded machine the CPU time is the steadier figure.
best() {
    local t m u s best_t="" best_cpu="" peak=0
    for _ in $(seq "$runs"); do
        /usr/bin/time -f "%e %M %U %S" -o "$dir/time" "$@"
        read -r t m u s < "$dir/time"
        best_t=$(awk -v a="$t" -v b="${best_t:-$t}" 'BEGIN { print (a < b ? a : b) }')
        best_cpu=$(awk -v a="$u" -v s="$s" -v b="${best_cpu:-1e9}" 'BEGIN { c = a + s; print (c < b ? c : b) }')
        if [ "$m" -gt "$peak" ]; then peak=$m; fi
    done
    echo "$best_t $best_cpu $peak"
}

# Prints one result line and remembers its time under `key`.
declare -A seconds cpu
report() {
    local key=$1 label=$2 bytes=$3 t c m
    shift 3
    read -r t c m < <(best "$@")
    seconds[$key]=$t
    cpu[$key]=$c
    awk -v l="$label" -v t="$t" -v c="$c" -v m="$m" -v b="$bytes" \
        'BEGIN { printf "%-44s %6.2f s %7.1f MB/s  cpu %6.2f s  peak %6.1f MB\n", l, t, b / t / 1e6, c, m / 1024 }'
}

# Prints the speed of the run `$2` over that of `$3`, by wall time and by CPU time (what the speed
# would be with the run alone on the machine and one core for each busy thread).
ratio() {
    awk -v l="$1" -v a="${seconds[$2]}" -v b="${seconds[$3]}" -v c="${cpu[$2]}" -v d="${cpu[$3]}" \
        'BEGIN { printf "%-44s %6.2f  (by CPU time %.2f)\n", l, b / a, d / c }'
}

input=${BENCH_CORPUS:-$(corpus 20)}
bytes=$(stat -c %s "$input")
[ "$input.gz" -nt "$input" ] || gzip -c "$input" > "$input.gz"
out=$dir/out.jsonl
echo "corpus: $input, $bytes bytes, $(wc -l < "$input") lines; $(nproc) cores; best of $runs runs"

report scan "bare scan (scan_jsonl)" "$bytes" sh -c '"$0" "$1" > "$2"' "$scan" "$input" "$out"
for threads in 1 2; do
    annotate=("$nkner" annotate --quiet --input jsonl --threads "$threads")
    report "plain$threads" "annotate --threads $threads" "$bytes" "${annotate[@]}" "$input" -o "$out"
    report "gzin$threads" "annotate --threads $threads, .gz in" "$bytes" \
        "${annotate[@]}" "$input.gz" -o "$out"
    report "gzout$threads" "annotate --threads $threads, .gz out" "$bytes" \
        "${annotate[@]}" "$input" -o "$out.gz"
    report "gzboth$threads" "annotate --threads $threads, .gz in and out" "$bytes" \
        "${annotate[@]}" "$input.gz" -o "$out.gz"
done
ratio "annotate --threads 1 / bare scan" plain1 scan
ratio "annotate --threads 2 / bare scan" plain2 scan
for threads in 1 2; do
    ratio ".gz in / plain, --threads $threads" "gzin$threads" "plain$threads"
    ratio ".gz out / plain, --threads $threads" "gzout$threads" "plain$threads"
    ratio ".gz in and out / plain, --threads $threads" "gzboth$threads" "plain$threads"
done
echo "output: $(stat -c %s "$out") bytes plain, $(stat -c %s "$out.gz") bytes gzipped"

if [ $# -ge 1 ]; then
    big=$(corpus "$1")
    big_bytes=$(stat -c %s "$big")
    # To a file, and to /dev/null as scripts/bench.sh does: with one thread, the writer's copy of the
    # output into the page cache runs on the other core; with two, it takes a share of the workers'.
    for sink in "$out" /dev/null; do
        for threads in 1 2; do
            report "big$threads" "$1 MB, --threads $threads -o ${sink##*/}" "$big_bytes" \
                "$nkner" annotate --quiet --threads "$threads" "$big" -o "$sink"
        done
        awk -v a="${seconds[big2]}" -v b="${seconds[big1]}" -v l="speed-up of 2 threads, -o ${sink##*/}" \
            'BEGIN { printf "%-44s %6.2f\n", l, b / a }'
    done
fi
if [ $# -ge 2 ]; then
    huge=$(corpus "$2")
    runs=1
    report huge "$2 MB, annotate --threads 2 (peak memory)" "$(stat -c %s "$huge")" \
        "$nkner" annotate --quiet --threads 2 "$huge" -o "$out"
fi
rm -f "$out" "$out.gz" "$dir/time"
