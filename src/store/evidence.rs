//! Evidence cards: statements from outside the company's own data, with
//! their source and date, kept to be placed on slides.

use chrono::NaiveDate;

use super::{Db, StoreError};
use crate::model::deck::Evidence;

fn checked(statement: &str, source: &str) -> Result<(String, String), StoreError> {
    let (statement, source) = (statement.trim(), source.trim());
    if statement.is_empty() {
        return Err(StoreError::Conflict("an evidence card needs its statement".into()));
    }
    if source.is_empty() {
        return Err(StoreError::Conflict("an evidence card needs its source: who said it, where".into()));
    }
    Ok((statement.to_owned(), source.to_owned()))
}

impl Db {
    pub fn add_evidence(
        &self,
        statement: &str,
        source: &str,
        date: Option<NaiveDate>,
        at: &str,
    ) -> Result<Evidence, StoreError> {
        let (statement, source) = checked(statement, source)?;
        self.conn.execute(
            "INSERT INTO evidence (statement, source, date, created_at) VALUES (?1, ?2, ?3, ?4)",
            rusqlite::params![statement, source, date, at],
        )?;
        Ok(Evidence { id: self.conn.last_insert_rowid(), statement, source, date })
    }

    pub fn update_evidence(&self, e: &Evidence) -> Result<(), StoreError> {
        let (statement, source) = checked(&e.statement, &e.source)?;
        let n = self.conn.execute(
            "UPDATE evidence SET statement = ?2, source = ?3, date = ?4 WHERE id = ?1",
            rusqlite::params![e.id, statement, source, e.date],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound(format!("no evidence card #{}", e.id)));
        }
        Ok(())
    }

    pub fn remove_evidence(&self, id: i64) -> Result<(), StoreError> {
        if self.conn.execute("DELETE FROM evidence WHERE id = ?1", [id])? == 0 {
            return Err(StoreError::NotFound(format!("no evidence card #{id}")));
        }
        Ok(())
    }

    /// Every card, newest first.
    pub fn evidence(&self) -> Result<Vec<Evidence>, StoreError> {
        let mut stmt = self.conn.prepare("SELECT id, statement, source, date FROM evidence ORDER BY id DESC")?;
        let rows = stmt.query_map([], |r| {
            Ok(Evidence { id: r.get(0)?, statement: r.get(1)?, source: r.get(2)?, date: r.get(3)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cards_are_kept_edited_and_removed() {
        let db = Db::open_in_memory().unwrap();
        let a = db.add_evidence("About 30 % of CEOs are on social networks", "PrideCom", None, "t").unwrap();
        let b = db.add_evidence(" 1 % create ", " Nielsen ", NaiveDate::from_ymd_opt(2006, 10, 9), "t").unwrap();
        assert_eq!((b.statement.as_str(), b.source.as_str()), ("1 % create", "Nielsen"), "trimmed");
        assert!(db.add_evidence("  ", "x", None, "t").unwrap_err().to_string().contains("statement"));
        assert!(db.add_evidence("x", "", None, "t").unwrap_err().to_string().contains("source"));
        db.update_evidence(&Evidence { statement: "About 30 % of CEOs use social networks".into(), ..a.clone() })
            .unwrap();
        let all = db.evidence().unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].id, b.id, "newest first");
        assert_eq!(all[1].statement, "About 30 % of CEOs use social networks");
        db.remove_evidence(a.id).unwrap();
        assert!(db.remove_evidence(a.id).unwrap_err().to_string().contains(&format!("#{}", a.id)));
        assert_eq!(db.evidence().unwrap().len(), 1);
    }
}
