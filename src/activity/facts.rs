//! The activity rollups as plain vectors in memory: what every measure reads.
//! Loaded from the database once and kept until the data changes (see
//! `store::activity`), so that a dashboard refresh never touches SQLite.

use serde::Serialize;

use super::{Counts, ToolKind};
use crate::directory::PersonId;

/// A tool, with its rollout as a day number.
#[derive(Debug, Clone, Serialize)]
pub struct ToolFact {
    pub id: i64,
    pub name: String,
    pub kind: ToolKind,
    pub rollout: Option<i32>,
    /// Departments or locations that received the tool on a date of their
    /// own (a rollout in waves).
    pub waves: Vec<WaveFact>,
}

/// Whether a wave is a department's or a location's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum WaveUnit {
    Department,
    Location,
}

/// One wave of a rollout: a department or location (its index in
/// [`Facts::departments`] or [`Facts::locations`]) and its day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct WaveFact {
    pub unit: WaveUnit,
    pub index: u32,
    pub day: i32,
}

/// Someone the measures count: a person of the directory, or an account not
/// yet tied to one (it stays its own subject until reviewed).
#[derive(Debug, Clone, Serialize)]
pub struct Subject {
    pub person_id: Option<PersonId>,
    /// For an account: its id in the review list.
    pub account_id: Option<i64>,
    pub name: String,
    pub department: Option<u32>,
    pub location: Option<u32>,
    pub team: Option<u32>,
}

/// An account on a tool, and whose it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct AccountFact {
    pub subject: u32,
    pub tool: u16,
    /// Unix seconds of its first counted activity.
    pub first_at: Option<i64>,
}

/// One subject's activity on one tool on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayFact {
    pub day: i32,
    pub subject: u32,
    pub tool: u16,
    pub counts: Counts,
}

/// A post that got a reply from someone else, and how long the first took.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReplyFact {
    pub day: i32,
    pub subject: u32,
    pub tool: u16,
    pub seconds: u32,
}

/// A channel (group, community).
#[derive(Debug, Clone, Serialize)]
pub struct ChannelFact {
    pub id: i64,
    pub tool: u16,
    pub name: String,
}

/// A subject was active in a channel in a month (months since 1970-01).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct ChannelMonth {
    pub channel: u32,
    pub month: i32,
    pub subject: u32,
}

/// Everything the measures need.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub tools: Vec<ToolFact>,
    pub subjects: Vec<Subject>,
    /// How many of `subjects` (the first ones) are people of the directory.
    pub people: u32,
    pub departments: Vec<String>,
    pub locations: Vec<String>,
    pub teams: Vec<String>,
    /// Every account counted (not ignored, not a bot).
    pub accounts: Vec<AccountFact>,
    /// Sorted by day.
    pub days: Vec<DayFact>,
    /// Sorted by day.
    pub replies: Vec<ReplyFact>,
    pub channels: Vec<ChannelFact>,
    /// Sorted.
    pub channel_months: Vec<ChannelMonth>,
    /// Built by [`Facts::seal`] from `channel_months`: each (channel,
    /// subject) pair once, with the months it was active as bits.
    pub channel_members: Vec<ChannelMember>,
    /// The month of bit 0 of every [`ChannelMember::months`].
    pub months_base: i32,
    /// Each counted account's id in the store and its subject, by id.
    pub actor_subjects: Vec<(i64, u32)>,
}

impl Facts {
    /// The subject an account of the store counts for (`None`: ignored or a bot).
    pub fn subject_of_actor(&self, actor: i64) -> Option<u32> {
        self.actor_subjects.binary_search_by_key(&actor, |a| a.0).ok().map(|i| self.actor_subjects[i].1)
    }
}

/// Who was active in a channel, and in which months: bit `i` is month
/// `months_base + i` (the last 128 months with data).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChannelMember {
    pub channel: u32,
    pub subject: u32,
    pub months: u128,
}

impl Facts {
    /// Puts the vectors in the order the measures rely on.
    pub fn seal(mut self) -> Facts {
        // Millions of rows over a few hundred days or channels: counting
        // sorts, in linear time. Only the day (channel) order matters.
        self.days = counting_sort(std::mem::take(&mut self.days), |d| d.day as i64);
        self.actor_subjects.sort_unstable();
        self.replies.sort_unstable_by_key(|r| (r.day, r.subject));
        self.channel_months = counting_sort(std::mem::take(&mut self.channel_months), |c| i64::from(c.channel));
        let last = self.channel_months.iter().map(|c| c.month).max().unwrap_or(0);
        self.months_base = last - 127;
        let mut members: Vec<ChannelMember> = Vec::new();
        // Rows are sorted by channel first: `at[subject]` is where the pair of
        // the current channel sits in `members`, valid while `of[subject]` is it.
        let n = self.subjects.len();
        let (mut of, mut at) = (vec![u32::MAX; n], vec![0usize; n]);
        for c in &self.channel_months {
            if c.month < self.months_base {
                continue;
            }
            let bit = 1u128 << (c.month - self.months_base);
            let s = c.subject as usize;
            if of[s] == c.channel {
                members[at[s]].months |= bit;
            } else {
                of[s] = c.channel;
                at[s] = members.len();
                members.push(ChannelMember { channel: c.channel, subject: c.subject, months: bit });
            }
        }
        self.channel_members = members;
        self.accounts.sort_unstable();
        self
    }

    /// The rows of `days` between two day numbers, inclusive.
    pub fn days_between(&self, from: i32, to: i32) -> &[DayFact] {
        let a = self.days.partition_point(|d| d.day < from);
        let b = self.days.partition_point(|d| d.day <= to);
        &self.days[a..b.max(a)]
    }

    /// The rows of `replies` between two day numbers, inclusive.
    pub fn replies_between(&self, from: i32, to: i32) -> &[ReplyFact] {
        let a = self.replies.partition_point(|d| d.day < from);
        let b = self.replies.partition_point(|d| d.day <= to);
        &self.replies[a..b.max(a)]
    }

    /// The first and last day with any activity.
    pub fn span(&self) -> Option<(i32, i32)> {
        Some((self.days.first()?.day, self.days.last()?.day))
    }

    /// The tool's index by name (case-insensitive).
    pub fn tool_index(&self, name: &str) -> Option<u16> {
        self.tools.iter().position(|t| t.name.eq_ignore_ascii_case(name)).map(|i| i as u16)
    }
}

/// Sorts by a small-range integer key, keeping the order of equal keys.
fn counting_sort<T: Copy>(v: Vec<T>, key: impl Fn(&T) -> i64) -> Vec<T> {
    let Some((lo, hi)) =
        v.iter().map(&key).fold(None, |m: Option<(i64, i64)>, k| Some(m.map_or((k, k), |(a, b)| (a.min(k), b.max(k)))))
    else {
        return v;
    };
    if hi - lo > 1 << 24 {
        let mut v = v;
        v.sort_by_key(|x| key(x));
        return v;
    }
    let mut start = vec![0usize; (hi - lo + 2) as usize];
    for x in &v {
        start[(key(x) - lo + 1) as usize] += 1;
    }
    for i in 1..start.len() {
        start[i] += start[i - 1];
    }
    let mut out: Vec<Option<T>> = vec![None; v.len()];
    for x in v {
        let slot = &mut start[(key(&x) - lo) as usize];
        out[*slot] = Some(x);
        *slot += 1;
    }
    out.into_iter().map(|x| x.expect("every slot is filled")).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn counting_sort_is_stable_and_sorted() {
        let v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        assert_eq!(super::counting_sort(v, |x| x.0), vec![(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
        assert!(super::counting_sort(Vec::<(i64, char)>::new(), |x| x.0).is_empty());
    }
}
