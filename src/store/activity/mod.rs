//! Activity in the database: tools, channels, accounts, events and the
//! rollups kept by every import ([`write`]), the review list ([`review`]),
//! and the [`Facts`](crate::activity::Facts) the measures read ([`facts`]).
//! Only model types of [`crate::activity`] cross this boundary.

mod facts;
mod packed;
mod review;
mod tools;
mod write;

pub(crate) use facts::FactsCache;
pub(crate) use packed::each_tie;
pub(in crate::store) use review::people_keys;
pub use write::{ActivityTx, ImportRecord, ToolTarget, Written};
pub(crate) use write::{merge_packed, merge_ties};

#[cfg(test)]
mod tests {
    use rusqlite::Connection;

    use crate::store::{Db, schema};

    /// A database written by the v2 schema (one rollup row per account and
    /// day, per channel, account and year) is packed by the v3 migration with
    /// every count and month kept.
    #[test]
    fn v2_rollups_are_packed_by_the_migration_without_loss() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v2.db");
        {
            let mut conn = Connection::open(&path).unwrap();
            schema::migrations().to_version(&mut conn, 2).unwrap();
            conn.pragma_update(None, "application_id", schema::APPLICATION_ID).unwrap();
            // 2024-02-29 is day 19782, 2024-03-01 day 19783, 2024-03-31 day 19813.
            conn.execute_batch(
                "INSERT INTO tools (id, kind, name, events) VALUES (1, 'slack', 'Slack', 9);
                 INSERT INTO actors (id, tool_id, source_id, name) VALUES (1, 1, 'U1', 'Ann'), (2, 1, 'U2', 'Bo');
                 INSERT INTO channels (id, tool_id, source_id, name) VALUES (5, 1, 'C5', 'general'), (9, 1, 'C9', 'random');
                 INSERT INTO activity_days VALUES (1, 19782, 1, 0, 2, 0, 0), (1, 19783, 0, 1, 0, 0, 0),
                                                  (1, 19813, 3, 0, 0, 1, 0), (2, 19783, 0, 0, 1, 0, 0);
                 INSERT INTO channel_members VALUES (5, 1, 2024, 6), (9, 1, 2024, 4), (5, 2, 2024, 4);",
            )
            .unwrap();
        }
        let db = Db::open(&path).unwrap();
        assert_eq!(db.schema_version().unwrap(), schema::latest_version(), "migrated to the latest");
        let facts = db.facts().unwrap();
        let mut days: Vec<(i32, String, [u32; 5])> =
            facts.days.iter().map(|d| (d.day, facts.subjects[d.subject as usize].name.clone(), d.counts)).collect();
        days.sort();
        assert_eq!(
            days,
            [
                (19782, "Ann".into(), [1, 0, 2, 0, 0]),
                (19783, "Ann".into(), [0, 1, 0, 0, 0]),
                (19783, "Bo".into(), [0, 0, 1, 0, 0]),
                (19813, "Ann".into(), [3, 0, 0, 1, 0]),
            ],
            "every day of every account, across a month boundary"
        );
        // February and March 2024 (bits 1 and 2): months 649 and 650 since 1970.
        let mut months: Vec<(String, i32)> = facts
            .channel_months
            .iter()
            .map(|c| {
                (
                    format!("{}:{}", facts.channels[c.channel as usize].name, facts.subjects[c.subject as usize].name),
                    c.month,
                )
            })
            .collect();
        months.sort();
        assert_eq!(
            months,
            [
                ("general:Ann".into(), 649),
                ("general:Ann".into(), 650),
                ("general:Bo".into(), 650),
                ("random:Ann".into(), 650)
            ]
        );
        let tools = db.tools().unwrap();
        assert_eq!(
            (tools[0].first_day.as_deref(), tools[0].last_day.as_deref()),
            (Some("2024-02-29"), Some("2024-03-31"))
        );
        let accounts = db.accounts(false).unwrap();
        let ann = accounts.iter().find(|a| a.source_id == "U1").unwrap();
        assert_eq!(ann.events, 8, "1 + 2 + 1 + 3 + 1 events of Ann's days");
    }

    /// The demo's "today" may be later than the clock's: its events are then
    /// plausible, but what it records is stamped with the real time.
    #[test]
    fn a_demo_dated_ahead_of_the_clock_is_recorded_at_the_real_time() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.db");
        let now: chrono::DateTime<chrono::Utc> = "2026-11-01T09:00:00Z".parse().unwrap();
        let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let mut db = Db::open(&path).unwrap();
        let opts = crate::demo::DemoOptions { people: 40, seed: 2, as_of, activity: true };
        let summary = crate::app::demo::load_demo(&mut db, opts, now).unwrap();
        assert!(summary.events_added > 0, "events up to the demo's today are accepted");
        let conn = Connection::open(&path).unwrap();
        let latest: String =
            conn.query_row("SELECT max(at) FROM imports WHERE kind = 'activity:demo'", [], |r| r.get(0)).unwrap();
        assert_eq!(latest, "2026-11-01T09:00:00Z", "never a stamp in the future");
    }
}
