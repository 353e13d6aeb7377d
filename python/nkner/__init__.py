"""Finds North Korean provinces, cities, counties, districts, state agencies and units in text, and
returns them as typed spans linked to a gazetteer.

A thin layer over the Rust library `nkner` (the same extractor as the `nkner` command line tool):

>>> import nkner
>>> [(s.text, s.label, s.kb_id) for s in nkner.extract("The MSS detained traders in Hyesan.")]
[('MSS', 'AGENCY', 'mss'), ('Hyesan', 'CITY', 'kp-ryanggang-hyesan')]

- `extract(text)` uses the default extractor (built-in gazetteer and rules), built on first use.
- `Extractor(labels=..., gazetteers=[...], rules=[...], builtin=True)` configures one; its `extract`
  annotates one text and `pipe(texts, batch_size=..., threads=...)` many, on several cores, in order.
- `Span` is one mention: `start`/`end` are Python string indices, the other fields those of the JSON
  output (`to_dict()`).
- `lookup(name)` says which gazetteer entries a name or spelling matches; `entities()` lists them.
- `Error` is raised for a bad gazetteer file or rule, with the library's message (file and line).

The spaCy component is `nkner.spacy` (`nlp.add_pipe("nkner")` finds it through an entry point; importing
`nkner` does not import spaCy).
"""

# Everything the compiled module exports (its `__all__`, listed in `_nkner.pyi`).
from ._nkner import *  # noqa: F401,F403
from ._nkner import __all__  # noqa: F401
