//! Writing one activity import: accounts, channels, events and rollups, all
//! in one transaction that the import commits only when everything was read.

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::packed;
use crate::activity::feed::{AccountUpdate, Event, Known, NewAccount, NewChannel};
use crate::activity::rollup::{FirstReply, Parent, Rollups, TieRow};
use crate::activity::{
    Counts, EventKind, ExportFormat, Resolution, ToolKind, UsageState, date_of_day, day_of, month_of_day, month_start,
};
use crate::directory::PersonId;
use crate::store::{Db, StoreError};
use crate::text::{FastMap, FastSet};

/// One activity import's transaction. Dropped without [`commit`](Self::commit),
/// it leaves the database as it was.
#[derive(Debug)]
pub struct ActivityTx<'db> {
    tx: rusqlite::Transaction<'db>,
    tool_id: i64,
    facts: &'db super::facts::FactsCache,
}

/// The tool an import writes to.
#[derive(Debug, Clone, Copy)]
pub struct ToolTarget<'a> {
    pub name: &'a str,
    pub kind: ToolKind,
    pub rollout: Option<chrono::NaiveDate>,
}

/// The import's record, written last.
#[derive(Debug, Clone)]
pub struct ImportRecord<'a> {
    pub format: ExportFormat,
    pub file: &'a str,
    pub sha256: &'a str,
    pub added: u64,
    pub duplicates: u64,
    pub rejected: u64,
    /// Event rows added (the tool's count grows by these).
    pub rows: u64,
    pub at: &'a str,
}

/// What the database says once an import is written.
#[derive(Debug, Clone, Copy, Default)]
pub struct Written {
    pub import_id: i64,
    pub accounts: u64,
    pub pending_review: u64,
}

impl Db {
    /// Starts an activity import on a tool (found, or created): the write
    /// lock is taken now, so the ids handed out in memory stay free.
    pub fn begin_activity(&mut self, tool: ToolTarget) -> Result<ActivityTx<'_>, StoreError> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let tool_id = super::tools::ensure_tool(&tx, tool.name, tool.kind, tool.rollout)?;
        Ok(ActivityTx { tx, tool_id, facts: &self.facts })
    }
}

/// Merges day and channel rollups into their packed rows: each account's
/// month (or year) is read, added to and written back once.
/// Adds tie rows (sorted by source, target, month) into `tie_years`: one
/// read and one write per account and year.
pub(crate) fn merge_ties(c: &Connection, rows: &[TieRow]) -> Result<(), StoreError> {
    let mut get = c.prepare_cached("SELECT ties FROM tie_years WHERE source_id = ?1 AND year = ?2")?;
    let mut put = c.prepare_cached("INSERT OR REPLACE INTO tie_years (source_id, year, ties) VALUES (?1, ?2, ?3)")?;
    let mut by: std::collections::BTreeMap<(i64, i32), packed::YearTies> = std::collections::BTreeMap::new();
    for t in rows {
        by.entry((t.from, t.month.div_euclid(12))).or_default().push((t.to, t.month.rem_euclid(12) as u8, t.count));
    }
    for ((source, year), mut more) in by {
        more.sort_unstable();
        let stored: Option<Vec<u8>> = get.query_row(params![source, year], |row| row.get(0)).optional()?;
        let mut ties = match stored {
            Some(bytes) => packed::decode_ties(&bytes)
                .ok_or_else(|| StoreError::Conflict(format!("account #{source}: year {year} is not packed ties")))?,
            None => Vec::new(),
        };
        packed::add_ties(&mut ties, &more);
        put.execute(params![source, year, packed::encode_ties(&ties)])?;
    }
    Ok(())
}

pub(crate) fn merge_packed(c: &Connection, r: &Rollups) -> Result<(), StoreError> {
    let mut get = c.prepare_cached("SELECT days FROM activity_months WHERE actor_id = ?1 AND month = ?2")?;
    let mut put = c.prepare_cached(
        "INSERT OR REPLACE INTO activity_months (actor_id, month, first_day, last_day, total, days) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    // Days come sorted by (account, day): one group per account and month.
    let mut rest = &r.days[..];
    while let Some(first) = rest.first() {
        let month = month_of_day(first.day);
        let (start, end) = (month_start(month), month_start(month + 1));
        let n = rest.iter().take_while(|d| d.actor == first.actor && d.day < end).count();
        let (group, tail) = rest.split_at(n);
        rest = tail;
        let more: Vec<(u8, Counts)> = group.iter().map(|d| ((d.day - start) as u8, d.counts)).collect();
        let stored: Option<Vec<u8>> = get.query_row(params![first.actor, month], |row| row.get(0)).optional()?;
        let mut days = match stored {
            Some(bytes) => packed::decode_days(&bytes).ok_or_else(|| {
                StoreError::Conflict(format!("account #{}: month {month} is not packed days", first.actor))
            })?,
            None => Vec::new(),
        };
        packed::add_days(&mut days, &more);
        let total: u64 = days.iter().flat_map(|(_, c)| c.iter()).map(|&n| u64::from(n)).sum();
        let (lo, hi) = (days[0].0, days[days.len() - 1].0);
        put.execute(params![
            first.actor,
            month,
            start + i32::from(lo),
            start + i32::from(hi),
            total,
            packed::encode_days(&days)
        ])?;
    }
    let mut get = c.prepare_cached("SELECT channels FROM actor_channels WHERE actor_id = ?1 AND year = ?2")?;
    let mut put =
        c.prepare_cached("INSERT OR REPLACE INTO actor_channels (actor_id, year, channels) VALUES (?1, ?2, ?3)")?;
    // Channel years come sorted by (account, year, channel).
    let mut rest = &r.channel_years[..];
    while let Some(first) = rest.first() {
        let n = rest.iter().take_while(|c| c.actor == first.actor && c.year == first.year).count();
        let (group, tail) = rest.split_at(n);
        rest = tail;
        let more: Vec<(i64, u16)> = group.iter().map(|c| (c.channel, c.months)).collect();
        let stored: Option<Vec<u8>> = get.query_row(params![first.actor, first.year], |row| row.get(0)).optional()?;
        let mut channels = match stored {
            Some(bytes) => packed::decode_channels(&bytes).ok_or_else(|| {
                StoreError::Conflict(format!("account #{}: year {} is not packed channels", first.actor, first.year))
            })?,
            None => Vec::new(),
        };
        packed::add_channels(&mut channels, &more);
        put.execute(params![first.actor, first.year, packed::encode_channels(&channels)])?;
    }
    Ok(())
}

impl ActivityTx<'_> {
    /// The tool's accounts and channels, and the next free ids.
    pub fn known(&self) -> Result<Known, StoreError> {
        let c = &self.tx;
        let pairs = |sql: &str| -> Result<FastMap<String, i64>, StoreError> {
            let mut st = c.prepare(sql)?;
            let rows = st.query_map([self.tool_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
            Ok(rows.collect::<Result<_, _>>()?)
        };
        let next = |sql: &str| -> Result<i64, StoreError> { Ok(c.query_row(sql, [], |r| r.get(0))?) };
        Ok(Known {
            accounts: pairs("SELECT source_id, id FROM actors WHERE tool_id = ?1")?,
            channels: pairs("SELECT source_id, id FROM channels WHERE tool_id = ?1")?,
            next_account: next("SELECT ifnull(max(id), 0) + 1 FROM actors")?,
            next_channel: next("SELECT ifnull(max(id), 0) + 1 FROM channels")?,
        })
    }

    pub fn add_accounts(&self, accounts: &[NewAccount]) -> Result<(), StoreError> {
        let mut st = self.tx.prepare_cached(
            "INSERT INTO actors (id, tool_id, source_id, name, email, resolution) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for a in accounts {
            let resolution = a.bot.then_some(Resolution::Bot.as_str());
            st.execute(params![a.id, self.tool_id, a.source_id, a.name, a.email, resolution])?;
        }
        Ok(())
    }

    /// Fills in the name and e-mail a known account lacks.
    pub fn update_accounts(&self, updates: &[AccountUpdate]) -> Result<(), StoreError> {
        let mut st = self.tx.prepare_cached(
            "UPDATE actors SET name = ifnull(name, ?2), email = ifnull(email, ?3), \
             resolution = iif(?4 AND resolution IS NULL, 'bot', resolution) WHERE id = ?1",
        )?;
        for u in updates {
            st.execute(params![u.id, u.name, u.email, u.bot])?;
        }
        Ok(())
    }

    pub fn add_channels(&self, channels: &[NewChannel]) -> Result<(), StoreError> {
        let mut st = self.tx.prepare_cached(
            "INSERT INTO channels (id, tool_id, source_id, name, is_private) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for c in channels {
            st.execute(params![c.id, self.tool_id, c.source_id, c.name, c.private])?;
        }
        Ok(())
    }

    /// Writes events the database does not have yet, many per statement,
    /// each with its addressee; which of them were new, in order.
    pub fn insert_events(&self, events: &[Event], targets: &[Option<i64>]) -> Result<Vec<bool>, StoreError> {
        const ROWS: usize = 64;
        let sql = |n: usize| {
            let one = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
            format!(
                "INSERT OR IGNORE INTO events (tool_id, key, kind, at, actor_id, channel_id, parent_key, \
                 target_actor_id, deleted, excerpt) VALUES {} RETURNING at, key",
                vec![one; n].join(", ")
            )
        };
        let mut added = Vec::with_capacity(events.len());
        let mut new: Vec<(i64, i64)> = Vec::with_capacity(ROWS);
        for (chunk, targets) in events.chunks(ROWS).zip(targets.chunks(ROWS)) {
            let mut st = if chunk.len() == ROWS {
                self.tx.prepare_cached(&sql(ROWS))?
            } else {
                self.tx.prepare_cached(&sql(chunk.len()))?
            };
            let mut values: Vec<rusqlite::types::Value> = Vec::with_capacity(chunk.len() * 10);
            for (e, target) in chunk.iter().zip(targets) {
                use rusqlite::types::Value::{Integer, Null, Text};
                let opt = |v: Option<i64>| v.map_or(Null, Integer);
                values.extend([
                    Integer(self.tool_id),
                    Integer(e.key as i64),
                    Integer(e.kind as i64),
                    Integer(e.at),
                    Integer(e.actor),
                    opt(e.channel),
                    opt(e.parent.map(|p| p as i64)),
                    opt(*target),
                    Integer(i64::from(e.deleted)),
                    e.excerpt.as_deref().map_or(Null, |x| Text(x.to_owned())),
                ]);
            }
            new.clear();
            let mut rows = st.query(rusqlite::params_from_iter(values))?;
            while let Some(r) = rows.next()? {
                new.push((r.get(0)?, r.get(1)?));
            }
            new.sort_unstable();
            // An event listed twice in one statement is new once.
            let mut taken = vec![false; new.len()];
            added.extend(chunk.iter().map(|e| match new.binary_search(&(e.at, e.key as i64)) {
                Ok(i) if !taken[i] => {
                    taken[i] = true;
                    true
                }
                _ => false,
            }));
        }
        Ok(added)
    }

    /// Merges rollup rows into the tables: counts add up, months are or-ed,
    /// the shortest first reply and the earliest activity are kept.
    pub fn merge_rollups(&self, r: &Rollups) -> Result<(), StoreError> {
        merge_packed(&self.tx, r)?;
        self.merge_first_replies(&r.first_replies)?;
        self.merge_ties(&r.ties)?;
        let mut st =
            self.tx.prepare_cached("UPDATE actors SET first_at = min(ifnull(first_at, ?2), ?2) WHERE id = ?1")?;
        for (actor, at) in &r.first_at {
            st.execute(params![actor, at])?;
        }
        Ok(())
    }

    /// Adds interactions to the network's rollup (packed per account and year).
    pub fn merge_ties(&self, rows: &[TieRow]) -> Result<(), StoreError> {
        merge_ties(&self.tx, rows)
    }

    pub fn merge_first_replies(&self, rows: &[FirstReply]) -> Result<(), StoreError> {
        let mut st = self.tx.prepare_cached(
            "INSERT INTO first_replies (tool_id, post_at, post_key, actor_id, day, seconds) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) \
             ON CONFLICT (tool_id, post_at, post_key) DO UPDATE SET seconds = min(seconds, excluded.seconds)",
        )?;
        for r in rows {
            st.execute(params![self.tool_id, r.at, r.key as i64, r.actor, day_of(r.at), r.seconds])?;
        }
        Ok(())
    }

    /// The tool's events with these keys, as parents: one pass over them.
    pub fn parents(&self, keys: &FastSet<u64>) -> Result<FastMap<u64, Parent>, StoreError> {
        let mut found = FastMap::default();
        if keys.is_empty() {
            return Ok(found);
        }
        let mut st = self.tx.prepare("SELECT key, actor_id, at, kind, deleted FROM events WHERE tool_id = ?1")?;
        let mut rows = st.query([self.tool_id])?;
        while let Some(r) = rows.next()? {
            let key = r.get::<_, i64>(0)? as u64;
            if keys.contains(&key) {
                let kind =
                    if r.get::<_, i64>(3)? == EventKind::Post as i64 { EventKind::Post } else { EventKind::Reply };
                found.insert(key, Parent::stored(key, r.get(1)?, r.get(2)?, kind, r.get(4)?));
            }
        }
        Ok(found)
    }

    /// Sets the addressee of events (time, key) that have none.
    pub fn set_targets(&self, targets: &[(i64, u64, i64)]) -> Result<(), StoreError> {
        let mut st = self.tx.prepare_cached(
            "UPDATE events SET target_actor_id = ?4 \
             WHERE tool_id = ?1 AND at = ?2 AND key = ?3 AND target_actor_id IS NULL",
        )?;
        for (at, key, actor) in targets {
            st.execute(params![self.tool_id, at, *key as i64, actor])?;
        }
        Ok(())
    }

    /// Records a usage report covering days `first..=last`: the same report
    /// again is recognised; one overlapping another, or a tool that already
    /// has events, is refused (the same activity would count twice).
    /// Keeps a usage report counted as a whole (recorded first with
    /// [`usage_report`](Self::usage_report)).
    pub fn add_totals(&self, t: &crate::activity::UsageTotals) -> Result<(), StoreError> {
        self.tx.execute(
            "INSERT INTO tool_totals (tool_id, first_day, last_day, population, active, posts, replies, reactions) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                self.tool_id,
                t.first_day,
                t.last_day,
                t.population as i64,
                t.active as i64,
                t.posts as i64,
                t.replies as i64,
                t.reactions as i64
            ],
        )?;
        Ok(())
    }

    pub fn usage_report(&self, first: i32, last: i32, sha256: &str, file: &str) -> Result<UsageState, StoreError> {
        let c = &self.tx;
        let same: bool = c.query_row(
            "SELECT count(*) > 0 FROM usage_reports WHERE tool_id = ?1 AND sha256 = ?2",
            params![self.tool_id, sha256],
            |r| r.get(0),
        )?;
        if same {
            return Ok(UsageState::Same);
        }
        let events: bool =
            c.query_row("SELECT EXISTS (SELECT 1 FROM events WHERE tool_id = ?1)", [self.tool_id], |r| r.get(0))?;
        if events {
            let tool: String = c.query_row("SELECT name FROM tools WHERE id = ?1", [self.tool_id], |r| r.get(0))?;
            return Err(StoreError::Conflict(format!(
                "{tool:?} already has message-level activity from an export; a usage report would count it twice. \
                 Import the report under another tool name with --tool"
            )));
        }
        let overlap: Option<(i32, i32)> = c
            .query_row(
                "SELECT first_day, last_day FROM usage_reports WHERE tool_id = ?1 AND first_day <= ?3 AND last_day >= ?2",
                params![self.tool_id, first, last],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((a, b)) = overlap {
            let d = date_of_day;
            return Err(StoreError::Conflict(format!(
                "{file}: this report covers {} to {}, which overlaps the report already read for {} to {}; \
                 the same days would count twice",
                d(first),
                d(last),
                d(a),
                d(b)
            )));
        }
        c.execute(
            "INSERT INTO usage_reports (tool_id, first_day, last_day, sha256) VALUES (?1, ?2, ?3, ?4)",
            params![self.tool_id, first, last, sha256],
        )?;
        Ok(UsageState::New)
    }

    /// Accounts waiting for review, and the directory's keys to tie them by.
    pub fn pending(&self) -> Result<Vec<crate::activity::identity::Pending>, StoreError> {
        super::review::pending(&self.tx)
    }

    pub fn people_keys(&self) -> Result<crate::activity::identity::PeopleKeys, StoreError> {
        super::review::people_keys(&self.tx)
    }

    /// Ties accounts to people.
    pub fn tie(&self, ties: &[(i64, PersonId, Resolution)]) -> Result<(), StoreError> {
        let mut st = self.tx.prepare_cached("UPDATE actors SET resolution = ?3, person_id = ?2 WHERE id = ?1")?;
        for (account, person, how) in ties {
            st.execute(params![account, person, how.as_str()])?;
        }
        Ok(())
    }

    /// Writes the import's record and the tool's event count; what the
    /// database then holds for the tool.
    pub fn finish(&self, r: &ImportRecord) -> Result<Written, StoreError> {
        let c = &self.tx;
        c.execute("UPDATE tools SET events = events + ?2 WHERE id = ?1", params![self.tool_id, r.rows])?;
        c.execute(
            "INSERT INTO imports (kind, file_name, sha256, added, updated, unchanged, rejected, at, tool_id) \
             VALUES (?1, ?2, ?3, ?4, 0, ?5, ?6, ?7, ?8)",
            params![
                format!("activity:{}", r.format.as_str()),
                r.file,
                r.sha256,
                r.added,
                r.duplicates,
                r.rejected,
                r.at,
                self.tool_id
            ],
        )?;
        let import_id = c.last_insert_rowid();
        let count = |sql: &str| -> Result<u64, StoreError> { Ok(c.query_row(sql, [self.tool_id], |r| r.get(0))?) };
        Ok(Written {
            import_id,
            accounts: count("SELECT count(*) FROM actors WHERE tool_id = ?1")?,
            pending_review: count(
                "SELECT count(*) FROM actors WHERE tool_id = ?1 AND resolution IS NULL AND person_id IS NULL",
            )?,
        })
    }

    /// Keeps everything written.
    pub fn commit(self) -> Result<(), StoreError> {
        self.tx.commit()?;
        self.facts.mark_stale();
        Ok(())
    }
}
