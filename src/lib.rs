//! Chorus core: the people directory and its importers, the activity of the
//! tools and its measures, the interaction network, segments, champions,
//! charts and the CEO report — with no knowledge of any user interface.
//!
//! The command-line tool (`src/bin/chorus/`), the integration tests and the
//! desktop shell (`src-tauri/`) all call the same use cases in [`app`]. The
//! layers (ARCHITECTURE.md; `tests/architecture.rs` checks them):
//!
//! - [`app`]: one function per thing a person does; loads, calls, persists.
//! - Pure areas, functions of plain values: [`report`] (deck, PDF,
//!   workbook), [`charts`], [`champions`], [`network`], [`segments`],
//!   [`activity`] (readers and measures), [`ingest`] (people files),
//!   [`directory`] (people, fields, search, the people export), [`impact`]
//!   (what a rollout changed), [`demo`].
//! - At the bottom: [`model`] and [`privacy`] (what the store keeps for the
//!   areas above it), [`file`] (file and row problems, decoding), [`text`],
//!   [`progress`], [`random`].
//! - [`store`]: the SQLite database, the only module that speaks SQL.

pub mod activity;
pub mod app;
pub mod champions;
pub mod charts;
pub mod demo;
pub mod directory;
pub mod error;
pub mod file;
pub mod impact;
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
