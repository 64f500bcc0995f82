"""Score a news archive on Apache Spark with framelex: gzip JSONL in, Parquet and a
summary out.

    spark-submit examples/spark_score.py 'archive/*.jsonl.gz' --out scored/ \
        [--lexicons my-lexicons/] [--text-field text] [--group-by bias,source] \
        [--date-field date] [--period year] [--partitions 64]

Reads every JSONL file the paths or globs name (gzip or plain; Spark decompresses .gz),
scores the text field with framelex's Rust scorer in whole Arrow batches
(framelex.spark.score), and writes
  OUT/scores/       Parquet, partitioned by the period of --date-field (year=2019/…),
                    one row per article: its fields but the text, a struct per frame,
                    dominant and words;
  OUT/summary.json  the summary of `framelex summarize --format json` (per --group-by
                    group and period), merged exactly from per-partition summaries
                    (on a cluster file system, a folder holding it as one text file).
Prints what it did. See docs/spark.md for cluster set-ups and partition sizing.
"""

import argparse
import json
import sys
import time
from pathlib import Path


import framelex
import framelex.spark


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("inputs", nargs="+", help="JSONL files, folders or globs (.jsonl, .jsonl.gz)")
    p.add_argument("--out", required=True, help="output folder (scores/ and summary.json)")
    p.add_argument("--lexicons", help="a lexicon folder or file (default: the embedded set)")
    p.add_argument("--text-field", default="text")
    p.add_argument("--group-by", default="", help="comma-separated fields for the summary")
    p.add_argument("--date-field", default="date", help="field with each article's date ('' for none)")
    p.add_argument("--period", default="year", choices=["year", "month", "week"])
    p.add_argument("--partitions", type=int, default=0,
                   help="repartition to N partitions before scoring (0: keep Spark's split)")
    p.add_argument("--master", help="Spark master when run with plain python (e.g. local[2])")
    args = p.parse_args(argv)

    # Load the lexicons on the driver first: a bad file fails here, before any job.
    lex = framelex.Lexicons.load(args.lexicons) if args.lexicons else framelex.Lexicons.default()

    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F

    builder = SparkSession.builder.appName("framelex-score")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    start = time.perf_counter()
    df = spark.read.json(args.inputs)
    if args.partitions:
        df = df.repartition(args.partitions)
    group_by = [g.strip() for g in args.group_by.split(",") if g.strip()]
    date_field = args.date_field or None

    scored = framelex.spark.score(df, text_col=args.text_field, lexicons=lex)
    if date_field:
        # The same period labels as `framelex summarize --period` (unparseable dates
        # land in period=(unparseable), missing ones in period=(missing)).
        @F.pandas_udf("string")
        def period_of(dates):
            import pandas as pd

            values = [None if pd.isna(d) else str(d) for d in dates]
            return pd.Series(framelex.period_labels(values, args.period))

        scored = scored.withColumn(args.period, period_of(F.col(date_field)))
        writer = scored.write.mode("overwrite").partitionBy(args.period)
    else:
        writer = scored.write.mode("overwrite")
    # Output paths are joined as strings: Path() would turn s3a://bucket into s3a:/bucket.
    out = args.out.rstrip("/")
    writer.parquet(f"{out}/scores")
    summary = framelex.spark.summarize(df, group_by=group_by, date_field=date_field,
                                       period=args.period if date_field else None,
                                       lexicons=lex, text_col=args.text_field)
    text = json.dumps(summary, indent=2) + "\n"
    if "://" in out and not out.startswith("file://"):
        # On a cluster file system (hdfs://, s3a://, abfss://…), through Spark: one file,
        # OUT/summary.json/part-00000-….txt.
        spark.createDataFrame([(text,)], "value string").coalesce(1).write.mode("overwrite").text(
            f"{out}/summary.json")
    else:
        local = Path(out.removeprefix("file://"))
        (local / "summary.json").write_text(text, encoding="utf-8")
    elapsed = time.perf_counter() - start
    documents = sum(g["documents"] for g in summary["groups"])
    failed = sum(g["failed"] for g in summary["groups"])
    print(f"framelex: {documents} articles scored, {failed} without text, in {elapsed:.1f} s; "
          f"wrote {out}/scores and {out}/summary.json", file=sys.stderr)
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
