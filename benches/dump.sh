#!/usr/bin/env bash
# Times framelex on a JSONL dump against a bare automaton scan of the same bytes, in one
# run, and prints MB/s, CPU time, the ratio framelex / bare scan, and peak RSS for each.
#
#   benches/dump.sh CORPUS.jsonl[.gz|.zst]        (REPS=3 by default)
#
# (a) bare scan: examples/bare_scan.rs — read the file, parse each line's text with
#     serde_json, run the same compiled automaton with word-boundary checks, count hits;
#     the ratios are to this run, which searches with the aho-corasick crate's own loop.
#     A second run ("flat table") steps framelex's flat copy of the same DFA instead, the
#     table the scorer steps, and its own ratio is printed beside the first;
# (b) framelex score --format jsonl with --threads 1 and --threads 2;
# (c) the same, on the .gz and .zst compressions of the file.
# MB/s is decompressed JSONL bytes per second of wall time. These machines are shared and
# noisy: every configuration runs REPS times, in turns (bare scan, then each framelex run,
# then again), and the table shows each one's fastest run, so that a slow spell of the
# machine does not land on one configuration only, and beside it the median run. Ratios
# are of the fastest runs, taken within this one run; the speed-up is given for both, and
# round by round (each round's 1-thread run over its 2-thread run, the median of those).
set -euo pipefail
cd "$(dirname "$0")/.."

corpus=${1:?usage: benches/dump.sh CORPUS.jsonl[.gz|.zst]}
reps=${REPS:-3}
[ -f "$corpus" ] || { echo "dump.sh: no such corpus: $corpus" >&2; exit 2; }
[ -n "${EPOCHREALTIME:-}" ] || { echo "dump.sh: needs bash 5 or later (EPOCHREALTIME)" >&2; exit 2; }
export LC_ALL=C # a decimal point in EPOCHREALTIME and printf, whatever the locale
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
printf 'corpus: %s (%.1f MB decompressed, %d lines); fastest of %d runs each\n\n' "$corpus" \
  "$(echo "$bytes / 1000000" | bc -l)" "$(wc -l < "$plain")" "$reps"

names=("bare scan (1 thread)" "bare scan, flat table")
cmds=("$bare $plain" "$bare --flat $plain")
for input in "$plain" "$plain.gz" "$plain.zst"; do
  for t in 1 2; do
    names+=("framelex ${input##*/} --threads $t")
    cmds+=("$bin score --format jsonl --threads $t $input")
  done
done

declare -a wall cpu rss walls
for ((r = 0; r < reps; r++)); do
  for i in "${!cmds[@]}"; do
    # shellcheck disable=SC2086 # the command is split on purpose
    # Wall time from bash's microsecond clock: time's own is in hundredths, too coarse
    # for ratios of runs under a second.
    t0=$EPOCHREALTIME
    /usr/bin/time -f '%e %U %S %M' -o "$work/time" ${cmds[$i]} > /dev/null 2> "$work/err" || {
      echo "dump.sh: ${names[$i]} failed:" >&2; cat "$work/err" >&2; exit 1; }
    t1=$EPOCHREALTIME
    read -r _ u s m < "$work/time"
    e=$(echo "$t1 - $t0" | bc)
    walls[$i]="${walls[$i]:-} $e"
    if [ -z "${wall[$i]:-}" ] || [ "$(echo "$e < ${wall[$i]}" | bc)" = 1 ]; then
      wall[$i]=$e; cpu[$i]=$(echo "$u + $s" | bc)
    fi
    if [ -z "${rss[$i]:-}" ] || [ "$m" -gt "${rss[$i]}" ]; then rss[$i]=$m; fi
  done
done

# The median of a configuration's runs: the fastest run is the least disturbed, but the
# chance of a quiet spell is not the same for a run on one core and a run on two.
median() { tr ' ' '\n' <<< "$1" | grep . | sort -n | awk '{v[NR] = $1} END {
  print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
declare -a med
for i in "${!cmds[@]}"; do med[$i]=$(median "${walls[$i]}"); done

printf '%-38s %9s %8s  %13s  %8s  %14s  %s\n' "run" "wall" "median" "throughput" "cpu" "peak memory" "vs bare scan"
for i in "${!cmds[@]}"; do
  printf '%-38s %7.2f s %6.2f s  %8.1f MB/s  %6.2f s  %7.1f MB RSS' "${names[$i]}" "${wall[$i]}" "${med[$i]}" \
    "$(echo "$bytes / 1000000 / ${wall[$i]}" | bc -l)" "${cpu[$i]}" "$(echo "${rss[$i]} / 1024" | bc -l)"
  if [ "$i" -gt 0 ]; then printf '  %.2f' "$(echo "${wall[0]} / ${wall[$i]}" | bc -l)"; fi
  if [ "$i" -gt 1 ]; then printf '  (flat: %.2f)' "$(echo "${wall[1]} / ${wall[$i]}" | bc -l)"; fi
  echo
done
printf '\nspeed-up 2 threads / 1 thread (plain JSONL): %.3f (medians: %.3f)\n' \
  "$(echo "${wall[2]} / ${wall[3]}" | bc -l)" "$(echo "${med[2]} / ${med[3]}" | bc -l)"
# The same speed-up taken round by round: the 1-thread and 2-thread runs of one round run
# back to back, so a slow spell of the machine, which lasts seconds, mostly slows both.
# The median of these ratios is the least moved by such spells; the fastest runs above
# may come from different rounds.
paired=$(paste <(tr ' ' '\n' <<< "${walls[2]}" | grep .) <(tr ' ' '\n' <<< "${walls[3]}" | grep .) |
  awk '{print $1 / $2}' | sort -n | awk '{v[NR] = $1} END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%.3f (%d rounds, %.3f to %.3f)", m, NR, v[1], v[NR] }')
printf 'speed-up round by round (median of each round'"'"'s ratio): %s\n' "$paired"
