"""framelex on Spark (local[N]) against the CLI, on the whole AllSides corpus, in one run.

    target/py-venv/bin/python benches/spark_allsides.py    (CORES=2, ROUNDS=2)

Needs the Python package and PySpark in the venv (see .ci/run), Java 17+, and the
release CLI (cargo build --release). The dump (../shared, gzip) is decompressed once into
a temporary folder, so that Spark can split it across its cores (gzip cannot be split).
Each round times, in turns:
  cli     framelex score --format jsonl --threads CORES dump.jsonl > /dev/null
  read    Spark reads and parses the JSONL (given schema) and discards it (noop sink)
  arrow   the same plus a mapInArrow stage that hands every batch to Python and back
          (the cost of the route without the scorer)
  score   the same through framelex.spark.score (a struct per frame), discarded
MB/s is MB of JSONL per second of wall time. It prints every round, the medians, the
ratio score/cli, the per-record overhead of the Spark route ((score - cli) / records),
and the per-core rate behind the estimate for 1 TB in docs/spark.md.
"""

import gzip
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DUMP = ROOT.parent / "shared" / "data" / "allsides-article-bias" / "allsides_articles.jsonl.gz"


def main() -> None:
    cores = int(os.environ.get("CORES", "2"))
    rounds = int(os.environ.get("ROUNDS", "2"))
    cli = Path(os.environ.get("FRAMELEX_BIN", ROOT / "target" / "release" / "framelex"))
    if not cli.is_file():
        sys.exit(f"no CLI at {cli}: cargo build --release")
    os.environ["PYSPARK_PYTHON"] = sys.executable
    from pyspark.sql import SparkSession

    import framelex.spark

    tmp = Path(tempfile.mkdtemp(prefix="framelex-spark-bench-"))
    try:
        plain = tmp / "allsides.jsonl"
        with gzip.open(DUMP, "rb") as src, open(plain, "wb") as dst:
            shutil.copyfileobj(src, dst)
        mb = plain.stat().st_size / 1e6
        records = sum(1 for _ in open(plain, "rb"))
        spark = (SparkSession.builder.master(f"local[{cores}]").appName("framelex-bench")
                 .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
                 .config("spark.driver.memory", "4g").getOrCreate())
        spark.sparkContext.setLogLevel("ERROR")
        schema = "id string, text string, source string, bias string, date string, topic string"

        def frame():
            return spark.read.schema(schema).json(str(plain))

        def identity(batches):
            for b in batches:
                yield b

        runs = {
            "cli": lambda: subprocess.run([str(cli), "score", "--format", "jsonl", "--threads", str(cores), str(plain)],
                                          stdout=subprocess.DEVNULL, check=True),
            "read": lambda: frame().write.format("noop").mode("overwrite").save(),
            "arrow": lambda: frame().mapInArrow(identity, frame().schema).write.format("noop").mode("overwrite").save(),
            "score": lambda: framelex.spark.score(frame(), keep=["id", "bias"]).write.format("noop").mode("overwrite").save(),
        }
        runs["score"]()  # warm up the JVM and the Python workers
        times = {k: [] for k in runs}
        for r in range(rounds):
            for name, run in runs.items():
                start = time.perf_counter()
                run()
                times[name].append(time.perf_counter() - start)
            print(f"round {r + 1}: " + "   ".join(f"{k} {mb / v[-1]:6.1f} MB/s" for k, v in times.items()))
        med = {k: statistics.median(v) for k, v in times.items()}
        print(f"{records} records, {mb:.1f} MB of JSONL, local[{cores}] / --threads {cores}, {rounds} rounds (medians):")
        for k, v in med.items():
            print(f"  {k:6s} {v:6.2f} s  {mb / v:6.1f} MB/s")
        print(f"  spark score / cli throughput = {med['cli'] / med['score']:.2f}")
        print(f"  overhead of the Spark route: {(med['score'] - med['cli']) / records * 1e6:.1f} µs per record "
              f"(read {med['read'] / records * 1e6:.1f}, Arrow round trip {(med['arrow'] - med['read']) / records * 1e6:.1f}, "
              f"scoring stage {(med['score'] - med['arrow']) / records * 1e6:.1f})")
        print(f"  per core: {mb / med['score'] / cores:.1f} MB/s through Spark, {mb / med['cli'] / cores:.1f} MB/s CLI")
        spark.stop()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
