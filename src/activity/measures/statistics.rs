//! Small statistics over plain values: top shares, Gini, median.

/// The share of the total made by the ⌈`top` × n⌉ largest values.
pub fn top_share(values: &mut [u64], top: f64) -> Option<f64> {
    let total: u64 = values.iter().sum();
    if total == 0 || values.is_empty() {
        return None;
    }
    let k = ((values.len() as f64 * top).ceil() as usize).clamp(1, values.len());
    values.sort_unstable_by(|a, b| b.cmp(a));
    Some(values[..k].iter().sum::<u64>() as f64 / total as f64)
}

/// Gini coefficient: G = Σᵢ (2i − n − 1) xᵢ / (n Σ x), x sorted ascending,
/// i from 1. 0 when everyone made the same, (n − 1)/n when one made all.
pub fn gini(values: &mut [u64]) -> Option<f64> {
    let n = values.len();
    let total: u64 = values.iter().sum();
    if n == 0 || total == 0 {
        return None;
    }
    values.sort_unstable();
    let mut acc: i128 = 0;
    for (i, &x) in values.iter().enumerate() {
        acc += (2 * (i as i128 + 1) - n as i128 - 1) * i128::from(x);
    }
    Some(acc as f64 / (n as f64 * total as f64))
}

/// The Lorenz curve in `steps` + 1 points: (share of people, least active
/// first; share of the total they made). (0, 0) to (1, 1); the further
/// below the diagonal, the more unequal.
pub fn lorenz(values: &mut [u64], steps: usize) -> Vec<(f64, f64)> {
    let n = values.len();
    let total: u64 = values.iter().sum();
    if n == 0 || total == 0 || steps == 0 {
        return Vec::new();
    }
    values.sort_unstable();
    let mut prefix = Vec::with_capacity(n + 1);
    prefix.push(0u64);
    for v in values.iter() {
        prefix.push(prefix.last().copied().unwrap_or(0) + v);
    }
    (0..=steps)
        .map(|k| {
            let people = k as f64 / steps as f64;
            let upto = ((people * n as f64).round() as usize).min(n);
            (people, prefix[upto] as f64 / total as f64)
        })
        .collect()
}

/// The median (mean of the two middle values for an even count).
pub fn median(values: &mut [u32]) -> Option<f64> {
    let n = values.len();
    if n == 0 {
        return None;
    }
    let (_, &mut hi, _) = values.select_nth_unstable(n / 2);
    if n % 2 == 1 {
        return Some(f64::from(hi));
    }
    let lo = *values[..n / 2].iter().max().expect("n ≥ 2");
    Some((f64::from(lo) + f64::from(hi)) / 2.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lorenz_curve_runs_under_the_diagonal() {
        let curve = lorenz(&mut [0, 0, 0, 10], 4);
        assert_eq!(curve, [(0.0, 0.0), (0.25, 0.0), (0.5, 0.0), (0.75, 0.0), (1.0, 1.0)], "one made all");
        let equal = lorenz(&mut [5, 5, 5, 5], 4);
        assert!(equal.iter().all(|(x, y)| (x - y).abs() < 1e-12), "everyone the same: the diagonal");
        assert!(lorenz(&mut [0, 0], 4).is_empty());
    }

    #[test]
    fn gini_and_top_shares_on_simple_cases() {
        assert_eq!(gini(&mut [5, 5, 5, 5]), Some(0.0));
        assert_eq!(gini(&mut [0, 0, 0, 8]), Some(0.75)); // (n − 1) / n when one made everything
        assert_eq!(gini(&mut [0, 0]), None);
        assert_eq!(top_share(&mut [1, 1, 1, 7], 0.10), Some(0.7)); // ⌈0.4⌉ = 1 person
        assert_eq!(median(&mut [4, 1, 3, 2]), Some(2.5));
        assert_eq!(median(&mut []), None);
    }
}
