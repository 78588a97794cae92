//! Where readers put what they read. A reader turns each raw record of an
//! export into a validated [`Member`], channel, [`NewEvent`] or [`Usage`] and
//! hands it to an [`ActivitySink`]; it never knows what is behind the sink
//! (the import's [`Feed`](super::Feed), or a test's list).

use super::{ActivityError, Counts, Member, NewEvent, ReadLog};

/// One account's counts for one day, from a usage report (no events).
#[derive(Debug, Clone, Copy)]
pub struct Usage<'a> {
    pub account: &'a str,
    pub day: i32,
    pub counts: Counts,
}

/// What every reader writes to.
pub trait ActivitySink {
    /// An account from the tool's member list (or a message's sender with
    /// its name and e-mail).
    fn member(&mut self, m: &Member) -> Result<(), ActivityError>;
    /// A channel, group or community; returns the id events name it by.
    fn channel(&mut self, source_id: &str, name: &str, private: bool) -> Result<i64, ActivityError>;
    /// One event.
    fn event(&mut self, e: &NewEvent) -> Result<(), ActivityError>;
    /// Counts without events (usage reports).
    fn usage(&mut self, u: &Usage) -> Result<(), ActivityError>;
    /// Problems, warnings and what was left out, as the reader finds them.
    fn log(&mut self) -> &mut ReadLog;
    /// How far reading is, in the units of the import's total (bytes or
    /// entries); also where a cancel is noticed.
    fn done(&mut self, done: u64) -> Result<(), ActivityError>;
    /// "Now", as Unix seconds: times after it (plus a day) are refused.
    fn now(&self) -> i64;
}
