//! The default CEO evangelization storyline, built from the numbers of a
//! period: what a strategist would say to a CEO, slide by slide, with the
//! speaker notes in plain sentences.

//!
//! By topic: [`figures`] (cover, summary, evidence, changes), [`findings`]
//! (the chart slides and what to read in them), [`asks`] (recommendation and
//! appendix), [`tables`] (the table behind each chart).

mod asks;
mod figures;
mod findings;
mod tables;

use chrono::NaiveDate;

use super::{Deck, Slide, SlideBody, SlideName, Status, Table};
use crate::activity::measures::{Better, Dashboard, Figure, TrendPoint};
use crate::charts::{Chart, ChartData, ChartName, Theme};
use crate::directory::Stakeholder;

use asks::{appendix, recommendation};
pub use figures::run_figures;
use figures::{changes, cover, evidence, summary};
use findings::{added_slide, chart_slide_of};
use tables::table_of;

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
    /// The organisation's name, for the cover (from the brand).
    pub organisation: Option<&'a str>,
    /// The strategist's evidence cards, newest first.
    pub evidence: &'a [super::Evidence],
    /// Charts added to the deck, each drawn from its own filters, with
    /// those filters in words.
    pub added: &'a [(Chart, String)],
    /// The network's map and champions' coverage, when a slide shows them.
    pub network: Option<&'a crate::charts::NetworkChart>,
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
    let charts = ChartData {
        dashboard: d,
        tools: data.tools,
        stakeholders: data.stakeholders,
        min_group,
        network: data.network,
    };
    let mut tables = Vec::new();
    let mut out = Vec::new();
    for &name in slides {
        let slide = match name {
            SlideName::Cover => cover(d, &period, data.made, data.organisation),
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
                    SlideName::Network => ChartName::NetworkMap,
                    SlideName::Champions => ChartName::Coverage,
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
        title: match data.organisation {
            Some(org) => format!("{org}: our internal conversation"),
            None => "Our internal conversation".into(),
        },
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

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activity::measures::Unit;

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
        let f = |value: f64, better: Better| Figure::new("x", "x", Unit::Share, better, Some(value), None);
        assert_eq!(status(&f(0.40, Better::Higher), 0.40), Some(Status::Green));
        assert_eq!(status(&f(0.33, Better::Higher), 0.40), Some(Status::Amber));
        assert_eq!(status(&f(0.20, Better::Higher), 0.40), Some(Status::Red));
        assert_eq!(status(&f(5.0, Better::Lower), 4.0), Some(Status::Amber), "lower is better: 4 ÷ 5");
        assert_eq!(status(&f(3.0, Better::Lower), 4.0), Some(Status::Green));
    }
}
