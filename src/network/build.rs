//! The interaction graph of a period, built from what the store hands over:
//! the interactions of the period (one at a time, as the store reads them),
//! the reporting lines and the survey ties. Nodes are the scope's people and
//! counted accounts, in subject order, isolates included. Interactions lose
//! weight with their age when a half-life is set; a month's interactions are
//! dated to its middle (or the period's end). A tie to oneself is dropped.

use std::collections::HashMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::Graph;
use crate::activity::Interaction;
use crate::activity::facts::Facts;
use crate::activity::measures::Scope;

/// How the graph is built beyond the filter's period, tool and population.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct GraphOptions {
    /// Interactions lose half their weight every this many days before the
    /// period's end (`None`: every interaction weighs one).
    pub half_life_days: Option<f64>,
    /// Which relationships make the graph (`None`: activity and survey).
    pub layers: Option<Layers>,
}

/// The layers of relationships a graph may combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Layers {
    /// Replies, reactions, mentions and shares on the tools.
    pub activity: bool,
    /// Who named whom in a survey ("who do you go to for advice?").
    pub survey: bool,
    /// The directory's reporting lines, both ways.
    pub reports_to: bool,
}

impl Default for Layers {
    fn default() -> Layers {
        Layers { activity: true, survey: true, reports_to: false }
    }
}

impl Layers {
    /// Parses "activity,survey,reports-to" (any of them, any order).
    pub fn parse(s: &str) -> Result<Layers, String> {
        let mut l = Layers { activity: false, survey: false, reports_to: false };
        for part in s.split(',').map(|p| p.trim().to_ascii_lowercase()) {
            match part.as_str() {
                "activity" => l.activity = true,
                "survey" => l.survey = true,
                "reports-to" | "reports_to" | "reportsto" | "managers" => l.reports_to = true,
                "" => {}
                other => return Err(format!("unknown layer '{other}': choose activity, survey, reports-to")),
            }
        }
        if l == (Layers { activity: false, survey: false, reports_to: false }) {
            return Err("choose at least one layer: activity, survey, reports-to".into());
        }
        Ok(l)
    }
}

/// The graph of a period: nodes are the scope's people and counted
/// accounts, in subject order.
#[derive(Debug)]
pub struct Built {
    pub facts: Arc<Facts>,
    pub scope: Scope,
    pub tool: Option<String>,
    /// Each node's subject.
    pub nodes: Vec<u32>,
    pub graph: Graph,
    pub interactions: u64,
}

impl Built {
    /// Each node's department, as the group index `borders` wants.
    pub fn departments(&self) -> Vec<Option<u32>> {
        self.nodes.iter().map(|&s| self.facts.subjects[s as usize].department).collect()
    }

    /// The node's subject (person or account).
    pub fn subject(&self, node: usize) -> &crate::activity::facts::Subject {
        &self.facts.subjects[self.nodes[node] as usize]
    }

    /// The node's department by name.
    pub fn department_of(&self, node: usize) -> Option<String> {
        self.subject(node).department.map(|d| self.facts.departments[d as usize].clone())
    }

    /// Each node's person, where it is one.
    pub fn persons(&self) -> Vec<Option<i64>> {
        (0..self.nodes.len()).map(|i| self.subject(i).person_id).collect()
    }
}

/// Gathers the graph's ties as the store reads them, then [`finish`](Builder::finish)es it.
#[derive(Debug)]
pub struct Builder {
    facts: Arc<Facts>,
    scope: Scope,
    tool: Option<String>,
    nodes: Vec<u32>,
    layers: Layers,
    /// ln 2 / half-life, when interactions decay.
    decay: Option<f64>,
    /// Each counted account's node, by account id (ids are dense).
    actor_node: Vec<u32>,
    edges: Vec<(u32, u32, f64)>,
    interactions: u64,
}

impl Builder {
    pub fn new(facts: Arc<Facts>, scope: Scope, opts: GraphOptions) -> Builder {
        let tool = scope.tool.map(|t| facts.tools[t as usize].name.clone());
        let nodes: Vec<u32> = (0..facts.subjects.len() as u32).filter(|&s| scope.member[s as usize]).collect();
        let mut index = vec![u32::MAX; facts.subjects.len()];
        for (i, &s) in nodes.iter().enumerate() {
            index[s as usize] = i as u32;
        }
        let max_actor = facts.actor_subjects.last().map_or(0, |a| a.0.max(0) as usize);
        let mut actor_node = vec![u32::MAX; max_actor + 1];
        for &(a, s) in &facts.actor_subjects {
            if a >= 0 {
                actor_node[a as usize] = index[s as usize];
            }
        }
        Builder {
            tool,
            nodes,
            layers: opts.layers.unwrap_or_default(),
            decay: opts.half_life_days.filter(|h| *h > 0.0).map(|h| std::f64::consts::LN_2 / h),
            actor_node,
            edges: Vec::new(),
            interactions: 0,
            facts,
            scope,
        }
    }

    /// The tool the graph is limited to, by name.
    pub fn tool(&self) -> Option<&str> {
        self.tool.as_deref()
    }

    /// The days whose interactions to hand over (an empty range when the
    /// activity layer is off).
    pub fn days(&self) -> (i32, i32) {
        if self.layers.activity { (self.scope.from, self.scope.to) } else { (1, 0) }
    }

    pub fn layers(&self) -> Layers {
        self.layers
    }

    fn node(&self, account: i64) -> u32 {
        usize::try_from(account).ok().and_then(|i| self.actor_node.get(i).copied()).unwrap_or(u32::MAX)
    }

    /// One interaction (or a month of them) between two accounts; those
    /// outside the population and ties to oneself are dropped.
    pub fn interaction(&mut self, it: Interaction) {
        let (a, b) = (self.node(it.from), self.node(it.to));
        if a == u32::MAX || b == u32::MAX || a == b {
            return;
        }
        self.interactions += u64::from(it.count);
        let end = self.scope.to;
        let day = if it.month { (it.day + 14).min(end) } else { it.day };
        let w = f64::from(it.count) * self.decay.map_or(1.0, |l| (-l * f64::from(end - day)).exp());
        match self.edges.last_mut() {
            Some(last) if last.0 == a && last.1 == b => last.2 += w,
            _ => self.edges.push((a, b, w)),
        }
    }

    fn node_of_person(&self) -> HashMap<i64, u32> {
        self.nodes
            .iter()
            .enumerate()
            .filter_map(|(i, &s)| self.facts.subjects[s as usize].person_id.map(|p| (p, i as u32)))
            .collect()
    }

    /// The reporting lines (person, manager), a tie both ways each, when
    /// the layer is on.
    pub fn reporting_lines(&mut self, lines: &[(i64, i64)]) {
        if !self.layers.reports_to {
            return;
        }
        let index = self.node_of_person();
        for (person, manager) in lines {
            if let (Some(&a), Some(&b)) = (index.get(person), index.get(manager))
                && a != b
            {
                self.edges.extend([(a, b, 1.0), (b, a, 1.0)]);
            }
        }
    }

    /// Survey ties (from, to, weight) between people, when the layer is on.
    pub fn survey_ties(&mut self, ties: &[(i64, i64, f64)]) {
        if !self.layers.survey {
            return;
        }
        let index = self.node_of_person();
        for (from, to, weight) in ties {
            if let (Some(&a), Some(&b)) = (index.get(from), index.get(to))
                && a != b
            {
                self.edges.push((a, b, *weight));
            }
        }
    }

    pub fn finish(self) -> Built {
        let graph = Graph::new(self.nodes.len(), true, &self.edges);
        Built {
            facts: self.facts,
            scope: self.scope,
            tool: self.tool,
            nodes: self.nodes,
            graph,
            interactions: self.interactions,
        }
    }
}

/// A small built graph for tests: `people[i]` is node i's (person id,
/// department index) — `None` for an account not tied to a person — and
/// the ties are taken as given (directed).
#[cfg(test)]
pub(crate) fn small(people: &[(Option<i64>, Option<u32>)], departments: &[&str], ties: &[(u32, u32)]) -> Built {
    use crate::activity::facts::Subject;
    let subjects = people
        .iter()
        .enumerate()
        .map(|(i, &(person_id, department))| Subject {
            person_id,
            account_id: person_id.is_none().then_some(i as i64),
            name: format!("P{i}"),
            department,
            location: None,
            team: None,
        })
        .collect();
    let facts =
        Facts { subjects, departments: departments.iter().map(|s| s.to_string()).collect(), ..Facts::default() };
    let n = people.len();
    let scope = Scope { tool: None, from: 20_000, to: 20_089, member: vec![true; n], population: n as u32 };
    let edges: Vec<(u32, u32, f64)> = ties.iter().map(|&(a, b)| (a, b, 1.0)).collect();
    Built {
        facts: Arc::new(facts),
        scope,
        tool: None,
        nodes: (0..n as u32).collect(),
        graph: Graph::new(n, true, &edges),
        interactions: ties.len() as u64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activity::facts::Subject;

    fn facts() -> Arc<Facts> {
        let subject = |p: Option<i64>| Subject {
            person_id: p,
            account_id: Some(p.unwrap_or(9) + 100),
            name: String::new(),
            department: None,
            location: None,
            team: None,
        };
        Arc::new(Facts {
            subjects: vec![subject(Some(1)), subject(Some(2)), subject(Some(3)), subject(None)],
            // Accounts 10, 11, 12 are the three people; 13 the unmatched account.
            actor_subjects: vec![(10, 0), (11, 1), (12, 2), (13, 3)],
            ..Facts::default()
        })
    }

    fn scope(member: Vec<bool>) -> Scope {
        let population = member.iter().filter(|m| **m).count() as u32;
        Scope { tool: None, from: 100, to: 189, member, population }
    }

    fn it(from: i64, to: i64, day: i32, count: u32) -> Interaction {
        Interaction { from, to, day, month: false, count }
    }

    #[test]
    fn ties_to_oneself_and_outside_the_population_are_dropped() {
        let mut b = Builder::new(facts(), scope(vec![true, true, false, true]), GraphOptions::default());
        b.interaction(it(10, 11, 150, 2));
        b.interaction(it(10, 11, 151, 1));
        b.interaction(it(10, 10, 150, 5));
        b.interaction(it(10, 12, 150, 1));
        b.interaction(it(13, 10, 150, 1));
        let g = b.finish();
        assert_eq!(g.nodes, vec![0, 1, 3], "person 3 is outside the population");
        assert_eq!(g.interactions, 4, "3 to person 2, 1 from the unmatched account: a tie to oneself is not one");
        assert_eq!(g.graph.out(0), (&[1u32][..], &[3.0][..]), "repeated pairs summed");
        assert_eq!(g.graph.out(2).0, &[0u32][..], "the unmatched account keeps its tie");
    }

    #[test]
    fn a_half_life_halves_a_tie_that_old() {
        let opts = GraphOptions { half_life_days: Some(30.0), layers: None };
        let mut b = Builder::new(facts(), scope(vec![true; 4]), opts);
        b.interaction(it(10, 11, 189, 1));
        b.interaction(it(11, 10, 159, 1));
        let g = b.finish();
        assert!((g.graph.out(0).1[0] - 1.0).abs() < 1e-12, "on the last day: full weight");
        assert!((g.graph.out(1).1[0] - 0.5).abs() < 1e-12, "30 days before the end: half");
    }

    #[test]
    fn layers_choose_the_relationships() {
        let only_lines = GraphOptions {
            half_life_days: None,
            layers: Some(Layers { activity: false, survey: false, reports_to: true }),
        };
        let mut b = Builder::new(facts(), scope(vec![true; 4]), only_lines);
        assert_eq!(b.days(), (1, 0), "no activity is read when its layer is off");
        b.reporting_lines(&[(2, 1), (3, 3)]);
        b.survey_ties(&[(1, 3, 2.0)]);
        let g = b.finish();
        assert_eq!(g.graph.ties(), 2, "one reporting line both ways; the survey layer is off: {:?}", g.graph);
        assert_eq!(
            Layers::parse("survey, reports-to").unwrap(),
            Layers { activity: false, survey: true, reports_to: true }
        );
        assert!(Layers::parse("email").unwrap_err().contains("unknown layer 'email'"));
        assert!(Layers::parse(",").is_err(), "at least one layer");
    }
}
