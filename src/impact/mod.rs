//! What a rollout changed, and how sure we can be: weekly outcome series,
//! an interrupted time series for one rollout ([`its`]), staggered
//! difference-in-differences for a rollout in waves ([`did`]), the warnings
//! that say when the data cannot carry a conclusion, and the words an
//! executive reads. Pure: plain values in, plain values out.
//!
//! Every result carries its series, so that anyone can redo the analysis;
//! the conventions (weeks, lags, intervals, comparison units) are stated in
//! each module and in the README.

pub mod analysis;
pub mod did;
pub mod its;
pub mod series;
pub mod stats;

use serde::Serialize;

/// An estimate with its standard error and interval.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Estimate {
    pub name: String,
    pub estimate: f64,
    /// The standard error the interval uses (the bootstrap's, for the
    /// waves design).
    pub se: f64,
    pub ci_low: f64,
    pub ci_high: f64,
    /// The analytic (influence-function) standard error, where the interval
    /// comes from a bootstrap.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub se_analytic: Option<f64>,
}

impl Estimate {
    /// `estimate ± crit · se`.
    pub fn new(name: &str, estimate: f64, se: f64, crit: f64) -> Estimate {
        Estimate {
            name: name.to_owned(),
            estimate,
            se,
            ci_low: estimate - crit * se,
            ci_high: estimate + crit * se,
            se_analytic: None,
        }
    }

    /// An interval from the bootstrap's standard error (the analytic one
    /// when the bootstrap's is not finite: every draw the same).
    pub fn with_boot(name: &str, estimate: f64, analytic: f64, boot: f64, crit: f64) -> Estimate {
        let se = if boot.is_finite() { boot } else { analytic };
        Estimate { se_analytic: Some(analytic), ..Estimate::new(name, estimate, se, crit) }
    }

    /// Whether the interval leaves zero out.
    pub fn excludes_zero(&self) -> bool {
        self.ci_low > 0.0 || self.ci_high < 0.0
    }
}

/// Why an analysis cannot be made.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ImpactError {
    #[error("{0}")]
    TooShort(String),
    #[error("{0}")]
    NoComparison(String),
    #[error("{0}")]
    Invalid(String),
}

impl ImpactError {
    pub fn code(&self) -> &'static str {
        match self {
            ImpactError::TooShort(_) => "too_short",
            ImpactError::NoComparison(_) => "no_comparison",
            ImpactError::Invalid(_) => "invalid",
        }
    }
}
