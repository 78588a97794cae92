//! `chorus network …`: the interaction network's measures per person, its
//! communities, brokers and silos.

use chorus::app::Db;
use chorus::app::network as app;
use chorus::network::reports::file::{Format, NetworkExport};
use chorus::network::reports::snapshots::Every;
use chorus::network::{GraphOptions, Layers};
use clap::{Args, Subcommand};

use crate::activity::{Ctx, FilterArgs};
use crate::{Failure, now, open};

#[derive(Subcommand, Debug)]
pub(crate) enum NetworkCommand {
    /// PageRank, betweenness, degrees and community per person, highest PageRank first
    Metrics(MetricsArgs),
    /// Communities (seeded Leiden, or Louvain), their size, departments and most central people
    Communities(CommunitiesArgs),
    /// People on many shortest paths whose ties cross departments
    Brokers(MetricsArgs),
    /// Each department's E-I index (−1: every tie inside) and the department matrix
    Silos(GraphArgs),
    /// The network per quarter (or month) side by side: who rose, which departments opened, which communities merged
    Snapshots(SnapshotArgs),
    /// Write the network for Gephi: GEXF (dynamic with --snapshots) or GraphML, measures as attributes
    Export(ExportArgs),
}

#[derive(Args, Debug)]
pub(crate) struct CommunitiesArgs {
    /// leiden (every community well connected) or louvain (as Gephi finds them)
    #[arg(long, default_value = "leiden", value_parser = method)]
    method: chorus::network::Method,
    #[command(flatten)]
    graph: GraphArgs,
}

fn method(s: &str) -> Result<chorus::network::Method, String> {
    chorus::network::Method::parse(s).ok_or_else(|| format!("'{s}': choose leiden or louvain"))
}

#[derive(Args, Debug)]
pub(crate) struct SnapshotArgs {
    /// quarter or month
    #[arg(long, default_value = "quarter", value_parser = every)]
    every: Every,
    /// How many periods, the last ending with the data
    #[arg(long, default_value_t = 4)]
    count: usize,
    #[command(flatten)]
    graph: GraphArgs,
}

fn every(s: &str) -> Result<Every, String> {
    Every::parse(s).ok_or_else(|| format!("'{s}': choose quarter or month"))
}

#[derive(Args, Debug)]
#[group(id = "target", required = true, multiple = false, args = ["gexf", "graphml"])]
pub(crate) struct ExportArgs {
    /// Write GEXF (Gephi) to FILE
    #[arg(long, value_name = "FILE")]
    gexf: Option<std::path::PathBuf>,
    /// Write GraphML to FILE
    #[arg(long, value_name = "FILE")]
    graphml: Option<std::path::PathBuf>,
    /// Label people with their names (by default "Person 12"); the not-yet-engaged label is never written
    #[arg(long)]
    names: bool,
    /// A dynamic GEXF with one snapshot per quarter or month
    #[arg(long, value_parser = every)]
    snapshots: Option<Every>,
    /// How many snapshots
    #[arg(long, default_value_t = 4)]
    count: usize,
    #[command(flatten)]
    graph: GraphArgs,
}

#[derive(Args, Debug)]
pub(crate) struct GraphArgs {
    /// Interactions lose half their weight every DAYS days before the period's end
    #[arg(long, value_name = "DAYS", value_parser = positive)]
    half_life: Option<f64>,
    /// Which relationships: activity, survey, reports-to (comma-separated;
    /// default: activity and survey)
    #[arg(long, value_name = "LAYERS", value_parser = Layers::parse)]
    layer: Option<Layers>,
    #[command(flatten)]
    filter: FilterArgs,
}

fn positive(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v > 0.0 && v.is_finite() => Ok(v),
        _ => Err(format!("'{s}' is not a positive number of days")),
    }
}

impl GraphArgs {
    pub(crate) fn parts(self) -> Result<(chorus::activity::measures::Filter, GraphOptions), Failure> {
        let opts = GraphOptions { half_life_days: self.half_life, layers: self.layer };
        Ok((self.filter.filter()?, opts))
    }
}

#[derive(Args, Debug)]
pub(crate) struct MetricsArgs {
    /// How many people to show (all with --json unless given)
    #[arg(long)]
    limit: Option<usize>,
    #[command(flatten)]
    graph: GraphArgs,
}

fn print_json<T: serde::Serialize>(v: &T) {
    println!("{}", serde_json::to_string(v).unwrap_or_default());
}

fn cut(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

pub(crate) fn network(cmd: NetworkCommand, ctx: &Ctx) -> Result<(), Failure> {
    let db = open(&ctx.db)?;
    let today = now().date_naive();
    match cmd {
        NetworkCommand::Metrics(a) => metrics(&db, a, ctx, today),
        NetworkCommand::Communities(a) => {
            let (f, o) = a.graph.parts()?;
            let r = app::communities(&db, &f, today, o, a.method)?;
            if ctx.json {
                print_json(&r);
                return Ok(());
            }
            println!(
                "{} communities by {} {} to {}, modularity {:.3}; {} people without ties",
                r.communities.len(),
                r.method.name(),
                r.period.from,
                r.period.to,
                r.modularity,
                r.isolated
            );
            let small = r.communities.iter().filter(|c| c.size < 3).count();
            for c in r.communities.iter().filter(|c| c.size >= 3) {
                let depts: Vec<String> = c.departments.iter().map(|(d, n)| format!("{d} {n}")).collect();
                println!(
                    "#{:<3} {:>5} people, {:>3.0}% of ties inside; {}; central: {}",
                    c.id,
                    c.size,
                    c.inside * 100.0,
                    depts.join(", "),
                    c.central.join(", ")
                );
            }
            if small > 0 {
                println!("and {small} pairs who interact only with each other (--json lists them)");
            }
            Ok(())
        }
        NetworkCommand::Brokers(a) => {
            let (f, o) = a.graph.parts()?;
            let mut r = app::brokers(&db, &f, today, o)?;
            if let Some(n) = a.limit.or((!ctx.json).then_some(20)) {
                r.brokers.truncate(n);
            }
            if ctx.json {
                print_json(&r);
                return Ok(());
            }
            println!("Brokers {} to {} (betweenness {}):", r.period.from, r.period.to, r.betweenness);
            println!("{:<28} {:<20} {:>11} {:>7} {:>6}", "name", "department", "betweenness", "across", "depts");
            for b in &r.brokers {
                println!(
                    "{:<28} {:<20} {:>11.5} {:>6.0}% {:>6}",
                    cut(&b.name, 28),
                    cut(b.department.as_deref().unwrap_or(""), 20),
                    b.betweenness,
                    b.cross_department * 100.0,
                    b.departments_reached
                );
            }
            Ok(())
        }
        NetworkCommand::Snapshots(a) => {
            let (f, o) = a.graph.parts()?;
            let r = app::snapshots(&db, &f, today, o, a.every, a.count)?;
            if ctx.json {
                print_json(&r);
                return Ok(());
            }
            println!(
                "{:<10} {:>10} {:>10} {:>7} {:>12} {:>10}",
                "period", "connected", "ties", "groups", "modularity", "to"
            );
            for s in &r.snapshots {
                println!(
                    "{:<10} {:>10} {:>10} {:>7} {:>12.3} {:>10}",
                    s.label, s.connected, s.ties, s.communities, s.modularity, s.to
                );
            }
            let (a_, b_) = (&r.snapshots[r.snapshots.len() - 2].label, &r.snapshots[r.snapshots.len() - 1].label);
            println!("\nRose from {a_} to {b_} (rank by PageRank among people with ties):");
            for x in &r.risers {
                let before = x.before.map_or("no ties".to_owned(), |b| format!("#{b}"));
                println!(
                    "  {:<28} {:<20} {before} → #{}",
                    cut(&x.name, 28),
                    cut(x.department.as_deref().unwrap_or(""), 20),
                    x.after
                );
            }
            if !r.opened.is_empty() {
                println!("\nDepartments that opened up (E-I index):");
                for o in &r.opened {
                    println!("  {:<24} {:+.2} → {:+.2}", o.department, o.before, o.after);
                }
            }
            for m in &r.merged {
                let from: Vec<String> = m.from.iter().map(|(c, n)| format!("{n} from {c}'s")).collect();
                println!("\nCommunity around {} ({} people) merged: {}", m.central, m.size, from.join(", "));
            }
            Ok(())
        }
        NetworkCommand::Export(a) => {
            let (path, format) = match (a.gexf, a.graphml) {
                (Some(p), _) => (p, Format::Gexf),
                (None, Some(p)) => (p, Format::GraphMl),
                (None, None) => return Err(crate::usage("give --gexf FILE or --graphml FILE".into())),
            };
            let (f, o) = a.graph.parts()?;
            let req = NetworkExport {
                filter: f,
                options: o,
                format,
                names: a.names,
                snapshots: a.snapshots.map(|e| (e, a.count)),
            };
            let r = app::export_network(&db, &req, &path, crate::now())?;
            if ctx.json {
                print_json(&r);
            } else {
                println!("Wrote {} ({} bytes): {}", r.path, r.bytes, r.what);
            }
            Ok(())
        }
        NetworkCommand::Silos(a) => {
            let (f, o) = a.parts()?;
            let r = app::silos(&db, &f, today, o)?;
            if ctx.json {
                print_json(&r);
                return Ok(());
            }
            println!(
                "Departments {} to {}, most inward-looking first (E-I index: −1 every tie inside, +1 every tie outside):",
                r.period.from, r.period.to
            );
            println!("{:<24} {:>6} {:>9} {:>9} {:>6}", "department", "people", "inside", "across", "E-I");
            for d in &r.departments {
                let ei = d.ei.map_or("—".to_owned(), |e| format!("{e:+.2}"));
                println!(
                    "{:<24} {:>6} {:>9.0} {:>9.0} {:>6}",
                    cut(&d.department, 24),
                    d.people,
                    d.internal,
                    d.external,
                    ei
                );
            }
            Ok(())
        }
    }
}

fn metrics(db: &Db, a: MetricsArgs, ctx: &Ctx, today: chrono::NaiveDate) -> Result<(), Failure> {
    let (f, o) = a.graph.parts()?;
    let mut r = app::network(db, &f, today, o)?;
    if let Some(n) = a.limit.or((!ctx.json).then_some(20)) {
        r.people.truncate(n);
    }
    if ctx.json {
        print_json(&r);
        return Ok(());
    }
    println!(
        "Network {} to {}{}: {} people and accounts, {} ties, {} interactions; betweenness {}; {} communities (modularity {:.3})",
        r.period.from,
        r.period.to,
        r.tool.as_deref().map(|t| format!(" on {t}")).unwrap_or_default(),
        r.nodes,
        r.ties,
        r.interactions,
        r.betweenness,
        r.communities,
        r.modularity
    );
    println!(
        "{:<28} {:<20} {:>9} {:>11} {:>6} {:>6} {:>5}",
        "name", "department", "pagerank", "betweenness", "in", "out", "comm"
    );
    for p in &r.people {
        println!(
            "{:<28} {:<20} {:>9.5} {:>11.5} {:>6} {:>6} {:>5}",
            cut(&p.name, 28),
            cut(p.department.as_deref().unwrap_or(""), 20),
            p.pagerank,
            p.betweenness,
            p.in_degree,
            p.out_degree,
            p.community.map_or("—".to_owned(), |c| c.to_string())
        );
    }
    Ok(())
}
