//! The interactions between accounts, for the network: who replied to,
//! reacted to, mentioned or shared whom. Whole months come from the
//! `tie_years` rollup every import keeps (packed per account and year); only the days of a period's first and last
//! month that it covers in part are counted from the events.

use rusqlite::params;

use super::{Db, StoreError};
use crate::activity::{Interaction, month_of_day, month_start};

impl Db {
    /// Every interaction between days `first` and `last` (inclusive, days
    /// since 1970-01-01), on one tool or all, deleted events left out, handed
    /// to `visit`: the rollup's rows by (from, to, month), then the days of
    /// partly covered months.
    pub fn interactions(
        &self,
        first: i32,
        last: i32,
        tool: Option<i64>,
        mut visit: impl FnMut(Interaction),
    ) -> Result<(), StoreError> {
        if first > last {
            return Ok(());
        }
        let (m0, m1) = (month_of_day(first), month_of_day(last));
        let whole_from = if month_start(m0) == first { m0 } else { m0 + 1 };
        let whole_to = if month_start(m1 + 1) - 1 == last { m1 } else { m1 - 1 };
        if whole_from <= whole_to {
            let mut st = self.conn.prepare(
                "SELECT source_id, year, ties FROM tie_years WHERE year BETWEEN ?1 AND ?2 \
                 AND (?3 IS NULL OR source_id IN (SELECT id FROM actors WHERE tool_id = ?3)) \
                 ORDER BY source_id, year",
            )?;
            let mut rows = st.query(params![whole_from.div_euclid(12), whole_to.div_euclid(12), tool])?;
            while let Some(r) = rows.next()? {
                let (from, year): (i64, i32) = (r.get(0)?, r.get(1)?);
                let bytes = r.get_ref(2)?.as_blob().map_err(rusqlite::Error::from)?;
                super::activity::each_tie(bytes, |to, m, count| {
                    let month = year * 12 + i32::from(m);
                    if (whole_from..=whole_to).contains(&month) {
                        visit(Interaction { from, to, day: month_start(month), month: true, count });
                    }
                })
                .ok_or_else(|| StoreError::Conflict(format!("account #{from}: year {year} is not packed ties")))?;
            }
        }
        // The days outside whole months: at most two stretches.
        let mut stretches = Vec::new();
        if whole_from > whole_to {
            stretches.push((first, last));
        } else {
            if month_start(whole_from) > first {
                stretches.push((first, month_start(whole_from) - 1));
            }
            if month_start(whole_to + 1) <= last {
                stretches.push((month_start(whole_to + 1), last));
            }
        }
        let tools: Vec<i64> = match tool {
            Some(t) => vec![t],
            None => {
                self.conn.prepare("SELECT id FROM tools")?.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?
            }
        };
        // One row per event in the order of the primary key (no GROUP BY:
        // its sort cost more than the caller summing repeated pairs).
        let mut st = self.conn.prepare(
            "SELECT actor_id, target_actor_id, at / 86400 FROM events \
             WHERE tool_id = ?1 AND at BETWEEN ?2 AND ?3 \
             AND target_actor_id IS NOT NULL AND target_actor_id != actor_id AND deleted = 0 \
             AND kind IN (2, 3, 4, 5)",
        )?;
        for (a, b) in stretches {
            for &t in &tools {
                let mut rows = st.query(params![t, i64::from(a) * 86_400, i64::from(b + 1) * 86_400 - 1])?;
                while let Some(r) = rows.next()? {
                    visit(Interaction { from: r.get(0)?, to: r.get(1)?, day: r.get(2)?, month: false, count: 1 });
                }
            }
        }
        Ok(())
    }

    /// Every reporting line: (person, their manager).
    pub fn reporting_lines(&self) -> Result<Vec<(i64, i64)>, StoreError> {
        let mut st = self.conn.prepare("SELECT id, manager_id FROM people WHERE manager_id IS NOT NULL ORDER BY id")?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Survey ties: (respondent, named, weight summed over the questions).
    pub fn survey_ties(&self) -> Result<Vec<(i64, i64, f64)>, StoreError> {
        let mut st = self
            .conn
            .prepare("SELECT respondent_id, named_id, sum(weight) FROM survey_ties GROUP BY 1, 2 ORDER BY 1, 2")?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The directory's keys, for matching people named in a file.
    pub fn people_keys(&self) -> Result<crate::activity::identity::PeopleKeys, StoreError> {
        super::activity::people_keys(&self.conn)
    }

    /// Writes a survey's ties in one transaction with the import's record;
    /// how many were new (a tie read again is kept once).
    pub fn add_survey_ties(
        &mut self,
        ties: &[(i64, i64, String, f64)],
        file: &str,
        sha256: &str,
        rejected: usize,
        at: &str,
    ) -> Result<usize, StoreError> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO imports (kind, file_name, sha256, added, updated, unchanged, rejected, at) \
             VALUES ('survey', ?1, ?2, 0, 0, 0, ?3, ?4)",
            params![file, sha256, rejected as i64, at],
        )?;
        let import = tx.last_insert_rowid();
        let mut added = 0;
        {
            let mut st = tx.prepare(
                "INSERT OR IGNORE INTO survey_ties (respondent_id, named_id, question, weight, import_id) \
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for (a, b, q, w) in ties {
                added += st.execute(params![a, b, q, w, import])?;
            }
        }
        tx.execute(
            "UPDATE imports SET added = ?2, unchanged = ?3 WHERE id = ?1",
            params![import, added as i64, (ties.len() - added) as i64],
        )?;
        tx.commit()?;
        Ok(added)
    }

    /// A stamp that changes whenever what the network is built from changes
    /// (imports, people, reviews, overrides, thresholds): views computed
    /// under one stamp can be kept until it moves.
    pub fn network_stamp(&self) -> Result<String, StoreError> {
        Ok(self.conn.query_row(
            "SELECT (SELECT ifnull(max(id), 0) FROM imports) || '/' || \
                    (SELECT ifnull(max(updated_at), '') FROM people) || '/' || (SELECT count(*) FROM people) || '/' || \
                    (SELECT count(*) || ':' || ifnull(sum(person_id), 0) FROM actors WHERE resolution IS NOT NULL) || '/' || \
                    (SELECT count(*) || ifnull(max(at), '') FROM segment_overrides) || '/' || \
                    (SELECT ifnull(hex(max(value)), '') FROM settings WHERE key = 'segments.thresholds')",
            [],
            |r| r.get(0),
        )?)
    }

    /// The store's id of a tool by its name.
    pub fn tool_id(&self, name: &str) -> Result<Option<i64>, StoreError> {
        use rusqlite::OptionalExtension;
        Ok(self.conn.query_row("SELECT id FROM tools WHERE name = ?1", [name], |r| r.get(0)).optional()?)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    /// The same pairs and counts as a scan of the events, for periods made
    /// of whole months, parts of months, one day and none.
    #[test]
    fn the_rollup_gives_what_the_events_hold() {
        let mut db = Db::open_in_memory().unwrap();
        let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let opts = crate::demo::DemoOptions { people: 150, seed: 9, as_of, activity: true };
        crate::app::demo::load_demo(&mut db, opts, "2026-11-01T09:00:00Z".parse().unwrap()).unwrap();
        let scan = |first: i32, last: i32, tool: Option<i64>| -> BTreeMap<(i64, i64), u32> {
            let mut st = db
                .conn
                .prepare(
                    "SELECT actor_id, target_actor_id, count(*) FROM events WHERE target_actor_id IS NOT NULL \
                     AND target_actor_id != actor_id AND deleted = 0 AND kind IN (2, 3, 4, 5) \
                     AND at BETWEEN ?1 AND ?2 AND (?3 IS NULL OR tool_id = ?3) GROUP BY 1, 2",
                )
                .unwrap();
            let rows = st
                .query_map(params![i64::from(first) * 86_400, i64::from(last + 1) * 86_400 - 1, tool], |r| {
                    Ok(((r.get(0)?, r.get(1)?), r.get(2)?))
                })
                .unwrap();
            rows.map(Result::unwrap).collect()
        };
        let rolled = |first: i32, last: i32, tool: Option<i64>| -> BTreeMap<(i64, i64), u32> {
            let mut m = BTreeMap::new();
            db.interactions(first, last, tool, |it| *m.entry((it.from, it.to)).or_default() += it.count).unwrap();
            m
        };
        let day = |y, m, d| crate::activity::day_of_date(chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap());
        let tools: Vec<i64> = db
            .conn
            .prepare("SELECT id FROM tools")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let periods = [
            (day(2025, 11, 1), day(2026, 10, 31)), // whole months
            (day(2025, 11, 17), day(2026, 10, 3)), // parts at both ends
            (day(2026, 3, 5), day(2026, 3, 20)),   // within one month
            (day(2026, 6, 9), day(2026, 6, 9)),    // one day
            (day(2026, 1, 1), day(2026, 1, 31)),   // one whole month
        ];
        let mut total = 0;
        for (first, last) in periods {
            for tool in std::iter::once(None).chain(tools.iter().copied().map(Some)) {
                let want = scan(first, last, tool);
                assert_eq!(rolled(first, last, tool), want, "{first}..{last} on {tool:?}");
                total += want.len();
            }
        }
        assert!(total > 500, "the demo has interactions to compare: {total}");
        assert!(rolled(10, 5, None).is_empty(), "an empty period");
        // A database from before v5 gets the same rollup from its events.
        let all = |db: &Db| -> Vec<(i64, i32, Vec<u8>)> {
            let mut st = db.conn.prepare("SELECT * FROM tie_years ORDER BY 1, 2").unwrap();
            st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(Result::unwrap).collect()
        };
        let imported = all(&db);
        assert!(!imported.is_empty());
        db.conn.execute_batch("DELETE FROM tie_years").unwrap();
        crate::store::schema::fill_ties(&db.conn).unwrap();
        assert_eq!(all(&db), imported);
    }
}
