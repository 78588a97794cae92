//! A rollout in waves: staggered difference-in-differences after Callaway
//! and Sant'Anna (2021), without covariates.
//!
//! Units (departments, locations) are observed every period; a unit's
//! cohort is the period its wave began (`None`: never rolled out). For each
//! cohort g and period t, ATT(g,t) is the mean change of the cohort's
//! outcome from its base period minus that of the comparison units over
//! the same periods. The base is g − 1 for t ≥ g and t − 1 before
//! ("varying" base period, so leads are one-period changes). Comparison
//! units are those not yet rolled out at t (never rolled out, or later
//! than t) or, when asked, the never rolled out only. A cohort rolled out
//! in the first period has no period before and is left out. Each ATT(g,t)
//! carries its influence function over all units, from which its standard
//! error follows analytically, and the bootstrap draws one Rademacher
//! weight per unit — clustered by unit — seeded, so that the same data
//! give the same interval.
//!
//! Aggregations (Callaway and Sant'Anna's "simple" and "dynamic"): the
//! overall effect is the mean of ATT(g,t) over t ≥ g weighted by cohort
//! size; the effect e periods after the rollout is the mean of ATT(g, g+e)
//! over the cohorts observed then, weighted by cohort size. Both include the
//! influence of estimating those weights. Ordinary two-way fixed effects is
//! not used: with staggered timing it compares later cohorts with earlier
//! ones already treated, and can weight some comparisons negatively
//! (Goodman-Bacon 2021).

use serde::Serialize;

use super::stats::{normal_quantile, quantile_sorted, t_quantile};
use super::{Estimate, ImpactError};
use crate::random::Rng;

/// A balanced panel: every unit in every period.
#[derive(Debug, Clone)]
pub struct Panel {
    pub units: Vec<String>,
    /// The period each unit's rollout began, `None` when it never did.
    pub cohorts: Vec<Option<usize>>,
    pub periods: usize,
    /// Unit-major: `y[i * periods + t]`.
    pub y: Vec<f64>,
}

/// Which units a cohort is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Control {
    NotYetTreated,
    NeverTreated,
}

/// How the intervals are drawn.
#[derive(Debug, Clone, Copy)]
pub struct DidOptions {
    pub control: Control,
    /// Bootstrap draws.
    pub draws: usize,
    pub seed: u64,
    pub level: f64,
}

impl Default for DidOptions {
    fn default() -> Self {
        DidOptions { control: Control::NotYetTreated, draws: 999, seed: 2021, level: 0.95 }
    }
}

/// One group-time effect.
#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    /// The cohort: the period its rollout began.
    pub group: usize,
    pub period: usize,
    pub base: usize,
    pub treated: usize,
    pub controls: usize,
    pub att: Estimate,
    /// The influence function, one value per unit.
    #[serde(skip)]
    pub influence: Vec<f64>,
}

/// The effect `weeks` periods after the rollout (negative: before).
#[derive(Debug, Clone, Serialize)]
pub struct EventEffect {
    pub weeks: i64,
    pub att: Estimate,
}

/// Everything the design estimates.
#[derive(Debug, Clone, Serialize)]
pub struct DidFit {
    pub control: Control,
    pub units: usize,
    pub cohorts: Vec<(usize, usize)>,
    /// Cohorts rolled out in the first period (no period before): left out.
    pub left_out_first_period: Vec<String>,
    pub cells: Vec<Cell>,
    /// Cells with no comparison unit (not estimated).
    pub cells_without_comparison: usize,
    /// The overall effect (cohort-size weighted mean of ATT(g,t), t ≥ g).
    pub att: Estimate,
    /// The event study.
    pub by_week: Vec<EventEffect>,
    /// The mean of the event study's effects from week 0 on.
    pub att_dynamic: Estimate,
    /// The critical value of the simultaneous band over the event study's
    /// leads (sup-t from the bootstrap), and whether any lead's band
    /// excludes zero.
    pub leads_crit: Option<f64>,
    pub leads_off_zero: Vec<i64>,
    pub draws: usize,
    pub seed: u64,
    /// The bootstrap standard error's own relative Monte Carlo error
    /// (1.166 / √draws for a normal sampling distribution).
    pub monte_carlo_error: f64,
}

/// An estimate and its influence function, before the bootstrap.
struct Raw {
    estimate: f64,
    influence: Vec<f64>,
}

/// Fits the design.
pub fn fit(panel: &Panel, opts: DidOptions) -> Result<DidFit, ImpactError> {
    let n = panel.units.len();
    let tn = panel.periods;
    if panel.cohorts.len() != n || panel.y.len() != n * tn {
        return Err(ImpactError::Invalid("the panel is not balanced".into()));
    }
    if let Some(i) = panel.y.iter().position(|v| !v.is_finite()) {
        return Err(ImpactError::Invalid(format!("{}, period {}: not a number", panel.units[i / tn], i % tn + 1)));
    }
    // Cohorts rolled out in the first period, or after the last, have no
    // comparison: leave the first out, treat the second as never.
    let mut left_out = Vec::new();
    let mut keep = Vec::new();
    for i in 0..n {
        match panel.cohorts[i] {
            Some(0) => left_out.push(panel.units[i].clone()),
            _ => keep.push(i),
        }
    }
    let cohort = |i: usize| panel.cohorts[i].filter(|&g| g < tn);
    let n = keep.len();
    let mut glist: Vec<usize> = keep.iter().filter_map(|&i| cohort(i)).collect();
    glist.sort_unstable();
    glist.dedup();
    if glist.is_empty() {
        return Err(ImpactError::NoComparison("no unit is rolled out within the data".into()));
    }
    if keep.iter().all(|&i| cohort(i).is_some()) && opts.control == Control::NeverTreated {
        return Err(ImpactError::NoComparison("every unit is rolled out, none is left to compare with".into()));
    }
    let y = |k: usize, t: usize| panel.y[keep[k] * tn + t];
    let g_of: Vec<Option<usize>> = keep.iter().map(|&i| cohort(i)).collect();
    let mut cells = Vec::new();
    let mut without = 0;
    for &g in &glist {
        for t in 1..tn {
            let base = if t >= g { g - 1 } else { t - 1 };
            let is_control = |k: usize| match (g_of[k], opts.control) {
                (None, _) => true,
                (Some(_), Control::NeverTreated) => false,
                (Some(h), Control::NotYetTreated) => h > t && h != g,
            };
            let (mut nt, mut nc, mut st, mut sc) = (0usize, 0usize, 0.0, 0.0);
            for (k, gk) in g_of.iter().enumerate() {
                let d = y(k, t) - y(k, base);
                if *gk == Some(g) {
                    nt += 1;
                    st += d;
                } else if is_control(k) {
                    nc += 1;
                    sc += d;
                }
            }
            if nc == 0 {
                without += 1;
                continue;
            }
            let (m1, m0) = (st / nt as f64, sc / nc as f64);
            let nf = n as f64;
            let influence: Vec<f64> = (0..n)
                .map(|k| {
                    let d = y(k, t) - y(k, base);
                    if g_of[k] == Some(g) {
                        nf * (d - m1) / nt as f64
                    } else if is_control(k) {
                        -nf * (d - m0) / nc as f64
                    } else {
                        0.0
                    }
                })
                .collect();
            let raw = Raw { estimate: m1 - m0, influence };
            cells.push((g, t, base, nt, nc, raw));
        }
    }
    if cells.iter().all(|c| c.1 < c.0) {
        return Err(ImpactError::NoComparison(
            "no period after a rollout has a unit left to compare with (every unit is rolled out by then)".into(),
        ));
    }
    // Cohort shares P(G = g).
    let share = |g: usize| g_of.iter().filter(|&&h| h == Some(g)).count() as f64 / n as f64;
    let aggregate = |which: &[usize]| -> Raw {
        let pg: Vec<f64> = which.iter().map(|&c| share(cells[c].0)).collect();
        let total: f64 = pg.iter().sum();
        let estimate = which.iter().zip(&pg).map(|(&c, p)| cells[c].5.estimate * p / total).sum();
        let mut influence = vec![0.0; n];
        for (k, inf) in influence.iter_mut().enumerate() {
            let mut v = 0.0;
            // Σ_c w_c ψ_c
            for (&c, p) in which.iter().zip(&pg) {
                v += p / total * cells[c].5.influence[k];
            }
            // The weights' own influence (Callaway and Sant'Anna's `wif`).
            let row_sum: f64 =
                which.iter().zip(&pg).map(|(&c, p)| if g_of[k] == Some(cells[c].0) { 1.0 } else { 0.0 } - p).sum();
            for (&c, p) in which.iter().zip(&pg) {
                let own = if g_of[k] == Some(cells[c].0) { 1.0 } else { 0.0 } - p;
                let wif = own / total - row_sum * p / (total * total);
                v += wif * cells[c].5.estimate;
            }
            *inf = v;
        }
        Raw { estimate, influence }
    };
    let post: Vec<usize> = (0..cells.len()).filter(|&c| cells[c].1 >= cells[c].0).collect();
    let overall = aggregate(&post);
    let mut events: Vec<i64> = cells.iter().map(|c| c.1 as i64 - c.0 as i64).collect();
    events.sort_unstable();
    events.dedup();
    let by_e: Vec<(i64, Raw)> = events
        .iter()
        .map(|&e| {
            let which: Vec<usize> = (0..cells.len()).filter(|&c| cells[c].1 as i64 - cells[c].0 as i64 == e).collect();
            (e, aggregate(&which))
        })
        .collect();
    let after: Vec<&Raw> = by_e.iter().filter(|(e, _)| *e >= 0).map(|(_, r)| r).collect();
    let dynamic = Raw {
        estimate: after.iter().map(|r| r.estimate).sum::<f64>() / after.len() as f64,
        influence: (0..n).map(|k| after.iter().map(|r| r.influence[k]).sum::<f64>() / after.len() as f64).collect(),
    };
    // The bootstrap: the same draws for every estimate.
    let mut all: Vec<&Raw> = cells.iter().map(|c| &c.5).collect();
    all.push(&overall);
    all.push(&dynamic);
    all.extend(by_e.iter().map(|(_, r)| r));
    let boot = Bootstrap::draw(&all, n, opts.draws, opts.seed);
    // Intervals: Student t on n − 1 degrees of freedom rather than the
    // normal, as for cluster-robust errors with few clusters — an
    // organisation has tens of departments, not hundreds, and the
    // influence function's variance divides by n, not n − 1.
    let z = t_quantile(0.5 + opts.level / 2.0, (n - 1).max(1) as f64);
    let est = |name: &str, idx: usize, r: &Raw| {
        Estimate::with_boot(name, r.estimate, analytic_se(&r.influence), boot.se[idx], z)
    };
    let nc = cells.len();
    let leads: Vec<usize> = (0..by_e.len()).filter(|&j| by_e[j].0 < 0).map(|j| nc + 2 + j).collect();
    let leads_crit = boot.sup_t(&leads, opts.level).map(|c| c.max(z));
    let by_week: Vec<EventEffect> = by_e
        .iter()
        .enumerate()
        .map(|(j, (e, r))| EventEffect { weeks: *e, att: est("att_by_week", nc + 2 + j, r) })
        .collect();
    let leads_off_zero = match leads_crit {
        Some(c) => by_week
            .iter()
            .filter(|w| w.weeks < 0 && w.att.se.is_finite() && w.att.estimate.abs() > c * w.att.se)
            .map(|w| w.weeks)
            .collect(),
        None => Vec::new(),
    };
    let mut cohorts: Vec<(usize, usize)> =
        glist.iter().map(|&g| (g, g_of.iter().filter(|&&h| h == Some(g)).count())).collect();
    cohorts.sort_unstable();
    Ok(DidFit {
        control: opts.control,
        units: n,
        cohorts,
        left_out_first_period: left_out,
        att: est("att", nc, &overall),
        att_dynamic: est("att_dynamic", nc + 1, &dynamic),
        by_week,
        leads_crit,
        leads_off_zero,
        cells: cells
            .into_iter()
            .enumerate()
            .map(|(c, (group, period, base, treated, controls, raw))| Cell {
                group,
                period,
                base,
                treated,
                controls,
                att: Estimate::with_boot("att_gt", raw.estimate, analytic_se(&raw.influence), boot.se[c], z),
                influence: raw.influence,
            })
            .collect(),
        cells_without_comparison: without,
        draws: opts.draws,
        seed: opts.seed,
        monte_carlo_error: 1.166 / (opts.draws as f64).sqrt(),
    })
}

/// sqrt(mean(ψ²) / n): the influence function's standard error.
pub fn analytic_se(influence: &[f64]) -> f64 {
    let n = influence.len() as f64;
    (influence.iter().map(|v| v * v).sum::<f64>() / n / n).sqrt()
}

/// The multiplier bootstrap: for each draw, one Rademacher weight per unit;
/// each estimate's draw is mean(v_i ψ_i). Its standard error is the
/// interquartile range of the draws over that of the normal (robust to a
/// few wild draws, as Callaway and Sant'Anna's).
struct Bootstrap {
    /// Per estimate, its draws divided by... kept for the sup-t band.
    draws: Vec<Vec<f64>>,
    se: Vec<f64>,
}

impl Bootstrap {
    fn draw(estimates: &[&Raw], n: usize, draws: usize, seed: u64) -> Bootstrap {
        let mut rng = Rng::new(seed);
        let mut out = vec![Vec::with_capacity(draws); estimates.len()];
        let mut v = vec![0.0; n];
        for _ in 0..draws {
            let mut bits = 0u64;
            for (i, w) in v.iter_mut().enumerate() {
                if i % 64 == 0 {
                    bits = rng.next_u64();
                }
                *w = if bits >> (i % 64) & 1 == 1 { 1.0 } else { -1.0 };
            }
            for (e, r) in estimates.iter().enumerate() {
                let m: f64 = r.influence.iter().zip(&v).map(|(a, b)| a * b).sum::<f64>() / n as f64;
                out[e].push(m);
            }
        }
        let iqr_normal = normal_quantile(0.75) - normal_quantile(0.25);
        let se = out
            .iter()
            .map(|d| {
                let mut s = d.clone();
                s.sort_by(f64::total_cmp);
                let sigma = (quantile_sorted(&s, 0.75) - quantile_sorted(&s, 0.25)) / iqr_normal;
                if sigma > 0.0 { sigma } else { f64::NAN }
            })
            .collect();
        Bootstrap { draws: out, se }
    }

    /// The critical value of a simultaneous band over the estimates `which`:
    /// the `level` quantile over draws of max |draw / se|.
    fn sup_t(&self, which: &[usize], level: f64) -> Option<f64> {
        let usable: Vec<usize> = which.iter().copied().filter(|&e| self.se[e].is_finite()).collect();
        if usable.is_empty() {
            return None;
        }
        let b = self.draws[usable[0]].len();
        let mut maxes: Vec<f64> =
            (0..b).map(|d| usable.iter().map(|&e| (self.draws[e][d] / self.se[e]).abs()).fold(0.0, f64::max)).collect();
        maxes.sort_by(f64::total_cmp);
        Some(quantile_sorted(&maxes, level))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Four units over six periods: two rolled out at period 3 with an
    /// effect of +2, one never, one at period 5 with +4.
    fn panel() -> Panel {
        let base = |i: usize, t: usize| 10.0 + i as f64 + 0.5 * t as f64 + ((i * 7 + t * 3) % 5) as f64 * 0.1;
        let cohorts = vec![Some(3), Some(3), None, Some(5)];
        let mut y = Vec::new();
        for (i, c) in cohorts.iter().enumerate() {
            for t in 0..6 {
                let effect = match c {
                    Some(3) if t >= 3 => 2.0,
                    Some(5) if t >= 5 => 4.0,
                    _ => 0.0,
                };
                y.push(base(i, t) + effect);
            }
        }
        Panel { units: vec!["A".into(), "B".into(), "C".into(), "D".into()], cohorts, periods: 6, y }
    }

    #[test]
    fn group_time_effects_are_differences_of_mean_changes() {
        let f = fit(&panel(), DidOptions::default()).expect("fits");
        let cell = |g, t| f.cells.iter().find(|c| c.group == g && c.period == t).expect("a cell");
        // ATT(3,3): A and B from period 2 to 3 against C and D (D is not yet rolled out).
        let p = panel();
        let d = |i: usize| p.y[i * 6 + 3] - p.y[i * 6 + 2];
        let want = (d(0) + d(1)) / 2.0 - (d(2) + d(3)) / 2.0;
        assert!((cell(3, 3).att.estimate - want).abs() < 1e-12);
        assert_eq!((cell(3, 3).treated, cell(3, 3).controls, cell(3, 3).base), (2, 2, 2));
        // At period 5, D is rolled out: only C compares.
        assert_eq!(cell(3, 5).controls, 1);
        assert_eq!(cell(3, 5).base, 2, "after the rollout the base stays the period before it");
        assert_eq!(cell(5, 2).base, 1, "before it, each lead is a one-period change");
    }

    #[test]
    fn the_same_seed_gives_the_same_interval_and_another_seed_another() {
        // 24 units, noisy: enough sign patterns for seeds to differ.
        let mut rng = Rng::new(3);
        let cohorts: Vec<Option<usize>> = (0..24).map(|i| [Some(3), Some(4), None][i % 3]).collect();
        let y = (0..24 * 8).map(|_| rng.unit() * 10.0).collect();
        let p = Panel { units: (0..24).map(|i| format!("U{i}")).collect(), cohorts, periods: 8, y };
        let a = fit(&p, DidOptions::default()).expect("fits");
        let b = fit(&p, DidOptions::default()).expect("fits");
        assert_eq!(a.att.ci_low, b.att.ci_low);
        let c = fit(&p, DidOptions { seed: 7, ..DidOptions::default() }).expect("fits");
        assert_ne!(a.att.ci_low, c.att.ci_low);
        // The bootstrap's standard error estimates the analytic one.
        let an = a.att.se_analytic.expect("analytic");
        assert!((a.att.se / an - 1.0).abs() < 5.0 * a.monte_carlo_error, "{} against {an}", a.att.se);
    }

    #[test]
    fn without_anyone_to_compare_with_there_is_no_estimate() {
        let mut p = panel();
        p.cohorts = vec![Some(3), Some(3), Some(3), Some(3)];
        assert!(matches!(fit(&p, DidOptions::default()), Err(ImpactError::NoComparison(_))));
        p.cohorts = vec![Some(3), Some(3), Some(4), Some(5)];
        assert!(matches!(
            fit(&p, DidOptions { control: Control::NeverTreated, ..DidOptions::default() }),
            Err(ImpactError::NoComparison(_))
        ));
    }
}
