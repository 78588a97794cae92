//! Following and stopping a long task (an import, later a deck): what the
//! caller passes in, and what the task reports back. One watcher for every
//! import, people or activity.

use std::sync::atomic::{AtomicBool, Ordering};

use serde::Serialize;

/// The steps of an import, in order, as progress reports them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    Reading,
    Validating,
    Planning,
    Writing,
}

/// How far a task is: `done` of `total` units (rows, bytes or entries; 0 of
/// 0 when a stage has no count).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub stage: Stage,
    pub done: u64,
    pub total: u64,
}

/// What a caller passes to follow and stop a long task.
#[derive(Clone, Copy)]
pub struct Watch<'a> {
    pub progress: &'a (dyn Fn(Progress) + Sync),
    /// Set to stop the task; it then ends with nothing written.
    pub cancel: &'a AtomicBool,
}

/// The task was stopped by its caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cancelled;

static NEVER: AtomicBool = AtomicBool::new(false);

fn ignore(_: Progress) {}

impl Watch<'static> {
    /// A watcher that hears nothing and never cancels (tests, the CLI).
    pub fn quiet() -> Watch<'static> {
        Watch { progress: &ignore, cancel: &NEVER }
    }
}

impl Watch<'_> {
    /// Reports how far the task is, and whether it should stop.
    pub fn report(&self, stage: Stage, done: u64, total: u64) -> Result<(), Cancelled> {
        (self.progress)(Progress { stage, done, total });
        self.check()
    }

    /// Whether the caller asked to stop.
    pub fn check(&self) -> Result<(), Cancelled> {
        if self.cancel.load(Ordering::Relaxed) { Err(Cancelled) } else { Ok(()) }
    }
}

impl std::fmt::Debug for Watch<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Watch").field("cancel", &self.cancel).finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_and_stops_when_asked() {
        let seen = std::sync::Mutex::new(Vec::new());
        let cancel = AtomicBool::new(false);
        let push = |p: Progress| seen.lock().unwrap().push(p.done);
        let w = Watch { progress: &push, cancel: &cancel };
        assert_eq!(w.report(Stage::Reading, 1, 2), Ok(()));
        cancel.store(true, Ordering::Relaxed);
        assert_eq!(w.report(Stage::Writing, 2, 2), Err(Cancelled), "a set cancel flag stops the task");
        assert_eq!(*seen.lock().unwrap(), vec![1, 2], "every report reaches the caller");
        assert_eq!(Watch::quiet().check(), Ok(()));
    }
}
