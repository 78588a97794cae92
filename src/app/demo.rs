//! Loading the demo organisation: the generated people go through the same
//! planner and writer as an imported file, and each tool's generated
//! activity through the same import pipeline as an export.

use chrono::{DateTime, Duration, Utc};

use super::import::{Target, run};
use super::stamp;
use crate::Result;
use crate::activity::ExportFormat;
use crate::activity::facts::WaveUnit;
use crate::demo::{self, DemoOptions, DemoSummary};
use crate::ingest::{Unit, plan, records::Row};
use crate::progress::Watch;
use crate::store::{Db, ToolTarget};

/// Generates the demo organisation (and, when asked, a year of activity)
/// and loads it; loading it again with the same seed adds nothing.
pub fn load_demo(db: &mut Db, opts: DemoOptions, now: DateTime<Utc>) -> Result<DemoSummary> {
    let records = demo::generate(opts);
    let rows = records.iter().cloned().enumerate().map(|(i, record)| Ok(Row { number: i + 1, record })).collect();
    let snapshot = db.snapshot()?;
    let plan = plan("demo", Unit::Entry, rows, &snapshot);
    debug_assert!(plan.problems.is_empty(), "the generator makes valid people: {:?}", plan.problems.first());
    db.write_people(&plan.writes, None, "demo", &stamp(now), &mut |_| true)?;
    let mut summary = DemoSummary {
        people: opts.people,
        added: plan.added,
        updated: plan.updated,
        unchanged: plan.unchanged,
        events: 0,
        events_added: 0,
    };
    if opts.activity {
        // Times up to the end of "today" are plausible for the demo, even
        // when "today" is later than the clock says.
        let end_of_day = (opts.as_of + Duration::days(1)).and_hms_opt(0, 0, 0).expect("midnight").and_utc();
        let a = demo::activity::generate(&records, opts.seed, opts.as_of, &mut |o, kind, read| {
            let name = o.tool.as_deref().unwrap_or(kind.default_name());
            let target = Target {
                format: ExportFormat::Demo,
                file: "demo",
                sha256: "-",
                tool: ToolTarget { name, kind, rollout: o.rollout },
                total: 0,
                horizon: Some(now.max(end_of_day)),
            };
            run(db, &target, o, Watch::quiet(), now, |sink| read(sink))
        })?;
        // Viva Engage reached the departments in waves.
        for (departments, days) in demo::activity::WAVES {
            for d in *departments {
                let date = opts.as_of - Duration::days(i64::from(*days));
                match db.set_wave(demo::activity::WAVES_TOOL, WaveUnit::Department, d, Some(date)) {
                    // A small demo may not have every department.
                    Err(crate::store::StoreError::NotFound(_)) => {}
                    r => r?,
                }
            }
        }
        summary.events = a.events;
        summary.events_added = a.added;
        // Two evidence cards for the demo's first deck (once).
        if db.evidence()?.is_empty() {
            for (statement, source, date) in demo::EVIDENCE {
                let date = date.and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
                db.add_evidence(statement, source, date, &stamp(now))?;
            }
        }
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use crate::activity::measures::{self, Filter};
    use crate::store::Db;

    /// What a new user's first deck shows must read like a real company's.
    #[test]
    fn the_demo_reads_like_a_real_company() {
        let mut db = Db::open_in_memory().unwrap();
        let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let opts = crate::demo::DemoOptions { people: 1000, seed: 1, as_of, activity: true };
        super::load_demo(&mut db, opts, "2026-11-01T09:00:00Z".parse().unwrap()).unwrap();
        let facts = db.facts().unwrap();
        let d = measures::dashboard(&facts, &Filter::default(), as_of).unwrap();
        let p = &d.participation;
        let share = |n: u32| f64::from(n) / f64::from(p.population);
        assert!(share(p.creators) < 0.10, "single-digit creators: {:.1} %", share(p.creators) * 100.0);
        assert!(share(p.lurkers) > 0.6, "a long tail of readers: {:.1} %", share(p.lurkers) * 100.0);
        assert!(p.top10_share.unwrap() > 0.6, "a few voices carry the content");
        // One department lags everywhere.
        let big: Vec<_> = d.by_department.iter().filter(|g| g.population >= 50).collect();
        let lowest = big.iter().min_by(|a, b| a.active_share.unwrap().total_cmp(&b.active_share.unwrap())).unwrap();
        assert_eq!(lowest.name, crate::demo::activity::LAGGING);
        // Adoption is an S-curve: slow start, fast middle, slow end.
        let a = &d.adoption;
        let (first, last) = (a.points.first().unwrap().0, a.points.last().unwrap().0);
        let span = (last - first).num_days();
        let by = |frac: f64| {
            let day = first + chrono::Days::new((span as f64 * frac) as u64);
            a.points.iter().take_while(|p| p.0 <= day).last().map(|p| p.1).unwrap_or(0)
        };
        let (q1, q2, q4) = (by(0.1), by(0.3), by(1.0));
        assert!(q2 - q1 > q1 && q4 - q2 < q4 / 2, "S-shaped: {q1}, {q2}, {q4}");
        // Executives are mostly silent; champions take part.
        let stake = db.stakeholders().unwrap();
        assert!(stake.iter().any(|s| s.executive) && stake.iter().any(|s| s.champion));
    }
}
