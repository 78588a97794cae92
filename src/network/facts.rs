//! What the network and the activity say about each person of a graph:
//! the facts the segment rules read (`segments::label_all`) — ranks by
//! PageRank and betweenness among people with ties, who interacts with them
//! from which departments, early adoption of each tool, skills, activity in
//! each half of the period, the last action, when a tool reached their team.

use std::collections::HashMap;

use super::{Built, Measures};
use crate::activity::measures::{Category, adopters};
use crate::activity::{date_of_day, day_of};
use crate::directory::PersonId;
use crate::segments::Facts;

/// Everything gathered about each node of the graph.
pub fn segment_facts(b: &Built, m: &Measures, skills: &[(PersonId, String, bool)]) -> Vec<Facts> {
    let n = b.nodes.len();
    let dept = b.departments();
    let mut out: Vec<Facts> = vec![Facts::default(); n];
    // Ranks among people with ties.
    let has_tie = {
        let mut t = vec![false; n];
        for (u, v, _) in b.graph.arcs() {
            t[u as usize] = true;
            t[v as usize] = true;
        }
        t
    };
    for (scores, pagerank) in [(&m.pagerank, true), (&m.betweenness, false)] {
        let mut order: Vec<usize> = (0..n).filter(|&i| has_tie[i]).collect();
        order.sort_by(|&a, &c| scores[c].total_cmp(&scores[a]).then(a.cmp(&c)));
        for (r, &i) in order.iter().enumerate() {
            if pagerank {
                out[i].pagerank_rank = Some(r as u32 + 1);
            } else if scores[i] > 0.0 {
                out[i].betweenness_rank = Some(r as u32 + 1);
            }
        }
    }
    // Who interacted with whom, by department: a bit per department
    // (a sorted list per person where there are more than 64).
    let wide = b.facts.departments.len() > 64;
    let (mut senders, mut across) = (vec![0u64; n], vec![0u64; n]);
    let (mut sender_lists, mut across_lists): (Vec<Vec<u32>>, Vec<Vec<u32>>) =
        if wide { (vec![Vec::new(); n], vec![Vec::new(); n]) } else { (Vec::new(), Vec::new()) };
    for (u, v, w) in b.graph.arcs() {
        let (u, v) = (u as usize, v as usize);
        let f = &mut out[v];
        f.received += w;
        f.senders += 1;
        if let Some(d) = dept[u] {
            let other = Some(d) != dept[v];
            if other {
                f.received_across += w;
            }
            if wide {
                sender_lists[v].push(d);
                if other {
                    across_lists[v].push(d);
                }
            } else {
                senders[v] |= 1 << d;
                if other {
                    across[v] |= 1 << d;
                }
            }
        }
    }
    for (i, f) in out.iter_mut().enumerate() {
        if wide {
            for list in [&mut sender_lists[i], &mut across_lists[i]] {
                list.sort_unstable();
                list.dedup();
            }
            f.sender_departments = sender_lists[i].len() as u32;
            f.across_departments = across_lists[i].len() as u32;
        } else {
            f.sender_departments = senders[i].count_ones();
            f.across_departments = across[i].count_ones();
        }
    }
    for (f, c) in out.iter_mut().zip(super::crossing(&b.graph, &dept)) {
        f.crossing = c;
    }
    // Early adoption on each tool (over its whole history).
    let mut node_of = vec![u32::MAX; b.facts.subjects.len()];
    for (i, &s) in b.nodes.iter().enumerate() {
        node_of[s as usize] = i as u32;
    }
    for (t, tool) in b.facts.tools.iter().enumerate() {
        if b.scope.tool.is_some_and(|st| st as usize != t) {
            continue;
        }
        let all = adopters(&b.facts, Some(t as u16));
        let total = all.len() as u32;
        for a in all.iter().filter(|a| matches!(a.category, Category::Innovator | Category::EarlyAdopter)) {
            let i = node_of[a.subject as usize];
            if i != u32::MAX {
                out[i as usize].early.push((tool.name.clone(), a.rank, total, date_of_day(a.first_day)));
            }
        }
    }
    // Skills.
    let mut by_person: HashMap<PersonId, Vec<(String, bool)>> = HashMap::new();
    for (p, name, observed) in skills {
        by_person.entry(*p).or_default().push((name.clone(), *observed));
    }
    for (i, &s) in b.nodes.iter().enumerate() {
        if let Some(p) = b.facts.subjects[s as usize].person_id
            && let Some(list) = by_person.remove(&p)
        {
            out[i].skills = list;
        }
    }
    // Activity in each half of the period, and the last action.
    let (from, to) = (b.scope.from, b.scope.to);
    let middle = from + (to - from + 1) / 2;
    // Last active day per node, as a day number (made a date once at the end).
    let mut last = vec![i32::MIN; out.len()];
    for d in &b.facts.days {
        if d.day > to || b.scope.tool.is_some_and(|t| t != d.tool) {
            continue;
        }
        let i = node_of[d.subject as usize];
        if i == u32::MAX {
            continue;
        }
        let f = &mut out[i as usize];
        let actions: u32 = d.counts.iter().sum();
        if actions == 0 {
            continue;
        }
        last[i as usize] = last[i as usize].max(d.day);
        if d.day >= from {
            if d.day < middle {
                f.first_half += actions;
            } else {
                f.second_half += actions;
            }
        }
    }
    for (f, &day) in out.iter_mut().zip(&last) {
        f.last_active = (day != i32::MIN).then(|| date_of_day(day));
    }
    // When a tool first reached each team (or department when no team).
    let group = |s: u32| {
        let sub = &b.facts.subjects[s as usize];
        sub.team.map(|t| (1u8, t)).or(sub.department.map(|d| (0u8, d)))
    };
    let mut reach: HashMap<(u8, u32), (i64, u16)> = HashMap::new();
    for a in &b.facts.accounts {
        let (Some(at), Some(g)) = (a.first_at, group(a.subject)) else { continue };
        if b.scope.tool.is_some_and(|t| t != a.tool) {
            continue;
        }
        let e = reach.entry(g).or_insert((at, a.tool));
        if at < e.0 {
            *e = (at, a.tool);
        }
    }
    for (i, &s) in b.nodes.iter().enumerate() {
        if let Some(&(at, tool)) = group(s).and_then(|g| reach.get(&g)) {
            out[i].reached = Some((b.facts.tools[tool as usize].name.clone(), date_of_day(day_of(at))));
        }
    }
    out
}
