#!/usr/bin/env bash
# Mutation testing of the modules that decide: each mutant is one small change to the code (a condition
# negated, a function returning a default, an operator swapped) that some test must catch.
# Not part of CI: every mutant is a rebuild, an hour or more in all on two cores. Results in mutants.out/
# (ignored by git); the summary of the last run, and the reasons for the mutants left missed, are in
# docs/testing.md.
# usage: scripts/mutants.sh [FILE...]      default: the deciding modules
# Needs `cargo install cargo-mutants` (and python3 for the per-module summary).
set -euo pipefail
cd "$(dirname "$0")/.."

files=("$@")
[ ${#files[@]} -gt 0 ] || files=(src/candidates.rs src/weigh.rs src/context.rs src/nested.rs src/homonyms.rs
    src/resolve.rs src/boundary.rs src/rules.rs src/variants.rs src/normalize.rs)
args=()
for file in "${files[@]}"; do
    args+=(--file "$file")
done

# The library's unit tests and the integration suite, without its slow hostile-input tests (they check
# size, which no mutant of these modules changes without failing others first).
# cargo-mutants works in a copy of the tree, one mutant at a time.
nice -n 10 cargo mutants -j 1 --timeout 120 "${args[@]}" \
    -- --lib --test integration -- --skip hostile || true

python3 - <<'PY'
import collections, json
outcomes = json.load(open("mutants.out/outcomes.json"))["outcomes"]
counts = collections.Counter()
for o in outcomes:
    scenario = o.get("scenario")
    if isinstance(scenario, dict):
        counts[(scenario["Mutant"]["file"], o["summary"])] += 1
for file in sorted({f for f, _ in counts}):
    print(file, ", ".join(f"{s}: {n}" for (f, s), n in sorted(counts.items()) if f == file))
PY
echo "missed:"; cat mutants.out/missed.txt
