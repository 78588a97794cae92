//! The SQLite database: opening (pragmas, migrations, refusing files that are
//! not ours or are newer than us) and every query. This is the only module
//! that speaks SQL; the rest of the core passes plain values in and out.

mod activity;
mod edit;
mod evidence;
mod exports;
mod import;
mod network;
mod org;
mod people;
mod schema;
mod search;
mod segments;
mod settings;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

pub use activity::{ActivityTx, ImportRecord, ToolTarget, Written};
pub use import::TICK_ROWS;
pub use schema::latest_version;
pub use settings::Setting;

/// Why the database could not be used.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: not a SQLite database (the file does not start with the SQLite header)")]
    NotADatabase { path: PathBuf },
    #[error("{path}: a SQLite database, but not a Chorus one; refusing to change it")]
    NotChorus { path: PathBuf },
    #[error(
        "{path}: made by a newer Chorus (schema version {found}; this build knows up to {supported}); \
         refusing to open it. Install a newer Chorus, or use another database with --db"
    )]
    TooNew { path: PathBuf, found: i64, supported: i64 },
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}: cannot open: {source}")]
    Open { path: PathBuf, source: rusqlite::Error },
    #[error("database migration failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("cancelled; nothing was written")]
    Cancelled,
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    /// An edit the directory's rules refuse.
    #[error(transparent)]
    Directory(#[from] crate::directory::DirectoryError),
}

impl StoreError {
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::NotADatabase { .. } | StoreError::NotChorus { .. } => "not_a_database",
            StoreError::TooNew { .. } => "database_too_new",
            StoreError::Io { .. } => "io",
            StoreError::Cancelled => "cancelled",
            StoreError::NotFound(_) => "not_found",
            StoreError::Conflict(_) => "conflict",
            StoreError::Directory(e) => e.code(),
            _ => "database",
        }
    }
}

/// An open Chorus database.
#[derive(Debug)]
pub struct Db {
    conn: Connection,
    path: PathBuf,
    search: search::SearchCache,
    facts: activity::FactsCache,
}

/// The database used when neither `--db` nor `CHORUS_DB` says otherwise:
/// `chorus.db` in the platform's data directory (`~/.local/share/chorus/` on
/// Linux).
pub fn default_path() -> PathBuf {
    directories::ProjectDirs::from("", "", "chorus")
        .map(|d| d.data_dir().join("chorus.db"))
        .unwrap_or_else(|| PathBuf::from("chorus.db"))
}

impl Db {
    /// Opens (creating if needed) the database at `path` and brings its schema
    /// up to date. Refuses a file that is not SQLite, a SQLite file that is
    /// not Chorus's, and a database written by a newer Chorus.
    pub fn open(path: &Path) -> Result<Db, StoreError> {
        check_header(path)?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Io { path: dir.to_owned(), source })?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)
            .map_err(|source| StoreError::Open { path: path.to_owned(), source })?;
        Db::prepare(conn, path.to_owned())
    }

    /// A private database in memory, for tests and dry runs.
    pub fn open_in_memory() -> Result<Db, StoreError> {
        Db::prepare(Connection::open_in_memory()?, PathBuf::from(":memory:"))
    }

    fn prepare(mut conn: Connection, path: PathBuf) -> Result<Db, StoreError> {
        let not_db = |e: rusqlite::Error| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase) => StoreError::NotADatabase { path: path.clone() },
            _ => StoreError::Sqlite(e),
        };
        // Per-connection settings, not migrations: they do not persist.
        conn.pragma_update(None, "foreign_keys", true).map_err(not_db)?;
        conn.busy_timeout(std::time::Duration::from_secs(5)).map_err(not_db)?;
        // 64 MiB of page cache: a 100,000-person import then stays in memory
        // until commit instead of spilling pages to the WAL as it goes.
        conn.pragma_update(None, "cache_size", -65536).map_err(not_db)?;
        conn.pragma_update(None, "temp_store", "MEMORY").map_err(not_db)?;
        if path != Path::new(":memory:") {
            conn.pragma_update(None, "journal_mode", "WAL").map_err(not_db)?;
            // Safe with WAL: a crash can lose the last commit, never corrupt.
            conn.pragma_update(None, "synchronous", "NORMAL")?;
        }
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(not_db)?;
        let app_id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
        let tables: i64 =
            conn.query_row("SELECT count(*) FROM sqlite_schema WHERE type = 'table'", [], |r| r.get(0))?;
        if app_id != schema::APPLICATION_ID && (app_id != 0 || tables > 0) {
            return Err(StoreError::NotChorus { path });
        }
        if version > schema::latest_version() {
            return Err(StoreError::TooNew { path, found: version, supported: schema::latest_version() });
        }
        schema::migrations().to_latest(&mut conn)?;
        if app_id == 0 {
            conn.pragma_update(None, "application_id", schema::APPLICATION_ID)?;
        }
        rusqlite::vtab::array::load_module(&conn)?;
        Ok(Db { conn, path, search: search::SearchCache::default(), facts: activity::FactsCache::default() })
    }

    /// Where this database lives (`:memory:` for an in-memory one).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self.conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
    }
}

/// A file that exists and is not empty must start with SQLite's header; this
/// gives a clear message instead of SQLite's "file is not a database" on the
/// first query.
fn check_header(path: &Path) -> Result<(), StoreError> {
    use std::io::Read;
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(source) => return Err(StoreError::Io { path: path.to_owned(), source }),
    };
    let mut head = [0u8; 16];
    let n = file.read(&mut head).map_err(|source| StoreError::Io { path: path.to_owned(), source })?;
    if n == 0 || head.starts_with(b"SQLite format 3\0") {
        Ok(())
    } else {
        Err(StoreError::NotADatabase { path: path.to_owned() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_a_database_from_a_newer_chorus() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.db");
        drop(Db::open(&path).unwrap());
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", latest_version() + 1).unwrap();
        drop(conn);
        let err = Db::open(&path).unwrap_err();
        assert!(matches!(err, StoreError::TooNew { .. }), "a newer schema must not be migrated down: {err}");
    }

    #[test]
    fn refuses_files_that_are_not_chorus_databases() {
        let dir = tempfile::tempdir().unwrap();
        let junk = dir.path().join("junk.db");
        std::fs::write(&junk, b"this is a text file, not a database").unwrap();
        assert!(matches!(Db::open(&junk), Err(StoreError::NotADatabase { .. })));

        let other = dir.path().join("other.db");
        Connection::open(&other).unwrap().execute_batch("CREATE TABLE t(x)").unwrap();
        assert!(matches!(Db::open(&other), Err(StoreError::NotChorus { .. })), "another app's tables are left alone");
    }

    #[test]
    fn opens_twice_and_keeps_its_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.db");
        drop(Db::open(&path).unwrap());
        let db = Db::open(&path).unwrap();
        assert_eq!(db.schema_version().unwrap(), latest_version());
    }
}
