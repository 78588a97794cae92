//! Engagement measures checked against an independent implementation
//! (`tests/reference/measures.py`: other formulas, other language, reading
//! the CSV itself) on a generated year of heavy-tailed activity.

use std::path::Path;
use std::process::Command;

use chorus::activity::measures::{self, Filter};
use chorus::activity::{ActivityOptions, ExportFormat};
use chorus::app::activity::{ActivityImport, import_activity};
use chorus::demo::Rng;
use chorus::progress::Watch;
use chorus::store::Db;

/// 20,000 events by 1,500 accounts, one second apart (no ties in adoption
/// order), heavy-tailed; replies and reactions to earlier posts, some by
/// their own author.
fn write_events(path: &Path) {
    let mut rng = Rng::new(2024);
    let mut out = String::from("id,time,actor,kind,channel,parent\n");
    let start = 1_704_067_200i64; // 2024-01-01
    let mut posts: Vec<(usize, usize)> = Vec::new();
    for i in 0..20_000usize {
        let at = start + i as i64 * 1500 + 1;
        let t = chrono::DateTime::from_timestamp(at, 0).unwrap().format("%Y-%m-%dT%H:%M:%SZ");
        let who = (rng.unit().powi(4) * 1500.0) as usize;
        let x = rng.unit();
        let (kind, parent) = if x < 0.3 || posts.is_empty() {
            ("post", None)
        } else if x < 0.65 {
            ("reply", Some(posts[posts.len() - 1 - rng.below(posts.len().min(30))]))
        } else {
            ("reaction", Some(posts[posts.len() - 1 - rng.below(posts.len().min(30))]))
        };
        if kind == "post" {
            posts.push((i, who));
        }
        let parent = parent.map(|(p, _)| format!("e{p}")).unwrap_or_default();
        out.push_str(&format!("e{i},{t},acct-{who:04},{kind},c{},{parent}\n", who % 7));
    }
    std::fs::write(path, out).unwrap();
}

#[test]
fn measures_agree_with_an_independent_reference() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("events.csv");
    write_events(&csv);
    let reference = Command::new("python3")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference/measures.py"))
        .arg(&csv)
        .output()
        .expect("python3 runs (make test installs it)");
    assert!(reference.status.success(), "{}", String::from_utf8_lossy(&reference.stderr));
    let r: serde_json::Value = serde_json::from_slice(&reference.stdout).unwrap();

    let mut db = Db::open(&dir.path().join("c.db")).unwrap();
    let input = ActivityImport { format: ExportFormat::Events, path: &csv, options: ActivityOptions::default() };
    let now = chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap();
    import_activity(&mut db, &input, Watch::quiet(), now).unwrap();
    let facts = db.facts().unwrap();
    let all_year = Filter {
        from: chrono::NaiveDate::from_ymd_opt(2024, 1, 1),
        to: chrono::NaiveDate::from_ymd_opt(2024, 12, 31),
        ..Filter::default()
    };
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let p = measures::participation(&facts, &measures::scope(&facts, &all_year, today).unwrap());

    let int = |k: &str| r[k].as_u64().unwrap();
    let float = |k: &str| r[k].as_f64().unwrap();
    assert_eq!(u64::from(p.population), int("population"));
    assert_eq!(u64::from(p.active), int("active"));
    assert_eq!(u64::from(p.creators), int("creators"));
    assert_eq!((p.posts, p.replies, p.reactions), (int("posts"), int("replies"), int("reactions")));
    assert_eq!(u64::from(p.replied_posts), int("replied_posts"));
    let close = |a: Option<f64>, k: &str| {
        let (a, b) = (a.unwrap(), float(k));
        assert!((a - b).abs() < 1e-9, "{k}: chorus {a}, reference {b}");
    };
    close(p.gini, "gini");
    close(p.top1_share, "top1_share");
    close(p.top10_share, "top10_share");
    close(p.engagement_rate, "engagement_rate");
    close(p.median_first_reply, "median_first_reply");
    assert!(p.gini.unwrap() > 0.5, "the data is heavy-tailed, as meant: {:?}", p.gini);
    let lorenz = r["lorenz"].as_array().unwrap();
    assert_eq!(p.lorenz.len(), lorenz.len());
    for ((x, y), want) in p.lorenz.iter().zip(lorenz) {
        let (wx, wy) = (want[0].as_f64().unwrap(), want[1].as_f64().unwrap());
        assert!((x - wx).abs() < 1e-12 && (y - wy).abs() < 1e-9, "Lorenz at {x}: chorus {y}, reference {wy}");
    }

    let categories = r["categories"].as_object().unwrap();
    let ours = measures::adopters(&facts, None);
    assert_eq!(ours.len(), categories.len());
    for a in ours {
        let name = &facts.subjects[a.subject as usize].name;
        let want = categories[name].as_str().unwrap();
        let got = serde_json::to_value(a.category).unwrap();
        assert_eq!(got.as_str().unwrap(), want, "category of {name}");
    }
}
