#!/usr/bin/env bash
# Mutation testing with cargo-mutants: change one operator or return value at a time, run
# the tests, and count the mutants no test notices. See docs/testing.md.
#
#   scripts/mutants.sh                       # the core modules (.cargo/mutants.toml)
#   scripts/mutants.sh src/summary.rs        # one file (several may be given)
#   SHARD=0/10 scripts/mutants.sh            # one shard of ten (round robin)
#   JOBS=1 scripts/mutants.sh                # one build directory instead of two
#   IN_PLACE=1 scripts/mutants.sh            # mutate the tree itself (no copies)
#   TIMEOUT=600 scripts/mutants.sh           # per-mutant test timeout (s)
#   OUT=dir scripts/mutants.sh               # results in dir/mutants.out
#   ITERATE=1 scripts/mutants.sh             # only the mutants not caught last time
#   LIST=1 scripts/mutants.sh src/flat.rs    # only list the mutants
#   RE='in start_ok$' scripts/mutants.sh src/score.rs   # only the mutants whose name matches
#   WHOLE=1 SHARD=0/10 scripts/mutants.sh    # every file of the crate, not only the core
#   RECHECK=1 scripts/mutants.sh             # again the mutants missed before (scripts/mutants-missed.txt)
#
# By default cargo-mutants copies the tree (as it is, uncommitted changes included) into
# JOBS build directories and works there, so the tree stays free to edit while it runs.
# The copies live in a scratch directory beside a link to ../shared, so that the tests find
# ../shared there as they do in CI. Builds use the `mutants` profile of Cargo.toml
# (opt-level 1), where the suite runs in a third of the debug build's time. Results are in
# mutants.out/ (caught.txt, missed.txt, timeout.txt, unviable.txt, outcomes.json); the last
# lines printed are the counts per file.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v cargo-mutants >/dev/null || {
  echo "mutants.sh: needs cargo-mutants: cargo install --locked cargo-mutants" >&2
  exit 2
}
[ -d ../shared ] || { echo "mutants.sh: ../shared is missing (the gold tests need it)" >&2; exit 2; }

args=(--no-shuffle --profile mutants)
[ -n "${TIMEOUT:-}" ] && args+=(--timeout "$TIMEOUT")
[ -n "${SHARD:-}" ] && args+=(--shard "$SHARD" --sharding round-robin)
[ -n "${OUT:-}" ] && args+=(--output "$OUT")
[ -n "${ITERATE:-}" ] && args+=(--iterate)
# A regex on the names --list shows ("src/score.rs:724:5: replace start_ok -> bool with
# true"), e.g. to finish a run that stopped part way: RE='^src/score\.rs:(7[2-9]|[89])'.
if [ -n "${RECHECK:-}" ]; then
  # The names of scripts/mutants-missed.txt, whatever line and column they are at now.
  RE=$(python3 -c '
import re
names = [l.split(": ", 1) for l in open("scripts/mutants-missed.txt") if l.strip() and not l.startswith("#")]
print("|".join(f"^{re.escape(f)}:\\d+:\\d+: {re.escape(d.strip())}$" for f, d in names))')
fi
[ -n "${RE:-}" ] && args+=(--re "$RE")
# The baseline suite takes about 8 s (the documented examples skipped, below): a mutant
# still running after two minutes has made a loop spin. (cargo mutants without this
# script runs the examples too, and the config's floor is 300 s.)
args+=(--minimum-test-timeout 120)
if [ $# -gt 0 ] || [ -n "${WHOLE:-}" ]; then
  # Files named here replace the config's list (cargo-mutants would add them to it);
  # the config's other settings (timeouts, skips) are given again. WHOLE=1 with no files
  # examines every file of the crate (the front end and the report too) for the
  # whole-crate score.
  args+=(--no-config --exclude 'src/**/tests.rs' --timeout-multiplier 2)
  while IFS= read -r re; do args+=(--exclude-re "$re"); done < <(python3 -c '
import tomllib
for re in tomllib.load(open(".cargo/mutants.toml", "rb")).get("exclude_re", []):
    print(re)')
  for f in "$@"; do args+=(--file "$f"); done
fi
# The documented examples test the docs, not the core, and take two minutes of each
# mutant's test run: libtest skips them (cargo test -- --skip NAME).
test_args=(-- -- --skip documented_examples_print_what_the_docs_say)

if [ -n "${LIST:-}" ]; then
  # Only list the mutants that would be tested.
  exec cargo mutants --list "${args[@]}"
fi

if [ -n "${IN_PLACE:-}" ]; then
  if ! git diff --quiet; then
    echo "mutants.sh: the tree has uncommitted changes; IN_PLACE mutates it, so commit or stash first" >&2
    exit 2
  fi
  # cargo-mutants allows no parallel jobs in place.
  args+=(--in-place)
else
  scratch=$(mktemp -d "${TMPDIR:-/tmp}/framelex-mutants.XXXXXX")
  trap 'rm -rf "$scratch"' EXIT
  ln -s "$(cd ../shared && pwd)" "$scratch/shared"
  export TMPDIR=$scratch
  args+=(--jobs "${JOBS:-2}")
fi

start=$(date +%s)
status=0
cargo mutants "${args[@]}" "${test_args[@]}" || status=$?
echo "mutants.sh: wall time $(( $(date +%s) - start )) s (cargo-mutants exit status $status)"

# Counts per file from the outcome lists ("src/x.rs:12:5: replace ..." per line).
OUT=${OUT:-} python3 - <<'PY'
import collections, pathlib
import os
out = pathlib.Path(os.environ.get("OUT") or ".") / "mutants.out"
counts = collections.defaultdict(collections.Counter)
for kind in ["caught", "missed", "timeout", "unviable"]:
    p = out / f"{kind}.txt"
    if p.exists():
        for line in p.read_text().splitlines():
            if line.strip():
                counts[line.split(":")[0]][kind] += 1
print(f"{'file':<28} {'total':>6} {'caught':>7} {'missed':>7} {'timeout':>8} {'unviable':>9} {'score':>7}")
tot = collections.Counter()
for f in sorted(counts):
    c = counts[f]; tot.update(c)
    viable = c["caught"] + c["missed"] + c["timeout"]
    score = 100.0 * (c["caught"] + c["timeout"]) / viable if viable else 0.0
    print(f"{f:<28} {sum(c.values()):>6} {c['caught']:>7} {c['missed']:>7} {c['timeout']:>8} {c['unviable']:>9} {score:>6.1f}%")
viable = tot["caught"] + tot["missed"] + tot["timeout"]
if viable:
    print(f"{'all':<28} {sum(tot.values()):>6} {tot['caught']:>7} {tot['missed']:>7} {tot['timeout']:>8} {tot['unviable']:>9} {100.0*(tot['caught']+tot['timeout'])/viable:>6.1f}%")
PY
exit "$status"
