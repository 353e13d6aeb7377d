#!/usr/bin/env python3
"""Issue 22's figures in one run, side by side on the same 20 MB corpus (the one `scripts/bench-cli.sh`
uses, `gen_corpus 20`): `Extractor.pipe` against the CLI (`nkner annotate`) with 1 and 2 threads, and
against flashtext2 and pyahocorasick loaded with the same surface forms (the extractor's own automaton
patterns, `Extractor.patterns()`); then the peak memory of a 1 GB corpus streamed through `pipe`.

usage: python scripts/bench_python.py [--runs N] [--memory-mb MB]

Run it with the Python that has the package (`pip install ./python`) and, for the comparison,
`pip install flashtext2 pyahocorasick`. It builds the release CLI and the corpus generator if needed and
keeps corpora in target/bench/. Each figure is the best of N runs (default 3) by wall time; MB/s are MB
(10^6 bytes) of the JSON Lines input, the same unit for every row. Prints, never asserts.

What each row times:
- `nkner annotate`: the whole process, reading JSON Lines and writing annotated JSON Lines to /dev/null.
- `pipe`: the texts already in a list (read and decoded before the clock starts), one Python list of
  `nkner.Span` per text, every span touched once (its count).
- `pipe, from the file`: the same, with reading the file and `json.loads` of each line inside the clock,
  as a Python job reading JSON Lines would do it.
- flashtext2 (`extract_keywords_with_span`, case-insensitive) and pyahocorasick (`iter_long`, leftmost
  longest, on `text.lower()`): one thread, the texts in a list, each match counted. They do what nkner's
  first stage does, a keyword scan, and none of the rest (boundaries, context, overlaps, links).
"""

import argparse
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "target", "bench")
NKNER = os.path.join(ROOT, "target", "release", "nkner")


def build():
    subprocess.run(["cargo", "build", "--quiet", "--release", "-p", "nkner-cli", "--bin", "nkner"], cwd=ROOT, check=True)
    subprocess.run(["cargo", "build", "--quiet", "--release", "-p", "nkner", "--example", "gen_corpus"], cwd=ROOT, check=True)


def corpus(megabytes):
    """The corpus of `megabytes` MB, generated once (as bench-cli.sh does)."""
    path = os.path.join(BENCH, f"corpus-{megabytes}.jsonl")
    if not (os.path.exists(path) and os.path.getsize(path)):
        os.makedirs(BENCH, exist_ok=True)
        print(f"generating {path}...", file=sys.stderr)
        with open(path + ".tmp", "wb") as out:
            subprocess.run([os.path.join(ROOT, "target", "release", "examples", "gen_corpus"), str(megabytes)], stdout=out, check=True)
        os.replace(path + ".tmp", path)
    return path


def best(runs, work):
    """The best wall time of `runs` calls of `work`, the CPU time (user + system, this process and its
    children) of that run, and what the work returned."""
    results = []
    for _ in range(runs):
        before = os.times()
        start = time.perf_counter()
        value = work()
        wall = time.perf_counter() - start
        after = os.times()
        cpu = sum(after[:4]) - sum(before[:4])
        results.append((wall, cpu, value))
    return min(results, key=lambda r: r[0])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--memory-mb", type=int, default=1000, help="size of the memory run's corpus (0: skip it)")
    args = parser.parse_args()

    import nkner

    build()
    path = corpus(20)
    size = os.path.getsize(path)
    with open(path, encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f]
    extractor = nkner.Extractor()
    patterns = extractor.patterns()
    print(f"corpus: {path}, {size} bytes, {len(texts)} documents, {sum(len(t.encode()) for t in texts)} bytes of text; "
          f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f}; best of {args.runs} runs; "
          f"nkner {nkner.__version__}, {len(patterns)} patterns")

    rows, cpus = {}, {}

    def report(key, label, timed, unit="spans"):
        wall, cpu, count = timed
        rows[key], cpus[key] = wall, cpu
        print(f"{label:<44} {wall:6.2f} s {size / wall / 1e6:7.1f} MB/s  cpu {cpu:6.2f} s  {count} {unit}")

    for threads in (1, 2):
        def cli(threads=threads):
            subprocess.run([NKNER, "annotate", "--quiet", "--input", "jsonl", "--threads", str(threads), path],
                           stdout=subprocess.DEVNULL, check=True)
            return "-"
        report(f"cli{threads}", f"nkner annotate --threads {threads}", best(args.runs, cli), "")

        def pipe(threads=threads):
            return sum(len(spans) for spans in extractor.pipe(texts, threads=threads))
        report(f"pipe{threads}", f"Extractor.pipe(threads={threads})", best(args.runs, pipe))

        def pipe_file(threads=threads):
            with open(path, encoding="utf-8") as f:
                found = extractor.pipe((json.loads(line)["text"] for line in f), threads=threads)
                return sum(len(spans) for spans in found)
        report(f"file{threads}", f"Extractor.pipe(threads={threads}), from the file", best(args.runs, pipe_file))

    try:
        from flashtext2 import KeywordProcessor
    except ImportError:
        print("flashtext2: not installed (pip install flashtext2)")
    else:
        processor = KeywordProcessor(case_sensitive=False)
        processor.add_keywords_from_iter(patterns)
        report("flashtext2", "flashtext2, 1 thread", best(args.runs, lambda: sum(len(processor.extract_keywords_with_span(t)) for t in texts)), "matches")
    try:
        import ahocorasick
    except ImportError:
        print("pyahocorasick: not installed (pip install pyahocorasick)")
    else:
        automaton = ahocorasick.Automaton()
        for p in patterns:
            automaton.add_word(p, len(p))
        automaton.make_automaton()
        report("pyahocorasick", "pyahocorasick (iter_long), 1 thread", best(args.runs, lambda: sum(1 for t in texts for _ in automaton.iter_long(t.lower()))), "matches")

    # Speed ratios by wall time, and by CPU time (what they would be with the run alone on the machine
    # and a core for each busy thread; the steadier figure on a loaded machine).
    def ratio(label, slow, fast, by_cpu=True):
        cpu = f"  (by CPU time {cpus[slow] / cpus[fast]:.2f})" if by_cpu else ""
        print(f"{label:<44} {rows[slow] / rows[fast]:6.2f}{cpu}")

    print()
    for threads in (1, 2):
        ratio(f"pipe / CLI, {threads} thread(s)", f"cli{threads}", f"pipe{threads}")
        ratio(f"pipe from the file / CLI, {threads} thread(s)", f"cli{threads}", f"file{threads}")
    ratio("pipe, 2 threads / 1 thread", "pipe1", "pipe2", by_cpu=False)
    ratio("CLI, 2 threads / 1 thread", "cli1", "cli2", by_cpu=False)
    for other in ("flashtext2", "pyahocorasick"):
        if other in rows:
            ratio(f"pipe 1 thread / {other}", other, "pipe1")
            ratio(f"pipe 2 threads / {other}", other, "pipe2")

    if args.memory_mb:
        big = corpus(args.memory_mb)
        code = (
            "import json, sys, nkner\n"
            "n = 0\n"
            "with open(sys.argv[1], encoding='utf-8') as f:\n"
            "    for spans in nkner.Extractor().pipe((json.loads(l)['text'] for l in f), threads=2):\n"
            "        n += len(spans)\n"
            "print(n)\n"
        )
        stats = os.path.join(BENCH, "time")
        command = ["/usr/bin/time", "-f", "%e %M", "-o", stats, sys.executable, "-c", code, big]
        done = subprocess.run(command, stdout=subprocess.PIPE, check=True)
        with open(stats) as f:
            wall, peak = f.read().split()[-2:]
        print(f"\n{os.path.getsize(big) / 1e9:.2f} GB through pipe (threads=2, from the file, json.loads "
              f"each line): {float(wall):.1f} s, {int(done.stdout)} spans, peak RSS {int(peak) / 1024:.1f} MB")


if __name__ == "__main__":
    main()
