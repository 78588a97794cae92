//! The one door files leave Chorus by. Every deck, PDF, workbook, chart,
//! people CSV/XLSX and network file is checked against the privacy rules
//! (`privacy::check`: kinds that name no one are read against the
//! directory), written beside its target and renamed over it once complete
//! (a failure never leaves half a file, nor harms the file it would have
//! replaced), and logged: what, when, where to, how big. What goes to the
//! clipboard or to standard output is checked and logged the same way.

use std::path::Path;

use chrono::{DateTime, Utc};

use crate::file::FileError;
use crate::privacy::{self, ExportKind, ExportRecord, Naming, Roster};
use crate::store::Db;
use crate::{Error, Result};

/// A file about to leave.
#[derive(Debug)]
pub struct Outgoing<'a> {
    pub kind: ExportKind,
    /// The slides or chart, the period and filters, in words, for the log.
    pub what: String,
    /// The text the file shows a reader (titles, sentences, notes, labels,
    /// cells), read against the directory when the kind names no one.
    pub texts: &'a [String],
    /// Sources the file cites (evidence cards'): people named there are
    /// published authors, not colleagues, wherever the file repeats them.
    pub cited: &'a [String],
    pub bytes: &'a [u8],
}

/// The directory as exports are checked against it.
pub fn roster(db: &Db) -> Result<Roster> {
    let names = db.full_names()?;
    Ok(Roster::new(names.iter().map(|n| (n.as_str(), false))))
}

fn checked(db: &Db, out: &Outgoing<'_>) -> Result<()> {
    if out.kind.naming() == Naming::Nobody && !out.texts.is_empty() {
        let mut roster = roster(db)?;
        roster.except_cited(out.cited.iter().map(String::as_str));
        privacy::check(out.kind, &roster, out.texts.iter().map(String::as_str))?;
    }
    Ok(())
}

/// Checks, writes whole and logs one file.
pub fn write(db: &Db, out: Outgoing<'_>, path: &Path, now: DateTime<Utc>) -> Result<ExportRecord> {
    checked(db, &out)?;
    write_whole(path, out.bytes)?;
    let shown = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    log(db, out.kind, out.what, &shown.display().to_string(), out.bytes.len(), now)
}

/// Where an export goes that is not a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    Clipboard,
    StandardOutput,
}

/// Checks and logs what is handed over without a file of ours: put on the
/// clipboard, or printed to standard output (`bytes`: its size).
pub fn hand_over(db: &Db, out: Outgoing<'_>, to: Stream, now: DateTime<Utc>) -> Result<ExportRecord> {
    checked(db, &out)?;
    let to = match to {
        Stream::Clipboard => "the clipboard",
        Stream::StandardOutput => "standard output",
    };
    log(db, out.kind, out.what, to, out.bytes.len(), now)
}

fn log(db: &Db, kind: ExportKind, what: String, to: &str, bytes: usize, now: DateTime<Utc>) -> Result<ExportRecord> {
    let record = ExportRecord { at: super::stamp(now), kind, what, path: to.to_owned(), bytes: bytes as u64 };
    db.log_export(&record)?;
    Ok(record)
}

/// Writes `bytes` to a hidden file beside `path`, then renames it over `path`.
fn write_whole(path: &Path, bytes: &[u8]) -> Result<()> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.part"));
    let shown = path.display().to_string();
    std::fs::write(&tmp, bytes).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::from(FileError::io(&shown, e))
    })?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::from(FileError::io(&shown, e))
    })
}

/// The export log, newest first.
pub fn export_log(db: &Db, limit: u32) -> Result<Vec<ExportRecord>> {
    Ok(db.exports(limit)?)
}
