//! Loading the demo organisation: the generated people go through the same
//! planner and writer as an imported file, and each tool's generated
//! activity through the same import pipeline as an export.

use chrono::{DateTime, Duration, Utc};

use super::activity::{Target, run};
use super::stamp;
use crate::Result;
use crate::activity::ExportFormat;
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
        summary.events = a.events;
        summary.events_added = a.added;
    }
    Ok(summary)
}
