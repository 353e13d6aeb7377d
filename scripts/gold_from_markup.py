#!/usr/bin/env python3
"""Convert the inline-markup gold source into gold JSON Lines.

Usage:
    python3 scripts/gold_from_markup.py [INPUT.txt] [OUTPUT.jsonl]

Defaults: tests/data/dev_gold.txt -> tests/data/dev_gold.jsonl (relative to the
repository root, i.e. the parent of this script's directory).

Markup format (see ANNOTATION.md for what counts as a span):

  * One document per block; blocks are separated by a line that is exactly `---`.
  * Each block starts with a header line (blank lines before it are skipped):
        id: <id> | category: <news|adversarial|hangul>
  * The text of the block is the lines after the header, joined with "\\n", with
    trailing newlines stripped. Nothing else is normalized (double spaces, curly
    quotes, combining marks and invisible format characters are kept as written).
  * Entities are marked inline as `[[surface text|LABEL|kb_id]]`. The surface text
    may contain newlines. kb_id is a reference id or `null`.

Output: one JSON object per document, in file order:
    {"id", "category", "text", "spans": [{"start", "end", "label", "text", "kb_id"}]}
with start/end in Unicode code points (Python string indices) into the text with
the markup removed, end exclusive, spans sorted by start.

The script exits with status 1 and a message naming the block and line on any
malformed marker, unknown label or category, empty/whitespace-padded surface,
overlapping spans or duplicate id. It uses the standard library only.
"""

import json
import re
import sys
from pathlib import Path

LABELS = {"PROVINCE", "CITY", "COUNTY", "DISTRICT", "AGENCY", "UNIT"}
CATEGORIES = {"news", "adversarial", "hangul"}
HEADER_RE = re.compile(r"^id:\s*(\S+)\s*\|\s*category:\s*(\S+)\s*$")
KB_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
OPEN, CLOSE = "[[", "]]"


class MarkupError(Exception):
    pass


def parse_markup(raw, where):
    """Return (plain_text, spans) for one block's marked-up text."""
    out = []  # pieces of plain text
    spans = []
    pos = 0  # index into raw
    plain_len = 0
    while True:
        i = raw.find(OPEN, pos)
        j = raw.find(CLOSE, pos)
        if i == -1:
            if j != -1:
                raise MarkupError(f"{where}: stray ']]' at {_loc(raw, j)}")
            chunk = raw[pos:]
            _check_plain(chunk, raw, pos, where)
            out.append(chunk)
            break
        if j != -1 and j < i:
            raise MarkupError(f"{where}: stray ']]' at {_loc(raw, j)}")
        chunk = raw[pos:i]
        _check_plain(chunk, raw, pos, where)
        out.append(chunk)
        plain_len += len(chunk)
        end = raw.find(CLOSE, i + 2)
        if end == -1:
            raise MarkupError(f"{where}: unclosed '[[' at {_loc(raw, i)}")
        inner = raw[i + 2:end]
        if OPEN in inner:
            raise MarkupError(f"{where}: nested '[[' in marker at {_loc(raw, i)}")
        parts = inner.split("|")
        if len(parts) != 3:
            raise MarkupError(
                f"{where}: marker at {_loc(raw, i)} must be [[surface|LABEL|kb_id]], got [[{inner}]]")
        surface, label, kb = parts
        if not surface:
            raise MarkupError(f"{where}: empty surface at {_loc(raw, i)}")
        if surface != surface.strip():
            raise MarkupError(f"{where}: surface {surface!r} at {_loc(raw, i)} starts or ends with whitespace")
        if label not in LABELS:
            raise MarkupError(f"{where}: unknown label {label!r} at {_loc(raw, i)}")
        if kb == "null":
            kb_id = None
        elif KB_RE.match(kb):
            kb_id = kb
        else:
            raise MarkupError(f"{where}: bad kb_id {kb!r} at {_loc(raw, i)}")
        spans.append({"start": plain_len, "end": plain_len + len(surface),
                      "label": label, "text": surface, "kb_id": kb_id})
        out.append(surface)
        plain_len += len(surface)
        pos = end + 2
    text = "".join(out)
    spans.sort(key=lambda s: (s["start"], s["end"]))
    for a, b in zip(spans, spans[1:]):
        if b["start"] < a["end"]:
            raise MarkupError(f"{where}: overlapping spans {a['text']!r} and {b['text']!r}")
    for s in spans:
        if text[s["start"]:s["end"]] != s["text"]:
            raise MarkupError(f"{where}: internal offset error for {s['text']!r}")
    return text, spans


def _check_plain(chunk, raw, offset, where):
    # A lone '|' is fine in prose, but a single '[' / ']' run next to another is
    # almost certainly a broken marker.
    for bad in ("[[", "]]"):
        k = chunk.find(bad)
        if k != -1:
            raise MarkupError(f"{where}: stray {bad!r} at {_loc(raw, offset + k)}")


def _loc(raw, idx):
    line = raw.count("\n", 0, idx) + 1
    return f"text line {line}"


def split_blocks(lines):
    """Yield (first_line_number, [lines]) for each block separated by '---'."""
    block, start = [], 1
    for n, line in enumerate(lines, 1):
        if line == "---":
            yield start, block
            block, start = [], n + 1
        else:
            block.append(line)
    yield start, block


def convert(src_text, src_name="<input>"):
    lines = src_text.split("\n")
    docs, seen = [], {}
    blocks = list(split_blocks(lines))
    for bi, (start, block) in enumerate(blocks):
        # skip blank lines before the header
        k = 0
        while k < len(block) and block[k].strip() == "":
            k += 1
        if k == len(block):
            if bi == len(blocks) - 1 and bi > 0:
                continue  # trailing '---' at the end of the file
            raise MarkupError(f"{src_name}:{start}: empty block")
        header_line = start + k
        m = HEADER_RE.match(block[k])
        if not m:
            raise MarkupError(f"{src_name}:{header_line}: bad header {block[k]!r}")
        doc_id, category = m.group(1), m.group(2)
        if category not in CATEGORIES:
            raise MarkupError(f"{src_name}:{header_line}: unknown category {category!r}")
        if doc_id in seen:
            raise MarkupError(
                f"{src_name}:{header_line}: duplicate id {doc_id!r} (first at line {seen[doc_id]})")
        seen[doc_id] = header_line
        raw = "\n".join(block[k + 1:]).rstrip("\n")
        if not raw.strip():
            raise MarkupError(f"{src_name}:{header_line}: document {doc_id!r} has no text")
        text, spans = parse_markup(raw, f"{src_name}:{header_line} ({doc_id})")
        docs.append({"id": doc_id, "category": category, "text": text, "spans": spans})
    return docs


def main(argv):
    root = Path(__file__).resolve().parent.parent
    src = Path(argv[1]) if len(argv) > 1 else root / "tests" / "data" / "dev_gold.txt"
    dst = Path(argv[2]) if len(argv) > 2 else root / "tests" / "data" / "dev_gold.jsonl"
    try:
        # newline="" keeps any \r so nothing is silently rewritten; the file is LF.
        with open(src, encoding="utf-8", newline="") as f:
            src_text = f.read()
        if "\r" in src_text:
            raise MarkupError(f"{src}: contains carriage returns; use LF line endings")
        docs = convert(src_text, str(src))
    except (MarkupError, UnicodeDecodeError) as e:
        print(f"gold_from_markup: error: {e}", file=sys.stderr)
        return 1
    with open(dst, "w", encoding="utf-8", newline="\n") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    n_spans = sum(len(d["spans"]) for d in docs)
    print(f"wrote {len(docs)} documents, {n_spans} spans to {dst}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
