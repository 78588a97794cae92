//! Importing people files. Reading goes in two stages, as in ripgrep's flags:
//! a raw table that mirrors the file ([`table`]), then validated records
//! ([`records`]); [`plan`] then decides, against what the directory already
//! holds, what each row adds, updates or leaves alone, and the store writes
//! the plan in one transaction.
//!
//! To support a new people format, add a reader in `table.rs` that yields
//! header cells and text rows, and its header spellings in `mapping.rs`.

pub mod mapping;
pub mod plan;
pub mod records;
pub mod survey;
pub mod table;
pub mod writes;

use std::path::Path;

use serde::Serialize;

pub use crate::file::{RowProblem, Unit, decode};
pub use mapping::{MapOverride, Mapping};
pub use plan::{Plan, plan};
pub use records::records;
pub use table::{RawTable, SourceFormat};
pub use writes::{FieldChange, ImportMeta, ImportOutcome, ManagerTarget, Snapshot, WriteRow};

pub use crate::progress::{Progress, Stage, Watch};

/// A file-level problem: nothing of the file can be imported.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error(transparent)]
    File(#[from] crate::file::FileError),
    #[error("{file}: the file is empty")]
    Empty { file: String },
    #[error("{file}: the file has a header row but no people")]
    HeaderOnly { file: String },
    #[error("{file}: no column for {what}; columns found: {found}. Name the column with --map COLUMN=FIELD")]
    MissingColumn { file: String, what: &'static str, found: String },
    #[error("{file}: {reason}")]
    NotText { file: String, reason: String },
    #[error("{file}: not a readable spreadsheet: {reason}")]
    NotWorkbook { file: String, reason: String },
    #[error("{0}")]
    BadMapping(String),
    #[error(
        "{file}: {n} row(s) have problems; nothing was imported. Fix them, or import the other rows with --skip-bad-rows",
        file = .0.file, n = .0.rejected
    )]
    Rejected(Box<ImportReport>),
    #[error("import cancelled; nothing was written")]
    Cancelled,
    #[error(
        "{file}: {n} problem(s); nothing was imported. Fix them, or import the other answers with --skip-bad-rows:\n{shown}",
        n = problems.len(),
        shown = problems.iter().take(10).map(|p| format!("  {p}")).collect::<Vec<_>>().join("\n")
    )]
    SurveyRejected { file: String, problems: Vec<RowProblem> },
}

impl IngestError {
    pub fn code(&self) -> &'static str {
        match self {
            IngestError::File(e) => e.code(),
            IngestError::Rejected(_) | IngestError::SurveyRejected { .. } => "rows_rejected",
            IngestError::BadMapping(_) => "bad_mapping",
            IngestError::Cancelled => "cancelled",
            _ => "bad_file",
        }
    }
}

/// How to import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Force a format instead of detecting it.
    pub format: Option<SourceFormat>,
    pub overrides: Vec<MapOverride>,
    /// Work out and report everything, write nothing.
    pub dry_run: bool,
    /// Import the good rows when some are bad (otherwise abort).
    pub skip_bad_rows: bool,
}

/// What an import did, or (dry run) would do.
#[derive(Debug, Clone, Serialize)]
pub struct ImportReport {
    pub file: String,
    pub format: SourceFormat,
    pub encoding: Option<&'static str>,
    /// Each column and the field it fed (`None`: not imported).
    pub mapping: Vec<(String, Option<String>)>,
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub rejected: usize,
    /// Rows left out on purpose (bots, deactivated accounts).
    pub skipped: Vec<(usize, String)>,
    pub problems: Vec<RowProblem>,
    pub warnings: Vec<RowProblem>,
    pub dry_run: bool,
    pub import_id: Option<i64>,
}

/// Reads a people file and returns its raw table, for previews.
pub fn read_table(path: &Path, format: Option<SourceFormat>) -> Result<(RawTable, Vec<u8>), IngestError> {
    let bytes = std::fs::read(path)
        .map_err(|source| crate::file::FileError::open(path, &path.display().to_string(), source))?;
    if path.is_dir() {
        return Err(IngestError::NotText { file: path.display().to_string(), reason: "is a folder".into() });
    }
    let file = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string());
    let format = format.unwrap_or_else(|| table::detect_format(path, &bytes[..bytes.len().min(512)]));
    let table = table::read(path, &file, format, &bytes)?;
    Ok((table, bytes))
}

/// What a file looks like before it is imported: its columns, the field each
/// would feed, and its first rows.
#[derive(Debug, Clone, Serialize)]
pub struct Preview {
    pub file: String,
    pub format: SourceFormat,
    pub encoding: Option<&'static str>,
    pub headers: Vec<String>,
    /// The field each column feeds (`None`: not imported), by position.
    pub mapping: Vec<Option<String>>,
    /// The first rows, cell by cell.
    pub rows: Vec<Vec<String>>,
    pub total_rows: usize,
    /// Every field a column may be mapped to.
    pub fields: Vec<&'static str>,
}

/// Reads a file and shows how it would be imported, without importing it.
pub fn preview(path: &Path, opts: &ImportOptions, rows: usize) -> Result<Preview, IngestError> {
    let (table, _) = read_table(path, opts.format)?;
    let mapping = Mapping::detect(&table.headers, &opts.overrides)?;
    Ok(Preview {
        file: table.file.clone(),
        format: table.format,
        encoding: table.encoding,
        mapping: mapping.columns.iter().map(|f| f.map(|f| f.name().to_owned())).collect(),
        rows: table.rows.iter().take(rows).map(|r| r.cells.iter().map(str::to_owned).collect()).collect(),
        total_rows: table.rows.len(),
        headers: table.headers,
        fields: crate::directory::Field::ALL.iter().map(|f| f.name()).collect(),
    })
}
