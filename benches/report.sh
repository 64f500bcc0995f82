#!/usr/bin/env bash
# Times `framelex report` against `framelex summarize` on the same corpus and options, in
# alternating rounds (these shared machines drift by 10–30 %), and prints each run, the
# means, the ratio and the report's size. The issue's bound: a report of the whole AllSides
# corpus under 5 MB, built in under 2x the time of `summarize`.
#
#   benches/report.sh CORPUS [framelex options…]     (ROUNDS=3 by default)
#   benches/report.sh ../shared/data/allsides-article-bias/allsides_articles.jsonl.gz \
#       --group-by bias --date-field date
# A run that fails (a bad record makes exit status 2) stops the benchmark: a crashed run
# would look fast.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:?usage: benches/report.sh CORPUS [options…]}
shift
rounds=${ROUNDS:-3}
[ -n "${EPOCHREALTIME:-}" ] || { echo "report.sh: needs bash 5 or later" >&2; exit 2; }
export LC_ALL=C
cargo build --release --quiet --bin framelex
bin=target/release/framelex
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
declare -a s_times r_times
for ((i = 0; i < rounds; i++)); do
  t0=$EPOCHREALTIME
  "$bin" summarize -q "$@" "$corpus" -o "$out/summary.txt" 2>/dev/null
  t1=$EPOCHREALTIME
  "$bin" report -q "$@" "$corpus" -o "$out/report.html" 2>/dev/null
  t2=$EPOCHREALTIME
  s_times+=("$(echo "$t1 - $t0" | bc)")
  r_times+=("$(echo "$t2 - $t1" | bc)")
done
mean() { printf '%s\n' "$@" | awk '{s += $1} END {printf "%.3f", s / NR}'; }
sm=$(mean "${s_times[@]}")
rm_=$(mean "${r_times[@]}")
printf 'summarize: %s s (mean %s)\n' "${s_times[*]}" "$sm"
printf 'report:    %s s (mean %s)\n' "${r_times[*]}" "$rm_"
printf 'ratio report/summarize: %.2f\n' "$(echo "$rm_ / $sm" | bc -l)"
printf 'report size: %s bytes\n' "$(wc -c < "$out/report.html")"
