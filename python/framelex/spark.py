"""framelex as a stage of Apache Spark: score a DataFrame, summarise it, at any scale.

``score`` hands whole Arrow batches of a Spark DataFrame to the Rust scorer
(``DataFrame.mapInArrow``: no Python per row) and returns a DataFrame with a struct per
frame. ``summarize`` summarises each partition on its executor and merges the summaries
on the driver with the same exact merge as ``framelex summarize --merge``, so the result
equals the CLI's summary of the same data.

Lexicons are loaded and validated on the driver (a bad lexicon fails there, with the
CLI's ``file:line:col: message``) and travel to the executors inside the task, pickled as
their TOML texts: the workers need no lexicon files and no framelex binary, only this
package. See ``docs/spark.md``.
"""

from __future__ import annotations

import json
from typing import Any, Iterator, Optional, Sequence

import pyarrow as pa

from . import Lexicons, _lexicons, _no_column, merge_summaries
from . import summarize as _summarize

__all__ = ["score", "summarize", "output_schema"]

_FRAME_FIELDS = ("hits", "negated", "score", "density", "present")


def _frame_type(lex: Lexicons, frame: str, scoped: bool) -> pa.DataType:
    fields = [
        pa.field("hits", pa.int32()),
        pa.field("negated", pa.int32()),
        pa.field("score", pa.float64()),
        pa.field("density", pa.float64()),
        pa.field("present", pa.bool_()),
    ]
    if scoped:
        fields.append(pa.field("out_of_scope", pa.int32()))
    return pa.struct(fields)


def _probe(lex: Lexicons, unit: str, voice: Optional[str]) -> pa.Schema:
    """The columns score_arrow gives for this set (scored on one empty text)."""
    return lex.score_arrow(pa.array([""]), unit=unit, voice=voice).schema


def output_schema(lex: Lexicons, kept: pa.Schema, unit: str = "document", voice: Optional[str] = None) -> pa.Schema:
    """The Arrow schema of ``score``'s output: the kept columns, then ``unit``,
    ``start`` and ``end`` for paragraph or sentence units, then one struct per frame
    (``hits``, ``negated``, ``score``, ``density``, ``present``, and ``out_of_scope`` for
    a frame with a topic scope), ``dominant`` and ``words``, then ``scope_<name>``."""
    probe = _probe(lex, unit, voice)
    fields = list(kept)
    if unit != "document":
        fields += [pa.field("unit", pa.int32()), pa.field("start", pa.int64()), pa.field("end", pa.int64())]
    for f in lex.frames:
        fields.append(pa.field(f, _frame_type(lex, f, f"{f}_out_of_scope" in probe.names)))
    fields += [pa.field("dominant", pa.string()), pa.field("words", pa.int64())]
    fields += [pa.field(n, pa.int32()) for n in probe.names if n.startswith("scope_")]
    return pa.schema(fields)


def _texts(batch: pa.RecordBatch, text_col: str) -> pa.Array:
    """The text column of a batch. A column of another type (numbers, say) has no text,
    as the CLI says of a record whose text is not a string: its rows are null."""
    texts = batch.column(text_col)
    is_view = getattr(pa.types, "is_string_view", lambda t: False)
    if pa.types.is_string(texts.type) or pa.types.is_large_string(texts.type) or is_view(texts.type):
        return texts
    return pa.nulls(len(texts), pa.string())


def _to_output(scores: pa.RecordBatch, kept: list, keep: list, lex: Lexicons, schema: pa.Schema,
               unit: str) -> pa.RecordBatch:
    import pyarrow.compute as pc

    columns = list(kept)
    if unit != "document":
        columns += [scores.column("unit").cast(pa.int32()), scores.column("start").cast(pa.int64()),
                    scores.column("end").cast(pa.int64())]
    null = pc.is_null(scores.column("words"))
    for f in lex.frames:
        struct_type = schema.field(f).type
        arrays = [scores.column(f"{f}_{struct_type.field(i).name}").cast(struct_type.field(i).type)
                  for i in range(struct_type.num_fields)]
        columns.append(pa.StructArray.from_arrays(arrays, fields=list(struct_type), mask=null))
    columns += [scores.column("dominant"), scores.column("words").cast(pa.int64())]
    columns += [scores.column(n).cast(pa.int32()) for n in schema.names if n.startswith("scope_")]
    return pa.RecordBatch.from_arrays(columns, names=list(keep) + schema.names)


def score(
    df: Any,
    text_col: str = "text",
    lexicons: Optional[Lexicons] = None,
    keep: Optional[Sequence[str]] = None,
    unit: str = "document",
    voice: Optional[str] = None,
) -> Any:
    """Scores the ``text_col`` column of a Spark DataFrame. Returns a DataFrame with the
    ``keep`` columns (by default every column but the text), then per unit ``unit``,
    ``start``, ``end`` (with ``unit="paragraph"`` or ``"sentence"``: one row per unit),
    a struct column per frame, ``dominant`` and ``words`` (see ``output_schema``). A
    null text gives null scores. Values equal the CLI's ``score --format jsonl``."""
    from pyspark.sql.pandas.types import from_arrow_schema
    from pyspark.sql.types import StructType

    lex = _lexicons(lexicons)
    columns = df.columns
    if text_col not in columns:
        raise _no_column(text_col, columns, "the text column; name it with text_col=")
    keep = [c for c in columns if c != text_col] if keep is None else list(keep)
    for k in keep:
        if k not in columns:
            raise _no_column(k, columns, "a column to keep")
    schema = output_schema(lex, pa.schema([]), unit, voice)
    clash = [k for k in keep if k in schema.names]
    if clash:
        raise ValueError(f"kept columns named like score columns: {', '.join(clash)}; rename them first")
    if len(set(keep)) != len(keep):
        raise ValueError(f"keep= names a column twice: {keep}")
    # The kept columns keep their Spark types (timestamps with their time zone, …); only
    # the score columns come from Arrow.
    spark_schema = StructType([df.schema[k] for k in keep] + list(from_arrow_schema(schema).fields))

    def score_batches(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            scores = lex.score_arrow(_texts(batch, text_col), unit=unit, voice=voice, threads=1)
            kept = [batch.column(k) for k in keep]
            if unit != "document":
                rows = scores.column("row")
                kept = [c.take(rows) for c in kept]
            yield _to_output(scores, kept, keep, lex, schema, unit)

    return df.select(text_col, *[k for k in keep if k != text_col]).mapInArrow(score_batches, spark_schema)


def summarize(
    df: Any,
    group_by: Sequence[str] = (),
    date_field: Optional[str] = None,
    period: Optional[str] = None,
    lexicons: Optional[Lexicons] = None,
    text_col: str = "text",
    top: int = 5,
) -> dict:
    """The summary of ``framelex summarize --format json`` for a Spark DataFrame: each
    partition is scored and summarised on its executor, and the partial summaries are
    merged exactly on the driver. Equals the CLI's summary of the same records."""
    lex = _lexicons(lexicons)
    group_by = [g.strip() for g in group_by.split(",")] if isinstance(group_by, str) else list(group_by)
    fields = group_by + ([date_field] if date_field else [])
    for c in [text_col] + fields:
        if c not in df.columns:
            raise _no_column(c, df.columns, "the text column" if c == text_col else "a field to group by")
    taken = [f for f in fields if f in _probe(lex, "document", None).names]
    if taken:
        raise ValueError(f"fields named like score columns: {', '.join(taken)}; rename them first")
    # Check the grouping on the driver, so that a bad period fails here, not on executors.
    empty = _summarize([], group_by=group_by, date_field=date_field, period=period, lexicons=lex, top=top)

    def summarize_partition(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        parts = []
        for batch in batches:
            scores = lex.score_arrow(_texts(batch, text_col), threads=1, terms=True)
            table = pa.Table.from_batches([scores])
            for name in dict.fromkeys(fields):
                table = table.append_column(name, batch.column(name))
            parts.append(json.dumps(_summarize(table, group_by=group_by, date_field=date_field,
                                               period=period, lexicons=lex, top=top)))
        if parts:
            yield pa.RecordBatch.from_pydict({"summary": [json.dumps(merge_summaries(parts, top=top))]})

    columns = list(dict.fromkeys([text_col] + fields))
    rows = df.select(*columns).mapInArrow(summarize_partition, "summary string").collect()
    return merge_summaries([empty] + [r["summary"] for r in rows], top=top)
