//! Chorus core: the people directory, its importers, search, exports and the
//! demo organisation, with no knowledge of any user interface.
//!
//! The command-line tool (`src/bin/chorus.rs`), the integration tests and the
//! desktop shell (`src-tauri/`) all call these same functions. Layout:
//!
//! - [`store`]: the SQLite database — the only module that speaks SQL.
//! - [`directory`]: people, org units and stakeholder attributes as plain
//!   values, with the validation rules every edit goes through.
//! - [`ingest`]: reading people files (CSV, XLSX, Slack `users.json`) into
//!   validated records, and planning an import before it is written.
//! - [`demo`]: a deterministic, realistic demo organisation.
//! - [`activity`]: activity exports of Slack, Viva Engage, Microsoft 365
//!   and any events CSV; engagement, participation and adoption measures.
//! - [`text`]: text folding and checks shared by the modules above.

pub mod activity;
pub mod app;
pub mod champions;
pub mod charts;
pub mod demo;
pub mod directory;
pub mod error;
pub mod file;
pub mod ingest;
pub mod model;
pub mod network;
pub mod privacy;
pub mod progress;
pub mod random;
pub mod report;
pub mod segments;
pub mod store;
pub mod text;

pub use error::{Error, Result};
