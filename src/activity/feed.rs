//! The sink an import's readers write to. It gives accounts and channels
//! their ids in memory (from those the tool already has, loaded once), cuts
//! excerpts, and hands the resolved records on in batches: to the writer's
//! thread through a bounded channel, or straight to a closure. Nothing here
//! touches the database.

use super::{ActivityError, ActivitySink, Counts, EXCERPT_CHARS, EventKind, Member, NewEvent, ReadLog, Usage};
use crate::progress::{Stage, Watch};
use crate::text::{FastMap, FastSet};

/// Records per batch.
pub const BATCH: usize = 4096;
/// Progress is reported (and cancel checked) every this many records.
pub const TICK: u64 = 8192;

/// The accounts and channels a tool already has, and the next free ids.
#[derive(Debug, Clone, Default)]
pub struct Known {
    pub accounts: FastMap<String, i64>,
    pub channels: FastMap<String, i64>,
    pub next_account: i64,
    pub next_channel: i64,
}

/// An account first seen by this import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAccount {
    pub id: i64,
    pub source_id: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub bot: bool,
}

/// A known account's name and e-mail, to fill in where missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountUpdate {
    pub id: i64,
    pub name: Option<String>,
    pub email: Option<String>,
    pub bot: bool,
}

/// A channel first seen by this import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewChannel {
    pub id: i64,
    pub source_id: String,
    pub name: String,
    pub private: bool,
}

/// An event with its accounts and channel as ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub kind: EventKind,
    pub at: i64,
    pub actor: i64,
    pub channel: Option<i64>,
    pub key: u64,
    pub parent: Option<u64>,
    pub target: Option<i64>,
    pub deleted: bool,
    pub excerpt: Option<Box<str>>,
}

/// Counts for an account on a day (usage reports).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UsageRow {
    pub actor: i64,
    pub day: i32,
    pub counts: Counts,
}

/// Records in the order they must be written: accounts and channels before
/// the events that name them.
#[derive(Debug, Clone, Default)]
pub struct Batch {
    pub accounts: Vec<NewAccount>,
    pub updates: Vec<AccountUpdate>,
    pub channels: Vec<NewChannel>,
    pub events: Vec<Event>,
    pub usage: Vec<UsageRow>,
}

impl Batch {
    fn len(&self) -> usize {
        self.accounts.len() + self.updates.len() + self.channels.len() + self.events.len() + self.usage.len()
    }
}

/// What the feed counted, besides the reader's log.
#[derive(Debug, Clone, Default)]
pub struct FeedCounts {
    pub new_accounts: u64,
    pub bots: u64,
    pub channels: u64,
}

/// Where full batches go.
pub type Deliver<'a> = dyn FnMut(Batch) -> Result<(), ActivityError> + Send + 'a;

/// The import's sink.
pub struct Feed<'a> {
    known: Known,
    /// Accounts whose name and e-mail this import already passed on.
    updated: FastSet<i64>,
    batch: Batch,
    deliver: Box<Deliver<'a>>,
    log: ReadLog,
    counts: FeedCounts,
    watch: Watch<'a>,
    total: u64,
    done: u64,
    seen: u64,
    no_excerpts: bool,
    now: i64,
}

impl std::fmt::Debug for Feed<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Feed").field("log", &self.log).field("counts", &self.counts).finish_non_exhaustive()
    }
}

/// How a feed runs.
#[derive(Debug, Clone, Copy)]
pub struct FeedOptions<'a> {
    pub watch: Watch<'a>,
    /// Expected total of units (bytes or entries), 0 when unknown.
    pub total: u64,
    pub no_excerpts: bool,
    /// Unix seconds.
    pub now: i64,
}

impl<'a> Feed<'a> {
    pub fn new(known: Known, opts: FeedOptions<'a>, deliver: Box<Deliver<'a>>) -> Feed<'a> {
        Feed {
            known,
            updated: FastSet::default(),
            batch: Batch::default(),
            deliver,
            log: ReadLog::default(),
            counts: FeedCounts::default(),
            watch: opts.watch,
            total: opts.total,
            done: 0,
            seen: 0,
            no_excerpts: opts.no_excerpts,
            now: opts.now,
        }
    }

    /// Hands on what is left; returns the reader's log and the feed's counts.
    pub fn finish(mut self) -> Result<(ReadLog, FeedCounts), ActivityError> {
        self.send()?;
        Ok((self.log, self.counts))
    }

    fn send(&mut self) -> Result<(), ActivityError> {
        if self.batch.len() > 0 {
            (self.deliver)(std::mem::take(&mut self.batch))?;
        }
        Ok(())
    }

    fn record(&mut self) -> Result<(), ActivityError> {
        self.seen += 1;
        if self.seen.is_multiple_of(TICK) {
            self.watch.report(Stage::Writing, self.done, self.total)?;
        }
        if self.batch.len() >= BATCH { self.send() } else { Ok(()) }
    }

    /// The id of an account, adding a bare one when the member list did not
    /// name it.
    fn account(&mut self, source_id: &str) -> i64 {
        if let Some(&id) = self.known.accounts.get(source_id) {
            return id;
        }
        // An account known only by an e-mail address (a usage report's UPN,
        // an events CSV's actor column) has that address as its e-mail.
        let email = crate::text::looks_like_email(source_id).then(|| source_id.to_owned());
        self.add_account(source_id, None, email, false)
    }

    fn add_account(&mut self, source_id: &str, name: Option<String>, email: Option<String>, bot: bool) -> i64 {
        let id = self.known.next_account;
        self.known.next_account += 1;
        self.known.accounts.insert(source_id.to_owned(), id);
        self.counts.new_accounts += 1;
        self.counts.bots += u64::from(bot);
        // Filled in already: a later mention of it by a sender changes nothing.
        self.updated.insert(id);
        self.batch.accounts.push(NewAccount { id, source_id: source_id.to_owned(), name, email, bot });
        id
    }
}

fn clean(s: Option<&str>) -> Option<String> {
    s.map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned)
}

/// An account's e-mail as matching uses it: a Microsoft 365 guest's user
/// principal name (`ann_partner.example#EXT#@acme.onmicrosoft.com`) can never
/// match the guest, so their own address is read out of it (and the name
/// is left out of matching when it cannot be).
fn email(s: Option<&str>) -> Option<String> {
    let e = clean(s)?;
    if e.to_ascii_lowercase().contains("#ext#") { crate::text::guest_address(&e) } else { Some(e) }
}

impl ActivitySink for Feed<'_> {
    fn member(&mut self, m: &Member) -> Result<(), ActivityError> {
        match self.known.accounts.get(m.source_id) {
            // Once per account and import: exports repeat a sender on every message.
            Some(&id) if self.updated.insert(id) => {
                let (name, email) = (clean(m.name), email(m.email));
                if name.is_some() || email.is_some() || m.bot {
                    self.batch.updates.push(AccountUpdate { id, name, email, bot: m.bot });
                }
            }
            Some(_) => return Ok(()),
            None => {
                self.add_account(m.source_id, clean(m.name), email(m.email), m.bot);
            }
        }
        self.record()
    }

    fn channel(&mut self, source_id: &str, name: &str, private: bool) -> Result<i64, ActivityError> {
        if let Some(&id) = self.known.channels.get(source_id) {
            return Ok(id);
        }
        let id = self.known.next_channel;
        self.known.next_channel += 1;
        self.known.channels.insert(source_id.to_owned(), id);
        self.counts.channels += 1;
        let name = if name.trim().is_empty() { source_id } else { name.trim() };
        self.batch.channels.push(NewChannel { id, source_id: source_id.to_owned(), name: name.to_owned(), private });
        self.record()?;
        Ok(id)
    }

    fn event(&mut self, e: &NewEvent) -> Result<(), ActivityError> {
        if e.kind == EventKind::Mention && e.target == Some(e.actor) {
            self.log.self_mentions += 1;
            return Ok(());
        }
        self.log.events += 1;
        let actor = self.account(e.actor);
        let target = e.target.filter(|t| !t.is_empty()).map(|t| self.account(t));
        let excerpt = if self.no_excerpts { None } else { e.excerpt.map(excerpt).filter(|s| !s.is_empty()) };
        self.batch.events.push(Event {
            kind: e.kind,
            at: e.at,
            actor,
            channel: e.channel,
            key: e.key,
            parent: e.parent,
            target,
            deleted: e.deleted,
            excerpt: excerpt.map(String::into_boxed_str),
        });
        self.record()
    }

    fn usage(&mut self, u: &Usage) -> Result<(), ActivityError> {
        let actor = self.account(u.account);
        self.batch.usage.push(UsageRow { actor, day: u.day, counts: u.counts });
        self.record()
    }

    fn log(&mut self) -> &mut ReadLog {
        &mut self.log
    }

    fn done(&mut self, done: u64) -> Result<(), ActivityError> {
        self.done = done;
        Ok(self.watch.check()?)
    }

    fn now(&self) -> i64 {
        self.now
    }
}

/// At most [`EXCERPT_CHARS`] characters of text, with spaces squeezed, cut
/// at a word.
pub fn excerpt(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= EXCERPT_CHARS {
        return text;
    }
    let cut: String = text.chars().take(EXCERPT_CHARS - 1).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > EXCERPT_CHARS / 2 => &cut[..i],
        _ => &cut,
    };
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(known: Known, read: impl FnOnce(&mut Feed) -> Result<(), ActivityError>) -> Vec<Batch> {
        let mut out = Vec::new();
        {
            let deliver = Box::new(|b: Batch| {
                out.push(b);
                Ok(())
            });
            let opts = FeedOptions { watch: Watch::quiet(), total: 0, no_excerpts: false, now: 0 };
            let mut feed = Feed::new(known, opts, deliver);
            read(&mut feed).unwrap();
            feed.finish().unwrap();
        }
        out
    }

    fn event<'a>(actor: &'a str, target: Option<&'a str>) -> NewEvent<'a> {
        NewEvent {
            kind: EventKind::Post,
            at: 1,
            actor,
            channel: None,
            key: 1,
            parent: None,
            target,
            deleted: false,
            excerpt: Some("  hello\n world "),
        }
    }

    #[test]
    fn gives_new_accounts_and_channels_the_next_ids_and_keeps_known_ones() {
        let mut known = Known { next_account: 10, next_channel: 5, ..Known::default() };
        known.accounts.insert("old".into(), 3);
        known.channels.insert("general".into(), 2);
        let batches = collect(known, |f| {
            assert_eq!(f.channel("general", "General", false).unwrap(), 2, "a known channel keeps its id");
            assert_eq!(f.channel("random", " Random ", true).unwrap(), 5);
            f.member(&Member { source_id: "u1", name: Some(" Ann "), email: None, bot: false })?;
            f.event(&event("old", Some("u2")))?;
            f.member(&Member { source_id: "old", name: Some("Old"), email: Some("old@x.org"), bot: false })?;
            f.member(&Member { source_id: "old", name: Some("Other"), email: None, bot: false })?;
            f.event(&event("ann@x.org", None))
        });
        let b = &batches[0];
        let ids: Vec<(i64, &str)> = b.accounts.iter().map(|a| (a.id, a.source_id.as_str())).collect();
        assert_eq!(ids, [(10, "u1"), (11, "u2"), (12, "ann@x.org")], "new accounts numbered in order of first sight");
        assert_eq!(b.accounts[0].name.as_deref(), Some("Ann"), "names are trimmed");
        assert_eq!(b.accounts[2].email.as_deref(), Some("ann@x.org"), "an e-mail id is the account's e-mail");
        assert_eq!(b.updates.len(), 1, "a known account is filled in once per import");
        assert_eq!(
            b.channels,
            [NewChannel { id: 5, source_id: "random".into(), name: "Random".into(), private: true }]
        );
        assert_eq!((b.events[0].actor, b.events[0].target), (3, Some(11)));
        assert_eq!(b.events[0].excerpt.as_deref(), Some("hello world"));
    }

    #[test]
    fn delivers_in_batches_and_stops_on_cancel() {
        let batches = collect(Known::default(), |f| {
            for i in 0..(BATCH * 2 + 10) {
                f.channel(&i.to_string(), "", false)?;
            }
            Ok(())
        });
        assert_eq!(batches.len(), 3, "full batches go on as they fill, the rest at the end");
        let cancel = std::sync::atomic::AtomicBool::new(true);
        let opts =
            FeedOptions { watch: Watch { progress: &|_| {}, cancel: &cancel }, total: 0, no_excerpts: true, now: 0 };
        let mut feed = Feed::new(Known::default(), opts, Box::new(|_| Ok(())));
        let mut result = Ok(());
        for _ in 0..TICK {
            result = result.and_then(|_| feed.event(&event("a", None)));
        }
        assert!(matches!(result, Err(ActivityError::Cancelled)), "a cancel is noticed within one tick");
    }

    #[test]
    fn excerpts_are_short_and_cut_at_a_word() {
        assert_eq!(excerpt("  hello\n  world "), "hello world");
        let long = "word ".repeat(40);
        let e = excerpt(&long);
        assert!(e.chars().count() <= EXCERPT_CHARS, "{e}");
        assert!(e.ends_with("word…"), "{e}");
    }
}
