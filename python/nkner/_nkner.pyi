"""Type stubs of the compiled module; the package `nkner` re-exports everything here."""

import os
from typing import Any, Dict, Iterable, Iterator, List, Optional, Sequence, Union, final

__all__ = [
    "Error",
    "Extractor",
    "GAZETTEER_VERSION",
    "Pipe",
    "Rule",
    "Span",
    "__version__",
    "entities",
    "extract",
    "lookup",
]
__version__: str
GAZETTEER_VERSION: str

class Error(ValueError):
    """A gazetteer, rule or option nkner cannot use. The message names the file and line where there
    is one; an unreadable file has its OSError as `__cause__`."""

    line: Optional[int]
    """The 1-based line of the gazetteer file at fault, if the error is about a line."""
    source_name: Optional[str]
    """The gazetteer file (or source name) the error is about, if any."""

@final
class Span:
    """One mention: where it is (Python string indices and UTF-8 bytes), what it is, which gazetteer
    entry it names. Spans compare equal when every field is equal, and are hashable."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def start_byte(self) -> int: ...
    @property
    def end_byte(self) -> int: ...
    @property
    def label(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def kb_id(self) -> Optional[str]: ...
    @property
    def name(self) -> Optional[str]: ...
    @property
    def parent_id(self) -> Optional[str]: ...
    @property
    def province_id(self) -> Optional[str]: ...
    @property
    def lat(self) -> Optional[float]: ...
    @property
    def lon(self) -> Optional[float]: ...
    @property
    def ambiguous(self) -> bool: ...
    @property
    def candidates(self) -> List[str]: ...
    @property
    def source(self) -> Dict[str, str]: ...
    def to_dict(self) -> Dict[str, Any]:
        """The span as the JSON output writes it (optional fields only where they have a value)."""
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Rule:
    """A regex for what a list cannot hold, giving spans of one label."""

    def __new__(cls, name: str, pattern: str, label: str, north_korean_cue: bool = False) -> "Rule": ...
    @property
    def name(self) -> str: ...

@final
class Pipe(Iterator[List[Span]]):
    """The iterator `Extractor.pipe` returns: one list of spans per input text, in input order."""

    def __iter__(self) -> "Pipe": ...
    def __next__(self) -> List[Span]: ...

@final
class Extractor:
    """Finds North Korean places, agencies and units in text. Build once, reuse, share across threads."""

    def __new__(
        cls,
        *,
        labels: Optional[Sequence[str]] = None,
        gazetteers: Sequence[Union[str, "os.PathLike[str]"]] = (),
        rules: Sequence[Rule] = (),
        builtin: bool = True,
    ) -> "Extractor": ...
    def extract(self, text: str) -> List[Span]:
        """The spans of `text`: sorted by start, never overlapping."""
    def pipe(
        self, texts: Iterable[str], *, batch_size: int = 256, threads: Optional[int] = None
    ) -> Pipe:
        """One list of spans per text, in input order, computed on `threads` worker threads."""
    def lookup(self, name: str) -> List[Dict[str, Any]]:
        """Every entry a name or spelling matches, with the form and the variant rules."""
    def entities(self) -> List[Dict[str, Any]]:
        """Every entry of the extractor's gazetteers, in gazetteer order."""
    def patterns(self) -> List[str]:
        """Every form and generated variant, folded and in lower case, and the context cue phrases."""
    def entity(self, id: str) -> Optional[Dict[str, Any]]:
        """The entry with this id, or None."""

def extract(text: str) -> List[Span]:
    """The spans of `text` with the default extractor."""

def lookup(name: str) -> List[Dict[str, Any]]:
    """What the built-in gazetteer knows about a name."""

def entities() -> List[Dict[str, Any]]:
    """Every entry of the built-in gazetteer."""
