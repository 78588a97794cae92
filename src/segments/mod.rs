//! People segments with their evidence (seed skill 2: where the talent is,
//! who the opinion leaders, early adopters and not-yet-engaged people are).
//! Pure: the facts about each person go in, labels with the reason for each
//! come out, by thresholds the strategist tunes, with the strategist's
//! overrides on top ([`label_all`]). The facts come from the network
//! (`network::segment_facts`); the store keeps overrides and history.

use serde::{Deserialize, Serialize};

mod overrides;
mod rules;

pub use overrides::{Labelled, Override, PastLabel, Shown, label_all};
pub use rules::{Facts, label};

/// A segment. The words are respectful: people who do not take part yet are
/// "not yet engaged", never "non-collaborative".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Segment {
    OpinionLeader,
    EarlyAdopter,
    Talent,
    Broker,
    NotYetEngaged,
}

impl Segment {
    pub const ALL: [Segment; 5] =
        [Segment::OpinionLeader, Segment::EarlyAdopter, Segment::Talent, Segment::Broker, Segment::NotYetEngaged];

    /// The key used on the command line and in the store.
    pub fn key(self) -> &'static str {
        match self {
            Segment::OpinionLeader => "opinion-leader",
            Segment::EarlyAdopter => "early-adopter",
            Segment::Talent => "talent",
            Segment::Broker => "broker",
            Segment::NotYetEngaged => "not-yet-engaged",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Segment::OpinionLeader => "Opinion leader",
            Segment::EarlyAdopter => "Early adopter",
            Segment::Talent => "Talent",
            Segment::Broker => "Broker",
            Segment::NotYetEngaged => "Not yet engaged",
        }
    }

    /// A segment by key or label; the error lists the keys.
    pub fn parse_named(s: &str) -> Result<Segment, String> {
        Segment::parse(s).ok_or_else(|| {
            let keys: Vec<&str> = Segment::ALL.iter().map(|s| s.key()).collect();
            format!("unknown segment '{s}': choose {}", keys.join(", "))
        })
    }

    pub fn parse(s: &str) -> Option<Segment> {
        let s = s.trim().to_ascii_lowercase().replace([' ', '_'], "-");
        let s = s.trim_end_matches('s');
        Segment::ALL.into_iter().find(|g| g.key() == s || g.key().replace('-', "") == s.replace('-', ""))
    }
}

/// The thresholds every rule uses; the strategist tunes them (stored in
/// settings). Percentages are of the people with at least one tie.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Thresholds {
    /// Opinion leaders: in the top this percent by PageRank…
    pub leader_top_percent: f64,
    /// …with interactions from at least this many people…
    pub leader_min_people: u32,
    /// …of at least this many departments.
    pub leader_min_departments: u32,
    /// Talent: a declared or observed skill, and at least this many
    /// responses from people of other departments…
    pub talent_min_responses: u32,
    /// …of at least this many other departments.
    pub talent_min_departments: u32,
    /// Brokers: in the top this percent by betweenness…
    pub broker_top_percent: f64,
    /// …with at least this share of their tie weight outside their department…
    pub broker_min_crossing: f64,
    /// …reaching at least this many other departments.
    pub broker_min_departments: u32,
    /// Not yet engaged: a tool reached the person's team at least this many
    /// days before the period's end and they have done nothing since…
    pub quiet_grace_days: u32,
    /// …or their activity in the period's second half fell under this share
    /// of the first half's…
    pub fading_ratio: f64,
    /// …which held at least this many actions.
    pub fading_min_actions: u32,
}

impl Default for Thresholds {
    fn default() -> Thresholds {
        Thresholds {
            leader_top_percent: 5.0,
            leader_min_people: 5,
            leader_min_departments: 3,
            talent_min_responses: 5,
            talent_min_departments: 2,
            broker_top_percent: 10.0,
            broker_min_crossing: 0.25,
            broker_min_departments: 2,
            quiet_grace_days: 30,
            fading_ratio: 0.25,
            fading_min_actions: 4,
        }
    }
}

impl Thresholds {
    /// Checks every value is in range; the message names the field.
    pub fn check(&self) -> Result<(), String> {
        let pct = |name: &str, v: f64| {
            if v > 0.0 && v <= 100.0 { Ok(()) } else { Err(format!("{name} must be above 0 and at most 100, not {v}")) }
        };
        let share = |name: &str, v: f64| {
            if (0.0..=1.0).contains(&v) { Ok(()) } else { Err(format!("{name} must be between 0 and 1, not {v}")) }
        };
        pct("leader_top_percent", self.leader_top_percent)?;
        pct("broker_top_percent", self.broker_top_percent)?;
        share("broker_min_crossing", self.broker_min_crossing)?;
        share("fading_ratio", self.fading_ratio)?;
        Ok(())
    }
}

/// One label on one person, with its reason in words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Label {
    pub segment: Segment,
    pub evidence: String,
    /// Orders people within a segment (higher first): PageRank for leaders,
    /// adoption rank for early adopters, and so on.
    pub score: f64,
}

type PersonIdKey = crate::directory::PersonId;

/// A person and their labels.
#[derive(Debug, Clone, Serialize)]
pub struct Segmented {
    pub person_id: crate::directory::PersonId,
    pub name: String,
    pub email: Option<String>,
    pub department: Option<String>,
    pub labels: Vec<Shown>,
    /// Labels the rules gave and the strategist removed: (segment, reason).
    pub removed: Vec<(Segment, String)>,
}

/// How many people a segment holds, with its label in words.
#[derive(Debug, Clone, Serialize)]
pub struct SegmentCount {
    pub segment: Segment,
    pub label: &'static str,
    pub people: usize,
    /// The segment's people as indices into [`SegmentsReport::people`],
    /// strongest evidence first (what [`SegmentsReport::of`] gives).
    pub ranked: Vec<u32>,
}

/// A segment as every view names it.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct SegmentKind {
    pub segment: Segment,
    pub label: &'static str,
}

impl Segment {
    /// Every segment with its label, in their order.
    pub fn kinds() -> Vec<SegmentKind> {
        Segment::ALL.iter().map(|&segment| SegmentKind { segment, label: segment.label() }).collect()
    }
}

/// The segments of a period.
#[derive(Debug, Clone, Serialize)]
pub struct SegmentsReport {
    pub period: crate::activity::measures::Period,
    pub thresholds: Thresholds,
    pub counts: Vec<SegmentCount>,
    /// People with at least one label (or a removed one), by name.
    pub people: Vec<Segmented>,
}

impl SegmentsReport {
    /// From everyone's labels; people without any label (or removed one) are left out.
    pub fn new(period: crate::activity::measures::Period, thresholds: Thresholds, people: Vec<Segmented>) -> Self {
        let mut people: Vec<Segmented> =
            people.into_iter().filter(|p| !p.labels.is_empty() || !p.removed.is_empty()).collect();
        people.sort_by(|a, b| a.name.cmp(&b.name).then(a.person_id.cmp(&b.person_id)));
        let mut r = SegmentsReport { period, thresholds, counts: Vec::new(), people };
        let index: std::collections::HashMap<PersonIdKey, u32> =
            r.people.iter().enumerate().map(|(i, p)| (p.person_id, i as u32)).collect();
        r.counts = Segment::ALL
            .iter()
            .map(|&s| {
                let ranked: Vec<u32> = r.of(s).iter().map(|(p, _)| index[&p.person_id]).collect();
                SegmentCount { segment: s, label: s.label(), people: ranked.len(), ranked }
            })
            .collect();
        r
    }

    /// The people of one segment, strongest evidence first.
    pub fn of(&self, s: Segment) -> Vec<(&Segmented, &Shown)> {
        let mut v: Vec<(&Segmented, &Shown)> =
            self.people.iter().filter_map(|p| p.labels.iter().find(|l| l.segment == s).map(|l| (p, l))).collect();
        v.sort_by(|a, b| b.1.score.total_cmp(&a.1.score).then_with(|| a.0.name.cmp(&b.0.name)));
        v
    }

    /// The rows the period's history keeps: (person, segment key, evidence).
    pub fn history_rows(&self) -> Vec<(crate::directory::PersonId, String, String)> {
        self.people
            .iter()
            .flat_map(|p| p.labels.iter().map(move |l| (p.person_id, l.segment.key().to_owned(), l.evidence.clone())))
            .collect()
    }
}
