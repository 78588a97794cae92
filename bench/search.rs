//! Search-as-you-type benchmark: a directory of 100,000 people, and a person
//! typing names one keystroke at a time; each keystroke runs the same query
//! the app runs (first 50 results, ranked, with the total count).
//!
//! Run: `cargo bench --bench search` (or `make bench`).

#[path = "common.rs"]
mod common;

use std::time::Instant;

use chorus::demo::{DemoOptions, Rng};
use chorus::directory::query::ListQuery;
use chorus::store::Db;

fn main() {
    let people: usize = std::env::var("CHORUS_BENCH_PEOPLE").ok().and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut db = Db::open(&dir.path().join("search.db")).expect("db");
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).expect("date");
    let t = Instant::now();
    chorus::app::demo::load_demo(
        &mut db,
        DemoOptions { people, seed: 2026, as_of, activity: false },
        "2026-11-01T00:00:00Z".parse().unwrap(),
    )
    .expect("demo");
    println!(
        "Search benchmark: {people} people (demo generated and loaded in {:.1} s), {}",
        t.elapsed().as_secs_f64(),
        common::machine()
    );

    // What people type: names of people in the directory, plus titles and
    // places, lower-case and without accents, as they are typed.
    let all = db.list_people(&ListQuery { limit: None, ..ListQuery::default() }).expect("list").items;
    let mut rng = Rng::new(99);
    let mut typed: Vec<String> = Vec::new();
    for _ in 0..200 {
        let p = &all[rng.below(all.len())];
        typed.push(chorus::text::fold(&p.full_name));
    }
    for word in ["engineer", "paris", "chief", "sao paulo", "customer success", "muller", "nguyen", "sjoberg"] {
        typed.push(word.to_owned());
    }
    // The index is built on the first search after start (or after an
    // import); that cost is reported on its own. An edit updates it in place.
    let t = Instant::now();
    db.list_people(&ListQuery { text: "a".into(), ..ListQuery::default() }).expect("search");
    println!("  index build on the first search: {:.0} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    let edit = chorus::directory::fields::parse_assignment("tags=bench").expect("edit");
    db.edit_person(all[0].id, &[edit], "2026-11-01T00:00:00Z").expect("edit");
    let found = db.list_people(&ListQuery { text: "bench".into(), ..ListQuery::default() }).expect("search");
    assert_eq!(found.total, 1, "the edit is searchable at once");
    println!("  an edit, then a search that finds it: {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let mut times = Vec::new();
    for text in &typed {
        for end in 1..=text.chars().count() {
            let prefix: String = text.chars().take(end).collect();
            if prefix.ends_with(' ') {
                continue; // a space alone adds no new query
            }
            let q = ListQuery { text: prefix, limit: Some(50), ..ListQuery::default() };
            let t = Instant::now();
            let page = db.list_people(&q).expect("search");
            times.push(t.elapsed());
            std::hint::black_box(page);
        }
    }
    times.sort();
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
    println!(
        "  {} keystrokes: p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms, max {:.2} ms (target p95 < 10 ms: {})",
        times.len(),
        ms(common::percentile(&times, 0.50)),
        ms(common::percentile(&times, 0.95)),
        ms(common::percentile(&times, 0.99)),
        ms(*times.last().expect("times")),
        if ms(common::percentile(&times, 0.95)) < 10.0 { "met" } else { "not met" }
    );
}
