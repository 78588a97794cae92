//! The network by groups: its communities, the brokers between
//! departments, and the departments that talk mostly to themselves.

use chrono::NaiveDate;
use serde::Serialize;

use super::{GraphOptions, SEED, build, emails, measure};
use crate::Result;
use crate::activity::measures::{Filter, Period};
use crate::network as net;
use crate::store::Db;

/// One community: its size, where its people work, who is central in it.
#[derive(Debug, Clone, Serialize)]
pub struct Community {
    /// 0 is the largest.
    pub id: u32,
    pub size: usize,
    /// Departments by members, most first (at most three).
    pub departments: Vec<(String, usize)>,
    /// The members with the highest PageRank (at most three).
    pub central: Vec<String>,
    /// Share of the members' tie weight that stays inside the community.
    pub inside: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct CommunitiesReport {
    pub period: Period,
    /// How they were found: `leiden` or `louvain`.
    pub method: net::Method,
    pub modularity: f64,
    /// Communities of two people or more, largest first.
    pub communities: Vec<Community>,
    /// People without any tie in the period.
    pub isolated: usize,
}

/// The communities of the network (seeded, on modularity; Leiden unless
/// told otherwise), each with its most central people by PageRank.
pub fn communities(
    db: &Db,
    filter: &Filter,
    today: NaiveDate,
    opts: GraphOptions,
    method: net::Method,
) -> Result<CommunitiesReport> {
    let b = build(db, filter, today, opts)?;
    let pagerank = super::pagerank(&b.graph);
    let c = &net::communities_by(&b.graph, SEED, method);
    let k = c.sizes.len();
    let g = b.graph.undirected();
    let (mut inside, mut all) = (vec![0.0; k], vec![0.0; k]);
    for (u, v, w) in g.arcs() {
        let cu = c.labels[u as usize] as usize;
        all[cu] += w;
        if c.labels[v as usize] as usize == cu {
            inside[cu] += w;
        }
    }
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); k];
    for (i, &l) in c.labels.iter().enumerate() {
        members[l as usize].push(i);
    }
    let communities = members
        .iter()
        .enumerate()
        .filter(|(_, m)| m.len() > 1)
        .map(|(id, people)| {
            let mut depts: std::collections::BTreeMap<String, usize> = Default::default();
            for &i in people {
                if let Some(d) = b.facts.subjects[b.nodes[i] as usize].department {
                    *depts.entry(b.facts.departments[d as usize].clone()).or_default() += 1;
                }
            }
            let mut departments: Vec<(String, usize)> = depts.into_iter().collect();
            departments.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            departments.truncate(3);
            let mut by_rank = people.clone();
            by_rank.sort_by(|&a, &b| pagerank[b].total_cmp(&pagerank[a]));
            let central = by_rank.iter().take(3).map(|&i| b.facts.subjects[b.nodes[i] as usize].name.clone()).collect();
            let inside = if all[id] > 0.0 { inside[id] / all[id] } else { 0.0 };
            Community { id: id as u32, size: people.len(), departments, central, inside }
        })
        .collect();
    let isolated = (0..g.len()).filter(|&u| g.out(u).0.is_empty()).count();
    Ok(CommunitiesReport { period: b.scope.period(), method, modularity: c.modularity, communities, isolated })
}

/// Someone whose position joins parts of the organisation.
#[derive(Debug, Clone, Serialize)]
pub struct Broker {
    pub name: String,
    pub email: Option<String>,
    pub department: Option<String>,
    pub betweenness: f64,
    /// Share of the person's tie weight with other departments.
    pub cross_department: f64,
    /// Other departments the person has ties with.
    pub departments_reached: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct BrokersReport {
    pub period: Period,
    pub betweenness: String,
    /// Highest betweenness first.
    pub brokers: Vec<Broker>,
}

/// A broker's ties reach at least this share outside their department…
pub const BROKER_MIN_CROSSING: f64 = 0.25;

/// People on many shortest paths whose ties cross departments: betweenness
/// above zero, at least a quarter of their tie weight with other
/// departments, ties with two other departments or more.
pub fn brokers(db: &Db, filter: &Filter, today: NaiveDate, opts: GraphOptions) -> Result<BrokersReport> {
    let b = build(db, filter, today, opts)?;
    let m = measure(&b);
    let crossing = net::crossing(&b.graph, &b.departments());
    let emails = emails(db)?;
    let mut brokers: Vec<Broker> = (0..b.nodes.len())
        .filter_map(|i| {
            let (share, reached) = crossing[i]?;
            if m.betweenness[i] <= 0.0 || share < BROKER_MIN_CROSSING || reached < 2 {
                return None;
            }
            let s = &b.facts.subjects[b.nodes[i] as usize];
            Some(Broker {
                name: s.name.clone(),
                email: s.person_id.and_then(|p| emails.get(&p).cloned().flatten()),
                department: s.department.map(|d| b.facts.departments[d as usize].clone()),
                betweenness: m.betweenness[i],
                cross_department: share,
                departments_reached: reached,
            })
        })
        .collect();
    brokers.sort_by(|a, b| b.betweenness.total_cmp(&a.betweenness).then_with(|| a.name.cmp(&b.name)));
    Ok(BrokersReport { period: b.scope.period(), betweenness: m.betweenness_how, brokers })
}

/// A department's ties inside and across its border.
#[derive(Debug, Clone, Serialize)]
pub struct DepartmentBorder {
    pub department: String,
    pub people: usize,
    pub internal: f64,
    pub external: f64,
    /// (external − internal) / all: −1 a silo, +1 all ties outside; `null` without ties.
    pub ei: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SilosReport {
    pub period: Period,
    /// Most inward-looking first; departments without ties last.
    pub departments: Vec<DepartmentBorder>,
    /// The department-to-department matrix: `matrix[a][b]` is the weight of
    /// ties from people of `names[a]` to people of `names[b]`.
    pub names: Vec<String>,
    pub matrix: Vec<Vec<f64>>,
}

/// The E-I index of every department and the department matrix.
pub fn silos(db: &Db, filter: &Filter, today: NaiveDate, opts: GraphOptions) -> Result<SilosReport> {
    let b = build(db, filter, today, opts)?;
    let group = b.departments();
    let k = b.facts.departments.len();
    let borders = net::borders(&b.graph, &group, k);
    let mut people = vec![0usize; k];
    for d in group.iter().flatten() {
        people[*d as usize] += 1;
    }
    let present: Vec<usize> = (0..k).filter(|&d| people[d] > 0).collect();
    let mut departments: Vec<DepartmentBorder> = present
        .iter()
        .map(|&d| DepartmentBorder {
            department: b.facts.departments[d].clone(),
            people: people[d],
            internal: borders[d].internal,
            external: borders[d].external,
            ei: borders[d].ei(),
        })
        .collect();
    departments.sort_by(|a, b| match (a.ei, b.ei) {
        (Some(x), Some(y)) => x.total_cmp(&y).then_with(|| a.department.cmp(&b.department)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.department.cmp(&b.department),
    });
    let full = net::matrix(&b.graph, &group, k);
    let matrix = present.iter().map(|&a| present.iter().map(|&c| full[a][c]).collect()).collect();
    let names = present.iter().map(|&d| b.facts.departments[d].clone()).collect();
    Ok(SilosReport { period: b.scope.period(), departments, names, matrix })
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let c = communities(&db, &f, as_of, GraphOptions::default(), net::Method::Leiden).unwrap();
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
        assert!(b.brokers.iter().all(|x| x.cross_department >= BROKER_MIN_CROSSING && x.departments_reached >= 2));
        let s = silos(&db, &f, as_of, GraphOptions::default()).unwrap();
        assert_eq!(s.names.len(), s.matrix.len());
        let sum: f64 = s.matrix.iter().flatten().sum();
        let inside: f64 = s.departments.iter().map(|d| d.internal).sum();
        let diagonal: f64 = (0..s.matrix.len()).map(|i| s.matrix[i][i]).sum();
        assert!((inside - diagonal).abs() < 1e-9 && sum >= inside);
        let eis: Vec<f64> = s.departments.iter().filter_map(|d| d.ei).collect();
        assert!(eis.windows(2).all(|w| w[0] <= w[1]), "most inward-looking first");
    }
}
