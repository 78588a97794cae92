//! The rules: each segment from the facts about a person, with its reason.

use chrono::NaiveDate;

use super::{Label, Segment, Thresholds};

/// What is known about one person for the period.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    /// Rank by PageRank among people with ties (1 = highest), and by betweenness.
    pub pagerank_rank: Option<u32>,
    pub betweenness_rank: Option<u32>,
    /// Interactions received, from how many people, of how many departments.
    pub received: f64,
    pub senders: u32,
    pub sender_departments: u32,
    /// Interactions received from people of other departments, and how many departments.
    pub received_across: f64,
    pub across_departments: u32,
    /// Share of tie weight with other departments and how many other departments.
    pub crossing: Option<(f64, usize)>,
    /// Tools where the person was an innovator or early adopter: (tool,
    /// adoption rank, adopters, first day).
    pub early: Vec<(String, u32, u32, NaiveDate)>,
    /// Declared and observed skills: (name, observed).
    pub skills: Vec<(String, bool)>,
    /// Actions in the first and second half of the period.
    pub first_half: u32,
    pub second_half: u32,
    /// The first tool to reach the person's team (or department), and when.
    pub reached: Option<(String, NaiveDate)>,
    /// The person's last action before the period's end.
    pub last_active: Option<NaiveDate>,
}

fn percent(rank: u32, of: u32) -> f64 {
    f64::from(rank) * 100.0 / f64::from(of.max(1))
}

/// "top 2 %" or "top 0.4 %".
fn top(rank: u32, of: u32) -> String {
    let p = percent(rank, of);
    if p < 1.0 { format!("top {p:.1} %") } else { format!("top {:.0} %", p.ceil()) }
}

fn plural(n: impl Into<f64>, one: &str, many: &str) -> String {
    let n = n.into();
    let shown = if n.fract() == 0.0 { format!("{n:.0}") } else { format!("{n:.1}") };
    format!("{shown} {}", if n == 1.0 { one } else { many })
}

/// The labels the rules give one person. `ranked` is how many people have
/// ties (the base of the percentages); `end` the period's last day.
pub fn label(f: &Facts, t: &Thresholds, ranked: u32, end: NaiveDate, days: u32) -> Vec<Label> {
    let mut out = Vec::new();
    if let Some(rank) = f.pagerank_rank
        && percent(rank, ranked) <= t.leader_top_percent
        && f.senders >= t.leader_min_people
        && f.sender_departments >= t.leader_min_departments
    {
        out.push(Label {
            segment: Segment::OpinionLeader,
            evidence: format!(
                "{} by PageRank (#{rank} of {ranked}); {} from {} in {} over {days} days",
                top(rank, ranked),
                plural(f.received, "interaction", "interactions"),
                plural(f.senders, "person", "people"),
                plural(f.sender_departments, "department", "departments"),
            ),
            score: -f64::from(rank),
        });
    }
    if let Some(best) = f.early.iter().min_by_key(|e| (e.1 * 1000 / e.2.max(1), e.0.clone())) {
        let tools: Vec<String> =
            f.early.iter().map(|(tool, rank, of, day)| format!("{tool} (#{rank} of {of}, {day})")).collect();
        out.push(Label {
            segment: Segment::EarlyAdopter,
            evidence: format!("among the first 16 % to adopt {}", tools.join(" and ")),
            score: -percent(best.1, best.2),
        });
    }
    if !f.skills.is_empty()
        && f.received_across >= f64::from(t.talent_min_responses)
        && f.across_departments >= t.talent_min_departments
    {
        let skills: Vec<String> = f
            .skills
            .iter()
            .take(3)
            .map(|(s, observed)| format!("{s} ({})", if *observed { "observed" } else { "declared" }))
            .collect();
        out.push(Label {
            segment: Segment::Talent,
            evidence: format!(
                "{}; drew {} from {} other {}",
                skills.join(", "),
                plural(f.received_across, "response", "responses"),
                f.across_departments,
                if f.across_departments == 1 { "department" } else { "departments" }
            ),
            score: f.received_across,
        });
    }
    if let (Some(rank), Some((share, reached))) = (f.betweenness_rank, f.crossing)
        && percent(rank, ranked) <= t.broker_top_percent
        && share >= t.broker_min_crossing
        && reached as u32 >= t.broker_min_departments
    {
        out.push(Label {
            segment: Segment::Broker,
            evidence: format!(
                "{} by betweenness (#{rank} of {ranked}); {:.0} % of ties with {} other departments",
                top(rank, ranked),
                share * 100.0,
                reached
            ),
            score: -f64::from(rank),
        });
    }
    if let Some(quiet) = not_yet_engaged(f, t, end) {
        out.push(quiet);
    }
    out
}

fn not_yet_engaged(f: &Facts, t: &Thresholds, end: NaiveDate) -> Option<Label> {
    let (tool, reached) = f.reached.as_ref()?;
    if (end - *reached).num_days() < i64::from(t.quiet_grace_days) {
        return None;
    }
    let silent_since_reach = f.last_active.is_none_or(|d| d < *reached);
    if silent_since_reach {
        let days = (end - *reached).num_days();
        return Some(Label {
            segment: Segment::NotYetEngaged,
            evidence: format!("{tool} reached their team on {reached} ({days} days ago); no activity since"),
            score: days as f64,
        });
    }
    let fading =
        f.first_half >= t.fading_min_actions && f64::from(f.second_half) < t.fading_ratio * f64::from(f.first_half);
    fading.then(|| Label {
        segment: Segment::NotYetEngaged,
        evidence: format!(
            "activity fading: {} in the period's first half, {} in the second",
            plural(f.first_half, "action", "actions"),
            f.second_half
        ),
        score: f64::from(f.first_half - f.second_half),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn each_rule_gives_its_reason_in_words_and_numbers() {
        let t = Thresholds::default();
        let leader = Facts {
            pagerank_rank: Some(4),
            betweenness_rank: Some(2),
            received: 41.0,
            senders: 20,
            sender_departments: 6,
            received_across: 30.0,
            across_departments: 5,
            crossing: Some((0.4, 5)),
            skills: vec![("Data".into(), false)],
            early: vec![("Slack".into(), 12, 340, day("2024-05-03"))],
            first_half: 20,
            second_half: 18,
            reached: Some(("Slack".into(), day("2024-05-01"))),
            last_active: Some(day("2024-09-30")),
        };
        let labels = label(&leader, &t, 200, day("2024-09-30"), 90);
        let segs: Vec<Segment> = labels.iter().map(|l| l.segment).collect();
        assert_eq!(segs, [Segment::OpinionLeader, Segment::EarlyAdopter, Segment::Talent, Segment::Broker]);
        assert_eq!(
            labels[0].evidence,
            "top 2 % by PageRank (#4 of 200); 41 interactions from 20 people in 6 departments over 90 days"
        );
        assert_eq!(labels[1].evidence, "among the first 16 % to adopt Slack (#12 of 340, 2024-05-03)");
        assert_eq!(labels[2].evidence, "Data (declared); drew 30 responses from 5 other departments");
        assert_eq!(labels[3].evidence, "top 1 % by betweenness (#2 of 200); 40 % of ties with 5 other departments");
        // Below the thresholds: nothing.
        let modest = Facts { pagerank_rank: Some(30), betweenness_rank: Some(30), early: vec![], ..leader.clone() };
        assert_eq!(
            label(&modest, &t, 200, day("2024-09-30"), 90).iter().map(|l| l.segment).collect::<Vec<_>>(),
            [Segment::Talent]
        );
        let strict = Thresholds { talent_min_departments: 6, ..t };
        assert!(label(&modest, &strict, 200, day("2024-09-30"), 90).is_empty(), "thresholds are the strategist's");
    }

    #[test]
    fn not_yet_engaged_is_silence_since_the_tool_arrived_or_fading_activity() {
        let t = Thresholds::default();
        let end = day("2024-09-30");
        let silent = Facts { reached: Some(("Engage".into(), day("2024-06-01"))), ..Facts::default() };
        let l = label(&silent, &t, 100, end, 90);
        assert_eq!(l[0].segment, Segment::NotYetEngaged);
        assert_eq!(l[0].evidence, "Engage reached their team on 2024-06-01 (121 days ago); no activity since");
        let recent = Facts { reached: Some(("Engage".into(), day("2024-09-15"))), ..Facts::default() };
        assert!(label(&recent, &t, 100, end, 90).is_empty(), "the tool arrived too lately to judge");
        let fading = Facts { first_half: 12, second_half: 2, last_active: Some(day("2024-09-01")), ..silent.clone() };
        assert_eq!(
            label(&fading, &t, 100, end, 90)[0].evidence,
            "activity fading: 12 actions in the period's first half, 2 in the second"
        );
        let steady = Facts { first_half: 12, second_half: 9, last_active: Some(day("2024-09-01")), ..silent };
        assert!(label(&steady, &t, 100, end, 90).is_empty());
        assert!(label(&Facts::default(), &t, 100, end, 90).is_empty(), "no tool in their team yet: no judgement");
    }

    #[test]
    fn segments_parse_from_keys_and_labels() {
        assert_eq!(Segment::parse("Opinion leaders"), Some(Segment::OpinionLeader));
        assert_eq!(Segment::parse("not_yet_engaged"), Some(Segment::NotYetEngaged));
        assert_eq!(Segment::parse("brokers"), Some(Segment::Broker));
        assert_eq!(Segment::parse("lurker"), None);
        assert!(
            Thresholds { fading_ratio: 2.0, ..Thresholds::default() }.check().unwrap_err().contains("fading_ratio")
        );
    }
}
