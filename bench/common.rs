//! Shared by the benchmark binaries: a realistic people file, child-process
//! timing with peak memory, and percentiles.
#![allow(unsafe_code)] // wait4(2) for a child's peak RSS; std has no rusage
#![allow(dead_code)] // each benchmark uses part of this module

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use chorus::demo::{self, DemoOptions};

/// The demo organisation as an HR export, the shape strategists import.
pub fn write_people_csv(path: &Path, people: usize) {
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).expect("date");
    let mut w = csv::Writer::from_path(path).expect("create csv");
    w.write_record([
        "Employee ID",
        "Full Name",
        "Preferred Name",
        "Email",
        "Job Title",
        "Department",
        "Team",
        "Office",
        "Country",
        "Manager ID",
        "Hire Date",
        "Languages",
        "Tags",
        "Skills",
        "Influence",
        "Interest",
        "Attitude",
    ])
    .expect("header");
    for p in demo::generate(DemoOptions { people, seed: 2026, as_of, activity: false }) {
        let o = |v: &Option<String>| v.clone().unwrap_or_default();
        let skills: Vec<String> = p.skills.iter().map(|s| s.name.clone()).collect();
        w.write_record([
            o(&p.external_id),
            p.full_name.clone(),
            o(&p.preferred_name),
            p.emails.join("; "),
            o(&p.title),
            o(&p.department),
            o(&p.team),
            o(&p.location),
            o(&p.country),
            o(&p.manager_ref),
            p.hire_date.map(|d| d.to_string()).unwrap_or_default(),
            p.languages.join("; "),
            p.tags.join("; "),
            skills.join("; "),
            p.influence.map(|v| v.to_string()).unwrap_or_default(),
            p.interest.map(|v| v.to_string()).unwrap_or_default(),
            p.attitude.map(|a| a.as_str().to_owned()).unwrap_or_default(),
        ])
        .expect("row");
    }
    w.flush().expect("flush");
}

/// Wall time and peak resident memory (KiB) of one child process.
pub struct Run {
    pub wall: Duration,
    pub peak_rss_kib: i64,
    pub success: bool,
}

pub fn run(cmd: &mut Command) -> Run {
    let start = Instant::now();
    let child = cmd.spawn().expect("spawn");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero rusage is valid, and wait4 writes into our own locals.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = start.elapsed();
    std::mem::forget(child); // already reaped by wait4
    Run {
        wall,
        peak_rss_kib: usage.ru_maxrss,
        success: r == pid && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
    }
}

/// The peer: the sqlite3 shell's raw `.import` of a CSV into an untyped
/// table of a fresh database, which checks nothing.
pub fn shell_import(csv: &Path, db: &Path, table: &str) -> Run {
    let r = run(Command::new("sqlite3")
        .arg("-csv")
        .arg("-cmd")
        .arg(format!(".import '{}' {table}", csv.display()))
        .arg(db)
        .arg(format!("SELECT count(*) FROM {table}"))
        .stdout(std::process::Stdio::null()));
    assert!(r.success, "sqlite3 .import failed (is the sqlite3 shell installed?)");
    r
}

pub fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

pub fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("model name")).map(|l| l.split(':').nth(1).unwrap_or("").trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    format!("{cpu}, {cores} cores")
}

/// The second peer: the sqlite3 shell copying every row of an imported
/// Chorus database into a fresh Chorus database of the same schema
/// (`INSERT INTO t SELECT * FROM src.t`, one transaction, foreign keys on,
/// the indexes in place): what SQLite itself needs to store exactly the rows
/// an import stores, with no parsing, checking or binding. `empty` is a
/// database Chorus created and never wrote to; it is copied to `db` first.
/// Tables are copied in the order they were created, which puts every
/// parent before its children.
pub fn shell_copy(source: &Path, empty: &Path, db: &Path) -> Run {
    std::fs::copy(empty, db).expect("copy the empty database");
    let list = Command::new("sqlite3")
        .arg(source)
        .arg(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
             AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE '%\\_fts\\_%' ESCAPE '\\' ORDER BY rowid",
        )
        .output()
        .expect("sqlite3");
    let tables: Vec<String> = String::from_utf8_lossy(&list.stdout).lines().map(str::to_owned).collect();
    let copies: String =
        tables.iter().map(|t| format!("INSERT INTO main.\"{t}\" SELECT * FROM src.\"{t}\";")).collect();
    let script = format!(
        "PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536; ATTACH '{}' AS src; BEGIN; {copies} COMMIT;",
        source.display()
    );
    let r = run(Command::new("sqlite3").arg(db).arg(script).stdout(std::process::Stdio::null()));
    assert!(r.success, "sqlite3 copy failed");
    r
}
