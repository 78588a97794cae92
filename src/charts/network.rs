//! The network's charts: the map (people as dots placed by their ties,
//! coloured by community — never a name) and champions' coverage by
//! department; both built from [`NetworkChart`], which the app fills.

use super::{BarRow, Body};

/// One person on the map: position (−1…1), relative size (0…1), community
/// (`None`: a community under the privacy threshold, drawn grey).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MapNode {
    pub x: f32,
    pub y: f32,
    pub r: f32,
    pub group: Option<u16>,
}

/// One department's coverage by champions.
#[derive(Debug, Clone, PartialEq)]
pub struct CoverageRow {
    pub name: String,
    pub people: u32,
    pub champions: u32,
    pub within_one: u32,
    pub within_two: u32,
}

/// What the network charts draw.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NetworkChart {
    /// People and accounts, and those with at least one tie.
    pub people: u32,
    pub connected: u32,
    /// The map: tied people, their strongest ties, the communities shown
    /// (label, people), and the modularity.
    pub nodes: Vec<MapNode>,
    pub edges: Vec<(u32, u32)>,
    pub groups: Vec<(String, u32)>,
    /// Communities at or above the privacy threshold (the map colours the largest seven).
    pub communities: u32,
    pub modularity: f64,
    /// Champions, and people of the directory within one and two steps of one.
    pub champions: u32,
    pub directory: u32,
    pub within_one: u32,
    pub within_two: u32,
    /// Departments.
    pub coverage: Vec<CoverageRow>,
}

fn pct(n: u32, of: u32) -> f64 {
    if of == 0 { 0.0 } else { f64::from(n) / f64::from(of) }
}

/// The network map.
pub(super) fn map(n: &NetworkChart, scope: &str) -> (String, String, Body) {
    let subtitle = format!("{} of {} people tied to someone, coloured by community · {scope}", n.connected, n.people);
    if n.nodes.is_empty() {
        let body = Body::Empty { message: "No one interacted with anyone in this period.".into() };
        return ("No interactions in this period".into(), subtitle, body);
    }
    let title = match n.groups.first() {
        Some((label, size)) => format!(
            "{} communities; the largest, {label}, holds {:.0} % of connected people",
            n.communities.max(n.groups.len() as u32),
            pct(*size, n.connected) * 100.0
        ),
        None => "No community large enough to show".into(),
    };
    (title, subtitle, Body::Network { nodes: n.nodes.clone(), edges: n.edges.clone(), groups: n.groups.clone() })
}

/// Champions' coverage by department (groups under `min_group` merged).
pub(super) fn coverage(n: &NetworkChart, scope: &str, min_group: u32) -> (String, String, Body) {
    let subtitle = format!("Share of each department within two steps of a champion (the mark: within one) · {scope}");
    let mut rows: Vec<BarRow> = Vec::new();
    let mut other = CoverageRow { name: String::new(), people: 0, champions: 0, within_one: 0, within_two: 0 };
    let mut merged = 0;
    for c in &n.coverage {
        if c.people < min_group || c.name == "(none)" {
            merged += 1;
            other.people += c.people;
            other.champions += c.champions;
            other.within_one += c.within_one;
            other.within_two += c.within_two;
            continue;
        }
        rows.push(row(&c.name, c));
    }
    rows.sort_by(|a, b| a.share.total_cmp(&b.share).then_with(|| a.label.cmp(&b.label)));
    if merged > 0 && other.people >= min_group {
        rows.push(row(&format!("Other departments ({merged})"), &other));
    }
    if n.champions == 0 {
        let body = Body::Empty { message: "No champion yet: flag champions in the People view.".into() };
        return ("No champion yet".into(), subtitle, body);
    }
    let least = rows.iter().find(|r| !r.label.starts_with("Other departments"));
    let title = match least {
        Some(l) => format!(
            "{:.0} % of people are within two steps of a champion; {} is least covered ({:.0} %)",
            pct(n.within_two, n.directory) * 100.0,
            l.label,
            l.share * 100.0
        ),
        None => format!("{:.0} % of people are within two steps of a champion", pct(n.within_two, n.directory) * 100.0),
    };
    let body =
        Body::Bars { rows, axis: "within two steps of a champion".into(), reference: Some("within one step".into()) };
    (title, subtitle, body)
}

fn row(label: &str, c: &CoverageRow) -> BarRow {
    let share = pct(c.within_two, c.people);
    let champions = match c.champions {
        0 => "no champion".to_owned(),
        1 => "1 champion".to_owned(),
        k => format!("{k} champions"),
    };
    BarRow {
        label: label.to_owned(),
        share,
        note: format!("{:.0} % of {} · {champions}", share * 100.0, c.people),
        reference: Some(pct(c.within_one, c.people)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data() -> NetworkChart {
        let c = |name: &str, people, champions, one, two| CoverageRow {
            name: name.into(),
            people,
            champions,
            within_one: one,
            within_two: two,
        };
        NetworkChart {
            people: 60,
            connected: 40,
            nodes: vec![MapNode { x: 0.0, y: 0.0, r: 1.0, group: Some(0) }],
            edges: vec![],
            groups: vec![("mostly Sales".into(), 25), ("mostly IT".into(), 10)],
            communities: 2,
            modularity: 0.4,
            champions: 3,
            directory: 60,
            within_one: 20,
            within_two: 45,
            coverage: vec![
                c("Sales", 30, 2, 15, 28),
                c("IT", 26, 1, 5, 15),
                c("Legal", 3, 0, 0, 2),
                c("(none)", 1, 0, 0, 0),
            ],
        }
    }

    #[test]
    fn coverage_states_the_finding_and_merges_small_departments() {
        let (title, _, body) = coverage(&data(), "2026", 5);
        assert_eq!(title, "75 % of people are within two steps of a champion; IT is least covered (58 %)");
        let Body::Bars { rows, .. } = body else { panic!() };
        let labels: Vec<&str> = rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(labels, ["IT", "Sales"], "Legal (3) and no department (1) are merged, and 4 is under the threshold");
        assert_eq!(rows[0].note, "58 % of 26 · 1 champion");
        let none = NetworkChart { champions: 0, ..data() };
        assert_eq!(coverage(&none, "2026", 5).0, "No champion yet");
    }

    #[test]
    fn the_map_names_communities_never_people() {
        let (title, sub, body) = map(&data(), "2026");
        assert_eq!(title, "2 communities; the largest, mostly Sales, holds 62 % of connected people");
        assert!(sub.starts_with("40 of 60 people"));
        assert!(matches!(body, Body::Network { .. }));
    }
}
