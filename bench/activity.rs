//! Activity benchmarks, each with its peer in the same run:
//!
//! 1. Import of a generic events CSV (2,000,000 events by default) through
//!    `chorus import events` — parsing, validating every time and kind,
//!    resolving accounts to the directory, rollups, one transaction — side
//!    by side with the sqlite3 shell's raw `.import` of the same file into an
//!    untyped table, which checks nothing.
//! 2. A Slack export of 1,000,000 messages: messages/s.
//! 3. The events import at 10,000,000 events: peak RSS (target < 500 MB).
//! 4. Dashboard refresh over those 10,000,000 events: every headline figure
//!    and the four charts' data (target < 100 ms), after the one-off load of
//!    the rollups into memory (reported apart).
//!
//! Run: `cargo bench --bench activity` (or `make bench`). Sizes:
//! CHORUS_BENCH_EVENTS, CHORUS_BENCH_SLACK (0 skips 2),
//! CHORUS_BENCH_BIG_EVENTS (0 skips 3 and 4).

#[path = "common.rs"]
mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chorus::activity::measures::{self, Filter};
use chorus::demo::{DemoOptions, Rng};
use chorus::store::Db;

const PEOPLE: usize = 20_000;

fn env(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|s| s.parse().ok()).unwrap_or(default)
}

fn emails() -> Vec<String> {
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).expect("date");
    chorus::demo::generate(DemoOptions { people: PEOPLE, seed: 2026, as_of, activity: false })
        .into_iter()
        .map(|p| p.emails[0].clone())
        .collect()
}

/// A year of events by 20,000 people (and some unknown accounts) in 300
/// channels, heavy-tailed, replies and reactions pointing at earlier posts.
fn write_events_csv(path: &Path, n: usize, emails: &[String]) {
    let mut rng = Rng::new(99);
    let mut w = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(path).expect("create"));
    writeln!(w, "id,time,actor,kind,channel,parent").expect("write");
    let start = 1_735_689_600i64; // 2025-01-01
    let mut posts: Vec<u64> = Vec::with_capacity(1024);
    for i in 0..n as u64 {
        let at = start + (i as i64 * 31_536_000 / n as i64);
        let t = chrono::DateTime::from_timestamp(at, 0).expect("time").format("%Y-%m-%dT%H:%M:%SZ");
        // Heavy tail: the square of a uniform picks low indices far more often.
        let who = (rng.unit().powi(3) * PEOPLE as f64) as usize;
        let actor = if rng.chance(0.03) { format!("ext-{}@partner.example", who % 500) } else { emails[who].clone() };
        let x = rng.unit();
        let channel = (rng.unit().powi(2) * 300.0) as usize;
        let (kind, parent) = if x < 0.25 || posts.is_empty() {
            ("post", None)
        } else if x < 0.6 {
            ("reply", Some(posts[posts.len() - 1 - rng.below(posts.len().min(200))]))
        } else if x < 0.95 {
            ("reaction", Some(posts[posts.len() - 1 - rng.below(posts.len().min(200))]))
        } else {
            ("mention", None)
        };
        if kind == "post" {
            if posts.len() == 1024 {
                posts.drain(..512);
            }
            posts.push(i);
        }
        match parent {
            Some(p) => writeln!(w, "e{i},{t},{actor},{kind},channel-{channel},e{p}"),
            None => writeln!(w, "e{i},{t},{actor},{kind},channel-{channel},"),
        }
        .expect("write");
    }
    w.flush().expect("flush");
}

fn people_db(dir: &Path) -> std::path::PathBuf {
    let csv = dir.join("people.csv");
    common::write_people_csv(&csv, PEOPLE);
    let db = dir.join("people.db");
    let r = common::run(
        Command::new(env!("CARGO_BIN_EXE_chorus"))
            .arg("--db")
            .arg(&db)
            .args(["import", "people"])
            .arg(&csv)
            .stdout(Stdio::null()),
    );
    assert!(r.success, "people import failed");
    db
}

fn import_events(db: &Path, csv: &Path) -> common::Run {
    let r = common::run(
        Command::new(env!("CARGO_BIN_EXE_chorus"))
            .arg("--db")
            .arg(db)
            .args(["import", "events", "--tool", "Bench", "--no-excerpts"])
            .arg(csv)
            .stdout(Stdio::null()),
    );
    assert!(r.success, "chorus import events failed");
    r
}

fn main() {
    let n = env("CHORUS_BENCH_EVENTS", 2_000_000);
    let big = env("CHORUS_BENCH_BIG_EVENTS", 10_000_000);
    let slack = env("CHORUS_BENCH_SLACK", 1_000_000);
    let dir = tempfile::tempdir().expect("temp dir");
    println!("Activity benchmarks, {}", common::machine());
    let emails = emails();
    let base = people_db(dir.path());

    // 1. Events CSV against the sqlite3 shell.
    let csv = dir.path().join("events.csv");
    write_events_csv(&csv, n, &emails);
    let size_mb = std::fs::metadata(&csv).map(|m| m.len()).unwrap_or(0) as f64 / 1e6;
    println!("\n1. Import {n} events ({size_mb:.0} MB CSV), directory of {PEOPLE} people, 3 rounds");
    let (mut ours, mut shell, mut ours_rss, mut shell_rss) = (Vec::new(), Vec::new(), 0, 0);
    for round in 0..3 {
        for which in if round % 2 == 0 { [0, 1] } else { [1, 0] } {
            let db = dir.path().join(format!("r{round}-{which}.db"));
            if which == 0 {
                std::fs::copy(&base, &db).expect("copy");
                let r = import_events(&db, &csv);
                ours.push(r.wall);
                ours_rss = ours_rss.max(r.peak_rss_kib);
            } else {
                let r = common::shell_import(&csv, &db, "events_raw");
                shell.push(r.wall);
                shell_rss = shell_rss.max(r.peak_rss_kib);
            }
            let _ = std::fs::remove_file(&db);
        }
    }
    let (o, s) = (common::median(ours), common::median(shell));
    let rate = |d: Duration, n: usize| n as f64 / d.as_secs_f64();
    println!(
        "  chorus import events : {:>8.0} ms  {:>9.0} events/s  peak RSS {:>6.1} MB",
        o.as_secs_f64() * 1e3,
        rate(o, n),
        ours_rss as f64 / 1024.0
    );
    println!(
        "  sqlite3 .import (raw): {:>8.0} ms  {:>9.0} rows/s    peak RSS {:>6.1} MB",
        s.as_secs_f64() * 1e3,
        rate(s, n),
        shell_rss as f64 / 1024.0
    );
    println!(
        "  ratio chorus / sqlite3 shell: {:.2}x (target < 1x: faster than the shell): {}",
        o.as_secs_f64() / s.as_secs_f64(),
        if o < s { "met" } else { "not met" }
    );
    let _ = std::fs::remove_file(&csv);

    // 2. A Slack export (before the big step: a child forked from a process
    // holding the dashboard's facts would count them in its peak RSS).
    if slack > 0 {
        let export = dir.path().join("slack");
        write_slack_export(&export, slack, &emails);
        let db = dir.path().join("slack.db");
        std::fs::copy(&base, &db).expect("copy");
        let r = common::run(
            Command::new(env!("CARGO_BIN_EXE_chorus"))
                .arg("--db")
                .arg(&db)
                .args(["import", "slack", "--no-excerpts"])
                .arg(&export)
                .stdout(Stdio::null()),
        );
        assert!(r.success, "chorus import slack failed");
        println!(
            "\n2. Slack export of {slack} messages (folder): {:.1} s, {:.0} messages/s, peak RSS {:.1} MB",
            r.wall.as_secs_f64(),
            rate(r.wall, slack),
            r.peak_rss_kib as f64 / 1024.0
        );
    }

    // 3 and 4. Ten million events: memory, then the dashboard over them.
    if big > 0 {
        let csv = dir.path().join("big.csv");
        write_events_csv(&csv, big, &emails);
        let db = dir.path().join("big.db");
        std::fs::copy(&base, &db).expect("copy");
        let r = import_events(&db, &csv);
        let _ = std::fs::remove_file(&csv);
        println!(
            "\n3. Import {big} events: {:.1} s, {:.0} events/s, peak RSS {:.1} MB (target < 500 MB): {}",
            r.wall.as_secs_f64(),
            rate(r.wall, big),
            r.peak_rss_kib as f64 / 1024.0,
            if r.peak_rss_kib < 500 * 1024 { "met" } else { "not met" }
        );
        let db = Db::open(&db).expect("open");
        let t = Instant::now();
        let facts = db.facts().expect("facts");
        let load = t.elapsed();
        println!(
            "\n4. Dashboard over {big} events ({} day rollup rows, {} people and accounts); rollups loaded in {:.0} ms (once per change)",
            facts.days.len(),
            facts.subjects.len(),
            load.as_secs_f64() * 1e3
        );
        let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
        // Where a refresh's time goes, for the default filter.
        let scope = measures::scope(&facts, &Filter::default(), today).expect("scope");
        let parts: [(&str, &dyn Fn()); 6] = [
            ("totals (one period)", &|| drop(std::hint::black_box(measures::totals(&facts, &scope)))),
            ("participation", &|| {
                std::hint::black_box(measures::participation(&facts, &scope));
            }),
            ("trend", &|| drop(std::hint::black_box(measures::active_trend(&facts, &scope, measures::Grain::Week)))),
            ("adopters", &|| drop(std::hint::black_box(measures::adopters(&facts, None)))),
            ("community health", &|| drop(std::hint::black_box(measures::community_health(&facts, &scope)))),
            ("stopped", &|| drop(std::hint::black_box(measures::stopped(&facts, &scope, 10)))),
        ];
        let breakdown: Vec<String> = parts
            .iter()
            .map(|(name, f)| {
                let t = Instant::now();
                f();
                format!("{name} {:.1} ms", t.elapsed().as_secs_f64() * 1e3)
            })
            .collect();
        println!("  parts: {}", breakdown.join(", "));
        let dept = facts.departments.first().cloned();
        let filters = [
            ("last 90 days, all tools", Filter::default()),
            ("whole year", Filter { from: chrono::NaiveDate::from_ymd_opt(2025, 1, 1), ..Filter::default() }),
            ("one tool", Filter { tool: Some("Bench".into()), ..Filter::default() }),
            ("one department", Filter { department: dept, ..Filter::default() }),
        ];
        for (label, f) in filters {
            let mut times = Vec::new();
            for _ in 0..15 {
                let t = Instant::now();
                let d = measures::dashboard(&facts, &f, today).expect("dashboard");
                times.push(t.elapsed());
                std::hint::black_box(d);
            }
            times.sort();
            let p95 = common::percentile(&times, 0.95);
            println!(
                "  {label:<26} p50 {:>6.1} ms  p95 {:>6.1} ms (target < 100 ms): {}",
                common::percentile(&times, 0.5).as_secs_f64() * 1e3,
                p95.as_secs_f64() * 1e3,
                if p95 < Duration::from_millis(100) { "met" } else { "not met" }
            );
        }
    }
}

/// users.json, channels.json and one file per channel per day, with threads,
/// reactions and mentions in realistic proportions.
fn write_slack_export(dir: &Path, messages: usize, emails: &[String]) {
    let mut rng = Rng::new(7);
    std::fs::create_dir_all(dir).expect("mkdir");
    let users: Vec<serde_json::Value> = emails
        .iter()
        .enumerate()
        .map(|(i, e)| serde_json::json!({"id": format!("U{i:06}"), "name": format!("user{i}"), "real_name": format!("User {i}"), "deleted": false, "is_bot": false, "profile": {"email": e, "real_name": format!("User {i}")}}))
        .collect();
    std::fs::write(dir.join("users.json"), serde_json::to_vec(&users).expect("json")).expect("write");
    let channels = 100;
    let list: Vec<serde_json::Value> =
        (0..channels).map(|c| serde_json::json!({"id": format!("C{c:04}"), "name": format!("channel-{c}")})).collect();
    std::fs::write(dir.join("channels.json"), serde_json::to_vec(&list).expect("json")).expect("write");
    let days = 365;
    let per_file = messages / (channels * days);
    let extra = messages - per_file * channels * days;
    let start = 1_735_689_600i64;
    for c in 0..channels {
        let folder = dir.join(format!("channel-{c}"));
        std::fs::create_dir_all(&folder).expect("mkdir");
        for d in 0..days {
            let n = per_file + usize::from(c * days + d < extra);
            let mut msgs = Vec::with_capacity(n);
            let mut last_post: Option<String> = None;
            for k in 0..n {
                let ts = format!("{}.{:06}", start + d as i64 * 86_400 + 28_800 + k as i64 * 60, k);
                let user = format!("U{:06}", (rng.unit().powi(3) * emails.len() as f64) as usize);
                let mut m = serde_json::json!({"type": "message", "user": user, "ts": ts, "text": "Looks good to me, shipping it this afternoon"});
                match &last_post {
                    Some(p) if rng.chance(0.4) => {
                        m["thread_ts"] = serde_json::json!(p);
                        m["parent_user_id"] = serde_json::json!("U000001");
                    }
                    _ => last_post = Some(ts.clone()),
                }
                if rng.chance(0.2) {
                    let users: Vec<String> =
                        (0..1 + rng.below(4)).map(|_| format!("U{:06}", rng.below(emails.len()))).collect();
                    m["reactions"] = serde_json::json!([{"name": "+1", "users": users, "count": users.len()}]);
                }
                if rng.chance(0.05) {
                    m["text"] = serde_json::json!(format!("<@U{:06}> can you look?", rng.below(emails.len())));
                }
                msgs.push(m);
            }
            let date = chrono::DateTime::from_timestamp(start + d as i64 * 86_400, 0).expect("date").format("%Y-%m-%d");
            std::fs::write(folder.join(format!("{date}.json")), serde_json::to_vec(&msgs).expect("json"))
                .expect("write");
        }
    }
}
