"""framelex on a real local Spark (local[2]): ``framelex.spark.score`` equals the CLI
record by record on 4,000 AllSides articles, ``framelex.spark.summarize`` equals
``framelex summarize``, the CLI route through ``rdd.pipe`` gives the CLI's records, and
the example job writes Parquet by year and the same summary."""

import gzip
import json
import os
import subprocess
import sys

import pyarrow.parquet as pq
import pytest

import framelex
import framelex.spark
from conftest import ROOT, allsides_lines, run_cli

N = 4000


@pytest.fixture(scope="module")
def spark():
    # Executors run this interpreter, which has the package installed.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("framelex-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def articles(allsides_path, tmp_path_factory):
    """4,000 AllSides articles as gzip JSONL, and the CLI's records of them by id."""
    lines = allsides_lines(allsides_path, N)
    path = tmp_path_factory.mktemp("spark") / "allsides-4000.jsonl.gz"
    with gzip.open(path, "wb") as f:
        f.writelines(lines)
    return path


@pytest.fixture(scope="module")
def cli_records(cli, articles):
    out = run_cli(cli, "score", "--format", "jsonl", "--threads", "2", str(articles))
    assert out.returncode == 0, out.stderr.decode()
    records = [json.loads(l) for l in out.stdout.splitlines()]
    assert len(records) == N
    return {r["id"]: r for r in records}


def test_score_equals_cli_record_by_record(spark, articles, cli_records):
    df = spark.read.json(str(articles))
    scored = framelex.spark.score(df, keep=["id", "bias"])
    assert scored.columns == ["id", "bias", "security", "arms_race_criticism", "commercial_motive",
                              "dominant", "words", "scope_ai"]
    rows = [r.asDict(recursive=True) for r in scored.collect()]
    assert len(rows) == N and len({r["id"] for r in rows}) == N
    for row in rows:
        rec = cli_records[row["id"]]
        for f, s in rec["frames"].items():
            assert row[f] == {k: s[k] for k in ("hits", "negated", "score", "density", "present", "out_of_scope")}, row["id"]
        assert (row["dominant"], row["words"], row["scope_ai"]) == (rec["dominant"], rec["words"], rec["scopes"]["ai"]["hits"])
    assert sum(r["security"]["present"] for r in rows) > 0


def test_summarize_equals_cli(spark, cli, articles):
    out = run_cli(cli, "summarize", "--group-by", "bias", "--date-field", "date", "--period", "year",
                  "--format", "json", str(articles))
    assert out.returncode == 0, out.stderr.decode()
    df = spark.read.json(str(articles)).repartition(3)
    got = framelex.spark.summarize(df, group_by=["bias"], date_field="date", period="year")
    assert got == json.loads(out.stdout)
    assert sum(g["documents"] for g in got["groups"]) == N


def test_pipe_route_gives_the_cli_records(spark, cli, articles, cli_records):
    lines = spark.sparkContext.textFile(str(articles)).repartition(3)
    out = lines.pipe(f"{cli} score --format jsonl -").map(json.loads).collect()
    assert len(out) == N
    assert {r["id"]: r for r in out} == cli_records
    # Summaries by this route: one per partition, merged.
    parts = (lines.pipe(f"{cli} summarize --group-by bias --format json -")
             .glom().map("\n".join).filter(bool).collect())
    assert len(parts) == 3
    whole = run_cli(cli, "summarize", "--group-by", "bias", "--format", "json", str(articles))
    assert framelex.merge_summaries(parts) == json.loads(whole.stdout)


def test_units_custom_lexicons_and_errors(spark, tmp_path):
    energy = framelex.Lexicons.from_toml('id = "energy"\nname = "E"\n[[group]]\nname = "g"\nterms = ["énergie", "solar*"]\n')
    df = spark.createDataFrame([("a", "Solar first.\n\nThen énergie, 🌞 solaire."), ("b", None)], "doc string, text string")
    units = [r.asDict(recursive=True) for r in framelex.spark.score(df, lexicons=energy, unit="paragraph").collect()]
    want = energy.score("Solar first.\n\nThen énergie, 🌞 solaire.", unit="paragraph")
    assert [(u["doc"], u["unit"], u["start"], u["end"], (u["energy"] or {}).get("hits")) for u in units] == [
        ("a", w["unit"], w["start"], w["end"], w["frames"]["energy"]["hits"]) for w in want] + [("b", None, None, None, None)]
    doc = framelex.spark.score(df, lexicons=energy).collect()
    assert doc[0]["energy"]["hits"] == 2 and doc[1]["energy"] is None
    # Kept columns keep their Spark types (timestamps included); a text column that holds
    # no strings has no text, as the CLI says of a number.
    import datetime

    when = datetime.datetime(2024, 3, 1, 12, 0)
    typed = spark.createDataFrame([("solar", when, 7)], "text string, at timestamp, n int")
    row = framelex.spark.score(typed, lexicons=energy).collect()[0]
    assert (row["at"], row["n"], row["energy"]["hits"]) == (when, 7, 1)
    numbers = framelex.spark.score(typed, text_col="n", lexicons=energy, keep=["at"]).collect()[0]
    assert numbers["energy"] is None and numbers["words"] is None
    with pytest.raises(ValueError, match="named like score columns: words"):
        framelex.spark.summarize(typed.withColumnRenamed("n", "words"), group_by=["words"], lexicons=energy)
    with pytest.raises(KeyError, match="did you mean 'text'"):
        framelex.spark.score(df, text_col="txt")
    with pytest.raises(KeyError, match="a column to keep"):
        framelex.spark.score(df, keep=["nope"])
    with pytest.raises(ValueError, match='period="day"'):
        framelex.spark.summarize(df, date_field="doc", period="day", lexicons=energy)
    summary = framelex.spark.summarize(df, group_by=["doc"], lexicons=energy)
    assert [(g["key"], g["documents"], g["failed"]) for g in summary["groups"]] == [(["a"], 1, 0), (["b"], 0, 1)]


def test_example_job(cli, articles, tmp_path):
    out = tmp_path / "out"
    run = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "spark_score.py"), str(articles), "--out", str(out),
         "--group-by", "bias", "--date-field", "date", "--period", "year", "--master", "local[2]",
         "--partitions", "3"],
        capture_output=True, env={**os.environ, "PYSPARK_PYTHON": sys.executable}, check=False,
    )
    assert run.returncode == 0, run.stderr.decode()[-3000:]
    assert f"{N} articles scored" in run.stderr.decode()
    want = run_cli(cli, "summarize", "--group-by", "bias", "--date-field", "date", "--period", "year",
                   "--format", "json", str(articles))
    assert json.loads((out / "summary.json").read_text()) == json.loads(want.stdout)
    years = sorted(p.name for p in (out / "scores").iterdir() if p.name.startswith("year="))
    assert "year=2016" in years and len(years) > 3
    table = pq.read_table(out / "scores")
    assert table.num_rows == N
    assert "text" not in table.column_names and "security" in table.column_names
