//! People segments with their evidence (seed skill 2: where the talent is,
//! who the opinion leaders, early adopters and not-yet-engaged people are).
//! Pure: the facts about each person go in, labels with the reason for each
//! come out, by thresholds the strategist tunes. Overrides and history are
//! the store's (`app::segments`).

use serde::{Deserialize, Serialize};

mod rules;

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
