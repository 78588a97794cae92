//! The generic events CSV: one row per event, for any tool Chorus has no
//! reader of its own for. Columns are recognised by name (see [`FIELDS`]) or
//! mapped with `COLUMN=FIELD`; `time`, `actor` and `kind` are required.
//! Without an `id` column, an event's identity is the row's mapped values,
//! so reading the same file twice still adds nothing.

use std::io::Read;

use chrono_tz::Tz;

use super::engage::csv_reader;
use super::{ActivityError, ActivitySink, EventKind, Member, NewEvent, event_key, time};
use crate::file::FileError;
use crate::file::{RowProblem, Unit};

/// Each field and the column names it is recognised by.
pub const FIELDS: &[(&str, &[&str])] = &[
    ("time", &["time", "timestamp", "date", "datetime", "created_at", "created", "when", "event_time"]),
    ("actor", &["actor", "actor_id", "user", "user_id", "sender", "sender_id", "author", "author_id", "person"]),
    ("actor_email", &["actor_email", "email", "user_email", "sender_email", "author_email"]),
    ("actor_name", &["actor_name", "name", "user_name", "sender_name", "author_name", "display_name"]),
    ("kind", &["kind", "type", "event", "event_type", "action", "activity"]),
    ("id", &["id", "event_id", "message_id", "post_id"]),
    ("channel", &["channel", "channel_name", "group", "group_name", "community", "space"]),
    ("parent", &["parent", "parent_id", "replied_to_id", "reply_to", "in_reply_to"]),
    ("target", &["target", "target_user", "to", "recipient", "addressee"]),
    ("text", &["text", "body", "message", "content", "excerpt"]),
];

fn norm(s: &str) -> String {
    s.trim_start_matches('\u{feff}').trim().to_ascii_lowercase().replace([' ', '-'], "_")
}

/// Which column feeds each field (by the order of [`FIELDS`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventMapping {
    pub columns: [Option<usize>; 10],
}

impl EventMapping {
    pub fn detect(headers: &[String], overrides: &[(String, Option<String>)]) -> Result<EventMapping, String> {
        let mut columns = [None; 10];
        let normed: Vec<String> = headers.iter().map(|h| norm(h)).collect();
        for (f, (_, names)) in FIELDS.iter().enumerate() {
            columns[f] = names.iter().find_map(|n| normed.iter().position(|h| h == n));
        }
        for (column, field) in overrides {
            let Some(c) = normed.iter().position(|h| *h == norm(column)) else {
                return Err(format!(
                    "--map {column}=…: no column {column:?}; columns: {}",
                    crate::text::list_columns(headers, false)
                ));
            };
            for slot in columns.iter_mut() {
                if *slot == Some(c) {
                    *slot = None;
                }
            }
            if let Some(field) = field {
                let Some(f) = FIELDS.iter().position(|(n, _)| n == field) else {
                    let names: Vec<_> = FIELDS.iter().map(|(n, _)| *n).collect();
                    return Err(format!("--map {column}={field}: no field {field:?}; fields: {}", names.join(", ")));
                };
                columns[f] = Some(c);
            }
        }
        Ok(EventMapping { columns })
    }

    /// Whether the columns found give what every event needs: a time, an
    /// actor (or their e-mail) and a kind.
    pub fn fits(&self) -> bool {
        self.get("time").is_some()
            && (self.get("actor").is_some() || self.get("actor_email").is_some())
            && self.get("kind").is_some()
    }

    fn get(&self, field: &str) -> Option<usize> {
        FIELDS.iter().position(|(n, _)| *n == field).and_then(|i| self.columns[i])
    }
}

pub fn read(
    r: &mut dyn Read,
    file: &str,
    total: u64,
    overrides: &[(String, Option<String>)],
    zone: Option<Tz>,
    w: &mut dyn ActivitySink,
) -> Result<(), ActivityError> {
    let mut head = [0u8; 4096];
    let n = read_full(r, &mut head).map_err(|source| ActivityError::from(FileError::io(file, source)))?;
    let sniff = String::from_utf8_lossy(&head[..n]);
    let delimiter = crate::file::decode::sniff_delimiter(&sniff);
    let mut chained: Box<dyn Read + '_> = Box::new(std::io::Read::chain(&head[..n], r));
    let mut rd = csv_reader(&mut *chained, delimiter);
    let csv_err = |e: &csv::Error| ActivityError::from(FileError::csv(file, e, 0));
    let headers: Vec<String> = rd.headers().map_err(|e| csv_err(&e))?.iter().map(str::to_owned).collect();
    if headers.iter().all(|h| h.trim().is_empty()) {
        return Err(ActivityError::NotAnExport {
            file: file.to_owned(),
            what: "events CSV",
            reason: "the file is empty".into(),
        });
    }
    let map = EventMapping::detect(&headers, overrides).map_err(ActivityError::Invalid)?;
    let need = |f: &str| {
        map.get(f).ok_or_else(|| ActivityError::MissingColumn {
            file: file.to_owned(),
            what: format!("{f} (name it with --map COLUMN={f})"),
            found: crate::text::list_columns(&headers, false),
        })
    };
    let cols = Cols {
        time: need("time")?,
        kind: need("kind")?,
        actor: map.get("actor").or(map.get("actor_email")).map(Ok).unwrap_or_else(|| need("actor"))?,
        email: map.get("actor_email"),
        name: map.get("actor_name"),
        id: map.get("id"),
        channel: map.get("channel"),
        parent: map.get("parent"),
        target: map.get("target"),
        text: map.get("text"),
    };
    let mut rec = csv::ByteRecord::new();
    let mut rows = 0u64;
    let mut members: crate::text::FastSet<String> = Default::default();
    while rd.read_byte_record(&mut rec).map_err(|e| csv_err(&e))? {
        rows += 1;
        let (line, byte) = rec.position().map(|p| (p.line(), p.byte())).unwrap_or((0, 0));
        if rows.is_multiple_of(4096) {
            w.done(byte.min(total))?;
        }
        match row(&rec, &cols, zone, w.now()) {
            Ok(row) => write(&row, &mut members, w)?,
            Err((col, message)) => w.log().problem(RowProblem {
                file: file.to_owned(),
                unit: Unit::Line,
                number: line as usize,
                column: Some(headers[col].clone()),
                message,
            }),
        }
    }
    if rows == 0 {
        w.log().warning(RowProblem {
            file: file.to_owned(),
            unit: Unit::Line,
            number: 1,
            column: None,
            message: "the file has a header row but no events".into(),
        });
    }
    w.done(total)?;
    Ok(())
}

/// The column of each field.
struct Cols {
    time: usize,
    kind: usize,
    actor: usize,
    email: Option<usize>,
    name: Option<usize>,
    id: Option<usize>,
    channel: Option<usize>,
    parent: Option<usize>,
    target: Option<usize>,
    text: Option<usize>,
}

/// One row, checked.
struct Row<'r> {
    /// The time as written (part of the identity of an event without id).
    time: &'r str,
    at: i64,
    kind: EventKind,
    actor: &'r str,
    email: Option<&'r str>,
    name: Option<&'r str>,
    id: Option<&'r str>,
    channel: Option<&'r str>,
    parent: Option<&'r str>,
    target: Option<&'r str>,
    text: Option<&'r str>,
}

/// Checks a row; a problem names its column (by position) and what is wrong.
fn row<'r>(rec: &'r csv::ByteRecord, c: &Cols, zone: Option<Tz>, now: i64) -> Result<Row<'r>, (usize, String)> {
    let cell = |i: Option<usize>| -> Result<Option<&'r str>, (usize, String)> {
        let Some((i, b)) = i.and_then(|i| rec.get(i).map(|b| (i, b))) else { return Ok(None) };
        let s = std::str::from_utf8(b).map_err(|_| (i, "not valid UTF-8 text".to_owned()))?;
        Ok(Some(s.trim()).filter(|s| !s.is_empty()))
    };
    let (time, kind, actor) = (cell(Some(c.time))?, cell(Some(c.kind))?, cell(Some(c.actor))?);
    let (id, channel, parent, target) = (cell(c.id)?, cell(c.channel)?, cell(c.parent)?, cell(c.target)?);
    let actor = actor.ok_or((c.actor, "no actor given".to_owned()))?;
    let kind = match kind {
        None => return Err((c.kind, "no kind given".into())),
        Some(k) => EventKind::parse(k)
            .ok_or_else(|| (c.kind, format!("{k:?} is not an event kind (post, reply, reaction, mention, share)")))?,
    };
    let time = time.ok_or((c.time, "no time given".to_owned()))?;
    let at = time::parse_fast(time, zone).and_then(|at| time::check(at, now).map(|_| at)).map_err(|e| (c.time, e))?;
    let lenient = |i| cell(i).ok().flatten();
    Ok(Row {
        time,
        at,
        kind,
        actor,
        email: lenient(c.email),
        name: lenient(c.name),
        id,
        channel,
        parent,
        target,
        text: lenient(c.text),
    })
}

/// Writes a checked row: its sender (once), its channel, the event.
fn write(r: &Row, members: &mut crate::text::FastSet<String>, w: &mut dyn ActivitySink) -> Result<(), ActivityError> {
    if (r.email.is_some() || r.name.is_some()) && !members.contains(r.actor) {
        let email = r.email.or(crate::text::looks_like_email(r.actor).then_some(r.actor));
        w.member(&Member { source_id: r.actor, name: r.name, email, bot: false })?;
        members.insert(r.actor.to_owned());
    }
    let channel = r.channel.map(|c| w.channel(c, c, false)).transpose()?;
    // Without an id, the row's values are its identity (the channel by its
    // stored id, as keys were always made).
    let key = match r.id {
        Some(id) => event_key(&[b"events", id.as_bytes()]),
        None => event_key(&[
            b"events-row",
            r.time.as_bytes(),
            r.actor.as_bytes(),
            r.kind.as_str().as_bytes(),
            channel.map(|c| c.to_le_bytes()).unwrap_or_default().as_slice(),
            r.parent.unwrap_or("").as_bytes(),
            r.target.unwrap_or("").as_bytes(),
        ]),
    };
    w.event(&NewEvent {
        kind: r.kind,
        at: r.at,
        actor: r.actor,
        channel,
        key,
        parent: r.parent.map(|p| event_key(&[b"events", p.as_bytes()])),
        target: r.target,
        deleted: false,
        excerpt: r.text,
    })
}

fn read_full(r: &mut dyn Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_columns_and_takes_overrides() {
        let h: Vec<String> = ["Timestamp", "User", "Event Type", "Channel", "Note"].map(String::from).to_vec();
        let m = EventMapping::detect(&h, &[]).unwrap();
        assert_eq!(
            (m.get("time"), m.get("actor"), m.get("kind"), m.get("channel")),
            (Some(0), Some(1), Some(2), Some(3))
        );
        let m = EventMapping::detect(&h, &[("Note".into(), Some("text".into())), ("Channel".into(), None)]).unwrap();
        assert_eq!((m.get("text"), m.get("channel")), (Some(4), None));
        assert!(EventMapping::detect(&h, &[("Nope".into(), Some("text".into()))]).unwrap_err().contains("no column"));
        assert!(EventMapping::detect(&h, &[("Note".into(), Some("colour".into()))]).unwrap_err().contains("no field"));
    }
}
