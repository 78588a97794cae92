//! The chart slides: the chart of the catalogue, the sentences beside it
//! and the notes under it, written from the figures.

use super::figures::change_words;
use super::{capitalise, figure, pct, slide, value};
use crate::activity::measures::Dashboard;
use crate::charts::{Body, Chart};
use crate::directory::{Quadrant, Stakeholder};
use crate::report::{Slide, SlideBody, SlideName};

/// The sentences beside a chart and the notes under it.
pub(super) fn chart_slide_of(
    name: SlideName,
    chart: Chart,
    d: &Dashboard,
    stakeholders: &[Stakeholder],
    min_group: u32,
) -> Slide {
    let mut points = Vec::new();
    let p = &d.participation;
    match name {
        SlideName::Active => {
            if let (Some(f), Some(share)) = (figure(d, "active"), value(d, "active_share")) {
                points.push(format!(
                    "{} people took part: {} of the directory.",
                    f.unit.format(f.value.unwrap_or(0.0)),
                    pct(share)
                ));
                points.push(format!("That is {}.", change_words(f, d.period.days)));
            }
            if let Some(peak) = d.trend.iter().max_by_key(|t| t.active) {
                points.push(format!(
                    "The busiest stretch began {} with {} people.",
                    peak.start.format("%-d %B"),
                    peak.active
                ));
            }
        }
        SlideName::Adoption => {
            let a = &d.adoption;
            if a.population > 0 {
                points.push(format!(
                    "{} of {} people have used {} at least once.",
                    a.adopters,
                    a.population,
                    a.tool.as_deref().unwrap_or("the tool")
                ));
                points.push(format!("{} have not yet: the next wave to reach.", a.never));
                if let Some(r) = a.rollout {
                    points.push(format!("Rolled out {}.", r.format("%-d %B %Y")));
                }
            }
        }
        SlideName::Tools => {
            if let Body::Trend { series, .. } = &chart.body {
                for s in series.iter().take(4) {
                    let last = s.points.last().map(|p| p.1).unwrap_or(0.0);
                    points.push(format!("{}: {last:.0} people in the latest period.", s.name));
                }
            }
        }
        SlideName::Participation if p.population > 0 => {
            points.push(format!("{} creators, {} contributors, {} lurkers.", p.creators, p.contributors, p.lurkers));
            points.push("The 90-9-1 rule: in most online communities 1 % create, 9 % respond, 90 % only read.".into());
            if let Some(r) = p.engagement_rate {
                points.push(format!("Each post drew {r:.1} responses on average."));
            }
        }
        SlideName::Inequality => {
            if let (Some(t1), Some(t10)) = (p.top1_share, p.top10_share) {
                points.push(format!("The top 1 % wrote {} of the posts and replies.", pct(t1)));
                points.push(format!("The top 10 % wrote {}.", pct(t10)));
                points.push(
                    "A few voices carry the conversation: widen it through champions in every department.".into(),
                );
            }
        }
        SlideName::Departments => {
            if let Body::Bars { rows, .. } = &chart.body {
                if let Some(first) = rows.first() {
                    points.push(format!("Ahead: {} ({}).", first.label, first.note));
                }
                let named: Vec<_> =
                    rows.iter().filter(|r| !r.label.contains("smaller group") && r.label != "No department").collect();
                if let Some(last) = named.last().filter(|_| named.len() > 1) {
                    points.push(format!("Behind: {} ({}).", last.label, last.note));
                }
                points.push(format!("Departments of fewer than {min_group} people are counted together."));
            }
        }
        SlideName::Communities => {
            points.push(format!(
                "Health: people active in {} ÷ people active in the channel in the 12 months to then.",
                d.health_month.format("%B %Y")
            ));
            if let Body::Bars { rows, .. } = &chart.body
                && let Some(first) = rows.first()
            {
                points.push(format!("Liveliest: {} ({}).", first.label, first.note));
            }
        }
        SlideName::Stakeholders => {
            let execs = stakeholders.iter().filter(|s| s.executive).count();
            let allies = stakeholders.iter().filter(|s| s.it_ally && !s.executive).count();
            points.push(format!("{execs} executives and {allies} IT allies are flagged in the directory."));
            points.push("IT is the ally that makes the tools work: keep its sceptics close.".into());
        }
        SlideName::Grid => points.extend(grid(stakeholders, min_group)),
        _ => {}
    }
    let mut notes = format!("{}. ", chart.title.trim_end_matches('.'));
    notes.push_str(&points.join(" "));
    let title = chart.title.clone();
    // The slide carries the finding; the chart keeps its subtitle and axes.
    let chart = Chart { title: String::new(), footer: String::new(), ..chart };
    slide(name, title, SlideBody::Chart { chart, points }, notes)
}

/// The power/interest grid in counts; quadrants of fewer than `min_group`
/// people are not broken down by attitude.
pub(super) fn grid(stakeholders: &[Stakeholder], min_group: u32) -> Vec<String> {
    let quadrants = [Quadrant::ManageClosely, Quadrant::KeepSatisfied, Quadrant::KeepInformed, Quadrant::Monitor];
    let mut out = Vec::new();
    for q in quadrants {
        let group: Vec<_> = stakeholders.iter().filter(|s| Quadrant::of(s.influence, s.interest) == Some(q)).collect();
        if group.is_empty() {
            continue;
        }
        let favourable = group
            .iter()
            .filter(|s| {
                matches!(s.attitude, Some(crate::directory::Attitude::Champion | crate::directory::Attitude::Supporter))
            })
            .count();
        if group.len() >= min_group as usize {
            out.push(format!("“{}”: {} people, {favourable} favourable.", capitalise(q.label()), group.len()));
        } else {
            out.push(format!("“{}”: fewer than {min_group} people.", capitalise(q.label())));
        }
    }
    if out.is_empty() {
        out.push(
            "No one is placed on the power/interest grid yet: assess influence and interest in the stakeholder map."
                .into(),
        );
    }
    out
}

/// A chart added with its own filters: its finding as the title, the
/// filters beside it.
pub(super) fn added_slide(name: SlideName, chart: Chart, filters: &str) -> Slide {
    let points = vec![format!("Filters: {filters}."), chart.subtitle.clone()];
    let notes = format!("{}. This chart was added with its own filters: {filters}.", chart.title.trim_end_matches('.'));
    let title = chart.title.clone();
    let chart = Chart { title: String::new(), footer: String::new(), ..chart };
    slide(name, title, SlideBody::Chart { chart, points }, notes)
}
