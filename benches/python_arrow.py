"""score_arrow (Python) against the CLI, on the same AllSides texts, in one run.

    target/py-venv/bin/python benches/python_arrow.py [N_ARTICLES] (ROUNDS=3, THREADS=2)

Needs the package installed in the venv (see .ci/run or docs/python.md) and the release
CLI (cargo build --release). The texts are the first N_ARTICLES of the AllSides dump in
../shared (all 37,554 by default). The CLI reads them from a JSONL file holding only
{"text": ...} per line and writes JSONL to /dev/null
(`framelex score --format jsonl --threads 2`); score_arrow gets them as one pyarrow
string array already in memory, as a notebook has them, and returns a RecordBatch. The
rate for both is MB of text per second of wall time. The machines are shared and noisy:
the two run in turns, ROUNDS times, and the table shows every round, the median and the
ratio of medians (and the ratio round by round).
"""

import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyarrow as pa

import framelex

ROOT = Path(__file__).resolve().parents[1]
DUMP = ROOT.parent / "shared" / "data" / "allsides-article-bias" / "allsides_articles.jsonl.gz"


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else None
    rounds = int(os.environ.get("ROUNDS", "3"))
    threads = int(os.environ.get("THREADS", "2"))
    cli = Path(os.environ.get("FRAMELEX_BIN", ROOT / "target" / "release" / "framelex"))
    if not cli.is_file():
        sys.exit(f"no CLI at {cli}: cargo build --release")
    texts = []
    with gzip.open(DUMP, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                texts.append(json.loads(line)["text"])
            if n is not None and len(texts) == n:
                break
    mb = sum(len(t.encode()) for t in texts) / 1e6
    array = pa.array(texts, type=pa.large_string())
    lex = framelex.Lexicons.default()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "texts.jsonl"
        with open(path, "w", encoding="utf-8") as f:
            for t in texts:
                f.write(json.dumps({"text": t}) + "\n")
        lex.score_arrow(array[:200], threads=threads)  # warm up: page in the library
        arrow_s, cli_s = [], []
        for r in range(rounds):
            start = time.perf_counter()
            batch = lex.score_arrow(array, threads=threads)
            arrow_s.append(time.perf_counter() - start)
            assert batch.num_rows == len(texts)
            start = time.perf_counter()
            subprocess.run([str(cli), "score", "--format", "jsonl", "--threads", str(threads), str(path)],
                           stdout=subprocess.DEVNULL, check=True)
            cli_s.append(time.perf_counter() - start)
            print(f"round {r + 1}: score_arrow {mb / arrow_s[-1]:7.1f} MB/s   CLI {mb / cli_s[-1]:7.1f} MB/s   "
                  f"ratio {cli_s[-1] / arrow_s[-1]:.2f}")
        # A faster wrong answer must not win: both found the same frames in every text.
        out = subprocess.run([str(cli), "score", "--format", "jsonl", "--threads", str(threads), str(path)],
                             capture_output=True, check=True).stdout.splitlines()
        for f in lex.frames:
            want = [json.loads(l)["frames"][f]["present"] for l in out]
            assert batch.column(f"{f}_present").to_pylist() == want, f
    a, c = statistics.median(arrow_s), statistics.median(cli_s)
    ratios = [cs / as_ for as_, cs in zip(arrow_s, cli_s)]
    print(f"{len(texts)} texts, {mb:.1f} MB of text, {threads} threads, {rounds} rounds")
    print(f"median: score_arrow {mb / a:.1f} MB/s, CLI {mb / c:.1f} MB/s; "
          f"score_arrow / CLI = {c / a:.2f} (round by round {min(ratios):.2f}..{max(ratios):.2f})")


if __name__ == "__main__":
    main()
