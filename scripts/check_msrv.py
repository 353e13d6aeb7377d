"""Checks each workspace package's rust-version against the rust-version its locked dependencies declare,
and that README.md names both Rust versions a user needs: to build the packages, and to run the tests.

Reads `cargo metadata --format-version 1 --locked` on standard input (scripts/check-release.sh runs it).
"""

import json
import sys


def version(text):
    """`1.85` and `1.85.0` are the same version."""
    parts = [int(x) for x in text.split(".")] if text else []
    return tuple(parts + [0] * (3 - len(parts)))


def needed(meta, root, with_dev):
    """The highest rust-version among the packages `root` builds with, and the package declaring it."""
    packages = {p["id"]: p for p in meta["packages"]}
    nodes = {n["id"]: n for n in meta["resolve"]["nodes"]}
    best, seen, todo = ("", ""), set(), [(root, with_dev)]
    while todo:
        node, dev = todo.pop()
        for dep in nodes[node]["deps"]:
            kinds = {k["kind"] for k in dep["dep_kinds"]}
            # Dev-dependencies count for the root only: a dependency's own tests are not built.
            if (kinds - {"dev"} or dev) and dep["pkg"] not in seen:
                seen.add(dep["pkg"])
                todo.append((dep["pkg"], False))
                p = packages[dep["pkg"]]
                if version(p.get("rust_version")) > version(best[0]):
                    best = (p["rust_version"], f"{p['name']} {p['version']}")
    return best


def main():
    meta = json.load(sys.stdin)
    packages = {p["id"]: p for p in meta["packages"]}
    readme = open("README.md", encoding="utf-8").read()
    faults = []
    for_tests = ("", "")
    for member in meta["workspace_members"]:
        name, declared = packages[member]["name"], packages[member].get("rust_version") or ""
        need, by = needed(meta, member, False)
        print(f"{name}: rust-version {declared}; its dependencies need {need} ({by})")
        if version(declared) < version(need):
            faults.append(f"{name}: rust-version {declared} is lower than {by} needs")
        if f"Rust {declared} or newer" not in readme:
            faults.append(f'README.md does not say "Rust {declared} or newer"')
        for_tests = max(for_tests, needed(meta, member, True), key=lambda t: version(t[0]))
    print(f"tests: need {for_tests[0]} ({for_tests[1]})")
    if f"Rust {for_tests[0]} or newer" not in readme:
        faults.append(f'README.md does not say "Rust {for_tests[0]} or newer" for the tests')
    for fault in faults:
        print(fault, file=sys.stderr)
    sys.exit(1 if faults else 0)


main()
