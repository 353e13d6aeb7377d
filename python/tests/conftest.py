"""Shared fixtures: the repository, and the Rust library's own output through the `nkner` binary."""

import json
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


def _binary():
    """The CLI, whose spans are the Rust library's: NKNER_BIN, else a build in target/, else built."""
    given = os.environ.get("NKNER_BIN")
    if given:
        return given
    for profile in ("release", "debug"):
        path = ROOT / "target" / profile / "nkner"
        if path.is_file():
            return str(path)
    subprocess.run(["cargo", "build", "--quiet", "-p", "nkner-cli"], cwd=ROOT, check=True)
    return str(ROOT / "target" / "debug" / "nkner")


@pytest.fixture(scope="session")
def rust_spans():
    """A function from a list of texts to the span dicts the Rust library gives for each."""
    binary = _binary()

    def run(texts, *extra):
        lines = "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(texts))
        out = subprocess.run(
            [binary, "annotate", "--quiet", "--input", "jsonl", *extra],
            input=lines.encode(),
            stdout=subprocess.PIPE,
            check=True,
        ).stdout
        records = [json.loads(line) for line in out.splitlines()]
        assert [r["id"] for r in records] == list(range(len(texts)))
        return [r["spans"] for r in records]

    return run


@pytest.fixture(scope="session")
def gold_texts():
    """The texts of the development gold set (written for the project)."""
    with open(ROOT / "tests" / "data" / "dev_gold.jsonl", encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f if line.strip()]
