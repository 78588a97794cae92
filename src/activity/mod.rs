//! Activity on internal social tools (Slack, Viva Engage, Teams, Workplace, a
//! LinkedIn group…): the model, the readers of each tool's export, and the
//! engagement measures computed from it.
//!
//! Readers ([`slack`], [`engage`], [`m365`], [`events_csv`]) turn each raw
//! record of an export into a validated model value and hand it to an
//! [`ActivitySink`]. During an import that sink is a [`Feed`], which gives
//! accounts and channels their ids in memory and passes resolved records on
//! in batches; the writer side folds events into the rollups ([`rollup`])
//! while the store persists them, and ties accounts to people
//! ([`identity`]). Measures ([`measures`]) are pure functions over [`Facts`],
//! the rollups loaded into memory. None of these modules speaks SQL.
//!
//! To support a new export, add a reader module that writes members,
//! channels and events to an `ActivitySink`, and a variant of
//! [`ExportFormat`].

pub mod engage;
pub mod events_csv;
pub mod facts;
pub mod feed;
pub mod identity;
pub mod m365;
pub mod measures;
mod model;
mod report;
pub mod rollup;
pub mod sink;
pub mod slack;
pub mod source;
pub mod time;

pub use facts::Facts;
pub use feed::Feed;
pub use model::*;
pub use report::*;
pub use sink::{ActivitySink, Usage};
