//! The rollups every import keeps, worked out in memory as events are
//! written: per account per day counts, the months each account was active
//! in each channel, each account's first activity, and how long each post
//! waited for its first reply from someone else. Replies find their parent
//! among recent posts (two bounded generations, so memory stays bounded on
//! any export); the rest are settled once at the end ([`settle`]) against
//! parents the store looks up. Pure: the store persists what this returns.

use super::feed::{Event, UsageRow};
use super::{Counts, EventKind, day_of, month_of_day};
use crate::text::FastMap;

/// Rollup rows kept in memory before they are handed to the store.
pub const FLUSH_AT: usize = 1 << 19;
/// Posts and replies kept per generation.
const PARENTS_PER_GENERATION: usize = 1 << 18;

/// One account's counts on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayRow {
    pub actor: i64,
    pub day: i32,
    pub counts: Counts,
}

/// The months (bit 0 = January) an account was active in a channel in a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChannelYear {
    pub channel: i64,
    pub actor: i64,
    pub year: i32,
    pub months: u16,
}

/// A post's first reply by someone else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FirstReply {
    /// The post's time and key.
    pub at: i64,
    pub key: u64,
    /// The post's author.
    pub actor: i64,
    pub seconds: u32,
}

/// Interactions from one account to another in one month (months since
/// 1970-01): replies, reactions, mentions and shares addressed to someone else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TieRow {
    pub from: i64,
    pub to: i64,
    pub month: i32,
    pub count: u32,
}

/// Rollup rows to merge into what the store holds (sums, bitwise or, the
/// shortest reply, the earliest time): days by (account, day), channel years
/// by (account, year, channel), first replies by post, ties by (from, to, month).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rollups {
    pub days: Vec<DayRow>,
    pub channel_years: Vec<ChannelYear>,
    pub first_replies: Vec<FirstReply>,
    /// Each account's earliest counted activity (Unix seconds).
    pub first_at: Vec<(i64, i64)>,
    pub ties: Vec<TieRow>,
}

/// What an import added.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Events added; usage reports add their counts.
    pub added: u64,
    /// Event rows added.
    pub rows: u64,
    pub duplicates: u64,
    pub deleted: u64,
    /// First and last day with activity.
    pub span: Option<(i32, i32)>,
}

/// A post or reply, for the events that answer it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parent {
    pub key: u64,
    pub actor: i64,
    pub at: i64,
    /// A post (not deleted): replies to it count towards time to first reply.
    pub post: bool,
    /// Seconds to the first reply by someone else; `u32::MAX`: none yet.
    pub first_reply: u32,
}

impl Parent {
    /// A parent as the store has it.
    pub fn stored(key: u64, actor: i64, at: i64, kind: EventKind, deleted: bool) -> Parent {
        Parent { key, actor, at, post: kind == EventKind::Post && !deleted, first_reply: u32::MAX }
    }
}

/// An event whose parent was not among the recent ones, settled at the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Orphan {
    pub at: i64,
    pub key: u64,
    pub parent: u64,
    /// A reply (not deleted): it may be its parent's first.
    pub reply: bool,
    /// An interaction (not deleted) whose addressee is its parent's author.
    pub tie: bool,
    pub actor: i64,
}

/// Posts and replies seen lately, in two generations: when the newer is full
/// the older is let go.
#[derive(Debug, Default)]
struct Parents {
    new: FastMap<u64, Parent>,
    old: FastMap<u64, Parent>,
}

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
    fn insert(&mut self, p: Parent) -> Vec<Parent> {
        let mut gone = Vec::new();
        if self.new.len() >= PARENTS_PER_GENERATION {
            let old = std::mem::replace(&mut self.old, std::mem::take(&mut self.new));
            gone = old.into_values().collect();
        }
        self.new.insert(p.key, p);
        gone
    }
    fn drain(&mut self) -> Vec<Parent> {
        self.new.drain().chain(self.old.drain()).map(|(_, p)| p).collect()
    }
}

/// The accumulator.
#[derive(Debug, Default)]
pub struct Rollup {
    days: FastMap<(i64, i32), Counts>,
    /// (channel, actor, year) → months active, as bits.
    channel_months: FastMap<(i64, i64, i32), u16>,
    first_at: FastMap<i64, i64>,
    /// (from, to, month) → interactions.
    ties: FastMap<(i64, i64, i32), u32>,
    parents: Parents,
    orphans: Vec<Orphan>,
    first_replies: Vec<FirstReply>,
    tally: Tally,
}

fn seconds_between(from: i64, to: i64) -> u32 {
    (to - from).min(i64::from(u32::MAX - 1)) as u32
}

impl Rollup {
    /// Who an event is addressed to: as the export says, else the author of
    /// its parent when that is recent.
    pub fn target(&self, e: &Event) -> Option<i64> {
        e.target.or_else(|| e.parent.and_then(|k| self.parents.get(k)).map(|p| p.actor))
    }

    /// Counts an event the store was given; `added`: it was new there.
    pub fn event(&mut self, e: &Event, added: bool) {
        if !added {
            self.tally.duplicates += 1;
            return;
        }
        self.tally.added += 1;
        self.tally.rows += 1;
        let recent = e.parent.is_some_and(|k| self.parents.get(k).is_some());
        let target = self.target(e);
        if matches!(e.kind, EventKind::Post | EventKind::Reply) {
            let evicted = self
                .parents
                .insert(Parent { first_reply: u32::MAX, ..Parent::stored(e.key, e.actor, e.at, e.kind, e.deleted) });
            self.keep_first_replies(evicted);
        }
        match e.parent {
            Some(k) if !recent => self.orphans.push(Orphan {
                at: e.at,
                key: e.key,
                parent: k,
                reply: e.kind == EventKind::Reply && !e.deleted,
                tie: e.kind != EventKind::Post && !e.deleted && e.target.is_none(),
                actor: e.actor,
            }),
            Some(k) if e.kind == EventKind::Reply && !e.deleted => {
                if let Some(p) = self.parents.get_mut(k)
                    && p.post
                    && p.actor != e.actor
                    && e.at >= p.at
                {
                    p.first_reply = p.first_reply.min(seconds_between(p.at, e.at));
                }
            }
            _ => {}
        }
        if e.deleted {
            self.tally.deleted += 1;
            return;
        }
        let day = day_of(e.at);
        self.days.entry((e.actor, day)).or_default()[e.kind.slot()] += 1;
        self.first(e.actor, e.at);
        if e.kind != EventKind::Post
            && let Some(to) = target
            && to != e.actor
        {
            *self.ties.entry((e.actor, to, month_of_day(day))).or_default() += 1;
        }
        if let Some(ch) = e.channel {
            let month = month_of_day(day);
            *self.channel_months.entry((ch, e.actor, month.div_euclid(12))).or_default() |= 1 << month.rem_euclid(12);
        }
        self.widen(day);
    }

    /// Counts a usage report's row.
    pub fn usage(&mut self, u: &UsageRow) {
        self.first(u.actor, i64::from(u.day) * 86_400);
        let slot = self.days.entry((u.actor, u.day)).or_default();
        for (s, c) in slot.iter_mut().zip(u.counts) {
            *s += c;
        }
        self.tally.added += u64::from(u.counts.iter().sum::<u32>());
        self.widen(u.day);
    }

    fn first(&mut self, actor: i64, at: i64) {
        self.first_at.entry(actor).and_modify(|t| *t = (*t).min(at)).or_insert(at);
    }

    fn widen(&mut self, day: i32) {
        self.tally.span = Some(match self.tally.span {
            None => (day, day),
            Some((a, b)) => (a.min(day), b.max(day)),
        });
    }

    fn keep_first_replies(&mut self, parents: Vec<Parent>) {
        self.first_replies.extend(parents.into_iter().filter(|p| p.first_reply != u32::MAX).map(|p| FirstReply {
            at: p.at,
            key: p.key,
            actor: p.actor,
            seconds: p.first_reply,
        }));
    }

    /// Whether enough rows are kept to hand them to the store now.
    pub fn full(&self) -> bool {
        self.days.len() >= FLUSH_AT || self.channel_months.len() >= FLUSH_AT || self.ties.len() >= FLUSH_AT
    }

    /// The rows kept so far, sorted by key; the recent parents stay.
    pub fn take(&mut self) -> Rollups {
        let mut days: Vec<DayRow> =
            self.days.drain().map(|((actor, day), counts)| DayRow { actor, day, counts }).collect();
        days.sort_unstable_by_key(|d| (d.actor, d.day));
        let mut channel_years: Vec<ChannelYear> = self
            .channel_months
            .drain()
            .map(|((channel, actor, y), months)| ChannelYear { channel, actor, year: y + 1970, months })
            .collect();
        channel_years.sort_unstable_by_key(|c| (c.actor, c.year, c.channel));
        let mut first_replies = std::mem::take(&mut self.first_replies);
        first_replies.sort_unstable_by_key(|r| (r.at, r.key));
        let mut first_at: Vec<(i64, i64)> = self.first_at.drain().collect();
        first_at.sort_unstable();
        let ties = tie_rows(self.ties.drain());
        Rollups { days, channel_years, first_replies, first_at, ties }
    }

    /// Ends the import: every row left, the events whose parent is to be
    /// looked up, and the tally.
    pub fn finish(mut self) -> (Rollups, Vec<Orphan>, Tally) {
        let recent = self.parents.drain();
        self.keep_first_replies(recent);
        let rows = self.take();
        (rows, self.orphans, self.tally)
    }
}

/// Tie rows sorted by (from, to, month).
fn tie_rows(ties: impl Iterator<Item = ((i64, i64, i32), u32)>) -> Vec<TieRow> {
    let mut rows: Vec<TieRow> = ties.map(|((from, to, month), count)| TieRow { from, to, month, count }).collect();
    rows.sort_unstable_by_key(|t| (t.from, t.to, t.month));
    rows
}

/// What settling the orphans gives: the addressee of each (its parent's
/// author), as (time, key, actor), first-reply times, and the ties.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settled {
    pub targets: Vec<(i64, u64, i64)>,
    pub first_replies: Vec<FirstReply>,
    pub ties: Vec<TieRow>,
}

/// Settles events whose parent was not recent, given the parents the store
/// found (by key).
pub fn settle(orphans: &[Orphan], parents: &FastMap<u64, Parent>) -> Settled {
    let mut targets = Vec::new();
    let mut replies: FastMap<(i64, u64), FirstReply> = FastMap::default();
    let mut ties: FastMap<(i64, i64, i32), u32> = FastMap::default();
    for o in orphans {
        let Some(p) = parents.get(&o.parent) else { continue };
        targets.push((o.at, o.key, p.actor));
        if o.tie && p.actor != o.actor {
            *ties.entry((o.actor, p.actor, month_of_day(day_of(o.at)))).or_default() += 1;
        }
        if o.reply && p.post && p.actor != o.actor && o.at >= p.at {
            let seconds = seconds_between(p.at, o.at);
            let e =
                replies.entry((p.at, p.key)).or_insert(FirstReply { at: p.at, key: p.key, actor: p.actor, seconds });
            e.seconds = e.seconds.min(seconds);
        }
    }
    let mut first_replies: Vec<FirstReply> = replies.into_values().collect();
    first_replies.sort_unstable_by_key(|r| (r.at, r.key));
    Settled { targets, first_replies, ties: tie_rows(ties.into_iter()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400;

    fn ev(kind: EventKind, at: i64, actor: i64, key: u64, parent: Option<u64>) -> Event {
        Event { kind, at, actor, channel: Some(7), key, parent, target: None, deleted: false, excerpt: None }
    }

    #[test]
    fn counts_days_channels_and_first_replies_from_others() {
        let mut r = Rollup::default();
        let post = ev(EventKind::Post, 10 * DAY, 1, 100, None);
        r.event(&post, true);
        let own = ev(EventKind::Reply, 10 * DAY + 60, 1, 101, Some(100));
        assert_eq!(r.target(&own), Some(1), "a reply is addressed to its parent's author");
        r.event(&own, true);
        r.event(&ev(EventKind::Reply, 10 * DAY + 3600, 2, 102, Some(100)), true);
        r.event(&ev(EventKind::Reply, 10 * DAY + 7200, 3, 103, Some(100)), true);
        r.event(&ev(EventKind::Reaction, 11 * DAY, 2, 104, Some(100)), false);
        let (rows, orphans, tally) = r.finish();
        assert!(orphans.is_empty());
        assert_eq!((tally.added, tally.duplicates, tally.span), (4, 1, Some((10, 10))));
        // Only the first reply by someone else counts: one hour, not the author's own minute.
        assert_eq!(rows.first_replies, [FirstReply { at: 10 * DAY, key: 100, actor: 1, seconds: 3600 }]);
        assert_eq!(rows.days[0], DayRow { actor: 1, day: 10, counts: [1, 1, 0, 0, 0] });
        // 1970-01-11 is January 1970: bit 0 of year 1970.
        assert_eq!(rows.channel_years[0], ChannelYear { channel: 7, actor: 1, year: 1970, months: 1 });
        assert_eq!(rows.first_at, [(1, 10 * DAY), (2, 10 * DAY + 3600), (3, 10 * DAY + 7200)]);
        // Replies from others are ties to the post's author; one's own reply and the duplicate are not.
        assert_eq!(
            rows.ties,
            [TieRow { from: 2, to: 1, month: 0, count: 1 }, TieRow { from: 3, to: 1, month: 0, count: 1 }]
        );
    }

    #[test]
    fn deleted_events_are_kept_out_of_the_counts() {
        let mut r = Rollup::default();
        r.event(&Event { deleted: true, ..ev(EventKind::Post, DAY, 1, 1, None) }, true);
        let (rows, _, tally) = r.finish();
        assert_eq!((tally.added, tally.deleted), (1, 1));
        assert!(rows.days.is_empty() && rows.first_at.is_empty(), "a deleted message is no activity");
    }

    #[test]
    fn replies_to_older_posts_are_settled_at_the_end() {
        let mut r = Rollup::default();
        r.event(&ev(EventKind::Reply, 5 * DAY, 2, 50, Some(9)), true);
        r.event(&ev(EventKind::Reaction, 5 * DAY, 3, 51, Some(9)), true);
        let (_, orphans, _) = r.finish();
        assert_eq!(orphans.len(), 2);
        let mut parents = FastMap::default();
        parents.insert(9, Parent::stored(9, 1, 4 * DAY, EventKind::Post, false));
        let s = settle(&orphans, &parents);
        assert_eq!(s.targets, [(5 * DAY, 50, 1), (5 * DAY, 51, 1)]);
        assert_eq!(s.first_replies, [FirstReply { at: 4 * DAY, key: 9, actor: 1, seconds: DAY as u32 }]);
        assert_eq!(
            s.ties,
            [TieRow { from: 2, to: 1, month: 0, count: 1 }, TieRow { from: 3, to: 1, month: 0, count: 1 }],
            "settled interactions are ties to the parent's author"
        );
        assert_eq!(settle(&orphans, &FastMap::default()), Settled::default(), "an unknown parent settles nothing");
    }

    #[test]
    fn usage_rows_add_their_counts() {
        let mut r = Rollup::default();
        r.usage(&UsageRow { actor: 4, day: 20, counts: [2, 1, 3, 0, 0] });
        r.usage(&UsageRow { actor: 4, day: 20, counts: [1, 0, 0, 0, 0] });
        let (rows, _, tally) = r.finish();
        assert_eq!(tally.added, 7);
        assert_eq!(rows.days, [DayRow { actor: 4, day: 20, counts: [3, 1, 3, 0, 0] }]);
        assert_eq!(rows.first_at, [(4, 20 * DAY)]);
    }

    #[test]
    fn a_full_generation_of_parents_lets_the_older_go_with_its_first_replies() {
        let mut r = Rollup::default();
        r.event(&ev(EventKind::Post, DAY, 1, 1, None), true);
        r.event(&ev(EventKind::Reply, DAY + 5, 2, 2, Some(1)), true);
        for k in 0..(2 * PARENTS_PER_GENERATION as u64) {
            r.event(&ev(EventKind::Post, 2 * DAY, 3, 10 + k, None), true);
        }
        assert!(r.parents.get(1).is_none(), "two generations later the first post is gone from memory");
        let rows = r.take();
        assert_eq!(rows.first_replies, [FirstReply { at: DAY, key: 1, actor: 1, seconds: 5 }]);
    }
}
