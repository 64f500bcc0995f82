#!/usr/bin/env bash
# Writes each record's text of a JSONL corpus to a file of its own, 1,000 files to a
# subfolder, for timing a folder of small files against the same texts in one JSONL file
# (docs/performance.md). Nothing is committed; the files go where you say.
#
#   benches/make_folder.sh CORPUS.jsonl[.gz] OUT_DIR
set -euo pipefail
corpus=${1:?usage: benches/make_folder.sh CORPUS.jsonl[.gz] OUT_DIR}
out=${2:?usage: benches/make_folder.sh CORPUS.jsonl[.gz] OUT_DIR}
[ -f "$corpus" ] || { echo "make_folder.sh: no such corpus: $corpus" >&2; exit 2; }
command -v python3 >/dev/null || { echo "make_folder.sh: needs python3" >&2; exit 2; }
python3 - "$corpus" "$out" <<'PY'
import gzip, json, os, sys
corpus, out = sys.argv[1], sys.argv[2]
opener = gzip.open if corpus.endswith(".gz") else open
n = size = 0
with opener(corpus, "rt", encoding="utf-8") as f:
    for line in f:
        if not line.strip():
            continue
        text = json.loads(line).get("text")
        if not isinstance(text, str):
            continue
        folder = os.path.join(out, f"{n // 1000:03d}")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, f"{n:06d}.txt"), "w", encoding="utf-8") as t:
            t.write(text)
        n += 1
        size += len(text.encode("utf-8"))
print(f"make_folder.sh: wrote {n} files, {size} bytes of text, to {out}")
PY
