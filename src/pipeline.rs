//! The streaming pipeline: read a batch, score it in parallel, hand results on in input
//! order, repeat.
//!
//! One thread reads and cuts records (decompression included) while the rayon pool parses
//! and scores the previous batch, and the calling thread hands on the results of the batch
//! before that, so the three overlap; with one worker (`--threads 1`) the calling thread
//! scores the batches itself. At most one batch waits between the reader and the pool,
//! and at most one batch of results between the pool and the consumer, which bounds memory
//! by the batch size whatever the size of the input. Results reach the consumer in input
//! order, so output is byte-identical at any thread count.

use std::sync::{mpsc, Mutex};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::compile::Compiled;
use crate::input::{
    Document, InputSpec, JsonSpec, RawRecord, ReadOptions, ReadStats, Reader, RecordError,
};
use crate::score::{DocScore, Scorer};

/// Records in the pieces of a batch that the workers share out (see `run_with`).
const MAX_PIECE: usize = 8;

/// A scorer lent to one piece of a batch from the run's scorers, and given back when
/// the piece is done.
struct Lease<'p, 'c> {
    scorer: Option<Scorer<'c>>,
    scorers: &'p Mutex<Vec<Scorer<'c>>>,
}

impl<'p, 'c> Lease<'p, 'c> {
    fn new(scorers: &'p Mutex<Vec<Scorer<'c>>>, compiled: &'c Compiled) -> Self {
        let lent = scorers.lock().unwrap_or_else(|e| e.into_inner()).pop();
        Lease {
            scorer: Some(lent.unwrap_or_else(|| Scorer::new(compiled))),
            scorers,
        }
    }

    fn scorer(&mut self) -> &mut Scorer<'c> {
        self.scorer
            .as_mut()
            .expect("a lease holds its scorer until dropped")
    }
}

impl Drop for Lease<'_, '_> {
    fn drop(&mut self) {
        if let Some(s) = self.scorer.take() {
            self.scorers
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(s);
        }
    }
}

/// What became of one input record.
#[derive(Debug)]
pub enum Outcome {
    /// Parsed and scored.
    Scored(Document, DocScore),
    /// Could not be scored; the error says where and why.
    Failed(RecordError),
}

/// Counts for a whole run.
#[derive(Debug, Default, Clone, Copy)]
pub struct RunStats {
    /// Records scored.
    pub scored: u64,
    /// Records that failed (each has an error record in the output).
    pub failed: u64,
    /// Blank lines passed over (not records).
    pub skipped: u64,
    /// Files in folders passed over for an unknown extension.
    pub unknown_files: u64,
    /// Records that held invalid UTF-8 (decoded with U+FFFD).
    pub invalid_utf8_records: u64,
    /// Input bytes read, after decompression.
    pub bytes: u64,
    /// Bytes of document text scored.
    pub text_bytes: u64,
    /// Wall time.
    pub elapsed: Duration,
}

/// Pipeline settings.
#[derive(Debug, Clone)]
pub struct PipelineOptions {
    /// Worker threads. By default (0), one per core.
    pub threads: usize,
    /// How inputs are read.
    pub read: ReadOptions,
}

/// Runs the pipeline. `map` runs on the worker threads for every record (in parallel,
/// with a scorer that no other thread uses meanwhile) and turns its outcome into `T`;
/// `consume` receives each `T` on the calling thread in input order. The first error from
/// `consume` stops the run (reading stops too) and is returned.
pub fn run<T, E, M, C>(
    compiled: &Compiled,
    inputs: Vec<InputSpec>,
    opts: &PipelineOptions,
    map: M,
    consume: C,
) -> Result<RunStats, E>
where
    T: Send,
    M: Fn(&mut Scorer<'_>, Outcome) -> T + Sync,
    C: FnMut(T) -> Result<(), E>,
{
    run_with(compiled, inputs, opts, true, map, consume)
}

/// [`run`], choosing whether the pipeline scores each whole document. With
/// `score_documents` false, [`Outcome::Scored`] carries an empty [`DocScore`] and `map`
/// scores what it needs itself (paragraphs or sentences, say) with the scorer it is given.
pub fn run_with<T, E, M, C>(
    compiled: &Compiled,
    inputs: Vec<InputSpec>,
    opts: &PipelineOptions,
    score_documents: bool,
    map: M,
    mut consume: C,
) -> Result<RunStats, E>
where
    T: Send,
    M: Fn(&mut Scorer<'_>, Outcome) -> T + Sync,
    C: FnMut(T) -> Result<(), E>,
{
    let started = Instant::now();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads)
        .thread_name(|i| format!("framelex-score-{i}"))
        .build()
        .expect("a thread pool can be built");
    let spec = JsonSpec::new(
        &opts.read.text_field,
        &opts.read.id_field,
        &opts.read.fields_read(),
    );
    let mut stats = RunStats::default();
    let (tx, rx) = mpsc::sync_channel::<Vec<RawRecord>>(1);
    let read_opts = opts.read.clone();
    let (result, read_stats) = std::thread::scope(|scope| {
        let reader = std::thread::Builder::new()
            .name("framelex-read".into())
            .spawn_scoped(scope, move || {
                let mut reader = Reader::new(inputs, read_opts);
                reader.run(&mut |batch| tx.send(batch).is_ok());
                reader.stats
            })
            .expect("a reader thread can be started");
        let mut result = Ok(());
        let one = |scorer: &mut Scorer<'_>, raw: &RawRecord| {
            let outcome = match raw.parse(&spec, &opts.read) {
                Ok(doc) => {
                    let score = if score_documents {
                        scorer.score(&doc.text)
                    } else {
                        DocScore::default()
                    };
                    Outcome::Scored(doc, score)
                }
                Err(e) => Outcome::Failed(e),
            };
            let (failed, invalid, len) = match &outcome {
                Outcome::Scored(d, _) => (false, d.invalid_utf8, d.text.len()),
                Outcome::Failed(_) => (true, 0, 0),
            };
            (map(scorer, outcome), failed, invalid, len)
        };
        let mut consume_all = |outs: Vec<(T, bool, usize, usize)>| {
            for (t, failed, invalid, len) in outs {
                if failed {
                    stats.failed += 1;
                } else {
                    stats.scored += 1;
                }
                stats.invalid_utf8_records += u64::from(invalid > 0);
                stats.text_bytes += len as u64;
                consume(t)?;
            }
            Ok(())
        };
        if pool.current_num_threads() == 1 {
            // With one worker the batch is scored on this thread, by one scorer for the
            // whole run: handing each batch to a pool thread and back only added two
            // wake-ups per batch, and let the scheduler put the reader, this thread and
            // the worker on one core while the other idled.
            let mut scorer = Scorer::new(compiled);
            for batch in rx.iter() {
                let outs = batch.iter().map(|raw| one(&mut scorer, raw)).collect();
                drop(batch);
                if let Err(e) = consume_all(outs) {
                    result = Err(e);
                    break;
                }
            }
            // Dropping the batches' receiver stops the reader.
            drop(rx);
        } else {
            // The pool scores the next batch while this thread hands on the last one's
            // results: waiting for the consumer (the printer) between batches left the
            // workers idle for an eighth of the run on two cores. One slot, so that the
            // pool goes on without waiting for this thread to take the results (a
            // rendezvous would hold one result batch less; timed runs did not tell the
            // two apart).
            let (done_tx, done_rx) = mpsc::sync_channel::<Vec<(T, bool, usize, usize)>>(1);
            // Scorers outlive the pieces of a batch they score, so that their buffers
            // keep the size the longest documents gave them.
            let scorers = Mutex::new(Vec::new());
            std::thread::scope(|inner| {
                let scoring = inner.spawn(|| {
                    for batch in rx.iter() {
                        let outs = pool.install(|| {
                            // Pieces of at most MAX_PIECE records: with pieces of a
                            // quarter of a batch (rayon's own split on two threads), one
                            // worker idled at the end of each batch while the other
                            // finished its piece, a few per cent of the run.
                            batch
                                .par_iter()
                                .with_max_len(MAX_PIECE)
                                .map_init(
                                    || Lease::new(&scorers, compiled),
                                    |lease, raw| one(lease.scorer(), raw),
                                )
                                .collect()
                        });
                        drop(batch);
                        if done_tx.send(outs).is_err() {
                            break;
                        }
                    }
                    // Dropping the batches' receiver here stops the reader; dropping the
                    // sender ends the consumer's loop.
                    drop((rx, done_tx));
                });
                for outs in done_rx.iter() {
                    if let Err(e) = consume_all(outs) {
                        result = Err(e);
                        break;
                    }
                }
                // A consumer that stopped early stops the scoring thread.
                drop(done_rx);
                // A panic while scoring goes on with its own message, as it would have on
                // this thread.
                if let Err(panic) = scoring.join() {
                    std::panic::resume_unwind(panic);
                }
            });
        }
        let read_stats: ReadStats = reader.join().expect("the reader thread does not panic");
        (result, read_stats)
    });
    result?;
    stats.skipped = read_stats.skipped;
    stats.unknown_files = read_stats.unknown_files;
    stats.bytes = read_stats.bytes;
    stats.elapsed = started.elapsed();
    Ok(stats)
}
