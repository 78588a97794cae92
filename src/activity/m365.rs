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
use super::{ActivityError, Counts, Member, ToolKind, time};
use crate::ingest::{RowProblem, Unit};
use crate::store::ActivityWriter;

/// Which report a file is, from its columns.
pub fn detect(bytes: &[u8]) -> Option<ToolKind> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let first = head.lines().next().unwrap_or("");
    if first.contains("posted count") || first.contains("liked count") {
        Some(ToolKind::Engage)
    } else if first.contains("team chat message count") || first.contains("post messages") {
        Some(ToolKind::Teams)
    } else {
        None
    }
}

/// The SHA-256 of a report, to recognise it when read again.
pub fn fingerprint(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

pub fn read(bytes: &[u8], file: &str, kind: ToolKind, w: &mut ActivityWriter) -> Result<(), ActivityError> {
    let text = crate::ingest::decode::decode(bytes).map_err(|e| ActivityError::NotAnExport {
        file: file.to_owned(),
        what: "usage report",
        reason: match e {
            crate::ingest::decode::NotText::Nul { line } => format!("a binary file (NUL byte on line {line})"),
            crate::ingest::decode::NotText::Binary => "a binary file".into(),
        },
    })?;
    let delimiter = crate::ingest::decode::sniff_delimiter(&text.text);
    let mut r: &[u8] = text.text.as_bytes();
    let reader: &mut dyn Read = &mut r;
    let mut rd = csv_reader(reader, delimiter);
    let headers = rd
        .headers()
        .map_err(|e| ActivityError::Csv { file: file.to_owned(), line: 1, message: e.to_string() })?
        .clone();
    let cols = Columns::new(&headers);
    let need = |names: &[&str]| {
        cols.get(names).ok_or_else(|| ActivityError::MissingColumn {
            file: file.to_owned(),
            what: names[0].to_owned(),
            found: cols.found(),
        })
    };
    let upn = need(&["User Principal Name"])?;
    let period = need(&["Report Period"])?;
    let refresh = need(&["Report Refresh Date"])?;
    let last = need(&["Last Activity Date"])?;
    let name = cols.get(&["Display Name"]);
    let counts: Vec<(usize, usize)> = match kind {
        ToolKind::Engage => [("Posted Count", 0), ("Liked Count", 2)]
            .iter()
            .filter_map(|(c, slot)| cols.get(&[c]).map(|i| (i, *slot)))
            .collect(),
        _ => {
            let split: Vec<(usize, usize)> = [("Post Messages", 0), ("Reply Messages", 1)]
                .iter()
                .filter_map(|(c, slot)| cols.get(&[c]).map(|i| (i, *slot)))
                .collect();
            if split.is_empty() {
                cols.get(&["Team Chat Message Count"]).map(|i| vec![(i, 0)]).unwrap_or_default()
            } else {
                split
            }
        }
    };
    if counts.is_empty() {
        return Err(ActivityError::MissingColumn {
            file: file.to_owned(),
            what: "activity counts (Posted Count / Post Messages)".into(),
            found: cols.found(),
        });
    }
    let mut span: Option<(i32, i32)> = None;
    let mut rec = csv::StringRecord::new();
    let mut pending: Vec<(String, i32, Counts)> = Vec::new();
    loop {
        match rd.read_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                return Err(ActivityError::Csv { file: file.to_owned(), line, message: e.to_string() });
            }
        }
        let line = rec.position().map(|p| p.line()).unwrap_or(0) as usize;
        let bad = |col: &str, msg: String| RowProblem {
            file: file.to_owned(),
            unit: Unit::Line,
            number: line,
            column: Some(col.to_owned()),
            message: msg,
        };
        let cell = |i: usize| rec.get(i).map(str::trim).unwrap_or("");
        let Some(account) = Some(cell(upn)).filter(|s| !s.is_empty()) else {
            w.report.problem(bad("User Principal Name", "no user".into()));
            continue;
        };
        let date = |col: &str, i: usize| -> Result<Option<i32>, RowProblem> {
            let s = cell(i);
            if s.is_empty() {
                return Ok(None);
            }
            let at = time::parse(s, None).map_err(|e| bad(col, e))?;
            time::check(at, w.now).map_err(|e| bad(col, e))?;
            Ok(Some(super::day_of(at)))
        };
        let refresh_day = match date("Report Refresh Date", refresh) {
            Ok(Some(d)) => d,
            Ok(None) => {
                w.report.problem(bad("Report Refresh Date", "no date given".into()));
                continue;
            }
            Err(p) => {
                w.report.problem(p);
                continue;
            }
        };
        let days: i32 = match cell(period).parse() {
            Ok(d) if (1..=366).contains(&d) => d,
            _ => {
                w.report.problem(bad("Report Period", format!("{:?} is not a number of days", cell(period))));
                continue;
            }
        };
        let this = (refresh_day - days + 1, refresh_day);
        match span {
            None => span = Some(this),
            Some(s) if s != this => {
                w.report.problem(bad(
                    "Report Period",
                    "this row covers other days than the first row; a report covers one period".into(),
                ));
                continue;
            }
            Some(_) => {}
        }
        let last_day = match date("Last Activity Date", last) {
            Ok(d) => d,
            Err(p) => {
                w.report.problem(p);
                continue;
            }
        };
        let mut c: Counts = [0; 5];
        let mut bad_count = None;
        for &(i, slot) in &counts {
            match cell(i) {
                "" => {}
                v => match v.parse::<u32>() {
                    Ok(n) => c[slot] += n,
                    Err(_) => bad_count = Some((i, v.to_owned())),
                },
            }
        }
        if let Some((i, v)) = bad_count {
            w.report.problem(bad(headers.get(i).unwrap_or("count"), format!("{v:?} is not a count")));
            continue;
        }
        let email = crate::text::looks_like_email(account).then_some(account);
        w.member(&Member { source_id: &account.to_lowercase(), name: name.map(cell), email, bot: false })?;
        if c.iter().any(|&n| n > 0) {
            // Filed on the last activity day, kept inside the period.
            let day = last_day.unwrap_or(this.1).clamp(this.0, this.1);
            pending.push((account.to_lowercase(), day, c));
        }
    }
    let Some((first, last)) = span else {
        w.report.warning(RowProblem {
            file: file.to_owned(),
            unit: Unit::Line,
            number: 1,
            column: None,
            message: "the report holds no rows".into(),
        });
        return Ok(());
    };
    match w.usage_report(first, last, &fingerprint(bytes))? {
        UsageState::New => {
            for (account, day, c) in pending {
                w.usage(&account, day, c)?;
            }
        }
        UsageState::Same => {
            w.report.duplicates = pending.iter().map(|(_, _, c)| u64::from(c.iter().sum::<u32>())).sum();
        }
    }
    Ok(())
}

/// Whether a usage report was read before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UsageState {
    New,
    /// The very same report: nothing to add.
    Same,
}
