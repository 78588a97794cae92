//! Tools: finding or creating the one an import writes to, listing them, and
//! their rollout dates.

use rusqlite::{Connection, OptionalExtension, params};

use crate::activity::facts::WaveUnit;
use crate::activity::{Tool, ToolKind, Wave, date_of_day};
use crate::store::{Db, StoreError};

/// Finds or creates the tool an import writes to. A tool keeps the kind it
/// was created with.
pub(super) fn ensure_tool(
    tx: &Connection,
    name: &str,
    kind: ToolKind,
    rollout: Option<chrono::NaiveDate>,
) -> Result<i64, StoreError> {
    let found: Option<(i64, String)> = tx
        .query_row("SELECT id, kind FROM tools WHERE name = ?1", [name], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let id = match found {
        Some((id, k)) if k == kind.as_str() || kind == ToolKind::Other => id,
        Some((_, k)) => {
            return Err(StoreError::Conflict(format!(
                "the tool {name:?} holds {k} activity; import this {} export under another name with --tool",
                kind.as_str()
            )));
        }
        None => {
            tx.execute("INSERT INTO tools (kind, name) VALUES (?1, ?2)", params![kind.as_str(), name])?;
            tx.last_insert_rowid()
        }
    };
    if let Some(d) = rollout {
        tx.execute("UPDATE tools SET rollout_date = ?2 WHERE id = ?1", params![id, d.to_string()])?;
    }
    Ok(id)
}

impl Db {
    /// Every tool, with its accounts, events and active span.
    pub fn tools(&self) -> Result<Vec<Tool>, StoreError> {
        let mut st = self.conn.prepare(
            "SELECT t.id, t.kind, t.name, t.rollout_date, \
               (SELECT count(*) FROM actors a WHERE a.tool_id = t.id), \
               t.events, \
               (SELECT min((SELECT min(first_day) FROM activity_months WHERE actor_id = a.id)) \
                  FROM actors a WHERE a.tool_id = t.id), \
               (SELECT max((SELECT max(last_day) FROM activity_months WHERE actor_id = a.id)) \
                  FROM actors a WHERE a.tool_id = t.id) \
             FROM tools t ORDER BY t.name",
        )?;
        let rows = st.query_map([], |r| {
            let day = |v: Option<i32>| v.map(|d| date_of_day(d).to_string());
            Ok(Tool {
                id: r.get(0)?,
                kind: ToolKind::parse(&r.get::<_, String>(1)?).unwrap_or(ToolKind::Other),
                name: r.get(2)?,
                rollout_date: r.get(3)?,
                accounts: r.get(4)?,
                events: r.get(5)?,
                first_day: day(r.get(6)?),
                last_day: day(r.get(7)?),
                totals: Vec::new(),
                waves: Vec::new(),
            })
        })?;
        let mut tools: Vec<Tool> = rows.collect::<Result<_, _>>()?;
        let mut st = self.conn.prepare(
            "SELECT tool_id, first_day, last_day, population, active, posts, replies, reactions \
             FROM tool_totals ORDER BY tool_id, first_day",
        )?;
        let totals = st.query_map([], |r| {
            let n = |i: usize| r.get::<_, i64>(i).map(|v| v.max(0) as u64);
            Ok((
                r.get::<_, i64>(0)?,
                crate::activity::UsageTotals {
                    first_day: r.get(1)?,
                    last_day: r.get(2)?,
                    population: n(3)?,
                    active: n(4)?,
                    posts: n(5)?,
                    replies: n(6)?,
                    reactions: n(7)?,
                },
            ))
        })?;
        for row in totals {
            let (tool, t) = row?;
            if let Some(tool) = tools.iter_mut().find(|x| x.id == tool) {
                tool.totals.push(t);
            }
        }
        let mut st = self.conn.prepare(
            "SELECT w.tool_id, iif(w.department_id IS NULL, 'location', 'department'), \
               coalesce(d.name, l.name), w.date \
             FROM rollout_waves w LEFT JOIN departments d ON d.id = w.department_id \
               LEFT JOIN locations l ON l.id = w.location_id ORDER BY w.date, 3",
        )?;
        let waves = st.query_map([], |r| {
            let unit = if r.get::<_, String>(1)? == "location" { WaveUnit::Location } else { WaveUnit::Department };
            Ok((r.get::<_, i64>(0)?, Wave { unit, name: r.get(2)?, date: r.get(3)? }))
        })?;
        for row in waves {
            let (tool, w) = row?;
            if let Some(tool) = tools.iter_mut().find(|x| x.id == tool) {
                tool.waves.push(w);
            }
        }
        Ok(tools)
    }

    /// Sets (or, with no date, clears) the date a department or location
    /// received a tool: one wave of a rollout in waves. The department or
    /// location must be in the directory.
    pub fn set_wave(
        &mut self,
        tool: &str,
        unit: WaveUnit,
        name: &str,
        date: Option<chrono::NaiveDate>,
    ) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        let tool_id: i64 = tx
            .query_row("SELECT id FROM tools WHERE name = ?1", [tool], |r| r.get(0))
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("no tool named {tool:?}; see `chorus tools`")))?;
        let (table, column, word) = match unit {
            WaveUnit::Department => ("departments", "department_id", "department"),
            WaveUnit::Location => ("locations", "location_id", "location"),
        };
        let unit_id: i64 = tx
            .query_row(&format!("SELECT id FROM {table} WHERE name = ?1"), [name], |r| r.get(0))
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("no {word} named {name:?} in the directory")))?;
        tx.execute(
            &format!("DELETE FROM rollout_waves WHERE tool_id = ?1 AND {column} = ?2"),
            params![tool_id, unit_id],
        )?;
        if let Some(d) = date {
            tx.execute(
                &format!("INSERT INTO rollout_waves (tool_id, {column}, date) VALUES (?1, ?2, ?3)"),
                params![tool_id, unit_id, d.to_string()],
            )?;
        }
        tx.commit()?;
        self.facts.mark_stale();
        Ok(())
    }

    /// Sets (or clears) a tool's rollout date.
    pub fn set_rollout(&mut self, tool: &str, date: Option<chrono::NaiveDate>) -> Result<(), StoreError> {
        let n = self.conn.execute(
            "UPDATE tools SET rollout_date = ?2 WHERE name = ?1",
            params![tool, date.map(|d| d.to_string())],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound(format!("no tool named {tool:?}; see `chorus tools`")));
        }
        self.facts.mark_stale();
        Ok(())
    }
}
