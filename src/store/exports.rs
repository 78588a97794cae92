//! The export log (one row per file that left Chorus) and saved decks.

use rusqlite::OptionalExtension;

use super::{Db, StoreError};
use crate::model::deck::{DeckSpec, Run, SavedDeck};
use crate::privacy::{ExportKind, ExportRecord};

fn json_error(what: &str, e: serde_json::Error) -> StoreError {
    StoreError::Conflict(format!("the saved deck's {what} could not be read: {e}"))
}

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

impl Db {
    /// Saves (or replaces) a deck under its name.
    pub fn save_deck(&self, name: &str, spec: &DeckSpec, at: &str) -> Result<(), StoreError> {
        let spec = serde_json::to_string(spec).map_err(|e| json_error("storyline", e))?;
        self.conn.execute(
            "INSERT INTO saved_decks (name, spec, saved_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (name) DO UPDATE SET spec = excluded.spec, saved_at = excluded.saved_at",
            rusqlite::params![name, spec, at],
        )?;
        Ok(())
    }

    fn deck_of(r: &rusqlite::Row) -> rusqlite::Result<(String, String, String, Option<String>)> {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
    }

    fn decode((name, spec, saved_at, run): (String, String, String, Option<String>)) -> Result<SavedDeck, StoreError> {
        Ok(SavedDeck {
            name,
            spec: serde_json::from_str(&spec).map_err(|e| json_error("storyline", e))?,
            saved_at,
            last_run: run.map(|r| serde_json::from_str(&r)).transpose().map_err(|e| json_error("last run", e))?,
        })
    }

    /// Every saved deck, by name.
    pub fn saved_decks(&self) -> Result<Vec<SavedDeck>, StoreError> {
        let mut stmt = self.conn.prepare("SELECT name, spec, saved_at, last_run FROM saved_decks ORDER BY name")?;
        let rows = stmt.query_map([], Self::deck_of)?.collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter().map(Self::decode).collect()
    }

    /// The saved deck of that name.
    pub fn saved_deck(&self, name: &str) -> Result<SavedDeck, StoreError> {
        let row = self
            .conn
            .query_row("SELECT name, spec, saved_at, last_run FROM saved_decks WHERE name = ?1", [name], Self::deck_of)
            .optional()?;
        match row {
            Some(r) => Self::decode(r),
            None => {
                let names: Vec<String> = self.saved_decks()?.into_iter().map(|d| d.name).collect();
                let known = if names.is_empty() {
                    "none is saved yet".to_owned()
                } else {
                    format!("saved: {}", names.join(", "))
                };
                Err(StoreError::NotFound(format!("no deck is saved as “{name}” ({known})")))
            }
        }
    }

    /// Records the figures of a saved deck's export, for the next run's comparison.
    pub fn record_run(&self, name: &str, run: &Run) -> Result<(), StoreError> {
        let run = serde_json::to_string(run).map_err(|e| json_error("last run", e))?;
        self.conn.execute("UPDATE saved_decks SET last_run = ?2 WHERE name = ?1", rusqlite::params![name, run])?;
        Ok(())
    }

    /// Deletes a saved deck.
    pub fn delete_deck(&self, name: &str) -> Result<bool, StoreError> {
        Ok(self.conn.execute("DELETE FROM saved_decks WHERE name = ?1", [name])? > 0)
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

    #[test]
    fn decks_are_saved_replaced_and_remember_their_last_run() {
        let db = Db::open_in_memory().unwrap();
        let spec = DeckSpec {
            slides: vec!["cover".into(), "summary".into()],
            filter: Default::default(),
            targets: vec![("active_share".into(), 0.4)],
            edits: vec![],
            added: vec![],
            dark: None,
        };
        db.save_deck("Monthly", &spec, "2026-11-01T00:00:00Z").unwrap();
        let again = DeckSpec { slides: vec!["summary".into()], ..spec };
        db.save_deck("Monthly", &again, "2026-11-02T00:00:00Z").unwrap();
        let saved = db.saved_deck("Monthly").unwrap();
        assert_eq!(saved.spec, again, "replaced under the same name");
        assert!(saved.last_run.is_none());
        let run = Run {
            at: "2026-11-02T10:00:00Z".into(),
            period_to: chrono::NaiveDate::from_ymd_opt(2026, 10, 31).unwrap(),
            figures: vec![("active".into(), 12.0)],
        };
        db.record_run("Monthly", &run).unwrap();
        assert_eq!(db.saved_deck("Monthly").unwrap().last_run, Some(run));
        let err = db.saved_deck("Weekly").unwrap_err().to_string();
        assert!(err.contains("Weekly") && err.contains("Monthly"), "{err}");
        assert!(db.delete_deck("Monthly").unwrap());
        assert!(db.saved_decks().unwrap().is_empty());
    }
}
