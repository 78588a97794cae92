//! The interaction network of a period, as a person asks for it: every
//! person's measures, the communities, brokers and silos, the Network view,
//! snapshots over time and the GEXF/GraphML export. Loads the graph
//! (`load::graph`), calls the network's reports, writes through the door.

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};

use super::{export, load};
use crate::Result;
use crate::activity::measures::Filter;
use crate::network::reports::file::{Format, NetworkExport, network_file};
use crate::network::reports::groups::{BrokersReport, CommunitiesReport, SilosReport};
use crate::network::reports::snapshots::{Every, SnapshotsReport, Taken};
use crate::network::reports::view::{NetworkView, SnapshotView, ViewRequest};
use crate::network::reports::{self as reports, NetworkReport, groups, view as views};
use crate::network::{self as net, GraphOptions, Method};
use crate::privacy::{ExportKind, ExportRecord};
use crate::store::Db;

/// Every person's (and counted account's) measures, highest PageRank first.
pub fn network(db: &Db, filter: &Filter, today: NaiveDate, opts: GraphOptions) -> Result<NetworkReport> {
    let b = load::graph(db, filter, today, opts)?;
    let m = net::measure(&b);
    Ok(reports::network(&b, &m, opts, &load::emails(db)?))
}

/// The communities (Leiden unless told otherwise), each with its most central people.
pub fn communities(
    db: &Db,
    filter: &Filter,
    today: NaiveDate,
    opts: GraphOptions,
    method: Method,
) -> Result<CommunitiesReport> {
    Ok(groups::communities(&load::graph(db, filter, today, opts)?, method))
}

/// People on many shortest paths whose ties cross departments.
pub fn brokers(db: &Db, filter: &Filter, today: NaiveDate, opts: GraphOptions) -> Result<BrokersReport> {
    let b = load::graph(db, filter, today, opts)?;
    Ok(groups::brokers(&b, &net::measure(&b), &load::emails(db)?))
}

/// The E-I index of every department and the department matrix.
pub fn silos(db: &Db, filter: &Filter, today: NaiveDate, opts: GraphOptions) -> Result<SilosReport> {
    Ok(groups::silos(&load::graph(db, filter, today, opts)?))
}

/// The network per month or quarter (at least two), compared.
pub fn snapshots(
    db: &Db,
    filter: &Filter,
    today: NaiveDate,
    opts: GraphOptions,
    every: Every,
    count: usize,
) -> Result<SnapshotsReport> {
    Ok(reports::snapshots::snapshots(&load::snapshots(db, filter, today, opts, every, count.max(2))?, every))
}

/// What the Network view shows for the request's period.
pub fn view(db: &Db, req: &ViewRequest, today: NaiveDate) -> Result<NetworkView> {
    let b = load::graph(db, &req.filter, today, req.options)?;
    let m = net::measure(&b);
    let labels = load::labels(db, &b, &m)?;
    Ok(views::view(&b, &m, &labels, req.ties_per_person))
}

/// A person's own ties in the view's period, strongest first.
pub fn ego(db: &Db, req: &ViewRequest, today: NaiveDate, node: usize) -> Result<Vec<(u32, f64)>> {
    views::ego(&load::graph(db, &req.filter, today, req.options)?, node).map_err(crate::Error::Invalid)
}

/// The view's population seen over another period.
pub fn snapshot_view(
    db: &Db,
    req: &ViewRequest,
    today: NaiveDate,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<SnapshotView> {
    let base = load::graph(db, &req.filter, today, req.options)?;
    let f = Filter { from: Some(from), to: Some(to), days: None, ..req.filter.clone() };
    let b = load::graph(db, &f, today, req.options)?;
    Ok(views::snapshot_view(&base, &b, req.ties_per_person, from, to))
}

/// The network file's text (GEXF or GraphML) and its description for the log.
pub fn network_text(db: &Db, req: &NetworkExport, today: NaiveDate) -> Result<(String, String)> {
    let taken: Vec<Taken> = match req.snapshots {
        Some((every, count)) if req.format == Format::Gexf => {
            load::snapshots(db, &req.filter, today, req.options, every, count.max(1))?
        }
        _ => {
            let built = load::graph(db, &req.filter, today, req.options)?;
            let measures = net::measure(&built);
            let p = built.scope.period();
            vec![Taken { label: String::new(), from: p.from, to: p.to, built, measures }]
        }
    };
    let last = taken.last().expect("one snapshot at least");
    let labels = load::labels(db, &last.built, &last.measures)?;
    Ok(network_file(req, &taken, &labels, today))
}

/// Writes the network file through the export door (whole, checked, logged).
pub fn export_network(db: &Db, req: &NetworkExport, path: &Path, now: DateTime<Utc>) -> Result<ExportRecord> {
    let (text, what) = network_text(db, req, now.date_naive())?;
    export::write(
        db,
        export::Outgoing { kind: ExportKind::Network, what, texts: &[], cited: &[], bytes: text.as_bytes() },
        path,
        now,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activity::measures;

    fn demo() -> (Db, NaiveDate) {
        let mut db = Db::open_in_memory().unwrap();
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let opts = crate::demo::DemoOptions { people: 300, seed: 5, as_of, activity: true };
        crate::app::demo::load_demo(&mut db, opts, "2026-11-01T09:00:00Z".parse().unwrap()).unwrap();
        (db, as_of)
    }

    #[test]
    fn the_demo_has_communities_brokers_and_an_inward_looking_department() {
        let (db, as_of) = demo();
        let f = Filter { days: Some(365), ..Filter::default() };
        let c = communities(&db, &f, as_of, GraphOptions::default(), Method::Leiden).unwrap();
        assert!(
            c.communities.len() >= 2 && c.modularity > 0.1,
            "{} communities, Q {}",
            c.communities.len(),
            c.modularity
        );
        assert!(c.communities.windows(2).all(|w| w[0].size >= w[1].size), "largest first");
        let members: usize = c.communities.iter().map(|x| x.size).sum();
        assert!(members + c.isolated <= 300 + 50);
        let b = brokers(&db, &f, as_of, GraphOptions::default()).unwrap();
        assert!(!b.brokers.is_empty());
        assert!(
            b.brokers.iter().all(|x| x.cross_department >= groups::BROKER_MIN_CROSSING && x.departments_reached >= 2)
        );
        let s = silos(&db, &f, as_of, GraphOptions::default()).unwrap();
        assert_eq!(s.names.len(), s.matrix.len());
        let sum: f64 = s.matrix.iter().flatten().sum();
        let inside: f64 = s.departments.iter().map(|d| d.internal).sum();
        let diagonal: f64 = (0..s.matrix.len()).map(|i| s.matrix[i][i]).sum();
        assert!((inside - diagonal).abs() < 1e-9 && sum >= inside);
        let eis: Vec<f64> = s.departments.iter().filter_map(|d| d.ei).collect();
        assert!(eis.windows(2).all(|w| w[0] <= w[1]), "most inward-looking first");
    }

    #[test]
    fn the_demo_network_counts_everyone_and_ranks_the_keenest() {
        let mut db = Db::open_in_memory().unwrap();
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let opts = crate::demo::DemoOptions { people: 200, seed: 3, as_of, activity: true };
        crate::app::demo::load_demo(&mut db, opts, "2026-11-01T09:00:00Z".parse().unwrap()).unwrap();
        let r = network(&db, &Filter { days: Some(365), ..Filter::default() }, as_of, GraphOptions::default()).unwrap();
        let d =
            measures::dashboard(&db.facts().unwrap(), &Filter { days: Some(365), ..Filter::default() }, as_of).unwrap();
        assert_eq!(r.nodes as u32, d.population, "the directory's population, isolates included");
        assert!(r.ties > 0 && r.interactions >= r.ties as u64);
        let sum: f64 = r.people.iter().map(|p| p.pagerank).sum();
        assert!((sum - 1.0).abs() < 1e-9, "PageRank sums to one: {sum}");
        assert!(r.people.windows(2).all(|w| w[0].pagerank >= w[1].pagerank), "highest first");
        let top = &r.people[0];
        assert!(top.in_degree > 0 && top.email.is_some(), "{top:?}");
        assert_eq!(r.betweenness, "exact");
        let isolated = r.people.iter().filter(|p| p.in_degree == 0 && p.out_degree == 0).count();
        assert!(isolated > 0, "people who never interacted are still there");
    }
}
