"""framelex: find rhetorical frames in news text with editable TOML lexicons.

The scorer is the framelex library (Rust) itself, so results equal the CLI's:
``Lexicons.score`` returns the keys and values of one ``framelex score --format jsonl``
record, ``Lexicons.score_arrow`` the columns of ``--format csv``, ``summarize`` the JSON
of ``framelex summarize --format json``. This file only adapts DataFrames and records;
see ``docs/python.md``.
"""

from __future__ import annotations

import datetime as _dt
import difflib as _difflib
import functools as _functools
import json as _json
from collections.abc import Iterable, Mapping
from typing import Any, Optional, Sequence, Union

from ._framelex import Hit, LexiconError, Lexicons, __version__
from ._framelex import _merge_json, _summarize_json, period_labels

__all__ = [
    "Hit",
    "LexiconError",
    "Lexicons",
    "__version__",
    "merge_summaries",
    "period_labels",
    "score_frame",
    "summarize",
]

_DEFAULT: Optional[Lexicons] = None


@_functools.lru_cache(maxsize=8)
def _restore(files: tuple) -> Lexicons:
    """Unpickles a Lexicons (see Lexicons.__reduce__): from its files' (name, text)
    pairs, or the default set for none. Cached, so that workers that receive the same set
    with every task compile it once."""
    return Lexicons.from_toml(dict(files)) if files else Lexicons.default()


def _lexicons(lexicons: Optional[Lexicons]) -> Lexicons:
    global _DEFAULT
    if lexicons is None:
        if _DEFAULT is None:
            _DEFAULT = Lexicons.default()
        return _DEFAULT
    if not isinstance(lexicons, Lexicons):
        raise TypeError(
            f"lexicons= takes a framelex.Lexicons (Lexicons.load(path)), not {type(lexicons).__name__}"
        )
    return lexicons


def _kind(df: Any) -> str:
    module = type(df).__module__.split(".")[0]
    if module in ("pandas", "polars", "pyarrow"):
        return module
    raise TypeError(
        f"expected a pandas or polars DataFrame or a pyarrow Table, not {type(df).__module__}.{type(df).__name__}"
    )


def _no_column(name: str, columns: Sequence[str], what: str) -> KeyError:
    hint = _difflib.get_close_matches(name, list(columns), n=1)
    did = f"; did you mean {hint[0]!r}?" if hint else ""
    return KeyError(f"no column {name!r} ({what}); the columns are: {', '.join(map(str, columns))}{did}")


def score_frame(
    df: Any,
    text: str = "text",
    lexicons: Optional[Lexicons] = None,
    *,
    voice: Optional[str] = None,
    threads: Optional[int] = None,
    terms: bool = False,
) -> Any:
    """Scores the text column of a pandas or polars DataFrame (or a pyarrow Table) and
    returns a new frame of the same kind: its columns, then the score columns of
    ``Lexicons.score_arrow`` (``words``, ``dominant``, ``<frame>_hits`` …). A missing
    text (None, NaN, null) gives null scores."""
    import pyarrow as pa

    lex = _lexicons(lexicons)
    kind = _kind(df)
    columns = list(df.columns) if kind != "pyarrow" else df.column_names
    if text not in columns:
        raise _no_column(text, columns, "the text column; name it with text=")
    if kind == "pandas":
        try:
            array = pa.array(df[text], from_pandas=True, type=pa.large_string())
        except (pa.ArrowInvalid, pa.ArrowTypeError) as e:
            raise TypeError(f"column {text!r} must hold str (or None/NaN): {e}") from None
    elif kind == "polars":
        array = df.get_column(text).to_arrow()
    else:
        array = df.column(text)
    scores = lex.score_arrow(array, voice=voice, threads=threads, terms=terms)
    clash = [c for c in scores.schema.names if c in columns]
    if clash:
        raise ValueError(
            f"the frame already has columns named like score columns: {', '.join(clash)}; rename or drop them first"
        )
    if kind == "pandas":
        import pandas as pd

        # pandas' nullable dtypes, so that a null row leaves counts integers and
        # presence boolean (numpy dtypes would turn them into floats and objects).
        nullable = {
            pa.uint32(): pd.UInt32Dtype(),
            pa.uint64(): pd.UInt64Dtype(),
            pa.float64(): pd.Float64Dtype(),
            pa.bool_(): pd.BooleanDtype(),
            pa.string(): pd.StringDtype(),
        }

        def dtype(t: Any) -> Any:
            # Term maps stay Arrow maps, so that the frame goes back to Arrow and Parquet.
            return pd.ArrowDtype(t) if pa.types.is_map(t) else nullable.get(t)

        out = scores.to_pandas(types_mapper=dtype)
        out.index = df.index
        return pd.concat([df, out], axis=1)
    if kind == "polars":
        import polars as pl

        return df.hstack(pl.from_arrow(scores).get_columns())
    table = df
    for name in scores.schema.names:
        table = table.append_column(name, scores.column(name))
    return table


def _missing_to_none(value: Any) -> Any:
    """A grouping value as the CLI would read it from JSON: NaN, NaT and pandas.NA (a
    DataFrame's missing values) are None, a float that is a whole number (an integer
    column with missing values, in pandas) an int."""
    if value is None or isinstance(value, (str, bool)):
        return value
    try:
        if value != value:
            return None
    except TypeError:
        # pandas.NA refuses to be a bool.
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _json_default(value: Any) -> Any:
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if type(value).__name__ == "datetime64":  # numpy: .item() would give nanoseconds
        import numpy as np

        return str(np.datetime_as_string(value))
    if hasattr(value, "item"):  # other numpy scalars
        return _missing_to_none(value.item())
    return str(value)


def _count(value: Any) -> Any:
    """A count read back from a DataFrame (a float where pandas met a null)."""
    value = _missing_to_none(value)
    return int(value) if isinstance(value, float) else value


def _term_map(value: Any) -> dict:
    """A `<frame>_terms` cell: pyarrow gives (term, n) pairs, polars 1.x {key, value}
    dicts, a dict is a dict."""
    if value is None or (not isinstance(value, (list, tuple, dict)) and _missing_to_none(value) is None):
        return {}
    if isinstance(value, dict):
        return value
    pairs = [(v["key"], v["value"]) if isinstance(v, dict) else tuple(v) for v in value]
    return {k: _count(n) for k, n in pairs}


def _score_rows(records: Any, lex: Lexicons, fields: Sequence[str]) -> Iterable[dict]:
    """The rows of a scored table (pyarrow, polars or pandas) as score records."""
    kind = type(records).__module__.split(".")[0]
    names = list(records.columns) if kind == "pandas" else (
        records.columns if kind == "polars" else records.schema.names)
    missing = [f"{f}_terms" for f in lex.frames if f"{f}_terms" not in names]
    if missing:
        raise ValueError(
            f"the table has no {missing[0]} column: score it with terms=True "
            "(score_arrow(..., terms=True) or score_frame(..., terms=True)) so that the "
            "summary can count each frame's terms"
        )
    wanted = ["words"] + [f"{f}_{c}" for f in lex.frames for c in ("hits", "negated", "density", "present", "terms")]
    for name in wanted:
        if name not in names:
            raise _no_column(name, names, "a score column of score_arrow")
    for f in fields:
        if f not in names:
            raise _no_column(f, names, "a field to group by")
    keep = list(dict.fromkeys(fields))
    columns = wanted + [k for k in keep if k not in wanted]
    if kind == "pandas":
        rows: Iterable[dict] = records[columns].to_dict("records")
    elif kind == "polars":
        rows = records.select(columns).to_arrow().to_pylist()
    else:
        rows = records.select(columns).to_pylist()
    for row in rows:
        record: dict = {k: row[k] for k in keep}
        if _missing_to_none(row["words"]) is None:
            record["error"] = "no text"
        else:
            record["words"] = _count(row["words"])
            record["frames"] = {
                f: {
                    "hits": _count(row[f"{f}_hits"]),
                    "negated": _count(row[f"{f}_negated"]),
                    "density": float(row[f"{f}_density"]),
                    "present": bool(row[f"{f}_present"]),
                    "terms": _term_map(row[f"{f}_terms"]),
                }
                for f in lex.frames
            }
        yield record


def summarize(
    records: Any,
    *,
    group_by: Sequence[str] = (),
    date_field: Optional[str] = None,
    period: Optional[str] = None,
    lexicons: Optional[Lexicons] = None,
    top: int = 5,
) -> dict:
    """Summarises scored records as ``framelex summarize --format json`` does: presence,
    mean density and top terms per frame, by the ``group_by`` fields and by ``period``
    ("year", the default with ``date_field``, "month" or "week"). ``records`` is an
    iterable of dicts (``Lexicons.score`` results with the grouping fields added, or
    parsed ``framelex score --format jsonl`` lines), or a pyarrow Table, pandas or polars
    DataFrame scored with ``terms=True``. The result merges exactly with others
    (``merge_summaries``, ``framelex summarize --merge``)."""
    lex = _lexicons(lexicons)
    if isinstance(group_by, str):
        group_by = [g.strip() for g in group_by.split(",") if g.strip()]
    group_by = list(group_by)
    fields = group_by + ([date_field] if date_field else [])
    if type(records).__module__.split(".")[0] in ("pandas", "polars", "pyarrow"):
        rows: Iterable[Any] = _score_rows(records, lex, fields)
    elif isinstance(records, (str, bytes, Mapping)) or not isinstance(records, Iterable):
        raise TypeError(
            "summarize takes an iterable of score records (dicts), a pyarrow Table or a "
            f"DataFrame, not {type(records).__name__}"
        )
    else:
        rows = records
    lines = []
    for i, record in enumerate(rows):
        if not isinstance(record, Mapping):
            raise TypeError(f"records[{i}] is {type(record).__name__}, not a dict (a score record)")
        # Only what a summary reads: other fields (NaN, objects) cannot get in the way.
        slim = {k: record[k] for k in ("frames", "words", "error") if k in record}
        for f in fields:
            if f in record:
                slim[f] = _missing_to_none(record[f])
            elif f.split(".")[0] in record:  # a dotted path into a nested field
                slim[f.split(".")[0]] = record[f.split(".")[0]]
        try:
            lines.append(_json.dumps(slim, default=_json_default, allow_nan=False))
        except ValueError as e:
            raise ValueError(f"records[{i}]: {e}") from None
    text = _summarize_json(lines, lex, group_by, date_field, period, top)
    return _json.loads(text)


def merge_summaries(summaries: Iterable[Union[dict, str]], *, top: int = 5) -> dict:
    """Merges summaries (dicts from ``summarize`` or JSON texts of
    ``framelex summarize --format json``) exactly, as ``framelex summarize --merge``."""
    texts = [s if isinstance(s, str) else _json.dumps(s) for s in summaries]
    return _json.loads(_merge_json(texts, top))
