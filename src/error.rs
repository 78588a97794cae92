//! The crate's error type: one enum that wraps each area's errors and gives
//! every failure a stable machine `code` (for the CLI's `--json` output and
//! for `{code, message}` across IPC, as `app::Failure`) and a message a
//! person can act on.

use crate::activity::ActivityError;
use crate::activity::measures::FilterError;
use crate::charts::{BrandError, ChartError};
use crate::directory::DirectoryError;
use crate::directory::export::ExportError;
use crate::file::FileError;
use crate::impact::ImpactError;
use crate::impact::series::SeriesError;
use crate::ingest::IngestError;
use crate::privacy::PrivacyError;
use crate::report::ReportError;
use crate::store::StoreError;

/// Any error from the Chorus core.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Directory(#[from] DirectoryError),
    #[error(transparent)]
    Ingest(#[from] IngestError),
    #[error(transparent)]
    Export(#[from] ExportError),
    #[error(transparent)]
    Activity(#[from] ActivityError),
    #[error(transparent)]
    Filter(#[from] FilterError),
    #[error(transparent)]
    File(#[from] FileError),
    #[error(transparent)]
    Chart(#[from] ChartError),
    #[error(transparent)]
    Report(#[from] ReportError),
    #[error(transparent)]
    Brand(#[from] BrandError),
    /// An impact analysis the data cannot carry.
    #[error(transparent)]
    Impact(#[from] ImpactError),
    /// An imported weekly series with a problem at a line.
    #[error(transparent)]
    Series(#[from] SeriesError),
    /// An export stopped by a privacy rule (it would name someone).
    #[error(transparent)]
    Privacy(#[from] PrivacyError),
    /// A request the core cannot take as given (an unknown segment, a
    /// missing reason, a threshold out of range); the message says which.
    #[error("{0}")]
    Invalid(String),
}

impl Error {
    /// A short stable identifier of the kind of failure, for scripts and the UI.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Store(e) => e.code(),
            Error::Directory(e) => e.code(),
            Error::Ingest(e) => e.code(),
            Error::Export(_) => "export",
            Error::Activity(e) => e.code(),
            Error::Filter(_) => "bad_filter",
            Error::File(e) => e.code(),
            Error::Chart(e) => e.code(),
            Error::Report(e) => e.code(),
            Error::Brand(e) => e.code(),
            Error::Impact(e) => e.code(),
            Error::Series(SeriesError::File(e)) => e.code(),
            Error::Series(SeriesError::Row(_)) => "bad_file",
            Error::Privacy(PrivacyError::Threshold(_)) => "invalid",
            Error::Privacy(PrivacyError::Named { .. }) => "privacy",
            Error::Invalid(_) => "invalid",
        }
    }
}

/// Result alias used across the core.
pub type Result<T, E = Error> = std::result::Result<T, E>;
