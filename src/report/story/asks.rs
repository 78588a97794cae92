//! What the deck asks for, and what it rests on: the recommendation with
//! the decision requested, and the appendix of definitions and sources.

use super::{slide, value};
use crate::activity::measures::Dashboard;
use crate::directory::Stakeholder;
use crate::report::{Slide, SlideBody, SlideName};

pub(super) fn recommendation(d: &Dashboard, stakeholders: &[Stakeholder], min_group: u32) -> Slide {
    let mut points = Vec::new();
    let behind: Vec<_> = d
        .by_department
        .iter()
        .filter(|g| g.population >= min_group && g.name != "(none)")
        .filter(|g| g.active_share.unwrap_or(0.0) < value(d, "active_share").unwrap_or(0.0) * 0.75)
        .map(|g| g.name.as_str())
        .collect();
    let champions = stakeholders.iter().filter(|s| s.champion).count();
    let people = d.population as usize;
    let wanted = people.div_ceil(50).max(1);
    if !behind.is_empty() {
        points.push(format!("Name a champion in {}: they trail the company by a quarter or more.", list(&behind)));
    }
    if champions < wanted {
        points.push(format!(
            "Grow the champions network from {champions} to {wanted} people (one for about 50 colleagues)."
        ));
    }
    let p = &d.participation;
    if p.population > 0 && f64::from(p.creators) / f64::from(p.population) < d.rule.creators * 3.0 {
        points.push("Invite executives to post once a month: a leader's post draws the silent majority in.".into());
    }
    if let Some(t) = value(d, "median_first_reply").filter(|t| *t > 4.0 * 3600.0) {
        points.push(format!(
            "Answer faster: a first reply takes {} today; aim for under four hours.",
            crate::activity::measures::duration(t)
        ));
    }
    points.push(format!(
        "Decision requested: sponsor the plan above and review these figures again in {} days.",
        d.period.days
    ));
    let notes = format!("What we ask for follows from the figures. {}", points.join(" "));
    slide(
        SlideName::Recommendation,
        "What we recommend, and the decision we ask for".into(),
        SlideBody::Points { points },
        notes,
    )
}

pub(super) fn list(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

pub(super) fn appendix(d: &Dashboard, period: &str, min_group: u32) -> Slide {
    let points = vec![
        format!("Period: {period}, compared with the {} days before. Population: the {} people of the directory.", d.period.days, d.population),
        "Active: posted, replied, reacted, mentioned or shared at least once. Creators posted; contributors only responded; lurkers did neither.".into(),
        "Responses per post: replies and reactions ÷ posts. Time to first reply: median, replies by someone else.".into(),
        "Content inequality: share of posts and replies by the top 1 % and 10 % of people; Gini coefficient of content per person.".into(),
        "Adoption: the day a person first used a tool; Rogers' categories (2.5 % innovators, 13.5 % early adopters, 34 % early and 34 % late majority, 16 % laggards).".into(),
        format!("Privacy: groups of fewer than {min_group} people are merged or left out; no one is named."),
        format!("Data: {}.", match d.tools.len() {
            0 => "no activity imported yet".to_owned(),
            _ => format!("exports of {}", d.tools.join(", ")),
        }),
    ];
    let notes = "Definitions, for questions. Every figure can be reproduced from the exports named here.".to_owned();
    slide(SlideName::Appendix, "Appendix: definitions and data sources".into(), SlideBody::Points { points }, notes)
}
