//! The charts Chorus draws from the engagement dashboard, each titled with
//! what its numbers say. Groups smaller than [`MIN_GROUP`] people are never
//! shown on their own.

use super::{BarRow, Body, Chart, Marks, Series};
use crate::activity::measures::{Dashboard, Figure, TrendPoint, Unit};
use crate::directory::Stakeholder;

/// What the charts are drawn from: the dashboard of a period and filters,
/// and each tool's trend (filled only for the charts that compare tools).
#[derive(Debug, Clone, Copy)]
pub struct ChartData<'a> {
    pub dashboard: &'a Dashboard,
    pub tools: &'a [(String, Vec<TrendPoint>)],
    /// The directory's stakeholder assessments, without names (filled only
    /// for the charts that show them).
    pub stakeholders: &'a [Stakeholder],
    /// Groups with fewer people than this are merged or left out (the
    /// strategist's privacy threshold; [`MIN_GROUP`] by default).
    pub min_group: u32,
    /// The network's map and champions' coverage (filled only for the
    /// charts that show them).
    pub network: Option<&'a super::NetworkChart>,
}

pub use crate::privacy::{MIN_FLOOR, MIN_GROUP};

/// A chart of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartName {
    ActivePeople,
    Departments,
    Participation,
    Communities,
    Adoption,
    Tools,
    Inequality,
    Stakeholders,
    Grid,
    Movement,
    NetworkMap,
    Coverage,
}

impl ChartName {
    pub const ALL: [ChartName; 12] = [
        ChartName::ActivePeople,
        ChartName::Tools,
        ChartName::Adoption,
        ChartName::Movement,
        ChartName::Departments,
        ChartName::Participation,
        ChartName::Inequality,
        ChartName::Communities,
        ChartName::Stakeholders,
        ChartName::Grid,
        ChartName::NetworkMap,
        ChartName::Coverage,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ChartName::ActivePeople => "active-people",
            ChartName::Departments => "departments",
            ChartName::Participation => "participation",
            ChartName::Communities => "communities",
            ChartName::Adoption => "adoption",
            ChartName::Tools => "tools",
            ChartName::Inequality => "inequality",
            ChartName::Stakeholders => "stakeholders",
            ChartName::Grid => "stakeholder-grid",
            ChartName::Movement => "movement",
            ChartName::NetworkMap => "network",
            ChartName::Coverage => "champion-coverage",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            ChartName::ActivePeople => "people active over time (weeks, or days and months for short and long periods)",
            ChartName::Departments => "share of each department active in the period",
            ChartName::Participation => "creators, contributors and lurkers against the 90-9-1 rule",
            ChartName::Communities => "community health: the channels' active share of their people this month",
            ChartName::Adoption => "the adoption S-curve since the rollout, with Rogers' categories",
            ChartName::Tools => "the tools compared: people active on each over time",
            ChartName::Inequality => {
                "content inequality: the share of posts and replies written by the top 1 %, 10 % and 50 %"
            }
            ChartName::Stakeholders => "executives and IT allies by attitude (counts, never names)",
            ChartName::Grid => "the power/interest grid: people per quadrant and their attitudes (counts, never names)",
            ChartName::Movement => {
                "who joined and who went quiet: new adopters and people who stopped (counts, never names)"
            }
            ChartName::NetworkMap => {
                "the interaction network: people placed by their ties, coloured by community (never names)"
            }
            ChartName::Coverage => "champions' reach: each department's share within one and two steps of a champion",
        }
    }

    pub fn parse(s: &str) -> Option<ChartName> {
        ChartName::ALL.into_iter().find(|c| c.name() == s.trim())
    }

    /// A chart by name; the error lists the catalogue.
    pub fn parse_named(s: &str) -> Result<ChartName, String> {
        ChartName::parse(s).ok_or_else(|| {
            let names: Vec<&str> = ChartName::ALL.iter().map(|c| c.name()).collect();
            format!("no chart named “{}”: choose {}", s.trim(), names.join(", "))
        })
    }

    /// Whether the chart compares tools (its data needs each tool's trend).
    pub fn needs_tools(self) -> bool {
        self == ChartName::Tools
    }

    /// Whether the chart shows the network (its data needs the graph).
    pub fn needs_network(self) -> bool {
        matches!(self, ChartName::NetworkMap | ChartName::Coverage)
    }

    /// Whether the chart shows the stakeholder assessments.
    pub fn needs_stakeholders(self) -> bool {
        matches!(self, ChartName::Stakeholders | ChartName::Grid)
    }

    /// The chart, from the data of the period and filters wanted.
    pub fn chart(self, data: &ChartData, made: chrono::NaiveDate) -> Chart {
        let d = data.dashboard;
        let scope = format!(
            "{} – {}{}",
            d.period.from.format("%-d %b %Y"),
            d.period.to.format("%-d %b %Y"),
            d.tool.as_deref().map(|t| format!(", {t}")).unwrap_or_else(|| ", all tools".into())
        );
        let footer = format!("Source: Chorus, from the tools' own exports · {} people · made {made}", d.population);
        let (title, subtitle, body) = match self {
            ChartName::ActivePeople => active_people(d, &scope),
            ChartName::Departments => departments(d, &scope, data.min_group),
            ChartName::Participation => participation(d, &scope),
            ChartName::Communities => communities(d, data.min_group),
            ChartName::Adoption => super::uptake::adoption(d),
            ChartName::Tools => super::uptake::tools(d, data.tools, &scope),
            ChartName::Inequality => inequality(d, &scope),
            ChartName::Stakeholders => super::stakeholders::chart(data.stakeholders, data.min_group),
            ChartName::Grid => super::stakeholders::grid(data.stakeholders, data.min_group),
            ChartName::Movement => super::uptake::movement(d, &scope),
            ChartName::NetworkMap | ChartName::Coverage => {
                let empty = super::NetworkChart::default();
                let n = data.network.unwrap_or(&empty);
                if self == ChartName::NetworkMap {
                    super::network::map(n, &scope)
                } else {
                    super::network::coverage(n, &scope, data.min_group)
                }
            }
        };
        Chart { title, subtitle, footer, body }
    }
}

fn figure<'d>(d: &'d Dashboard, key: &str) -> Option<&'d Figure> {
    d.headline.iter().find(|f| f.key == key)
}

/// "up 12 % on the previous 90 days", "down 3.1 pts…", "unchanged…".
fn change(f: &Figure, days: u32) -> String {
    let against = format!("the previous {days} days");
    match (f.change, f.change_ratio) {
        (None, _) => format!("no earlier figure than {against}"),
        (Some(0.0), _) => format!("unchanged on {against}"),
        (Some(c), ratio) => {
            let word = if c > 0.0 { "up" } else { "down" };
            let amount = match (f.unit, ratio) {
                (Unit::Share, _) => format!("{:.1} pts", c.abs() * 100.0),
                (_, Some(r)) => format!("{:.0} %", r.abs() * 100.0),
                (unit, None) => unit.format(c.abs()),
            };
            format!("{word} {amount} on {against}")
        }
    }
}

/// The trend's bucket in words: "day", "week" or "month".
pub(super) fn grain(d: &Dashboard) -> &'static str {
    match d.grain {
        crate::activity::measures::Grain::Day => "day",
        crate::activity::measures::Grain::Week => "week",
        crate::activity::measures::Grain::Month => "month",
    }
}

pub(super) fn empty(what: &str) -> Body {
    Body::Empty { message: format!("No activity in this period: nothing to show for {what}.") }
}

fn active_people(d: &Dashboard, scope: &str) -> (String, String, Body) {
    let grain = grain(d);
    let subtitle = format!("People active each {grain} · {scope}");
    let Some(f) = figure(d, "active").filter(|f| f.value.unwrap_or(0.0) > 0.0) else {
        return ("No one was active in this period".into(), subtitle, empty("active people"));
    };
    let people = f.value.map(|v| Unit::Count.format(v)).unwrap_or_default();
    let who = if people == "1" { "person" } else { "people" };
    let title = format!("{people} {who} took part, {}", change(f, d.period.days));
    let points = d.trend.iter().map(|p| (p.start, f64::from(p.active))).collect();
    let series = vec![Series { name: "active people".into(), points }];
    (title, subtitle, Body::Trend { series, axis: "active people".into(), marks: Marks::default() })
}

fn departments(d: &Dashboard, scope: &str, min_group: u32) -> (String, String, Body) {
    let subtitle = format!("Share of each department active · {scope}");
    let (mut rows, mut small): (Vec<BarRow>, (u32, u32, u32)) = (Vec::new(), (0, 0, 0));
    let mut unplaced = None;
    for g in &d.by_department {
        if g.name == "(none)" && g.population >= min_group {
            unplaced = Some(g);
            continue;
        }
        if g.population < min_group {
            small = (small.0 + 1, small.1 + g.population, small.2 + g.active);
            continue;
        }
        let share = g.active_share.unwrap_or(0.0);
        rows.push(BarRow {
            label: g.name.clone(),
            share,
            note: format!("{:.0} % of {}", share * 100.0, g.population),
            reference: None,
        });
    }
    rows.sort_by(|a, b| b.share.total_cmp(&a.share));
    let named = rows.len();
    // People with no department (and accounts not yet tied to anyone) last.
    if let Some(g) = unplaced {
        let share = g.active_share.unwrap_or(0.0);
        rows.push(BarRow {
            label: "No department".into(),
            share,
            note: format!("{:.0} % of {}", share * 100.0, g.population),
            reference: None,
        });
    }
    if small.0 > 0 && small.1 > 0 {
        let share = f64::from(small.2) / f64::from(small.1);
        rows.push(BarRow {
            label: if small.0 == 1 { "1 smaller group".into() } else { format!("{} smaller groups", small.0) },
            share,
            note: format!("{:.0} % of {}", share * 100.0, small.1),
            reference: None,
        });
    }
    if rows.iter().all(|r| r.share == 0.0) {
        return ("No department was active in this period".into(), subtitle, empty("departments"));
    }
    let named = &rows[..named];
    let title = match (named.first(), named.last()) {
        (Some(a), Some(b)) if named.len() > 1 => {
            format!(
                "{} leads at {:.0} % active; {} trails at {:.0} %",
                a.label,
                a.share * 100.0,
                b.label,
                b.share * 100.0
            )
        }
        _ => {
            format!("{:.0} % of people active", figure(d, "active_share").and_then(|f| f.value).unwrap_or(0.0) * 100.0)
        }
    };
    let axis = format!("share of the department active (groups under {min_group} people merged)");
    (title, subtitle, Body::Bars { rows, axis, reference: None })
}

/// Channels shown at most (the healthiest and the least healthy).
const CHANNELS: usize = 12;

fn communities(d: &Dashboard, min_group: u32) -> (String, String, Body) {
    let month = d.health_month.format("%B %Y");
    let subtitle = format!("People active in {month} ÷ people active in the 12 months to then, per channel");
    // Channels where fewer than min_group people took part in a year are left out.
    let mut shown: Vec<_> =
        d.communities.iter().filter(|c| c.yearly_active >= min_group && c.health.is_some()).collect();
    let left = d.communities.len() - shown.len();
    shown.sort_by(|a, b| b.health.unwrap_or(0.0).total_cmp(&a.health.unwrap_or(0.0)));
    if shown.is_empty() {
        return (format!("No community had {min_group} or more people this year"), subtitle, empty("communities"));
    }
    if shown.len() > CHANNELS {
        let (top, rest) = shown.split_at(CHANNELS / 2);
        let bottom = &rest[rest.len() - CHANNELS / 2..];
        shown = top.iter().chain(bottom).copied().collect();
    }
    let (best, worst) = (shown[0], shown[shown.len() - 1]);
    let pct = |h: Option<f64>| h.unwrap_or(0.0) * 100.0;
    let title = if shown.len() > 1 {
        format!(
            "“{}” liveliest at {:.0} % of its people, “{}” quietest at {:.0} %",
            best.channel,
            pct(best.health),
            worst.channel,
            pct(worst.health)
        )
    } else {
        format!("“{}”: {:.0} % of its people active in {month}", best.channel, pct(best.health))
    };
    let rows = shown
        .iter()
        .map(|c| BarRow {
            label: format!("{} · {}", c.channel, c.tool),
            share: c.health.unwrap_or(0.0),
            note: format!("{} of {}", c.monthly_active, c.yearly_active),
            reference: None,
        })
        .collect();
    let mut axis = format!("active in {month}, of the channel's people in the 12 months to then");
    if left > 0 {
        axis.push_str(&format!(" ({left} channels of fewer than {min_group} people left out)"));
    }
    (title, subtitle, Body::Bars { rows, axis, reference: None })
}

fn participation(d: &Dashboard, scope: &str) -> (String, String, Body) {
    let p = &d.participation;
    let subtitle = format!("Who posted, who only responded, who stayed silent · {scope}");
    if p.population == 0 || p.active == 0 {
        return ("No one took part in this period".into(), subtitle, empty("participation"));
    }
    let share = |n: u32| f64::from(n) / f64::from(p.population);
    let rule = d.rule;
    let rows = vec![
        BarRow {
            label: "Creators (posted)".into(),
            share: share(p.creators),
            note: format!("{:.1} % · {}", share(p.creators) * 100.0, p.creators),
            reference: Some(rule.creators),
        },
        BarRow {
            label: "Contributors (replied, reacted)".into(),
            share: share(p.contributors),
            note: format!("{:.1} % · {}", share(p.contributors) * 100.0, p.contributors),
            reference: Some(rule.contributors),
        },
        BarRow {
            label: "Lurkers (read only)".into(),
            share: share(p.lurkers),
            note: format!("{:.1} % · {}", share(p.lurkers) * 100.0, p.lurkers),
            reference: Some(rule.lurkers),
        },
    ];
    let creators = share(p.creators) * 100.0;
    let title = if share(p.creators) >= rule.creators {
        format!("{creators:.0} % of people posted, above the 1 % the 90-9-1 rule expects")
    } else {
        format!("Only {creators:.1} % of people posted, below the 1 % of the 90-9-1 rule")
    };
    let axis = "share of the population".to_owned();
    (title, subtitle, Body::Bars { rows, axis, reference: Some("90-9-1 rule".into()) })
}

fn inequality(d: &Dashboard, scope: &str) -> (String, String, Body) {
    let p = &d.participation;
    let subtitle = format!("Lorenz curve of posts and replies per person, least active first · {scope}");
    let (Some(top1), Some(top10)) = (p.top1_share, p.top10_share) else {
        return ("No one wrote anything in this period".into(), subtitle, empty("content inequality"));
    };
    if p.lorenz.is_empty() {
        return ("No one wrote anything in this period".into(), subtitle, empty("content inequality"));
    }
    let gini = p.gini.map(|g| format!(" (Gini {g:.2})")).unwrap_or_default();
    let title = format!(
        "The top 10 % of people wrote {:.0} % of the content; the top 1 %, {:.0} %{gini}",
        top10 * 100.0,
        top1 * 100.0
    );
    let body = Body::Curve {
        points: p.lorenz.clone(),
        x_axis: "share of people, least active first".into(),
        y_axis: "share of all posts and replies".into(),
        diagonal: "everyone writing the same".into(),
    };
    (title, subtitle, body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activity::measures::{self, Filter, LIST_LEN};

    /// A demo organisation of 60 people with a year of activity: small
    /// departments exist at that size.
    fn dashboard() -> Dashboard {
        let mut db = crate::store::Db::open_in_memory().unwrap();
        let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let opts = crate::demo::DemoOptions { people: 60, seed: 4, as_of, activity: true };
        crate::app::demo::load_demo(&mut db, opts, "2026-11-01T00:00:00Z".parse().unwrap()).unwrap();
        measures::dashboard(&db.facts().unwrap(), &Filter::default(), as_of).unwrap()
    }

    #[test]
    fn departments_under_five_people_are_merged_never_named() {
        let d = dashboard();
        let small: Vec<&str> =
            d.by_department.iter().filter(|g| g.population < MIN_GROUP).map(|g| g.name.as_str()).collect();
        assert!(!small.is_empty(), "the fixture has small departments");
        let chart = ChartName::Departments.chart(
            &ChartData { dashboard: &d, tools: &[], stakeholders: &[], min_group: MIN_GROUP, network: None },
            chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        );
        let Body::Bars { rows, .. } = &chart.body else { panic!("bars") };
        for name in &small {
            assert!(rows.iter().all(|r| r.label != *name), "{name} has fewer than {MIN_GROUP} people: not shown alone");
            assert!(!chart.title.contains(name), "nor named in the title");
        }
        assert!(rows.last().unwrap().label.contains("smaller group"), "they are counted together");
    }

    #[test]
    fn tools_are_compared_busiest_first() {
        let mut db = crate::store::Db::open_in_memory().unwrap();
        let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let opts = crate::demo::DemoOptions { people: 60, seed: 4, as_of, activity: true };
        crate::app::demo::load_demo(&mut db, opts, "2026-11-01T00:00:00Z".parse().unwrap()).unwrap();
        let facts = db.facts().unwrap();
        let filter = Filter { days: Some(365), ..Filter::default() };
        let d = measures::dashboard(&facts, &filter, as_of).unwrap();
        let trends = measures::tool_trends(&facts, &measures::scope(&facts, &filter, as_of).unwrap(), d.grain);
        let chart = ChartName::Tools.chart(
            &ChartData { dashboard: &d, tools: &trends, stakeholders: &[], min_group: MIN_GROUP, network: None },
            as_of,
        );
        let Body::Trend { series, .. } = &chart.body else { panic!("lines: {:?}", chart.body) };
        assert_eq!(series.len(), 3, "the demo's three tools");
        let last = |s: &Series| s.points.last().unwrap().1;
        assert!(series.windows(2).all(|w| last(&w[0]) >= last(&w[1])), "busiest now first");
        assert!(
            chart.title.starts_with(&format!("{} leads with {}", series[0].name, last(&series[0]))),
            "{}",
            chart.title
        );
        let svg = crate::charts::svg(&chart, crate::charts::Size::WIDE, &crate::charts::Theme::light()).unwrap();
        assert!(!svg.contains("<text"));
    }

    #[test]
    fn channels_of_fewer_than_five_people_are_left_out() {
        let d = dashboard();
        let made = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let chart = ChartName::Communities.chart(
            &ChartData { dashboard: &d, tools: &[], stakeholders: &[], min_group: MIN_GROUP, network: None },
            made,
        );
        let Body::Bars { rows, axis, .. } = &chart.body else { panic!("bars: {:?}", chart.body) };
        for c in d.communities.iter().filter(|c| c.yearly_active < MIN_GROUP) {
            let label = format!("{} · {}", c.channel, c.tool);
            assert!(rows.iter().all(|r| r.label != label), "{label} is too small to show");
            assert!(axis.contains("left out"), "and the chart says some were: {axis}");
        }
        assert!(rows.len() <= CHANNELS && !rows.is_empty());
        assert!(rows.windows(2).all(|w| w[0].share >= w[1].share), "healthiest first");
    }

    #[test]
    fn movement_counts_the_people_the_lists_name() {
        let d = dashboard();
        let m = d.movement;
        assert!(m.went_quiet as usize >= d.stopped.len() && m.joined as usize >= d.newest_adopters.len());
        if d.stopped.len() < LIST_LEN {
            assert_eq!(m.went_quiet as usize, d.stopped.len(), "a short list is everyone");
        }
        if d.newest_adopters.len() < LIST_LEN {
            assert_eq!(m.joined as usize, d.newest_adopters.len());
        }
        let made = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let chart = ChartName::Movement.chart(
            &ChartData { dashboard: &d, tools: &[], stakeholders: &[], min_group: MIN_GROUP, network: None },
            made,
        );
        assert!(
            chart.title.contains(&m.joined.to_string()) && chart.title.contains(&m.went_quiet.to_string()),
            "{}",
            chart.title
        );
    }

    #[test]
    fn titles_state_the_finding_from_the_numbers() {
        let d = dashboard();
        let made = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let active = ChartName::ActivePeople.chart(
            &ChartData { dashboard: &d, tools: &[], stakeholders: &[], min_group: MIN_GROUP, network: None },
            made,
        );
        let f = d.headline.iter().find(|f| f.key == "active").unwrap();
        assert!(active.title.starts_with(&format!("{} people took part", f.value.unwrap())), "{}", active.title);
        assert!(active.title.contains("on the previous 90 days"), "{}", active.title);
        let p = ChartName::Participation.chart(
            &ChartData { dashboard: &d, tools: &[], stakeholders: &[], min_group: MIN_GROUP, network: None },
            made,
        );
        assert!(p.title.contains("90-9-1"), "{}", p.title);
        let a = ChartName::Adoption.chart(
            &ChartData { dashboard: &d, tools: &[], stakeholders: &[], min_group: MIN_GROUP, network: None },
            made,
        );
        let Body::Trend { series, marks, .. } = &a.body else { panic!("a curve: {:?}", a.body) };
        let points = &series[0].points;
        assert!(points.windows(2).all(|w| w[0].1 <= w[1].1), "adoption only grows");
        assert_eq!(points.last().map(|p| p.0), Some(d.period.to), "drawn to the end of the period");
        assert_eq!(marks.ceiling.as_ref().map(|c| c.0), Some(f64::from(d.adoption.population)));
        assert!(!marks.bands.is_empty(), "Rogers' categories shaded");
        let share = f64::from(d.adoption.adopters) / f64::from(d.adoption.population) * 100.0;
        assert!(a.title.starts_with(&format!("{share:.0} % ")), "{}", a.title);
        assert!(ChartName::ALL.iter().all(|c| ChartName::parse(c.name()) == Some(*c)));
    }
}
