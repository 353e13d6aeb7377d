#!/usr/bin/env bash
# Mutation testing of the modules that decide: each mutant is one small change to the code (a condition
# negated, a function returning a default, an operator swapped) that some test must catch.
# Not part of CI: every mutant is a rebuild, an hour or more in all on two cores. Results in mutants.out/
# (ignored by git); the summary of the last run, and the reasons for the mutants left missed, are in
# docs/testing.md.
#
# usage: scripts/mutants.sh [FILE...]      default: the stage modules and the modules they decide with
#
# Two passes. The first runs only the library's unit tests, the tests next to each stage: a mutant they
# miss is a gap in its stage's own tests, whatever else catches it. The second runs the missed ones
# again (`--iterate`) with the integration suite too (without its slow hostile-input tests, which check
# size), so what is left is missed by every test. Needs `cargo install cargo-mutants` and python3.
set -euo pipefail
cd "$(dirname "$0")/.."

files=("$@")
[ ${#files[@]} -gt 0 ] || files=(src/candidates.rs src/candidate.rs src/weigh.rs src/acronyms.rs
    src/resolve.rs src/settle.rs src/nested.rs src/homonyms.rs src/output.rs src/scan.rs
    src/context.rs src/boundary.rs src/rules.rs src/variants.rs src/normalize.rs)
args=()
for file in "${files[@]}"; do
    args+=(--file "$file")
done

summary() {
    python3 - "$1" <<'PY'
import collections, json, sys
outcomes = json.load(open("mutants.out/outcomes.json"))["outcomes"]
counts = collections.Counter()
for o in outcomes:
    scenario = o.get("scenario")
    if isinstance(scenario, dict):
        counts[(scenario["Mutant"]["file"], o["summary"])] += 1
print(sys.argv[1])
for file in sorted({f for f, _ in counts}):
    print(" ", file, ", ".join(f"{s}: {n}" for (f, s), n in sorted(counts.items()) if f == file))
PY
}

# cargo-mutants works in a copy of the tree, one mutant at a time. The crate is built unoptimized (its
# dependencies stay optimized): a mutant then builds in seconds, and the tests are quick enough.
export CARGO_PROFILE_DEV_OPT_LEVEL=0
nice -n 10 cargo mutants -j 1 --timeout 30 "${args[@]}" -- --lib || true
summary "pass 1, unit tests:"
cp mutants.out/missed.txt mutants.unit-missed.txt
nice -n 10 cargo mutants -j 1 --timeout 40 --iterate "${args[@]}" \
    -- --lib --test integration -- --skip hostile || true
summary "pass 2, the mutants pass 1 missed, with the integration suite:"
echo "missed by the unit tests: mutants.unit-missed.txt; missed by every test:"
cat mutants.out/missed.txt
