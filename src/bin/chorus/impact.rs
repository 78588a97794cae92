//! `chorus impact`: what a tool's rollout changed, and how sure we can be.

use std::path::PathBuf;

use chorus::app::impact::{self, ImpactQuery};
use chorus::impact::analysis::{Design, ImpactReport};
use chorus::impact::did::Control;
use chorus::impact::series::{GroupBy, Metric};
use clap::Args;

use crate::activity::Ctx;
use crate::{Failure, open, usage};

#[derive(Args, Debug)]
pub(crate) struct ImpactArgs {
    /// The tool whose rollout is assessed: its rollout date, or its waves
    /// (`chorus tools rollout TOOL DATE --department D`)
    #[arg(long)]
    tool: String,
    /// active_people, active_share, contributions, responses_per_post or hours_to_first_reply
    #[arg(long, default_value = "active_people")]
    metric: String,
    /// Measure the outcome on this tool only [default: every tool]
    #[arg(long, value_name = "TOOL")]
    on: Option<String>,
    /// Split by department or location (a rollout in waves uses its waves' unit)
    #[arg(long)]
    by: Option<String>,
    /// For one rollout date: the group (department or location) rolled out
    #[arg(long)]
    group: Option<String>,
    /// For one rollout date: a group not rolled out, to compare with
    #[arg(long, value_name = "GROUP")]
    compare: Option<String>,
    /// Analyse a weekly series from a CSV (week, group, value) instead of the activity
    #[arg(long, value_name = "FILE")]
    series: Option<PathBuf>,
    /// For waves: compare with groups not-yet rolled out, or never rolled out
    #[arg(long, default_value = "not-yet")]
    control: String,
    /// Bootstrap draws for the waves' intervals
    #[arg(long, default_value_t = 999)]
    draws: usize,
    /// The bootstrap's seed (the same seed gives the same intervals)
    #[arg(long, default_value_t = 2021)]
    seed: u64,
}

pub(crate) fn impact(a: ImpactArgs, ctx: &Ctx) -> Result<(), Failure> {
    let names: Vec<&str> = Metric::ALL.iter().map(|m| m.as_str()).collect();
    let metric = Metric::parse(&a.metric)
        .ok_or_else(|| usage(format!("no outcome named {:?}; outcomes: {}", a.metric, names.join(", "))))?;
    let by = match a.by.as_deref() {
        None => None,
        Some("department") | Some("departments") => Some(GroupBy::Department),
        Some("location") | Some("locations") => Some(GroupBy::Location),
        Some("everyone") => Some(GroupBy::Everyone),
        Some(other) => return Err(usage(format!("--by {other:?}: write department, location or everyone"))),
    };
    let control = match a.control.as_str() {
        "not-yet" | "not_yet" | "notyettreated" => Control::NotYetTreated,
        "never" | "nevertreated" => Control::NeverTreated,
        other => return Err(usage(format!("--control {other:?}: write not-yet or never"))),
    };
    if a.draws < 99 {
        return Err(usage(format!("--draws {}: at least 99 draws make an interval", a.draws)));
    }
    let series = match &a.series {
        None => None,
        Some(path) => {
            let shown = path.display().to_string();
            let text = std::fs::read_to_string(path)
                .map_err(|e| Failure::from(chorus::Error::from(chorus::file::FileError::open(path, &shown, e))))?;
            Some((shown, text))
        }
    };
    let db = open(&ctx.db)?;
    let q = ImpactQuery {
        on: a.on,
        by,
        series,
        group: a.group,
        comparison: a.compare,
        control,
        draws: a.draws,
        seed: a.seed,
        ..ImpactQuery::new(&a.tool, metric)
    };
    let r = impact::impact(&db, &q)?;
    if ctx.json {
        println!("{}", serde_json::to_string(&r).unwrap_or_default());
        return Ok(());
    }
    print(&r);
    Ok(())
}

fn print(r: &ImpactReport) {
    println!("{}", r.headline);
    println!();
    let design = match r.design {
        Design::InterruptedTimeSeries => "interrupted time series",
        Design::ControlledInterruptedTimeSeries => "controlled interrupted time series",
        Design::StaggeredDid => "staggered difference-in-differences",
    };
    println!("  {} of {}: {design}, {} weeks", r.tool, r.words, r.weeks.len());
    for e in &r.estimates {
        if e.weeks.is_some() {
            continue;
        }
        let x = &e.estimate;
        println!(
            "  {:<16} {:>12.4}   se {:>10.4}   95 % CI {:.4} to {:.4}",
            x.name, x.estimate, x.se, x.ci_low, x.ci_high
        );
    }
    if let Some(d) = &r.did {
        println!("  event study (weeks since the rollout: effect, 95 % CI):");
        for w in d.by_week.iter().filter(|w| (-8..=12).contains(&w.weeks)) {
            println!("    {:>4}  {:>10.4}  {:.4} to {:.4}", w.weeks, w.att.estimate, w.att.ci_low, w.att.ci_high);
        }
    }
    if !r.warnings.is_empty() {
        println!();
        for w in &r.warnings {
            println!("  ! {}", w.text);
        }
    }
    println!();
    println!("  {}", r.method);
}
