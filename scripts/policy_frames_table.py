#!/usr/bin/env python3
"""Prevalence of the policy-frames pack on news nobody tuned it on: BBC categories and
AllSides topics.

A Policy Frames lexicon should find the frames where a reader expects them: `Economic` in
business news, `Crime_and_punishment` in crime and justice topics, `Health_and_safety` in
health news, `Security_and_defense` in national-security news. This script runs
`framelex summarize --lexicons policy-frames` over

- `../shared/data/bbc-news-2225/bbc_news.jsonl` (2,225 articles, 5 categories), grouped by
  `category`, and
- `../shared/data/allsides-article-bias/allsides_articles.jsonl.gz` (37,554 articles),
  grouped by `topic`, for topics that belong to one frame more than to others,

and prints, per group, the share of articles (%) in which each frame is present. In each
frame's column the highest group is marked `*`; the last lines say, per frame, whether the
group expected to lead it does.

Usage: python3 scripts/policy_frames_table.py [--framelex PATH] [--shared DIR] [--markdown]
                                              [--lexicons policy-frames|DIR]

The framelex binary is `--framelex`, else `$FRAMELEX_BIN`, else `target/release/framelex`,
else `framelex` on the PATH. Only the standard library is used.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

ABBREV = {
    "Economic": "Econ",
    "Capacity_and_resources": "Capac",
    "Morality": "Moral",
    "Fairness_and_equality": "Fair",
    "Legality_Constitutionality_and_jurisprudence": "Legal",
    "Policy_prescription_and_evaluation": "Policy",
    "Crime_and_punishment": "Crime",
    "Security_and_defense": "Secur",
    "Health_and_safety": "Health",
    "Quality_of_life": "QoL",
    "Cultural_identity": "Cult",
    "Public_opinion": "PubOp",
    "Political": "Polit",
    "External_regulation_and_reputation": "Extern",
}

# AllSides topics shown, and the frame each is expected to lead (None: shown for contrast).
ALLSIDES_TOPICS = {
    "economy_and_jobs": "Economic",
    "taxes": None,
    "criminal_justice": "Crime_and_punishment",
    "violence_in_america": None,
    "healthcare": None,
    "coronavirus": "Health_and_safety",
    "national_security": "Security_and_defense",
    "supreme_court": "Legality_Constitutionality_and_jurisprudence",
    "elections": "Political",
    "foreign_policy": "External_regulation_and_reputation",
    "race_and_racism": "Fairness_and_equality",
    "religion_and_faith": "Morality",
    "culture": None,
    "housing_and_homelessness": None,
    "immigration": None,
}

# BBC categories and the frame each is expected to lead.
BBC_CATEGORIES = {
    "business": "Economic",
    "entertainment": None,
    "politics": "Political",
    "sport": None,
    "tech": None,
}


def find_framelex(given):
    for candidate in (given, os.environ.get("FRAMELEX_BIN"), ROOT / "target/release/framelex"):
        if candidate and Path(candidate).is_file():
            return str(candidate)
    on_path = shutil.which("framelex")
    if on_path:
        return on_path
    sys.exit(
        "policy_frames_table.py: no framelex binary; build one (cargo build --release) "
        "or pass --framelex PATH"
    )


def summarize(framelex, lexicons, path, field):
    if not Path(path).is_file():
        sys.exit(f"policy_frames_table.py: {path} is missing (expected in ../shared/data)")
    out = subprocess.run(
        [framelex, "summarize", "--lexicons", lexicons, "--group-by", field,
         "--strict-fields", "--format", "json", "--color", "never", str(path)],
        check=True, capture_output=True, text=True,
    )
    summary = json.loads(out.stdout)
    table = {}
    for group in summary["groups"]:
        n = group["documents"]
        table[group["key"][0]] = (n, [100.0 * f["present"] / n for f in group["frames"]])
    return summary["frames"], table


def print_table(title, frames, table, expected, markdown):
    rows = [g for g in expected if g in table]
    missing = [g for g in expected if g not in table]
    if missing:
        sys.exit(f"policy_frames_table.py: groups not in the data: {', '.join(missing)}")
    best = {}
    for i, _ in enumerate(frames):
        best[i] = max(rows, key=lambda g: table[g][1][i])
    heads = [ABBREV.get(f, f[:6]) for f in frames]
    print(f"\n{title}\n")
    if markdown:
        print("| group | articles | " + " | ".join(heads) + " |")
        print("|---|---:|" + "---:|" * len(heads))
    else:
        print(f"{'group':<26}{'articles':>9}" + "".join(f"{h:>8}" for h in heads))
    for g in rows:
        n, shares = table[g]
        cells = [f"{s:.0f}{'*' if best[i] == g else ''}" for i, s in enumerate(shares)]
        if markdown:
            print(f"| {g} | {n:,} | " + " | ".join(cells) + " |")
        else:
            print(f"{g:<26}{n:>9,}" + "".join(f"{c:>8}" for c in cells))
    checks = []
    for g, frame in expected.items():
        if frame is None:
            continue
        i = frames.index(frame)
        ok = best[i] == g
        checks.append(ok)
        lead = best[i]
        print(f"{'ok ' if ok else 'NO '} {frame} is highest in {g}"
              + ("" if ok else f" (highest: {lead}, {table[lead][1][i]:.0f} % vs {table[g][1][i]:.0f} %)"))
    return checks


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--framelex", help="the framelex binary")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"), help="the ../shared folder")
    ap.add_argument("--markdown", action="store_true", help="print Markdown tables")
    ap.add_argument("--lexicons", default="policy-frames",
                    help="the set to run: the embedded pack (default) or a copy being edited")
    args = ap.parse_args()
    framelex = find_framelex(args.framelex)
    data = Path(args.shared) / "data"
    checks = []
    frames, bbc = summarize(framelex, args.lexicons, data / "bbc-news-2225/bbc_news.jsonl", "category")
    checks += print_table("BBC News (2,225 articles): % of articles where each frame is present",
                          frames, bbc, BBC_CATEGORIES, args.markdown)
    frames, allsides = summarize(
        framelex, args.lexicons, data / "allsides-article-bias/allsides_articles.jsonl.gz", "topic")
    checks += print_table("AllSides, selected topics: % of articles where each frame is present",
                          frames, allsides, ALLSIDES_TOPICS, args.markdown)
    print(f"\n{sum(checks)} of {len(checks)} expected leaders hold")
    return 0 if all(checks) else 1


if __name__ == "__main__":
    sys.exit(main())
