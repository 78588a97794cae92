//! The champions network (seed skill 7): who the champions are, how much of
//! the organisation is within one and two steps of one, where there is
//! none, whom to recruit next and why, and whom each champion could bring in.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use serde::Serialize;

use crate::Result;
use crate::activity::measures::{Filter, Period};
use crate::app::network::{Built, GraphOptions, Layers, build, emails};
use crate::directory::PersonId;
use crate::network::{self as net, CoverOptions};
use crate::segments::{self, Segment};
use crate::store::Db;

/// A champion on the roster.
#[derive(Debug, Clone, Serialize)]
pub struct Champion {
    pub person_id: PersonId,
    pub name: String,
    pub email: Option<String>,
    pub department: Option<String>,
    pub location: Option<String>,
    /// When they became a champion (or joined the directory).
    pub since: String,
    /// People within one and two steps of them.
    pub within_one: u32,
    pub within_two: u32,
}

/// Coverage of one department or location.
#[derive(Debug, Clone, Serialize)]
pub struct GroupCoverage {
    pub name: String,
    pub people: u32,
    pub champions: u32,
    pub within_one: u32,
    pub within_two: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct CoverageReport {
    pub period: Period,
    pub champions: Vec<Champion>,
    pub people: u32,
    /// People (champions included) within one and two steps of a champion.
    pub within_one: u32,
    pub within_two: u32,
    /// Least covered first.
    pub departments: Vec<GroupCoverage>,
    pub locations: Vec<GroupCoverage>,
}

impl CoverageReport {
    pub fn share(&self, n: u32) -> f64 {
        if self.people == 0 { 0.0 } else { f64::from(n) / f64::from(self.people) }
    }
}

/// The graph, who is a person of the directory, and who is a champion.
struct Network {
    b: Built,
    person: Vec<bool>,
    champions: Vec<u32>,
    since: HashMap<PersonId, String>,
}

fn network(db: &Db, filter: &Filter, today: NaiveDate, opts: GraphOptions) -> Result<Network> {
    network_of(db, build(db, filter, today, opts)?)
}

fn network_of(db: &Db, b: Built) -> Result<Network> {
    let since: HashMap<PersonId, String> = db.champion_since()?.into_iter().collect();
    let person: Vec<bool> = b.nodes.iter().map(|&s| b.facts.subjects[s as usize].person_id.is_some()).collect();
    let champions = (0..b.nodes.len() as u32)
        .filter(|&i| b.facts.subjects[b.nodes[i as usize] as usize].person_id.is_some_and(|p| since.contains_key(&p)))
        .collect();
    Ok(Network { b, person, champions, since })
}

fn coverage_of(n: &Network, dist: &[u8], period: Period, emails: &HashMap<i64, Option<String>>) -> CoverageReport {
    let b = &n.b;
    let subject = |i: usize| &b.facts.subjects[b.nodes[i] as usize];
    let mut by: [BTreeMap<String, GroupCoverage>; 2] = [BTreeMap::new(), BTreeMap::new()];
    let (mut people, mut one, mut two) = (0, 0, 0);
    let champion: HashSet<u32> = n.champions.iter().copied().collect();
    for i in (0..b.nodes.len()).filter(|&i| n.person[i]) {
        let s = subject(i);
        people += 1;
        one += u32::from(dist[i] <= 1);
        two += u32::from(dist[i] <= 2);
        let names = [
            s.department.map(|d| b.facts.departments[d as usize].clone()),
            s.location.map(|l| b.facts.locations[l as usize].clone()),
        ];
        for (map, name) in by.iter_mut().zip(names) {
            let name = name.unwrap_or_else(|| "(none)".into());
            let g = map.entry(name.clone()).or_insert(GroupCoverage {
                name,
                people: 0,
                champions: 0,
                within_one: 0,
                within_two: 0,
            });
            g.people += 1;
            g.champions += u32::from(champion.contains(&(i as u32)));
            g.within_one += u32::from(dist[i] <= 1);
            g.within_two += u32::from(dist[i] <= 2);
        }
    }
    let sorted = |m: BTreeMap<String, GroupCoverage>| {
        let mut v: Vec<GroupCoverage> = m.into_values().collect();
        v.sort_by(|a, b| {
            let share = |g: &GroupCoverage| f64::from(g.within_two) / f64::from(g.people.max(1));
            share(a).total_cmp(&share(b)).then_with(|| a.name.cmp(&b.name))
        });
        v
    };
    let [departments, locations] = by;
    let champions = n
        .champions
        .iter()
        .map(|&c| {
            let s = subject(c as usize);
            let pid = s.person_id.expect("champions are people");
            let d = net::distance_from(n.b.graph.undirected(), &[c], 2);
            let reach = |k: u8| (0..d.len()).filter(|&i| n.person[i] && i != c as usize && d[i] <= k).count() as u32;
            Champion {
                person_id: pid,
                name: s.name.clone(),
                email: emails.get(&pid).cloned().flatten(),
                department: s.department.map(|x| b.facts.departments[x as usize].clone()),
                location: s.location.map(|x| b.facts.locations[x as usize].clone()),
                since: n.since.get(&pid).map(|t| t.get(..10).unwrap_or(t).to_owned()).unwrap_or_default(),
                within_one: reach(1),
                within_two: reach(2),
            }
        })
        .collect();
    CoverageReport {
        period,
        champions,
        people,
        within_one: one,
        within_two: two,
        departments: sorted(departments),
        locations: sorted(locations),
    }
}

/// The roster and its coverage, per department and location.
pub fn coverage(db: &Db, filter: &Filter, today: NaiveDate, opts: GraphOptions) -> Result<CoverageReport> {
    coverage_in(db, build(db, filter, today, opts)?)
}

/// [`coverage`] on a graph already built.
pub(crate) fn coverage_in(db: &Db, b: Built) -> Result<CoverageReport> {
    let n = network_of(db, b)?;
    let dist = net::distance_from(n.b.graph.undirected(), &n.champions, 2);
    Ok(coverage_of(&n, &dist, n.b.scope.period(), &emails(db)?))
}

/// Someone worth recruiting, and why.
#[derive(Debug, Clone, Serialize)]
pub struct Suggestion {
    pub person_id: PersonId,
    pub name: String,
    pub email: Option<String>,
    pub department: Option<String>,
    /// People this pick brings within one step, and within two.
    pub brings_one: u32,
    pub brings_two: u32,
    pub segments: Vec<Segment>,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SuggestReport {
    pub period: Period,
    pub people: u32,
    /// People within two steps of a champion now, and with the suggestions.
    pub within_two_now: u32,
    pub within_two_after: u32,
    pub suggestions: Vec<Suggestion>,
}

/// Opinion leaders and early adopters weigh more: they are listened to and go first.
const LEADER_BONUS: f64 = 1.5;
const EARLY_BONUS: f64 = 1.25;
/// Each suggestion already made in a department multiplies the next one's gain there by this.
const SPREAD: f64 = 0.7;

/// The next `k` people who would raise coverage most (greedy maximum
/// coverage favouring opinion leaders and early adopters, spread across
/// departments), each with the reason.
pub fn suggest(db: &Db, filter: &Filter, today: NaiveDate, opts: GraphOptions, k: usize) -> Result<SuggestReport> {
    let n = network(db, filter, today, opts)?;
    let b = &n.b;
    let dist = net::distance_from(n.b.graph.undirected(), &n.champions, 2);
    let facts = super::segments::facts(db, b, &crate::app::network::measure(b))?;
    let thresholds = db.segment_thresholds()?;
    let ranked = facts.iter().filter(|f| f.pagerank_rank.is_some()).count() as u32;
    let period = b.scope.period();
    let labels: Vec<Vec<Segment>> = facts
        .iter()
        .map(|f| {
            segments::label(f, &thresholds, ranked, period.to, period.days).into_iter().map(|l| l.segment).collect()
        })
        .collect();
    let bonus: Vec<f64> = labels
        .iter()
        .map(|l| {
            (if l.contains(&Segment::OpinionLeader) { LEADER_BONUS } else { 1.0 })
                * (if l.contains(&Segment::EarlyAdopter) { EARLY_BONUS } else { 1.0 })
        })
        .collect();
    let group = b.departments();
    let candidates: Vec<u32> =
        (0..b.nodes.len() as u32).filter(|&i| n.person[i as usize] && dist[i as usize] != 0).collect();
    let picks = net::greedy_cover(
        n.b.graph.undirected(),
        &dist,
        k,
        &CoverOptions { candidates: &candidates, counts: &n.person, bonus: &bonus, group: &group, spread: SPREAD },
    );
    let mut covered_departments: HashSet<u32> =
        n.champions.iter().filter_map(|&c| group[c as usize]).collect::<HashSet<_>>();
    let emails = emails(db)?;
    let mut after = dist.clone();
    let mut suggestions = Vec::new();
    for p in &picks {
        let i = p.node as usize;
        let s = &b.facts.subjects[b.nodes[i] as usize];
        let pid = s.person_id.expect("candidates are people");
        let dept = s.department.map(|d| b.facts.departments[d as usize].clone());
        let mut why = vec![format!(
            "would put {} more people within one step of a champion and {} more within two",
            p.new_one, p.new_two
        )];
        if let Some(d) = s.department
            && covered_departments.insert(d)
        {
            why.push(format!("{} has no champion yet", b.facts.departments[d as usize]));
        }
        let segs: Vec<Segment> = labels[i]
            .iter()
            .copied()
            .filter(|s| matches!(s, Segment::OpinionLeader | Segment::EarlyAdopter | Segment::Broker))
            .collect();
        why.extend(segs.iter().map(|s| s.label().to_lowercase()));
        let d = net::distance_from(n.b.graph.undirected(), &[p.node], 2);
        for (a, x) in after.iter_mut().zip(d) {
            *a = (*a).min(x);
        }
        suggestions.push(Suggestion {
            person_id: pid,
            name: s.name.clone(),
            email: emails.get(&pid).cloned().flatten(),
            department: dept,
            brings_one: p.new_one,
            brings_two: p.new_two,
            segments: segs,
            reason: why.join("; "),
        });
    }
    let count = |d: &[u8]| (0..d.len()).filter(|&i| n.person[i] && d[i] <= 2).count() as u32;
    Ok(SuggestReport {
        period,
        people: n.person.iter().filter(|&&p| p).count() as u32,
        within_two_now: count(&dist),
        within_two_after: count(&after),
        suggestions,
    })
}

/// Someone a champion could bring in.
#[derive(Debug, Clone, Serialize)]
pub struct Nudgee {
    pub person_id: PersonId,
    pub name: String,
    pub department: Option<String>,
    /// "same team", "reports to them", "their manager", "1 step", "2 steps".
    pub how: String,
    pub evidence: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Nudges {
    pub champion: String,
    pub person_id: PersonId,
    pub people: Vec<Nudgee>,
}

/// For each champion, the people not yet engaged within their reach: their
/// team, their reporting line, and two steps of the network with the
/// reporting lines added. Never exported: it names people who do not take part.
pub fn nudges(db: &Db, filter: &Filter, today: NaiveDate, opts: GraphOptions) -> Result<Vec<Nudges>> {
    let layers = Layers { reports_to: true, ..opts.layers.unwrap_or_default() };
    let n = network(db, filter, today, GraphOptions { layers: Some(layers), ..opts })?;
    let b = &n.b;
    let facts = super::segments::facts(db, b, &crate::app::network::measure(b))?;
    let thresholds = db.segment_thresholds()?;
    let ranked = facts.iter().filter(|f| f.pagerank_rank.is_some()).count() as u32;
    let period = b.scope.period();
    let overrides = db.segment_overrides()?;
    let quiet: HashMap<usize, String> = facts
        .iter()
        .enumerate()
        .filter(|(i, _)| n.person[*i])
        .filter_map(|(i, f)| {
            let pid = b.facts.subjects[b.nodes[i] as usize].person_id?;
            super::segments::labels_of(f, &thresholds, ranked, &period, Some(pid), &overrides)
                .into_iter()
                .find(|l| l.segment == Segment::NotYetEngaged)
                .map(|l| (i, l.evidence))
        })
        .collect();
    let lines: HashSet<(PersonId, PersonId)> = db.reporting_lines()?.into_iter().collect();
    let mut out = Vec::new();
    for &c in &n.champions {
        let cs = &b.facts.subjects[b.nodes[c as usize] as usize];
        let cpid = cs.person_id.expect("champions are people");
        let d = net::distance_from(n.b.graph.undirected(), &[c], 2);
        let mut people: Vec<Nudgee> = quiet
            .iter()
            .filter_map(|(&i, evidence)| {
                let s = &b.facts.subjects[b.nodes[i] as usize];
                let pid = s.person_id?;
                let how = if lines.contains(&(pid, cpid)) {
                    "reports to them"
                } else if lines.contains(&(cpid, pid)) {
                    "their manager"
                } else if cs.team.is_some() && s.team == cs.team {
                    "same team"
                } else if d[i] == 1 {
                    "1 step"
                } else if d[i] == 2 {
                    "2 steps"
                } else {
                    return None;
                };
                Some(Nudgee {
                    person_id: pid,
                    name: s.name.clone(),
                    department: s.department.map(|x| b.facts.departments[x as usize].clone()),
                    how: how.into(),
                    evidence: evidence.clone(),
                })
            })
            .collect();
        let rank = |h: &str| {
            ["reports to them", "their manager", "same team", "1 step", "2 steps"].iter().position(|x| *x == h)
        };
        people.sort_by(|a, b| rank(&a.how).cmp(&rank(&b.how)).then_with(|| a.name.cmp(&b.name)));
        out.push(Nudges { champion: cs.name.clone(), person_id: cpid, people });
    }
    Ok(out)
}

/// Makes a person a champion (recorded in their history).
pub fn add_champion(db: &mut Db, key: &str, now: chrono::DateTime<chrono::Utc>) -> Result<PersonId> {
    use crate::directory::fields::{Edit, Field, Value};
    let id = db.resolve_person(key)?;
    super::directory::edit_person(db, id, &[Edit { field: Field::Champion, value: Value::Bool(true) }], now)?;
    Ok(id)
}
