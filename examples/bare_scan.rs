//! The baseline for `benches/dump.sh`: read a JSONL file, take each line's `text` with
//! serde_json, and run the default set's compiled automaton over it with word-boundary
//! checks, counting hits — nothing else. framelex's own throughput is quoted as a ratio
//! to this.
//!
//! With `--flat`, the automaton is stepped through framelex's flat copy of the DFA (the
//! table the scorer steps) instead of the crate's own search loop.
//!
//! Usage: `cargo run --release --example bare_scan -- [--flat] FILE.jsonl`

use std::io::{BufRead, BufReader};
use std::time::Instant;

#[derive(serde::Deserialize)]
struct Line {
    text: String,
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let flat = args.first().is_some_and(|a| a == "--flat");
    if flat {
        args.remove(0);
    }
    let path = args.pop().expect("usage: bare_scan [--flat] FILE.jsonl");
    let compiled = framelex::Compiled::embedded();
    let started = Instant::now();
    let file = std::fs::File::open(&path).expect("cannot open input");
    let mut reader = BufReader::with_capacity(256 << 10, file);
    let (mut bytes, mut docs, mut hits) = (0u64, 0u64, 0usize);
    let mut line = Vec::new();
    while reader.read_until(b'\n', &mut line).expect("read error") > 0 {
        bytes += line.len() as u64;
        if let Ok(l) = serde_json::from_slice::<Line>(&line) {
            hits += if flat {
                framelex::score::bare_scan_count_flat(&compiled, &l.text)
                    .expect("the default set has a flat table")
            } else {
                framelex::score::bare_scan_count(&compiled, &l.text)
            };
            docs += 1;
        }
        line.clear();
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "bare scan: {docs} docs, {hits} hits, {:.1} MB in {secs:.2} s, {:.1} MB/s",
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / secs
    );
}
