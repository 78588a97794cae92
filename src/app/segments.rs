//! Segments of the organisation for a period: the facts about each person
//! gathered from the network, adoption, skills and activity, labelled by
//! the rules (`segments::label`), the strategist's overrides applied on top,
//! and the period's labels kept so a person's trajectory shows.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::activity::date_of_day;
use crate::activity::measures::{Category, Filter, Period, adopters};
use crate::app::network::{Built, GraphOptions, Measures, build, emails, measure};
use crate::directory::PersonId;
use crate::network as net;
use crate::segments::{self, Facts, Segment, Thresholds};
use crate::store::{Db, Override, PastLabel};
use crate::{Error, Result};

/// A label as shown: computed by the rules or added by hand.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Shown {
    pub segment: Segment,
    pub label: &'static str,
    pub evidence: String,
    /// Set when the strategist added the label by hand.
    pub reason: Option<String>,
    /// Orders people within the segment, strongest evidence first.
    pub score: f64,
}

/// A person and their labels.
#[derive(Debug, Clone, Serialize)]
pub struct Segmented {
    pub person_id: PersonId,
    pub name: String,
    pub email: Option<String>,
    pub department: Option<String>,
    pub labels: Vec<Shown>,
    /// Labels the rules gave and the strategist removed: (segment, reason).
    pub removed: Vec<(Segment, String)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SegmentCount {
    pub segment: Segment,
    pub label: &'static str,
    pub people: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct SegmentsReport {
    pub period: Period,
    pub thresholds: Thresholds,
    pub counts: Vec<SegmentCount>,
    /// People with at least one label (or a removed one), by name.
    pub people: Vec<Segmented>,
}

impl SegmentsReport {
    /// The people of one segment, strongest evidence first.
    pub fn of(&self, s: Segment) -> Vec<(&Segmented, &Shown)> {
        let mut v: Vec<(&Segmented, &Shown)> =
            self.people.iter().filter_map(|p| p.labels.iter().find(|l| l.segment == s).map(|l| (p, l))).collect();
        v.sort_by(|a, b| b.1.score.total_cmp(&a.1.score).then_with(|| a.0.name.cmp(&b.0.name)));
        v
    }
}

/// Everything gathered about each node of the graph.
pub fn facts(db: &Db, b: &Built, m: &Measures) -> Result<Vec<Facts>> {
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
    for (f, c) in out.iter_mut().zip(net::crossing(&b.graph, &dept)) {
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
    let mut skills: HashMap<PersonId, Vec<(String, bool)>> = HashMap::new();
    for (p, name, observed) in db.all_skills()? {
        skills.entry(p).or_default().push((name, observed));
    }
    for (i, &s) in b.nodes.iter().enumerate() {
        if let Some(p) = b.facts.subjects[s as usize].person_id
            && let Some(list) = skills.remove(&p)
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
            out[i].reached =
                Some((b.facts.tools[tool as usize].name.clone(), date_of_day(crate::activity::day_of(at))));
        }
    }
    Ok(out)
}

/// Labels every person of the filter's population for its period, applies
/// the overrides, and (for the whole organisation on every tool) keeps the
/// period's labels.
pub fn segments(db: &mut Db, filter: &Filter, today: NaiveDate, opts: GraphOptions) -> Result<SegmentsReport> {
    let b = build(db, filter, today, opts)?;
    let thresholds = db.segment_thresholds()?;
    let all = facts(db, &b, &measure(&b))?;
    let ranked = all.iter().filter(|f| f.pagerank_rank.is_some()).count() as u32;
    let period = b.scope.period();
    let overrides = db.segment_overrides()?;
    let emails = emails(db)?;
    let mut people = Vec::new();
    for (i, f) in all.iter().enumerate() {
        let subject = &b.facts.subjects[b.nodes[i] as usize];
        let Some(pid) = subject.person_id else { continue };
        let computed = segments::label(f, &thresholds, ranked, period.to, period.days);
        let mine: Vec<&Override> = overrides.iter().filter(|o| o.person_id == pid).collect();
        let (labels, removed) = apply(computed, &mine);
        if labels.is_empty() && removed.is_empty() {
            continue;
        }
        people.push(Segmented {
            person_id: pid,
            name: subject.name.clone(),
            email: emails.get(&pid).cloned().flatten(),
            department: subject.department.map(|d| b.facts.departments[d as usize].clone()),
            labels,
            removed,
        });
    }
    people.sort_by(|a, b| a.name.cmp(&b.name).then(a.person_id.cmp(&b.person_id)));
    let counts = Segment::ALL
        .iter()
        .map(|&s| SegmentCount {
            segment: s,
            label: s.label(),
            people: people.iter().filter(|p| p.labels.iter().any(|l| l.segment == s)).count(),
        })
        .collect();
    let whole =
        filter.tool.is_none() && filter.department.is_none() && filter.location.is_none() && filter.team.is_none();
    if whole {
        let rows: Vec<(PersonId, String, String)> = people
            .iter()
            .flat_map(|p| p.labels.iter().map(move |l| (p.person_id, l.segment.key().to_owned(), l.evidence.clone())))
            .collect();
        db.save_segment_history(&period.from.to_string(), &period.to.to_string(), &rows)?;
    }
    Ok(SegmentsReport { period, thresholds, counts, people })
}

/// One person's labels: the rules', with that person's overrides applied
/// (what every view of segments shows).
pub(crate) fn labels_of(
    f: &Facts,
    t: &Thresholds,
    ranked: u32,
    period: &Period,
    person: Option<PersonId>,
    overrides: &[Override],
) -> Vec<Shown> {
    let computed = segments::label(f, t, ranked, period.to, period.days);
    let mine: Vec<&Override> = match person {
        Some(p) => overrides.iter().filter(|o| o.person_id == p).collect(),
        None => Vec::new(),
    };
    apply(computed, &mine).0
}

/// The rules' labels with the overrides applied: an added label joins with
/// its reason, a removed one leaves (and is listed with its reason).
fn apply(computed: Vec<segments::Label>, overrides: &[&Override]) -> (Vec<Shown>, Vec<(Segment, String)>) {
    let mut labels: Vec<Shown> = Vec::new();
    let mut removed = Vec::new();
    for l in computed {
        match overrides.iter().find(|o| o.segment == l.segment.key() && !o.added) {
            Some(o) => removed.push((l.segment, o.reason.clone())),
            None => labels.push(Shown {
                segment: l.segment,
                label: l.segment.label(),
                evidence: l.evidence,
                reason: None,
                score: l.score,
            }),
        }
    }
    for o in overrides.iter().filter(|o| o.added) {
        let Some(segment) = Segment::parse(&o.segment) else { continue };
        if let Some(l) = labels.iter_mut().find(|l| l.segment == segment) {
            l.evidence = format!("{}; also added by hand: {}", l.evidence, o.reason);
            l.reason = Some(o.reason.clone());
            continue;
        }
        labels.push(Shown {
            segment,
            label: segment.label(),
            evidence: format!("added by hand on {}: {}", o.at.get(..10).unwrap_or(&o.at), o.reason),
            reason: Some(o.reason.clone()),
            score: 1e12,
        });
    }
    labels.sort_by_key(|l| l.segment);
    (labels, removed)
}

/// One person's labels, overrides and trajectory.
#[derive(Debug, Clone, Serialize)]
pub struct Explained {
    pub person_id: PersonId,
    pub name: String,
    pub period: Period,
    pub labels: Vec<Shown>,
    pub removed: Vec<(Segment, String)>,
    pub overrides: Vec<Override>,
    /// Labels kept for earlier periods, oldest first.
    pub history: Vec<PastLabel>,
}

/// Why a person has (or lacks) each label, with their trajectory.
pub fn explain(db: &mut Db, key: &str, filter: &Filter, today: NaiveDate, opts: GraphOptions) -> Result<Explained> {
    let id = db.resolve_person(key)?;
    let detail = db.person(id)?;
    let r = segments(db, filter, today, opts)?;
    let found = r.people.into_iter().find(|p| p.person_id == id);
    let (labels, removed) = found.map(|p| (p.labels, p.removed)).unwrap_or_default();
    let overrides = db.segment_overrides()?.into_iter().filter(|o| o.person_id == id).collect();
    Ok(Explained {
        person_id: id,
        name: detail.fields.full_name,
        period: r.period,
        labels,
        removed,
        overrides,
        history: db.segment_history(id)?,
    })
}

/// Adds (`added`) or removes a label by hand, with a reason; it survives every recompute.
pub fn set_override(
    db: &Db,
    key: &str,
    segment: &str,
    added: bool,
    reason: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Override> {
    let person_id = db.resolve_person(key)?;
    let segment = parse(segment)?;
    if reason.trim().is_empty() {
        return Err(Error::Invalid("a reason is needed to add or remove a label by hand".into()));
    }
    let o = Override {
        person_id,
        segment: segment.key().into(),
        added,
        reason: reason.trim().into(),
        at: super::stamp(now),
    };
    db.set_segment_override(&o)?;
    Ok(o)
}

/// Drops an override: the rules alone decide again.
pub fn clear_override(db: &Db, key: &str, segment: &str) -> Result<bool> {
    let person_id = db.resolve_person(key)?;
    Ok(db.clear_segment_override(person_id, parse(segment)?.key())?)
}

/// A segment by key or label; the error lists them.
pub fn parse(s: &str) -> Result<Segment> {
    Segment::parse(s).ok_or_else(|| {
        let keys: Vec<&str> = Segment::ALL.iter().map(|s| s.key()).collect();
        Error::Invalid(format!("unknown segment '{s}': choose {}", keys.join(", ")))
    })
}

/// Sets the thresholds after checking them.
pub fn set_thresholds(db: &Db, t: &Thresholds) -> Result<()> {
    t.check().map_err(Error::Invalid)?;
    Ok(db.set_segment_thresholds(t)?)
}
