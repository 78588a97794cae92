//! Executives and IT allies by attitude: counts of assessments, never names.
//! A group smaller than the privacy threshold is merged with the other, or left out
//! when even together they are too few to stay anonymous.

use super::{BarRow, Body, Quadrant};
use crate::directory::{Attitude, Quadrant as Q, Stakeholder};

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

/// The power/interest grid: how many stakeholders sit in each quadrant and
/// how they lean; a quadrant under the threshold is not broken down.
pub(super) fn grid(all: &[Stakeholder], min_group: u32) -> (String, String, Body) {
    let subtitle = "Assessed stakeholders by influence and interest (4–5 high), and their attitude".to_owned();
    // Reading order: high influence on top, high interest on the right.
    let order = [Q::KeepSatisfied, Q::ManageClosely, Q::Monitor, Q::KeepInformed];
    let placed: Vec<(Q, &Stakeholder)> =
        all.iter().filter_map(|s| Q::of(s.influence, s.interest).map(|q| (q, s))).collect();
    if placed.is_empty() {
        let message =
            "No one is placed on the grid yet: assess influence and interest in the stakeholder map.".to_owned();
        return ("The power/interest grid is empty".into(), subtitle, Body::Empty { message });
    }
    let mut cells = Vec::new();
    for q in order {
        let group: Vec<&Stakeholder> = placed.iter().filter(|(p, _)| *p == q).map(|(_, s)| *s).collect();
        let total = group.len() as u32;
        let parts = (total >= min_group).then(|| leanings(&group).to_vec());
        let mut label = q.label().to_owned();
        label[..1].make_ascii_uppercase();
        cells.push(Quadrant { label, total, parts });
    }
    let close: Vec<&Stakeholder> = placed.iter().filter(|(q, _)| *q == Q::ManageClosely).map(|(_, s)| *s).collect();
    let title = if close.len() >= min_group as usize {
        let n = leanings(&close);
        format!("{} people to manage closely: {} favourable, {} sceptical", close.len(), n[0], n[2])
    } else {
        format!("{} people placed on the power/interest grid", placed.len())
    };
    let parts = ["favourable", "neutral", "sceptical", "not assessed"].map(String::from).to_vec();
    (title, subtitle, Body::Quadrants { cells, x_axis: "interest".into(), y_axis: "influence".into(), parts })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(executive: bool, it_ally: bool, attitude: Option<Attitude>) -> Stakeholder {
        Stakeholder { executive, it_ally, attitude, ..Stakeholder::default() }
    }

    #[test]
    fn the_grid_breaks_down_only_quadrants_large_enough() {
        let placed = |influence, interest, attitude| Stakeholder {
            influence: Some(influence),
            interest: Some(interest),
            attitude,
            ..Stakeholder::default()
        };
        let mut all: Vec<Stakeholder> = (0..5).map(|i| placed(5, 5, (i < 3).then_some(Attitude::Champion))).collect();
        all.push(placed(1, 1, Some(Attitude::Blocker)));
        let (title, _, body) = grid(&all, 5);
        let Body::Quadrants { cells, .. } = body else { panic!("a grid") };
        assert_eq!(cells[1].label, "Manage closely");
        assert_eq!((cells[1].total, cells[1].parts.clone()), (5, Some(vec![3, 0, 0, 2])));
        assert_eq!((cells[2].total, cells[2].parts.clone()), (1, None), "one person's attitude stays private");
        assert_eq!(title, "5 people to manage closely: 3 favourable, 0 sceptical");
        assert!(matches!(grid(&[], 5).2, Body::Empty { .. }));
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
