//! The champions network (seed skill 7): who the champions are, how much of
//! the organisation is within one and two steps of one, where there is
//! none, whom to recruit next and why, and whom each champion could bring in.
//! Pure: a built graph, the roster (who is a champion since when), the
//! segment labels and the reporting lines go in; the reports come out.
//!
//! Conventions: distances are hops over ties taken both ways; only people of
//! the directory count (accounts not tied to a person are stepping stones,
//! never counted); a champion is within zero steps of themselves.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use crate::activity::measures::Period;
use crate::charts::{CoverageRow, NetworkChart};
use crate::directory::PersonId;
use crate::network::reports::{Emails, email_of};
use crate::network::{self as net, Built, CoverOptions};
use crate::segments::{Labelled, Segment};

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
struct Network<'a> {
    b: &'a Built,
    person: Vec<bool>,
    champions: Vec<u32>,
    since: &'a HashMap<PersonId, String>,
}

impl<'a> Network<'a> {
    /// `since`: each champion's start (RFC 3339 or a date).
    fn new(b: &'a Built, since: &'a HashMap<PersonId, String>) -> Network<'a> {
        let person: Vec<bool> = (0..b.nodes.len()).map(|i| b.subject(i).person_id.is_some()).collect();
        let champions = (0..b.nodes.len() as u32)
            .filter(|&i| b.subject(i as usize).person_id.is_some_and(|p| since.contains_key(&p)))
            .collect();
        Network { b, person, champions, since }
    }
}

fn coverage_of(n: &Network, dist: &[u8], period: Period, emails: &Emails) -> CoverageReport {
    let b = n.b;
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
            let d = net::distance_from(b.graph.undirected(), &[c], 2);
            let reach = |k: u8| (0..d.len()).filter(|&i| n.person[i] && i != c as usize && d[i] <= k).count() as u32;
            Champion {
                person_id: pid,
                name: s.name.clone(),
                email: email_of(emails, Some(pid)),
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
pub fn coverage(b: &Built, since: &HashMap<PersonId, String>, emails: &Emails) -> CoverageReport {
    let n = Network::new(b, since);
    let dist = net::distance_from(b.graph.undirected(), &n.champions, 2);
    coverage_of(&n, &dist, b.scope.period(), emails)
}

/// Champions' coverage into the chart family that draws the map.
pub fn fill_chart(cov: &CoverageReport, chart: &mut NetworkChart) {
    chart.champions = cov.champions.len() as u32;
    chart.directory = cov.people;
    chart.within_one = cov.within_one;
    chart.within_two = cov.within_two;
    chart.coverage = cov
        .departments
        .iter()
        .map(|g| CoverageRow {
            name: g.name.clone(),
            people: g.people,
            champions: g.champions,
            within_one: g.within_one,
            within_two: g.within_two,
        })
        .collect();
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
/// `labels`: each node's segments (`segments::label_all`).
pub fn suggest(
    b: &Built,
    since: &HashMap<PersonId, String>,
    labels: &[Labelled],
    emails: &Emails,
    k: usize,
) -> SuggestReport {
    let n = Network::new(b, since);
    let dist = net::distance_from(b.graph.undirected(), &n.champions, 2);
    let period = b.scope.period();
    let labels: Vec<Vec<Segment>> = labels.iter().map(Labelled::segments).collect();
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
        b.graph.undirected(),
        &dist,
        k,
        &CoverOptions { candidates: &candidates, counts: &n.person, bonus: &bonus, group: &group, spread: SPREAD },
    );
    let mut covered_departments: HashSet<u32> =
        n.champions.iter().filter_map(|&c| group[c as usize]).collect::<HashSet<_>>();
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
        let d = net::distance_from(b.graph.undirected(), &[p.node], 2);
        for (a, x) in after.iter_mut().zip(d) {
            *a = (*a).min(x);
        }
        suggestions.push(Suggestion {
            person_id: pid,
            name: s.name.clone(),
            email: email_of(emails, Some(pid)),
            department: dept,
            brings_one: p.new_one,
            brings_two: p.new_two,
            segments: segs,
            reason: why.join("; "),
        });
    }
    let count = |d: &[u8]| (0..d.len()).filter(|&i| n.person[i] && d[i] <= 2).count() as u32;
    SuggestReport {
        period,
        people: n.person.iter().filter(|&&p| p).count() as u32,
        within_two_now: count(&dist),
        within_two_after: count(&after),
        suggestions,
    }
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
/// reporting lines added (`b` should be built with the reports-to layer).
/// `lines`: (person, manager). Never exported: it names people who do not
/// take part.
pub fn nudges(
    b: &Built,
    since: &HashMap<PersonId, String>,
    labels: &[Labelled],
    lines: &[(PersonId, PersonId)],
) -> Vec<Nudges> {
    let n = Network::new(b, since);
    let quiet: HashMap<usize, String> = labels
        .iter()
        .enumerate()
        .filter(|(i, _)| n.person[*i])
        .filter_map(|(i, l)| {
            l.labels.iter().find(|l| l.segment == Segment::NotYetEngaged).map(|l| (i, l.evidence.clone()))
        })
        .collect();
    let lines: HashSet<(PersonId, PersonId)> = lines.iter().copied().collect();
    let mut out = Vec::new();
    for &c in &n.champions {
        let cs = &b.facts.subjects[b.nodes[c as usize] as usize];
        let cpid = cs.person_id.expect("champions are people");
        let d = net::distance_from(b.graph.undirected(), &[c], 2);
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
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::small;
    use crate::segments::Shown;

    fn since(people: &[i64]) -> HashMap<PersonId, String> {
        people.iter().map(|&p| (p, "2026-09-01T10:00:00Z".to_owned())).collect()
    }

    fn label(segment: Segment, evidence: &str) -> Labelled {
        Labelled {
            labels: vec![Shown {
                segment,
                label: segment.label(),
                evidence: evidence.into(),
                reason: None,
                score: 1.0,
            }],
            removed: Vec::new(),
        }
    }

    /// A path 0–1–2–3–4 (people 10…14, departments A A A B B), and a
    /// second group 5–6–7 (B B C) joined to it only through an account (8).
    fn path() -> Built {
        small(
            &[
                (Some(10), Some(0)),
                (Some(11), Some(0)),
                (Some(12), Some(0)),
                (Some(13), Some(1)),
                (Some(14), Some(1)),
                (Some(15), Some(1)),
                (Some(16), Some(1)),
                (Some(17), Some(2)),
                (None, None),
            ],
            &["A", "B", "C"],
            &[(0, 1), (1, 2), (2, 3), (3, 4), (5, 6), (7, 6), (4, 8), (8, 5)],
        )
    }

    #[test]
    fn coverage_counts_people_within_one_and_two_steps() {
        let b = path();
        let cov = coverage(&b, &since(&[10]), &Emails::new());
        assert_eq!(cov.people, 8, "the account is not a person of the directory");
        assert_eq!((cov.within_one, cov.within_two), (2, 3), "0 and 1 within one step, 2 within two");
        let champion = &cov.champions[0];
        assert_eq!((champion.within_one, champion.within_two), (1, 2), "a champion's own reach leaves them out");
        assert_eq!(champion.since, "2026-09-01");
        let names: Vec<&str> = cov.departments.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(names, ["B", "C", "A"], "least covered first (B and C none, A all three)");
        assert_eq!(cov.departments[2].within_two, 3);
    }

    #[test]
    fn an_account_is_a_stepping_stone_but_never_counted() {
        let b = path();
        // A champion at 4 reaches 5 through the account 8 in two steps.
        let cov = coverage(&b, &since(&[14]), &Emails::new());
        assert_eq!(cov.within_two, 4, "3, 4 itself, 2 and 5 (through the account)");
    }

    #[test]
    fn suggestions_go_where_no_champion_is_and_say_why() {
        let b = path();
        let mut labels = vec![Labelled::default(); 9];
        labels[6] = label(Segment::OpinionLeader, "top 2 % by PageRank");
        let r = suggest(&b, &since(&[10]), &labels, &Emails::new(), 1);
        assert_eq!(r.suggestions.len(), 1);
        let s = &r.suggestions[0];
        assert_eq!(s.person_id, 16, "the hub of the uncovered group, an opinion leader: {r:?}");
        assert!(s.reason.contains("B has no champion yet") && s.reason.contains("opinion leader"), "{}", s.reason);
        assert_eq!((r.within_two_now, r.within_two_after), (3, 6), "5, 6 and 7 join");
        assert!(suggest(&b, &since(&[10]), &labels, &Emails::new(), 0).suggestions.is_empty());
    }

    #[test]
    fn nudges_list_the_not_yet_engaged_in_reach_closest_line_first() {
        let b = path();
        let mut labels = vec![Labelled::default(); 9];
        for i in [1, 2, 4] {
            labels[i] = label(Segment::NotYetEngaged, "no action since the tool reached their team");
        }
        // 12 reports to 10; 14 is out of reach.
        let n = nudges(&b, &since(&[10]), &labels, &[(12, 10)]);
        assert_eq!(n.len(), 1);
        let how: Vec<(&str, &str)> = n[0].people.iter().map(|p| (p.name.as_str(), p.how.as_str())).collect();
        assert_eq!(how, [("P2", "reports to them"), ("P1", "1 step")], "P4 is three steps away");
        assert!(n[0].people.iter().all(|p| p.evidence.contains("no action")), "the label's evidence travels");
    }
}
