#!/usr/bin/env python3
"""Precision on unrelated news: how often the frames fire on AllSides articles that are not
about AI, and how often per AllSides topic.

The three default frames are about AI and the AI/chip competition (CODEBOOK.md), so on a
general news corpus every article that is not about that topic and still has a frame present
is a false positive. This script scores the corpus with framelex and reports:

  1. articles that mention none of the lexicon set's scope terms (`"scopes"` in the JSONL):
     with a gating scope this share is 0 by construction, and the line checks that it is;
  2. articles that mention none of a FIXED list of AI and chip words defined below,
     independently of the lexicons (so that widening the scope cannot improve the figure):
     the share with any frame present, and per frame;
  3. per AllSides topic: articles, and the share with each frame present.

Usage:
  scripts/offtopic.py [--framelex BIN] [--lexicons DIR] [--corpus FILE] [--top N]
Defaults: target/release/framelex, the embedded lexicons, and
../shared/data/allsides-article-bias/allsides_articles.jsonl.gz (read from there, never
copied). Needs Python 3.8+ and nothing else. Exit status: 0, or 2 when scoring fails.
"""

import argparse
import gzip
import json
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict

# The fixed topic list: AI, the chips and compute it runs on, and the companies at the centre
# of the debate. Matched case-insensitively as whole words. "chip" alone is left out on
# purpose (Chip Roy; CHIP, the children's health programme); the plural is kept.
TOPIC_WORDS = [
    r"AI",
    r"A\.I\.",
    r"artificial intelligence",
    r"machine learning",
    r"deep learning",
    r"neural networks?",
    r"chatbots?",
    r"ChatGPT",
    r"OpenAI",
    r"DeepSeek",
    r"Anthropic",
    r"chips",
    r"microchips?",
    r"semiconductors?",
    r"chipmakers?",
    r"Nvidia",
    r"Huawei",
    r"ZTE",
    r"supercomputers?",
]
TOPIC = re.compile(r"(?<!\w)(?:" + "|".join(TOPIC_WORDS) + r")(?!\w)", re.IGNORECASE)
# "AI" as a word, but not Ai Weiwei.
NOT_AI = re.compile(r"\bAi Weiwei\b", re.IGNORECASE)


def mentions_topic(text):
    return TOPIC.search(NOT_AI.sub(" ", text)) is not None


def open_text(path):
    return gzip.open(path, "rt", encoding="utf-8") if path.endswith(".gz") else open(path, encoding="utf-8")


def pct(a, b):
    return 100.0 * a / b if b else 0.0


def main():
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--framelex", default=os.path.join(repo, "target/release/framelex"))
    ap.add_argument("--lexicons", default=None, help="lexicon folder (default: the embedded set)")
    ap.add_argument(
        "--corpus",
        default=os.path.join(repo, "../shared/data/allsides-article-bias/allsides_articles.jsonl.gz"),
    )
    ap.add_argument("--top", type=int, default=12, help="topics to list at each end")
    args = ap.parse_args()
    if not os.path.exists(args.corpus):
        sys.exit(f"offtopic: no corpus at {args.corpus} (the AllSides dump of ../shared/data)")

    cmd = [args.framelex, "score", "--format", "jsonl", "--quiet", "--keep", "topic", args.corpus]
    if args.lexicons:
        cmd[2:2] = ["--lexicons", args.lexicons]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    frames = None
    scoped = False
    n = 0
    present_any = 0
    no_scope = no_scope_present = 0
    off = off_present = 0
    off_frame = Counter()
    on = on_present = 0
    topics = defaultdict(Counter)
    with open_text(args.corpus) as corpus:
        for line, rec_line in zip(corpus, proc.stdout):
            doc = json.loads(line)
            rec = json.loads(rec_line)
            if rec.get("id") != doc.get("id"):
                sys.exit(f"offtopic: records out of step at {doc.get('id')}")
            if "error" in rec:
                sys.exit(f"offtopic: {doc.get('id')}: {rec['error']}")
            if frames is None:
                frames = list(rec["frames"])
            present = [f for f in frames if rec["frames"][f]["present"]]
            n += 1
            present_any += bool(present)
            scoped = "scopes" in rec
            scope_hits = sum(s["hits"] for s in rec.get("scopes", {}).values())
            if "scopes" in rec and scope_hits == 0:
                no_scope += 1
                no_scope_present += bool(present)
            if mentions_topic(doc.get("title", "") + "\n" + doc.get("text", "")):
                on += 1
                on_present += bool(present)
            else:
                off += 1
                off_present += bool(present)
                for f in present:
                    off_frame[f] += 1
            t = topics[doc.get("topic") or "(none)"]
            t["n"] += 1
            t["any"] += bool(present)
            for f in present:
                t[f] += 1
    if proc.wait() != 0:
        sys.exit(f"offtopic: framelex exited with {proc.returncode}")

    print(f"corpus: {args.corpus}")
    print(f"lexicons: {args.lexicons or 'embedded default set'}")
    print(f"articles: {n}; any frame present: {present_any} ({pct(present_any, n):.1f}%)\n")
    if scoped:
        print(
            f"no scope term of the set:        {no_scope:6} articles, any frame present in "
            f"{no_scope_present} ({pct(no_scope_present, no_scope):.2f}%)"
        )
    else:
        print("no scope term of the set:        (the set has no scope)")
    print(
        f"no AI or chip word (fixed list): {off:6} articles, any frame present in "
        f"{off_present} ({pct(off_present, off):.2f}%): "
        + ", ".join(f"{f} {pct(off_frame[f], off):.2f}%" for f in frames)
    )
    print(
        f"an AI or chip word:              {on:6} articles, any frame present in "
        f"{on_present} ({pct(on_present, on):.1f}%)\n"
    )
    rows = sorted(topics.items(), key=lambda kv: (-pct(kv[1]["any"], kv[1]["n"]), kv[0]))
    rows = [r for r in rows if r[1]["n"] >= 20]
    width = max(len(k) for k, _ in rows)
    head = f"{'topic':<{width}}  {'articles':>8}  {'any':>6}  " + "  ".join(f"{f:>{max(len(f), 6)}}" for f in frames)
    print(f"share of articles with each frame present, by topic (topics with 20+ articles; top and bottom {args.top}):")
    print(head)
    if len(rows) > 2 * args.top:
        shown = rows[: args.top] + [None] + rows[-args.top :]
    else:
        shown = rows
    for r in shown:
        if r is None:
            print("  …")
            continue
        k, c = r
        cells = "  ".join(f"{pct(c[f], c['n']):>{max(len(f), 6) - 1}.1f}%" for f in frames)
        print(f"{k:<{width}}  {c['n']:>8}  {pct(c['any'], c['n']):>5.1f}%  {cells}")


if __name__ == "__main__":
    main()
