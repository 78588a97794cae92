//! The export log: one row per file that left Chorus.

use super::{Db, StoreError};
use crate::report::{ExportKind, ExportRecord};

impl Db {
    /// Records an export that was written.
    pub fn log_export(&self, e: &ExportRecord) -> Result<i64, StoreError> {
        self.conn.execute(
            "INSERT INTO exports (at, kind, what, path, bytes) VALUES (?1, ?2, ?3, ?4, ?5)",
            rusqlite::params![e.at, e.kind.as_str(), e.what, e.path, e.bytes as i64],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// The export log, newest first.
    pub fn exports(&self, limit: u32) -> Result<Vec<ExportRecord>, StoreError> {
        let mut stmt =
            self.conn.prepare("SELECT at, kind, what, path, bytes FROM exports ORDER BY id DESC LIMIT ?1")?;
        let rows = stmt.query_map([limit], |r| {
            let kind: String = r.get(1)?;
            Ok(ExportRecord {
                at: r.get(0)?,
                kind: ExportKind::parse(&kind).unwrap_or(ExportKind::Chart),
                what: r.get(2)?,
                path: r.get(3)?,
                bytes: r.get::<_, i64>(4)? as u64,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exports_are_logged_newest_first() {
        let db = Db::open_in_memory().unwrap();
        let e = |kind, path: &str| ExportRecord {
            at: "2026-12-01T10:00:00Z".into(),
            kind,
            what: "cover, summary".into(),
            path: path.into(),
            bytes: 10,
        };
        db.log_export(&e(ExportKind::Deck, "/tmp/a.pptx")).unwrap();
        db.log_export(&e(ExportKind::Pdf, "/tmp/a.pdf")).unwrap();
        let log = db.exports(10).unwrap();
        assert_eq!(log.len(), 2);
        assert_eq!(log[0].kind, ExportKind::Pdf);
        assert_eq!(log[1].path, "/tmp/a.pptx");
    }
}
