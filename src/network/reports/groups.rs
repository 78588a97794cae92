//! The network by groups: its communities, the brokers between
//! departments, and the departments that talk mostly to themselves.

use serde::Serialize;

use super::{Emails, email_of};
use crate::activity::measures::Period;
use crate::network::{self as net, Built, Measures, SEED, pagerank_of};

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
pub fn communities(b: &Built, method: net::Method) -> CommunitiesReport {
    let pagerank = pagerank_of(&b.graph);
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
    CommunitiesReport { period: b.scope.period(), method, modularity: c.modularity, communities, isolated }
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
pub fn brokers(b: &Built, m: &Measures, emails: &Emails) -> BrokersReport {
    let crossing = net::crossing(&b.graph, &b.departments());
    let mut brokers: Vec<Broker> = (0..b.nodes.len())
        .filter_map(|i| {
            let (share, reached) = crossing[i]?;
            if m.betweenness[i] <= 0.0 || share < BROKER_MIN_CROSSING || reached < 2 {
                return None;
            }
            let s = &b.facts.subjects[b.nodes[i] as usize];
            Some(Broker {
                name: s.name.clone(),
                email: email_of(emails, s.person_id),
                department: s.department.map(|d| b.facts.departments[d as usize].clone()),
                betweenness: m.betweenness[i],
                cross_department: share,
                departments_reached: reached,
            })
        })
        .collect();
    brokers.sort_by(|a, b| b.betweenness.total_cmp(&a.betweenness).then_with(|| a.name.cmp(&b.name)));
    BrokersReport { period: b.scope.period(), betweenness: m.betweenness_how.clone(), brokers }
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
pub fn silos(b: &Built) -> SilosReport {
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
    SilosReport { period: b.scope.period(), departments, names, matrix }
}
