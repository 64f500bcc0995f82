"""Type stubs of the `framelex` package."""

from typing import Any, Iterable, Literal, Optional, Sequence, Union

from ._framelex import Hit as Hit
from ._framelex import LexiconError as LexiconError
from ._framelex import Lexicons as Lexicons
from ._framelex import __version__ as __version__
from ._framelex import period_labels as period_labels

def score_frame(
    df: Any,
    text: str = "text",
    lexicons: Optional[Lexicons] = None,
    *,
    voice: Optional[Literal["all", "author", "quoted"]] = None,
    threads: Optional[int] = None,
    terms: bool = False,
) -> Any:
    """Scores the text column of a pandas or polars DataFrame (or a pyarrow Table) and
    returns a new frame of the same kind with the score columns of
    ``Lexicons.score_arrow`` appended (``words``, ``dominant``, ``<frame>_hits`` …).
    A missing text (None, NaN, null) gives null scores. Raises ``KeyError`` (with the
    columns and a did-you-mean) when there is no column ``text``."""

def summarize(
    records: Any,
    *,
    group_by: Union[str, Sequence[str]] = (),
    date_field: Optional[str] = None,
    period: Optional[Literal["year", "month", "week"]] = None,
    lexicons: Optional[Lexicons] = None,
    top: int = 5,
) -> dict[str, Any]:
    """The summary of ``framelex summarize --format json``: per group (the
    ``group_by`` fields, then the ``period`` of ``date_field``) documents, failed
    records, and per frame presence, mean density and top terms, plus the mergeable
    sums. ``records``: dicts (``Lexicons.score`` results with the grouping fields added,
    or parsed ``framelex score --format jsonl --keep …`` lines), or a pyarrow Table or
    pandas/polars DataFrame scored with ``terms=True``."""

def merge_summaries(summaries: Iterable[Union[dict[str, Any], str]], *, top: int = 5) -> dict[str, Any]:
    """Merges summaries exactly, as ``framelex summarize --merge``; raises
    ``ValueError`` for summaries of other frames or groupings."""
