//! `chorus impact` and the rollout waves, run as a user runs them, on the
//! demo organisation (Viva Engage reaches its departments in three waves).

use assert_cmd::Command;

fn chorus(db: &std::path::Path) -> Command {
    let mut c = Command::cargo_bin("chorus").expect("binary");
    c.env("CHORUS_DB", db).env_remove("HOME");
    c
}

fn ok(c: &mut Command) -> String {
    let out = c.output().expect("runs");
    assert!(out.status.success(), "failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

fn fails(c: &mut Command) -> String {
    let out = c.output().expect("runs");
    assert!(!out.status.success(), "should have failed: {}", String::from_utf8_lossy(&out.stdout));
    String::from_utf8(out.stderr).expect("utf-8")
}

fn demo() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    ok(chorus(&db).args(["demo", "--people", "1000", "--seed", "1", "--as-of", "2026-11-01"]));
    (dir, db)
}

#[test]
fn the_demo_rollout_in_waves_has_an_effect_the_analysis_finds() {
    let (_dir, db) = demo();
    let tools = ok(chorus(&db).arg("tools"));
    assert!(tools.contains("wave: department Communications from 2026-02-04"), "{tools}");
    let r: serde_json::Value =
        serde_json::from_str(&ok(chorus(&db).args(["impact", "--tool", "Viva Engage", "--json"]))).unwrap();
    assert_eq!(r["design"], "staggered_did");
    let att = r["estimates"].as_array().unwrap().iter().find(|e| e["name"] == "att").expect("the overall effect");
    for k in ["estimate", "se", "ci_low", "ci_high", "se_analytic"] {
        assert!(att[k].is_f64(), "att has {k}: {att}");
    }
    assert!(att["ci_low"].as_f64().unwrap() > 0.0, "the waves raised weekly active people: {att}");
    let by_week: Vec<&serde_json::Value> =
        r["estimates"].as_array().unwrap().iter().filter(|e| e["name"] == "att_by_week").collect();
    assert!(by_week.iter().any(|e| e["weeks"] == -1) && by_week.iter().any(|e| e["weeks"] == 8), "leads and lags");
    // The series is part of the result: a reader can redo it.
    let series = r["series"].as_array().unwrap();
    let weeks = series.iter().filter(|s| s["group"] == "Sales").count();
    assert!(weeks > 40 && series.len() >= 10 * weeks, "{} rows, {weeks} weeks", series.len());
    assert!(series[0]["week"].as_str().unwrap().contains("-W"), "{}", series[0]);
    let headline = r["headline"].as_str().unwrap();
    assert!(headline.starts_with("Where the tool arrived, weekly active people rose by"), "{headline}");
    // The same seed gives the same interval.
    let again: serde_json::Value =
        serde_json::from_str(&ok(chorus(&db).args(["impact", "--tool", "Viva Engage", "--json"]))).unwrap();
    assert_eq!(r["estimates"], again["estimates"]);
}

#[test]
fn one_rollout_date_is_an_interrupted_time_series_and_bad_requests_say_why() {
    let (dir, db) = demo();
    let out = ok(chorus(&db).args(["impact", "--tool", "Slack"]));
    assert!(out.contains("interrupted time series") && out.contains("Newey–West"), "{out}");
    assert!(out.contains("no comparison series"), "the missing comparison is said: {out}");

    let e = fails(chorus(&db).args(["impact", "--tool", "Teams"]));
    assert!(e.contains("outside the data"), "Teams' rollout is the first day of data: {e}");
    let e = fails(chorus(&db).args(["impact", "--tool", "Yammer"]));
    assert!(e.contains("no tool named \"Yammer\""), "{e}");
    let e = fails(chorus(&db).args(["impact", "--tool", "Slack", "--metric", "happiness"]));
    assert!(e.contains("no outcome named") && e.contains("active_share"), "{e}");
    let e = fails(chorus(&db).args(["tools", "rollout", "Slack", "2026-05-01", "--department", "Astrology"]));
    assert!(e.contains("no department named \"Astrology\""), "{e}");

    // An imported series with a gap names the file and the line.
    let csv = dir.path().join("pulse.csv");
    std::fs::write(&csv, "week,value\n2026-W10,3.1\n2026-W11,3.2\n2026-W13,3.4\n").unwrap();
    let e = fails(chorus(&db).args(["impact", "--tool", "Slack", "--series"]).arg(&csv));
    assert!(e.contains("pulse.csv:3") && e.contains("2026-W12 is missing"), "{e}");

    // A pulse survey imported as a series: weekly, +0.4 from the Slack
    // rollout's week (2026-06-04, in 2026-W23) on.
    let mut text = String::from("week,value\n");
    for w in 1..=40 {
        let v = 3.0 + 0.01 * f64::from(w) + if w >= 23 { 0.4 } else { 0.0 } + f64::from(w % 3) * 0.05;
        text.push_str(&format!("2026-W{w:02},{v}\n"));
    }
    std::fs::write(&csv, text).unwrap();
    let r: serde_json::Value =
        serde_json::from_str(&ok(chorus(&db).args(["impact", "--tool", "Slack", "--json", "--series"]).arg(&csv)))
            .unwrap();
    let level = r["estimates"].as_array().unwrap().iter().find(|e| e["name"] == "level_change").unwrap();
    let (lo, hi) = (level["ci_low"].as_f64().unwrap(), level["ci_high"].as_f64().unwrap());
    assert!(lo > 0.0 && lo < 0.4 && 0.4 < hi, "the planted +0.4 is found: {level}");
}
