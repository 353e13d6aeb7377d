#!/usr/bin/env python3
"""Lists the single-word forms of the gazetteer files (divisions.tsv, agencies.tsv) that are lower-case English words.

The English words are SCOWL's (Debian package wamerican: /usr/share/dict/american-english, or a list
given as the first argument). The output is the English part of gazetteers/everyday.txt.
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
WORDS = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/dict/american-english"

english = {w.strip() for w in open(WORDS, encoding="utf-8") if w.strip().islower() and "'" not in w}
forms = set()
for path in [ROOT / "gazetteers" / name for name in ("agencies.tsv", "divisions.tsv")]:
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        if not line or line.startswith("#"):
            continue
        cells = line.split("\t")
        for form in cells[5].split("|") + [cells[3]]:
            text = re.sub(r"\{.*\}$", "", form).strip()
            if text and " " not in text and not text.isupper():
                forms.add(text.lower())
for word in sorted(forms & english):
    print(word)
