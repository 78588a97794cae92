//! The review list: accounts not yet tied to a person, the decisions taken
//! on them, and the automatic rules run again.

use rusqlite::{Connection, OptionalExtension, params};

use crate::activity::identity::{self, Candidate, Pending, PeopleKeys};
use crate::activity::{Account, Decision, Resolution};
use crate::directory::PersonId;
use crate::store::{Db, StoreError};

/// Accounts waiting for review.
pub(super) fn pending(c: &Connection) -> Result<Vec<Pending>, StoreError> {
    let mut st =
        c.prepare("SELECT id, source_id, name, email FROM actors WHERE resolution IS NULL AND person_id IS NULL")?;
    let rows =
        st.query_map([], |r| Ok(Pending { id: r.get(0)?, source_id: r.get(1)?, name: r.get(2)?, email: r.get(3)? }))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The directory's e-mails, external ids and names.
pub(in crate::store) fn people_keys(c: &Connection) -> Result<PeopleKeys, StoreError> {
    let mut keys = PeopleKeys::default();
    let mut st = c.prepare("SELECT email, person_id FROM person_emails")?;
    for row in st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, PersonId>(1)?)))? {
        let (email, id) = row?;
        keys.add_email(&email, id);
    }
    let mut st = c.prepare("SELECT id, full_name, external_id FROM people")?;
    for row in
        st.query_map([], |r| Ok((r.get::<_, PersonId>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?)))?
    {
        let (id, name, external) = row?;
        keys.add_name(&name, id);
        if let Some(x) = external {
            keys.add_external_id(&x, id);
        }
    }
    Ok(keys)
}

/// Ties waiting accounts by the automatic rules; how many each rule tied.
pub(super) fn resolve_pending(c: &Connection) -> Result<[u64; 3], StoreError> {
    let waiting = pending(c)?;
    if waiting.is_empty() {
        return Ok([0; 3]);
    }
    let ties = identity::tie(&waiting, &people_keys(c)?);
    let mut set = c.prepare_cached("UPDATE actors SET resolution = ?3, person_id = ?2 WHERE id = ?1")?;
    for (account, person, how) in &ties {
        set.execute(params![account, person, how.as_str()])?;
    }
    Ok(identity::count_ties(&ties))
}

impl Db {
    /// Accounts not tied to anyone (`pending_only`), or every account.
    pub fn accounts(&self, pending_only: bool) -> Result<Vec<Account>, StoreError> {
        let mut st = self.conn.prepare(
            "SELECT a.id, t.name, a.source_id, a.name, a.email, a.resolution, a.person_id, p.full_name, \
               (SELECT ifnull(sum(total), 0) FROM activity_months m WHERE m.actor_id = a.id) AS n \
             FROM actors a JOIN tools t ON t.id = a.tool_id LEFT JOIN people p ON p.id = a.person_id \
             WHERE NOT ?1 OR (a.resolution IS NULL AND a.person_id IS NULL) \
             ORDER BY n DESC, t.name, a.name, a.source_id",
        )?;
        let rows = st.query_map([pending_only], |r| {
            Ok(Account {
                id: r.get(0)?,
                tool: r.get(1)?,
                source_id: r.get(2)?,
                name: r.get(3)?,
                email: r.get(4)?,
                resolution: r.get::<_, Option<String>>(5)?.as_deref().and_then(Resolution::parse),
                person_id: r.get(6)?,
                person_name: r.get(7)?,
                events: r.get(8)?,
                suggestions: Vec::new(),
            })
        })?;
        let mut out: Vec<Account> = rows.collect::<Result<_, _>>()?;
        let pending = out.iter().filter(|a| a.resolution.is_none() && a.person_id.is_none()).count();
        if pending > 0 && pending <= 500 {
            let people: Vec<Candidate> = self
                .conn
                .prepare("SELECT id, full_name, name_key FROM people")?
                .query_map([], |r| Ok(Candidate { id: r.get(0)?, name: r.get(1)?, key: r.get(2)? }))?
                .collect::<Result<_, _>>()?;
            for a in out.iter_mut().filter(|a| a.resolution.is_none() && a.person_id.is_none()) {
                a.suggestions = identity::suggest(a.name.as_deref(), a.email.as_deref(), &people);
            }
        }
        Ok(out)
    }

    /// Applies a review decision to an account; it is kept for later imports.
    pub fn decide(&mut self, account: i64, decision: &Decision, now: &str) -> Result<Account, StoreError> {
        let tx = self.conn.transaction()?;
        let (name, email, source): (Option<String>, Option<String>, String) = tx
            .query_row("SELECT name, email, source_id FROM actors WHERE id = ?1", [account], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("no account #{account}")))?;
        match decision {
            Decision::Link { person_id } => {
                let exists: bool =
                    tx.query_row("SELECT count(*) > 0 FROM people WHERE id = ?1", [person_id], |r| r.get(0))?;
                if !exists {
                    return Err(StoreError::NotFound(format!("no person #{person_id}")));
                }
                tx.execute(
                    "UPDATE actors SET person_id = ?2, resolution = 'linked' WHERE id = ?1",
                    params![account, person_id],
                )?;
            }
            Decision::Create => {
                let full_name = name.clone().filter(|n| !n.trim().is_empty()).unwrap_or_else(|| source.clone());
                tx.execute(
                    "INSERT INTO people (full_name, name_key, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
                    params![full_name.trim(), crate::text::fold(&full_name), now],
                )?;
                let person = tx.last_insert_rowid();
                if let Some(e) = email.as_deref().filter(|e| crate::text::looks_like_email(e)) {
                    tx.execute(
                        "INSERT OR IGNORE INTO person_emails (email, person_id, position) VALUES (?1, ?2, 0)",
                        params![e, person],
                    )?;
                }
                tx.execute(
                    "INSERT INTO person_changes (person_id, at, field, old_value, new_value, source) \
                     VALUES (?1, ?2, 'full_name', NULL, ?3, 'created from an activity account')",
                    params![person, now, full_name.trim()],
                )?;
                tx.execute(
                    "UPDATE actors SET person_id = ?2, resolution = 'created' WHERE id = ?1",
                    params![account, person],
                )?;
                self.search.mark_stale();
            }
            Decision::Ignore => {
                tx.execute("UPDATE actors SET person_id = NULL, resolution = 'ignored' WHERE id = ?1", [account])?;
            }
            Decision::Reset => {
                tx.execute("UPDATE actors SET person_id = NULL, resolution = NULL WHERE id = ?1", [account])?;
            }
        }
        tx.commit()?;
        self.facts.mark_stale();
        let all = self.accounts(false)?;
        Ok(all.into_iter().find(|a| a.id == account).expect("the account exists"))
    }

    /// Ties waiting accounts by the automatic rules again (after people were
    /// imported, say). Returns how many were tied.
    pub fn resolve_accounts(&mut self) -> Result<u64, StoreError> {
        let tx = self.conn.transaction()?;
        let n = resolve_pending(&tx)?.iter().sum();
        tx.commit()?;
        self.facts.mark_stale();
        Ok(n)
    }
}
