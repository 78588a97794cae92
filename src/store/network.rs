//! The interactions between accounts, for the network: who replied to,
//! reacted to, mentioned or shared whom, counted per pair.

use super::{Db, StoreError};

/// Interactions from one account to another over a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interaction {
    pub from: i64,
    pub to: i64,
    pub count: u32,
}

impl Db {
    /// Every pair of accounts with an interaction between Unix seconds
    /// `from` and `to` (inclusive), on one tool or all; deleted events left out.
    pub fn interactions(&self, from: i64, to: i64, tool: Option<i64>) -> Result<Vec<Interaction>, StoreError> {
        let mut st = self.conn.prepare(
            "SELECT actor_id, target_actor_id, count(*) FROM events \
             WHERE target_actor_id IS NOT NULL AND target_actor_id != actor_id AND deleted = 0 \
             AND kind IN (2, 3, 4, 5) AND at BETWEEN ?1 AND ?2 AND (?3 IS NULL OR tool_id = ?3) \
             GROUP BY actor_id, target_actor_id",
        )?;
        let rows = st.query_map(rusqlite::params![from, to, tool], |r| {
            Ok(Interaction { from: r.get(0)?, to: r.get(1)?, count: r.get(2)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The store's id of a tool by its name.
    pub fn tool_id(&self, name: &str) -> Result<Option<i64>, StoreError> {
        use rusqlite::OptionalExtension;
        Ok(self.conn.query_row("SELECT id FROM tools WHERE name = ?1", [name], |r| r.get(0)).optional()?)
    }
}
