//! Problems reading a file, whatever it holds and whoever reads it: the
//! people importer and every activity reader share these, each naming the
//! file (and line and column where there is one).

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
