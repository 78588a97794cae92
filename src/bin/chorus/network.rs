//! `chorus network metrics`: the interaction network's measures per person.

use clap::{Args, Subcommand};

use crate::activity::{Ctx, FilterArgs};
use crate::{Failure, now, open};

#[derive(Subcommand, Debug)]
pub(crate) enum NetworkCommand {
    /// PageRank, betweenness and degrees per person, highest PageRank first
    Metrics(MetricsArgs),
}

#[derive(Args, Debug)]
pub(crate) struct MetricsArgs {
    /// How many people to show (all with --json unless given)
    #[arg(long)]
    limit: Option<usize>,
    #[command(flatten)]
    filter: FilterArgs,
}

pub(crate) fn network(cmd: NetworkCommand, ctx: &Ctx) -> Result<(), Failure> {
    let NetworkCommand::Metrics(a) = cmd;
    let db = open(&ctx.db)?;
    let mut r = chorus::app::network::network(&db, &a.filter.filter()?, now().date_naive())?;
    if let Some(n) = a.limit.or((!ctx.json).then_some(20)) {
        r.people.truncate(n);
    }
    if ctx.json {
        println!("{}", serde_json::to_string(&r).unwrap_or_default());
        return Ok(());
    }
    println!(
        "Network {} to {}{}: {} people and accounts, {} ties, {} interactions; betweenness {}",
        r.period.from,
        r.period.to,
        r.tool.as_deref().map(|t| format!(" on {t}")).unwrap_or_default(),
        r.nodes,
        r.ties,
        r.interactions,
        r.betweenness
    );
    println!("{:<28} {:<20} {:>9} {:>11} {:>6} {:>6}", "name", "department", "pagerank", "betweenness", "in", "out");
    for p in &r.people {
        println!(
            "{:<28} {:<20} {:>9.5} {:>11.5} {:>6} {:>6}",
            p.name.chars().take(28).collect::<String>(),
            p.department.as_deref().unwrap_or("").chars().take(20).collect::<String>(),
            p.pagerank,
            p.betweenness,
            p.in_degree,
            p.out_degree
        );
    }
    Ok(())
}
