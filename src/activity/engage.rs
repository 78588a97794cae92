//! Viva Engage (Yammer) network data exports: `Users.csv` (members),
//! `Groups.csv` (communities) and `Messages.csv`, one row per message:
//! `id, replied_to_id, thread_id, group_id, group_name, sender_id,
//! sender_name, sender_email, body, created_at, deleted_at, message_type…`.
//!
//! A message with `replied_to_id` is a reply to that message's sender; other
//! messages are posts; `[[user:ID]]` references in the body are mentions.
//! Deleted messages are kept as deleted, not counted. The export has no
//! likes: Engage reactions come from the Microsoft 365 usage report.

use std::io::Read;

use super::source::Export;
use super::{ActivityError, ActivitySink, EventKind, Member, NewEvent, event_key, time};
use crate::file::FileError;
use crate::ingest::{RowProblem, Unit};

/// Column positions by name (case-insensitive, spaces and underscores alike).
pub(crate) struct Columns {
    names: Vec<String>,
}

impl Columns {
    pub(crate) fn new(headers: &csv::StringRecord) -> Columns {
        Columns { names: headers.iter().map(norm).collect() }
    }
    pub(crate) fn get(&self, any: &[&str]) -> Option<usize> {
        any.iter().find_map(|want| self.names.iter().position(|n| *n == norm(want)))
    }
    pub(crate) fn found(&self) -> String {
        crate::text::list_columns(&self.names, false)
    }
}

fn norm(s: &str) -> String {
    s.trim_start_matches('\u{feff}').trim().to_ascii_lowercase().replace([' ', '-'], "_")
}

pub(crate) fn csv_reader(r: &mut dyn Read, delimiter: u8) -> csv::Reader<&mut dyn Read> {
    csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).buffer_capacity(1 << 16).from_reader(r)
}

fn csv_error(place: &str, e: &csv::Error) -> ActivityError {
    FileError::csv(place, e, 0).into()
}

/// Message types that are people taking part; `system` ones are not.
const ENGAGEMENT: &[&str] = &["", "update", "announcement", "poll", "praise", "question", "chat"];

/// Reads a small CSV of the export (`Users.csv`, `Groups.csv`), when there
/// is one, row by row. It must have an `id` column; `columns` finds the
/// others once.
fn each_row<T>(
    export: &mut Export,
    name: &str,
    w: &mut dyn ActivitySink,
    columns: impl FnOnce(&Columns) -> T,
    mut row: impl FnMut(&T, &csv::StringRecord, &mut dyn ActivitySink) -> Result<(), ActivityError>,
) -> Result<(), ActivityError> {
    let Some(entry) = export.find(name).cloned() else { return Ok(()) };
    let place = export.place(&entry);
    export.reader(&entry, |r| {
        Ok((|| {
            let mut rd = csv_reader(r, b',');
            let cols = Columns::new(&rd.headers().map_err(|e| csv_error(&place, &e))?.clone());
            if cols.get(&["id"]).is_none() {
                return Err(ActivityError::MissingColumn {
                    file: place.clone(),
                    what: "id".into(),
                    found: cols.found(),
                });
            }
            let found = columns(&cols);
            let mut rec = csv::StringRecord::new();
            while rd.read_record(&mut rec).map_err(|e| csv_error(&place, &e))? {
                row(&found, &rec, w)?;
            }
            Ok(())
        })())
    })?
}

pub fn read(export: &mut Export, w: &mut dyn ActivitySink) -> Result<(), ActivityError> {
    let Some(messages) = export.find("Messages.csv").cloned() else {
        return Err(ActivityError::NotAnExport {
            file: export.label.clone(),
            what: "Viva Engage export",
            reason: "it has no Messages.csv (a network data export holds Messages.csv, Users.csv and Groups.csv)"
                .into(),
        });
    };
    each_row(
        export,
        "Users.csv",
        w,
        |c| (c.get(&["id"]), c.get(&["name", "full_name"]), c.get(&["email", "email_address"])),
        |&(id, name, email), rec, w| {
            let Some(source_id) = id.and_then(|i| rec.get(i)).filter(|s| !s.is_empty()) else { return Ok(()) };
            let cell = |i: Option<usize>| i.and_then(|i| rec.get(i));
            w.member(&Member { source_id, name: cell(name), email: cell(email), bot: false })?;
            Ok(())
        },
    )?;
    each_row(
        export,
        "Groups.csv",
        w,
        |c| (c.get(&["id"]), c.get(&["name"]), c.get(&["privacy", "private"])),
        |&(id, name, privacy), rec, w| {
            let Some(gid) = id.and_then(|i| rec.get(i)).filter(|s| !s.is_empty()) else { return Ok(()) };
            let private = privacy.and_then(|i| rec.get(i)).is_some_and(|p| {
                let p = p.to_ascii_lowercase();
                p == "private" || p == "true" || p == "1"
            });
            w.channel(gid, name.and_then(|i| rec.get(i)).unwrap_or(gid), private)?;
            Ok(())
        },
    )?;
    let place = export.place(&messages);
    let total = messages.size.max(1);
    export.reader(&messages, |r| Ok(read_messages(r, &place, total, w)))??;
    Ok(())
}

fn read_messages(r: &mut dyn Read, place: &str, total: u64, w: &mut dyn ActivitySink) -> Result<(), ActivityError> {
    let mut rd = csv_reader(r, b',');
    let cols = Columns::new(&rd.headers().map_err(|e| csv_error(place, &e))?.clone());
    let need = |names: &[&str], what: &str| {
        cols.get(names).ok_or_else(|| ActivityError::MissingColumn {
            file: place.to_owned(),
            what: what.to_owned(),
            found: cols.found(),
        })
    };
    let id = need(&["id"], "id (the message id)")?;
    let sender = need(&["sender_id"], "sender_id")?;
    let created = need(&["created_at"], "created_at")?;
    let replied = cols.get(&["replied_to_id"]);
    let group = cols.get(&["group_id"]);
    let group_name = cols.get(&["group_name"]);
    let sender_email = cols.get(&["sender_email"]);
    let sender_name = cols.get(&["sender_name"]);
    let body = cols.get(&["body"]);
    let deleted_at = cols.get(&["deleted_at"]);
    let message_type = cols.get(&["message_type"]);
    let private_conv = cols.get(&["in_private_conversation"]);
    let mut rec = csv::StringRecord::new();
    let mut rows = 0u64;
    loop {
        match rd.read_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(csv_error(place, &e)),
        }
        rows += 1;
        let line = rec.position().map(|p| p.line()).unwrap_or(0) as usize;
        w.done(rec.position().map(|p| p.byte()).unwrap_or(0).min(total))?;
        let cell = |i: Option<usize>| i.and_then(|i| rec.get(i)).map(str::trim).filter(|s| !s.is_empty());
        let bad = |col: &str, msg: String| RowProblem {
            file: place.to_owned(),
            unit: Unit::Line,
            number: line,
            column: Some(col.to_owned()),
            message: msg,
        };
        let kind_name = cell(message_type).unwrap_or("").to_ascii_lowercase();
        if kind_name == "system" {
            w.log().not_engagement += 1;
            continue;
        }
        if !ENGAGEMENT.contains(&kind_name.as_str()) {
            w.log().unknown_subtype(&kind_name);
            continue;
        }
        let Some(msg_id) = cell(Some(id)) else {
            w.log().problem(bad("id", "no message id".into()));
            continue;
        };
        let Some(from) = cell(Some(sender)) else {
            w.log().problem(bad("sender_id", "no sender".into()));
            continue;
        };
        let at = match cell(Some(created)).ok_or_else(|| "no time given".to_owned()).and_then(|t| {
            let at = time::parse(t, None)?;
            time::check(at, w.now())?;
            Ok(at)
        }) {
            Ok(at) => at,
            Err(e) => {
                w.log().problem(bad("created_at", e));
                continue;
            }
        };
        if cell(sender_email).is_some() || cell(sender_name).is_some() {
            w.member(&Member { source_id: from, name: cell(sender_name), email: cell(sender_email), bot: false })?;
        }
        let private = cell(private_conv).is_some_and(|p| p.eq_ignore_ascii_case("true"));
        let channel = match (private, cell(group)) {
            (true, _) => None,
            (false, Some(g)) => Some(w.channel(g, cell(group_name).unwrap_or(g), false)?),
            (false, None) => Some(w.channel("all-company", "All Company", false)?),
        };
        let key = event_key(&[b"engage", msg_id.as_bytes()]);
        let parent = cell(replied).map(|p| event_key(&[b"engage", p.as_bytes()]));
        let deleted = cell(deleted_at).is_some();
        let text = cell(body);
        w.event(&NewEvent {
            kind: if parent.is_some() { EventKind::Reply } else { EventKind::Post },
            at,
            actor: from,
            channel,
            key,
            parent,
            target: None, // the replied-to message's sender, filled in once all messages are in
            deleted,
            excerpt: text,
        })?;
        if let (Some(text), false) = (text, deleted) {
            for target in mentions(text) {
                w.event(&NewEvent {
                    kind: EventKind::Mention,
                    at,
                    actor: from,
                    channel,
                    key: event_key(&[b"engage-mention", msg_id.as_bytes(), target.as_bytes()]),
                    parent: Some(key),
                    target: Some(target),
                    deleted: false,
                    excerpt: None,
                })?;
            }
        }
    }
    if rows == 0 {
        w.log().warning(RowProblem {
            file: place.to_owned(),
            unit: Unit::Line,
            number: 1,
            column: None,
            message: "Messages.csv holds no messages".into(),
        });
    }
    Ok(())
}

/// The user ids referenced as `[[user:123]]`, each once.
pub fn mentions(text: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("[[user:") {
        rest = &rest[i + 7..];
        let end = rest.find("]]").unwrap_or(rest.len());
        let id = &rest[..end];
        if !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) && !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_user_references() {
        assert_eq!(super::mentions("thanks [[user:15]] and [[user:16]] cc [[user:15]] [[tag:3]]"), vec!["15", "16"]);
    }
}
