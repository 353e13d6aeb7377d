#!/usr/bin/env python3
"""Annotate JSON Lines with nkner on Apache Spark.

Usage:

    spark-submit [spark options] scripts/spark_annotate.py \
        --input IN --output OUT_DIR [--nkner PATH | --wheel] [--partitions N] \
        [--compress] [-- extra nkner annotate args...]

IN is anything ``SparkContext.textFile`` takes: a file, a directory, a glob,
a comma-separated list; plain or ``.gz`` (gzip files are not splittable, so
each one is a single partition). Each line is one JSON object with ``id`` and
``text`` fields, as for ``nkner annotate --input jsonl``.

OUT_DIR must not exist (Spark refuses to overwrite). It receives ``part-*``
files holding exactly one JSON line per non-blank input line: the input object
with a ``spans`` array added, or the CLI's error record
``{"id": ..., "line": ..., "error": ..., "spans": []}`` for a bad line.

How the binary gets to the executors
------------------------------------
``--nkner`` (default: ``target/release/nkner``) is a path on the *driver*.
The job hands it to ``SparkContext.addFile``, which copies it into every
executor's work directory (and marks it executable); inside each task
``SparkFiles.get("nkner")`` resolves the executor-local copy. So nothing has to
be installed on the workers, but the binary must be built for *their* OS and
CPU (``cargo build --release`` on the same OS/arch, or a static musl build,
e.g. ``--target x86_64-unknown-linux-musl``). The executors need Python (as
every PySpark job does), nothing else. The process runs in the directory of
the shipped binary (the executor's SparkFiles directory), so other files
shipped with ``spark-submit --files`` can be named by bare file name in the
extra arguments.

``--rdd-pipe``: ``RDD.pipe`` verbatim
--------------------------------------
With ``--rdd-pipe`` the job is the textbook ``lines.pipe("nkner annotate --input
jsonl --quiet")``, with the binary's absolute path as given on the driver. That
works where the binary sits at that path on every worker (local mode, a shared
filesystem, a worker image with nkner installed); ``scripts/test-spark.sh``
runs it too. Without the flag, the binary is shipped as described above.

Why not ``RDD.pipe`` by default
-------------------------------
PySpark's ``RDD.pipe(command)`` takes one command string that is fixed on the
driver, where ``SparkFiles.get`` returns the *driver's* copy of the file: a
path that does not exist on a cluster's executors. So each partition is piped
with ``mapPartitions`` through ``_pipe_partition`` below, which does what
``RDD.pipe`` does (feed the lines to the process's stdin from a thread, yield
its stdout lines, in order) after resolving the binary on the executor, and
which is stricter: a non-zero exit, or a number of output lines different from
the number of input lines, fails the task (Spark retries it) instead of
silently losing documents; the tail of the process's stderr is in the error.

``--wheel``: the Python package instead of the binary
----------------------------------------------------
With ``--wheel`` no binary and no subprocess are involved: each partition goes
through ``DataFrame.mapInPandas`` into ``nkner.Extractor.pipe`` (the ``nkner``
wheel, ``pip install ./python``, which must be installed in the executors'
Python, with pandas and pyarrow). The lines are the same RDD as in the other
modes (same partitions, blank lines removed), and each record is what the CLI
writes: the input object with ``spans`` set, or an error record
``{"id": ..., "line": ..., "error": ..., "spans": []}`` for a line that is not
JSON, not an object, or has no string text (the messages are worded like the
CLI's, with Python's JSON parser's detail). Of the extra arguments it takes
``--threads N`` (threads per task), ``--labels LIST``, ``--text-field NAME``
and ``--id-field NAME``. ``python/tests/test_spark.py`` (run by
``scripts/test-python.sh``) checks in local mode that it gives the same records
as the pipe mode on the same input.

Order and line numbers
----------------------
Within a partition the output is in input order, and part files are numbered
in partition order; without ``--partitions``, ``cat OUT_DIR/part-*`` is in
input order (files in the order Spark lists them). ``--partitions N`` changes
that: fewer partitions are merged with ``coalesce`` (no shuffle, but Spark may
group splits out of order), more are made with ``repartition`` (a shuffle).
Either way each document comes back exactly once and its id identifies it.
The ``line`` of an error record counts lines of the partition's stream (blank
lines removed), not of the original file.
"""

import argparse
import os
import shlex
import subprocess
import sys
import threading
from collections import deque

# The CLI skips lines made only of ASCII whitespace (Rust's
# u8::is_ascii_whitespace: space, \t, \n, \x0c, \r). The same lines are removed
# before piping, so that one input line is exactly one output line.
ASCII_WHITESPACE = " \t\n\x0c\r"

# The environment of the nkner process: nothing inherited from the executor
# (no odd locale, colour or terminal settings, no RUST_LOG surprises).
CHILD_ENV = {
    "PATH": "/usr/local/bin:/usr/bin:/bin",
    "LANG": "C.UTF-8",
    "LC_ALL": "C.UTF-8",
    "TERM": "dumb",
    "NO_COLOR": "1",
    "RUST_BACKTRACE": "1",
}

STDERR_TAIL_LINES = 50
STDERR_LINE_CHARS = 2000


def is_blank(line):
    return line.strip(ASCII_WHITESPACE) == ""


def parse_args(argv):
    if "--" in argv:
        cut = argv.index("--")
        argv, extra = argv[:cut], argv[cut + 1 :]
    else:
        extra = []
    parser = argparse.ArgumentParser(
        description="Annotate JSON Lines (id, text) with nkner on Spark.",
        epilog="Arguments after `--` are passed to `nkner annotate`.",
    )
    parser.add_argument("--input", required=True, help="input path(s) for sc.textFile (plain or .gz)")
    parser.add_argument("--output", required=True, help="output directory (must not exist)")
    parser.add_argument(
        "--nkner",
        default=os.path.join("target", "release", "nkner"),
        help="nkner binary on the driver, built for the executors' platform (default: %(default)s)",
    )
    parser.add_argument("--partitions", type=int, default=None, help="number of partitions to pipe")
    parser.add_argument("--compress", action="store_true", help="write gzip-compressed part files")
    parser.add_argument(
        "--wheel",
        action="store_true",
        help="annotate with the nkner Python package in mapInPandas (no binary, no subprocess); "
        "the executors' Python needs nkner, pandas and pyarrow",
    )
    parser.add_argument(
        "--rdd-pipe",
        action="store_true",
        help="use RDD.pipe with the binary's path as given: for local mode, or a binary installed at "
        "the same path on every worker (no shipping, no line-count check)",
    )
    args = parser.parse_args(argv)
    if args.partitions is not None and args.partitions < 1:
        parser.error("--partitions must be at least 1")
    if args.wheel and args.rdd_pipe:
        parser.error("--wheel and --rdd-pipe are two ways to run nkner: choose one")
    args.extra = extra
    if args.wheel:
        args.wheel_options = parse_wheel_options(parser, extra)
    return args


def parse_wheel_options(parser, extra):
    """The `nkner annotate` options that --wheel understands."""
    wheel = argparse.ArgumentParser(prog="--wheel options", add_help=False)
    wheel.add_argument("--threads", type=int, default=1)
    wheel.add_argument("--labels", default=None)
    wheel.add_argument("--text-field", default="text")
    wheel.add_argument("--id-field", default="id")
    wheel.add_argument("--quiet", "-q", action="store_true")
    options, unknown = wheel.parse_known_args(extra)
    if unknown:
        parser.error(f"--wheel does not take these nkner options: {' '.join(unknown)}")
    if options.threads < 1:
        parser.error("--threads must be at least 1")
    return {
        "threads": options.threads,
        "labels": options.labels.split(",") if options.labels else None,
        "text_field": options.text_field,
        "id_field": options.id_field,
    }


def _reject_constant(name):
    raise ValueError(f"{name} is not JSON")


def _parse_line(line, text_field, id_field):
    """(record, text) for a line the CLI annotates, or (error record without line, None)."""
    import json

    try:
        record = json.loads(line, parse_constant=_reject_constant)
    except ValueError as error:
        return {"id": None, "error": f"line is not JSON: {error}", "spans": []}, None
    if not isinstance(record, dict):
        return {"id": None, "error": "line is not a JSON object", "spans": []}, None
    text = record.get(text_field)
    if text_field not in record:
        message = f"no field '{text_field}'"
    elif not isinstance(text, str):
        message = f"field '{text_field}' is not a string"
    else:
        return record, text
    return {"id": record.get(id_field), "error": message, "spans": []}, None


def make_wheel_function(options):
    """The function mapInPandas applies to every partition's batches, on the executors."""

    def _annotate_partition(batches):
        import json

        import nkner
        import pandas as pd

        extractor = nkner.Extractor(labels=options["labels"])
        line = 0  # as the CLI counts: lines of the partition's stream
        for frame in batches:
            parsed = []
            for raw in frame["value"]:
                line += 1
                record, text = _parse_line(raw, options["text_field"], options["id_field"])
                if text is None:
                    record = {"id": record["id"], "line": line, "error": record["error"], "spans": []}
                parsed.append((record, text))
            texts = (text for _, text in parsed if text is not None)
            found = extractor.pipe(texts, threads=options["threads"])
            out = []
            for record, text in parsed:
                if text is not None:
                    record["spans"] = [span.to_dict() for span in next(found)]
                line_out = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
                try:
                    line_out.encode("utf-8")
                except UnicodeEncodeError:
                    # A lone surrogate (from a "\ud83d" escape) cannot cross into Arrow as text:
                    # escape it again, as the CLI passes the input's escape through.
                    line_out = json.dumps(record, separators=(",", ":"))
                out.append(line_out)
            yield pd.DataFrame({"value": out})

    return _annotate_partition


def _drain(stream, tail, prefix):
    """Copy the process's stderr to the task's stderr (the executor log),
    keeping its last lines for the error message."""
    for raw in iter(stream.readline, b""):
        line = raw.decode("utf-8", "replace").rstrip("\n")[:STDERR_LINE_CHARS]
        tail.append(line)
        try:
            sys.stderr.write(f"{prefix}{line}\n")
            sys.stderr.flush()
        except (OSError, ValueError):
            pass
    stream.close()


def _feed(stream, lines, state):
    """Write the partition's lines to the process's stdin, then close it."""
    try:
        for line in lines:
            stream.write(line.encode("utf-8") + b"\n")
            state["sent"] += 1
    except BaseException as error:  # BrokenPipe, or the upstream iterator failing
        state["error"] = error
    finally:
        try:
            stream.close()
        except OSError:
            pass


def _lists_quiet(binary):
    """True when `nkner annotate --help` offers --quiet."""
    try:
        result = subprocess.run(
            [binary, "annotate", "--help"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=CHILD_ENV,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return b"--quiet" in result.stdout


def make_partition_function(binary_name, extra):
    """The function applied to every partition, on the executors."""

    def _pipe_partition(index, lines):
        from pyspark import SparkFiles

        binary = SparkFiles.get(binary_name)
        if not os.access(binary, os.X_OK):
            try:
                os.chmod(binary, 0o755)
            except OSError:
                pass
        command = [binary, "annotate", "--input", "jsonl"]
        if "--quiet" not in extra and _lists_quiet(binary):
            command.append("--quiet")
        command += list(extra)

        process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=CHILD_ENV,
            cwd=os.path.dirname(binary) or None,
        )
        state = {"sent": 0, "error": None}
        tail = deque(maxlen=STDERR_TAIL_LINES)
        feeder = threading.Thread(target=_feed, args=(process.stdin, lines, state), daemon=True)
        drainer = threading.Thread(
            target=_drain, args=(process.stderr, tail, f"nkner[partition {index}]: "), daemon=True
        )
        feeder.start()
        drainer.start()

        received = 0
        try:
            for raw in iter(process.stdout.readline, b""):
                received += 1
                yield raw.rstrip(b"\n").decode("utf-8")
        finally:
            process.stdout.close()
            feeder.join()
            code = process.wait()
            drainer.join()

        def fail(why):
            stderr = "\n".join(tail) or "(empty)"
            raise RuntimeError(
                f"partition {index}: {why}\ncommand: {shlex.join(command)}\nstderr tail:\n{stderr}"
            )

        if state["error"] is not None and not isinstance(state["error"], BrokenPipeError):
            raise state["error"]
        if code != 0:
            fail(f"nkner exited with status {code}")
        if state["error"] is not None:
            fail(f"nkner closed its input early: {state['error']!r}")
        if received != state["sent"]:
            fail(f"sent {state['sent']} lines to nkner but got {received} back")

    return _pipe_partition


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    binary = os.path.abspath(args.nkner)
    if not args.wheel and not os.path.isfile(binary):
        sys.exit(f"spark_annotate: no nkner binary at {binary} (build it, or pass --nkner or --wheel)")

    from pyspark.sql import SparkSession

    spark = SparkSession.builder.appName("nkner-annotate").getOrCreate()
    sc = spark.sparkContext
    try:
        if not args.wheel:
            sc.addFile(binary)  # shipped to every executor; found there with SparkFiles.get
        lines = sc.textFile(args.input, minPartitions=args.partitions)
        if args.partitions is not None:
            have = lines.getNumPartitions()
            if have > args.partitions:
                lines = lines.coalesce(args.partitions)  # no shuffle
            elif have < args.partitions:
                lines = lines.repartition(args.partitions)  # e.g. few .gz files: a shuffle
        lines = lines.filter(lambda line: not is_blank(line))
        if args.wheel:
            frame = spark.createDataFrame(lines.map(lambda line: (line,)), "value string")
            annotated = frame.mapInPandas(make_wheel_function(args.wheel_options), "value string")
            writer = annotated.write.option("lineSep", "\n")
            writer.text(args.output, compression="gzip" if args.compress else None)
            return 0
        if args.rdd_pipe:
            command = [binary, "annotate", "--input", "jsonl", "--quiet", *args.extra]
            annotated = lines.pipe(shlex.join(command), env=CHILD_ENV, checkCode=True)
        else:
            annotated = lines.mapPartitionsWithIndex(
                make_partition_function(os.path.basename(binary), args.extra)
            )
        codec = "org.apache.hadoop.io.compress.GzipCodec" if args.compress else None
        annotated.saveAsTextFile(args.output, compressionCodecClass=codec)
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
