//! What a person does with Chorus, one function per action: the command line
//! and the desktop shell call these, never the store's queries directly.
//! Each area (`app/<area>.rs`) loads, calls the pure area of the core and
//! persists; no area imports another. They share the layer's base only:
//! [`load`] (what several use cases read), [`import`] (the one pipeline
//! activity comes in by), [`export`] (the one door files leave by) and this module's [`Failure`], [`open`] and [`stamp`].
//! Each takes the one "now" of the action (`DateTime<Utc>`) and an input
//! struct, and returns model values or an [`Error`](crate::Error), which
//! crosses to the UI and scripts as [`Failure`] (`{code, message}`).

pub mod activity;
pub mod champions;
pub mod charts;
pub mod demo;
pub mod directory;
pub mod engagement;
pub mod export;
pub mod impact;
pub mod import;
pub mod load;
pub mod network;
pub mod people;
pub mod report;
pub mod segments;
pub mod settings;
pub mod survey;

pub use crate::store::{Db, default_path};

use serde::Serialize;

/// An error as the UI and `--json` output see it: a stable code to branch
/// on and the sentence to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Failure {
    pub code: String,
    pub message: String,
}

impl<E: Into<crate::Error>> From<E> for Failure {
    fn from(e: E) -> Self {
        let e: crate::Error = e.into();
        Failure { code: e.code().to_owned(), message: e.to_string() }
    }
}

impl Failure {
    pub fn new(code: &str, message: impl Into<String>) -> Failure {
        Failure { code: code.to_owned(), message: message.into() }
    }

    /// A failure of the program itself, not of the input.
    pub fn internal(message: impl Into<String>) -> Failure {
        Failure::new("internal", message)
    }
}

/// Opens the database at `path`, or the default one (`CHORUS_DB` is read
/// by the callers), creating and migrating it as needed.
pub fn open(path: &std::path::Path) -> crate::Result<Db> {
    Ok(Db::open(path)?)
}

/// The time stamp stored with an action (`2026-11-25T10:00:00Z`).
pub fn stamp(now: chrono::DateTime<chrono::Utc>) -> String {
    now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
