"""Type stubs of the compiled module `framelex._framelex` (re-exported by `framelex`)."""

import os
from typing import Any, Iterable, Literal, Mapping, Optional, Sequence, Union, overload

import pyarrow

__version__: str

Unit = Literal["document", "paragraph", "sentence"]
Voice = Literal["all", "author", "quoted"]

class LexiconError(ValueError):
    """A lexicon set that does not load.

    ``str(err)`` lists every problem as the CLI prints it, ``file:line:col: message``,
    one per line (files given to ``Lexicons.from_toml`` as a list are named
    ``<toml 1>``, ``<toml 2>`` …)."""

    diagnostics: list[str]
    """The same problems, one string each."""

class Hit:
    """One hit of a lexicon term in a text (from ``Lexicons.explain``)."""

    start: int
    """Python string index of the first character: ``text[hit.start:hit.end] == hit.text``."""
    end: int
    """Python string index after the last character."""
    text: str
    """The matched text as written in the document."""
    term: str
    """The lexicon term that matched, as written (wildcards with their ``*``)."""
    frame: str
    """The frame id."""
    kind: Literal["counted", "negated", "excluded", "out_of_scope"]
    """How the hit counts: toward the frame, as a negated hit, not at all (inside an
    exclusion phrase), or not at all (too few topic-scope terms around it)."""
    voice: Literal["author", "quoted"]
    """Whether the hit is inside quotation marks or reported speech."""
    weight: float
    """The term's weight."""

class Lexicons:
    """A compiled lexicon set: frames, their terms, and the automaton that finds them.

    Thread-safe and immutable; picklable (it is rebuilt from its TOML texts), so it can
    be sent to worker processes."""

    @staticmethod
    def default() -> "Lexicons":
        """The default set embedded in the package (the same as the CLI's)."""
    @staticmethod
    def load(paths: Union[str, os.PathLike[str], Sequence[Union[str, os.PathLike[str]]]]) -> "Lexicons":
        """Loads a set from a folder of TOML files, one file, or a list of them, as
        ``--lexicons`` does; a name that is no path selects an embedded set
        (``Lexicons.load("policy-frames")``). Raises ``LexiconError``
        (``file:line:col: message``)."""
    @staticmethod
    def from_toml(strings: Union[str, Sequence[str], Mapping[str, str]]) -> "Lexicons":
        """A set from TOML texts: one string (one frame), a list (one frame each) or a
        dict from file names to texts, where a ``"set.toml"`` entry holds the set's
        settings as in a folder. Raises ``LexiconError``."""
    @property
    def frames(self) -> list[str]:
        """Frame ids, in set order."""
    def terms(self, frame: str) -> list[str]:
        """The terms of a frame as written, in lexicon order (exclusion phrases are not
        terms). Raises ``ValueError`` for an unknown frame."""
    @overload
    def score(
        self,
        text: str,
        *,
        unit: Literal["document"] = "document",
        voice: Optional[Voice] = None,
        count_units: Optional[Literal["paragraph", "sentence"]] = None,
    ) -> dict[str, Any]: ...
    @overload
    def score(
        self,
        text: str,
        *,
        unit: Literal["paragraph", "sentence"],
        voice: Optional[Voice] = None,
        count_units: None = None,
    ) -> list[dict[str, Any]]: ...
    def score(
        self,
        text: str,
        *,
        unit: Unit = "document",
        voice: Optional[Voice] = None,
        count_units: Optional[Literal["paragraph", "sentence"]] = None,
    ) -> Union[dict[str, Any], list[dict[str, Any]]]:
        """Scores one text. Returns the keys and values of one
        ``framelex score --format jsonl`` record without ``id``: ``frames`` (per frame
        ``hits``, ``negated``, ``score``, ``density``, ``present``, ``terms`` and, when
        they apply, ``rules``, ``voice``, ``units_present``, ``negated_terms``,
        ``out_of_scope``…), ``dominant`` and ``words`` (and ``scopes`` for sets with
        topic scopes). With ``unit="paragraph"`` or ``"sentence"``, a list of such
        records, each with ``unit`` (its index) and ``start``/``end`` as Python string
        indices. ``voice`` keeps only the author's or quoted hits ("all" adds the
        per-voice counts); ``count_units`` adds ``units_present``, as
        ``--count-units``."""
    def score_many(
        self,
        texts: Iterable[Optional[str]],
        *,
        unit: Unit = "document",
        voice: Optional[Voice] = None,
        count_units: Optional[Literal["paragraph", "sentence"]] = None,
        threads: Optional[int] = None,
    ) -> list[Any]:
        """Scores many texts in parallel (the GIL released, ``threads`` workers, None:
        one per core). One result per text, in order, as ``score`` gives it; ``None`` in
        the input gives ``None``. Raises ``TypeError`` naming the position of a value
        that is neither ``str`` nor ``None``."""
    def score_arrow(
        self,
        array: Any,
        *,
        unit: Unit = "document",
        voice: Optional[Voice] = None,
        threads: Optional[int] = None,
        terms: bool = False,
    ) -> pyarrow.RecordBatch:
        """Scores an Arrow array of strings (a pyarrow ``Array``, ``ChunkedArray`` or
        ``RecordBatch`` column, a polars ``Series``: anything with the Arrow PyCapsule
        interface; ``string``, ``large_string`` or ``string_view``), read in place.
        Returns one row per input row with the columns of ``framelex score --format
        csv`` except ``id`` and ``error``: ``words``, ``dominant``, then per frame
        ``<frame>_hits``, ``_negated``, ``_score``, ``_density``, ``_present`` (and
        ``_out_of_scope`` for scoped frames), then ``scope_<name>``. ``terms=True`` adds
        ``<frame>_terms`` (map of term to counted hits), which ``summarize`` needs. A
        null text gives a null row. With ``unit="paragraph"`` or ``"sentence"`` each unit
        is a row, led by ``row`` (the input row), ``unit`` (its index in the text) and
        ``start``/``end`` (Python string indices). Needs pyarrow >= 14."""
    def explain(self, text: str, *, voice: Voice = "all") -> list[Hit]:
        """Every term hit of every frame in the text (counted, negated, excluded or out
        of scope), in text order, with Python string indices, as ``framelex explain``
        marks them; proximity-rule hits are counted in ``score(text)``'s ``rules``.
        ``voice="author"`` or ``"quoted"`` drops the other voice's hits from the counts
        as ``score`` does (they are still listed, with their voice)."""
    def __reduce__(self) -> Any: ...

def period_labels(values: Sequence[Optional[str]], period: Literal["year", "month", "week"]) -> list[str]:
    """The period label of each date as ``framelex summarize --date-field … --period …``
    groups it: ``"2024"``, ``"2024-03"``, ``"2024-W09"``, ``"(missing)"`` for None or a
    blank value, ``"(unparseable)"`` for what is not a date in a known format."""

def _summarize_json(
    records: list[str],
    lexicons: Lexicons,
    group_by: list[str],
    date_field: Optional[str],
    period: Optional[str],
    top: int,
) -> str: ...
def _merge_json(summaries: list[str], top: int) -> str: ...
