"""The PySpark path (`scripts/spark_annotate.py --wheel`, mapInPandas over the wheel) against the pipe
mode (the CLI binary in every partition), in local mode, on the same input: the same records."""

import gzip
import json
import os
import pathlib
import shutil
import subprocess
import sys

import pytest

pytest.importorskip("pyspark", reason="PySpark is not installed: pip install pyspark")
pytest.importorskip("pyarrow", reason="pyarrow is not installed: pip install pyarrow")
if shutil.which("java") is None:
    pytest.skip("no java on PATH: Spark needs Java 17 or later", allow_module_level=True)

from conftest import ROOT, _binary  # noqa: E402

PLACES = ["Hyesan", "Pyongyang", "Ryanggang Province", "Sinuiju", "혜산시", "North Hamgyong Province"]
BODIES = ["the MSS", "the Ministry of State Security", "the Workers' Party", "the KPA"]


def corpus(path):
    """About 400 lines written for this test: documents, bad lines, blank lines; two files, one gzip."""
    lines = []
    for i in range(400):
        text = f"Officials from {BODIES[i % 4]} inspected markets in {PLACES[i % 6]} on day {i}."
        record = {"id": f"doc-{i}", "text": text}
        if i % 9 == 0:
            record["extra"] = {"n": i, "tags": ["a", "b"]}
        if i % 13 == 0:
            record["spans"] = ["stale, to be replaced"]
        lines.append(json.dumps(record, ensure_ascii=False))
        if i % 50 == 7:
            lines.append("")
    bad = [
        "not JSON at all {",
        "[1, 2, 3]",
        '{"id": "no-text", "body": "Hyesan"}',
        '{"id": "text-not-string", "text": 42}',
        '{"id": 17, "text": "A numeric id, in Sinuiju."}',
        '{"id": "surrogate", "text": "Half an emoji \\ud83d in Hyesan."}',
    ]
    for k, line in enumerate(bad):
        lines.insert(30 + 50 * k, line)
    path.mkdir()
    (path / "a.jsonl").write_text("\n".join(lines[:250]) + "\n", encoding="utf-8")
    with gzip.open(path / "b.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write("\n".join(lines[250:]) + "\n")
    return sum(1 for line in lines if line.strip())


def run(tmp_path, name, *options):
    out = tmp_path / name
    command = [
        os.path.join(os.path.dirname(sys.executable), "spark-submit"),
        "--master", "local[2]",
        "--conf", "spark.ui.enabled=false",
        "--conf", "spark.driver.host=127.0.0.1",
        "--conf", f"spark.local.dir={tmp_path / 'spark-tmp'}",
        "--conf", "spark.task.maxFailures=1",
        str(ROOT / "scripts" / "spark_annotate.py"),
        "--input", str(tmp_path / "in"),
        "--output", str(out),
        *options,
    ]
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, SPARK_LOCAL_IP="127.0.0.1")
    for key in ("SPARK_HOME", "SPARK_CONF_DIR", "PYSPARK_SUBMIT_ARGS", "PYSPARK_DRIVER_PYTHON"):
        env.pop(key, None)
    done = subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert done.returncode == 0, done.stdout.decode(errors="replace")[-5000:]
    records = []
    for part in sorted(out.glob("part-*")):
        opener = gzip.open if part.suffix == ".gz" else open
        with opener(part, "rt", encoding="utf-8") as f:
            records += [json.loads(line) for line in f.read().splitlines()]
    return records


def test_wheel_mode_gives_the_records_of_the_pipe_mode(tmp_path):
    documents = corpus(tmp_path / "in")
    piped = run(tmp_path, "pipe", "--nkner", _binary(), "--", "--threads", "1")
    wheel = run(tmp_path, "wheel", "--wheel", "--compress", "--", "--threads", "2")
    assert len(piped) == len(wheel) == documents

    def without_message(record):
        # The error messages carry each JSON parser's own detail; everything else must be equal.
        return {**record, "error": "..."} if "error" in record else record

    assert [without_message(r) for r in wheel] == [without_message(r) for r in piped]
    errors = [r for r in wheel if "error" in r]
    assert [r["id"] for r in errors] == [None, None, "no-text", "text-not-string"]
    assert [r["error"] for r in errors[1:]] == [e["error"] for e in piped if "error" in e][1:]
    assert errors[0]["error"].startswith("line is not JSON")
    annotated = [r for r in wheel if "error" not in r]
    assert sum(len(r["spans"]) for r in annotated) > 700
    surrogate = next(r for r in wheel if r["id"] == "surrogate")
    assert [s["text"] for s in surrogate["spans"]] == ["Hyesan"]
