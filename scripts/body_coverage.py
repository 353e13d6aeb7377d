#!/usr/bin/env python3
"""Coverage of the body table (gazetteers/agencies.tsv) against the independent check's list of current
bodies (standard library only).

Usage:
    python3 scripts/body_coverage.py [CHECK.md] [AGENCIES.tsv]

Defaults: ../shared/reference/agencies-check.md beside the repository (the check is not part of the
project) and gazetteers/agencies.tsv.

The check's current bodies are (a) the ids of its table of all rows (section 1.2), less those it marks
defunct, abolished or replaced, and (b) the missing bodies of section 1.3: each Hangul name in
parentheses there (not the former names after "ex-"), the numbered corps of item 9, and the three
bodies it names only in English (TraderTraitor, APT37, the space science commission). A body counts
as covered when its id is a row, or its Hangul or English name is a form of a row. Prints the bodies
not covered and the figure.
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECK = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent.parent / "shared/reference/agencies-check.md"
if not CHECK.exists():
    CHECK = ROOT.parent / "shared/reference/agencies-check.md"
TABLE = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "gazetteers/agencies.tsv"

text = CHECK.read_text(encoding="utf-8")
all_rows = text.split("### 1.2 All rows")[1].split("### 1.3")[0]
missing = text.split("### 1.3 Missing bodies")[1].split("## 3.")[0]

rows = [l.split("\t") for l in TABLE.read_text(encoding="utf-8").splitlines()[1:] if l.strip()]
ids = {r[0] for r in rows}
forms = set()
for r in rows:
    for cell in (r[3], r[5], r[6], r[7]):
        for f in cell.split("|"):
            f = re.sub(r"\{.*\}$", "", f)
            f = re.sub(r" \([^)]*\)$", "", f).strip().lower()
            if f:
                forms.add(f)

current = []
for line in all_rows.splitlines():
    cells = [c.strip() for c in line.split("|")]
    if len(cells) < 5 or not re.match(r"^\d", cells[1]):
        continue
    mark_note = (cells[3] + " " + cells[4]).lower()
    names = [n.strip(" `") for n in cells[2].split(",")]
    # "ministry_coal, _chemical, ...": the later names continue the first one's prefix.
    prefix = names[0].rsplit("_", 1)[0] + "_" if names[0].count("_") else ""
    for n in names:
        body = prefix + n[1:] if n.startswith("_") else n
        defunct = any(w in mark_note for w in ("defunct", "abolished"))
        replaced = "wrong" in mark_note and body in ("ministry_education", "cprk")
        if not (defunct or replaced):
            current.append(("row", body))

for hangul in re.findall(r"\(([^()]*[\uac00-\ud7a3][^()]*)\)", missing):
    for part in re.split(r"[;,]", hangul):
        part = part.strip()
        if not part or part.startswith("ex-") or "until" in part or not re.search(r"[\uac00-\ud7a3]", part):
            continue
        part = re.sub(r",? ?\d{4}$", "", part).strip()
        current.append(("hangul", part))
for n in ("2", "5", "7", "9", "10"):
    current.append(("hangul", f"제{n}군단"))
current += [("english", "tradertraitor"), ("english", "apt37"),
            ("english", "non-standing national commission of space science and technology")]

# The check counts the Ministry of Atomic Energy Industry and the General Bureau of Atomic Energy as one.
current.remove(("hangul", "원자력총국"))
# Hangul left out of the table as a form on purpose (gazetteers/README.md): the row that is the body.
ROW_OF = {"법무부": "wpk_legal_dept"}

covered = []
for kind, name in current:
    if kind == "row":
        ok = name in ids
    else:
        # A bare bureau name (작전국) is written only inside its longer name (정찰총국 작전국).
        ok = name.lower() in forms or ROW_OF.get(name) in ids or any(
            f.endswith(" " + name.lower()) for f in forms)
    covered.append(ok)
    if not ok:
        print(f"not covered: {kind} {name}")
n, k = len(current), sum(covered)
print(f"current bodies in the check: {n} ({sum(1 for c in current if c[0] == 'row')} rows of its table, "
      f"{sum(1 for c in current if c[0] != 'row')} missing bodies); covered: {k}; coverage {k / n:.1%}")
