//! Reading files, whatever they hold and whoever reads them: problems with
//! a file ([`FileError`]) or one of its rows ([`RowProblem`]), each naming
//! the file (and line and column where there is one), and decoding text in
//! the encodings exports come in ([`decode`]). The people importer, the
//! survey reader and every activity reader share these.

pub mod decode;

use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("{}: no such file or folder", .0.display())]
    NotFound(PathBuf),
    #[error("{file}: {source}")]
    Io { file: String, source: std::io::Error },
    #[error("{file}:{line}:{column}: not valid JSON: {message}")]
    Json { file: String, line: usize, column: usize, message: String },
    #[error("{file}:{line}: {message}")]
    Csv { file: String, line: u64, message: String },
}

impl FileError {
    pub fn code(&self) -> &'static str {
        match self {
            FileError::NotFound(_) => "not_found",
            FileError::Io { .. } => "io",
            FileError::Json { .. } | FileError::Csv { .. } => "bad_file",
        }
    }

    /// A file (or folder) that could not be opened or read.
    pub fn open(path: &Path, file: &str, source: std::io::Error) -> FileError {
        match source.kind() {
            std::io::ErrorKind::NotFound => FileError::NotFound(path.to_owned()),
            _ => FileError::Io { file: file.to_owned(), source },
        }
    }

    /// A read error of an entry or file that exists.
    pub fn io(file: &str, source: std::io::Error) -> FileError {
        FileError::Io { file: file.to_owned(), source }
    }

    pub fn json(file: &str, e: &serde_json::Error) -> FileError {
        FileError::Json { file: file.to_owned(), line: e.line(), column: e.column(), message: e.to_string() }
    }

    /// A CSV error, at its line (`fallback` when the reader gives none).
    pub fn csv(file: &str, e: &csv::Error, fallback: u64) -> FileError {
        let line = e.position().map(|p| p.line()).unwrap_or(fallback);
        FileError::Csv { file: file.to_owned(), line, message: e.to_string() }
    }
}

/// What a row's number counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    Line,
    Row,
    Entry,
}

/// A problem with one row: where it is and what is wrong. Serialised with a
/// `text` field holding the sentence the CLI prints, so the UI shows the
/// very same words.
#[derive(Debug, Clone, PartialEq)]
pub struct RowProblem {
    pub file: String,
    pub unit: Unit,
    pub number: usize,
    /// The file's own column name, when one column is at fault.
    pub column: Option<String>,
    pub message: String,
}

impl serde::Serialize for RowProblem {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("RowProblem", 6)?;
        st.serialize_field("file", &self.file)?;
        st.serialize_field("unit", &self.unit)?;
        st.serialize_field("number", &self.number)?;
        st.serialize_field("column", &self.column)?;
        st.serialize_field("message", &self.message)?;
        st.serialize_field("text", &self.to_string())?;
        st.end()
    }
}

impl std::fmt::Display for RowProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.unit {
            Unit::Line => write!(f, "{}:{}: ", self.file, self.number)?,
            Unit::Row => write!(f, "{}: row {}: ", self.file, self.number)?,
            Unit::Entry => write!(f, "{}: entry {}: ", self.file, self.number)?,
        }
        if let Some(c) = &self.column {
            write!(f, "column {c:?}: ")?;
        }
        f.write_str(&self.message)
    }
}
