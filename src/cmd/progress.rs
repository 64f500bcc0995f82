//! A progress bar on stderr for long runs: documents, bytes, bytes/s and an ETA when the
//! total input size is known. Shown only when stderr is a terminal and `--quiet` is not
//! given, so logs and pipes stay clean, and only once a run has lasted a second, so that a
//! small file does not flash a bar. Every command that reads a corpus shows the same one.
//!
//! The bar counts bytes *on disk* (compressed bytes for .gz/.zst inputs), since those are
//! what the total and the ETA are known in; `--stats` reports decompressed MB and says so.

use std::cell::Cell;
use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use framelex::input::InputSpec;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a run goes before its bar appears.
const DELAY: Duration = Duration::from_secs(1);

pub struct Progress {
    /// The bar, hidden until [`DELAY`] has passed; `None` when none may be shown.
    bar: Option<ProgressBar>,
    raw: Arc<AtomicU64>,
    records: Cell<u64>,
    started: Instant,
    /// How long before the bar appears ([`DELAY`]).
    delay: Duration,
    shown: Cell<bool>,
}

impl Progress {
    pub fn new(inputs: &[InputSpec], quiet: bool) -> Progress {
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| Self::bar(inputs));
        Self::with(bar, DELAY)
    }

    fn with(bar: Option<ProgressBar>, delay: Duration) -> Progress {
        Progress {
            bar,
            raw: Arc::new(AtomicU64::new(0)),
            records: Cell::new(0),
            started: Instant::now(),
            delay,
            shown: Cell::new(false),
        }
    }

    fn bar(inputs: &[InputSpec]) -> ProgressBar {
        // The total is known when every input is a plain file (sizes on disk, compressed
        // or not: the counter counts the same raw bytes).
        let total: Option<u64> = inputs
            .iter()
            .map(|i| match i {
                InputSpec::Path(p) if p.is_file() => p.metadata().ok().map(|m| m.len()),
                _ => None,
            })
            .sum();
        let template = match total {
            Some(_) => "{bar:30} {percent:>3}%  {binary_bytes}/{binary_total_bytes} on disk  {binary_bytes_per_sec}  {msg}  ETA {eta}",
            None => "{spinner} {binary_bytes} on disk  {binary_bytes_per_sec}  {msg}  {elapsed}",
        };
        ProgressBar::with_draw_target(total, ProgressDrawTarget::hidden())
            .with_style(ProgressStyle::with_template(template).expect("a valid template"))
    }

    /// The counter the reader adds raw bytes to.
    pub fn counter(&self) -> Arc<AtomicU64> {
        self.raw.clone()
    }

    /// Called once per record read.
    pub fn record(&self) {
        let n = self.records.get() + 1;
        self.records.set(n);
        let Some(bar) = &self.bar else { return };
        if !self.shown.get() {
            if self.started.elapsed() < self.delay {
                return;
            }
            self.shown.set(true);
            bar.set_draw_target(ProgressDrawTarget::stderr());
            bar.enable_steady_tick(Duration::from_millis(200));
        }
        if n % 256 == 0 || n < 256 {
            bar.set_position(self.raw.load(Ordering::Relaxed));
            bar.set_message(format!("{n} docs"));
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// [`framelex::pipeline::run`] with the progress bar: the commands that read a corpus
/// (`check --corpus`, `diff`, `explain --id`, `kwic`, `suggest`) show the same bar as
/// `score` and `summarize`.
pub fn run<T, E, M, C>(
    compiled: &framelex::Compiled,
    inputs: Vec<InputSpec>,
    mut opts: framelex::pipeline::PipelineOptions,
    quiet: bool,
    map: M,
    mut consume: C,
) -> Result<framelex::pipeline::RunStats, E>
where
    T: Send,
    M: Fn(&mut framelex::score::Scorer<'_>, framelex::pipeline::Outcome) -> T + Sync,
    C: FnMut(T) -> Result<(), E>,
{
    let progress = Progress::new(&inputs, quiet);
    opts.read.progress = Some(progress.counter());
    let result = framelex::pipeline::run(compiled, inputs, &opts, map, |t| {
        progress.record();
        consume(t)
    });
    progress.finish();
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hidden_bar() -> ProgressBar {
        ProgressBar::with_draw_target(Some(100), ProgressDrawTarget::hidden())
    }

    #[test]
    fn the_bar_appears_only_after_the_delay() {
        let p = Progress::with(Some(hidden_bar()), Duration::from_secs(3600));
        p.counter().store(40, Ordering::Relaxed);
        p.record();
        assert!(!p.shown.get(), "a short run shows no bar");
        assert_eq!(p.bar.as_ref().unwrap().position(), 0, "nor draws one");
        let p = Progress::with(Some(hidden_bar()), Duration::ZERO);
        p.counter().store(40, Ordering::Relaxed);
        p.record();
        assert!(p.shown.get());
        assert_eq!(
            p.bar.as_ref().unwrap().position(),
            40,
            "raw bytes read so far"
        );
        assert_eq!(p.bar.as_ref().unwrap().message(), "1 docs");
        p.finish();
        assert!(p.bar.as_ref().unwrap().is_finished());
    }

    #[test]
    fn no_bar_when_quiet() {
        let p = Progress::new(&[], true);
        assert!(p.bar.is_none());
        p.record();
        assert_eq!(p.records.get(), 1, "records are still counted");
        assert!(!p.shown.get());
    }
}
