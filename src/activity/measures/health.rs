//! Community health: people active in a channel lately against those active in the last year.

use serde::Serialize;

use super::*;
use crate::activity::facts::Facts;
use crate::activity::month_of_day;

/// A channel's health in the period's last month.
#[derive(Debug, Clone, Serialize)]
pub struct ChannelHealth {
    pub channel: String,
    pub tool: String,
    pub monthly_active: u32,
    pub yearly_active: u32,
    pub health: Option<f64>,
}

/// The month whose health is measured for a period ending on `to`: its
/// own month once half of it has passed, else the month before (a month
/// of a few days would make every channel look asleep).
pub fn health_month(to: chrono::NaiveDate) -> chrono::NaiveDate {
    use chrono::Datelike;
    let first = to.with_day(1).expect("day 1 exists");
    if to.day() >= 15 { first } else { first - chrono::Months::new(1) }
}

/// Monthly active ÷ active in the 12 months to then, per channel, healthiest
/// first (channels of fewer than five people last), for [`health_month`].
pub fn community_health(facts: &Facts, scope: &Scope) -> Vec<ChannelHealth> {
    let measured = health_month(crate::activity::date_of_day(scope.to));
    let month = month_of_day(crate::activity::day_of_date(measured));
    let mut mau = vec![0u32; facts.channels.len()];
    let mut yau = vec![0u32; facts.channels.len()];
    // Rows are sorted by (channel, month, subject): a channel's rows are
    // contiguous, and `seen` marks who was already counted for it.
    // Bits of the 12 months to the period's last month, and of that month.
    let (lo, hi) = (month - 11 - facts.months_base, month - facts.months_base);
    let window: u128 = (lo.max(0)..=hi.min(127)).filter(|&b| b >= 0).fold(0, |w, b| w | 1u128 << b);
    let this: u128 = if (0..128).contains(&hi) { 1u128 << hi } else { 0 };
    for m in &facts.channel_members {
        if m.months & window == 0 || !scope.member[m.subject as usize] {
            continue;
        }
        if scope.tool.is_some_and(|t| t != facts.channels[m.channel as usize].tool) {
            continue;
        }
        yau[m.channel as usize] += 1;
        mau[m.channel as usize] += u32::from(m.months & this != 0);
    }
    let mut out: Vec<ChannelHealth> = facts
        .channels
        .iter()
        .enumerate()
        .filter(|(c, _)| yau[*c] > 0)
        .map(|(c, ch)| ChannelHealth {
            channel: ch.name.clone(),
            tool: facts.tools[ch.tool as usize].name.clone(),
            monthly_active: mau[c],
            yearly_active: yau[c],
            health: Some(f64::from(mau[c]) / f64::from(yau[c])),
        })
        .collect();
    // Communities of fewer than five people say little about health: after the others.
    out.sort_by(|a, b| {
        (b.yearly_active >= 5)
            .cmp(&(a.yearly_active >= 5))
            .then(b.health.partial_cmp(&a.health).unwrap_or(std::cmp::Ordering::Equal))
            .then(b.yearly_active.cmp(&a.yearly_active))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::health_month;
    use chrono::NaiveDate;

    #[test]
    fn a_month_barely_begun_is_not_measured() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(health_month(d(2026, 12, 1)), d(2026, 11, 1));
        assert_eq!(health_month(d(2026, 1, 14)), d(2025, 12, 1));
        assert_eq!(health_month(d(2026, 11, 15)), d(2026, 11, 1));
    }
}
