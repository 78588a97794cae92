//! The impact statistics against independent implementations on published
//! data (tests/reference/impact.py made the references with statsmodels
//! and csdid; see that script for the data and the conventions).

use chorus::impact::did::{self, Control, DidOptions, Panel};
use chorus::impact::its::{self, ItsOptions};
use serde_json::Value;

fn reference() -> Value {
    serde_json::from_str(include_str!("fixtures/impact/reference.json")).expect("reference.json")
}

fn floats(v: &Value) -> Vec<f64> {
    v.as_array().expect("an array").iter().map(|x| x.as_f64().expect("a number")).collect()
}

fn close(what: &str, got: f64, want: f64, tol: f64) {
    let scale = want.abs().max(1.0);
    assert!((got - want).abs() <= tol * scale, "{what}: {got} against the reference's {want} (tolerance {tol:e})");
}

fn check_its(fit: &its::ItsFit, r: &Value, what: &str) {
    let params = floats(&r["params"]);
    let bse = floats(&r["bse"]);
    for i in 0..4 {
        close(&format!("{what} β{i}"), fit.coefficients[i], params[i], 1e-8);
        close(&format!("{what} se(β{i})"), fit.covariance[i * 4 + i].sqrt(), bse[i], 1e-6);
    }
    let (lo, hi) = (floats(&r["ci_low"]), floats(&r["ci_high"]));
    close(&format!("{what} level change, low"), fit.level_change.ci_low, lo[2], 1e-6);
    close(&format!("{what} level change, high"), fit.level_change.ci_high, hi[2], 1e-6);
    close(&format!("{what} slope change, low"), fit.slope_change.ci_low, lo[3], 1e-6);
    close(&format!("{what} slope change, high"), fit.slope_change.ci_high, hi[3], 1e-6);
    let cov = r["cov"].as_array().expect("cov");
    for (i, row) in cov.iter().enumerate() {
        for (j, want) in floats(row).into_iter().enumerate() {
            close(&format!("{what} cov({i},{j})"), fit.covariance[i * 4 + j], want, 1e-6);
        }
    }
    assert_eq!(cov.len(), 4, "a 4 × 4 covariance");
}

#[test]
fn interrupted_time_series_matches_statsmodels_on_the_nile() {
    let r = reference();
    let nile = &r["nile"];
    let y = floats(&nile["series"]);
    let t0 = nile["its"]["t0"].as_u64().expect("t0") as usize;
    let fit = its::fit(&y, None, t0, ItsOptions { lag: Some(4), level: 0.95 }).expect("fits");
    check_its(&fit, &nile["its"], "Nile");
    assert_eq!(fit.lag, 4);
    assert!(fit.level_change.estimate < -250.0, "the dam's drop is found: {}", fit.level_change.estimate);
    // The default lag for 100 years is the same 4.
    assert_eq!(its::default_lag(y.len()), 4);

    let c = &nile["controlled"];
    let fit = its::fit(
        &floats(&c["treated"]),
        Some(&floats(&c["comparison"])),
        t0 - 1,
        ItsOptions { lag: Some(4), level: 0.95 },
    )
    .expect("fits");
    check_its(&fit, &c["its"], "Nile, controlled");
}

fn mpdta() -> Panel {
    let mut rd = csv::Reader::from_path(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/impact/mpdta.csv"))
        .expect("mpdta.csv");
    let mut rows: Vec<(i64, i64, f64, i64)> = rd
        .records()
        .map(|r| {
            let r = r.expect("a row");
            (r[1].parse().unwrap(), r[0].parse().unwrap(), r[3].parse().unwrap(), r[4].parse().unwrap())
        })
        .collect();
    rows.sort_by_key(|r| (r.0, r.1));
    let years: Vec<i64> = (2003..=2007).collect();
    let mut p = Panel { units: Vec::new(), cohorts: Vec::new(), periods: years.len(), y: Vec::new() };
    for chunk in rows.chunks(years.len()) {
        assert!(chunk.iter().map(|r| r.1).eq(years.iter().copied()), "a balanced panel");
        p.units.push(chunk[0].0.to_string());
        p.cohorts.push((chunk[0].3 != 0).then(|| (chunk[0].3 - 2003) as usize));
        p.y.extend(chunk.iter().map(|r| r.2));
    }
    p
}

fn check_did(control: Control, r: &Value) {
    let fit = did::fit(&mpdta(), DidOptions { control, ..DidOptions::default() }).expect("fits");
    let cells = r["cells"].as_array().expect("cells");
    assert_eq!(fit.cells.len(), cells.len(), "as many group-time cells as csdid");
    for c in cells {
        let (g, t) = (c["group"].as_i64().unwrap() - 2003, c["period"].as_i64().unwrap() - 2003);
        let cell = fit
            .cells
            .iter()
            .find(|x| x.group as i64 == g && x.period as i64 == t)
            .unwrap_or_else(|| panic!("ATT({g},{t}) is estimated"));
        let what = format!("{control:?} ATT({},{})", g + 2003, t + 2003);
        close(&what, cell.att.estimate, c["att"].as_f64().unwrap(), 1e-6);
        close(&format!("{what} se"), cell.att.se_analytic.unwrap(), c["se"].as_f64().unwrap(), 1e-6);
    }
    close(&format!("{control:?} simple ATT"), fit.att.estimate, r["simple"]["att"].as_f64().unwrap(), 1e-6);
    close(&format!("{control:?} simple se"), fit.att.se_analytic.unwrap(), r["simple"]["se"].as_f64().unwrap(), 1e-6);
    close(&format!("{control:?} dynamic ATT"), fit.att_dynamic.estimate, r["dynamic"]["att"].as_f64().unwrap(), 1e-6);
    close(
        &format!("{control:?} dynamic se"),
        fit.att_dynamic.se_analytic.unwrap(),
        r["dynamic"]["se"].as_f64().unwrap(),
        1e-6,
    );
    let by_e = r["dynamic"]["by_e"].as_array().expect("by_e");
    assert_eq!(fit.by_week.len(), by_e.len());
    for (ours, theirs) in fit.by_week.iter().zip(by_e) {
        assert_eq!(ours.weeks, theirs["e"].as_i64().unwrap());
        close(&format!("{control:?} θ({})", ours.weeks), ours.att.estimate, theirs["att"].as_f64().unwrap(), 1e-6);
        close(
            &format!("{control:?} se θ({})", ours.weeks),
            ours.att.se_analytic.unwrap(),
            theirs["se"].as_f64().unwrap(),
            1e-6,
        );
    }
}

#[test]
fn staggered_did_matches_csdid_on_the_minimum_wage_panel() {
    let r = reference();
    check_did(Control::NotYetTreated, &r["mpdta"]["notyettreated"]);
    check_did(Control::NeverTreated, &r["mpdta"]["nevertreated"]);
}

#[test]
fn the_bootstrap_interval_agrees_with_csdids_within_monte_carlo_error() {
    let r = reference();
    let fit = did::fit(&mpdta(), DidOptions::default()).expect("fits");
    let theirs = r["mpdta"]["bootstrap"]["simple_se"].as_f64().unwrap();
    // Both are IQR estimates from 999 draws: each off its target by about
    // 1.166/√999 = 3.7 % (one standard deviation); their difference by √2
    // times that. Four standard deviations of the difference:
    let tol = 4.0 * std::f64::consts::SQRT_2 * fit.monte_carlo_error;
    assert!(
        (fit.att.se / theirs - 1.0).abs() < tol,
        "ours {} against csdid's {theirs} (tolerance {tol:.3})",
        fit.att.se
    );
    let analytic = fit.att.se_analytic.unwrap();
    assert!((fit.att.se / analytic - 1.0).abs() < 4.0 * fit.monte_carlo_error, "{} against {analytic}", fit.att.se);
}
