//! A progress bar on stderr for long runs: documents, MB, MB/s and an ETA when the total
//! input size is known. Shown only when stderr is a terminal and `--quiet` is not given,
//! so logs and pipes stay clean.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use framelex::input::InputSpec;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

pub struct Progress {
    bar: Option<ProgressBar>,
    raw: Arc<AtomicU64>,
    records: std::cell::Cell<u64>,
}

impl Progress {
    pub fn new(inputs: &[InputSpec], quiet: bool) -> Progress {
        let raw = Arc::new(AtomicU64::new(0));
        let records = std::cell::Cell::new(0);
        if quiet || !std::io::stderr().is_terminal() {
            return Progress {
                bar: None,
                raw,
                records,
            };
        }
        // The total is known when every input is a plain file (sizes on disk, compressed
        // or not: the counter counts the same raw bytes).
        let total: Option<u64> = inputs
            .iter()
            .map(|i| match i {
                InputSpec::Path(p) if p.is_file() => p.metadata().ok().map(|m| m.len()),
                _ => None,
            })
            .sum();
        let bar = match total {
            Some(t) => ProgressBar::with_draw_target(Some(t), ProgressDrawTarget::stderr())
                .with_style(
                    ProgressStyle::with_template(
                        "{bar:30} {percent:>3}%  {binary_bytes}/{binary_total_bytes}  {binary_bytes_per_sec}  {msg}  ETA {eta}",
                    )
                    .expect("a valid template"),
                ),
            None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()).with_style(
                ProgressStyle::with_template("{spinner} {binary_bytes}  {binary_bytes_per_sec}  {msg}  {elapsed}")
                    .expect("a valid template"),
            ),
        };
        bar.enable_steady_tick(Duration::from_millis(200));
        Progress {
            bar: Some(bar),
            raw,
            records,
        }
    }

    /// The counter the reader adds raw bytes to.
    pub fn counter(&self) -> Arc<AtomicU64> {
        self.raw.clone()
    }

    /// Called once per output record.
    pub fn record(&self) {
        let n = self.records.get() + 1;
        self.records.set(n);
        if let Some(bar) = &self.bar {
            if n % 256 == 0 {
                bar.set_position(self.raw.load(Ordering::Relaxed));
                bar.set_message(format!("{n} docs"));
            }
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
