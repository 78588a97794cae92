//! Active people over time, in buckets of days, whole weeks or calendar months.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::*;
use crate::activity::facts::Facts;
use crate::activity::{date_of_day, day_of_date, month_of_day};

/// Granularity of a trend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Grain {
    Day,
    Week,
    Month,
}

impl Grain {
    /// Days for up to two months, weeks up to 13 months, months beyond.
    pub fn for_days(days: i32) -> Grain {
        if days <= 62 {
            Grain::Day
        } else if days <= 400 {
            Grain::Week
        } else {
            Grain::Month
        }
    }

    /// The first day of month number `bucket` (months since 1970-01); for
    /// days and weeks, the day itself.
    pub fn start(self, bucket: i32) -> NaiveDate {
        match self {
            Grain::Day | Grain::Week => date_of_day(bucket),
            Grain::Month => NaiveDate::from_ymd_opt(1970 + bucket.div_euclid(12), bucket.rem_euclid(12) as u32 + 1, 1)
                .expect("a valid month"),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct TrendPoint {
    pub start: NaiveDate,
    /// Days of the period the point covers (a month's last point may be short).
    pub days: u32,
    pub active: u32,
    pub posts: u64,
    pub replies: u64,
    pub reactions: u64,
}

/// The buckets of a trend: (first day, last day), oldest first. Weeks are
/// the 7-day spans ending on the period's last day, so that every point
/// covers a whole week (days left over at the start are not drawn); months
/// are calendar months, a partial first month left out when others follow.
pub fn buckets(from: i32, to: i32, grain: Grain) -> Vec<(i32, i32)> {
    match grain {
        Grain::Day => (from..=to).map(|d| (d, d)).collect(),
        Grain::Week => {
            let weeks = ((to - from + 1) / 7).max(1);
            (0..weeks).rev().map(|k| ((to - 7 * k - 6).max(from), to - 7 * k)).collect()
        }
        Grain::Month => {
            let mut out = Vec::new();
            let (mut m, last) = (month_of_day(from), month_of_day(to));
            while m <= last {
                let start = day_of_date(Grain::Month.start(m)).max(from);
                let end = (day_of_date(Grain::Month.start(m + 1)) - 1).min(to);
                out.push((start, end));
                m += 1;
            }
            if out.len() > 1 && date_of_day(out[0].0) != Grain::Month.start(month_of_day(from)) {
                out.remove(0);
            }
            out
        }
    }
}

/// Each tool's active people over the scope's period (the scope's own tool
/// filter aside), at the given grain: for comparing tools.
pub fn tool_trends(facts: &Facts, scope: &Scope, grain: Grain) -> Vec<(String, Vec<TrendPoint>)> {
    (0..facts.tools.len() as u16)
        .map(|t| {
            let one = Scope { tool: Some(t), ..scope.clone() };
            (facts.tools[t as usize].name.clone(), active_trend(facts, &one, grain))
        })
        .collect()
}

/// Distinct active people per day, week or month of the period (see [`buckets`]).
pub fn active_trend(facts: &Facts, scope: &Scope, grain: Grain) -> Vec<TrendPoint> {
    let spans = buckets(scope.from, scope.to, grain);
    let mut out: Vec<TrendPoint> = spans
        .iter()
        .map(|&(a, b)| TrendPoint {
            start: date_of_day(a),
            days: (b - a + 1) as u32,
            active: 0,
            posts: 0,
            replies: 0,
            reactions: 0,
        })
        .collect();
    let Some(&(first, _)) = spans.first() else { return out };
    let mut seen = vec![usize::MAX; facts.subjects.len()];
    let mut b = 0;
    for d in facts.days_between(first, scope.to) {
        if !scope.counts(d) || d.counts.iter().all(|&c| c == 0) {
            continue;
        }
        while spans[b].1 < d.day {
            b += 1;
        }
        let p = &mut out[b];
        if seen[d.subject as usize] != b {
            seen[d.subject as usize] = b;
            p.active += 1;
        }
        p.posts += u64::from(d.counts[0]);
        p.replies += u64::from(d.counts[1]);
        p.reactions += u64::from(d.counts[2]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> i32 {
        crate::activity::day_of_date(s.parse().unwrap())
    }

    #[test]
    fn weeks_end_on_the_last_day_and_cover_whole_weeks() {
        let b = buckets(d("2024-01-01"), d("2024-01-20"), Grain::Week);
        // 20 days: two whole weeks ending on the 20th; the first six days are not drawn.
        assert_eq!(b, vec![(d("2024-01-07"), d("2024-01-13")), (d("2024-01-14"), d("2024-01-20"))]);
    }

    #[test]
    fn months_are_calendar_months_without_a_partial_first_one() {
        let b = buckets(d("2024-01-15"), d("2024-03-10"), Grain::Month);
        assert_eq!(b, vec![(d("2024-02-01"), d("2024-02-29")), (d("2024-03-01"), d("2024-03-10"))]);
        let one = buckets(d("2024-01-15"), d("2024-01-20"), Grain::Month);
        assert_eq!(one, vec![(d("2024-01-15"), d("2024-01-20"))]);
    }
}
