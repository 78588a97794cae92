//! Desktop app benchmark: the real `chorus-app` under Xvfb, driven through
//! tauri-driver. Measures, for an empty directory, 1,000 and 100,000 people:
//! - start to first interactive view (from asking WebDriver for a session,
//!   which launches the app, to the first view showing data: an upper bound
//!   that includes WebKitWebDriver's own start);
//! - memory of the whole process tree (app + WebKit processes), as PSS;
//! - and at 100,000 people, search keystrokes through IPC (the UI's own
//!   `list_people` call for each prefix typed, timed in the page);
//! - the Network view at 20,000 people with a year of activity: first paint
//!   and pan/zoom frame times, measured in the page.
//!
//! Run: `make bench` (or `cargo bench -p chorus-app --bench app`).

#[path = "../src-tauri/tests/harness/mod.rs"]
mod harness;

use std::path::Path;
use std::process::Child;
use std::time::{Duration, Instant};

use chorus::demo::DemoOptions;
use chorus::store::Db;
use fantoccini::{Client, Locator};

/// (pid, parent pid, command name) of every process.
fn processes() -> Vec<(u32, u32, String)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else { continue };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else { continue };
        // comm is in parentheses and may hold spaces; the fields after it are plain.
        let (Some(open), Some(close)) = (stat.find('('), stat.rfind(')')) else { continue };
        let comm = stat[open + 1..close].to_owned();
        let ppid = stat[close + 2..].split(' ').nth(1).and_then(|p| p.parse().ok()).unwrap_or(0);
        out.push((pid, ppid, comm));
    }
    out
}

/// PSS in KiB of the app process and all its descendants (WebKit's web and
/// network processes).
fn app_tree_pss_kib() -> u64 {
    let procs = processes();
    // The newest app process: an earlier session's may still be exiting.
    let Some(&(app, _, _)) = procs.iter().filter(|(_, _, c)| c.starts_with("chorus-app")).max_by_key(|(p, _, _)| *p)
    else {
        return 0;
    };
    let mut tree = vec![app];
    let mut i = 0;
    while i < tree.len() {
        let parent = tree[i];
        tree.extend(procs.iter().filter(|(_, pp, _)| *pp == parent).map(|(p, _, _)| *p));
        i += 1;
    }
    if std::env::var_os("CHORUS_BENCH_DEBUG").is_some() {
        for pid in &tree {
            let comm = procs.iter().find(|(p, _, _)| p == pid).map(|(_, _, c)| c.as_str()).unwrap_or("?");
            eprintln!("    pid {pid} {comm}");
        }
    }
    tree.iter()
        .filter_map(|pid| std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok())
        .map(|s| {
            s.lines()
                .find(|l| l.starts_with("Pss:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse::<u64>().ok())
                .unwrap_or(0)
        })
        .sum()
}

struct Session {
    client: Client,
    driver: Child,
}

async fn open_app(display: &str, db: &Path) -> (Session, Duration) {
    let (driver, port) = harness::driver(display, db, &db.with_extension("state"));
    let start = Instant::now();
    let client = harness::session(port, env!("CARGO_BIN_EXE_chorus-app")).await;
    // Interactive: the empty state's button, or the first row of the table.
    client
        .wait()
        .at_most(Duration::from_secs(60))
        .every(Duration::from_millis(20))
        .for_element(Locator::Css("[data-testid=load-demo], [data-testid=person-row]"))
        .await
        .expect("first view");
    (Session { client, driver }, start.elapsed())
}

async fn close(mut s: Session) {
    let _ = s.client.clone().close().await;
    harness::stop(&mut s.driver);
}

#[tokio::main]
async fn main() {
    let (mut xvfb, display) = harness::xvfb();
    let dir = tempfile::tempdir().expect("temp");
    println!("App benchmark: chorus-app (debug build unless run through `cargo bench`), Xvfb 1280x800");

    let mut empty_pss = 0;
    for people in [0usize, 1_000, 100_000] {
        let db_path = dir.path().join(format!("p{people}.db"));
        let mut db = Db::open(&db_path).expect("db");
        if people > 0 {
            let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).expect("date");
            chorus::app::demo::load_demo(
                &mut db,
                DemoOptions { people, seed: 7, as_of, activity: false },
                "2026-11-01T00:00:00Z".parse().unwrap(),
            )
            .expect("demo");
        }
        drop(db);
        let (session, started) = open_app(&display, &db_path).await;
        let mut line = format!("  {people:>7} people: first interactive view {:>6.0} ms", started.as_secs_f64() * 1e3);
        if people > 0 {
            // The search index is part of the working set once someone searches.
            let search = session.client.find(Locator::Css("[data-testid=global-search]")).await.expect("search");
            search.send_keys("a").await.expect("type");
            session.client.wait().for_element(Locator::Css("[data-testid=search-result]")).await.expect("results");
        }
        if people == 100_000 {
            let script = r#"
                const done = arguments[arguments.length - 1];
                const words = ["zoe", "maria", "engineer", "paris", "nguyen", "okafor", "sjoberg", "chief", "muller", "priya sharma"];
                const times = [];
                (async () => {
                  for (const w of words) {
                    for (let i = 1; i <= w.length; i++) {
                      const t = performance.now();
                      await window.__TAURI_INTERNALS__.invoke("list_people", { query: { text: w.slice(0, i), limit: 8 } });
                      times.push(performance.now() - t);
                    }
                  }
                  done(times);
                })();
            "#;
            let value = session.client.execute_async(script, vec![]).await.expect("timed keystrokes");
            let mut times: Vec<f64> = value.as_array().expect("array").iter().filter_map(|v| v.as_f64()).collect();
            times.sort_by(f64::total_cmp);
            let p = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
            line.push_str(&format!(
                "\n           search keystroke through IPC ({} keystrokes): p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms (target p95 < 50 ms)",
                times.len(),
                p(0.5),
                p(0.95),
                times[times.len() - 1]
            ));
        }
        tokio::time::sleep(Duration::from_secs(2)).await;
        let pss = app_tree_pss_kib();
        if people == 0 {
            empty_pss = pss;
        }
        line.push_str(&format!(
            "\n           memory (app + WebKit processes, PSS) {:>6.1} MB, {:+.1} MB over the empty app",
            pss as f64 / 1024.0,
            (pss as f64 - empty_pss as f64) / 1024.0
        ));
        println!("{line}");
        close(session).await;
    }
    network_view(&display, dir.path()).await;
    harness::stop(&mut xvfb);
}

/// The Network view of the demo organisation at 20,000 people with a year
/// of activity: first paint (from the click, through the core's graph,
/// measures and layout, to the renderer's first frame) twice (the second
/// reuses the kept layout), and pan/zoom frame times measured in the page.
async fn network_view(display: &str, dir: &Path) {
    let db_path = dir.join("network.db");
    let mut db = Db::open(&db_path).expect("db");
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).expect("date");
    chorus::app::demo::load_demo(
        &mut db,
        DemoOptions { people: 20_000, seed: 7, as_of, activity: true },
        "2026-11-01T00:00:00Z".parse().unwrap(),
    )
    .expect("demo");
    drop(db);
    let (session, _) = open_app(display, &db_path).await;
    let c = &session.client;
    let mut line = String::from("  Network view, 20,000 people and a year of activity:");
    for round in ["first", "again (kept layout)"] {
        c.find(Locator::Css("[data-testid=nav-people]")).await.expect("people").click().await.expect("click");
        c.find(Locator::Css("[data-testid=nav-network]")).await.expect("network").click().await.expect("click");
        let mut painted = String::new();
        for _ in 0..600 {
            let stage = c.find(Locator::Css("[data-testid=network-stage]")).await.expect("stage");
            painted = stage.attr("data-first-paint").await.ok().flatten().unwrap_or_default();
            if !painted.is_empty() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let stats =
            c.find(Locator::Css("[data-testid=network-stats]")).await.expect("stats").text().await.unwrap_or_default();
        let renderer = c
            .find(Locator::Css("[data-testid=network-stage]"))
            .await
            .expect("stage")
            .attr("data-renderer")
            .await
            .ok()
            .flatten()
            .unwrap_or_default();
        line.push_str(&format!(
            "\n           first paint, {round}: {painted} ms with {renderer} (target < 2,000 ms); {stats}"
        ));
    }
    let value = c
        .execute_async(
            "const done = arguments[arguments.length - 1]; window.__chorusNetwork.frames(60).then(done);",
            vec![],
        )
        .await
        .expect("frame times");
    let mut frames: Vec<f64> = value.as_array().expect("array").iter().filter_map(|v| v.as_f64()).collect();
    frames.sort_by(f64::total_cmp);
    if !frames.is_empty() {
        let p = |q: f64| frames[((frames.len() - 1) as f64 * q).round() as usize];
        line.push_str(&format!(
            "\n           pan/zoom frames (60 zoom steps, software rendering under Xvfb): p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms",
            p(0.5),
            p(0.95),
            frames[frames.len() - 1]
        ));
    }
    println!("{line}");
    close(session).await;
}
