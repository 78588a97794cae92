//! `chorus segments`: opinion leaders, early adopters, talent, brokers and
//! people not yet engaged, each with the reason; overrides and thresholds.

use chorus::app::segments as app;
use chorus::segments::{Segment, Thresholds};
use clap::{Args, Subcommand};

use crate::activity::Ctx;
use crate::network::GraphArgs;
use crate::{Failure, now, open, usage};

#[derive(Args, Debug)]
pub(crate) struct SegmentsArgs {
    #[command(subcommand)]
    command: Option<SegmentsCommand>,
    /// Only this segment (opinion-leader, early-adopter, talent, broker, not-yet-engaged)
    #[arg(long)]
    segment: Option<String>,
    /// Why PERSON (#id, email or external id) has each label, and their labels in earlier periods
    #[arg(long, value_name = "PERSON")]
    explain: Option<String>,
    /// People shown per segment (all with --json)
    #[arg(long, default_value_t = 10)]
    limit: usize,
    #[command(flatten)]
    graph: GraphArgs,
}

#[derive(Subcommand, Debug)]
enum SegmentsCommand {
    /// Give PERSON a label by hand (it stays through every recompute)
    Add(OverrideArgs),
    /// Take a label the rules gave away from PERSON (it stays away through every recompute)
    Remove(OverrideArgs),
    /// Drop what was set by hand: the rules alone decide again
    Clear { person: String, segment: String },
    /// Keep this period's labels of the whole organisation, so each person's trajectory shows in --explain
    Keep,
    /// Show the thresholds, or set some: --set leader_top_percent=3
    Thresholds {
        #[arg(long, value_name = "NAME=VALUE")]
        set: Vec<String>,
        /// Back to the defaults
        #[arg(long)]
        reset: bool,
    },
}

#[derive(Args, Debug)]
struct OverrideArgs {
    person: String,
    segment: String,
    /// Why (kept with the label and shown as its evidence)
    #[arg(long)]
    reason: String,
}

pub(crate) fn segments(a: SegmentsArgs, ctx: &Ctx) -> Result<(), Failure> {
    let mut db = open(&ctx.db)?;
    let today = now().date_naive();
    match a.command {
        Some(SegmentsCommand::Add(o)) => {
            let r = app::set_override(&db, &o.person, &o.segment, true, &o.reason, now())?;
            return done(ctx, &r, &format!("Added {} to person #{} by hand.", o.segment, r.person_id));
        }
        Some(SegmentsCommand::Remove(o)) => {
            let r = app::set_override(&db, &o.person, &o.segment, false, &o.reason, now())?;
            return done(ctx, &r, &format!("Removed {} from person #{} by hand.", o.segment, r.person_id));
        }
        Some(SegmentsCommand::Clear { person, segment }) => {
            let was = app::clear_override(&db, &person, &segment)?;
            let msg = if was { "Cleared: the rules decide again." } else { "Nothing was set by hand." };
            return done(ctx, &serde_json::json!({ "cleared": was }), msg);
        }
        Some(SegmentsCommand::Keep) => {
            let (filter, opts) = a.graph.parts()?;
            let n = app::save_history(&mut db, &filter, today, opts)?;
            return done(ctx, &serde_json::json!({ "kept": n }), &format!("Kept {n} labels for this period."));
        }
        Some(SegmentsCommand::Thresholds { set, reset }) => {
            let mut t =
                if reset { Thresholds::default() } else { db.segment_thresholds().map_err(chorus::Error::from)? };
            if !set.is_empty() || reset {
                let mut json = serde_json::to_value(t).unwrap_or_default();
                for kv in &set {
                    let (k, v) = kv.split_once('=').ok_or_else(|| usage(format!("--set {kv}: expected NAME=VALUE")))?;
                    if json.get(k.trim()).is_none() {
                        let names: Vec<&String> = json.as_object().map(|o| o.keys().collect()).unwrap_or_default();
                        return Err(usage(format!(
                            "unknown threshold '{k}': choose {}",
                            names.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
                        )));
                    }
                    let value: serde_json::Value = serde_json::from_str(v.trim())
                        .map_err(|_| usage(format!("--set {kv}: {v} is not a number")))?;
                    json[k.trim()] = value;
                }
                t = serde_json::from_value(json).map_err(|e| usage(format!("--set: {e}")))?;
                app::set_thresholds(&db, &t)?;
            }
            return done(ctx, &t, &serde_json::to_string_pretty(&t).unwrap_or_default());
        }
        None => {}
    }
    let (filter, opts) = a.graph.parts()?;
    if let Some(key) = a.explain {
        let e = app::explain(&db, &key, &filter, today, opts)?;
        if ctx.json {
            println!("{}", serde_json::to_string(&e).unwrap_or_default());
            return Ok(());
        }
        println!("{} (#{}), {} to {}:", e.name, e.person_id, e.period.from, e.period.to);
        if e.labels.is_empty() {
            println!("  no label in this period");
        }
        for l in &e.labels {
            println!("  {}: {}", l.label, l.evidence);
        }
        for (s, reason) in &e.removed {
            println!("  {} (removed by hand: {reason})", s.label());
        }
        if !e.history.is_empty() {
            println!("Earlier periods:");
            for h in &e.history {
                let label = Segment::parse(&h.segment).map_or(h.segment.as_str(), |s| s.label());
                println!("  {} to {}: {label} — {}", h.from, h.to, h.evidence);
            }
        }
        return Ok(());
    }
    let only = a.segment.as_deref().map(Segment::parse_named).transpose().map_err(usage)?;
    let mut r = app::segments(&db, &filter, today, opts)?;
    if let Some(s) = only {
        r.people.retain(|p| p.labels.iter().any(|l| l.segment == s));
    }
    if ctx.json {
        println!("{}", serde_json::to_string(&r).unwrap_or_default());
        return Ok(());
    }
    println!("Segments {} to {}:", r.period.from, r.period.to);
    for c in r.counts.iter().filter(|c| only.is_none_or(|s| s == c.segment)) {
        println!("\n{} — {} people", c.label, c.people);
        for (p, l) in r.of(c.segment).into_iter().take(a.limit) {
            println!(
                "  {:<28} {:<18} {}",
                p.name.chars().take(28).collect::<String>(),
                p.department.as_deref().unwrap_or("").chars().take(18).collect::<String>(),
                l.evidence
            );
        }
    }
    Ok(())
}

fn done<T: serde::Serialize>(ctx: &Ctx, v: &T, text: &str) -> Result<(), Failure> {
    if ctx.json {
        println!("{}", serde_json::to_string(v).unwrap_or_default());
    } else {
        println!("{text}");
    }
    Ok(())
}
