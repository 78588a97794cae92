//! How an activity import runs, what it did, and why it failed.

use serde::Serialize;

use super::ExportFormat;
use crate::file::RowProblem;

/// How an activity import runs.
#[derive(Debug, Clone, Default)]
pub struct ActivityOptions {
    /// The tool's name (default: the format's usual tool name).
    pub tool: Option<String>,
    /// The kind of tool, for the generic events CSV (default: other).
    pub kind: Option<super::ToolKind>,
    /// When the tool was rolled out, for adoption curves.
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
    /// A Microsoft 365 usage report counted for the tool as a whole: no
    /// one named, nothing in review (for reports with concealed names).
    pub totals_only: bool,
}

/// A usage report counted for its tool as a whole (`--totals-only`): who
/// it lists, who took part, and what they did, over its period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct UsageTotals {
    /// First and last day the report covers (days since 1970-01-01).
    pub first_day: i32,
    pub last_day: i32,
    /// People the report lists (every user the tenant counts).
    pub population: u64,
    /// Of those, people with a post, reply or reaction in the period.
    pub active: u64,
    pub posts: u64,
    pub replies: u64,
    pub reactions: u64,
}

/// The longest excerpt kept of a message's text, in characters.
pub const EXCERPT_CHARS: usize = 80;

/// At most this many problems (and warnings) are listed in a report.
pub const MAX_PROBLEMS: usize = 200;

/// What a reader saw while reading an export: kept by the sink, handed back
/// with the import's report.
#[derive(Debug, Clone, Default)]
pub struct ReadLog {
    /// Events read from the export (after leaving out non-engagement).
    pub events: u64,
    /// Rows of a usage report read (each one person's counts for the period).
    pub usage_rows: u64,
    /// Messages that are not engagement (joins, leaves, topic changes, bots).
    pub not_engagement: u64,
    /// Message subtypes Chorus does not know, with how many of each.
    pub unknown_subtypes: Vec<(String, u64)>,
    /// Rows rejected (at most [`MAX_PROBLEMS`] are listed in `problems`).
    pub rejected: u64,
    pub problems: Vec<RowProblem>,
    pub warnings: Vec<RowProblem>,
    /// Accounts whose identifier is a concealed hash, not a name (a usage
    /// report exported with concealed user details): counted for the tool,
    /// not sent for review.
    pub concealed: u64,
    /// Mentions of oneself left out: a mention of oneself is not a mention
    /// (old Slack file shares begin "<@U…> uploaded a file", Slack's words).
    pub self_mentions: u64,
}

impl ReadLog {
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

/// What an activity import did, or (dry run) would do.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ActivityReport {
    pub file: String,
    pub format: Option<ExportFormat>,
    pub tool: String,
    /// Events read from the export (after leaving out non-engagement).
    pub events: u64,
    /// Rows of a usage report read (a usage report holds counts, not events).
    pub usage_rows: u64,
    /// Events added; for a usage report, the posts, replies and likes its
    /// rows count.
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
    /// Accounts known only by a concealed identifier (see [`ReadLog::concealed`]).
    pub concealed: u64,
    /// Mentions of oneself left out (see [`ReadLog::self_mentions`]).
    pub self_mentions: u64,
    /// A usage report counted for the tool as a whole (`--totals-only`).
    pub totals: Option<UsageTotals>,
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

impl ActivityReport {
    /// Takes in what the reader saw.
    pub fn absorb(&mut self, log: ReadLog) {
        self.events = log.events;
        self.usage_rows = log.usage_rows;
        self.not_engagement = log.not_engagement;
        self.unknown_subtypes = log.unknown_subtypes;
        self.rejected = log.rejected;
        self.problems = log.problems;
        self.warnings.extend(log.warnings);
        self.concealed = log.concealed;
        self.self_mentions = log.self_mentions;
    }
}

/// Why an activity import failed. Nothing is written when it does.
#[derive(Debug, thiserror::Error)]
pub enum ActivityError {
    #[error(transparent)]
    File(#[from] crate::file::FileError),
    #[error("{file}: not a readable zip archive: {reason}")]
    BadZip { file: String, reason: String },
    #[error("{file}: not an export of Slack or Viva Engage (a .zip archive or its folder): it is {is}")]
    NotAZip { file: String, is: String },
    #[error("{file}: entry {entry:?} points outside the export (absolute path or \"..\"); refusing the whole archive")]
    UnsafeEntry { file: String, entry: String },
    #[error("{file}: entry {entry:?} {reason}; refusing it as a possible zip bomb")]
    ZipBomb { file: String, entry: String, reason: String },
    #[error("{file}: not a {what}: {reason}")]
    NotAnExport { file: String, what: &'static str, reason: String },
    #[error("{file}: no column for {what}; columns found: {found}")]
    MissingColumn { file: String, what: String, found: String },
    #[error(
        "{file}: all {rows} row(s) name a 32-digit code instead of a user, so no one can be counted or reviewed: {help}",
        help = super::m365::CONCEALED_HELP
    )]
    Concealed { file: String, rows: u64 },
    #[error("{0}")]
    Invalid(String),
    #[error(
        "{file}: {n} row(s) have problems; nothing was imported. Fix them, or import the other rows with --skip-bad-rows",
        file = .0.file, n = .0.rejected
    )]
    Rejected(Box<ActivityReport>),
    #[error("import cancelled; nothing was written")]
    Cancelled,
}

impl From<crate::progress::Cancelled> for ActivityError {
    fn from(_: crate::progress::Cancelled) -> Self {
        ActivityError::Cancelled
    }
}

impl ActivityError {
    pub fn code(&self) -> &'static str {
        match self {
            ActivityError::File(e) => e.code(),
            ActivityError::UnsafeEntry { .. } | ActivityError::ZipBomb { .. } => "unsafe_archive",
            ActivityError::Rejected(_) => "rows_rejected",
            ActivityError::Invalid(_) => "invalid",
            ActivityError::Concealed { .. } => "concealed_names",
            ActivityError::Cancelled => "cancelled",
            _ => "bad_file",
        }
    }
}
