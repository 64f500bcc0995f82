"""The package gives the CLI's results: 2,000 AllSides articles scored by the CLI, by
``score_many``, by ``score_arrow`` and by ``score_frame`` are equal record by record, and
``summarize`` equals ``framelex summarize``."""

import json

import pyarrow as pa
import pytest

import framelex
from conftest import run_cli

N = 2000


@pytest.fixture(scope="module")
def cli_records(cli, allsides_2000):
    path, _ = allsides_2000
    out = run_cli(cli, "score", "--format", "jsonl", "--threads", "2", str(path))
    assert out.returncode == 0, out.stderr.decode()
    records = [json.loads(l) for l in out.stdout.splitlines()]
    assert len(records) == N
    assert all("error" not in r for r in records)
    return records


def without_id(record):
    return {k: v for k, v in record.items() if k != "id"}


def test_score_many_equals_cli_record_by_record(cli_records, allsides_2000):
    _, articles = allsides_2000
    ours = framelex.Lexicons.default().score_many([a["text"] for a in articles], threads=2)
    assert len(ours) == N
    for i, (mine, theirs) in enumerate(zip(ours, cli_records)):
        assert mine == without_id(theirs), f"record {i} ({theirs['id']})"
    # The comparison is not vacuous: every frame hits somewhere, and frames are present.
    hit = {f for r in ours for f, s in r["frames"].items() if s["hits"] > 0}
    assert hit == set(framelex.Lexicons.default().frames)
    assert sum(r["dominant"] is not None for r in ours) > 0


def test_score_arrow_equals_cli_record_by_record(cli_records, allsides_2000):
    _, articles = allsides_2000
    lex = framelex.Lexicons.default()
    # Two chunks, so that rows of both reach the right place.
    texts = [a["text"] for a in articles]
    chunked = pa.chunked_array([texts[:700], texts[700:]], type=pa.large_string())
    batch = lex.score_arrow(chunked, threads=2, terms=True)
    assert batch.num_rows == N
    rows = batch.to_pylist()
    for i, (row, rec) in enumerate(zip(rows, cli_records)):
        want = {"words": rec["words"], "dominant": rec["dominant"]}
        for f, s in rec["frames"].items():
            for col in ("hits", "negated", "score", "density", "present", "out_of_scope"):
                want[f"{f}_{col}"] = s[col]
            want[f"{f}_terms"] = s["terms"]
        for name, scope in rec["scopes"].items():
            want[f"scope_{name}"] = scope["hits"]
        got = {k: (dict(v) if k.endswith("_terms") else v) for k, v in row.items()}
        assert got == want, f"row {i} ({rec['id']})"


def test_score_frame_pandas_equals_cli(cli_records, allsides_2000):
    import pandas as pd
    _, articles = allsides_2000
    df = pd.DataFrame(articles[:300])
    scored = framelex.score_frame(df)
    assert list(scored["id"]) == [r["id"] for r in cli_records[:300]]
    assert list(scored["security_score"]) == [r["frames"]["security"]["score"] for r in cli_records[:300]]
    dominant = [None if pd.isna(d) else d for d in scored["dominant"]]
    assert dominant == [r["dominant"] for r in cli_records[:300]]
    score_columns = framelex.Lexicons.default().score_arrow(pa.array(["x"])).schema.names
    assert list(scored.columns) == list(df.columns) + score_columns


def test_summarize_equals_cli_summarize(cli, allsides_2000):
    path, articles = allsides_2000
    out = run_cli(
        cli, "summarize", "--group-by", "bias", "--date-field", "date", "--period", "year",
        "--format", "json", "--threads", "2", str(path),
    )
    assert out.returncode == 0, out.stderr.decode()
    want = json.loads(out.stdout)
    lex = framelex.Lexicons.default()
    scored = lex.score_many([a["text"] for a in articles])
    records = [{**s, "bias": a.get("bias"), "date": a.get("date")} for s, a in zip(scored, articles)]
    got = framelex.summarize(records, group_by=["bias"], date_field="date", period="year")
    assert got == want
    # The same from a table scored with terms=True.
    table = pa.table({"text": [a["text"] for a in articles], "bias": [a.get("bias") for a in articles],
                      "date": [a.get("date") for a in articles]})
    scored_table = framelex.score_frame(table, terms=True)
    assert framelex.summarize(scored_table, group_by="bias", date_field="date") == want
    # Halves merge to the whole, as `summarize --merge` does.
    a = framelex.summarize(records[:1234], group_by=["bias"], date_field="date")
    b = framelex.summarize(records[1234:], group_by=["bias"], date_field="date")
    assert framelex.merge_summaries([b, json.dumps(a)]) == want
