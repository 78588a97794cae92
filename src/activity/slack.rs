//! Slack workspace exports: `users.json` (members), `channels.json`,
//! `groups.json`, `mpims.json` and `dms.json` (conversations), and one
//! `<conversation>/<YYYY-MM-DD>.json` array of messages per day.
//!
//! A message becomes a post, or a reply when its `thread_ts` names another
//! message; each user in its `reactions` makes a reaction, and each `<@U…>`
//! in its text a mention (of someone else: a mention of oneself is not one).
//! Joins, leaves, topic changes and bot messages — a `bot_message` subtype,
//! a `bot_id`, or a member flagged `is_bot` — are not engagement; subtypes
//! Chorus does not know are counted and reported. A member with no real
//! name is named by their handle (`name`).

use std::borrow::Cow;

use serde::Deserialize;

use super::source::{Entry, Export};
use super::{ActivityError, ActivitySink, EventKind, Member, NewEvent, event_key, time};
use crate::file::{RowProblem, Unit};

/// Subtypes that are people taking part.
const ENGAGEMENT: &[&str] = &["thread_broadcast", "reply_broadcast", "file_share", "me_message", "file_comment"];

/// Subtypes that are housekeeping, not engagement.
const HOUSEKEEPING: &[&str] = &[
    "bot_message",
    "bot_add",
    "bot_remove",
    "bot_enable",
    "bot_disable",
    "channel_join",
    "channel_leave",
    "channel_topic",
    "channel_purpose",
    "channel_name",
    "channel_archive",
    "channel_unarchive",
    "channel_convert_to_private",
    "channel_convert_to_public",
    "channel_posting_permissions",
    "group_join",
    "group_leave",
    "group_topic",
    "group_purpose",
    "group_name",
    "group_archive",
    "group_unarchive",
    "pinned_item",
    "unpinned_item",
    "reminder_add",
    "reminder_delete",
    "slackbot_response",
    "tombstone",
    "joiner_notification",
    "joiner_notification_for_inviter",
    "app_conversation_join",
    "app_conversation_leave",
    "sh_room_created",
    "huddle_thread",
    "message_changed",
    "message_deleted",
    "ekm_access_denied",
];

#[derive(Deserialize)]
struct User<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
    #[serde(default, borrow)]
    name: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    real_name: Option<Cow<'a, str>>,
    #[serde(default)]
    is_bot: bool,
    #[serde(default, borrow)]
    profile: Option<Profile<'a>>,
}

#[derive(Deserialize)]
struct Profile<'a> {
    #[serde(default, borrow)]
    email: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    real_name: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
struct Conversation<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
    #[serde(default, borrow)]
    name: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
struct Message<'a> {
    #[serde(default, borrow)]
    subtype: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    user: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    ts: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    thread_ts: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    parent_user_id: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    text: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    reactions: Vec<Reaction<'a>>,
    /// Set on messages an app or bot posted, with or without a user.
    #[serde(default, borrow)]
    bot_id: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
struct Reaction<'a> {
    #[serde(borrow)]
    name: Cow<'a, str>,
    #[serde(default, borrow)]
    users: Vec<Cow<'a, str>>,
    #[serde(default)]
    count: u64,
}

fn json_error(file: String, e: &serde_json::Error) -> ActivityError {
    crate::file::FileError::json(&file, e).into()
}

/// Reads a Slack export into the writer.
pub fn read(export: &mut Export, w: &mut dyn ActivitySink) -> Result<(), ActivityError> {
    let Some(users) = export.find("users.json").cloned() else {
        return Err(ActivityError::NotAnExport {
            file: export.label.clone(),
            what: "Slack export",
            reason: "it has no users.json (a Slack export holds users.json, channels.json and one folder per channel)"
                .into(),
        });
    };
    let bytes = export.read(&users)?;
    let list: Vec<User> = serde_json::from_slice(&bytes).map_err(|e| json_error(export.place(&users), &e))?;
    let mut bots = std::collections::HashSet::new();
    for u in &list {
        let name = u
            .real_name
            .as_deref()
            .or(u.profile.as_ref().and_then(|p| p.real_name.as_deref()))
            .filter(|n| !n.trim().is_empty())
            .or(u.name.as_deref());
        let email = u.profile.as_ref().and_then(|p| p.email.as_deref());
        // USLACKBOT is Slack's own bot but is not flagged is_bot.
        let bot = u.is_bot || u.id == "USLACKBOT";
        if bot {
            bots.insert(u.id.to_string());
        }
        w.member(&Member { source_id: &u.id, name, email, bot })?;
    }
    drop(list);
    // Folder name → (conversation id, name, private).
    let mut folders: Vec<(String, String, String, bool)> = Vec::new();
    for (file, private, folder_is_id) in [
        ("channels.json", false, false),
        ("groups.json", true, false),
        ("mpims.json", true, false),
        ("dms.json", true, true),
    ] {
        let Some(entry) = export.find(file).cloned() else { continue };
        let bytes = export.read(&entry)?;
        let list: Vec<Conversation> =
            serde_json::from_slice(&bytes).map_err(|e| json_error(export.place(&entry), &e))?;
        for c in list {
            let name = c.name.as_deref().unwrap_or(&c.id).to_owned();
            let folder = if folder_is_id { c.id.to_string() } else { name.clone() };
            let label = if file == "dms.json" { "direct messages".to_owned() } else { name };
            folders.push((folder, c.id.into_owned(), label, private));
        }
    }
    let days: Vec<Entry> = export.entries.iter().filter(|e| is_day_file(&e.name)).cloned().collect();
    if days.is_empty() {
        w.log().warning(RowProblem {
            file: export.label.clone(),
            unit: Unit::Entry,
            number: 0,
            column: None,
            message: "the export holds no messages; only its members were read".into(),
        });
    }
    for (i, entry) in days.iter().enumerate() {
        w.done(i as u64)?;
        let folder = entry.name.rsplit_once('/').map(|(f, _)| f).unwrap_or("");
        let channel = match folders.iter().find(|(f, ..)| f == folder) {
            Some((_, id, name, private)) => w.channel(id, name, *private)?,
            // A folder no conversation list names: still a conversation.
            None => w.channel(folder, folder, false)?,
        };
        let conversation = folders.iter().find(|(f, ..)| f == folder).map(|(_, id, ..)| id.as_str()).unwrap_or(folder);
        let conversation = conversation.to_owned();
        let bytes = export.read(entry)?;
        let place = export.place(entry);
        day_file(&bytes, &place, &conversation, channel, &bots, w)?;
    }
    w.done(days.len() as u64)?;
    Ok(())
}

/// `general/2024-01-02.json`.
fn is_day_file(name: &str) -> bool {
    let Some((folder, file)) = name.rsplit_once('/') else { return false };
    let b = file.as_bytes();
    !folder.is_empty()
        && b.len() == 15
        && file.ends_with(".json")
        && b[4] == b'-'
        && b[7] == b'-'
        && b[..4].iter().chain(&b[5..7]).chain(&b[8..10]).all(u8::is_ascii_digit)
}

/// Counts the messages (or events) of an export, for benchmarks and progress.
pub fn count_day_files(export: &Export) -> usize {
    export.entries.iter().filter(|e| is_day_file(&e.name)).count()
}

fn day_file(
    bytes: &[u8],
    place: &str,
    conversation: &str,
    channel: i64,
    bots: &Bots,
    w: &mut dyn ActivitySink,
) -> Result<(), ActivityError> {
    let messages: Vec<Message> = match serde_json::from_slice(bytes) {
        Ok(m) => m,
        Err(e) if e.is_syntax() || e.is_eof() => return Err(json_error(place.to_owned(), &e)),
        Err(_) => {
            // Valid JSON of an unexpected shape: find the entries at fault and keep the rest.
            let values: Vec<serde_json::Value> =
                serde_json::from_slice(bytes).map_err(|e| json_error(place.to_owned(), &e))?;
            let mut good = Vec::with_capacity(values.len());
            for (i, v) in values.iter().enumerate() {
                match Message::deserialize(v) {
                    Ok(m) => good.push(owned(m)),
                    Err(e) => {
                        w.log().problem(problem(place, i + 1, None, format!("not a Slack message: {e}")));
                        good.push(None);
                    }
                }
            }
            for (i, m) in good.into_iter().enumerate() {
                if let Some(m) = m {
                    message(&m.borrowed(), i + 1, place, conversation, channel, bots, w)?;
                }
            }
            return Ok(());
        }
    };
    for (i, m) in messages.iter().enumerate() {
        message(m, i + 1, place, conversation, channel, bots, w)?;
    }
    Ok(())
}

fn problem(place: &str, number: usize, column: Option<&str>, message: String) -> RowProblem {
    RowProblem { file: place.to_owned(), unit: Unit::Entry, number, column: column.map(str::to_owned), message }
}

/// What a message of a day file is.
enum Checked<'m> {
    /// People taking part: who, the message's own `ts`, and its time.
    Engagement {
        user: &'m str,
        ts: &'m str,
        at: i64,
    },
    /// Joins, leaves, topic changes, integrations.
    NotEngagement,
    Unknown(&'m str),
    /// The field at fault and what is wrong.
    Bad(&'static str, String),
}

/// The members flagged as bots, by id.
type Bots = std::collections::HashSet<String>;

fn check<'m>(m: &'m Message, now: i64, bots: &Bots) -> Checked<'m> {
    match m.subtype.as_deref() {
        None => {}
        Some(s) if ENGAGEMENT.contains(&s) => {}
        Some(s) if HOUSEKEEPING.contains(&s) => return Checked::NotEngagement,
        Some(s) => return Checked::Unknown(s),
    }
    // Integrations post with a bot_id, with or without a user; a bot
    // member's messages are the bot's too.
    let Some(user) = m.user.as_deref().filter(|u| !u.is_empty()) else { return Checked::NotEngagement };
    if m.bot_id.is_some() || bots.contains(user) {
        return Checked::NotEngagement;
    }
    let Some(ts) = m.ts.as_deref() else { return Checked::Bad("ts", "the message has no ts (time)".into()) };
    match time::parse(ts, None).and_then(|at| time::check(at, now).map(|_| at)) {
        Ok(at) => Checked::Engagement { user, ts, at },
        Err(e) => Checked::Bad("ts", e),
    }
}

/// One message: the post or reply, a reaction per user of each reaction,
/// a mention per `<@U…>`.
fn message(
    m: &Message,
    number: usize,
    place: &str,
    conversation: &str,
    channel: i64,
    bots: &Bots,
    w: &mut dyn ActivitySink,
) -> Result<(), ActivityError> {
    let (user, ts, at) = match check(m, w.now(), bots) {
        Checked::Engagement { user, ts, at } => (user, ts, at),
        Checked::NotEngagement => {
            w.log().not_engagement += 1;
            return Ok(());
        }
        Checked::Unknown(s) => {
            w.log().unknown_subtype(s);
            return Ok(());
        }
        Checked::Bad(field, e) => {
            w.log().problem(problem(place, number, Some(field), e));
            return Ok(());
        }
    };
    let key = event_key(&[b"slack", conversation.as_bytes(), ts.as_bytes()]);
    let parent = m.thread_ts.as_deref().filter(|t| *t != ts);
    let (kind, parent_key) = match parent {
        Some(t) => (EventKind::Reply, Some(event_key(&[b"slack", conversation.as_bytes(), t.as_bytes()]))),
        None => (EventKind::Post, None),
    };
    let message = NewEvent {
        kind,
        at,
        actor: user,
        channel: Some(channel),
        key,
        parent: parent_key,
        target: if parent.is_some() { m.parent_user_id.as_deref() } else { None },
        deleted: false,
        excerpt: m.text.as_deref(),
    };
    w.event(&message)?;
    for r in &m.reactions {
        if (r.count as usize) > r.users.len() {
            // Slack lists at most 50 users per reaction; only those are counted.
            w.log().warning(problem(
                place,
                number,
                Some("reactions"),
                format!("{} :{}: reactions, {} named; only the named ones are counted", r.count, r.name, r.users.len()),
            ));
        }
        for u in &r.users {
            let key = event_key(&[
                b"slack-reaction",
                conversation.as_bytes(),
                ts.as_bytes(),
                r.name.as_bytes(),
                u.as_bytes(),
            ]);
            w.event(&message.answer(EventKind::Reaction, u, key, user))?;
        }
    }
    if let Some(text) = m.text.as_deref() {
        for target in mentions(text) {
            let key = event_key(&[b"slack-mention", conversation.as_bytes(), ts.as_bytes(), target.as_bytes()]);
            w.event(&message.answer(EventKind::Mention, user, key, target))?;
        }
    }
    Ok(())
}

/// The user ids mentioned as `<@U123>` or `<@U123|name>`, each once.
pub fn mentions(text: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("<@") {
        rest = &rest[i + 2..];
        let end = rest.find(['>', '|']).unwrap_or(rest.len());
        let id = &rest[..end];
        if !id.is_empty() && id.len() <= 32 && id.bytes().all(|b| b.is_ascii_alphanumeric()) && !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

/// An owned copy of a message, for the slow path.
struct OwnedMessage {
    subtype: Option<String>,
    user: Option<String>,
    ts: Option<String>,
    thread_ts: Option<String>,
    parent_user_id: Option<String>,
    text: Option<String>,
    reactions: Vec<(String, Vec<String>, u64)>,
    bot_id: Option<String>,
}

fn owned(m: Message) -> Option<OwnedMessage> {
    let s = |c: Option<Cow<str>>| c.map(Cow::into_owned);
    Some(OwnedMessage {
        subtype: s(m.subtype),
        user: s(m.user),
        ts: s(m.ts),
        thread_ts: s(m.thread_ts),
        parent_user_id: s(m.parent_user_id),
        text: s(m.text),
        bot_id: s(m.bot_id),
        reactions: m
            .reactions
            .into_iter()
            .map(|r| (r.name.into_owned(), r.users.into_iter().map(Cow::into_owned).collect(), r.count))
            .collect(),
    })
}

impl OwnedMessage {
    fn borrowed(&self) -> Message<'_> {
        fn b(s: &Option<String>) -> Option<Cow<'_, str>> {
            s.as_deref().map(Cow::Borrowed)
        }
        Message {
            subtype: b(&self.subtype),
            user: b(&self.user),
            ts: b(&self.ts),
            thread_ts: b(&self.thread_ts),
            parent_user_id: b(&self.parent_user_id),
            text: b(&self.text),
            bot_id: b(&self.bot_id),
            reactions: self
                .reactions
                .iter()
                .map(|(n, u, c)| Reaction {
                    name: Cow::Borrowed(n),
                    users: u.iter().map(|x| Cow::Borrowed(x.as_str())).collect(),
                    count: *c,
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_mentions() {
        assert_eq!(super::mentions("hi <@U1> and <@U2|bob>, <@U1> again <!here> <#C1>"), vec!["U1", "U2"]);
        assert!(super::mentions("no <@ mention").is_empty());
    }

    #[test]
    fn recognises_day_files() {
        assert!(super::is_day_file("general/2024-01-02.json"));
        assert!(!super::is_day_file("users.json"));
        assert!(!super::is_day_file("general/notes.json"));
    }
}
