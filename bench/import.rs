//! Import benchmark: 100,000 people from an HR-style CSV through `chorus
//! import people` (validation, upsert, org units, managers, search index, one
//! transaction), side by side with the sqlite3 shell's raw `.import` of the
//! same file into an untyped table, which validates nothing, and with the
//! sqlite3 shell copying the rows our import stored into an empty Chorus
//! database (`INSERT … SELECT`, same schema, indexes and foreign keys): what
//! SQLite itself needs to store those rows, the floor under any importer.
//!
//! Run: `cargo bench --bench import` (or `make bench`). Set CHORUS_BENCH_PEOPLE
//! to change the size, CHORUS_BENCH_KEEP=FILE to keep the CSV for profiling.

#[path = "common.rs"]
mod common;

use std::process::{Command, Stdio};
use std::time::Duration;

fn main() {
    let people: usize = std::env::var("CHORUS_BENCH_PEOPLE").ok().and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let rounds = 3;
    let dir = tempfile::tempdir().expect("temp dir");
    let csv = dir.path().join("people.csv");
    common::write_people_csv(&csv, people);
    // CHORUS_BENCH_KEEP=FILE keeps a copy of the CSV, to profile an import of it.
    if let Ok(keep) = std::env::var("CHORUS_BENCH_KEEP") {
        std::fs::copy(&csv, keep).expect("copy the CSV");
    }
    let size_mb = std::fs::metadata(&csv).map(|m| m.len()).unwrap_or(0) as f64 / 1e6;
    println!("Import benchmark: {people} people, {size_mb:.1} MB CSV, {} rounds, {}", rounds, common::machine());

    let chorus = env!("CARGO_BIN_EXE_chorus");
    let mut ours = Vec::new();
    let mut ours_rss = 0;
    let mut shell = Vec::new();
    let mut shell_rss = 0;
    let mut copy = Vec::new();
    // A database Chorus created (migrations run) and never wrote people to.
    let empty = dir.path().join("empty.db");
    let made = common::run(Command::new(chorus).arg("--db").arg(&empty).args(["people", "list"]).stdout(Stdio::null()));
    assert!(made.success, "chorus could not create an empty database");
    for round in 0..rounds {
        // Alternate who goes first so that neither always gets a warm cache.
        for which in if round % 2 == 0 { [0, 1] } else { [1, 0] } {
            let db = dir.path().join(format!("r{round}-{which}.db"));
            if which == 0 {
                let r = common::run(
                    Command::new(chorus)
                        .arg("--db")
                        .arg(&db)
                        .args(["import", "people"])
                        .arg(&csv)
                        .stdout(Stdio::null()),
                );
                assert!(r.success, "chorus import failed");
                ours.push(r.wall);
                ours_rss = ours_rss.max(r.peak_rss_kib);
                let copied = dir.path().join(format!("r{round}-copy.db"));
                copy.push(common::shell_copy(&db, &empty, &copied).wall);
            } else {
                let r = common::shell_import(&csv, &db, "people_raw");
                shell.push(r.wall);
                shell_rss = shell_rss.max(r.peak_rss_kib);
            }
        }
    }
    let (o, s, c) = (common::median(ours), common::median(shell), common::median(copy));
    let rate = |d: Duration| people as f64 / d.as_secs_f64();
    println!(
        "  chorus import people : {:>8.0} ms  {:>9.0} rows/s  peak RSS {:>6.1} MB",
        o.as_secs_f64() * 1e3,
        rate(o),
        ours_rss as f64 / 1024.0
    );
    println!(
        "  sqlite3 .import (raw): {:>8.0} ms  {:>9.0} rows/s  peak RSS {:>6.1} MB",
        s.as_secs_f64() * 1e3,
        rate(s),
        shell_rss as f64 / 1024.0
    );
    println!(
        "  sqlite3 copy of the same rows into Chorus's schema: {:>6.0} ms  {:>9.0} rows/s",
        c.as_secs_f64() * 1e3,
        rate(c)
    );
    println!(
        "  ratio chorus / sqlite3 .import: {:.2}x (target ≤ 2x: {}); the copy alone is {:.2}x the .import",
        o.as_secs_f64() / s.as_secs_f64(),
        if o.as_secs_f64() <= 2.0 * s.as_secs_f64() { "met" } else { "not met" },
        c.as_secs_f64() / s.as_secs_f64()
    );
    println!(
        "  ratio chorus / sqlite3 copy into the same schema: {:.2}x; target ≥ 200,000 rows/s: {}",
        o.as_secs_f64() / c.as_secs_f64(),
        if rate(o) >= 200_000.0 { "met" } else { "not met" }
    );
}
