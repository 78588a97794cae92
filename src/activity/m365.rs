//! Microsoft 365 usage reports, user detail: the Viva Engage (Yammer)
//! activity report (`Posted Count, Read Count, Liked Count`) and the Teams
//! user activity report (`Post Messages, Reply Messages, Team Chat Message
//! Count…`), each one row per person for one report period (`Report Period`
//! days up to `Report Refresh Date`).
//!
//! These give counts per person per period, not events: the counts are filed
//! on the person's `Last Activity Date`, so trends for such a tool move in
//! steps of one report. A report read twice is recognised and changes
//! nothing; a different report overlapping one already read is refused, as
//! it would count the same days twice. Read counts and private chats are not
//! engagement and are left out.

use std::io::Read;

use sha2::{Digest, Sha256};

use super::engage::{Columns, csv_reader};
use super::{ActivityError, ActivitySink, Counts, Member, ReadLog, ToolKind, Usage, time};
use crate::file::FileError;
use crate::file::{RowProblem, Unit};

/// Which report a file is, from its columns.
pub fn detect(bytes: &[u8]) -> Option<ToolKind> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let first = head.lines().next().unwrap_or("");
    if !first.contains("user principal name") {
        // A user counts report has the same count columns, and no one in it.
        return None;
    }
    if first.contains("posted count") || first.contains("liked count") {
        Some(ToolKind::Engage)
    } else if first.contains("team chat message count") || first.contains("post messages") {
        Some(ToolKind::Teams)
    } else {
        None
    }
}

/// Where the user detail reports Chorus reads are, for messages.
pub const DETAIL_HELP: &str = "Chorus reads the user *detail* reports: in the Microsoft 365 admin centre, Reports > \
    Usage > Viva Engage (or Microsoft Teams) > Activity (User activity), the table under the chart, Export";

/// Why a file given as a usage report is not one Chorus reads, in words:
/// another Microsoft 365 report (the user *counts* of Teams or Viva Engage,
/// the e-mail activity), or columns it does not know.
pub fn not_a_detail_report(bytes: &[u8]) -> String {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let first = head.trim_start_matches('\u{feff}').lines().next().unwrap_or("").to_owned();
    let has = |c: &str| first.split([',', ';', '\t']).any(|h| h.trim().trim_matches('"') == c);
    let what = if has("send count") || has("receive count") {
        "this is the e-mail activity report, which counts messages sent and read, not a conversation".to_owned()
    } else if has("report date") && !has("user principal name") {
        "this is a user *counts* report (totals per day, no one named), not the user *detail* report".to_owned()
    } else if !has("user principal name") && has("report refresh date") {
        "this Microsoft 365 report names no one (no User Principal Name column)".to_owned()
    } else {
        "its columns are neither the Viva Engage activity report's (Posted Count, Liked Count) nor the Teams user \
         activity report's (Post Messages, Reply Messages)"
            .to_owned()
    };
    format!("{what}; {DETAIL_HELP}")
}

/// The SHA-256 of a report, to recognise it when read again.
pub fn fingerprint(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// A usage report, read and checked: the days it covers and each person's
/// counts, filed on their last activity day.
#[derive(Debug, Clone, Default)]
pub struct UsageReport {
    pub file: String,
    /// First and last day covered (`None`: the report has no rows).
    pub span: Option<(i32, i32)>,
    pub sha256: String,
    pub rows: Vec<UsageRow>,
    /// Rows read, problems, and concealed accounts left out.
    pub log: ReadLog,
    /// Read with `totals_only`: the report counted as a whole (and `rows` empty).
    pub totals: Option<super::UsageTotals>,
}

/// One person's line of a usage report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageRow {
    /// The User Principal Name, lower-cased.
    pub account: String,
    pub name: Option<String>,
    pub day: i32,
    pub counts: Counts,
}

impl UsageReport {
    /// Writes the report's people and counts to a sink.
    pub fn write(&self, sink: &mut dyn ActivitySink) -> Result<(), ActivityError> {
        for r in &self.rows {
            let email = crate::text::looks_like_email(&r.account).then_some(r.account.as_str());
            sink.member(&Member { source_id: &r.account, name: r.name.as_deref(), email, bot: false })?;
            if r.counts.iter().any(|&n| n > 0) {
                sink.usage(&Usage { account: &r.account, day: r.day, counts: r.counts })?;
            }
        }
        Ok(())
    }

    /// The posts, replies and likes the report counts.
    pub fn total(&self) -> u64 {
        self.rows.iter().map(|r| u64::from(r.counts.iter().sum::<u32>())).sum()
    }
}

/// Which columns hold what.
struct ReportColumns {
    upn: usize,
    name: Option<usize>,
    period: usize,
    refresh: usize,
    last: usize,
    /// (column, slot in [`Counts`]).
    counts: Vec<(usize, usize)>,
}

impl ReportColumns {
    fn find(cols: &Columns, file: &str, kind: ToolKind) -> Result<ReportColumns, ActivityError> {
        let need = |names: &[&str]| {
            cols.get(names).ok_or_else(|| ActivityError::MissingColumn {
                file: file.to_owned(),
                what: names[0].to_owned(),
                found: cols.found(),
            })
        };
        let any = |names: &[(&str, usize)]| -> Vec<(usize, usize)> {
            names.iter().filter_map(|(c, slot)| cols.get(&[c]).map(|i| (i, *slot))).collect()
        };
        let counts = match kind {
            ToolKind::Engage => any(&[("Posted Count", 0), ("Liked Count", 2)]),
            _ => Some(any(&[("Post Messages", 0), ("Reply Messages", 1)]))
                .filter(|c| !c.is_empty())
                .unwrap_or_else(|| any(&[("Team Chat Message Count", 0)])),
        };
        if counts.is_empty() {
            return Err(ActivityError::MissingColumn {
                file: file.to_owned(),
                what: "activity counts (Posted Count / Post Messages)".into(),
                found: cols.found(),
            });
        }
        Ok(ReportColumns {
            upn: need(&["User Principal Name"])?,
            name: cols.get(&["Display Name"]),
            period: need(&["Report Period"])?,
            refresh: need(&["Report Refresh Date"])?,
            last: need(&["Last Activity Date"])?,
            counts,
        })
    }
}

/// Whether an identifier is one the admin centre put in place of a name when
/// it conceals user details: 32 hexadecimal digits (an MD5-sized hash).
pub fn is_concealed(id: &str) -> bool {
    id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit())
}

/// What the admin centre's setting is called, for messages.
pub const CONCEALED_HELP: &str = "the report was exported with concealed user names (the Microsoft 365 admin \
    centre's default since 2021); an administrator can turn off \"Display concealed user, group, and site names \
    in all reports\" under Settings > Org settings > Services > Reports, then export the report again — or import \
    it with --totals-only to count the tool as a whole (population, active people, posts, replies, reactions), \
    with no one named";

/// Reads a usage report: every row checked, nothing written.
///
/// With `totals_only`, every row (named or concealed) is counted into the
/// report's [`UsageTotals`] and none is kept as a person.
pub fn read(
    bytes: &[u8],
    file: &str,
    kind: ToolKind,
    now: i64,
    totals_only: bool,
) -> Result<UsageReport, ActivityError> {
    let text = crate::file::decode::decode(bytes).map_err(|e| ActivityError::NotAnExport {
        file: file.to_owned(),
        what: "usage report",
        reason: match e {
            crate::file::decode::NotText::Nul { line } => format!("a binary file (NUL byte on line {line})"),
            crate::file::decode::NotText::Binary => "a binary file".into(),
        },
    })?;
    let delimiter = crate::file::decode::sniff_delimiter(&text.text);
    let mut r: &[u8] = text.text.as_bytes();
    let reader: &mut dyn Read = &mut r;
    let mut rd = csv_reader(reader, delimiter);
    let headers = rd.headers().map_err(|e| ActivityError::from(FileError::csv(file, &e, 1)))?.clone();
    let cols = ReportColumns::find(&Columns::new(&headers), file, kind)?;
    let mut report = UsageReport { file: file.to_owned(), sha256: fingerprint(bytes), ..UsageReport::default() };
    let mut totals: Option<super::UsageTotals> = None;
    let mut rec = csv::StringRecord::new();
    loop {
        match rd.read_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                return Err(FileError::csv(file, &e, 0).into());
            }
        }
        report.log.usage_rows += 1;
        match row(&rec, &cols, &headers, file, now, &mut report.span) {
            Ok(Counted::Named(r)) if !totals_only => report.rows.push(r),
            Ok(Counted::Named(UsageRow { counts, .. }) | Counted::Concealed(counts)) if totals_only => {
                let t = totals.get_or_insert_with(super::UsageTotals::default);
                t.population += 1;
                t.active += u64::from(counts.iter().any(|&n| n > 0));
                t.posts += u64::from(counts[0]);
                t.replies += u64::from(counts[1]);
                t.reactions += u64::from(counts[2]);
            }
            Ok(_) => report.log.concealed += 1,
            Err(p) => report.log.problem(p),
        }
    }
    if let (Some(t), Some((first, last))) = (totals.as_mut(), report.span) {
        (t.first_day, t.last_day) = (first, last);
        report.totals = Some(*t);
    }
    let note =
        |message: String| RowProblem { file: file.to_owned(), unit: Unit::Line, number: 1, column: None, message };
    if report.log.concealed > 0 && report.rows.is_empty() && report.log.rejected == 0 && !totals_only {
        return Err(ActivityError::Concealed { file: file.to_owned(), rows: report.log.concealed });
    }
    if report.log.concealed > 0 {
        report.log.warning(note(format!(
            "{} row(s) name no one (a 32-digit code instead of a user name) and were left out: {CONCEALED_HELP}",
            report.log.concealed
        )));
    }
    if report.log.usage_rows == 0 {
        report.log.warning(note("the report holds no rows".into()));
    }
    Ok(report)
}

/// What one row counts: a named person's line, or only the counts of a
/// concealed one.
enum Counted {
    Named(UsageRow),
    Concealed(Counts),
}

/// One row of the report.
fn row(
    rec: &csv::StringRecord,
    cols: &ReportColumns,
    headers: &csv::StringRecord,
    file: &str,
    now: i64,
    span: &mut Option<(i32, i32)>,
) -> Result<Counted, RowProblem> {
    let line = rec.position().map(|p| p.line()).unwrap_or(0) as usize;
    let bad = |col: &str, message: String| RowProblem {
        file: file.to_owned(),
        unit: Unit::Line,
        number: line,
        column: Some(col.to_owned()),
        message,
    };
    let cell = |i: usize| rec.get(i).map(str::trim).unwrap_or("");
    let account =
        Some(cell(cols.upn)).filter(|s| !s.is_empty()).ok_or_else(|| bad("User Principal Name", "no user".into()))?;
    let date = |col: &str, i: usize| -> Result<Option<i32>, RowProblem> {
        match cell(i) {
            "" => Ok(None),
            s => {
                let at = time::parse(s, None).map_err(|e| bad(col, e))?;
                time::check(at, now).map_err(|e| bad(col, e))?;
                Ok(Some(super::day_of(at)))
            }
        }
    };
    let refresh =
        date("Report Refresh Date", cols.refresh)?.ok_or_else(|| bad("Report Refresh Date", "no date given".into()))?;
    let days: i32 = cell(cols.period)
        .parse()
        .ok()
        .filter(|d| (1..=366).contains(d))
        .ok_or_else(|| bad("Report Period", format!("{:?} is not a number of days", cell(cols.period))))?;
    let this = (refresh - days + 1, refresh);
    if span.is_some_and(|s| s != this) {
        return Err(bad(
            "Report Period",
            "this row covers other days than the first row; a report covers one period".into(),
        ));
    }
    *span = Some(this);
    let last = date("Last Activity Date", cols.last)?;
    let mut counts: Counts = [0; 5];
    for &(i, slot) in &cols.counts {
        match cell(i) {
            "" => {}
            v => {
                counts[slot] += v
                    .parse::<u32>()
                    .map_err(|_| bad(headers.get(i).unwrap_or("count"), format!("{v:?} is not a count")))?
            }
        }
    }
    if is_concealed(account) {
        return Ok(Counted::Concealed(counts));
    }
    // Filed on the last activity day, kept inside the period.
    let day = last.unwrap_or(this.1).clamp(this.0, this.1);
    let name = cols.name.map(cell).filter(|n| !n.is_empty() && !is_concealed(n)).map(str::to_owned);
    Ok(Counted::Named(UsageRow { account: account.to_lowercase(), name, day, counts }))
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_795_600_800;

    #[test]
    fn recognises_concealed_names() {
        assert!(is_concealed("5C3F1A0E9B7D4C2A8E6F1B3D5A7C9E0F"));
        assert!(!is_concealed("ann.lee@example.org"));
        assert!(!is_concealed("5C3F1A0E9B7D4C2A8E6F1B3D5A7C9E0"), "31 digits");
    }

    fn report(rows: &[&str]) -> String {
        let mut s = String::from(
            "Report Refresh Date,User Principal Name,Display Name,Last Activity Date,Posted Count,Read Count,Liked Count,Report Period\n",
        );
        for r in rows {
            s.push_str(r);
            s.push('\n');
        }
        s
    }

    #[test]
    fn a_fully_concealed_report_is_refused_with_the_setting_named() {
        let text = report(&[
            "2024-06-30,5C3F1A0E9B7D4C2A8E6F1B3D5A7C9E0F,0D9E8F7A6B5C4D3E2F1A0B9C8D7E6F5A,2024-06-20,3,10,2,30",
            "2024-06-30,1A2B3C4D5E6F7A8B9C0D1E2F3A4B5C6D,9F8E7D6C5B4A39281706F5E4D3C2B1A0,2024-06-21,1,4,0,30",
        ]);
        let err = read(text.as_bytes(), "EngageActivity.csv", ToolKind::Engage, NOW, false).unwrap_err();
        let msg = err.to_string();
        assert!(matches!(err, ActivityError::Concealed { rows: 2, .. }), "{msg}");
        assert!(msg.contains("Display concealed user, group, and site names in all reports"), "{msg}");
    }

    #[test]
    fn concealed_rows_among_named_ones_are_left_out_with_a_warning() {
        let text = report(&[
            "2024-06-30,ann@example.org,Ann,2024-06-20,3,10,2,30",
            "2024-06-30,1A2B3C4D5E6F7A8B9C0D1E2F3A4B5C6D,9F8E7D6C5B4A39281706F5E4D3C2B1A0,2024-06-21,1,4,0,30",
        ]);
        let r = read(text.as_bytes(), "EngageActivity.csv", ToolKind::Engage, NOW, false).unwrap();
        assert_eq!(r.rows.len(), 1);
        assert_eq!((r.log.usage_rows, r.log.concealed, r.total()), (2, 1, 5));
        assert!(r.log.warnings[0].message.contains("left out"), "{:?}", r.log.warnings);
    }

    #[test]
    fn a_concealed_report_is_counted_as_a_whole_when_asked() {
        let text = report(&[
            "2024-06-30,5C3F1A0E9B7D4C2A8E6F1B3D5A7C9E0F,0D9E8F7A6B5C4D3E2F1A0B9C8D7E6F5A,2024-06-20,3,10,2,30",
            "2024-06-30,1A2B3C4D5E6F7A8B9C0D1E2F3A4B5C6D,9F8E7D6C5B4A39281706F5E4D3C2B1A0,2024-06-21,0,4,0,30",
            "2024-06-30,ann@example.org,Ann,2024-06-22,0,7,1,30",
        ]);
        let r = read(text.as_bytes(), "EngageActivity.csv", ToolKind::Engage, NOW, true).unwrap();
        assert!(r.rows.is_empty(), "no one is kept as a person, named or not");
        let t = r.totals.expect("the report's totals");
        assert_eq!((t.population, t.active), (3, 2), "three listed; the second read only (reads are not taking part)");
        assert_eq!((t.posts, t.replies, t.reactions), (3, 0, 3), "Posted Count and Liked Count summed");
        assert_eq!(t.last_day - t.first_day + 1, 30, "the report's 30 days");
        assert_eq!(r.log.concealed, 0, "nothing left out: every row is counted");
    }
}
