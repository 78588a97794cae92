//! Segments kept in the store: the strategist's overrides, which survive
//! every recompute, and the labels of each period, for trajectories.

use rusqlite::{OptionalExtension, params};

use super::{Db, StoreError};
use crate::directory::PersonId;
use crate::segments::{Override, PastLabel};

impl Db {
    /// Sets (or replaces) the override of a person's segment.
    pub fn set_segment_override(&self, o: &Override) -> Result<(), StoreError> {
        let known: bool =
            self.conn.query_row("SELECT count(*) > 0 FROM people WHERE id = ?1", [o.person_id], |r| r.get(0))?;
        if !known {
            return Err(StoreError::NotFound(format!("person #{}", o.person_id)));
        }
        self.conn.execute(
            "INSERT INTO segment_overrides (person_id, segment, is_added, reason, at) VALUES (?1, ?2, ?3, ?4, ?5) \
             ON CONFLICT (person_id, segment) DO UPDATE SET is_added = excluded.is_added, \
             reason = excluded.reason, at = excluded.at",
            params![o.person_id, o.segment, o.added, o.reason.trim(), o.at],
        )?;
        Ok(())
    }

    /// Drops an override; whether there was one.
    pub fn clear_segment_override(&self, person: PersonId, segment: &str) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .execute("DELETE FROM segment_overrides WHERE person_id = ?1 AND segment = ?2", params![person, segment])?
            > 0)
    }

    pub fn segment_overrides(&self) -> Result<Vec<Override>, StoreError> {
        let mut st = self.conn.prepare(
            "SELECT person_id, segment, is_added, reason, at FROM segment_overrides ORDER BY person_id, segment",
        )?;
        let rows = st.query_map([], |r| {
            Ok(Override {
                person_id: r.get(0)?,
                segment: r.get(1)?,
                added: r.get(2)?,
                reason: r.get(3)?,
                at: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Replaces the labels kept for a period (one transaction).
    pub fn save_segment_history(
        &mut self,
        from: &str,
        to: &str,
        labels: &[(PersonId, String, String)],
    ) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM segment_history WHERE period_from = ?1 AND period_to = ?2", params![from, to])?;
        {
            let mut st = tx.prepare(
                "INSERT OR REPLACE INTO segment_history (period_from, period_to, person_id, segment, evidence) \
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for (person, segment, evidence) in labels {
                st.execute(params![from, to, person, segment, evidence])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// A person's labels in every period kept, oldest first.
    pub fn segment_history(&self, person: PersonId) -> Result<Vec<PastLabel>, StoreError> {
        let mut st = self.conn.prepare(
            "SELECT period_from, period_to, segment, evidence FROM segment_history WHERE person_id = ?1 \
             ORDER BY period_to, period_from, segment",
        )?;
        let rows = st.query_map([person], |r| {
            Ok(PastLabel { from: r.get(0)?, to: r.get(1)?, segment: r.get(2)?, evidence: r.get(3)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every person's skills: (person, skill, observed), by person.
    pub fn all_skills(&self) -> Result<Vec<(PersonId, String, bool)>, StoreError> {
        let mut st = self.conn.prepare(
            "SELECT ps.person_id, s.name, ps.source = 'observed' FROM person_skills ps \
             JOIN skills s ON s.id = ps.skill_id ORDER BY ps.person_id, ps.source, s.name",
        )?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// When each champion became one: the last change that set the flag,
    /// else when the person was added; by person.
    pub fn champion_since(&self) -> Result<Vec<(PersonId, String)>, StoreError> {
        let mut st = self.conn.prepare(
            "SELECT p.id, coalesce((SELECT max(c.at) FROM person_changes c WHERE c.person_id = p.id \
               AND c.field IN ('champion', 'is_champion') AND c.new_value IN ('true', '1', 'yes')), p.created_at) \
             FROM people p WHERE p.is_champion = 1 ORDER BY p.id",
        )?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Whether a person exists, by id.
    pub fn person_exists(&self, id: PersonId) -> Result<bool, StoreError> {
        Ok(self.conn.query_row("SELECT 1 FROM people WHERE id = ?1", [id], |_| Ok(())).optional()?.is_some())
    }
}

impl Db {
    /// The segment thresholds (the defaults until set).
    pub fn segment_thresholds(&self) -> Result<crate::segments::Thresholds, StoreError> {
        match self.setting_of("segments.thresholds")? {
            Some(json) => serde_json::from_slice(&json)
                .map_err(|e| StoreError::Conflict(format!("the stored segment thresholds could not be read: {e}"))),
            None => Ok(crate::segments::Thresholds::default()),
        }
    }

    pub fn set_segment_thresholds(&self, t: &crate::segments::Thresholds) -> Result<(), StoreError> {
        let json = serde_json::to_vec(t).map_err(|e| StoreError::Conflict(e.to_string()))?;
        self.set_setting_of("segments.thresholds", Some(&json))
    }
}
