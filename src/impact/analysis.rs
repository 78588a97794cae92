//! From a request to what the strategist reads: the design chosen from the
//! rollout (one date: an interrupted time series; waves: staggered
//! difference-in-differences), the checks that say when the data cannot
//! carry a conclusion, the headline in words and the method note.

use serde::Serialize;

use super::did::{self, Control, DidFit, DidOptions, Panel};
use super::its::{self, ItsFit, ItsOptions};
use super::series::{GroupBy, Outcome, SeriesRow, iso_week, monday_of};
use super::{Estimate, ImpactError};
use crate::activity::date_of_day;

/// Fewer weeks than this before or after a rollout: said plainly.
pub const MIN_WEEKS: usize = 8;
/// Residual lag-1 autocorrelation at or above this: said plainly.
pub const HIGH_AUTOCORRELATION: f64 = 0.8;

/// When the tool arrived.
#[derive(Debug, Clone, PartialEq)]
pub enum Rollout {
    /// Everyone on one day (a day number).
    Single(i32),
    /// Groups (departments or locations) on days of their own; groups not
    /// listed get `rest` (the tool's own date), or never when `None`.
    Waves { by: GroupBy, waves: Vec<(String, i32)>, rest: Option<i32> },
}

/// What to analyse.
#[derive(Debug, Clone)]
pub struct Request {
    /// The name of the rollout assessed (a tool's).
    pub tool: String,
    pub outcome: Outcome,
    pub rollout: Rollout,
    /// For one rollout: the group whose series is analysed (default: the
    /// only one, or "Everyone").
    pub group: Option<String>,
    /// For one rollout: a group not rolled out, as a comparison.
    pub comparison: Option<String>,
    pub control: Control,
    /// Groups with fewer people are left out (the privacy threshold).
    pub min_group: u32,
    pub draws: usize,
    pub seed: u64,
}

/// A reason to read the numbers with care, with the number behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Warning {
    pub code: &'static str,
    pub text: String,
}

/// Which design was used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Design {
    InterruptedTimeSeries,
    ControlledInterruptedTimeSeries,
    StaggeredDid,
}

/// The result: everything needed to read it, chart it, and redo it.
#[derive(Debug, Clone, Serialize)]
pub struct ImpactReport {
    pub tool: String,
    pub design: Design,
    pub outcome: String,
    pub words: String,
    pub by: GroupBy,
    /// The series analysed (`week`, `group`, `value`).
    pub series: Vec<SeriesRow>,
    /// The rollout: for one date its ISO week; for waves, each group's.
    pub rollout: Vec<RolloutRow>,
    /// Every estimate, by name (`level_change`, `slope_change`,
    /// `average_effect`, `relative_effect`, `att`, `att_dynamic`,
    /// `att_by_week` with its `weeks`).
    pub estimates: Vec<Named>,
    pub warnings: Vec<Warning>,
    /// The sentence an executive reads.
    pub headline: String,
    /// How it was measured: design, assumptions, conventions.
    pub method: String,
    #[serde(skip)]
    pub its: Option<ItsFit>,
    #[serde(skip)]
    pub did: Option<DidFit>,
    /// Weeks (Mondays) of the series.
    #[serde(skip)]
    pub weeks: Vec<chrono::NaiveDate>,
}

/// A group's rollout week.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RolloutRow {
    pub group: String,
    pub week: Option<String>,
}

/// An estimate in the JSON: its name, and for the event study its week.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Named {
    #[serde(flatten)]
    pub estimate: Estimate,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weeks: Option<i64>,
}

fn warn(out: &mut Vec<Warning>, code: &'static str, text: String) {
    out.push(Warning { code, text });
}

fn week_index(outcome: &Outcome, day: i32) -> Option<i64> {
    let first = crate::activity::day_of_date(*outcome.weeks.first()?);
    Some(i64::from((monday_of(day) - first).div_euclid(7)))
}

fn values(outcome: &Outcome, group: &str) -> Result<Vec<f64>, ImpactError> {
    let g = outcome
        .group(group)
        .ok_or_else(|| ImpactError::Invalid(format!("no series for {group:?} in {}", outcome.name)))?;
    g.values
        .iter()
        .enumerate()
        .map(|(w, v)| {
            v.ok_or_else(|| {
                ImpactError::Invalid(format!(
                    "{}, week {}: no value ({} has nothing to measure that week); choose another outcome or a larger group",
                    g.group,
                    iso_week(outcome.weeks[w]),
                    outcome.words
                ))
            })
        })
        .collect()
}

/// Runs the analysis.
pub fn analyse(req: &Request) -> Result<ImpactReport, ImpactError> {
    if req.outcome.weeks.is_empty() {
        return Err(ImpactError::TooShort("there is no whole week of data".into()));
    }
    match &req.rollout {
        Rollout::Single(day) => single(req, *day),
        Rollout::Waves { waves, rest, .. } => staggered(req, waves, *rest),
    }
}

fn outside(req: &Request, day: i32) -> ImpactError {
    let (a, b) = (req.outcome.weeks[0], *req.outcome.weeks.last().expect("weeks"));
    ImpactError::TooShort(format!(
        "the rollout ({}) is outside the data, whose whole weeks run from {} to {}",
        date_of_day(day),
        a,
        b + chrono::TimeDelta::days(6)
    ))
}

fn single(req: &Request, day: i32) -> Result<ImpactReport, ImpactError> {
    let o = &req.outcome;
    let n = o.weeks.len() as i64;
    let t0 = week_index(o, day).filter(|&t| (0..n).contains(&t)).ok_or_else(|| outside(req, day))? as usize;
    if t0 == 0 {
        return Err(ImpactError::TooShort(format!(
            "no data before the rollout ({}): the first whole week is that of the rollout",
            date_of_day(day)
        )));
    }
    let group = match &req.group {
        Some(g) => g.clone(),
        None if req.comparison.is_some() => {
            return Err(ImpactError::Invalid(
                "with a comparison group, name the group that was rolled out (--group)".into(),
            ));
        }
        None if o.groups.len() == 1 => o.groups[0].group.clone(),
        None => "Everyone".to_owned(),
    };
    let mut warnings = Vec::new();
    for name in std::iter::once(&group).chain(req.comparison.as_ref()) {
        if let Some(p) = o.group(name).and_then(|g| g.people)
            && p < req.min_group
            && name != "Everyone"
        {
            return Err(ImpactError::Invalid(format!(
                "{name} has {p} people, under the privacy threshold of {}: choose a larger group",
                req.min_group
            )));
        }
    }
    let y = values(o, &group)?;
    let c = req.comparison.as_deref().map(|g| values(o, g)).transpose()?;
    let fit = its::fit(&y, c.as_deref(), t0, ItsOptions::default())?;
    if fit.weeks_before < MIN_WEEKS {
        warn(
            &mut warnings,
            "short_before",
            format!(
                "only {} weeks before the rollout (at least {MIN_WEEKS} are needed to trust the trend before it)",
                fit.weeks_before
            ),
        );
    }
    if fit.weeks_after < MIN_WEEKS {
        warn(
            &mut warnings,
            "short_after",
            format!(
                "only {} weeks after the rollout (at least {MIN_WEEKS} are needed to see a lasting change)",
                fit.weeks_after
            ),
        );
    }
    if fit.residual_autocorrelation >= HIGH_AUTOCORRELATION {
        warn(
            &mut warnings,
            "autocorrelation",
            format!(
                "the weeks are strongly correlated with the week before (residual autocorrelation {:.2}, at or above {HIGH_AUTOCORRELATION}): the intervals are too narrow",
                fit.residual_autocorrelation
            ),
        );
    }
    if req.comparison.is_none() {
        warn(&mut warnings, "no_comparison", "no comparison series: anything else that changed in the same week (a reorganisation, the season) is counted as the rollout's".into());
    }
    let design = if c.is_some() { Design::ControlledInterruptedTimeSeries } else { Design::InterruptedTimeSeries };
    let avg = &fit.average_effect;
    let headline = headline_its(o, avg, &fit.relative_effect, c.is_some(), &group);
    let method = format!(
        "Interrupted time series on {} whole ISO weeks ({} before the rollout's week, {} from it on){}. \
         Segmented regression y = β0 + β1·t + β2·after + β3·(t − t0)·after fitted by least squares; \
         Newey–West standard errors (Bartlett kernel, lag {}, small-sample factor n/(n − 4)); Student t intervals on {} degrees of freedom. \
         The counterfactual is the trend before the rollout carried on; the effect is how far the series ran above it, on average, after the rollout. \
         Assumes nothing else changed in the rollout's week and the trend before would have continued. \
         On series this short Newey–West intervals are narrower than stated (simulated: a 95 % interval covered the truth 88 % of the time).",
        o.weeks.len(),
        fit.weeks_before,
        fit.weeks_after,
        match &req.comparison {
            Some(cmp) => format!(
                ", {group} against {cmp} (the regression is fitted to the difference: a controlled interrupted time series)"
            ),
            None => String::new(),
        },
        fit.lag,
        fit.df
    );
    let mut rows: Vec<SeriesRow> = o
        .rows()
        .into_iter()
        .filter(|r| {
            r.group.eq_ignore_ascii_case(&group)
                || req.comparison.as_deref().is_some_and(|c| r.group.eq_ignore_ascii_case(c))
        })
        .collect();
    rows.sort_by(|a, b| a.group.cmp(&b.group).then(a.monday.cmp(&b.monday)));
    Ok(ImpactReport {
        tool: req.tool.clone(),
        design,
        outcome: o.name.clone(),
        words: o.words.clone(),
        by: o.by,
        series: rows,
        rollout: vec![RolloutRow { group: group.clone(), week: Some(iso_week(o.weeks[t0])) }],
        estimates: [
            &fit.level_change,
            &fit.slope_change,
            &fit.average_effect,
            &fit.effect_at_end,
            &fit.relative_effect,
        ]
        .into_iter()
        .map(|e| Named { estimate: e.clone(), weeks: None })
        .collect(),
        warnings,
        headline,
        method,
        weeks: o.weeks.clone(),
        its: Some(fit),
        did: None,
    })
}

fn staggered(req: &Request, waves: &[(String, i32)], rest: Option<i32>) -> Result<ImpactReport, ImpactError> {
    let o = &req.outcome;
    let n = o.weeks.len() as i64;
    let mut warnings = Vec::new();
    let mut panel = Panel { units: Vec::new(), cohorts: Vec::new(), periods: o.weeks.len(), y: Vec::new() };
    let mut small = Vec::new();
    let mut rollout = Vec::new();
    let mut before_data = Vec::new();
    let mut after_data = 0;
    for g in &o.groups {
        if g.people.is_some_and(|p| p < req.min_group) {
            small.push(g.group.clone());
            continue;
        }
        let day = waves.iter().find(|(w, _)| w.eq_ignore_ascii_case(&g.group)).map(|w| w.1).or(rest);
        let cohort = match day.and_then(|d| week_index(o, d)) {
            None => None,
            Some(t) if t <= 0 => {
                before_data.push(g.group.clone());
                continue;
            }
            Some(t) if t >= n => {
                after_data += 1;
                None
            }
            Some(t) => Some(t as usize),
        };
        rollout.push(RolloutRow { group: g.group.clone(), week: cohort.map(|t| iso_week(o.weeks[t])) });
        panel.y.extend(values(o, &g.group)?);
        panel.units.push(g.group.clone());
        panel.cohorts.push(cohort);
    }
    if !small.is_empty() {
        warn(
            &mut warnings,
            "small_groups",
            format!(
                "{} group(s) with fewer than {} people left out (the privacy threshold)",
                small.len(),
                req.min_group
            ),
        );
    }
    if !before_data.is_empty() {
        warn(
            &mut warnings,
            "rolled_out_before_data",
            format!(
                "{} group(s) received the tool in or before the first week of data and are left out: {}",
                before_data.len(),
                before_data.join(", ")
            ),
        );
    }
    if after_data > 0 {
        warn(
            &mut warnings,
            "rolled_out_after_data",
            format!("{after_data} group(s) received the tool after the data ends: counted as not rolled out"),
        );
    }
    if panel.cohorts.iter().all(Option::is_none) {
        return Err(ImpactError::TooShort("no wave of the rollout falls within the data".into()));
    }
    let fit = did::fit(&panel, DidOptions { control: req.control, draws: req.draws, seed: req.seed, level: 0.95 })?;
    let first = fit.cohorts.iter().map(|c| c.0).min().unwrap_or(0);
    let last = fit.cohorts.iter().map(|c| c.0).max().unwrap_or(0);
    if first < MIN_WEEKS {
        warn(
            &mut warnings,
            "short_before",
            format!("the first wave has only {first} weeks of data before it (at least {MIN_WEEKS} are needed)"),
        );
    }
    let after_last = o.weeks.len() - last;
    if after_last < MIN_WEEKS {
        warn(
            &mut warnings,
            "short_after",
            format!(
                "the last wave has only {after_last} weeks of data from its rollout on (at least {MIN_WEEKS} are needed)"
            ),
        );
    }
    let never = panel.cohorts.iter().filter(|c| c.is_none()).count();
    if never == 0 && fit.cells_without_comparison > 0 {
        warn(
            &mut warnings,
            "no_comparison",
            format!(
                "every group is rolled out by {}: after that week no group is left to compare with, so the last wave's effects are measured only until then",
                iso_week(o.weeks[last])
            ),
        );
    }
    if !fit.leads_off_zero.is_empty() {
        let worst = fit
            .by_week
            .iter()
            .filter(|w| fit.leads_off_zero.contains(&w.weeks))
            .max_by(|a, b| (a.att.estimate / a.att.se).abs().total_cmp(&(b.att.estimate / b.att.se).abs()))
            .expect("a lead");
        warn(
            &mut warnings,
            "pre_trends",
            format!(
                "before their rollout, groups already moved apart from the others: {} of {} weeks before a wave {} outside the band around zero (the largest, {} weeks before: {})",
                fit.leads_off_zero.len(),
                fit.by_week.iter().filter(|w| w.weeks < 0).count(),
                if fit.leads_off_zero.len() == 1 { "lies" } else { "lie" },
                -worst.weeks,
                fmt_change(o, worst.att.estimate)
            ),
        );
    }
    // The level before: the treated groups' mean in the week before their wave.
    let mut base = Vec::new();
    for (i, c) in panel.cohorts.iter().enumerate() {
        if let Some(g) = c {
            base.push(panel.y[i * panel.periods + g - 1]);
        }
    }
    let level_before = base.iter().sum::<f64>() / base.len().max(1) as f64;
    let headline = headline_did(o, &fit.att, level_before, req.control);
    let method = format!(
        "Staggered difference-in-differences (Callaway and Sant'Anna 2021) over {} {} in {} waves{}, {} whole ISO weeks. \
         Each wave's effect in each week, ATT(g,t), is its groups' change from the week before their rollout minus that of the groups {} over the same weeks; \
         the overall effect averages them over the weeks from each rollout on, weighted by the number of groups in each wave. \
         Intervals: a bootstrap clustered by group ({} draws, Rademacher weights, seed {}; the interval's own Monte Carlo error about {:.0} %), Student t on {} degrees of freedom. \
         Assumes that, without the tool, groups would have moved in parallel, and that no group changed before its own rollout in anticipation of it (the weeks before each wave test this). \
         Ordinary two-way fixed effects is not used: with staggered rollouts it compares later waves with earlier ones already treated and can weight some comparisons negatively (Goodman-Bacon 2021).",
        fit.units,
        match o.by {
            GroupBy::Location => "locations",
            _ => "departments",
        },
        fit.cohorts.len(),
        if never > 0 { format!(" and {never} not rolled out") } else { String::new() },
        o.weeks.len(),
        match req.control {
            Control::NotYetTreated => "not rolled out yet",
            Control::NeverTreated => "never rolled out",
        },
        fit.draws,
        fit.seed,
        fit.monte_carlo_error * 100.0,
        fit.units.saturating_sub(1)
    );
    let mut estimates = vec![
        Named { estimate: fit.att.clone(), weeks: None },
        Named { estimate: fit.att_dynamic.clone(), weeks: None },
    ];
    estimates.extend(fit.by_week.iter().map(|w| Named { estimate: w.att.clone(), weeks: Some(w.weeks) }));
    let kept: Vec<&String> = panel.units.iter().collect();
    let series = o.rows().into_iter().filter(|r| kept.iter().any(|k| k.eq_ignore_ascii_case(&r.group))).collect();
    Ok(ImpactReport {
        tool: req.tool.clone(),
        design: Design::StaggeredDid,
        outcome: o.name.clone(),
        words: o.words.clone(),
        by: o.by,
        series,
        rollout,
        estimates,
        warnings,
        headline,
        method,
        weeks: o.weeks.clone(),
        its: None,
        did: Some(fit),
    })
}

/// A value of the outcome in its own unit.
pub fn fmt_value(o: &Outcome, v: f64) -> String {
    match o.name.as_str() {
        "active_share" => format!("{:.1} %", v * 100.0),
        "active_people" | "contributions" if v.abs() >= 10.0 => format!("{v:.0}"),
        "active_people" | "contributions" => format!("{v:.1}"),
        "hours_to_first_reply" => format!("{v:.1} h"),
        _ if v.abs() >= 100.0 => format!("{v:.0}"),
        _ if v.abs() >= 10.0 => format!("{v:.1}"),
        _ => format!("{v:.2}"),
    }
}

/// A change of the outcome: shares in percentage points.
pub fn fmt_change(o: &Outcome, v: f64) -> String {
    match o.name.as_str() {
        "active_share" => format!("{:.1} points", v * 100.0),
        _ => fmt_value(o, v),
    }
}

fn interval(o: &Outcome, e: &Estimate) -> String {
    let f = |v: f64| fmt_change(o, v).replace(" points", "").replace(" h", "");
    format!("95 % CI {} to {}", f(e.ci_low), f(e.ci_high))
}

fn direction(o: &Outcome, v: f64) -> &'static str {
    let _ = o;
    if v >= 0.0 { "rose" } else { "fell" }
}

fn headline_its(o: &Outcome, avg: &Estimate, rel: &Estimate, controlled: bool, group: &str) -> String {
    let whose = if group == "Everyone" { String::new() } else { format!(" in {group}") };
    let against = if controlled { "the comparison's and the trend before" } else { "the trend before it" };
    if !avg.excludes_zero() {
        return format!(
            "After the rollout, {}{whose} moved by {} ({}): not distinguishable from {against}.",
            o.words,
            fmt_change(o, avg.estimate),
            interval(o, avg)
        );
    }
    format!(
        "After the rollout, {}{whose} {} by {} ({}), {:.0} % {} {against}.",
        o.words,
        direction(o, avg.estimate),
        fmt_change(o, avg.estimate.abs()),
        interval(o, avg),
        rel.estimate.abs() * 100.0,
        if avg.estimate >= 0.0 { "above" } else { "below" }
    )
}

fn headline_did(o: &Outcome, att: &Estimate, level_before: f64, control: Control) -> String {
    let others = match control {
        Control::NotYetTreated => "groups that did not have it yet",
        Control::NeverTreated => "groups that never had it",
    };
    let rel = if level_before.abs() > 0.0 {
        format!(", {:.0} % of their level before", (att.estimate / level_before).abs() * 100.0)
    } else {
        String::new()
    };
    if !att.excludes_zero() {
        return format!(
            "Where the tool arrived, {} moved by {} against {others} ({}): not distinguishable from no change.",
            o.words,
            fmt_change(o, att.estimate),
            interval(o, att)
        );
    }
    format!(
        "Where the tool arrived, {} {} by {} against {others} ({}){rel}.",
        o.words,
        direction(o, att.estimate),
        fmt_change(o, att.estimate.abs()),
        interval(o, att)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activity::day_of_date;
    use crate::impact::series::GroupSeries;

    fn outcome(groups: Vec<(&str, u32, Vec<f64>)>) -> Outcome {
        let n = groups[0].2.len();
        let first = day_of_date("2025-01-06".parse().unwrap());
        Outcome {
            name: "active_people".into(),
            words: "weekly active people".into(),
            higher_is_better: true,
            by: GroupBy::Department,
            weeks: (0..n).map(|w| date_of_day(first + 7 * w as i32)).collect(),
            groups: groups
                .into_iter()
                .map(|(g, p, v)| GroupSeries {
                    group: g.into(),
                    people: Some(p),
                    values: v.into_iter().map(Some).collect(),
                })
                .collect(),
        }
    }

    fn req(o: Outcome, rollout: Rollout) -> Request {
        Request {
            tool: "Engage".into(),
            outcome: o,
            rollout,
            group: None,
            comparison: None,
            control: Control::NotYetTreated,
            min_group: 5,
            draws: 199,
            seed: 1,
        }
    }

    #[test]
    fn one_rollout_reads_as_a_sentence_with_its_interval() {
        let y: Vec<f64> =
            (0..30).map(|t| 100.0 + t as f64 + if t >= 15 { 40.0 } else { 0.0 } + ((t * 7) % 5) as f64).collect();
        let o = outcome(vec![("Everyone", 300, y)]);
        let day = day_of_date("2025-01-06".parse().unwrap()) + 15 * 7 + 2;
        let r = analyse(&req(o, Rollout::Single(day))).expect("analyses");
        assert_eq!(r.design, Design::InterruptedTimeSeries);
        assert!(r.headline.starts_with("After the rollout, weekly active people rose by "), "{}", r.headline);
        let avg = r.estimates.iter().find(|e| e.estimate.name == "average_effect").expect("the average effect");
        // Planted: +40; the week-to-week pattern (0 to 4) moves it by less than 2.
        assert!((avg.estimate.estimate - 40.0).abs() < 2.0, "{:?}", avg.estimate);
        assert!(r.headline.contains("95 % CI"), "{}", r.headline);
        assert!(r.warnings.iter().any(|w| w.code == "no_comparison"));
        assert_eq!(r.series.len(), 30, "the series is part of the result");
    }

    #[test]
    fn a_rollout_outside_the_data_or_without_weeks_before_is_refused() {
        let o = outcome(vec![("Everyone", 300, vec![1.0; 20])]);
        let before = day_of_date("2024-06-01".parse().unwrap());
        let e = analyse(&req(o.clone(), Rollout::Single(before))).unwrap_err().to_string();
        assert!(e.contains("outside the data") && e.contains("2025-01-06"), "{e}");
        let first_week = day_of_date("2025-01-08".parse().unwrap());
        let e = analyse(&req(o, Rollout::Single(first_week))).unwrap_err().to_string();
        assert!(e.contains("no data before the rollout"), "{e}");
    }

    #[test]
    fn short_series_and_small_groups_are_said_plainly() {
        let mk =
            |shift: f64| (0..12).map(|t| 50.0 + t as f64 * 0.5 + shift + ((t * 3) % 4) as f64).collect::<Vec<f64>>();
        let mut groups = Vec::new();
        for i in 0..8 {
            groups.push((["A", "B", "C", "D", "E", "F", "G", "H"][i], 20, mk(i as f64)));
        }
        groups.push(("Tiny", 3, mk(0.0)));
        let o = outcome(groups);
        let day = |w: i32| day_of_date("2025-01-06".parse().unwrap()) + 7 * w;
        let waves = vec![("A".into(), day(4)), ("B".into(), day(4)), ("C".into(), day(6)), ("D".into(), day(6))];
        let r = analyse(&req(o, Rollout::Waves { by: GroupBy::Department, waves, rest: None })).expect("analyses");
        let codes: Vec<&str> = r.warnings.iter().map(|w| w.code).collect();
        assert!(
            codes.contains(&"small_groups") && codes.contains(&"short_before") && codes.contains(&"short_after"),
            "{codes:?}"
        );
        let small = r.warnings.iter().find(|w| w.code == "small_groups").unwrap();
        assert!(small.text.contains("1 group") && small.text.contains("5 people"), "{}", small.text);
        assert!(!r.series.iter().any(|s| s.group == "Tiny"), "a small group's series is not shown");
    }
}
