#!/usr/bin/env bash
# Times framelex on a JSONL dump against a bare automaton scan of the same bytes, in one
# run, and prints MB/s, the ratio framelex / bare scan, and peak RSS for each.
#
#   benches/dump.sh CORPUS.jsonl[.gz|.zst]
#
# (a) bare scan: examples/bare_scan.rs — read the file, parse each line's text with
#     serde_json, run the same compiled automaton with word-boundary checks, count hits;
# (b) framelex score --format jsonl with --threads 1 and --threads 2;
# (c) the same, on the .gz and .zst compressions of the file.
# MB/s is decompressed JSONL bytes per second of wall time. These machines are noisy:
# compare ratios from one run, not figures across runs.
set -euo pipefail
cd "$(dirname "$0")/.."

corpus=${1:?usage: benches/dump.sh CORPUS.jsonl[.gz|.zst]}
[ -f "$corpus" ] || { echo "dump.sh: no such corpus: $corpus" >&2; exit 2; }
command -v zstd >/dev/null || { echo "dump.sh: needs zstd (apt-get install zstd)" >&2; exit 2; }

cargo build --release --quiet --bin framelex --example bare_scan
bin=target/release/framelex
bare=target/release/examples/bare_scan

work=$(mktemp -d "${TMPDIR:-/tmp}/framelex-dump.XXXXXX")
trap 'rm -rf "$work"' EXIT
plain=$work/corpus.jsonl
case "$corpus" in
  *.gz) gzip -dc "$corpus" > "$plain" ;;
  *.zst) zstd -qdc "$corpus" > "$plain" ;;
  *) cp "$corpus" "$plain" ;;
esac
gzip -c -6 "$plain" > "$plain.gz"
zstd -q -3 "$plain" -o "$plain.zst"
bytes=$(stat -c %s "$plain")
printf 'corpus: %s (%.1f MB decompressed, %d lines)\n\n' "$corpus" "$(echo "$bytes / 1000000" | bc -l)" "$(wc -l < "$plain")"

# run NAME CMD...: prints wall seconds, MB/s and peak RSS; sets $secs.
run() {
  local name=$1; shift
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" > /dev/null 2> "$work/err" || {
    echo "dump.sh: $name failed:" >&2; cat "$work/err" >&2; exit 1; }
  read -r secs rss < "$work/time"
  printf '%-34s %7.2f s  %8.1f MB/s  %7.1f MB RSS' "$name" "$secs" \
    "$(echo "$bytes / 1000000 / $secs" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
}

printf '%-34s %9s  %13s  %14s  %s\n' "run" "wall" "throughput" "peak memory" "vs bare scan"
run "bare scan (1 thread)" "$bare" "$plain"; bare_secs=$secs; echo
for input in "$plain" "$plain.gz" "$plain.zst"; do
  label=${input##*/}
  for t in 1 2; do
    run "framelex $label --threads $t" "$bin" score --format jsonl --threads "$t" "$input"
    printf '  %.2f\n' "$(echo "$bare_secs / $secs" | bc -l)"
    [ "$input" = "$plain" ] && [ "$t" = 1 ] && one=$secs
    [ "$input" = "$plain" ] && [ "$t" = 2 ] && two=$secs
  done
done
printf '\nspeed-up 2 threads / 1 thread (plain JSONL): %.2f\n' "$(echo "$one / $two" | bc -l)"
grep -h '^bare scan' "$work/err" 2>/dev/null || true
