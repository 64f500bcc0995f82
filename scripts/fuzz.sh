#!/usr/bin/env bash
# Runs one fuzz target of fuzz/ for a given time.
#
#   scripts/fuzz.sh TARGET SECONDS [libFuzzer options...]
#   scripts/fuzz.sh score 600
#   scripts/fuzz.sh list            # the targets
#
# Targets: lexicon (TOML parsing and compiling), score (scoring invariants),
# json_record (JSONL/CSV record parsing), read_file (the readers on whole files, plain,
# gzip, zstd, truncated).
#
# cargo-fuzz needs nightly compiler features; on a stable toolchain RUSTC_BOOTSTRAP=1
# unlocks them (install once with `cargo install cargo-fuzz`). The corpus grows in
# fuzz/corpus/TARGET (seeded from the test fixtures on first run); a crash is saved in
# fuzz/artifacts/TARGET/ and can be replayed with
#   RUSTC_BOOTSTRAP=1 cargo fuzz run TARGET fuzz/artifacts/TARGET/crash-…
# The last line of the log says how many inputs were run ("Done N runs in S seconds").
# CI only builds the targets: cargo check --manifest-path fuzz/Cargo.toml
set -euo pipefail

cd "$(dirname "$0")/.."
targets=(lexicon score json_record read_file)
if [[ ${1:-} == list ]]; then
    printf '%s\n' "${targets[@]}"
    exit 0
fi
if [[ $# -lt 2 ]]; then
    echo "usage: $0 TARGET SECONDS [libFuzzer options...]   (targets: ${targets[*]})" >&2
    exit 2
fi
target=$1
seconds=$2
shift 2
if [[ ! " ${targets[*]} " =~ " $target " ]]; then
    echo "$0: unknown target \"$target\" (targets: ${targets[*]})" >&2
    exit 2
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "$0: cargo-fuzz is missing; install it with: cargo install cargo-fuzz" >&2
    exit 2
fi

corpus=fuzz/corpus/$target
if [[ ! -d $corpus ]]; then
    mkdir -p "$corpus"
    # Seeds: the project's own fixtures, in the shape each target reads.
    case $target in
    lexicon)
        for f in tests/fixtures/lexicons/*.toml lexicons/*.toml; do
            cp "$f" "$corpus/$(basename "$(dirname "$f")")-$(basename "$f")"
        done
        ;;
    json_record)
        i=0
        for f in tests/fixtures/*.jsonl; do
            while IFS= read -r line; do
                for mode in 0 1 2 3; do
                    printf '%b%s' "\\x0$mode" "$line" >"$corpus/seed-$i-$mode"
                done
                i=$((i + 1))
            done <"$f"
        done
        ;;
    read_file)
        for f in tests/fixtures/docs.jsonl tests/fixtures/bad.jsonl tests/fixtures/docs.csv \
            tests/fixtures/corpus/alpha.txt; do
            for mode in 0 1 2 5 6 69; do
                { printf '%b' "\\x$(printf '%02x' "$mode")\\x80\\xff"; cat "$f"; } \
                    >"$corpus/$(basename "$f")-$mode"
            done
        done
        ;;
    esac
fi

export RUSTC_BOOTSTRAP=1
exec cargo fuzz run --fuzz-dir fuzz "$target" "$corpus" -- \
    -max_total_time="$seconds" -rss_limit_mb=4096 -print_final_stats=1 "$@"
