#!/usr/bin/env bash
# Builds a large JSONL dump for memory and throughput runs by repeating a corpus with fresh
# ids: each copy k rewrites `"id": "X"` to `"id": "kK-X"`. Nothing is committed; the output
# goes where you say.
#
#   benches/make_big.sh CORPUS.jsonl[.gz|.zst] OUT.jsonl [TARGET_MB]   (default 2000 MB)
set -euo pipefail
corpus=${1:?usage: benches/make_big.sh CORPUS OUT.jsonl [TARGET_MB]}
out=${2:?usage: benches/make_big.sh CORPUS OUT.jsonl [TARGET_MB]}
target_mb=${3:-2000}
[ -f "$corpus" ] || { echo "make_big.sh: no such corpus: $corpus" >&2; exit 2; }
cat_corpus() {
  case "$corpus" in
    *.gz) gzip -dc "$corpus" ;;
    *.zst) zstd -qdc "$corpus" ;;
    *) cat "$corpus" ;;
  esac
}
: > "$out"
k=0
while [ "$(stat -c %s "$out")" -lt $((target_mb * 1000000)) ]; do
  k=$((k + 1))
  cat_corpus | sed -E "s/^\{\"id\": ?\"/{\"id\": \"k${k}-/" >> "$out"
done
echo "make_big.sh: wrote $out: $(stat -c %s "$out") bytes, $k copies, $(wc -l < "$out") lines"
