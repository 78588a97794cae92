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
use crate::file::{RowProblem, Unit};

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

/// Which column holds what in `Messages.csv`.
struct MessageColumns {
    id: usize,
    sender: usize,
    created: usize,
    replied: Option<usize>,
    group: Option<usize>,
    group_name: Option<usize>,
    sender_email: Option<usize>,
    sender_name: Option<usize>,
    body: Option<usize>,
    deleted_at: Option<usize>,
    message_type: Option<usize>,
    private: Option<usize>,
}

impl MessageColumns {
    fn find(cols: &Columns, place: &str) -> Result<MessageColumns, ActivityError> {
        let need = |names: &[&str], what: &str| {
            cols.get(names).ok_or_else(|| ActivityError::MissingColumn {
                file: place.to_owned(),
                what: what.to_owned(),
                found: cols.found(),
            })
        };
        Ok(MessageColumns {
            id: need(&["id"], "id (the message id)")?,
            sender: need(&["sender_id"], "sender_id")?,
            created: need(&["created_at"], "created_at")?,
            replied: cols.get(&["replied_to_id"]),
            group: cols.get(&["group_id"]),
            group_name: cols.get(&["group_name"]),
            sender_email: cols.get(&["sender_email"]),
            sender_name: cols.get(&["sender_name"]),
            body: cols.get(&["body"]),
            deleted_at: cols.get(&["deleted_at"]),
            message_type: cols.get(&["message_type"]),
            private: cols.get(&["in_private_conversation"]),
        })
    }
}

/// One message, checked.
struct Message<'r> {
    id: &'r str,
    from: &'r str,
    at: i64,
    sender_name: Option<&'r str>,
    sender_email: Option<&'r str>,
    /// (group id, name); `None` for a private conversation.
    group: Option<(&'r str, &'r str)>,
    replied_to: Option<&'r str>,
    deleted: bool,
    text: Option<&'r str>,
}

/// What a row of `Messages.csv` is.
enum Row<'r> {
    Message(Message<'r>),
    /// A system message: not people taking part.
    NotEngagement,
    Unknown(String),
    /// The column at fault and what is wrong.
    Bad(&'static str, String),
}

fn row<'r>(rec: &'r csv::StringRecord, c: &MessageColumns, now: i64) -> Row<'r> {
    let cell = |i: Option<usize>| i.and_then(|i| rec.get(i)).map(str::trim).filter(|s| !s.is_empty());
    let kind = cell(c.message_type).unwrap_or("").to_ascii_lowercase();
    if kind == "system" {
        return Row::NotEngagement;
    }
    if !ENGAGEMENT.contains(&kind.as_str()) {
        return Row::Unknown(kind);
    }
    let Some(id) = cell(Some(c.id)) else { return Row::Bad("id", "no message id".into()) };
    let Some(from) = cell(Some(c.sender)) else { return Row::Bad("sender_id", "no sender".into()) };
    let at = cell(Some(c.created))
        .ok_or_else(|| "no time given".to_owned())
        .and_then(|t| time::parse(t, None).and_then(|at| time::check(at, now).map(|_| at)));
    let at = match at {
        Ok(at) => at,
        Err(e) => return Row::Bad("created_at", e),
    };
    let private = cell(c.private).is_some_and(|p| p.eq_ignore_ascii_case("true"));
    let group = match (private, cell(c.group)) {
        (true, _) => None,
        (false, Some(g)) => Some((g, cell(c.group_name).unwrap_or(g))),
        (false, None) => Some(("all-company", "All Company")),
    };
    Row::Message(Message {
        id,
        from,
        at,
        sender_name: cell(c.sender_name),
        sender_email: cell(c.sender_email),
        group,
        replied_to: cell(c.replied),
        deleted: cell(c.deleted_at).is_some(),
        text: cell(c.body),
    })
}

fn read_messages(r: &mut dyn Read, place: &str, total: u64, w: &mut dyn ActivitySink) -> Result<(), ActivityError> {
    let mut rd = csv_reader(r, b',');
    let cols = MessageColumns::find(&Columns::new(&rd.headers().map_err(|e| csv_error(place, &e))?.clone()), place)?;
    let mut rec = csv::StringRecord::new();
    let mut rows = 0u64;
    while rd.read_record(&mut rec).map_err(|e| csv_error(place, &e))? {
        rows += 1;
        let (line, byte) = rec.position().map(|p| (p.line() as usize, p.byte())).unwrap_or((0, 0));
        w.done(byte.min(total))?;
        match row(&rec, &cols, w.now()) {
            Row::Message(m) => write(&m, w)?,
            Row::NotEngagement => w.log().not_engagement += 1,
            Row::Unknown(kind) => w.log().unknown_subtype(&kind),
            Row::Bad(column, message) => w.log().problem(RowProblem {
                file: place.to_owned(),
                unit: Unit::Line,
                number: line,
                column: Some(column.to_owned()),
                message,
            }),
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

/// Writes a message: its sender, its community, the post or reply, and a
/// mention per `[[user:ID]]` in its text.
fn write(m: &Message, w: &mut dyn ActivitySink) -> Result<(), ActivityError> {
    if m.sender_email.is_some() || m.sender_name.is_some() {
        w.member(&Member { source_id: m.from, name: m.sender_name, email: m.sender_email, bot: false })?;
    }
    let channel = m.group.map(|(id, name)| w.channel(id, name, false)).transpose()?;
    let key = event_key(&[b"engage", m.id.as_bytes()]);
    let parent = m.replied_to.map(|p| event_key(&[b"engage", p.as_bytes()]));
    let message = NewEvent {
        kind: if parent.is_some() { EventKind::Reply } else { EventKind::Post },
        at: m.at,
        actor: m.from,
        channel,
        key,
        parent,
        target: None, // the replied-to message's sender, filled in once all messages are in
        deleted: m.deleted,
        excerpt: m.text,
    };
    w.event(&message)?;
    if let (Some(text), false) = (m.text, m.deleted) {
        for target in mentions(text) {
            let key = event_key(&[b"engage-mention", m.id.as_bytes(), target.as_bytes()]);
            w.event(&message.answer(EventKind::Mention, m.from, key, target))?;
        }
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
