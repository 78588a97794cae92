//! Reading a people file into a raw table: header cells and rows of text
//! cells, each row with the line (CSV), row (XLSX) or entry (JSON) number a
//! person would look for. No meaning is given to columns here.

use crate::file::Unit;
use std::path::Path;

use calamine::{Data, Reader};

use super::{IngestError, decode};

/// The kinds of people file Chorus reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceFormat {
    /// CSV or TSV text: HR exports, Viva Engage `Users.csv`, Workplace exports.
    Csv,
    /// An Excel or OpenDocument workbook (first sheet with data).
    Workbook,
    /// Slack's `users.json` from a workspace export.
    SlackUsers,
}

impl SourceFormat {
    pub fn parse(s: &str) -> Option<SourceFormat> {
        match s {
            "csv" | "tsv" => Some(SourceFormat::Csv),
            "xlsx" | "xls" | "ods" | "workbook" => Some(SourceFormat::Workbook),
            "slack" | "json" => Some(SourceFormat::SlackUsers),
            _ => None,
        }
    }

    /// How a place in such a file is named in messages.
    pub fn unit(self) -> Unit {
        match self {
            SourceFormat::Csv => Unit::Line,
            SourceFormat::Workbook => Unit::Row,
            SourceFormat::SlackUsers => Unit::Entry,
        }
    }
}

/// One data row. The cells share one allocation (a CSV record), which
/// matters at 100,000 rows of 17 columns.
#[derive(Debug, Clone)]
pub struct RawRow {
    pub number: usize,
    pub cells: csv::StringRecord,
}

/// A file read as header cells and rows of text.
#[derive(Debug)]
pub struct RawTable {
    /// The file's name as shown in messages.
    pub file: String,
    pub format: SourceFormat,
    pub encoding: Option<&'static str>,
    pub headers: Vec<String>,
    pub rows: Vec<RawRow>,
    /// Rows left out on purpose (Slack bots, deactivated accounts), with why.
    pub skipped: Vec<(usize, String)>,
}

/// Guesses the format from the extension, then from the first bytes.
pub fn detect_format(path: &Path, head: &[u8]) -> SourceFormat {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("xlsx" | "xlsm" | "xlsb" | "xls" | "ods") => SourceFormat::Workbook,
        Some("json") => SourceFormat::SlackUsers,
        Some("csv" | "tsv" | "txt") => SourceFormat::Csv,
        _ if head.starts_with(b"PK\x03\x04") || head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) => SourceFormat::Workbook,
        _ if head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[') => SourceFormat::SlackUsers,
        _ => SourceFormat::Csv,
    }
}

/// Reads `path` as `format`.
pub fn read(path: &Path, file: &str, format: SourceFormat, bytes: &[u8]) -> Result<RawTable, IngestError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(IngestError::Empty { file: file.to_owned() });
    }
    let table = match format {
        SourceFormat::Csv => read_csv(file, bytes)?,
        SourceFormat::Workbook => read_workbook(path, file, bytes)?,
        SourceFormat::SlackUsers => read_slack_users(file, bytes)?,
    };
    if table.rows.is_empty() && table.skipped.is_empty() {
        return Err(IngestError::HeaderOnly { file: file.to_owned() });
    }
    Ok(table)
}

fn read_csv(file: &str, bytes: &[u8]) -> Result<RawTable, IngestError> {
    let decoded = decode::decode(bytes).map_err(|e| match e {
        decode::NotText::Nul { line } => IngestError::NotText {
            file: file.to_owned(),
            reason: format!("line {line} contains a NUL byte; this is not a CSV text file"),
        },
        decode::NotText::Binary => {
            IngestError::NotText { file: file.to_owned(), reason: "the file is binary, not CSV text".to_owned() }
        }
    })?;
    let delimiter = decode::sniff_delimiter(&decoded.text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(decoded.text.as_bytes());
    let mut headers: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                return Err(crate::file::FileError::csv(file, &e, 0).into());
            }
        }
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let number = record.position().map(|p| p.line() as usize).unwrap_or(0);
        match headers {
            None => headers = Some(record.iter().map(|h| h.trim().to_owned()).collect()),
            Some(_) => rows.push(RawRow { number, cells: record.clone() }),
        }
    }
    Ok(RawTable {
        file: file.to_owned(),
        format: SourceFormat::Csv,
        encoding: Some(decoded.encoding),
        headers: headers.unwrap_or_default(),
        rows,
        skipped: Vec::new(),
    })
}

fn read_workbook(path: &Path, file: &str, bytes: &[u8]) -> Result<RawTable, IngestError> {
    let is_zip = bytes.starts_with(b"PK\x03\x04");
    let is_ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    if !is_zip && !is_ole {
        return Err(IngestError::NotWorkbook {
            file: file.to_owned(),
            reason: "it does not start with a zip or OLE header; was it renamed from another format?".to_owned(),
        });
    }
    let bad = |e: calamine::Error| IngestError::NotWorkbook { file: file.to_owned(), reason: e.to_string() };
    let mut wb = calamine::open_workbook_auto(path).map_err(bad)?;
    let sheets = wb.sheet_names().to_vec();
    let mut range = None;
    for name in &sheets {
        let r = wb.worksheet_range(name).map_err(bad)?;
        if !r.is_empty() {
            range = Some(r);
            break;
        }
    }
    let Some(range) = range else { return Err(IngestError::Empty { file: file.to_owned() }) };
    let first_row = range.start().map(|(r, _)| r as usize).unwrap_or(0);
    let mut headers: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    for (i, row) in range.rows().enumerate() {
        let cells: Vec<String> = row.iter().map(cell_text).collect();
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        match headers {
            None => headers = Some(cells.iter().map(|h| h.trim().to_owned()).collect()),
            Some(_) => rows.push(RawRow { number: first_row + i + 1, cells: cells.into() }),
        }
    }
    Ok(RawTable {
        file: file.to_owned(),
        format: SourceFormat::Workbook,
        encoding: None,
        headers: headers.unwrap_or_default(),
        rows,
        skipped: Vec::new(),
    })
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(d) if d.time() == chrono::NaiveTime::MIN => d.date().to_string(),
            Some(d) => d.format("%Y-%m-%dT%H:%M:%S").to_string(),
            None => dt.as_f64().to_string(),
        },
        Data::Error(e) => e.to_string(),
    }
}

/// The fields Chorus reads from each entry of Slack's `users.json`.
const SLACK_HEADERS: [&str; 5] = ["id", "real_name", "display_name", "email", "title"];

fn read_slack_users(file: &str, bytes: &[u8]) -> Result<RawTable, IngestError> {
    let json_err = |e: serde_json::Error| IngestError::from(crate::file::FileError::json(file, &e));
    let text = decode::decode(bytes).map_err(|_| IngestError::NotText {
        file: file.to_owned(),
        reason: "the file is binary, not JSON text".to_owned(),
    })?;
    let users: Vec<serde_json::Value> = serde_json::from_str(&text.text).map_err(json_err)?;
    let mut rows = Vec::new();
    let mut skipped = Vec::new();
    for (i, u) in users.iter().enumerate() {
        let number = i + 1;
        let str_at = |path: &[&str]| -> String {
            let mut v = u;
            for p in path {
                v = &v[*p];
            }
            v.as_str().unwrap_or("").to_owned()
        };
        let id = str_at(&["id"]);
        if u["is_bot"].as_bool() == Some(true) || id == "USLACKBOT" || u["is_app_user"].as_bool() == Some(true) {
            skipped.push((number, format!("{id} is a bot")));
            continue;
        }
        if u["deleted"].as_bool() == Some(true) {
            skipped.push((number, format!("{id} is a deactivated account")));
            continue;
        }
        // Older workspaces hold members with only a handle (`name`) and an
        // e-mail: they are named by their display name, else the handle, as
        // the activity import names their account.
        let mut real_name = str_at(&["profile", "real_name"]);
        for fallback in [&["real_name"][..], &["profile", "display_name"], &["name"]] {
            if real_name.trim().is_empty() {
                real_name = str_at(fallback);
            }
        }
        let cells = vec![
            id,
            real_name,
            str_at(&["profile", "display_name"]),
            str_at(&["profile", "email"]),
            str_at(&["profile", "title"]),
        ];
        rows.push(RawRow { number, cells: cells.into() });
    }
    Ok(RawTable {
        file: file.to_owned(),
        format: SourceFormat::SlackUsers,
        encoding: Some(text.encoding),
        headers: SLACK_HEADERS.iter().map(|s| s.to_string()).collect(),
        rows,
        skipped,
    })
}
