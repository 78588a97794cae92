//! Writing activity (tools, channels, accounts, events and their rollups) and
//! reading it back: the review list of accounts not yet tied to a person,
//! and the [`Facts`] the measures are computed from.

use std::cell::{Cell, RefCell};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use rusqlite::{Connection, OptionalExtension, Statement, params};
use serde::Serialize;

use super::{Db, StoreError};
use crate::activity::facts::{AccountFact, ChannelFact, ChannelMonth, DayFact, Facts, ReplyFact, Subject, ToolFact};
use crate::activity::{
    ActivityError, ActivityOptions, ActivityReport, Counts, EventKind, ExportFormat, Member, NewEvent, Resolution,
    ToolKind, day_of, month_of_day,
};
use crate::directory::PersonId;
use crate::ingest::{Progress, Stage};
use crate::text::{FastHash, FastMap};

/// A tool as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tool {
    pub id: i64,
    pub kind: ToolKind,
    pub name: String,
    /// YYYY-MM-DD.
    pub rollout_date: Option<String>,
    pub accounts: u64,
    pub events: u64,
    pub first_day: Option<String>,
    pub last_day: Option<String>,
}

/// Rollup rows kept in memory before they are merged into `activity_days`.
const FLUSH_AT: usize = 250_000;
/// Progress is reported (and cancel checked) every this many events.
pub const TICK_EVENTS: u64 = 8192;

#[derive(Debug, Clone, Copy)]
struct Slot {
    id: i64,
}

/// Follows and stops a long activity import.
#[derive(Clone, Copy)]
pub struct Watch<'a> {
    pub progress: &'a (dyn Fn(Progress) + Sync),
    pub cancel: &'a AtomicBool,
    /// Expected total of units (bytes or entries), 0 when unknown.
    pub total: u64,
}

impl std::fmt::Debug for Watch<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Watch").field("total", &self.total).finish_non_exhaustive()
    }
}

/// The writer an importer feeds, inside the import's one transaction.
pub struct ActivityWriter<'t> {
    conn: &'t Connection,
    pub tool_id: i64,
    actors: FastMap<String, Slot>,
    channels: FastMap<String, i64>,
    insert: Statement<'t>,
    new_actor: Statement<'t>,
    days: FastMap<(i64, i32), Counts>,
    /// (channel, actor, year) → months active, as bits.
    channel_months: FastMap<(i64, i64, i32), u16>,
    first_at: FastMap<i64, i64>,
    /// Event rows this import added.
    rows: u64,
    /// Accounts whose name and e-mail this import already filled in.
    updated: std::collections::HashSet<i64, FastHash>,
    parents: Parents,
    /// New events whose parent was not among the recent ones.
    orphans: Vec<Orphan>,
    first_replies: Vec<FirstReply>,
    pub report: ActivityReport,
    watch: Watch<'t>,
    done: u64,
    seen: u64,
    no_excerpts: bool,
    span: Option<(i32, i32)>,
    pub now: i64,
}

impl std::fmt::Debug for ActivityWriter<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ActivityWriter").field("tool_id", &self.tool_id).field("report", &self.report).finish()
    }
}

impl<'t> ActivityWriter<'t> {
    fn new(conn: &'t Connection, tool_id: i64, opts: &ActivityOptions, watch: Watch<'t>) -> Result<Self, StoreError> {
        let mut actors = FastMap::default();
        {
            let mut st = conn.prepare("SELECT source_id, id FROM actors WHERE tool_id = ?1")?;
            let rows = st.query_map([tool_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
            for row in rows {
                let (source, id) = row?;
                actors.insert(source, Slot { id });
            }
        }
        let mut channels = FastMap::default();
        {
            let mut st = conn.prepare("SELECT source_id, id FROM channels WHERE tool_id = ?1")?;
            for row in st.query_map([tool_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
                let (source, id) = row?;
                channels.insert(source, id);
            }
        }
        Ok(ActivityWriter {
            conn,
            tool_id,
            actors,
            channels,
            insert: conn.prepare(
                "INSERT OR IGNORE INTO events (tool_id, key, kind, at, actor_id, channel_id, parent_key, \
                 target_actor_id, deleted, excerpt) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?,
            new_actor: conn.prepare(
                "INSERT INTO actors (tool_id, source_id, name, email, resolution) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?,
            days: FastMap::default(),
            channel_months: Default::default(),
            first_at: FastMap::default(),
            rows: 0,
            updated: Default::default(),
            parents: Parents::default(),
            orphans: Vec::new(),
            first_replies: Vec::new(),
            report: ActivityReport { dry_run: opts.dry_run, ..Default::default() },
            watch,
            done: 0,
            seen: 0,
            no_excerpts: opts.no_excerpts,
            span: None,
            now: opts.now,
        })
    }

    /// Records an account from the tool's member list (new ones are added;
    /// a known one gets the name and e-mail it lacked).
    pub fn member(&mut self, m: &Member) -> Result<i64, StoreError> {
        let name = m.name.map(str::trim).filter(|s| !s.is_empty());
        let email = m.email.map(str::trim).filter(|s| !s.is_empty());
        if let Some(slot) = self.actors.get(m.source_id) {
            // Once per account and import: exports repeat a sender on every message.
            if !self.updated.insert(slot.id) {
                return Ok(slot.id);
            }
            self.conn.execute(
                "UPDATE actors SET name = ifnull(name, ?2), email = ifnull(email, ?3), \
                 resolution = iif(?4 AND resolution IS NULL, 'bot', resolution) WHERE id = ?1",
                params![slot.id, name, email, m.bot],
            )?;
            return Ok(slot.id);
        }
        self.report.new_accounts += 1;
        if m.bot {
            self.report.bots += 1;
        }
        let resolution = m.bot.then_some(Resolution::Bot.as_str());
        self.new_actor.execute(params![self.tool_id, m.source_id, name, email, resolution])?;
        let id = self.conn.last_insert_rowid();
        self.actors.insert(m.source_id.to_owned(), Slot { id });
        Ok(id)
    }

    /// The actor id of an account, creating a bare account when the member
    /// list did not name it.
    fn actor(&mut self, source_id: &str) -> Result<i64, StoreError> {
        if let Some(slot) = self.actors.get(source_id) {
            return Ok(slot.id);
        }
        self.report.new_accounts += 1;
        // An account known only by an e-mail address (a usage report's UPN, an
        // events CSV's actor column) has that address as its e-mail.
        let email = crate::text::looks_like_email(source_id).then_some(source_id);
        self.new_actor.execute(params![self.tool_id, source_id, None::<String>, email, None::<String>])?;
        let id = self.conn.last_insert_rowid();
        self.actors.insert(source_id.to_owned(), Slot { id });
        Ok(id)
    }

    /// The row id of a channel, group or community (looked up in memory;
    /// created, with `name`, when new).
    pub fn channel(&mut self, source_id: &str, name: &str, private: bool) -> Result<i64, StoreError> {
        if let Some(id) = self.channels.get(source_id) {
            return Ok(*id);
        }
        self.conn.execute(
            "INSERT INTO channels (tool_id, source_id, name, is_private) VALUES (?1, ?2, ?3, ?4)",
            params![self.tool_id, source_id, if name.trim().is_empty() { source_id } else { name.trim() }, private],
        )?;
        let id = self.conn.last_insert_rowid();
        self.channels.insert(source_id.to_owned(), id);
        self.report.channels += 1;
        Ok(id)
    }

    /// Writes one event (unless the database has it already) and counts it
    /// in the rollups. Returns whether it was new.
    pub fn event(&mut self, e: &NewEvent) -> Result<bool, ActivityError> {
        self.report.events += 1;
        self.tick()?;
        let actor = self.actor(e.actor)?;
        let mut target = match e.target {
            Some(t) if !t.is_empty() => Some(self.actor(t)?),
            _ => None,
        };
        // The parent, when it is recent: addressee and time to first reply
        // are settled here; older parents are looked up once at the end.
        let parent = e.parent.and_then(|k| self.parents.get(k).map(|p| (k, p)));
        if let Some((_, p)) = parent {
            target = target.or(Some(p.actor));
        }
        let excerpt = if self.no_excerpts { None } else { e.excerpt.map(excerpt).filter(|s| !s.is_empty()) };
        let added = self.insert.execute(params![
            self.tool_id,
            e.key as i64,
            e.kind as i64,
            e.at,
            actor,
            e.channel,
            e.parent.map(|p| p as i64),
            target,
            e.deleted,
            excerpt
        ])? == 1;
        if !added {
            self.report.duplicates += 1;
            return Ok(false);
        }
        self.report.added += 1;
        self.rows += 1;
        if matches!(e.kind, EventKind::Post | EventKind::Reply) {
            let evicted = self.parents.insert(
                e.key,
                Parent {
                    key: e.key,
                    actor,
                    at: e.at,
                    post: e.kind == EventKind::Post && !e.deleted,
                    first_reply: u32::MAX,
                },
            );
            self.keep_first_replies(evicted);
        }
        match (e.parent, parent) {
            (Some(k), None) => self.orphans.push(Orphan {
                at: e.at,
                key: e.key,
                parent: k,
                reply: e.kind == EventKind::Reply && !e.deleted,
                actor,
            }),
            (Some(k), Some(_)) if e.kind == EventKind::Reply && !e.deleted => {
                if let Some(p) = self.parents.get_mut(k)
                    && p.post
                    && p.actor != actor
                    && e.at >= p.at
                {
                    p.first_reply = p.first_reply.min((e.at - p.at).min(i64::from(u32::MAX - 1)) as u32);
                }
            }
            _ => {}
        }
        if e.deleted {
            self.report.deleted += 1;
            return Ok(true);
        }
        let day = day_of(e.at);
        self.days.entry((actor, day)).or_default()[e.kind.slot()] += 1;
        self.first_at.entry(actor).and_modify(|t| *t = (*t).min(e.at)).or_insert(e.at);
        if let Some(ch) = e.channel {
            let month = month_of_day(day);
            *self.channel_months.entry((ch, actor, month.div_euclid(12))).or_default() |= 1 << month.rem_euclid(12);
        }
        self.widen(day);
        if self.days.len() >= FLUSH_AT || self.channel_months.len() >= FLUSH_AT {
            self.flush()?;
        }
        Ok(true)
    }

    /// Keeps the first-reply times of parents leaving the recent set.
    fn keep_first_replies(&mut self, parents: Vec<Parent>) {
        self.first_replies.extend(parents.into_iter().filter(|p| p.first_reply != u32::MAX).map(|p| FirstReply {
            at: p.at,
            key: p.key,
            actor: p.actor,
            seconds: p.first_reply,
        }));
    }

    /// Adds counts for an account on a day without events (usage reports).
    pub fn usage(&mut self, account: &str, day: i32, counts: Counts) -> Result<(), ActivityError> {
        self.tick()?;
        let actor = self.actor(account)?;
        let start = i64::from(day) * 86_400;
        self.first_at.entry(actor).and_modify(|t| *t = (*t).min(start)).or_insert(start);
        let slot = self.days.entry((actor, day)).or_default();
        for (s, c) in slot.iter_mut().zip(counts) {
            *s += c;
        }
        self.report.added += u64::from(counts.iter().sum::<u32>());
        self.widen(day);
        Ok(())
    }

    fn widen(&mut self, day: i32) {
        self.span = Some(match self.span {
            None => (day, day),
            Some((a, b)) => (a.min(day), b.max(day)),
        });
    }

    /// Records a usage report covering days `first..=last`: the same report
    /// again is recognised; one overlapping another, or a tool that already
    /// has events, is refused (the same activity would count twice).
    pub fn usage_report(
        &mut self,
        first: i32,
        last: i32,
        sha256: &str,
    ) -> Result<crate::activity::m365::UsageState, ActivityError> {
        use crate::activity::m365::UsageState;
        let c = self.conn;
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
            return Err(ActivityError::Invalid(format!(
                "{:?} already has message-level activity from an export; a usage report would count it twice. \
                 Import the report under another tool name with --tool",
                self.report.tool
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
            let d = crate::activity::date_of_day;
            return Err(ActivityError::Invalid(format!(
                "{}: this report covers {} to {}, which overlaps the report already read for {} to {}; \
                 the same days would count twice",
                self.report.file,
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

    /// Settles events whose parent was not among the recent ones (an older
    /// import's, or further back than the recent set): one pass over the
    /// tool's events finds them.
    fn adopt_orphans(&mut self) -> Result<(), StoreError> {
        if self.orphans.is_empty() {
            return Ok(());
        }
        let orphans = std::mem::take(&mut self.orphans);
        let mut wanted: FastMap<u64, Option<Parent>> = orphans.iter().map(|o| (o.parent, None)).collect();
        {
            let mut st = self.conn.prepare("SELECT key, actor_id, at, kind, deleted FROM events WHERE tool_id = ?1")?;
            let mut rows = st.query([self.tool_id])?;
            while let Some(r) = rows.next()? {
                let key = r.get::<_, i64>(0)? as u64;
                if let Some(slot) = wanted.get_mut(&key) {
                    let kind: i64 = r.get(3)?;
                    let deleted: bool = r.get(4)?;
                    *slot = Some(Parent {
                        key,
                        actor: r.get(1)?,
                        at: r.get(2)?,
                        post: kind == EventKind::Post as i64 && !deleted,
                        first_reply: u32::MAX,
                    });
                }
            }
        }
        let mut set_target = self.conn.prepare(
            "UPDATE events SET target_actor_id = ?4 \
             WHERE tool_id = ?1 AND at = ?2 AND key = ?3 AND target_actor_id IS NULL",
        )?;
        let mut replies: FastMap<(i64, u64), FirstReply> = FastMap::default();
        for o in orphans {
            let Some(Some(p)) = wanted.get(&o.parent) else { continue };
            set_target.execute(params![self.tool_id, o.at, o.key as i64, p.actor])?;
            if o.reply && p.post && p.actor != o.actor && o.at >= p.at {
                let seconds = (o.at - p.at).min(i64::from(u32::MAX - 1)) as u32;
                let e = replies.entry((p.at, p.key)).or_insert(FirstReply {
                    at: p.at,
                    key: p.key,
                    actor: p.actor,
                    seconds,
                });
                e.seconds = e.seconds.min(seconds);
            }
        }
        write_first_replies(self.conn, self.tool_id, replies.into_values().collect())
    }

    /// Reports progress and honours cancel, every [`TICK_EVENTS`] calls.
    pub fn tick(&mut self) -> Result<(), ActivityError> {
        self.seen += 1;
        if self.seen.is_multiple_of(TICK_EVENTS) {
            self.progress(self.done)?;
        }
        Ok(())
    }

    /// Tells how far reading is, in the units of `Watch::total`.
    pub fn set_done(&mut self, done: u64) {
        self.done = done;
    }

    fn progress(&self, done: u64) -> Result<(), ActivityError> {
        (self.watch.progress)(Progress { stage: Stage::Writing, done, total: self.watch.total });
        if self.watch.cancel.load(Ordering::Relaxed) { Err(ActivityError::Cancelled) } else { Ok(()) }
    }

    fn flush(&mut self) -> Result<(), StoreError> {
        let mut days: Vec<_> = self.days.drain().collect();
        days.sort_unstable_by_key(|(k, _)| *k);
        let values: Vec<[i64; 7]> = days
            .into_iter()
            .map(|((actor, day), c)| {
                [actor, i64::from(day), c[0].into(), c[1].into(), c[2].into(), c[3].into(), c[4].into()]
            })
            .collect();
        insert_rows(
            self.conn,
            "INSERT INTO activity_days (actor_id, day, posts, replies, reactions, mentions, shares) VALUES ",
            " ON CONFLICT (actor_id, day) DO UPDATE SET \
             posts = posts + excluded.posts, replies = replies + excluded.replies, \
             reactions = reactions + excluded.reactions, mentions = mentions + excluded.mentions, \
             shares = shares + excluded.shares",
            &values,
        )?;
        let mut months: Vec<_> = self.channel_months.drain().collect();
        months.sort_unstable();
        let values: Vec<[i64; 4]> =
            months.into_iter().map(|((ch, a, y), m)| [ch, a, i64::from(y) + 1970, i64::from(m)]).collect();
        insert_rows(
            self.conn,
            "INSERT INTO channel_members (channel_id, actor_id, year, months) VALUES ",
            " ON CONFLICT (channel_id, actor_id, year) DO UPDATE SET months = months | excluded.months",
            &values,
        )?;
        let replies = std::mem::take(&mut self.first_replies);
        write_first_replies(self.conn, self.tool_id, replies)?;
        let mut st =
            self.conn.prepare_cached("UPDATE actors SET first_at = min(ifnull(first_at, ?2), ?2) WHERE id = ?1")?;
        for (actor, at) in self.first_at.drain() {
            st.execute(params![actor, at])?;
        }
        Ok(())
    }

    /// Ends the import: rollups, reply targets and first-reply times for the
    /// new events, identity resolution, and the import record.
    fn finish(
        mut self,
        format: ExportFormat,
        file: &str,
        sha256: &str,
        at: &str,
    ) -> Result<ActivityReport, StoreError> {
        let recent = self.parents.drain();
        self.keep_first_replies(recent);
        self.flush()?;
        let c = self.conn;
        self.adopt_orphans()?;
        let counts = resolve_pending(c)?;
        self.report.matched_email = counts[0];
        self.report.matched_external_id = counts[1];
        self.report.matched_name = counts[2];
        c.execute("UPDATE tools SET events = events + ?2 WHERE id = ?1", params![self.tool_id, self.rows])?;
        self.report.accounts =
            c.query_row("SELECT count(*) FROM actors WHERE tool_id = ?1", [self.tool_id], |r| r.get(0))?;
        self.report.pending_review = c.query_row(
            "SELECT count(*) FROM actors WHERE tool_id = ?1 AND resolution IS NULL AND person_id IS NULL",
            [self.tool_id],
            |r| r.get(0),
        )?;
        if let Some((a, b)) = self.span {
            self.report.first_day = Some(crate::activity::date_of_day(a).to_string());
            self.report.last_day = Some(crate::activity::date_of_day(b).to_string());
        }
        c.execute(
            "INSERT INTO imports (kind, file_name, sha256, added, updated, unchanged, rejected, at, tool_id) \
             VALUES (?1, ?2, ?3, ?4, 0, ?5, ?6, ?7, ?8)",
            params![
                format!("activity:{}", format.as_str()),
                file,
                sha256,
                self.report.added,
                self.report.duplicates,
                self.report.rejected,
                at,
                self.tool_id
            ],
        )?;
        self.report.import_id = Some(c.last_insert_rowid());
        Ok(self.report)
    }
}

/// A recent post or reply, for the events that answer it.
#[derive(Debug, Clone, Copy)]
struct Parent {
    key: u64,
    actor: i64,
    at: i64,
    /// A post (not deleted): replies to it count towards time to first reply.
    post: bool,
    /// Seconds to the first reply by someone else; `u32::MAX`: none yet.
    first_reply: u32,
}

/// Posts and replies seen lately, in two generations: when the newer is
/// full the older is let go, so memory stays bounded on any export while
/// threads (whose replies come soon after) are settled in memory.
#[derive(Debug, Default)]
struct Parents {
    new: FastMap<u64, Parent>,
    old: FastMap<u64, Parent>,
}

/// Posts and replies kept per generation.
const PARENTS_PER_GENERATION: usize = 1 << 18;

impl Parents {
    fn get(&self, key: u64) -> Option<Parent> {
        self.new.get(&key).or_else(|| self.old.get(&key)).copied()
    }
    fn get_mut(&mut self, key: u64) -> Option<&mut Parent> {
        match self.new.get_mut(&key) {
            Some(p) => Some(p),
            None => self.old.get_mut(&key),
        }
    }
    /// Adds a parent; returns those let go to make room.
    fn insert(&mut self, key: u64, p: Parent) -> Vec<Parent> {
        let mut gone = Vec::new();
        if self.new.len() >= PARENTS_PER_GENERATION {
            let old = std::mem::replace(&mut self.old, std::mem::take(&mut self.new));
            gone = old.into_values().collect();
        }
        self.new.insert(key, p);
        gone
    }
    fn drain(&mut self) -> Vec<Parent> {
        self.new.drain().chain(self.old.drain()).map(|(_, p)| p).collect()
    }
}

/// Inserts rows of integers many at a time (`INSERT … VALUES (…), (…), …`):
/// one statement per 128 rows instead of one per row.
fn insert_rows<const N: usize>(c: &Connection, head: &str, tail: &str, rows: &[[i64; N]]) -> Result<(), StoreError> {
    const BATCH: usize = 128;
    let sql = |n: usize| {
        let one = format!("({})", vec!["?"; N].join(", "));
        format!("{head}{}{tail}", vec![one; n].join(", "))
    };
    let mut full = c.prepare_cached(&sql(BATCH))?;
    let mut chunks = rows.chunks_exact(BATCH);
    for chunk in &mut chunks {
        full.execute(rusqlite::params_from_iter(chunk.iter().flatten()))?;
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        c.prepare(&sql(rest.len()))?.execute(rusqlite::params_from_iter(rest.iter().flatten()))?;
    }
    Ok(())
}

/// An event whose parent was not among the recent ones, settled at the end.
#[derive(Debug, Clone, Copy)]
struct Orphan {
    at: i64,
    key: u64,
    parent: u64,
    /// A reply (not deleted): it may be its parent's first.
    reply: bool,
    actor: i64,
}

/// A post's first reply by someone else.
#[derive(Debug, Clone, Copy)]
struct FirstReply {
    at: i64,
    key: u64,
    actor: i64,
    seconds: u32,
}

/// Merges first-reply times into `first_replies`, keeping the shortest.
fn write_first_replies(c: &Connection, tool: i64, mut rows: Vec<FirstReply>) -> Result<(), StoreError> {
    rows.sort_unstable_by_key(|r| (r.at, r.key));
    let mut st = c.prepare_cached(
        "INSERT INTO first_replies (tool_id, post_at, post_key, actor_id, day, seconds) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) \
         ON CONFLICT (tool_id, post_at, post_key) DO UPDATE SET seconds = min(seconds, excluded.seconds)",
    )?;
    for r in rows {
        st.execute(params![tool, r.at, r.key as i64, r.actor, day_of(r.at), r.seconds])?;
    }
    Ok(())
}

/// At most this many characters of text are kept, cut at a word.
fn excerpt(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= crate::activity::EXCERPT_CHARS {
        return text;
    }
    let cut: String = text.chars().take(crate::activity::EXCERPT_CHARS - 1).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > crate::activity::EXCERPT_CHARS / 2 => &cut[..i],
        _ => &cut,
    };
    format!("{cut}…")
}

/// Ties accounts waiting for review to people by e-mail, then external id,
/// then exact name (only when one person has it). Returns how many each
/// rule tied.
fn resolve_pending(c: &Connection) -> Result<[u64; 3], StoreError> {
    let by_email = c.execute(
        "UPDATE actors SET resolution = 'email', \
         person_id = (SELECT person_id FROM person_emails WHERE email = actors.email) \
         WHERE resolution IS NULL AND person_id IS NULL AND email IS NOT NULL \
           AND EXISTS (SELECT 1 FROM person_emails WHERE email = actors.email)",
        [],
    )? as u64;
    let by_id = c.execute(
        "UPDATE actors SET resolution = 'external_id', \
         person_id = (SELECT id FROM people WHERE external_id = actors.source_id) \
         WHERE resolution IS NULL AND person_id IS NULL \
           AND EXISTS (SELECT 1 FROM people WHERE external_id = actors.source_id)",
        [],
    )? as u64;
    // Exact name, ignoring case and surrounding spaces; a name two people
    // share ties no one.
    let mut by_name = 0;
    let pending: Vec<(i64, String)> = c
        .prepare("SELECT id, name FROM actors WHERE resolution IS NULL AND person_id IS NULL AND name IS NOT NULL")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    if !pending.is_empty() {
        let mut names: FastMap<String, Option<PersonId>> = FastMap::default();
        let mut st = c.prepare("SELECT id, full_name FROM people")?;
        for row in st.query_map([], |r| Ok((r.get::<_, PersonId>(0)?, r.get::<_, String>(1)?)))? {
            let (id, name) = row?;
            names.entry(name.trim().to_lowercase()).and_modify(|v| *v = None).or_insert(Some(id));
        }
        let mut set = c.prepare("UPDATE actors SET resolution = 'name', person_id = ?2 WHERE id = ?1")?;
        for (actor, name) in pending {
            if let Some(Some(person)) = names.get(&name.trim().to_lowercase()) {
                set.execute(params![actor, person])?;
                by_name += 1;
            }
        }
    }
    Ok([by_email, by_id, by_name])
}

/// What to do with an account in the review list.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Decision {
    /// It is this person.
    Link { person_id: PersonId },
    /// Nobody in the directory: add a person from the account.
    Create,
    /// Leave it out of every figure.
    Ignore,
    /// Undo a decision: back to the review list.
    Reset,
}

/// An account waiting for review (or decided), with what identifies it.
#[derive(Debug, Clone, Serialize)]
pub struct Account {
    pub id: i64,
    pub tool: String,
    pub source_id: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub resolution: Option<Resolution>,
    pub person_id: Option<PersonId>,
    pub person_name: Option<String>,
    /// Events the account made.
    pub events: u64,
    /// People whose name is close (same folded name or same e-mail local part).
    pub suggestions: Vec<(PersonId, String)>,
}

impl Db {
    /// Finds or creates the tool an import writes to. A tool keeps the kind
    /// it was created with.
    fn ensure_tool(
        tx: &Connection,
        name: &str,
        kind: ToolKind,
        rollout: Option<chrono::NaiveDate>,
    ) -> Result<i64, ActivityError> {
        let found: Option<(i64, String)> = tx
            .query_row("SELECT id, kind FROM tools WHERE name = ?1", [name], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let id = match found {
            Some((id, k)) if k == kind.as_str() || kind == ToolKind::Other => id,
            Some((_, k)) => {
                return Err(ActivityError::Invalid(format!(
                    "the tool {name:?} holds {k} activity; import this {} export under another name with --tool",
                    kind.as_str()
                )));
            }
            None => {
                tx.execute("INSERT INTO tools (kind, name) VALUES (?1, ?2)", params![kind.as_str(), name])?;
                tx.last_insert_rowid()
            }
        };
        if let Some(d) = rollout {
            tx.execute("UPDATE tools SET rollout_date = ?2 WHERE id = ?1", params![id, d.to_string()])?;
        }
        Ok(id)
    }

    /// Runs one activity import in one transaction: `read` feeds the writer;
    /// on any error, on cancel, and on a dry run nothing is kept.
    #[allow(clippy::too_many_arguments)]
    pub fn import_activity(
        &mut self,
        format: ExportFormat,
        file: &str,
        sha256: &str,
        tool: (&str, ToolKind),
        opts: &ActivityOptions,
        watch: Watch,
        at: &str,
        read: impl FnOnce(&mut ActivityWriter) -> Result<(), ActivityError>,
    ) -> Result<ActivityReport, ActivityError> {
        let tx = self.conn.transaction()?;
        let tool_id = Db::ensure_tool(&tx, tool.0, tool.1, opts.rollout)?;
        let report = {
            let mut w = ActivityWriter::new(&tx, tool_id, opts, watch)?;
            w.report.file = file.to_owned();
            w.report.format = Some(format);
            w.report.tool = tool.0.to_owned();
            read(&mut w)?;
            if w.report.rejected > 0 && !opts.skip_bad_rows && !opts.dry_run {
                return Err(ActivityError::Rejected(Box::new(w.report)));
            }
            w.finish(format, file, sha256, at)?
        };
        if opts.dry_run {
            let mut report = report;
            report.import_id = None;
            return Ok(report); // dropping `tx` rolls back
        }
        tx.commit()?;
        self.facts.mark_stale();
        Ok(report)
    }

    /// Every tool, with its accounts, events and active span.
    pub fn tools(&self) -> Result<Vec<Tool>, StoreError> {
        let mut st = self.conn.prepare(
            "SELECT t.id, t.kind, t.name, t.rollout_date, \
               (SELECT count(*) FROM actors a WHERE a.tool_id = t.id), \
               t.events, \
               (SELECT min((SELECT min(day) FROM activity_days WHERE actor_id = a.id)) \
                  FROM actors a WHERE a.tool_id = t.id), \
               (SELECT max((SELECT max(day) FROM activity_days WHERE actor_id = a.id)) \
                  FROM actors a WHERE a.tool_id = t.id) \
             FROM tools t ORDER BY t.name",
        )?;
        let rows = st.query_map([], |r| {
            let day = |v: Option<i32>| v.map(|d| crate::activity::date_of_day(d).to_string());
            Ok(Tool {
                id: r.get(0)?,
                kind: ToolKind::parse(&r.get::<_, String>(1)?).unwrap_or(ToolKind::Other),
                name: r.get(2)?,
                rollout_date: r.get(3)?,
                accounts: r.get(4)?,
                events: r.get(5)?,
                first_day: day(r.get(6)?),
                last_day: day(r.get(7)?),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Sets (or clears) a tool's rollout date.
    pub fn set_rollout(&mut self, tool: &str, date: Option<chrono::NaiveDate>) -> Result<(), ActivityError> {
        let n = self.conn.execute(
            "UPDATE tools SET rollout_date = ?2 WHERE name = ?1",
            params![tool, date.map(|d| d.to_string())],
        )?;
        if n == 0 {
            return Err(ActivityError::Invalid(format!("no tool named {tool:?}; see `chorus tools`")));
        }
        self.facts.mark_stale();
        Ok(())
    }

    /// Accounts not tied to anyone (`pending_only`), or every account.
    pub fn accounts(&self, pending_only: bool) -> Result<Vec<Account>, StoreError> {
        let mut st = self.conn.prepare(
            "SELECT a.id, t.name, a.source_id, a.name, a.email, a.resolution, a.person_id, p.full_name, \
               (SELECT ifnull(sum(posts + replies + reactions + mentions + shares), 0) FROM activity_days d \
                WHERE d.actor_id = a.id) AS n \
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
            let people: Vec<(PersonId, String, String)> = self
                .conn
                .prepare("SELECT id, full_name, name_key FROM people")?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<Result<_, _>>()?;
            for a in out.iter_mut().filter(|a| a.resolution.is_none() && a.person_id.is_none()) {
                a.suggestions = suggest(a, &people);
            }
        }
        Ok(out)
    }

    /// Applies a review decision to an account; it is kept for later imports.
    pub fn decide(&mut self, account: i64, decision: &Decision, now: &str) -> crate::Result<Account> {
        let tx = self.conn.transaction()?;
        let (name, email, source): (Option<String>, Option<String>, String) = tx
            .query_row("SELECT name, email, source_id FROM actors WHERE id = ?1", [account], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?
            .ok_or_else(|| ActivityError::Invalid(format!("no account #{account}")))
            .map_err(crate::Error::Activity)?;
        match decision {
            Decision::Link { person_id } => {
                let exists: bool =
                    tx.query_row("SELECT count(*) > 0 FROM people WHERE id = ?1", [person_id], |r| r.get(0))?;
                if !exists {
                    return Err(ActivityError::Invalid(format!("no person #{person_id}")).into());
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
        let n = resolve_pending(&self.conn)?.iter().sum();
        self.facts.mark_stale();
        Ok(n)
    }
}

/// People whose folded name matches the account's, or whose e-mail local
/// part matches: a short list for the review.
fn suggest(a: &Account, people: &[(PersonId, String, String)]) -> Vec<(PersonId, String)> {
    let name = a.name.as_deref().map(crate::text::fold).unwrap_or_default();
    let local = a.email.as_deref().and_then(|e| e.split('@').next()).map(|l| l.replace(['.', '_', '-'], " "));
    let local = local.map(|l| crate::text::fold(&l));
    let mut out: Vec<(PersonId, String)> = people
        .iter()
        .filter(|(_, _, key)| (!name.is_empty() && *key == name) || local.as_deref() == Some(key.as_str()))
        .map(|(id, n, _)| (*id, n.clone()))
        .collect();
    if out.is_empty() && !name.is_empty() {
        // Same last word (surname) and same first letter.
        let last = name.split(' ').next_back().unwrap_or("");
        let first = name.chars().next();
        out = people
            .iter()
            .filter(|(_, _, key)| key.split(' ').next_back() == Some(last) && key.chars().next() == first)
            .take(5)
            .map(|(id, n, _)| (*id, n.clone()))
            .collect();
    }
    out.truncate(5);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn excerpts_are_short_and_cut_at_a_word() {
        assert_eq!(super::excerpt("  hello\n  world "), "hello world");
        let long = "word ".repeat(40);
        let e = super::excerpt(&long);
        assert!(e.chars().count() <= crate::activity::EXCERPT_CHARS, "{e}");
        assert!(e.ends_with("word…"), "{e}");
    }
}

/// The facts the measures read, loaded once and kept until the data changes
/// (this connection's writes mark it stale; another process's commits show
/// in `PRAGMA data_version`).
#[derive(Debug, Default)]
pub(super) struct FactsCache {
    facts: RefCell<Option<(i64, Arc<Facts>)>>,
    stale: Cell<bool>,
}

impl FactsCache {
    pub(super) fn mark_stale(&self) {
        self.stale.set(true);
    }

    fn get(&self, conn: &Connection) -> Result<Arc<Facts>, StoreError> {
        let version: i64 = conn.pragma_query_value(None, "data_version", |r| r.get(0))?;
        if let Some((v, f)) = &*self.facts.borrow()
            && *v == version
            && !self.stale.get()
        {
            return Ok(f.clone());
        }
        let facts = Arc::new(load_facts(conn)?);
        *self.facts.borrow_mut() = Some((version, facts.clone()));
        self.stale.set(false);
        Ok(facts)
    }
}

impl Db {
    /// The activity facts, loaded on first use and after any change.
    pub fn facts(&self) -> Result<Arc<Facts>, StoreError> {
        self.facts.get(&self.conn)
    }
}

fn names(c: &Connection, sql: &str) -> Result<(Vec<String>, FastMap<i64, u32>), StoreError> {
    let mut names = Vec::new();
    let mut index = FastMap::default();
    let mut st = c.prepare(sql)?;
    for row in st.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
        let (id, name) = row?;
        index.insert(id, names.len() as u32);
        names.push(name);
    }
    Ok((names, index))
}

/// Reads the rollups into [`Facts`]: one pass over each table, no joins.
fn load_facts(c: &Connection) -> Result<Facts, StoreError> {
    let mut f = Facts::default();
    let mut tool_index: FastMap<i64, u16> = FastMap::default();
    {
        let mut st = c.prepare("SELECT id, name, kind, rollout_date FROM tools ORDER BY name")?;
        for row in st.query_map([], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, Option<String>>(3)?))
        })? {
            let (id, name, kind, rollout) = row?;
            tool_index.insert(id, f.tools.len() as u16);
            let rollout = rollout.and_then(|d| d.parse::<chrono::NaiveDate>().ok()).map(crate::activity::day_of_date);
            f.tools.push(ToolFact { id, name, kind: ToolKind::parse(&kind).unwrap_or(ToolKind::Other), rollout });
        }
    }
    let (departments, dept_ix) = names(c, "SELECT id, name FROM departments ORDER BY name")?;
    let (locations, loc_ix) = names(c, "SELECT id, name FROM locations ORDER BY name")?;
    // A team name two departments share is shown with its department.
    let (teams, team_ix) = names(
        c,
        "SELECT t.id, iif((SELECT count(*) FROM teams u WHERE u.name = t.name) > 1, \
           t.name || ' (' || ifnull(d.name, '-') || ')', t.name) \
         FROM teams t LEFT JOIN departments d ON d.id = t.department_id ORDER BY 2",
    )?;
    f.departments = departments;
    f.locations = locations;
    f.teams = teams;
    let mut person_ix: FastMap<PersonId, u32> = FastMap::default();
    {
        let mut st = c.prepare("SELECT id, full_name, department_id, location_id, team_id FROM people ORDER BY id")?;
        for row in st.query_map([], |r| {
            Ok((
                r.get::<_, PersonId>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<i64>>(2)?,
                r.get::<_, Option<i64>>(3)?,
                r.get::<_, Option<i64>>(4)?,
            ))
        })? {
            let (id, name, d, l, t) = row?;
            person_ix.insert(id, f.subjects.len() as u32);
            f.subjects.push(Subject {
                person_id: Some(id),
                account_id: None,
                name,
                department: d.and_then(|d| dept_ix.get(&d).copied()),
                location: l.and_then(|l| loc_ix.get(&l).copied()),
                team: t.and_then(|t| team_ix.get(&t).copied()),
            });
        }
    }
    f.people = f.subjects.len() as u32;
    // Each counted account: (subject, tool). Ignored accounts and bots: none.
    let mut actor_ix: FastMap<i64, (u32, u16)> = FastMap::default();
    {
        let mut st =
            c.prepare("SELECT id, tool_id, person_id, resolution, ifnull(name, source_id), first_at FROM actors")?;
        for row in st.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, Option<PersonId>>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<i64>>(5)?,
            ))
        })? {
            let (id, tool, person, resolution, name, first_at) = row?;
            if resolution.as_deref().and_then(Resolution::parse).is_some_and(Resolution::excluded) {
                continue;
            }
            let Some(&tool) = tool_index.get(&tool) else { continue };
            let subject = match person.and_then(|p| person_ix.get(&p).copied()) {
                Some(s) => s,
                None => {
                    f.subjects.push(Subject {
                        person_id: None,
                        account_id: Some(id),
                        name,
                        department: None,
                        location: None,
                        team: None,
                    });
                    f.subjects.len() as u32 - 1
                }
            };
            actor_ix.insert(id, (subject, tool));
            f.accounts.push(AccountFact { subject, tool, first_at });
        }
    }
    {
        let mut st =
            c.prepare("SELECT actor_id, day, posts, replies, reactions, mentions, shares FROM activity_days")?;
        let mut rows = st.query([])?;
        // Rows come in key order, actor by actor: look each actor up once.
        let mut last: (i64, Option<(u32, u16)>) = (i64::MIN, None);
        while let Some(r) = rows.next()? {
            let actor: i64 = r.get(0)?;
            if actor != last.0 {
                last = (actor, actor_ix.get(&actor).copied());
            }
            let Some((subject, tool)) = last.1 else { continue };
            f.days.push(DayFact {
                day: r.get(1)?,
                subject,
                tool,
                counts: [r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?],
            });
        }
    }
    {
        let mut st = c.prepare("SELECT actor_id, day, seconds FROM first_replies")?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            let Some(&(subject, tool)) = actor_ix.get(&r.get::<_, i64>(0)?) else { continue };
            let seconds: i64 = r.get(2)?;
            f.replies.push(ReplyFact {
                day: r.get(1)?,
                subject,
                tool,
                seconds: seconds.clamp(0, u32::MAX as i64) as u32,
            });
        }
    }
    let mut channel_ix: FastMap<i64, u32> = FastMap::default();
    {
        let mut st = c.prepare("SELECT id, tool_id, name FROM channels ORDER BY name")?;
        for row in st.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, String>(2)?)))? {
            let (id, tool, name) = row?;
            let Some(&tool) = tool_index.get(&tool) else { continue };
            channel_ix.insert(id, f.channels.len() as u32);
            f.channels.push(ChannelFact { id, tool, name });
        }
    }
    {
        let mut st = c.prepare("SELECT channel_id, actor_id, year, months FROM channel_members")?;
        let mut rows = st.query([])?;
        // Rows come channel by channel: look each channel up once.
        let mut last: (i64, Option<u32>) = (i64::MIN, None);
        while let Some(r) = rows.next()? {
            let channel_id: i64 = r.get(0)?;
            if channel_id != last.0 {
                last = (channel_id, channel_ix.get(&channel_id).copied());
            }
            let (Some(channel), Some(&(subject, _))) = (last.1, actor_ix.get(&r.get::<_, i64>(1)?)) else {
                continue;
            };
            let (year, bits): (i32, u16) = (r.get(2)?, r.get(3)?);
            for m in (0..12).filter(|m| bits & (1 << m) != 0) {
                f.channel_months.push(ChannelMonth { channel, month: (year - 1970) * 12 + m, subject });
            }
        }
    }
    Ok(f.seal())
}
