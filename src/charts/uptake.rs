//! The charts of who takes the tools up over time: the tools compared, the
//! adoption S-curve with Rogers' categories, and who joined or went quiet.

use super::catalogue::{empty, grain};
use super::{BarRow, Body, Marks, Series};
use crate::activity::measures::{Dashboard, TrendPoint};

pub(super) fn tools(d: &Dashboard, trends: &[(String, Vec<TrendPoint>)], scope: &str) -> (String, String, Body) {
    let grain = grain(d);
    let subtitle = format!("People active each {grain} on each tool · {scope}");
    let mut series: Vec<Series> = trends
        .iter()
        .filter(|(_, t)| t.iter().any(|p| p.active > 0))
        .map(|(name, t)| Series {
            name: name.clone(),
            points: t.iter().map(|p| (p.start, f64::from(p.active))).collect(),
        })
        .collect();
    if series.is_empty() {
        return ("No tool was used in this period".into(), subtitle, empty("the tools"));
    }
    let last = |s: &Series| s.points.last().map(|p| p.1).unwrap_or(0.0);
    series.sort_by(|a, b| last(b).total_cmp(&last(a)));
    let title = match series.as_slice() {
        [one] => format!("{} is the only tool in use: {} people in the last {grain}", one.name, last(one)),
        [first, second, ..] => format!(
            "{} leads with {} people active in the last {grain}; {} follows with {}",
            first.name,
            last(first),
            second.name,
            last(second)
        ),
        [] => unreachable!("checked above"),
    };
    (title, subtitle, Body::Trend { series, axis: "active people".into(), marks: Marks::default() })
}

pub(super) fn adoption(d: &Dashboard) -> (String, String, Body) {
    let a = &d.adoption;
    let what = a.tool.as_deref().unwrap_or("a tool");
    let subtitle = format!(
        "People who have used {what}, by the day they first did, with Rogers' categories · {} people",
        a.population
    );
    if a.points.is_empty() || a.population == 0 {
        return (format!("No one has used {what} yet"), subtitle, empty("adoption"));
    }
    let share = f64::from(a.adopters) / f64::from(a.population) * 100.0;
    let title = match a.rollout {
        Some(r) => format!("{share:.0} % have adopted {what} since its rollout on {}", r.format("%-d %B %Y")),
        None => format!("{share:.0} % of people have adopted {what}"),
    };
    let bands = a.bands.iter().filter_map(|b| Some((b.from?, b.to?, b.label.to_owned()))).collect();
    let marks = Marks {
        bands,
        events: a.rollout.map(|r| (r, "rollout".to_owned())).into_iter().collect(),
        ceiling: Some((f64::from(a.population), format!("everyone ({})", a.population))),
    };
    let mut points: Vec<_> = a.points.iter().map(|(date, n)| (*date, f64::from(*n))).collect();
    // The curve runs to the end of the period, flat after the last adopter.
    if let Some(&(last, n)) = points.last()
        && last < d.period.to
    {
        points.push((d.period.to, n));
    }
    let series = vec![Series { name: what.to_owned(), points }];
    (title, subtitle, Body::Trend { series, axis: "people who adopted".into(), marks })
}

pub(super) fn movement(d: &Dashboard, scope: &str) -> (String, String, Body) {
    let m = d.movement;
    let subtitle =
        format!("People whose first activity fell in the period, and people active before but not since · {scope}");
    if d.population == 0 || m.joined + m.joined_before + m.went_quiet == 0 {
        return ("No one joined or went quiet in this period".into(), subtitle, empty("who joined and who went quiet"));
    }
    let share = |n: u32| f64::from(n) / f64::from(d.population);
    let row = |label: String, n: u32| BarRow { label, share: share(n), note: format!("{n} people"), reference: None };
    let days = d.period.days;
    let rows = vec![
        row("Joined: first activity in these days".into(), m.joined),
        row(format!("Joined in the {days} days before"), m.joined_before),
        row("Went quiet: active before, not since".into(), m.went_quiet),
    ];
    let title = match m.joined.cmp(&m.went_quiet) {
        std::cmp::Ordering::Greater => {
            format!("{} people joined the conversation, more than the {} who went quiet", m.joined, m.went_quiet)
        }
        std::cmp::Ordering::Less => {
            format!("{} people went quiet, more than the {} who joined", m.went_quiet, m.joined)
        }
        std::cmp::Ordering::Equal => format!("As many joined as went quiet: {} each", m.joined),
    };
    (title, subtitle, Body::Bars { rows, axis: "share of the population".into(), reference: None })
}
