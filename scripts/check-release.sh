#!/usr/bin/env bash
# Release checks. The first step fetches every locked dependency, for every platform: `cargo metadata`
# reads the manifests of all of them (Windows-only ones too), which a build for this machine never
# downloads, so a fresh CARGO_HOME filled by `cargo test` alone lacks them. After it, nothing needs the
# network:
# - each package's rust-version covers what its locked dependencies declare, and the README names the
#   versions a user needs (to build, and to run the tests);
# - `cargo doc --workspace` documents the library (the binary, also named nkner, has `doc = false`);
# - the packages hold the files their README, licence and data notice name;
# - both packages build from their packaged sources (`cargo package` verifies them; nkner-cli against the
#   packaged nkner, as crates.io would).
# `cargo publish --dry-run -p nkner -p nkner-cli` does the same against crates.io, and needs the network.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo fetch --locked
cargo metadata --format-version 1 --locked --offline | python3 scripts/check_msrv.py
# The Python bindings (python/, a workspace of their own) against their own lock file.
cargo fetch --locked --manifest-path python/Cargo.toml
cargo metadata --format-version 1 --locked --offline --manifest-path python/Cargo.toml |
    python3 scripts/check_msrv.py

RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --offline
grep -q 'struct.Extractor.html' target/doc/nkner/index.html ||
    { echo "target/doc/nkner/index.html is not the library's page" >&2; exit 1; }

must_hold() {
    local package=$1
    shift
    local list
    list=$(cargo package --list --offline --allow-dirty -p "$package")
    for file in "$@"; do
        grep -qxF "$file" <<<"$list" || { echo "package $package lacks $file" >&2; exit 1; }
    done
}
must_hold nkner LICENSE-MIT LICENSE-APACHE README.md CHANGELOG.md docs/ANNOTATION.md \
    gazetteers/NOTICE.md gazetteers/VERSION gazetteers/divisions.tsv gazetteers/agencies.tsv \
    gazetteers/irregular_spellings.tsv \
    examples/extract.rs examples/sample_article.txt
must_hold nkner-cli LICENSE-MIT LICENSE-APACHE README.md Cargo.lock assets/kp_provinces.tsv \
    templates/report.html templates/report.css templates/report.js

# `cargo package` verifies nkner-cli against the packaged nkner through a registry of its own under
# target/package, which cargo unpacks into CARGO_HOME/registry/src/-HASH/nkner-VERSION, HASH from the
# registry's path, and never unpacks again once there: a clone at a path packaged before builds the
# nkner-cli of today against the nkner of that day. Those copies are only ever cargo's unpacking of this
# workspace's own packages (a registry with a host, such as crates.io, has a named directory), so they go.
cargo_home=${CARGO_HOME:-$HOME/.cargo}
for stale in "$cargo_home"/registry/src/-*/nkner-[0-9]* "$cargo_home"/registry/src/-*/nkner-cli-[0-9]*; do
    if [ -d "$stale" ]; then rm -rf "$stale"; fi
done
cargo package --offline --allow-dirty -p nkner -p nkner-cli
echo "release checks: passed"
