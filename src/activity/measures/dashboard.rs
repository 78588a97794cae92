//! The dashboard: headline figures with their unit, direction and change, and everything the Engagement view shows.

use chrono::NaiveDate;
use serde::Serialize;

use super::*;
use crate::activity::date_of_day;
use crate::activity::facts::Facts;

/// What a figure's number is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// People or events.
    Count,
    /// A fraction of a whole (0.25 is 25 %); its change reads in points.
    Share,
    /// A ratio such as responses per post, or a coefficient.
    Ratio,
    /// A duration.
    Seconds,
}

impl Unit {
    /// The number as a person reads it ("25.0 %", "3.5 h", "1234").
    pub fn format(self, v: f64) -> String {
        match self {
            Unit::Share => format!("{:.1} %", v * 100.0),
            Unit::Ratio => format!("{v:.2}"),
            Unit::Seconds => duration(v),
            Unit::Count => grouped(v),
        }
    }

    /// A change of the number, signed ("+2.5 pts", "+12 %", "-45 min").
    pub fn format_change(self, change: f64, ratio: Option<f64>) -> String {
        let sign = if change > 0.0 { "+" } else { "" };
        match (self, ratio) {
            (Unit::Share, _) => format!("{sign}{:.1} pts", change * 100.0),
            (_, Some(r)) => format!("{sign}{:.0} %", r * 100.0),
            (_, None) => format!("{sign}{}", self.format(change)),
        }
    }
}

/// A count with its thousands apart ("12 345", a narrow no-break space
/// between groups, as the charts' axes write them).
pub fn grouped(v: f64) -> String {
    let n = v.round() as i64;
    let digits = n.unsigned_abs().to_string();
    let mut out = String::from(if n < 0 { "-" } else { "" });
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    out
}

/// Seconds as "45 min", "3.5 h" or "2.1 days".
pub fn duration(s: f64) -> String {
    if s.abs() < 3600.0 {
        format!("{:.0} min", s / 60.0)
    } else if s.abs() < 86_400.0 {
        format!("{:.1} h", s / 3600.0)
    } else {
        format!("{:.1} days", s / 86_400.0)
    }
}

/// Which way a figure is good news.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Better {
    Higher,
    Lower,
}

/// A headline figure with its value in the previous period.
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    pub key: &'static str,
    pub label: &'static str,
    pub unit: Unit,
    pub better: Better,
    pub value: Option<f64>,
    pub previous: Option<f64>,
    /// value − previous.
    pub change: Option<f64>,
    /// (value − previous) ÷ previous.
    pub change_ratio: Option<f64>,
    /// Whether the change is good news (`None`: no change, or nothing to
    /// compare with).
    pub good: Option<bool>,
    /// The value in words ("12.5 %", "3.5 h", "1 204"; "–" when there is none).
    pub shown: String,
    /// The change in words: "▲ +12 %", "▼ -2.0 pts", "no change" or "no
    /// earlier figure" — what every view shows, so none formats it again.
    pub change_shown: String,
}

impl Figure {
    /// A figure with its words.
    pub fn new(
        key: &'static str,
        label: &'static str,
        unit: Unit,
        better: Better,
        value: Option<f64>,
        previous: Option<f64>,
    ) -> Figure {
        let change = value.zip(previous).map(|(a, b)| a - b);
        let change_ratio = value.zip(previous).and_then(|(a, b)| (b != 0.0).then(|| (a - b) / b));
        let good = change.filter(|c| *c != 0.0).map(|c| (c > 0.0) == (better == Better::Higher));
        let shown = value.map_or_else(|| "–".to_owned(), |v| unit.format(v));
        let change_shown = match change {
            None => "no earlier figure".to_owned(),
            Some(0.0) => "no change".to_owned(),
            Some(c) => format!("{} {}", if c > 0.0 { "▲" } else { "▼" }, unit.format_change(c, change_ratio)),
        };
        Figure { key, label, unit, better, value, previous, change, change_ratio, good, shown, change_shown }
    }
}

pub(crate) fn figures(now: &Participation, before: &Participation) -> Vec<Figure> {
    let share = |a: u32, b: u32| (b > 0).then(|| f64::from(a) / f64::from(b));
    use Better::{Higher, Lower};
    use Unit::{Count, Ratio, Seconds, Share};
    type Row = (&'static str, &'static str, Unit, Better, Option<f64>);
    let pick = |p: &Participation| -> Vec<Row> {
        vec![
            ("active", "Active people", Count, Higher, Some(f64::from(p.active))),
            ("active_share", "Share of population active", Share, Higher, share(p.active, p.population)),
            ("posts", "Posts", Count, Higher, Some(p.posts as f64)),
            ("replies", "Replies", Count, Higher, Some(p.replies as f64)),
            ("reactions", "Reactions", Count, Higher, Some(p.reactions as f64)),
            ("mentions", "Mentions", Count, Higher, Some(p.mentions as f64)),
            ("shares", "Shares", Count, Higher, Some(p.shares as f64)),
            ("engagement_rate", "Responses per post", Ratio, Higher, p.engagement_rate),
            ("median_first_reply", "Median time to first reply", Seconds, Lower, p.median_first_reply),
            ("creators_share", "Creators", Share, Higher, share(p.creators, p.population)),
            ("contributors_share", "Contributors", Share, Higher, share(p.contributors, p.population)),
            ("lurkers_share", "Lurkers", Share, Lower, share(p.lurkers, p.population)),
            ("top1_share", "Content by the top 1 %", Share, Lower, p.top1_share),
            ("top10_share", "Content by the top 10 %", Share, Lower, p.top10_share),
            ("gini", "Gini coefficient", Ratio, Lower, p.gini),
        ]
    };
    pick(now)
        .into_iter()
        .zip(pick(before))
        .map(|((key, label, unit, better, value), (.., previous))| {
            Figure::new(key, label, unit, better, value, previous)
        })
        .collect()
}

/// Everything the Engagement view shows, for one filter.
#[derive(Debug, Clone, Serialize)]
pub struct Dashboard {
    pub period: Period,
    pub previous: Period,
    pub tool: Option<String>,
    pub population: u32,
    pub headline: Vec<Figure>,
    pub participation: Participation,
    /// What participation is compared with.
    pub rule: Rule,
    pub grain: Grain,
    pub trend: Vec<TrendPoint>,
    pub by_department: Vec<GroupRow>,
    pub adoption: AdoptionCurve,
    pub top_contributors: Vec<Listed>,
    pub newest_adopters: Vec<Listed>,
    pub stopped: Vec<Listed>,
    /// How many joined and went quiet (counts: never names).
    pub movement: Movement,
    pub communities: Vec<ChannelHealth>,
    /// The month community health measures (see [`health_month`]).
    pub health_month: NaiveDate,
    /// Everything the filters can choose from.
    pub tools: Vec<String>,
    pub departments: Vec<String>,
    pub locations: Vec<String>,
    pub teams: Vec<String>,
    /// First and last day with any activity.
    pub data_from: Option<NaiveDate>,
    pub data_to: Option<NaiveDate>,
}

/// How many people each list of the dashboard holds.
pub const LIST_LEN: usize = 10;

/// The whole dashboard.
pub fn dashboard(facts: &Facts, filter: &Filter, today: NaiveDate) -> Result<Dashboard, FilterError> {
    let scope = scope(facts, filter, today)?;
    let prev = scope.previous();
    let grain = Grain::for_days(scope.to - scope.from + 1);
    // The two cores share the work: the period before, the trend and
    // community health on one; this period and its lists on the other.
    let ((before_totals, before, trend, communities), (now_totals, now, adopters)) = std::thread::scope(|s| {
        let other = s.spawn(|| {
            let before_totals = totals(facts, &prev);
            let before = participation_of(facts, &prev, &before_totals);
            (before_totals, before, active_trend(facts, &scope, grain), community_health(facts, &scope))
        });
        let now_totals = totals(facts, &scope);
        let now = participation_of(facts, &scope, &now_totals);
        let mine = (now_totals, now, adopters(facts, scope.tool));
        (other.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)), mine)
    });
    Ok(Dashboard {
        period: scope.period(),
        previous: prev.period(),
        tool: scope.tool.map(|t| facts.tools[t as usize].name.clone()),
        population: scope.population,
        headline: figures(&now, &before),
        participation: now,
        rule: RULE_90_9_1,
        grain,
        trend,
        by_department: by_group_of(facts, &scope, GroupBy::Department, &now_totals),
        adoption: adoption_curve_of(facts, &scope, &adopters),
        top_contributors: top_contributors_of(facts, &scope, LIST_LEN, &now_totals),
        newest_adopters: newest_adopters_of(facts, &scope, LIST_LEN, &adopters),
        stopped: stopped_of(facts, &scope, LIST_LEN, &now_totals, &before_totals),
        movement: movement_of(&scope, &adopters, &now_totals, &before_totals),
        communities,
        health_month: health_month(date_of_day(scope.to)),
        tools: facts.tools.iter().map(|t| t.name.clone()).collect(),
        departments: facts.departments.clone(),
        locations: facts.locations.clone(),
        teams: facts.teams.clone(),
        data_from: facts.span().map(|(a, _)| date_of_day(a)),
        data_to: facts.span().map(|(_, b)| date_of_day(b)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_know_their_unit_and_which_way_is_good_news() {
        let now = Participation { active: 12, population: 100, gini: Some(0.5), ..Participation::default() };
        let before = Participation { active: 10, population: 100, gini: Some(0.6), ..Participation::default() };
        let f = figures(&now, &before);
        let get = |k: &str| f.iter().find(|x| x.key == k).unwrap();
        assert_eq!((get("active").unit, get("active").good), (Unit::Count, Some(true)));
        assert_eq!(get("active").change_ratio, Some(0.2));
        assert_eq!((get("gini").better, get("gini").good), (Better::Lower, Some(true)), "less inequality is good");
        assert_eq!(get("posts").good, None, "no change is neither");
        assert_eq!(Unit::Share.format_change(0.02, Some(0.2)), "+2.0 pts", "shares move in points");
        assert_eq!(Unit::Count.format_change(2.0, Some(0.2)), "+20 %");
        assert_eq!(Unit::Seconds.format(5400.0), "1.5 h");
    }
}
