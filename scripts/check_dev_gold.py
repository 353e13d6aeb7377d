#!/usr/bin/env python3
"""Sanity checks for a gold JSON Lines file (standard library only).

Usage:
    python3 scripts/check_dev_gold.py [GOLD.jsonl] [REFERENCE_DIR]

Defaults: tests/data/dev_gold.jsonl and $NKNER_REFERENCE, else ../shared/reference beside the
repository (the reference tables are not part of the project: this check is optional; the test
suite checks the gold on its own).
Checks: unique ids; each span's text equals its slice of the text; spans sorted
and non-overlapping; labels in the label set; every non-null kb_id exists in
nk_admin_divisions.tsv or nk_agencies.tsv; place kb_ids carry a label that fits
the row's kind (or a former status, listed below). Prints counts per category
and label. Exits 1 on any failure.
"""

import collections
import csv
import json
import os
import sys
from pathlib import Path

LABELS = {"PROVINCE", "CITY", "COUNTY", "DISTRICT", "AGENCY", "UNIT"}
KIND_LABEL = {"province": "PROVINCE", "provincial_city": "CITY", "city": "CITY",
              "county": "COUNTY", "district": "DISTRICT"}
# Former statuses (ANNOTATION.md rule 15): a head word matching an earlier status
# gives that label while the kb_id stays today's row.
FORMER_STATUS_OK = {
    ("kp-ryanggang-samjiyon", "COUNTY"),          # Samjiyon County (before 2019)
    ("kp-south-hamgyong-hungnam", "CITY"),        # Hungnam City
    ("kp-pyongyang-sunan-district", "COUNTY"),    # Sunan County
    ("kp-north-hwanghae-sungho-county", "DISTRICT"),  # Sungho District
    ("kp-nampo-taean-district", "COUNTY"),        # Taean County
    ("kp-nampo-kangso-district", "COUNTY"),
    ("kp-nampo-chollima-district", "COUNTY"),
}


def main(argv):
    root = Path(__file__).resolve().parent.parent
    gold = Path(argv[1]) if len(argv) > 1 else root / "tests" / "data" / "dev_gold.jsonl"
    ref = Path(argv[2] if len(argv) > 2 else os.environ.get("NKNER_REFERENCE", str(root.parent / "shared" / "reference")))
    admin = {r["id"]: r for r in csv.DictReader(open(ref / "nk_admin_divisions.tsv", encoding="utf-8"), delimiter="\t")}
    agencies = {r["id"]: r for r in csv.DictReader(open(ref / "nk_agencies.tsv", encoding="utf-8"), delimiter="\t")}
    errors = []
    ids = set()
    per_cat = collections.Counter()
    per_label = collections.Counter()
    spans_per_cat = collections.Counter()
    for n, line in enumerate(open(gold, encoding="utf-8"), 1):
        d = json.loads(line)
        did, text = d["id"], d["text"]
        if did in ids:
            errors.append(f"line {n}: duplicate id {did}")
        ids.add(did)
        per_cat[d["category"]] += 1
        prev_end = -1
        prev_start = -1
        for s in d["spans"]:
            where = f"{did} {s['start']}-{s['end']} {s['text']!r}"
            if text[s["start"]:s["end"]] != s["text"]:
                errors.append(f"{where}: text != slice {text[s['start']:s['end']]!r}")
            if s["start"] < prev_start:
                errors.append(f"{where}: not sorted")
            if s["start"] < prev_end:
                errors.append(f"{where}: overlaps previous span")
            if not (0 <= s["start"] < s["end"] <= len(text)):
                errors.append(f"{where}: bad offsets")
            prev_start, prev_end = s["start"], s["end"]
            if s["label"] not in LABELS:
                errors.append(f"{where}: bad label {s['label']}")
            kb = s["kb_id"]
            if kb is not None:
                if kb in admin:
                    want = KIND_LABEL.get(admin[kb]["kind"])
                    if want is None:
                        errors.append(f"{where}: kb_id {kb} is a {admin[kb]['kind']} (not labelled)")
                    elif s["label"] != want and (kb, s["label"]) not in FORMER_STATUS_OK:
                        errors.append(f"{where}: label {s['label']} but {kb} is a {admin[kb]['kind']}")
                elif kb in agencies:
                    if agencies[kb]["kind"] == "media":
                        errors.append(f"{where}: media row {kb} is not labelled")
                    if s["label"] not in ("AGENCY", "UNIT"):
                        errors.append(f"{where}: agency kb_id {kb} with label {s['label']}")
                else:
                    errors.append(f"{where}: unknown kb_id {kb}")
            per_label[s["label"]] += 1
            spans_per_cat[d["category"]] += 1
    print("documents per category:", dict(per_cat), "total", sum(per_cat.values()))
    print("spans per category:", dict(spans_per_cat), "total", sum(spans_per_cat.values()))
    print("spans per label:", dict(sorted(per_label.items())))
    for e in errors:
        print("ERROR", e)
    print("OK" if not errors else f"{len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
