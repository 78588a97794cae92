//! The generic events CSV: one row per event, for any tool Chorus has no
//! reader of its own for. Columns are recognised by name (see [`FIELDS`]) or
//! mapped with `COLUMN=FIELD`; `time`, `actor` and `kind` are required.
//! Without an `id` column, an event's identity is the row's mapped values,
//! so reading the same file twice still adds nothing.

use std::io::Read;

use chrono_tz::Tz;

use super::engage::csv_reader;
use super::{ActivityError, EventKind, Member, NewEvent, event_key, time};
use crate::ingest::{RowProblem, Unit};
use crate::store::ActivityWriter;

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
                return Err(format!("--map {column}=…: no column {column:?}; columns: {}", headers.join(", ")));
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
    w: &mut ActivityWriter,
) -> Result<(), ActivityError> {
    let mut head = [0u8; 4096];
    let n = read_full(r, &mut head).map_err(|source| ActivityError::Io { file: file.to_owned(), source })?;
    let sniff = String::from_utf8_lossy(&head[..n]);
    let delimiter = crate::ingest::decode::sniff_delimiter(&sniff);
    let mut chained: Box<dyn Read + '_> = Box::new(std::io::Read::chain(&head[..n], r));
    let mut rd = csv_reader(&mut *chained, delimiter);
    let csv_err = |e: &csv::Error| ActivityError::Csv {
        file: file.to_owned(),
        line: e.position().map(|p| p.line()).unwrap_or(0),
        message: e.to_string(),
    };
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
            found: headers.join(", "),
        })
    };
    let t_col = need("time")?;
    let k_col = need("kind")?;
    let a_col = map.get("actor").or(map.get("actor_email")).map(Ok).unwrap_or_else(|| need("actor"))?;
    let (email_col, name_col, id_col, ch_col, parent_col, target_col, text_col) = (
        map.get("actor_email"),
        map.get("actor_name"),
        map.get("id"),
        map.get("channel"),
        map.get("parent"),
        map.get("target"),
        map.get("text"),
    );
    let mut rec = csv::ByteRecord::new();
    let mut rows = 0u64;
    let mut known_members: crate::text::FastMap<String, ()> = Default::default();
    loop {
        match rd.read_byte_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(csv_err(&e)),
        }
        rows += 1;
        let pos = rec.position().map(|p| (p.line(), p.byte())).unwrap_or((0, 0));
        if rows.is_multiple_of(4096) {
            w.set_done(pos.1.min(total));
        }
        let line = pos.0 as usize;
        let bad = |col: usize, msg: String| RowProblem {
            file: file.to_owned(),
            unit: Unit::Line,
            number: line,
            column: Some(headers[col].clone()),
            message: msg,
        };
        let cell = |i: Option<usize>| -> Result<Option<&str>, usize> {
            match i.and_then(|i| rec.get(i).map(|b| (i, b))) {
                None => Ok(None),
                Some((i, b)) => match std::str::from_utf8(b) {
                    Ok(s) => Ok(Some(s.trim()).filter(|s| !s.is_empty())),
                    Err(_) => Err(i),
                },
            }
        };
        let cells = (|| {
            Ok::<_, usize>((
                cell(Some(t_col))?,
                cell(Some(k_col))?,
                cell(Some(a_col))?,
                cell(id_col)?,
                cell(ch_col)?,
                cell(parent_col)?,
                cell(target_col)?,
            ))
        })();
        let (t, k, actor, id, channel, parent, target) = match cells {
            Ok(c) => c,
            Err(i) => {
                w.report.problem(bad(i, "not valid UTF-8 text".into()));
                continue;
            }
        };
        let Some(actor) = actor else {
            w.report.problem(bad(a_col, "no actor given".into()));
            continue;
        };
        let kind = match k.map(|k| (k, EventKind::parse(k))) {
            Some((_, Some(kind))) => kind,
            Some((k, None)) => {
                w.report
                    .problem(bad(k_col, format!("{k:?} is not an event kind (post, reply, reaction, mention, share)")));
                continue;
            }
            None => {
                w.report.problem(bad(k_col, "no kind given".into()));
                continue;
            }
        };
        let at = match t.ok_or_else(|| "no time given".to_owned()).and_then(|t| {
            let at = time::parse_fast(t, zone)?;
            time::check(at, w.now)?;
            Ok(at)
        }) {
            Ok(at) => at,
            Err(e) => {
                w.report.problem(bad(t_col, e));
                continue;
            }
        };
        if (email_col.is_some() || name_col.is_some()) && !known_members.contains_key(actor) {
            let (email, name) = (cell(email_col).ok().flatten(), cell(name_col).ok().flatten());
            let email = email.or(crate::text::looks_like_email(actor).then_some(actor));
            w.member(&Member { source_id: actor, name, email, bot: false })?;
            known_members.insert(actor.to_owned(), ());
        }
        let channel = channel.map(|c| w.channel(c, c, false)).transpose()?;
        let key = match id {
            Some(id) => event_key(&[b"events", id.as_bytes()]),
            None => event_key(&[
                b"events-row",
                t.unwrap_or("").as_bytes(),
                actor.as_bytes(),
                kind.as_str().as_bytes(),
                channel.map(|c| c.to_le_bytes()).unwrap_or_default().as_slice(),
                parent.unwrap_or("").as_bytes(),
                target.unwrap_or("").as_bytes(),
            ]),
        };
        w.event(&NewEvent {
            kind,
            at,
            actor,
            channel,
            key,
            parent: parent.map(|p| event_key(&[b"events", p.as_bytes()])),
            target,
            deleted: false,
            excerpt: cell(text_col).ok().flatten(),
        })?;
    }
    if rows == 0 {
        w.report.warning(RowProblem {
            file: file.to_owned(),
            unit: Unit::Line,
            number: 1,
            column: None,
            message: "the file has a header row but no events".into(),
        });
    }
    w.set_done(total);
    Ok(())
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
