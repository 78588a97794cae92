//! The activity model: tools, events, accounts and how they are tied to
//! people, as plain values every other part of the core speaks.

use serde::{Deserialize, Serialize};
/// The kinds of tool Chorus knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ToolKind {
    Slack,
    Engage,
    Teams,
    Workplace,
    Linkedin,
    Other,
}

impl ToolKind {
    pub const ALL: [ToolKind; 6] =
        [ToolKind::Slack, ToolKind::Engage, ToolKind::Teams, ToolKind::Workplace, ToolKind::Linkedin, ToolKind::Other];

    pub fn as_str(self) -> &'static str {
        match self {
            ToolKind::Slack => "slack",
            ToolKind::Engage => "engage",
            ToolKind::Teams => "teams",
            ToolKind::Workplace => "workplace",
            ToolKind::Linkedin => "linkedin",
            ToolKind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<ToolKind> {
        let s = s.trim().to_ascii_lowercase();
        ToolKind::ALL.into_iter().find(|k| k.as_str() == s).or(match s.as_str() {
            "yammer" | "viva engage" | "viva-engage" => Some(ToolKind::Engage),
            "linkedin group" | "linkedin-group" => Some(ToolKind::Linkedin),
            "workplace from meta" => Some(ToolKind::Workplace),
            "microsoft teams" | "msteams" => Some(ToolKind::Teams),
            _ => None,
        })
    }

    /// The tool's usual name, used when an import does not name one.
    pub fn default_name(self) -> &'static str {
        match self {
            ToolKind::Slack => "Slack",
            ToolKind::Engage => "Viva Engage",
            ToolKind::Teams => "Teams",
            ToolKind::Workplace => "Workplace",
            ToolKind::Linkedin => "LinkedIn group",
            ToolKind::Other => "Other",
        }
    }
}

/// What an event is. Stored as its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EventKind {
    Post = 1,
    Reply = 2,
    Reaction = 3,
    Mention = 4,
    Share = 5,
}

impl EventKind {
    pub const ALL: [EventKind; 5] =
        [EventKind::Post, EventKind::Reply, EventKind::Reaction, EventKind::Mention, EventKind::Share];

    pub fn parse(s: &str) -> Option<EventKind> {
        match s.trim().to_ascii_lowercase().as_str() {
            "post" | "message" | "posted" | "thread" | "update" => Some(EventKind::Post),
            "reply" | "comment" | "replied" | "answer" => Some(EventKind::Reply),
            "reaction" | "like" | "react" | "liked" | "praise" => Some(EventKind::Reaction),
            "mention" | "mentioned" => Some(EventKind::Mention),
            "share" | "shared" | "repost" => Some(EventKind::Share),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Post => "post",
            EventKind::Reply => "reply",
            EventKind::Reaction => "reaction",
            EventKind::Mention => "mention",
            EventKind::Share => "share",
        }
    }

    /// Index into [`Counts`].
    pub fn slot(self) -> usize {
        self as usize - 1
    }
}

/// Counts of each kind of event, indexed by [`EventKind::slot`].
pub type Counts = [u32; 5];

/// How an account on a tool was tied to a person in the directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Resolution {
    /// Same e-mail address as a person.
    Email,
    /// The account's id is a person's external (HR) id.
    ExternalId,
    /// Exactly one person has the account's display name.
    Name,
    /// Linked by hand in the review list.
    Linked,
    /// A person was created for it from the review list.
    Created,
    /// Left out of every figure, by decision.
    Ignored,
    /// A bot or integration, as the export marks it: never counted.
    Bot,
}

impl Resolution {
    pub fn as_str(self) -> &'static str {
        match self {
            Resolution::Email => "email",
            Resolution::ExternalId => "external_id",
            Resolution::Name => "name",
            Resolution::Linked => "linked",
            Resolution::Created => "created",
            Resolution::Ignored => "ignored",
            Resolution::Bot => "bot",
        }
    }

    pub fn parse(s: &str) -> Option<Resolution> {
        [
            Resolution::Email,
            Resolution::ExternalId,
            Resolution::Name,
            Resolution::Linked,
            Resolution::Created,
            Resolution::Ignored,
            Resolution::Bot,
        ]
        .into_iter()
        .find(|r| r.as_str() == s)
    }

    /// Accounts left out of every measure.
    pub fn excluded(self) -> bool {
        matches!(self, Resolution::Ignored | Resolution::Bot)
    }
}

/// The exports Chorus reads activity from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// A Slack workspace export (.zip or folder).
    Slack,
    /// A Viva Engage / Yammer network data export (.zip or folder).
    Engage,
    /// A Microsoft 365 usage report (Viva Engage or Teams user detail CSV).
    M365,
    /// Any CSV of events, with a column mapping.
    Events,
    /// The generated demo activity.
    Demo,
}

impl ExportFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            ExportFormat::Slack => "slack",
            ExportFormat::Engage => "engage",
            ExportFormat::M365 => "m365",
            ExportFormat::Events => "events",
            ExportFormat::Demo => "demo",
        }
    }
    pub fn parse(s: &str) -> Option<ExportFormat> {
        [ExportFormat::Slack, ExportFormat::Engage, ExportFormat::M365, ExportFormat::Events]
            .into_iter()
            .find(|f| f.as_str() == s)
    }
}

/// An account as a tool's member list describes it.
#[derive(Debug, Clone, Default)]
pub struct Member<'a> {
    pub source_id: &'a str,
    pub name: Option<&'a str>,
    pub email: Option<&'a str>,
    pub bot: bool,
}

/// One event, as a reader hands it to the writer.
#[derive(Debug, Clone, Copy)]
pub struct NewEvent<'a> {
    pub kind: EventKind,
    /// Unix seconds, UTC.
    pub at: i64,
    /// The acting account's id on the tool.
    pub actor: &'a str,
    /// The channel's id, as [`ActivitySink::channel`](super::ActivitySink::channel) gave it.
    pub channel: Option<i64>,
    /// The source's own identity for the event, hashed ([`event_key`]).
    pub key: u64,
    pub parent: Option<u64>,
    /// The account the event is addressed to, when the export says.
    pub target: Option<&'a str>,
    pub deleted: bool,
    pub excerpt: Option<&'a str>,
}

impl<'a> NewEvent<'a> {
    /// An event answering this message (a reaction to it, a mention in it):
    /// same time and channel, this message as its parent, no text.
    pub fn answer(&self, kind: EventKind, actor: &'a str, key: u64, target: &'a str) -> NewEvent<'a> {
        NewEvent {
            kind,
            at: self.at,
            actor,
            channel: self.channel,
            key,
            parent: Some(self.key),
            target: Some(target),
            deleted: false,
            excerpt: None,
        }
    }
}

/// A stable 64-bit hash of an event's identity parts (FNV-1a over the parts
/// with a separator, then a SplitMix64 finaliser). Stable across builds and
/// platforms: keys are stored, and a re-import must produce the same ones.
pub fn event_key(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in *part {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        h ^= 0xff;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h ^= h >> 30;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

/// Days since 1970-01-01 (UTC) of a Unix time.
pub fn day_of(at: i64) -> i32 {
    at.div_euclid(86_400) as i32
}

/// Months since January 1970 of a day number.
pub fn month_of_day(day: i32) -> i32 {
    let date = date_of_day(day);
    use chrono::Datelike;
    (date.year() - 1970) * 12 + date.month0() as i32
}

/// The day number of the first day of a month (months since January 1970).
pub fn month_start(month: i32) -> i32 {
    let date = chrono::NaiveDate::from_ymd_opt(1970 + month.div_euclid(12), month.rem_euclid(12) as u32 + 1, 1);
    day_of_date(date.expect("a month's first day exists"))
}

/// The calendar date of a day number.
pub fn date_of_day(day: i32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid date") + chrono::TimeDelta::days(i64::from(day))
}

/// The day number of a calendar date.
pub fn day_of_date(date: chrono::NaiveDate) -> i32 {
    (date - chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid date")).num_days() as i32
}

/// A tool, with its accounts, events and active span.
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
    /// Usage reports counted for the tool as a whole (`--totals-only`),
    /// oldest first: the tool's trend when its reports name no one.
    pub totals: Vec<super::UsageTotals>,
    /// Departments or locations that received it on a date of their own,
    /// by date.
    pub waves: Vec<Wave>,
}

/// One wave of a rollout in waves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Wave {
    pub unit: super::facts::WaveUnit,
    /// The department's or location's name.
    pub name: String,
    /// YYYY-MM-DD.
    pub date: String,
}

/// What to do with an account in the review list.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Decision {
    /// It is this person.
    Link { person_id: crate::directory::PersonId },
    /// Nobody in the directory: add a person from the account.
    Create,
    /// Leave it out of every figure.
    Ignore,
    /// Undo a decision: back to the review list.
    Reset,
}

/// An account on a tool (waiting for review, or decided), with what
/// identifies it.
#[derive(Debug, Clone, Serialize)]
pub struct Account {
    pub id: i64,
    pub tool: String,
    pub source_id: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub resolution: Option<Resolution>,
    pub person_id: Option<crate::directory::PersonId>,
    pub person_name: Option<String>,
    /// Events the account made.
    pub events: u64,
    /// People whose name is close (same folded name or same e-mail local part).
    pub suggestions: Vec<(crate::directory::PersonId, String)>,
}

/// Whether a usage report was read before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UsageState {
    New,
    /// The very same report: nothing to add.
    Same,
}

#[cfg(test)]
mod tests {
    use super::*;

    // Worked out independently (FNV-1a then SplitMix64, in Python).
    const PINNED: u64 = 4_274_000_752_308_551_223;

    #[test]
    fn event_keys_are_stable_and_separate_their_parts() {
        // Stored keys must not change between builds: pin one value.
        assert_eq!(event_key(&[b"C024BE91L", b"1355517523.000005"]), event_key(&[b"C024BE91L", b"1355517523.000005"]));
        assert_ne!(event_key(&[b"ab", b"c"]), event_key(&[b"a", b"bc"]));
        assert_eq!(event_key(&[b"x"]), PINNED);
    }

    #[test]
    fn days_and_months() {
        assert_eq!(day_of(0), 0);
        assert_eq!(day_of(-1), -1);
        let d = chrono::NaiveDate::from_ymd_opt(2024, 3, 1).unwrap();
        assert_eq!(date_of_day(day_of_date(d)), d);
        assert_eq!(month_of_day(day_of_date(d)), 54 * 12 + 2);
        assert_eq!(month_start(54 * 12 + 2), day_of_date(d));
        assert_eq!(month_start(54 * 12 + 3) - month_start(54 * 12 + 2), 31, "March has 31 days");
        assert_eq!(month_start(-1), day_of_date(chrono::NaiveDate::from_ymd_opt(1969, 12, 1).unwrap()));
    }
}

/// Interactions from one account to another: on one day, or in one month
/// (`day` is then that month's first day and `month` is true). A pair may
/// come more than once: days outside whole months come one event at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interaction {
    pub from: i64,
    pub to: i64,
    pub day: i32,
    pub month: bool,
    pub count: u32,
}
