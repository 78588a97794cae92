//! The strategist's overrides on top of the rules: a label added by hand
//! joins with its reason, a label removed leaves (and is listed with its
//! reason); both survive every recompute. [`label_all`] is the one place
//! labels are given: every view, list, export and nudge reads it.

use serde::Serialize;

use super::{Facts, Label, Segment, Thresholds, label};
use crate::activity::measures::Period;
use crate::directory::PersonId;

/// A label added to or removed from a person by hand.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Override {
    pub person_id: PersonId,
    pub segment: String,
    pub added: bool,
    pub reason: String,
    pub at: String,
}

/// One period's label on one person.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PastLabel {
    pub from: String,
    pub to: String,
    pub segment: String,
    pub evidence: String,
}

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

/// One node's labels: the rules' with the person's overrides applied, and
/// the labels the strategist removed.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Labelled {
    pub labels: Vec<Shown>,
    /// Labels the rules gave and the strategist removed: (segment, reason).
    pub removed: Vec<(Segment, String)>,
}

impl Labelled {
    pub fn has(&self, s: Segment) -> bool {
        self.labels.iter().any(|l| l.segment == s)
    }

    pub fn segments(&self) -> Vec<Segment> {
        self.labels.iter().map(|l| l.segment).collect()
    }
}

/// Every node's labels for the period: the rules on each one's facts
/// (percentages of the people with ties), then that person's overrides.
/// `persons[i]` is node i's person (accounts not tied to one have no
/// overrides).
pub fn label_all(
    facts: &[Facts],
    persons: &[Option<PersonId>],
    t: &Thresholds,
    period: &Period,
    overrides: &[Override],
) -> Vec<Labelled> {
    let ranked = facts.iter().filter(|f| f.pagerank_rank.is_some()).count() as u32;
    let mut by_person: std::collections::HashMap<PersonId, Vec<&Override>> = Default::default();
    for o in overrides {
        by_person.entry(o.person_id).or_default().push(o);
    }
    facts
        .iter()
        .zip(persons)
        .map(|(f, p)| {
            let computed = label(f, t, ranked, period.to, period.days);
            let mine = p.and_then(|p| by_person.get(&p)).map(Vec::as_slice).unwrap_or(&[]);
            apply(computed, mine)
        })
        .collect()
}

/// The rules' labels with the overrides applied: an added label joins with
/// its reason, a removed one leaves (and is listed with its reason).
fn apply(computed: Vec<Label>, overrides: &[&Override]) -> Labelled {
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
    Labelled { labels, removed }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    /// 40 people with ties ranked by PageRank; the first two lead (top 5 %).
    fn ranked() -> Vec<Facts> {
        (0..40u32)
            .map(|i| {
                let lead = i < 2;
                Facts {
                    pagerank_rank: Some(i + 1),
                    senders: if lead { 9 } else { 1 },
                    sender_departments: if lead { 4 } else { 1 },
                    received: if lead { 20.0 } else { 1.0 },
                    ..Facts::default()
                }
            })
            .collect()
    }

    fn period() -> Period {
        let to = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        Period { from: to - chrono::Days::new(89), to, days: 90 }
    }

    fn o(person: PersonId, segment: Segment, added: bool) -> Override {
        Override {
            person_id: person,
            segment: segment.key().into(),
            added,
            reason: "seen at the town hall".into(),
            at: "2026-11-02T10:00:00Z".into(),
        }
    }

    #[test]
    fn overrides_add_and_remove_labels_for_their_person_only() {
        let facts = ranked();
        let mut persons: Vec<Option<PersonId>> = (1..=40).map(Some).collect();
        persons[2] = None;
        let overrides = [o(1, Segment::OpinionLeader, false), o(2, Segment::Talent, true)];
        let all = label_all(&facts, &persons, &Thresholds::default(), &period(), &overrides);
        assert!(!all[0].has(Segment::OpinionLeader), "removed by hand for person 1");
        assert_eq!(all[0].removed, vec![(Segment::OpinionLeader, "seen at the town hall".to_owned())]);
        assert!(all[1].has(Segment::OpinionLeader), "person 2 keeps the rules' label");
        let talent = all[1].labels.iter().find(|l| l.segment == Segment::Talent).expect("added by hand");
        assert!(talent.evidence.starts_with("added by hand on 2026-11-02"), "{}", talent.evidence);
        assert!(all[2].labels.is_empty() && all[2].removed.is_empty(), "an account without a person: nothing");
    }

    #[test]
    fn an_added_label_the_rules_also_give_keeps_both_reasons() {
        let persons: Vec<Option<PersonId>> = (7..47).map(Some).collect();
        let all =
            label_all(&ranked(), &persons, &Thresholds::default(), &period(), &[o(7, Segment::OpinionLeader, true)]);
        let l = &all[0].labels[0];
        assert!(l.evidence.contains("by PageRank") && l.evidence.contains("also added by hand"), "{}", l.evidence);
        assert_eq!(all[0].labels.len(), 1, "one label, not two");
    }
}
