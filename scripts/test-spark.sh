#!/usr/bin/env bash
# End-to-end test of scripts/spark_annotate.py on Spark in local mode.
#
#   bash scripts/test-spark.sh
#
# Needs: python3 (with venv), Java 17+ on PATH, network to PyPI the first time
# (pyspark, ~300 MB, goes into a virtual environment that later runs reuse),
# and cargo if the release binary has to be built.
#
# Environment:
#   NKNER_SPARK_VENV   virtual environment (default: target/spark-venv)
#   NKNER_PYSPARK      pip requirement for PySpark (default: pyspark)
#   NKNER_BIN          nkner binary (default: target/release/nkner, built if missing)
#   NKNER_SPARK_WORK   scratch directory, wiped each run (default: target/spark-test)
#
# Prints one summary line, `spark test: PASS ...` or `spark test: FAIL ...`,
# and exits non-zero on any failure.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
VENV=${NKNER_SPARK_VENV:-target/spark-venv}
PYSPARK_REQ=${NKNER_PYSPARK:-pyspark}
BIN=${NKNER_BIN:-target/release/nkner}
WORK=${NKNER_SPARK_WORK:-target/spark-test}
START=$SECONDS
case $VENV in /*) ;; *) VENV="$ROOT/$VENV" ;; esac
case $BIN in /*) ;; *) BIN="$ROOT/$BIN" ;; esac
case $WORK in /*) ;; *) WORK="$ROOT/$WORK" ;; esac

finish() {
    local status=$?
    if [ "$status" -ne 0 ] && [ ! -f "$WORK/.summary-printed" ]; then
        echo "spark test: FAIL (setup or Spark run failed, status $status; see output above)"
    fi
}
trap finish EXIT

step() { echo "== $*" >&2; }

# --- Java -------------------------------------------------------------------
if ! command -v java >/dev/null 2>&1; then
    echo "java not found on PATH: Spark needs Java 17 or later" >&2
    exit 1
fi
JAVA_VERSION=$(java -version 2>&1 | awk -F'"' '/version/ {print $2; exit}')
JAVA_MAJOR=${JAVA_VERSION%%.*}
if ! [[ $JAVA_MAJOR =~ ^[0-9]+$ ]] || [ "$JAVA_MAJOR" -lt 17 ]; then
    echo "Java $JAVA_VERSION found; Spark 4 needs Java 17 or later" >&2
    exit 1
fi
step "java $JAVA_VERSION"

# --- Python virtual environment with PySpark --------------------------------
if ! "$VENV/bin/python" -c 'import pyspark' >/dev/null 2>&1; then
    step "creating $VENV and installing $PYSPARK_REQ (large download, once)"
    python3 -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "$PYSPARK_REQ"
fi
PY="$VENV/bin/python"
step "pyspark $("$PY" -c 'import pyspark; print(pyspark.__version__)')"

# --- nkner binary ------------------------------------------------------------
if [ ! -x "$BIN" ]; then
    step "building $BIN"
    cargo build --release -p nkner-cli
fi
# Someone else may be relinking the binary right now: retry for a while.
for attempt in $(seq 1 30); do
    if HELP=$("$BIN" annotate --help 2>&1); then
        break
    fi
    if [ "$attempt" -eq 30 ]; then
        echo "$BIN does not run: $HELP" >&2
        exit 1
    fi
    step "$BIN not runnable yet (being rebuilt?), retrying"
    sleep 10
done
EXTRA=()
if grep -q -- '--threads' <<<"$HELP"; then
    EXTRA=(-- --threads 1)
fi

# --- corpus -------------------------------------------------------------------
rm -rf "$WORK"
mkdir -p "$WORK/in"
"$PY" - "$WORK" <<'PY'
"""Writes the corpus and the expectations the checker reads."""
import gzip, json, random, sys

work = sys.argv[1]
rng = random.Random(20240501)
places = ["Hyesan", "Pyongyang", "Ryanggang Province", "Sinuiju", "Chongjin",
          "North Hamgyong Province", "Kaesong", "Wonsan"]
agencies = ["the MSS", "the Ministry of State Security", "the Ministry of Social Security",
            "the Workers' Party", "border guards"]
templates = [
    "Smugglers were arrested in {p} last week, a source said.",
    "Officials from {a} inspected markets in {p} on Tuesday.",
    "Residents of {p} report rising rice prices, according to {a}.",
    "A crackdown by {a} in {p} targeted mobile phone users.",
    "Traders crossing from {p} said {a} had tightened controls.",
    "Heavy rain flooded farms near {p}, state media reported.",
    "{a} summoned local cadres in {p} for a self-criticism session.",
]

docs = []  # (file index, raw line bytes, expectation)
n = 0
def doc(text, **extra):
    global n
    n += 1
    record = {"id": f"doc-{n:04d}", "text": text, **extra}
    return json.dumps(record, ensure_ascii=False).encode(), {"id": record["id"], "kind": "ok", "text": text}

for i in range(300):
    text = rng.choice(templates).format(p=rng.choice(places), a=rng.choice(agencies))
    extra = {"source": "synthetic", "n": i} if i % 7 == 0 else {}
    if i % 11 == 0:
        extra["spans"] = ["stale input spans, to be replaced"]
    docs.append(doc(text, **extra))

known = [
    ("known-hyesan", "Smugglers were arrested in Hyesan."),
    ("known-mss", "The MSS in Pyongyang, Ryanggang Province."),
]
for id_, text in known:
    docs.insert(37 if id_ == "known-hyesan" else 150,
                (json.dumps({"id": id_, "text": text}).encode(), {"id": id_, "kind": "ok", "text": text}))

bad = [
    # Not JSON at all: an error record with id null.
    (b"this line is not JSON {", {"id": None, "kind": "error", "tag": "not-json"}),
    # JSON, but not an object: an error record with id null.
    (b"[1, 2, 3]", {"id": None, "kind": "error", "tag": "not-object"}),
    # No text field: an error record carrying the id.
    (b'{"id": "bad-no-text", "body": "Hyesan"}', {"id": "bad-no-text", "kind": "error"}),
    # Text is not a string: an error record carrying the id.
    (b'{"id": "bad-text-type", "text": 42}', {"id": "bad-text-type", "kind": "error"}),
    # Invalid UTF-8 bytes inside the text. The CLI alone would answer
    # "line is not UTF-8", but Spark's textFile decodes lines as UTF-8 and
    # replaces invalid bytes with U+FFFD, so the line reaches nkner as valid
    # text: it must come back exactly once, annotated (or as an error record,
    # should a future Spark pass the bytes through), never lost.
    (b'{"id": "bad-utf8", "text": "Market in Hyesan \xff\xfe\xc3 closed."}',
     {"id": "bad-utf8", "kind": "either"}),
]
for k, item in enumerate(bad):
    docs.insert(20 + 60 * k, item)

# Split the documents over a plain file and a gzip file; sprinkle blank and
# whitespace-only lines, which the job drops (the CLI skips them too).
files = [[], []]
expect = []
for i, (raw, exp) in enumerate(docs):
    f = 0 if i < 220 else 1
    exp["file"] = f
    files[f].append(raw)
    expect.append(exp)
    if i % 50 == 13:
        files[f].append(b"")
    if i % 50 == 29:
        files[f].append(b"  \t ")
with open(f"{work}/in/corpus-a.jsonl", "wb") as out:
    out.write(b"\n".join(files[0]) + b"\n")
with gzip.open(f"{work}/in/corpus-b.jsonl.gz", "wb") as out:
    out.write(b"\n".join(files[1]) + b"\n")
with open(f"{work}/expect.json", "w") as out:
    json.dump(expect, out)
print(f"corpus: {len(expect)} documents, {sum(len(x) for x in files)} lines in 2 files", file=sys.stderr)
PY

# --- Spark runs -------------------------------------------------------------------
# Nothing from an outside Spark install or the shell's PySpark settings.
unset SPARK_HOME SPARK_CONF_DIR PYSPARK_SUBMIT_ARGS PYSPARK_DRIVER_PYTHON HADOOP_CONF_DIR
export PYSPARK_PYTHON="$PY"
export SPARK_LOCAL_IP=127.0.0.1
mkdir -p "$WORK/tmp"

run_job() { # OUT [spark_annotate options...]
    local out=$1
    shift
    step "spark-submit --master local[2] scripts/spark_annotate.py --output $out $*"
    "$VENV/bin/spark-submit" \
        --master 'local[2]' \
        --conf spark.ui.enabled=false \
        --conf spark.driver.host=127.0.0.1 \
        --conf "spark.local.dir=$WORK/tmp" \
        --conf spark.task.maxFailures=1 \
        scripts/spark_annotate.py \
        --input "$WORK/in" --output "$out" --nkner "$BIN" "$@" \
        >"$out.log" 2>&1 || { cat "$out.log" >&2; return 1; }
}

run_job "$WORK/out-default" "${EXTRA[@]}"
run_job "$WORK/out-partitions" --partitions 3 --compress "${EXTRA[@]}"
run_job "$WORK/out-rdd-pipe" --rdd-pipe "${EXTRA[@]}"

# --- checks -------------------------------------------------------------------
"$PY" - "$WORK" "$((SECONDS - START))" <<'PY'
import collections, glob, gzip, json, sys

work, elapsed = sys.argv[1], int(sys.argv[2])
expect = json.load(open(f"{work}/expect.json"))
passed, failures = [], []

def check(name, ok, detail=""):
    (passed if ok else failures).append(name + (f": {detail}" if detail and not ok else ""))

def read_output(out):
    lines = []
    for part in sorted(glob.glob(f"{out}/part-*")):
        opener = gzip.open if part.endswith(".gz") else open
        with opener(part, "rt", encoding="utf-8") as f:
            lines += f.read().splitlines()
    return lines

by_id = {e["id"]: e for e in expect if e["id"] is not None}
null_tags = sorted(e["tag"] for e in expect if e["id"] is None)

for run, ordered in (("out-default", True), ("out-partitions", False), ("out-rdd-pipe", True)):
    lines = read_output(f"{work}/{run}")
    check(f"{run}: one output line per document", len(lines) == len(expect),
          f"{len(lines)} lines for {len(expect)} documents")
    records, unparsable = [], 0
    for line in lines:
        try:
            value = json.loads(line)
        except ValueError:
            unparsable += 1
            continue
        if isinstance(value, dict):
            records.append(value)
        else:
            unparsable += 1
    check(f"{run}: every line is a JSON object", unparsable == 0, f"{unparsable} are not")
    check(f"{run}: every record has a spans array",
          all(isinstance(r.get("spans"), list) for r in records))

    ids = collections.Counter(r.get("id") for r in records if r.get("id") is not None)
    dupes = sorted(i for i, c in ids.items() if c > 1)
    missing = sorted(set(by_id) - set(ids))
    unknown = sorted(set(ids) - set(by_id))
    check(f"{run}: every id exactly once", not dupes and not missing and not unknown,
          f"duplicated {dupes[:5]}, missing {missing[:5]}, unexpected {unknown[:5]}")

    nulls = [r for r in records if r.get("id") is None]
    check(f"{run}: the id-less bad lines come back as error records",
          len(nulls) == len(null_tags) and all("error" in r and r["spans"] == [] for r in nulls),
          f"{len(nulls)} records without id: {nulls[:3]}")
    check(f"{run}: the not-JSON line is an error record",
          any("not JSON" in r.get("error", "") for r in nulls), f"{nulls}")
    check(f"{run}: error records carry a 1-based line number",
          all(isinstance(r.get("line"), int) and r["line"] >= 1 for r in records if "error" in r))

    got = {r["id"]: r for r in records if r.get("id") is not None}
    wrong = []
    for id_, e in by_id.items():
        r = got.get(id_)
        if r is None:
            continue
        if e["kind"] == "ok":
            if "error" in r or r.get("text") != e["text"]:
                wrong.append(id_)
            elif any(not isinstance(s, dict) for s in r["spans"]):
                wrong.append(id_)  # stale input spans not replaced
        elif e["kind"] == "error":
            if "error" not in r or r["spans"] != []:
                wrong.append(id_)
    check(f"{run}: good documents annotated, bad ones error records", not wrong, f"{wrong[:5]}")
    r = got.get("bad-no-text", {})
    check(f"{run}: the missing-text line is an error record", "error" in r, f"{r}")
    r = got.get("bad-utf8", {})
    check(f"{run}: the invalid-UTF-8 line is back once (U+FFFD-replaced or error)",
          ("error" in r) or ("\ufffd" in r.get("text", "")), f"{r}")
    kept = [r for r in records if r.get("id") in by_id and by_id[r["id"]]["kind"] == "ok"
            and r["id"].startswith("doc-") and int(r["id"][4:]) % 7 == 1]
    check(f"{run}: other input fields are kept",
          kept and all(r.get("source") == "synthetic" for r in kept))

    spans = got.get("known-hyesan", {}).get("spans", [])
    check(f"{run}: 'Smugglers were arrested in Hyesan.' has span Hyesan/CITY",
          any(s.get("text") == "Hyesan" and s.get("label") == "CITY" for s in spans), f"{spans}")
    spans = got.get("known-mss", {}).get("spans", [])
    labels = {(s.get("text"), s.get("label")) for s in spans}
    want = {("MSS", "AGENCY"), ("Pyongyang", "CITY"), ("Ryanggang Province", "PROVINCE")}
    check(f"{run}: 'The MSS in Pyongyang, Ryanggang Province.' has its three spans",
          want <= labels, f"{sorted(labels)}")

    if ordered:
        out_ids = [r.get("id") for r in records]
        in_order = True
        for f in (0, 1):
            want_ids = [e["id"] for e in expect if e["file"] == f and e["id"] is not None]
            seen = [i for i in out_ids if i is not None and by_id.get(i, {}).get("file") == f]
            in_order &= seen == want_ids
        check(f"{run}: output in input order", in_order)

total = len(passed) + len(failures)
open(f"{work}/.summary-printed", "w").close()  # the shell's trap prints no second line
for f in failures:
    print(f"FAILED: {f}")
print(f"spark: {len(passed)} passed, {len(failures)} failed")
if failures:
    print(f"spark test: FAIL ({len(failures)} of {total} checks failed, {elapsed} s)")
    sys.exit(1)
print(f"spark test: PASS ({total} checks, {len(expect)} documents x 3 runs, "
      f"local[2], {elapsed} s)")
PY
