//! The baseline for `benches/dump.sh`: read a JSONL file, take each line's `text` with
//! serde_json, and run the default set's compiled automaton over it with word-boundary
//! checks, counting hits — nothing else. framelex's own throughput is quoted as a ratio
//! to this.
//!
//! Usage: `cargo run --release --example bare_scan -- FILE.jsonl`

use std::io::{BufRead, BufReader};
use std::time::Instant;

#[derive(serde::Deserialize)]
struct Line {
    text: String,
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: bare_scan FILE.jsonl");
    let compiled = framelex::Compiled::embedded();
    let started = Instant::now();
    let file = std::fs::File::open(&path).expect("cannot open input");
    let mut reader = BufReader::with_capacity(256 << 10, file);
    let (mut bytes, mut docs, mut hits) = (0u64, 0u64, 0usize);
    let mut line = Vec::new();
    while reader.read_until(b'\n', &mut line).expect("read error") > 0 {
        bytes += line.len() as u64;
        if let Ok(l) = serde_json::from_slice::<Line>(&line) {
            hits += framelex::score::bare_scan_count(&compiled, &l.text);
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
