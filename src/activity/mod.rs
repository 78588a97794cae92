//! Activity on internal social tools (Slack, Viva Engage, Teams, Workplace, a
//! LinkedIn group…): the model, the importers of each tool's export, and the
//! engagement measures computed from it.
//!
//! Importers stream: they read an export entry by entry and hand each event
//! to the store's [`ActivityWriter`](crate::store::ActivityWriter), which
//! resolves accounts and channels in memory, writes the event, and keeps the
//! per-day rollups the dashboard reads — all in one transaction per import.
//! Measures ([`measures`]) are pure functions over [`Facts`], the rollups
//! loaded into memory.
//!
//! To support a new export, add a reader module that turns its files into
//! [`NewEvent`]s and members, and a variant of [`ExportFormat`].

pub mod engage;
pub mod events_csv;
pub mod facts;
pub mod m365;
pub mod measures;
pub mod slack;
pub mod source;
pub mod time;

use serde::{Deserialize, Serialize};

pub use facts::Facts;

use crate::ingest::RowProblem;

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
    /// The channel's row id (from [`crate::store::ActivityWriter::channel`]).
    pub channel: Option<i64>,
    /// The source's own identity for the event, hashed ([`event_key`]).
    pub key: u64,
    pub parent: Option<u64>,
    /// The account the event is addressed to, when the export says.
    pub target: Option<&'a str>,
    pub deleted: bool,
    pub excerpt: Option<&'a str>,
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

/// The calendar date of a day number.
pub fn date_of_day(day: i32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid date") + chrono::TimeDelta::days(i64::from(day))
}

/// The day number of a calendar date.
pub fn day_of_date(date: chrono::NaiveDate) -> i32 {
    (date - chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid date")).num_days() as i32
}

/// How an activity import runs.
#[derive(Debug, Clone, Default)]
pub struct ActivityOptions {
    /// The tool's name (default: the format's usual tool name).
    pub tool: Option<String>,
    /// The kind of tool, for the generic events CSV (default: other).
    pub kind: Option<ToolKind>,
    /// When the tool was rolled out (YYYY-MM-DD), for adoption curves.
    pub rollout: Option<chrono::NaiveDate>,
    /// Column mapping overrides for the events CSV: (column, field), or
    /// (column, None) to leave a column out.
    pub overrides: Vec<(String, Option<String>)>,
    /// Time zone of times written without an offset (IANA name; default UTC).
    pub time_zone: Option<chrono_tz::Tz>,
    /// Keep no text at all, not even a short excerpt.
    pub no_excerpts: bool,
    /// Read and check everything, write nothing.
    pub dry_run: bool,
    /// Import the good rows when some are bad (otherwise abort).
    pub skip_bad_rows: bool,
    /// "Now", as Unix seconds: times after it (plus a day) are refused.
    pub now: i64,
}

/// The longest excerpt kept of a message's text, in characters.
pub const EXCERPT_CHARS: usize = 80;

/// What an activity import did, or (dry run) would do.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ActivityReport {
    pub file: String,
    pub format: Option<ExportFormat>,
    pub tool: String,
    /// Events read from the export (after leaving out non-engagement).
    pub events: u64,
    pub added: u64,
    /// Events already in the database (an export read twice, or overlapping).
    pub duplicates: u64,
    /// Deleted messages: kept as deleted, not counted as activity.
    pub deleted: u64,
    /// Messages that are not engagement (joins, leaves, topic changes, bots).
    pub not_engagement: u64,
    /// Message subtypes Chorus does not know, with how many of each: not counted.
    pub unknown_subtypes: Vec<(String, u64)>,
    pub channels: u64,
    pub accounts: u64,
    pub new_accounts: u64,
    /// New accounts tied to a person, by rule.
    pub matched_email: u64,
    pub matched_external_id: u64,
    pub matched_name: u64,
    /// Accounts waiting in the review list after this import.
    pub pending_review: u64,
    pub bots: u64,
    /// First and last day with activity (YYYY-MM-DD).
    pub first_day: Option<String>,
    pub last_day: Option<String>,
    /// Rows rejected (see `problems`; at most [`MAX_PROBLEMS`] are listed).
    pub rejected: u64,
    pub problems: Vec<RowProblem>,
    pub warnings: Vec<RowProblem>,
    pub dry_run: bool,
    pub import_id: Option<i64>,
}

/// At most this many problems (and warnings) are listed in a report.
pub const MAX_PROBLEMS: usize = 200;

impl ActivityReport {
    pub fn problem(&mut self, p: RowProblem) {
        self.rejected += 1;
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push(p);
        }
    }
    pub fn warning(&mut self, p: RowProblem) {
        if self.warnings.len() < MAX_PROBLEMS {
            self.warnings.push(p);
        }
    }
    pub fn unknown_subtype(&mut self, subtype: &str) {
        match self.unknown_subtypes.iter_mut().find(|(s, _)| s == subtype) {
            Some((_, n)) => *n += 1,
            None => self.unknown_subtypes.push((subtype.to_owned(), 1)),
        }
    }
}

/// Why an activity import failed. Nothing is written when it does.
#[derive(Debug, thiserror::Error)]
pub enum ActivityError {
    #[error("{}: no such file or folder", .0.display())]
    NotFound(std::path::PathBuf),
    #[error("{file}: {source}")]
    Io { file: String, source: std::io::Error },
    #[error("{file}: not a readable zip archive: {reason}")]
    BadZip { file: String, reason: String },
    #[error("{file}: entry {entry:?} points outside the export (absolute path or \"..\"); refusing the whole archive")]
    UnsafeEntry { file: String, entry: String },
    #[error("{file}: entry {entry:?} {reason}; refusing it as a possible zip bomb")]
    ZipBomb { file: String, entry: String, reason: String },
    #[error("{file}: not a {what}: {reason}")]
    NotAnExport { file: String, what: &'static str, reason: String },
    #[error("{file}:{line}:{column}: not valid JSON: {message}")]
    Json { file: String, line: usize, column: usize, message: String },
    #[error("{file}:{line}: {message}")]
    Csv { file: String, line: u64, message: String },
    #[error("{file}: no column for {what}; columns found: {found}")]
    MissingColumn { file: String, what: String, found: String },
    #[error("{0}")]
    Invalid(String),
    #[error(
        "{file}: {n} row(s) have problems; nothing was imported. Fix them, or import the other rows with --skip-bad-rows",
        file = .0.file, n = .0.rejected
    )]
    Rejected(Box<ActivityReport>),
    #[error("import cancelled; nothing was written")]
    Cancelled,
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

impl From<rusqlite::Error> for ActivityError {
    fn from(e: rusqlite::Error) -> Self {
        ActivityError::Store(crate::store::StoreError::Sqlite(e))
    }
}

impl ActivityError {
    pub fn code(&self) -> &'static str {
        match self {
            ActivityError::NotFound(_) => "not_found",
            ActivityError::Io { .. } => "io",
            ActivityError::UnsafeEntry { .. } | ActivityError::ZipBomb { .. } => "unsafe_archive",
            ActivityError::Rejected(_) => "rows_rejected",
            ActivityError::Invalid(_) => "invalid",
            ActivityError::Cancelled => "cancelled",
            ActivityError::Store(e) => e.code(),
            _ => "bad_file",
        }
    }
}

/// Imports an export of the given format into the database: one
/// transaction; nothing is kept on error, cancel or dry run.
pub fn import(
    db: &mut crate::store::Db,
    format: ExportFormat,
    path: &std::path::Path,
    opts: &ActivityOptions,
    watch: crate::store::Watch,
    at: &str,
) -> Result<ActivityReport, ActivityError> {
    let name_of = |path: &std::path::Path| {
        path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
    };
    let tool = |kind: ToolKind| (opts.tool.clone().unwrap_or_else(|| kind.default_name().to_owned()), kind);
    match format {
        ExportFormat::Slack | ExportFormat::Engage => {
            let mut export = source::Export::open(path)?;
            let (name, kind) = tool(if format == ExportFormat::Slack { ToolKind::Slack } else { ToolKind::Engage });
            let total = match format {
                ExportFormat::Slack => slack::count_day_files(&export) as u64,
                _ => export.find("Messages.csv").map(|e| e.size).unwrap_or(0),
            };
            let label = export.label.clone();
            db.import_activity(
                format,
                &label,
                "-",
                (&name, kind),
                opts,
                crate::store::Watch { total, ..watch },
                at,
                |w| match format {
                    ExportFormat::Slack => slack::read(&mut export, w),
                    _ => engage::read(&mut export, w),
                },
            )
        }
        ExportFormat::M365 => {
            let file = name_of(path);
            let bytes = std::fs::read(path).map_err(|source| match source.kind() {
                std::io::ErrorKind::NotFound => ActivityError::NotFound(path.to_owned()),
                _ => ActivityError::Io { file: file.clone(), source },
            })?;
            let kind = m365::detect(&bytes).ok_or_else(|| ActivityError::NotAnExport {
                file: file.clone(),
                what: "Microsoft 365 usage report",
                reason: "its columns are neither the Viva Engage activity report's (Posted Count, Liked Count) \
                         nor the Teams user activity report's (Post Messages, Reply Messages)"
                    .into(),
            })?;
            let (name, kind) = tool(kind);
            let sha = m365::fingerprint(&bytes);
            db.import_activity(format, &file, &sha, (&name, kind), opts, watch, at, |w| {
                m365::read(&bytes, &file, kind, w)
            })
        }
        ExportFormat::Demo => Err(ActivityError::Invalid("the demo is loaded with `chorus demo`".into())),
        ExportFormat::Events => {
            let file = name_of(path);
            let f = std::fs::File::open(path).map_err(|source| match source.kind() {
                std::io::ErrorKind::NotFound => ActivityError::NotFound(path.to_owned()),
                _ => ActivityError::Io { file: file.clone(), source },
            })?;
            if f.metadata().map(|m| m.is_dir()).unwrap_or(false) {
                return Err(ActivityError::NotAnExport { file, what: "events CSV", reason: "it is a folder".into() });
            }
            let total = f.metadata().map(|m| m.len()).unwrap_or(0);
            let (name, kind) = tool(opts.kind.unwrap_or(ToolKind::Other));
            let mut r = std::io::BufReader::with_capacity(1 << 16, f);
            let watch = crate::store::Watch { total, ..watch };
            db.import_activity(format, &file, "-", (&name, kind), opts, watch, at, |w| {
                events_csv::read(&mut r, &file, total, &opts.overrides, opts.time_zone, w)
            })
        }
    }
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
    }
}
