//! Ctrl-C during a long run: stop reading, keep what was written consistent, and say how
//! far the run got. The handler only sets a flag; the consuming loop checks it between
//! records, so no record is half-written and `-o FILE` is never left partial (its
//! temporary file is removed instead of renamed).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;

static INTERRUPTED: OnceLock<&'static AtomicBool> = OnceLock::new();

/// Installs the handler (once per process) and returns the flag it sets.
pub fn flag() -> &'static AtomicBool {
    INTERRUPTED.get_or_init(|| {
        let flag: &'static AtomicBool = Box::leak(Box::new(AtomicBool::new(false)));
        // If a handler cannot be installed (already taken by an embedding program), Ctrl-C
        // keeps its default behaviour: the process ends at once.
        // A second Ctrl-C (say, while waiting on a silent pipe) ends the process at once.
        let _ = ctrlc::set_handler(move || {
            if flag.swap(true, Ordering::SeqCst) {
                std::process::exit(130);
            }
        });
        flag
    })
}

/// The error a run stops with when interrupted.
#[derive(Debug, thiserror::Error)]
#[error("interrupted after {records} records")]
pub struct Interrupted {
    pub records: u64,
}

/// Checks the flag; call between records.
pub fn check(records: u64) -> Result<(), Interrupted> {
    if flag().load(Ordering::Relaxed) {
        Err(Interrupted { records })
    } else {
        Ok(())
    }
}
