//! The default CEO evangelization storyline, built from the numbers of a
//! period: what a strategist would say to a CEO, slide by slide, with the
//! speaker notes in plain sentences.

use chrono::NaiveDate;

use super::{Cell, Deck, Slide, SlideBody, SlideName, Status, Table, Tile};
use crate::activity::measures::{Better, Dashboard, Figure, TrendPoint, Unit};
use crate::charts::{Body, Chart, ChartData, ChartName, Theme};
use crate::directory::{Quadrant, Stakeholder};

/// Everything a deck is built from.
#[derive(Debug, Clone, Copy)]
pub struct StoryData<'a> {
    pub dashboard: &'a Dashboard,
    pub tools: &'a [(String, Vec<TrendPoint>)],
    pub stakeholders: &'a [Stakeholder],
    pub targets: &'a Targets,
    /// The previous run of a saved deck, for the changes slide.
    pub last_run: Option<&'a super::Run>,
    /// The privacy threshold: groups with fewer people are merged or left out.
    pub min_group: u32,
    /// The strategist's evidence cards, newest first.
    pub evidence: &'a [super::Evidence],
    /// Charts added to the deck, each drawn from its own filters, with
    /// those filters in words.
    pub added: &'a [(Chart, String)],
    pub made: NaiveDate,
}

/// The targets the strategist sets for headline figures, by figure key
/// (`active_share`, `creators_share`, …).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Targets(pub Vec<(String, f64)>);

/// The headline figures the summary shows, in order.
pub const SUMMARY_FIGURES: [&str; 5] =
    ["active", "active_share", "creators_share", "engagement_rate", "median_first_reply"];

impl Targets {
    /// `active_share=40%`, `active=500`, `median_first_reply=2h` style.
    pub fn parse(s: &str) -> Result<(String, f64), String> {
        let (key, value) = s.split_once('=').ok_or_else(|| format!("“{s}”: a target is written KEY=VALUE"))?;
        let key = key.trim();
        if !SUMMARY_FIGURES.contains(&key) {
            return Err(format!(
                "“{key}” is not a headline figure; targets can be set for {}",
                SUMMARY_FIGURES.join(", ")
            ));
        }
        let v = value.trim();
        let number = |t: &str| t.trim().parse::<f64>().map_err(|_| format!("“{v}” is not a number (target {key})"));
        let parsed = if let Some(p) = v.strip_suffix('%') {
            number(p)? / 100.0
        } else if let Some(h) = v.strip_suffix('h') {
            number(h)? * 3600.0
        } else if let Some(m) = v.strip_suffix("min") {
            number(m)? * 60.0
        } else {
            number(v)?
        };
        Ok((key.to_owned(), parsed))
    }

    fn of(&self, key: &str) -> Option<f64> {
        self.0.iter().rev().find(|(k, _)| k == key).map(|(_, v)| *v)
    }
}

/// Green at or beyond the target, amber within a fifth of it, red further.
fn status(f: &Figure, target: f64) -> Option<Status> {
    let v = f.value?;
    let ratio = match f.better {
        Better::Higher if target > 0.0 => v / target,
        Better::Lower if v > 0.0 => target / v,
        _ => return Some(Status::Green),
    };
    Some(if ratio >= 1.0 {
        Status::Green
    } else if ratio >= 0.8 {
        Status::Amber
    } else {
        Status::Red
    })
}

fn figure<'d>(d: &'d Dashboard, key: &str) -> Option<&'d Figure> {
    d.headline.iter().find(|f| f.key == key)
}

fn value(d: &Dashboard, key: &str) -> Option<f64> {
    figure(d, key).and_then(|f| f.value)
}

fn pct(v: f64) -> String {
    format!("{:.0} %", v * 100.0)
}

/// The deck of the chosen slides, in the order given.
pub fn storyline(data: &StoryData, slides: &[SlideName], theme: &Theme) -> Deck {
    let d = data.dashboard;
    let period = format!("{} – {}", d.period.from.format("%-d %b %Y"), d.period.to.format("%-d %b %Y"));
    let scope = match &d.tool {
        Some(t) => format!("{t}, {period}"),
        None => format!("all tools, {period}"),
    };
    let source = format!(
        "Source: Chorus, from the tools' own exports · {} · {} people · made {}",
        scope, d.population, data.made
    );
    let min_group = data.min_group;
    let charts = ChartData { dashboard: d, tools: data.tools, stakeholders: data.stakeholders, min_group };
    let mut tables = Vec::new();
    let mut out = Vec::new();
    for &name in slides {
        let slide = match name {
            SlideName::Cover => cover(d, &period, data.made),
            SlideName::Summary => {
                let (slide, table) = summary(d, data.targets);
                tables.push(table);
                slide
            }
            SlideName::Recommendation => recommendation(d, data.stakeholders, min_group),
            SlideName::Appendix => appendix(d, &period, min_group),
            SlideName::Changes => changes(d, data.last_run),
            // Without cards there is no evidence slide.
            SlideName::Evidence if data.evidence.is_empty() => continue,
            SlideName::Evidence => evidence(data.evidence),
            SlideName::Added(i) => match data.added.get(usize::from(i)) {
                Some((chart, filters)) => {
                    if let Some(t) =
                        table_of(chart, ChartName::ActivePeople).map(|t| Table { name: name.name().to_owned(), ..t })
                    {
                        tables.push(t);
                    }
                    added_slide(name, chart.clone(), filters)
                }
                None => continue,
            },
            chart_slide => {
                let chart_name = match chart_slide {
                    SlideName::Active => ChartName::ActivePeople,
                    SlideName::Adoption => ChartName::Adoption,
                    SlideName::Tools => ChartName::Tools,
                    SlideName::Participation => ChartName::Participation,
                    SlideName::Inequality => ChartName::Inequality,
                    SlideName::Departments => ChartName::Departments,
                    SlideName::Communities => ChartName::Communities,
                    SlideName::Grid => ChartName::Grid,
                    SlideName::Movement => ChartName::Movement,
                    _ => ChartName::Stakeholders,
                };
                let chart = chart_name.chart(&charts, data.made);
                if let Some(t) = table_of(&chart, chart_name) {
                    tables.push(t);
                }
                chart_slide_of(name, chart, d, data.stakeholders, min_group)
            }
        };
        let footer = match name {
            SlideName::Cover => String::new(),
            SlideName::Evidence => format!("Sources: as cited on each card · made {}", data.made),
            _ => source.clone(),
        };
        out.push(Slide { footer, ..slide });
    }
    Deck {
        title: "Our internal conversation".into(),
        period,
        made: data.made,
        slides: out,
        tables,
        theme: theme.clone(),
        logo: None,
        min_group,
    }
}

fn slide(name: SlideName, title: String, body: SlideBody, notes: String) -> Slide {
    Slide { name, title, body, notes, footer: String::new() }
}

fn cover(d: &Dashboard, period: &str, made: NaiveDate) -> Slide {
    let active = value(d, "active").unwrap_or(0.0);
    let subtitle =
        format!("{period} · {} · report of {}", d.tool.as_deref().unwrap_or("all tools"), made.format("%-d %B %Y"));
    let notes = format!(
        "This report covers {period}. Across {} people in the directory, {active:.0} took part in the conversation. \
         Every figure comes from the tools' own exports, measured on this laptop; no one who has not yet taken part is named.",
        d.population
    );
    slide(
        SlideName::Cover,
        "Our internal conversation: where it stands and what it needs".into(),
        SlideBody::Cover { subtitle },
        notes,
    )
}

fn change_words(f: &Figure, days: u32) -> String {
    match (f.change, f.previous) {
        (Some(c), Some(_)) if c != 0.0 => {
            format!("{} on the previous {days} days", f.unit.format_change(c, f.change_ratio))
        }
        (Some(_), Some(_)) => format!("unchanged on the previous {days} days"),
        _ => "no earlier period to compare".into(),
    }
}

fn summary(d: &Dashboard, targets: &Targets) -> (Slide, Table) {
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

/// A chart added with its own filters: its finding as the title, the
/// filters beside it.
fn added_slide(name: SlideName, chart: Chart, filters: &str) -> Slide {
    let points = vec![format!("Filters: {filters}."), chart.subtitle.clone()];
    let notes = format!("{}. This chart was added with its own filters: {filters}.", chart.title.trim_end_matches('.'));
    let title = chart.title.clone();
    let chart = Chart { title: String::new(), footer: String::new(), ..chart };
    slide(name, title, SlideBody::Chart { chart, points }, notes)
}

/// Up to three cards, newest first.
fn evidence(cards: &[super::Evidence]) -> Slide {
    let shown: Vec<&super::Evidence> = cards.iter().take(3).collect();
    let source = |e: &super::Evidence| match e.date {
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

fn changes(d: &Dashboard, last: Option<&super::Run>) -> Slide {
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

fn cell(unit: Unit, v: Option<f64>) -> Cell {
    match (unit, v) {
        (_, None) => Cell::Empty,
        (Unit::Share, Some(v)) => Cell::Share(v),
        (_, Some(v)) => Cell::Number(v),
    }
}

/// The sentences beside a chart and the notes under it.
fn chart_slide_of(name: SlideName, chart: Chart, d: &Dashboard, stakeholders: &[Stakeholder], min_group: u32) -> Slide {
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
fn grid(stakeholders: &[Stakeholder], min_group: u32) -> Vec<String> {
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

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

fn recommendation(d: &Dashboard, stakeholders: &[Stakeholder], min_group: u32) -> Slide {
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

fn list(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn appendix(d: &Dashboard, period: &str, min_group: u32) -> Slide {
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

/// The table behind a chart.
fn table_of(chart: &Chart, name: ChartName) -> Option<Table> {
    let sheet = name.name().to_owned();
    match &chart.body {
        Body::Trend { series, .. } => {
            let mut dates: Vec<NaiveDate> = series.iter().flat_map(|s| s.points.iter().map(|p| p.0)).collect();
            dates.sort();
            dates.dedup();
            let mut columns = vec!["Date".to_owned()];
            columns.extend(series.iter().map(|s| s.name.clone()));
            let rows = dates
                .iter()
                .map(|day| {
                    let mut row = vec![Cell::Date(*day)];
                    row.extend(series.iter().map(|s| {
                        s.points.iter().find(|p| p.0 == *day).map(|p| Cell::Number(p.1)).unwrap_or(Cell::Empty)
                    }));
                    row
                })
                .collect();
            Some(Table { name: sheet, title: chart.title.clone(), columns, rows })
        }
        Body::Bars { rows, reference, .. } => {
            let mut columns = vec!["".to_owned(), "Share".to_owned(), "Detail".to_owned()];
            if let Some(r) = reference {
                columns.push(r.clone());
            }
            let rows = rows
                .iter()
                .map(|r| {
                    let mut row = vec![Cell::Text(r.label.clone()), Cell::Share(r.share), Cell::Text(r.note.clone())];
                    if reference.is_some() {
                        row.push(r.reference.map(Cell::Share).unwrap_or(Cell::Empty));
                    }
                    row
                })
                .collect();
            Some(Table { name: sheet, title: chart.title.clone(), columns, rows })
        }
        Body::Curve { points, x_axis, y_axis, .. } => Some(Table {
            name: sheet,
            title: chart.title.clone(),
            columns: vec![capitalise(x_axis), capitalise(y_axis)],
            rows: points.iter().map(|&(x, y)| vec![Cell::Share(x), Cell::Share(y)]).collect(),
        }),
        Body::Quadrants { cells, parts, .. } => {
            let mut columns = vec!["Quadrant".to_owned(), "People".to_owned()];
            columns.extend(parts.iter().map(|p| capitalise(p)));
            let rows = cells
                .iter()
                .map(|c| {
                    let mut row = vec![Cell::Text(c.label.clone()), Cell::Number(f64::from(c.total))];
                    match &c.parts {
                        Some(n) => row.extend(n.iter().map(|v| Cell::Number(f64::from(*v)))),
                        None => row.extend(parts.iter().map(|_| Cell::Text("withheld (too few)".into()))),
                    }
                    row
                })
                .collect();
            Some(Table { name: sheet, title: chart.title.clone(), columns, rows })
        }
        Body::Empty { .. } => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_read_shares_durations_and_counts() {
        assert_eq!(Targets::parse("active_share=40%").unwrap(), ("active_share".into(), 0.4));
        assert_eq!(Targets::parse("median_first_reply=2h").unwrap(), ("median_first_reply".into(), 7200.0));
        assert_eq!(Targets::parse("active = 500").unwrap(), ("active".into(), 500.0));
        assert!(Targets::parse("posts=5").unwrap_err().contains("not a headline figure"));
        assert!(Targets::parse("active=lots").unwrap_err().contains("not a number"));
    }

    #[test]
    fn status_is_green_at_target_amber_near_red_far() {
        let f = |value: f64, better: Better| Figure {
            key: "x",
            label: "x",
            unit: Unit::Share,
            better,
            value: Some(value),
            previous: None,
            change: None,
            change_ratio: None,
            good: None,
        };
        assert_eq!(status(&f(0.40, Better::Higher), 0.40), Some(Status::Green));
        assert_eq!(status(&f(0.33, Better::Higher), 0.40), Some(Status::Amber));
        assert_eq!(status(&f(0.20, Better::Higher), 0.40), Some(Status::Red));
        assert_eq!(status(&f(5.0, Better::Lower), 4.0), Some(Status::Amber), "lower is better: 4 ÷ 5");
        assert_eq!(status(&f(3.0, Better::Lower), 4.0), Some(Status::Green));
    }
}
