//! The slides of figures and words: the cover, the executive summary, the
//! evidence cards and what changed since a saved deck's last run.

use chrono::NaiveDate;

use super::{SUMMARY_FIGURES, Targets, figure, pct, slide, status, value};
use crate::activity::measures::{Better, Dashboard, Figure, Unit};
use crate::report::{Cell, Slide, SlideBody, SlideName, Table, Tile};

pub(super) fn cover(d: &Dashboard, period: &str, made: NaiveDate, organisation: Option<&str>) -> Slide {
    let active = value(d, "active").unwrap_or(0.0);
    let subtitle =
        format!("{period} · {} · report of {}", d.tool.as_deref().unwrap_or("all tools"), made.format("%-d %B %Y"));
    let notes = format!(
        "This report covers {period}. Across {} people in the directory, {active:.0} took part in the conversation. \
         Every figure comes from the tools' own exports, measured on this laptop; no one who has not yet taken part is named.",
        d.population
    );
    let title = match organisation {
        Some(org) => format!("{org}: our internal conversation, where it stands and what it needs"),
        None => "Our internal conversation: where it stands and what it needs".to_owned(),
    };
    slide(SlideName::Cover, title, SlideBody::Cover { subtitle }, notes)
}

pub(super) fn change_words(f: &Figure, days: u32) -> String {
    match (f.change, f.previous) {
        (Some(c), Some(_)) if c != 0.0 => {
            format!("{} on the previous {days} days", f.unit.format_change(c, f.change_ratio))
        }
        (Some(_), Some(_)) => format!("unchanged on the previous {days} days"),
        _ => "no earlier period to compare".into(),
    }
}

pub(super) fn summary(d: &Dashboard, targets: &Targets) -> (Slide, Table) {
    let mut tiles = Vec::new();
    let mut rows = Vec::new();
    for key in SUMMARY_FIGURES {
        let Some(f) = figure(d, key) else { continue };
        let target = targets.of(key);
        let tile = Tile {
            label: f.label.to_owned(),
            value: f.value.map(|v| f.unit.format(v)).unwrap_or_else(|| "–".into()),
            change: change_words(f, d.period.days),
            status: target.and_then(|t| status(f, t)),
            target: target.map(|t| f.unit.format(t)),
        };
        rows.push(vec![
            Cell::Text(f.label.to_owned()),
            cell(f.unit, f.value),
            cell(f.unit, f.previous),
            target.map(|t| cell(f.unit, Some(t))).unwrap_or(Cell::Empty),
            Cell::Text(tile.status.map(|s| s.word().to_owned()).unwrap_or_default()),
        ]);
        tiles.push(tile);
    }
    let active = figure(d, "active");
    let title = match active.and_then(|f| f.change_ratio) {
        Some(r) if r > 0.0 => {
            format!("The conversation grew: {:.0} % more people took part than in the previous period", r * 100.0)
        }
        Some(r) if r < 0.0 => {
            format!("The conversation slowed: {:.0} % fewer people took part than in the previous period", -r * 100.0)
        }
        _ => "Where the conversation stands".into(),
    };
    let mut points = Vec::new();
    let mut notes = Vec::new();
    for t in &tiles {
        let status = match (&t.status, &t.target) {
            (Some(s), Some(target)) => format!(", {} (the target is {target})", s.word()),
            _ => String::new(),
        };
        notes.push(format!("{}: {}, {}{status}.", t.label, t.value, t.change));
    }
    if let Some(share) = value(d, "active_share") {
        points.push(format!("{} of the {} people in the directory took part at least once.", pct(share), d.population));
    }
    let p = &d.participation;
    if p.population > 0 {
        points.push(format!(
            "{} posted, {} only responded, {} only read.",
            pct(f64::from(p.creators) / f64::from(p.population)),
            pct(f64::from(p.contributors) / f64::from(p.population)),
            pct(f64::from(p.lurkers) / f64::from(p.population))
        ));
    }
    let table = Table {
        name: "Summary".into(),
        title: "Headline figures".into(),
        columns: ["Figure", "This period", "Previous period", "Target", "Status"].map(String::from).to_vec(),
        rows,
    };
    (slide(SlideName::Summary, title, SlideBody::Figures { tiles, points }, notes.join(" ")), table)
}

/// Up to three cards, newest first.
pub(super) fn evidence(cards: &[crate::report::Evidence]) -> Slide {
    let shown: Vec<&crate::report::Evidence> = cards.iter().take(3).collect();
    let source = |e: &crate::report::Evidence| match e.date {
        Some(d) => format!("{}, {}", e.source, d.format("%B %Y")),
        None => e.source.clone(),
    };
    let notes = shown
        .iter()
        .map(|e| format!("{} ({}).", e.statement.trim_end_matches('.'), source(e)))
        .collect::<Vec<_>>()
        .join(" ");
    let cards = shown.iter().map(|e| (e.statement.clone(), source(e))).collect();
    slide(
        SlideName::Evidence,
        "Beyond our own numbers: what others have found".into(),
        SlideBody::Cards { cards },
        format!("Evidence from outside our own data, to set our figures in context. {notes}"),
    )
}

/// The headline figures of a run, to compare the next one with.
pub fn run_figures(d: &Dashboard) -> Vec<(String, f64)> {
    SUMMARY_FIGURES.iter().filter_map(|k| Some(((*k).to_owned(), value(d, k)?))).collect()
}

pub(super) fn changes(d: &Dashboard, last: Option<&crate::report::Run>) -> Slide {
    let Some(last) = last else {
        let points = vec![
            "This is the deck's first run: from the next one, this slide shows what moved since.".to_owned(),
            "Save the deck after changing its slides, titles or notes; the next export keeps them.".to_owned(),
        ];
        let notes = "First run of this deck; nothing to compare yet.".to_owned();
        return slide(
            SlideName::Changes,
            "What changed since the last report".into(),
            SlideBody::Points { points },
            notes,
        );
    };
    let then = last.period_to.format("%-d %B %Y").to_string();
    let mut tiles = Vec::new();
    let mut moves: Vec<(f64, String)> = Vec::new();
    let mut headline: Vec<(f64, String)> = Vec::new();
    for key in SUMMARY_FIGURES {
        let Some(f) = figure(d, key) else { continue };
        let before = last.figures.iter().find(|(k, _)| k == key).map(|(_, v)| *v);
        let (Some(now), Some(before)) = (f.value, before) else { continue };
        let change = now - before;
        let ratio = (before != 0.0).then(|| change / before);
        let words = if change == 0.0 {
            format!("unchanged since {then}")
        } else {
            format!("{} since {then} (was {})", f.unit.format_change(change, ratio), f.unit.format(before))
        };
        let good = change != 0.0 && ((change > 0.0) == (f.better == Better::Higher));
        let weight = ratio.map(f64::abs).unwrap_or(change.abs());
        if change != 0.0 {
            let verb = match (change > 0.0, f.unit) {
                (true, Unit::Seconds) => "longer",
                (false, Unit::Seconds) => "shorter",
                (true, _) => "up",
                (false, _) => "down",
            };
            let by = f.unit.format_change(change.abs(), ratio.map(f64::abs));
            headline.push((weight, format!("{} {verb} {}", f.label.to_lowercase(), by.trim_start_matches('+'))));
        }
        if change != 0.0 {
            let verb = if good { "improved" } else { "slipped" };
            let by = f.unit.format_change(change, ratio);
            moves.push((
                weight,
                format!("{} {verb}: {by}, from {} to {}.", f.label, f.unit.format(before), f.unit.format(now)),
            ));
        }
        tiles.push(Tile {
            label: f.label.to_owned(),
            value: f.unit.format(now),
            change: words,
            status: None,
            target: None,
        });
    }
    moves.sort_by(|a, b| b.0.total_cmp(&a.0));
    let points: Vec<String> = moves.into_iter().take(3).map(|m| m.1).collect();
    headline.sort_by(|a, b| b.0.total_cmp(&a.0));
    let title = match headline.as_slice() {
        [] => format!("Nothing moved since the report to {then}"),
        [one] => format!("Since the report to {then}: {}", one.1),
        [a, b, ..] => format!("Since the report to {then}: {}, {}", a.1, b.1),
    };
    let notes =
        format!("Compared with the last run of this deck, which covered the period to {then}. {}", points.join(" "));
    slide(SlideName::Changes, title, SlideBody::Figures { tiles, points }, notes)
}

pub(super) fn cell(unit: Unit, v: Option<f64>) -> Cell {
    match (unit, v) {
        (_, None) => Cell::Empty,
        (Unit::Share, Some(v)) => Cell::Share(v),
        (_, Some(v)) => Cell::Number(v),
    }
}
