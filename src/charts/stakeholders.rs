//! Executives and IT allies by attitude: counts of assessments, never names.
//! A group smaller than the privacy threshold is merged with the other, or left out
//! when even together they are too few to stay anonymous.

use super::{BarRow, Body};
use crate::directory::{Attitude, Stakeholder};

/// The attitudes, read as a strategist reads them.
const LEANINGS: [(&str, &[Attitude]); 3] = [
    ("favourable", &[Attitude::Champion, Attitude::Supporter]),
    ("neutral", &[Attitude::Neutral]),
    ("sceptical", &[Attitude::Sceptic, Attitude::Blocker]),
];

/// How many of `group` lean each way, and how many are not assessed yet.
fn leanings(group: &[&Stakeholder]) -> [u32; 4] {
    let mut n = [0u32; 4];
    for s in group {
        let i = match s.attitude {
            Some(a) => LEANINGS.iter().position(|(_, set)| set.contains(&a)).unwrap_or(3),
            None => 3,
        };
        n[i] += 1;
    }
    n
}

fn rows(name: &str, group: &[&Stakeholder]) -> Vec<BarRow> {
    let n = leanings(group);
    let total = group.len() as f64;
    let labels = ["favourable", "neutral", "sceptical", "not assessed yet"];
    labels
        .iter()
        .zip(n)
        .map(|(label, k)| BarRow {
            label: format!("{name}: {label}"),
            share: f64::from(k) / total,
            note: format!("{k} of {}", group.len()),
            reference: None,
        })
        .collect()
}

pub(super) fn chart(all: &[Stakeholder], min_group: u32) -> (String, String, Body) {
    let executives: Vec<&Stakeholder> = all.iter().filter(|s| s.executive).collect();
    let allies: Vec<&Stakeholder> = all.iter().filter(|s| s.it_ally && !s.executive).collect();
    let min = min_group as usize;
    let subtitle = format!(
        "Attitude towards the conversation, as assessed in the stakeholder map · groups under {min_group} people merged"
    );
    let mut body = Vec::new();
    let mut groups: Vec<(&str, Vec<&Stakeholder>)> = Vec::new();
    match (executives.len() >= min, allies.len() >= min) {
        (true, true) => {
            groups.push(("Executives", executives));
            groups.push(("IT allies", allies));
        }
        _ if executives.len() + allies.len() >= min => {
            groups.push(("Executives and IT allies", executives.into_iter().chain(allies).collect()));
        }
        _ => {
            let message = format!(
                "Fewer than {min_group} executives and IT allies are flagged in the directory: their attitudes stay private."
            );
            return ("Executives and IT allies: too few to show".into(), subtitle, Body::Empty { message });
        }
    }
    for (name, group) in &groups {
        body.extend(rows(name, group));
    }
    let (name, first) = &groups[0];
    let n = leanings(first);
    let title = format!(
        "{} of {} {} favourable, {} sceptical, {} not assessed yet",
        n[0],
        first.len(),
        name.to_lowercase(),
        n[2],
        n[3]
    );
    let axis = "share of the group".to_owned();
    (title, subtitle, Body::Bars { rows: body, axis, reference: None })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(executive: bool, it_ally: bool, attitude: Option<Attitude>) -> Stakeholder {
        Stakeholder { executive, it_ally, attitude, ..Stakeholder::default() }
    }

    #[test]
    fn groups_too_small_are_merged_then_hidden() {
        let mut all: Vec<Stakeholder> = (0..3).map(|_| person(true, false, Some(Attitude::Supporter))).collect();
        all.push(person(false, true, Some(Attitude::Blocker)));
        let (title, _, body) = chart(&all, 5);
        assert!(matches!(body, Body::Empty { .. }), "4 people: nothing shown ({title})");
        all.push(person(false, true, None));
        let (title, _, body) = chart(&all, 5);
        let Body::Bars { rows, .. } = body else { panic!("bars") };
        assert!(rows.iter().all(|r| r.label.starts_with("Executives and IT allies")), "merged: {rows:?}");
        assert_eq!(title, "3 of 5 executives and it allies favourable, 1 sceptical, 1 not assessed yet");
        all.extend((0..2).map(|_| person(true, false, Some(Attitude::Sceptic))));
        all.extend((0..3).map(|_| person(false, true, None)));
        let (title, _, body) = chart(&all, 5);
        let Body::Bars { rows, .. } = body else { panic!("bars") };
        assert_eq!(rows.len(), 8, "two groups of five or more, four rows each");
        assert_eq!(title, "3 of 5 executives favourable, 2 sceptical, 0 not assessed yet");
        assert_eq!(rows[0].note, "3 of 5");
    }
}
