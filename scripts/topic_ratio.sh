#!/usr/bin/env bash
# Sanity check for the `security` lexicon on the AllSides corpus: the frame must be present far
# more often in articles on security topics than in articles on control topics (sport, food,
# holidays, arts). Prints both shares, their counts and the ratio; exits 1 when the ratio is
# below the minimum (4 by default).
#
# Usage: scripts/topic_ratio.sh [FRAMELEX] [CORPUS] [LEXICONS]
#   FRAMELEX  framelex binary       (default: <repo>/target/release/framelex)
#   CORPUS    AllSides JSONL(.gz)   (default: <repo>/../shared/data/allsides-article-bias/allsides_articles.jsonl.gz)
#   LEXICONS  lexicon folder        (default: <repo>/lexicons, so that edits count without a rebuild)
# Environment: MIN_RATIO (default 4).
# Exit status: 0 ratio >= MIN_RATIO, 1 ratio below it, 2 setup or scoring error.

set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
framelex="${1:-$repo/target/release/framelex}"
corpus="${2:-$repo/../shared/data/allsides-article-bias/allsides_articles.jsonl.gz}"
lexicons="${3:-$repo/lexicons}"
min_ratio="${MIN_RATIO:-4}"

# Topic names as they are spelt in the corpus's `topic` field.
security_topics="national_security,terrorism,defense,us_military,national_defense,cybersecurity,homeland_security"
control_topics="sports,food,holidays,arts_and_entertainment"

die() { echo "topic_ratio: $*" >&2; exit 2; }

[[ -f "$corpus" ]] || die "corpus not found: $corpus
  The AllSides corpus is expected at ../shared/data/allsides-article-bias/allsides_articles.jsonl.gz
  (relative to the repository); pass its path as the second argument."
[[ -x "$framelex" ]] || die "framelex binary not found or not executable: $framelex
  Build it with 'cargo build --release', or pass its path as the first argument."
[[ -d "$lexicons" ]] || die "lexicon folder not found: $lexicons"
command -v python3 >/dev/null || die "python3 is required"

scores="$(mktemp)"
trap 'rm -f "$scores"' EXIT

if ! "$framelex" score --lexicons "$lexicons" --keep topic --format jsonl "$corpus" >"$scores"; then
    die "framelex failed on $corpus (see its messages above)"
fi

python3 - "$scores" "$security_topics" "$control_topics" "$min_ratio" <<'PY'
import json, sys
from collections import Counter

path, sec_arg, ctl_arg, min_ratio = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
sec, ctl = sec_arg.split(","), ctl_arg.split(",")

docs, present, errors = Counter(), Counter(), 0
with open(path, encoding="utf-8") as f:
    for line in f:
        rec = json.loads(line)
        if "error" in rec:
            errors += 1
            continue
        topic = rec.get("topic")
        docs[topic] += 1
        present[topic] += bool(rec["frames"]["security"]["present"])

if not docs:
    print("topic_ratio: no scored records; is this the AllSides corpus?", file=sys.stderr)
    sys.exit(2)
missing = [t for t in sec + ctl if docs[t] == 0]
if missing:
    print(f"topic_ratio: topics absent from the corpus: {', '.join(missing)}", file=sys.stderr)
    sys.exit(2)

def share(topics):
    n = sum(docs[t] for t in topics)
    k = sum(present[t] for t in topics)
    return k, n, k / n

def show(label, topics):
    k, n, s = share(topics)
    print(f"{label:9s} {k:5d} / {n:5d} articles with security present = {100 * s:6.2f}%")
    for t in topics:
        print(f"    {t:24s} {present[t]:5d} / {docs[t]:5d}  {100 * present[t] / docs[t]:6.2f}%")
    return s

print(f"AllSides: {sum(docs.values())} articles scored, {errors} errors")
s_sec = show("security", sec)
s_ctl = show("control", ctl)
ratio = float("inf") if s_ctl == 0 else s_sec / s_ctl
print(f"ratio     {ratio:.2f} (minimum {min_ratio:g})")
if ratio < min_ratio:
    print(f"FAIL: security share is only {ratio:.2f} times the control share", file=sys.stderr)
    sys.exit(1)
print("OK")
PY
