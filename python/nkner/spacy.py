"""The spaCy component: `nlp.add_pipe("nkner")`.

spaCy finds the factory through the `spacy_factories` entry point of the package, so nothing needs
importing first, and importing `nkner` imports neither spaCy nor this module.

```python
import spacy

nlp = spacy.blank("en")
nlp.add_pipe("nkner")
doc = nlp("The MSS arrested smugglers in Hyesan, Ryanggang Province.")
[(e.text, e.label_, e.kb_id_, e._.province_id) for e in doc.ents]
```

Config (all optional):

- `labels`: the labels to keep (default: all six).
- `gazetteers`: TSV files loaded on top of the built-in gazetteer; `builtin: false` leaves it out.
  `nlp.to_disk` saves the files' contents with the pipeline and `spacy.load` reads them from there, so a
  saved pipeline does not need the original paths.
- `spans_key`: null (default) sets `doc.ents`; a string puts the spans in `doc.spans[spans_key]`
  instead, for pipelines whose `doc.ents` come from another component.
- `overwrite_ents`: with `doc.ents`, whether nkner's spans replace entities already there that they
  overlap (default false: existing entities are kept and overlapping nkner spans left out of `doc.ents`;
  they are still in `doc._.nkner_spans`).
- `alignment_mode`: how character spans become token spans, `Doc.char_span`'s `alignment_mode`:
  `"expand"` (default) widens a span to the tokens it touches, so no mention is lost when a tokenizer
  does not split where nkner does (Korean particles: "혜산에서" is one token, nkner's span is "혜산");
  `"contract"` keeps only tokens wholly inside; `"strict"` keeps only spans on token boundaries.
- `batch_size`, `threads`: for `nlp.pipe`, passed to `Extractor.pipe`.

Each entity or span gets `label_`, `kb_id_` (empty when the span is not linked) and the extensions
`._.parent_id`, `._.province_id`, `._.ambiguous` and `._.source` (a dict, as `nkner.Span.source`).
`doc._.nkner_spans` holds every span found, with its exact character offsets, as `nkner.Span.to_dict()`
gives it (plain data, so `DocBin(store_user_data=True)` saves it), and `doc._.nkner_unaligned` those that
could not be placed: no token span under the alignment mode, or one overlapping the span before it once
aligned.
"""

import shutil
from collections import deque
from pathlib import Path
from typing import Any, Dict, Iterable, Iterator, List, Optional, Set, Tuple

import srsly
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan
from spacy.util import ensure_path

import nkner

SPAN_EXTENSIONS = ("parent_id", "province_id", "ambiguous", "source")
DOC_EXTENSIONS = ("nkner_spans", "nkner_unaligned")
ALIGNMENT_MODES = ("strict", "contract", "expand")
LABELS = ("PROVINCE", "CITY", "COUNTY", "DISTRICT", "AGENCY", "UNIT")


def _register_extensions() -> None:
    for name in SPAN_EXTENSIONS:
        if not SpacySpan.has_extension(name):
            SpacySpan.set_extension(name, default=None)
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


@Language.factory(
    "nkner",
    default_config={
        "labels": None,
        "gazetteers": [],
        "builtin": True,
        "spans_key": None,
        "overwrite_ents": False,
        "alignment_mode": "expand",
        "batch_size": 256,
        "threads": None,
    },
    assigns=["doc.ents", "doc.spans", "token.ent_iob", "token.ent_type"]
    + [f"span._.{name}" for name in SPAN_EXTENSIONS],
)
def make_nkner(
    nlp: Language,
    name: str,
    labels: Optional[List[str]],
    gazetteers: List[str],
    builtin: bool,
    spans_key: Optional[str],
    overwrite_ents: bool,
    alignment_mode: str,
    batch_size: int,
    threads: Optional[int],
) -> "NknerComponent":
    return NknerComponent(
        nlp,
        name,
        labels=labels,
        gazetteers=gazetteers,
        builtin=builtin,
        spans_key=spans_key,
        overwrite_ents=overwrite_ents,
        alignment_mode=alignment_mode,
        batch_size=batch_size,
        threads=threads,
    )


class NknerComponent:
    """Finds North Korean places, agencies and units with nkner and sets them on the Doc."""

    def __init__(
        self,
        nlp: Language,
        name: str = "nkner",
        *,
        labels: Optional[List[str]] = None,
        gazetteers: Iterable[str] = (),
        builtin: bool = True,
        spans_key: Optional[str] = None,
        overwrite_ents: bool = False,
        alignment_mode: str = "expand",
        batch_size: int = 256,
        threads: Optional[int] = None,
    ) -> None:
        if alignment_mode not in ALIGNMENT_MODES:
            raise ValueError(f"nkner: alignment_mode must be one of {ALIGNMENT_MODES}, not {alignment_mode!r}")
        self.name = name
        self._labels = labels
        self.builtin = builtin
        self.spans_key = spans_key
        self.overwrite_ents = overwrite_ents
        self.alignment_mode = alignment_mode
        self.batch_size = batch_size
        self.threads = threads
        self.gazetteers = [Path(g) for g in gazetteers]
        self._extractor: Optional[nkner.Extractor] = None
        # Built now, so that a bad file is reported by add_pipe; a pipeline being loaded may name files
        # that only its saved copy holds: from_disk builds it then.
        if all(path.exists() for path in self.gazetteers):
            self._extractor = self._build()
        _register_extensions()

    def _build(self) -> nkner.Extractor:
        return nkner.Extractor(labels=self._labels, gazetteers=self.gazetteers, builtin=self.builtin)

    @property
    def labels(self) -> Tuple[str, ...]:
        """The labels the component sets (spaCy lists them in the pipeline's meta)."""
        return tuple(self._labels) if self._labels is not None else LABELS

    @property
    def extractor(self) -> nkner.Extractor:
        if self._extractor is None:
            self._extractor = self._build()
        return self._extractor

    def __call__(self, doc: Doc) -> Doc:
        return self.set_spans(doc, self.extractor.extract(doc.text))

    def pipe(self, stream: Iterable[Doc], *, batch_size: Optional[int] = None) -> Iterator[Doc]:
        """Annotates the docs on several threads (`Extractor.pipe`), in order."""
        pending: deque = deque()

        def texts() -> Iterator[str]:
            for doc in stream:
                pending.append(doc)
                yield doc.text

        found = self.extractor.pipe(texts(), batch_size=batch_size or self.batch_size, threads=self.threads)
        for spans in found:
            yield self.set_spans(pending.popleft(), spans)

    def set_spans(self, doc: Doc, spans: List[nkner.Span]) -> Doc:
        """Sets nkner's spans on `doc`: as `doc.ents` or `doc.spans[spans_key]`, and the extensions."""
        aligned: List[SpacySpan] = []
        unaligned: List[Dict[str, Any]] = []
        for found in spans:
            span = doc.char_span(
                found.start,
                found.end,
                label=found.label,
                kb_id=found.kb_id or 0,
                alignment_mode=self.alignment_mode,
            )
            if span is None or (aligned and span.start < aligned[-1].end):
                unaligned.append(found.to_dict())
                continue
            span._.parent_id = found.parent_id
            span._.province_id = found.province_id
            span._.ambiguous = found.ambiguous
            span._.source = found.source
            aligned.append(span)
        doc._.nkner_spans = [found.to_dict() for found in spans]
        doc._.nkner_unaligned = unaligned
        if self.spans_key is not None:
            doc.spans[self.spans_key] = aligned
            return doc
        old = list(doc.ents)
        first, second = (aligned, old) if self.overwrite_ents else (old, aligned)
        taken: Set[int] = set()
        for span in first:
            taken.update(range(span.start, span.end))
        kept = [s for s in second if not taken.intersection(range(s.start, s.end))]
        doc.ents = sorted(first + kept, key=lambda s: s.start)
        return doc

    def to_disk(self, path, *, exclude=()) -> None:
        """Saves the user gazetteers' contents with the pipeline (the options are in its config)."""
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        names = []
        for i, source in enumerate(self.gazetteers):
            name = f"gazetteer-{i}.tsv"
            shutil.copyfile(source, path / name)
            names.append(name)
        srsly.write_json(path / "nkner.json", {"gazetteers": names, "nkner": nkner.__version__})

    def from_disk(self, path, *, exclude=()) -> "NknerComponent":
        """Reads the gazetteers `to_disk` saved and builds the extractor from them."""
        path = ensure_path(path)
        saved = srsly.read_json(path / "nkner.json")
        self.gazetteers = [path / name for name in saved["gazetteers"]]
        self._extractor = self._build()
        return self
