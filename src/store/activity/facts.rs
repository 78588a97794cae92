//! The facts the measures read ([`Facts`]): the rollups loaded into memory
//! in one pass over each table, kept until the data changes.

use std::cell::{Cell, RefCell};
use std::sync::Arc;

use rusqlite::Connection;

use super::packed;
use crate::activity::facts::{
    AccountFact, ChannelFact, ChannelMonth, DayFact, Facts, ReplyFact, Subject, ToolFact, WaveFact, WaveUnit,
};
use crate::activity::{Resolution, ToolKind, month_start};
use crate::directory::PersonId;
use crate::store::{Db, StoreError};
use crate::text::FastMap;

/// The facts the measures read, loaded once and kept until the data changes
/// (this connection's writes mark it stale; another process's commits show
/// in `PRAGMA data_version`).
#[derive(Debug, Default)]
pub(crate) struct FactsCache {
    facts: RefCell<Option<(i64, Arc<Facts>)>>,
    stale: Cell<bool>,
}

impl FactsCache {
    pub(crate) fn mark_stale(&self) {
        self.stale.set(true);
    }

    fn get(&self, conn: &Connection) -> Result<Arc<Facts>, StoreError> {
        let version: i64 = conn.pragma_query_value(None, "data_version", |r| r.get(0))?;
        if let Some((v, f)) = &*self.facts.borrow()
            && *v == version
            && !self.stale.get()
        {
            return Ok(f.clone());
        }
        let facts = Arc::new(load_facts(conn)?);
        *self.facts.borrow_mut() = Some((version, facts.clone()));
        self.stale.set(false);
        Ok(facts)
    }
}

impl Db {
    /// The activity facts, loaded on first use and after any change.
    pub fn facts(&self) -> Result<Arc<Facts>, StoreError> {
        self.facts.get(&self.conn)
    }
}

fn names(c: &Connection, sql: &str) -> Result<(Vec<String>, FastMap<i64, u32>), StoreError> {
    let mut names = Vec::new();
    let mut index = FastMap::default();
    let mut st = c.prepare(sql)?;
    for row in st.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
        let (id, name) = row?;
        index.insert(id, names.len() as u32);
        names.push(name);
    }
    Ok((names, index))
}

/// Reads the rollups into [`Facts`]: one pass over each table, no joins.
fn load_facts(c: &Connection) -> Result<Facts, StoreError> {
    let mut f = Facts::default();
    let mut tool_index: FastMap<i64, u16> = FastMap::default();
    {
        let mut st = c.prepare("SELECT id, name, kind, rollout_date FROM tools ORDER BY name")?;
        for row in st.query_map([], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, Option<String>>(3)?))
        })? {
            let (id, name, kind, rollout) = row?;
            tool_index.insert(id, f.tools.len() as u16);
            let rollout = rollout.and_then(|d| d.parse::<chrono::NaiveDate>().ok()).map(crate::activity::day_of_date);
            f.tools.push(ToolFact {
                id,
                name,
                kind: ToolKind::parse(&kind).unwrap_or(ToolKind::Other),
                rollout,
                waves: Vec::new(),
            });
        }
    }
    let (departments, dept_ix) = names(c, "SELECT id, name FROM departments ORDER BY name")?;
    let (locations, loc_ix) = names(c, "SELECT id, name FROM locations ORDER BY name")?;
    // A team name two departments share is shown with its department.
    let (teams, team_ix) = names(
        c,
        "SELECT t.id, iif((SELECT count(*) FROM teams u WHERE u.name = t.name) > 1, \
           t.name || ' (' || ifnull(d.name, '-') || ')', t.name) \
         FROM teams t LEFT JOIN departments d ON d.id = t.department_id ORDER BY 2",
    )?;
    {
        let mut st =
            c.prepare("SELECT tool_id, department_id, location_id, date FROM rollout_waves ORDER BY date, id")?;
        for row in st.query_map([], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, Option<i64>>(1)?, r.get::<_, Option<i64>>(2)?, r.get::<_, String>(3)?))
        })? {
            let (tool, dept, loc, date) = row?;
            let Some(&t) = tool_index.get(&tool) else { continue };
            let Ok(date) = date.parse::<chrono::NaiveDate>() else { continue };
            let day = crate::activity::day_of_date(date);
            let wave = match (dept.and_then(|d| dept_ix.get(&d)), loc.and_then(|l| loc_ix.get(&l))) {
                (Some(&index), _) => WaveFact { unit: WaveUnit::Department, index, day },
                (None, Some(&index)) => WaveFact { unit: WaveUnit::Location, index, day },
                _ => continue,
            };
            f.tools[t as usize].waves.push(wave);
        }
    }
    f.departments = departments;
    f.locations = locations;
    f.teams = teams;
    let mut person_ix: FastMap<PersonId, u32> = FastMap::default();
    {
        let mut st = c.prepare("SELECT id, full_name, department_id, location_id, team_id FROM people ORDER BY id")?;
        for row in st.query_map([], |r| {
            Ok((
                r.get::<_, PersonId>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<i64>>(2)?,
                r.get::<_, Option<i64>>(3)?,
                r.get::<_, Option<i64>>(4)?,
            ))
        })? {
            let (id, name, d, l, t) = row?;
            person_ix.insert(id, f.subjects.len() as u32);
            f.subjects.push(Subject {
                person_id: Some(id),
                account_id: None,
                name,
                department: d.and_then(|d| dept_ix.get(&d).copied()),
                location: l.and_then(|l| loc_ix.get(&l).copied()),
                team: t.and_then(|t| team_ix.get(&t).copied()),
            });
        }
    }
    f.people = f.subjects.len() as u32;
    // Each counted account: (subject, tool). Ignored accounts and bots: none.
    let mut actor_ix: FastMap<i64, (u32, u16)> = FastMap::default();
    {
        let mut st =
            c.prepare("SELECT id, tool_id, person_id, resolution, ifnull(name, source_id), first_at FROM actors")?;
        for row in st.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, Option<PersonId>>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<i64>>(5)?,
            ))
        })? {
            let (id, tool, person, resolution, name, first_at) = row?;
            if resolution.as_deref().and_then(Resolution::parse).is_some_and(Resolution::excluded) {
                continue;
            }
            let Some(&tool) = tool_index.get(&tool) else { continue };
            let subject = match person.and_then(|p| person_ix.get(&p).copied()) {
                Some(s) => s,
                None => {
                    f.subjects.push(Subject {
                        person_id: None,
                        account_id: Some(id),
                        name,
                        department: None,
                        location: None,
                        team: None,
                    });
                    f.subjects.len() as u32 - 1
                }
            };
            actor_ix.insert(id, (subject, tool));
            f.actor_subjects.push((id, subject));
            f.accounts.push(AccountFact { subject, tool, first_at });
        }
    }
    {
        let mut st = c.prepare("SELECT actor_id, month, days FROM activity_months")?;
        let mut rows = st.query([])?;
        // Rows come in key order, actor by actor: look each actor up once.
        let mut last: (i64, Option<(u32, u16)>) = (i64::MIN, None);
        while let Some(r) = rows.next()? {
            let actor: i64 = r.get(0)?;
            if actor != last.0 {
                last = (actor, actor_ix.get(&actor).copied());
            }
            let Some((subject, tool)) = last.1 else { continue };
            let start = month_start(r.get(1)?);
            let days = r.get_ref(2)?.as_blob().map_err(rusqlite::Error::from)?;
            let days = packed::decode_days(days)
                .ok_or_else(|| StoreError::Conflict(format!("account #{actor}: a month's days are not packed days")))?;
            f.days.extend(days.into_iter().map(|(d, counts)| DayFact {
                day: start + i32::from(d),
                subject,
                tool,
                counts,
            }));
        }
    }
    {
        let mut st = c.prepare("SELECT actor_id, day, seconds FROM first_replies")?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            let Some(&(subject, tool)) = actor_ix.get(&r.get::<_, i64>(0)?) else { continue };
            let seconds: i64 = r.get(2)?;
            f.replies.push(ReplyFact {
                day: r.get(1)?,
                subject,
                tool,
                seconds: seconds.clamp(0, u32::MAX as i64) as u32,
            });
        }
    }
    let mut channel_ix: FastMap<i64, u32> = FastMap::default();
    {
        let mut st = c.prepare("SELECT id, tool_id, name FROM channels ORDER BY name")?;
        for row in st.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, String>(2)?)))? {
            let (id, tool, name) = row?;
            let Some(&tool) = tool_index.get(&tool) else { continue };
            channel_ix.insert(id, f.channels.len() as u32);
            f.channels.push(ChannelFact { id, tool, name });
        }
    }
    {
        let mut st = c.prepare("SELECT actor_id, year, channels FROM actor_channels")?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            let actor: i64 = r.get(0)?;
            let Some(&(subject, _)) = actor_ix.get(&actor) else { continue };
            let year: i32 = r.get(1)?;
            let channels = packed::decode_channels(r.get_ref(2)?.as_blob().map_err(rusqlite::Error::from)?)
                .ok_or_else(|| StoreError::Conflict(format!("account #{actor}: a year's channels are not packed")))?;
            for (id, bits) in channels {
                let Some(&channel) = channel_ix.get(&id) else { continue };
                for m in (0..12).filter(|m| bits & (1 << m) != 0) {
                    f.channel_months.push(ChannelMonth { channel, month: (year - 1970) * 12 + m, subject });
                }
            }
        }
    }
    Ok(f.seal())
}
