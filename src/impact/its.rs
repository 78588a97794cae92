//! One rollout, one series: an interrupted time series.
//!
//! The segmented regression y_t = β0 + β1·t + β2·after_t + β3·(t − t0)·after_t
//! (t = 0, 1, … the weeks in order; after_t = 1 from the rollout's week t0
//! on), fitted by ordinary least squares, with Newey–West standard errors
//! (heteroscedasticity and autocorrelation consistent: Bartlett kernel, lag
//! L, the small-sample factor n / (n − 4)) and Student t intervals on
//! n − 4 degrees of freedom. L is floor(4·(n/100)^(2/9)) unless given
//! (Newey and West 1994). β2 is the level change at the rollout, β3 the
//! change of slope per week; the counterfactual is β0 + β1·t, the trend
//! before the rollout carried on. With a comparison series (a group or tool
//! not rolled out), the same regression is fitted to the difference
//! treated − comparison: its β2 and β3 are those of the fully interacted
//! two-series model (a controlled interrupted time series).

use serde::Serialize;

use super::stats::{inverse, mat_mul, quad_form, t_quantile};
use super::{Estimate, ImpactError};

const K: usize = 4;

/// What the fit is asked for.
#[derive(Debug, Clone, Copy)]
pub struct ItsOptions {
    /// Newey–West lag; `None`: floor(4·(n/100)^(2/9)).
    pub lag: Option<usize>,
    /// Confidence level of the intervals, e.g. 0.95.
    pub level: f64,
}

impl Default for ItsOptions {
    fn default() -> Self {
        ItsOptions { lag: None, level: 0.95 }
    }
}

/// A fitted interrupted time series.
#[derive(Debug, Clone, Serialize)]
pub struct ItsFit {
    pub weeks_before: usize,
    pub weeks_after: usize,
    /// β0, β1, β2, β3.
    pub coefficients: [f64; K],
    /// Their Newey–West covariance, row-major.
    #[serde(skip)]
    pub covariance: [f64; K * K],
    /// The Newey–West lag used.
    pub lag: usize,
    /// Degrees of freedom of the intervals (n − 4).
    pub df: usize,
    pub level_change: Estimate,
    pub slope_change: Estimate,
    /// The mean over the weeks after of β2 + β3·(t − t0): how far above the
    /// trend before the series ran, on average, after the rollout.
    pub average_effect: Estimate,
    /// β2 + β3·(n − 1 − t0): the gap in the last week.
    pub effect_at_end: Estimate,
    /// `average_effect` as a share of the counterfactual's mean over the
    /// same weeks (delta method).
    pub relative_effect: Estimate,
    /// The fitted line.
    pub fitted: Vec<f64>,
    /// The trend before carried on: β0 + β1·t for every week.
    pub counterfactual: Vec<f64>,
    /// Lag-1 autocorrelation of the residuals.
    pub residual_autocorrelation: f64,
}

/// The Newey–West lag for `n` observations when none is given.
pub fn default_lag(n: usize) -> usize {
    (4.0 * (n as f64 / 100.0).powf(2.0 / 9.0)).floor() as usize
}

fn row(t: usize, t0: usize) -> [f64; K] {
    let after = if t >= t0 { 1.0 } else { 0.0 };
    [1.0, t as f64, after, (t as f64 - t0 as f64) * after]
}

/// Fits the segmented regression to `y` with the rollout in week `t0`
/// (0-based). With `comparison`, fits it to `y − comparison`.
pub fn fit(y: &[f64], comparison: Option<&[f64]>, t0: usize, opts: ItsOptions) -> Result<ItsFit, ImpactError> {
    let n = y.len();
    if let Some(c) = comparison
        && c.len() != n
    {
        return Err(ImpactError::Invalid(format!(
            "the comparison series has {} weeks where the series has {n}",
            c.len()
        )));
    }
    if t0 < 2 {
        return Err(ImpactError::TooShort(format!("{t0} week(s) before the rollout; a trend needs at least 2")));
    }
    if n < t0 + 2 {
        return Err(ImpactError::TooShort(format!(
            "{} week(s) after the rollout; a trend needs at least 2",
            n.saturating_sub(t0)
        )));
    }
    if let Some(i) = y.iter().chain(comparison.unwrap_or(&[])).position(|v| !v.is_finite()) {
        return Err(ImpactError::Invalid(format!("value {} of the series is not a number", i % n + 1)));
    }
    let y: Vec<f64> = match comparison {
        Some(c) => y.iter().zip(c).map(|(a, b)| a - b).collect(),
        None => y.to_vec(),
    };
    let mut xtx = [0.0; K * K];
    let mut xty = [0.0; K];
    for (t, &v) in y.iter().enumerate() {
        let x = row(t, t0);
        for i in 0..K {
            xty[i] += x[i] * v;
            for j in 0..K {
                xtx[i * K + j] += x[i] * x[j];
            }
        }
    }
    let bread = inverse(&xtx, K).ok_or_else(|| ImpactError::Invalid("the design is singular".into()))?;
    let mut beta = [0.0; K];
    for i in 0..K {
        beta[i] = (0..K).map(|j| bread[i * K + j] * xty[j]).sum();
    }
    let fitted: Vec<f64> = (0..n).map(|t| row(t, t0).iter().zip(&beta).map(|(x, b)| x * b).sum()).collect();
    let resid: Vec<f64> = y.iter().zip(&fitted).map(|(a, b)| a - b).collect();
    let lag = opts.lag.unwrap_or_else(|| default_lag(n)).min(n - 1);
    // The meat: Σ_l w_l Σ_t u_t u_{t−l} (x_t x_{t−l}' + x_{t−l} x_t'), w_0 = 1/2.
    let mut meat = [0.0; K * K];
    for l in 0..=lag {
        let w = if l == 0 { 1.0 } else { 1.0 - l as f64 / (lag as f64 + 1.0) };
        for t in l..n {
            let (a, b) = (row(t, t0), row(t - l, t0));
            let uu = resid[t] * resid[t - l] * w;
            for i in 0..K {
                for j in 0..K {
                    let s = a[i] * b[j] + if l == 0 { 0.0 } else { b[i] * a[j] };
                    meat[i * K + j] += uu * s;
                }
            }
        }
    }
    let correction = n as f64 / (n - K) as f64;
    let cov_v: Vec<f64> = mat_mul(&mat_mul(&bread, &meat, K), &bread, K).into_iter().map(|v| v * correction).collect();
    let mut covariance = [0.0; K * K];
    covariance.copy_from_slice(&cov_v);
    let df = n - K;
    let crit = t_quantile(0.5 + opts.level / 2.0, df as f64);
    let linear = |name: &str, c: [f64; K]| {
        let est: f64 = c.iter().zip(&beta).map(|(a, b)| a * b).sum();
        Estimate::new(name, est, quad_form(&covariance, &c).max(0.0).sqrt(), crit)
    };
    let weeks_after = n - t0;
    let mean_since = (weeks_after - 1) as f64 / 2.0;
    let average_effect = linear("average_effect", [0.0, 0.0, 1.0, mean_since]);
    let effect_at_end = linear("effect_at_end", [0.0, 0.0, 1.0, (n - 1 - t0) as f64]);
    // Relative effect: e / cf with cf = β0 + β1·(mean t over the weeks after).
    let mean_t = t0 as f64 + mean_since;
    let cf = beta[0] + beta[1] * mean_t;
    let e = average_effect.estimate;
    let grad = [-e / (cf * cf), -e * mean_t / (cf * cf), 1.0 / cf, mean_since / cf];
    let relative_effect = Estimate::new("relative_effect", e / cf, quad_form(&covariance, &grad).max(0.0).sqrt(), crit);
    let ss: f64 = resid.iter().map(|u| u * u).sum();
    let r1 = if ss > 0.0 { resid.windows(2).map(|w| w[0] * w[1]).sum::<f64>() / ss } else { 0.0 };
    Ok(ItsFit {
        weeks_before: t0,
        weeks_after,
        coefficients: beta,
        covariance,
        lag,
        df,
        level_change: linear("level_change", [0.0, 0.0, 1.0, 0.0]),
        slope_change: linear("slope_change", [0.0, 0.0, 0.0, 1.0]),
        average_effect,
        effect_at_end,
        relative_effect,
        counterfactual: (0..n).map(|t| beta[0] + beta[1] * t as f64).collect(),
        fitted,
        residual_autocorrelation: r1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_planted_break_without_noise_is_found_exactly() {
        // 10 + 0.5 t before week 12; then +7 and 0.25 more a week.
        let y: Vec<f64> = (0..30)
            .map(|t| {
                let t = t as f64;
                10.0 + 0.5 * t + if t >= 12.0 { 7.0 + 0.25 * (t - 12.0) } else { 0.0 }
            })
            .collect();
        let f = fit(&y, None, 12, ItsOptions::default()).expect("fits");
        assert!((f.level_change.estimate - 7.0).abs() < 1e-9, "{:?}", f.level_change);
        assert!((f.slope_change.estimate - 0.25).abs() < 1e-9, "{:?}", f.slope_change);
        assert!(f.level_change.se < 1e-9, "no noise, no uncertainty: {}", f.level_change.se);
        assert!((f.counterfactual[29] - (10.0 + 0.5 * 29.0)).abs() < 1e-9);
        assert_eq!((f.weeks_before, f.weeks_after, f.df, f.lag), (12, 18, 26, 3));
    }

    #[test]
    fn a_comparison_series_removes_what_both_share() {
        let shared: Vec<f64> = (0..24).map(|t| if t >= 10 { 5.0 } else { 0.0 } + (t as f64 * 0.7).sin()).collect();
        let treated: Vec<f64> = shared.iter().enumerate().map(|(t, s)| s + if t >= 10 { 3.0 } else { 0.0 }).collect();
        let f = fit(&treated, Some(&shared), 10, ItsOptions::default()).expect("fits");
        assert!((f.level_change.estimate - 3.0).abs() < 1e-9, "only the treated series' own jump remains");
        let alone = fit(&treated, None, 10, ItsOptions::default()).expect("fits");
        assert!((alone.level_change.estimate - 3.0).abs() > 1.0, "without the comparison the shared jump counts too");
    }

    #[test]
    fn too_few_weeks_on_either_side_is_refused() {
        let y = vec![1.0; 10];
        assert!(matches!(fit(&y, None, 1, ItsOptions::default()), Err(ImpactError::TooShort(_))));
        assert!(matches!(fit(&y, None, 9, ItsOptions::default()), Err(ImpactError::TooShort(_))));
        assert!(matches!(
            fit(&[1.0, 2.0, f64::NAN, 4.0, 5.0], None, 2, ItsOptions::default()),
            Err(ImpactError::Invalid(_))
        ));
    }
}
