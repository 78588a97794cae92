//! Activity imports and measures, checked against values worked out by hand
//! from the fixtures in `tests/fixtures/activity/` (see the comments).

mod common;

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use chorus::activity::measures::{self, Category, Filter};
use chorus::activity::{self, ActivityError, ActivityOptions, ActivityReport, ExportFormat};
use chorus::ingest::{self, ImportOptions};
use chorus::store::{Db, Decision, Watch};

const NOW: &str = "2026-11-25T10:00:00Z";
const NOW_UNIX: i64 = 1_795_600_800;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/activity").join(rel)
}

fn opts() -> ActivityOptions {
    ActivityOptions { now: NOW_UNIX, ..ActivityOptions::default() }
}

fn run(db: &mut Db, format: ExportFormat, path: &Path, opts: &ActivityOptions) -> Result<ActivityReport, ActivityError> {
    let never = AtomicBool::new(false);
    activity::import(db, format, path, opts, Watch { progress: &|_| {}, cancel: &never, total: 0 }, NOW)
}

/// The fixture directory: ten people in four departments.
fn with_people() -> (tempfile::TempDir, Db) {
    let (dir, mut db) = common::fresh();
    ingest::import_people(&mut db, &fixture("people.csv"), &ImportOptions::default(), NOW).expect("people import");
    (dir, db)
}

fn march() -> Filter {
    Filter {
        from: chrono::NaiveDate::from_ymd_opt(2024, 3, 1),
        to: chrono::NaiveDate::from_ymd_opt(2024, 3, 31),
        ..Filter::default()
    }
}

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

fn zip_folder(folder: &Path, to: &Path) {
    use std::io::Write;
    let mut w = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut stack = vec![folder.to_owned()];
    let mut files = Vec::new();
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() { stack.push(p) } else { files.push(p) }
        }
    }
    files.sort();
    for p in files {
        let name = format!("Acme Slack export/{}", p.strip_prefix(folder).unwrap().to_string_lossy());
        w.start_file(name, opts).unwrap();
        w.write_all(&std::fs::read(&p).unwrap()).unwrap();
    }
    w.finish().unwrap();
}

// The Slack fixture, by hand:
// posts: Ana 3/4 09:00, Dev 3/4 11:00, Hugo 3/5 10:00, Kim 3/5 11:00 → 4
// replies: Ben → Ana (30 min), Chloé → Ana (1 h), Dev → Dev (self), Ana → Dev (22 h),
//          Ana → Kim (1 h) → 5
// reactions: Ben, Chloé, Dev on Ana's post; Ana on Kim's → 4; mentions: Ana → Ben, Chloé → 2
// not engagement: a channel_join and a bot_message; unknown: one channel_canvas_updated
#[test]
fn slack_export_is_read_as_the_format_documents() {
    let (_d, mut db) = with_people();
    let r = run(&mut db, ExportFormat::Slack, &fixture("slack"), &opts()).unwrap();
    assert_eq!(r.events, 15, "{r:#?}");
    assert_eq!((r.added, r.duplicates, r.deleted), (15, 0, 0));
    assert_eq!(r.not_engagement, 2);
    assert_eq!(r.unknown_subtypes, vec![("channel_canvas_updated".to_owned(), 1)]);
    assert_eq!((r.accounts, r.bots), (8, 2));
    // Four by e-mail (Ben's differs in case), Hugo by exact name, Kim waits.
    assert_eq!((r.matched_email, r.matched_external_id, r.matched_name, r.pending_review), (4, 0, 1, 1));
    assert_eq!((r.first_day.as_deref(), r.last_day.as_deref()), (Some("2024-03-04"), Some("2024-03-05")));
    assert_eq!(r.channels, 2);

    let facts = db.facts().unwrap();
    let p = measures::participation(&facts, &measures::scope(&facts, &march(), today()).unwrap());
    // Population: 10 people + Kim's account (waiting for review); bots left out.
    assert_eq!(p.population, 11);
    assert_eq!((p.posts, p.replies, p.reactions, p.mentions, p.shares), (4, 5, 4, 2, 0));
    assert_eq!((p.active, p.creators, p.contributors, p.lurkers), (6, 4, 2, 5));
    // Content (posts + replies): Ana 3, Dev 2, Ben 1, Chloé 1, Hugo 1, Kim 1, five zeros: total 9.
    assert_eq!(p.top1_share, Some(3.0 / 9.0)); // ⌈0.11⌉ = 1 person
    assert_eq!(p.top10_share, Some(5.0 / 9.0)); // ⌈1.1⌉ = 2 people
    // Gini: sorted [0,0,0,0,0,1,1,1,1,2,3]; Σ(2i−n−1)x = 2+4+6+16+30 = 58; 58 / (11 × 9).
    assert!((p.gini.unwrap() - 58.0 / 99.0).abs() < 1e-12, "{:?}", p.gini);
    assert_eq!(p.engagement_rate, Some(9.0 / 4.0));
    // First replies by someone else: 1800 s (Ana's post), 79200 s (Dev's: his own reply
    // does not count), 3600 s (Kim's). Median 3600 s.
    assert_eq!((p.replied_posts, p.median_first_reply), (3, Some(3600.0)));
}

#[test]
fn rogers_categories_follow_the_order_of_first_activity() {
    let (_d, mut db) = with_people();
    run(&mut db, ExportFormat::Slack, &fixture("slack"), &opts()).unwrap();
    let facts = db.facts().unwrap();
    let t = facts.tool_index("Slack").unwrap();
    let names: Vec<(String, Category)> = measures::adopters(&facts, Some(t))
        .iter()
        .map(|a| (facts.subjects[a.subject as usize].name.clone(), a.category))
        .collect();
    // First activity: Ana 09:00 (her post), Ben, Chloé, Dev at 09:00 too (their
    // reactions carry the post's time; ties by directory order), Hugo 3/5 10:00, Kim 11:00.
    // n = 6; adopters before: 0 → innovator; 1/6, 2/6 → early majority (≥ 16 %, < 50 %);
    // 3/6, 4/6, 5/6 → late majority (≥ 50 %, < 84 %).
    use Category::*;
    let want = [
        ("Ana Lima", Innovator),
        ("Ben Okafor", EarlyMajority),
        ("Chloé Martin", EarlyMajority),
        ("Dev Patel", LateMajority),
        ("Hugo Silva", LateMajority),
        ("Kim Tanaka", LateMajority),
    ];
    assert_eq!(names, want.map(|(n, c)| (n.to_owned(), c)).to_vec());
}

#[test]
fn reading_the_same_export_twice_changes_nothing_zipped_or_not() {
    let (dir, mut db) = with_people();
    run(&mut db, ExportFormat::Slack, &fixture("slack"), &opts()).unwrap();
    let before = measures::dashboard(&db.facts().unwrap(), &march(), today()).unwrap();
    let zip = dir.path().join("export.zip");
    zip_folder(&fixture("slack"), &zip);
    let again = run(&mut db, ExportFormat::Slack, &zip, &opts()).unwrap();
    assert_eq!((again.added, again.duplicates, again.new_accounts, again.channels), (0, 15, 0, 0));
    let after = measures::dashboard(&db.facts().unwrap(), &march(), today()).unwrap();
    assert_eq!(format!("{:?}", before.headline), format!("{:?}", after.headline));
    assert_eq!(format!("{:?}", before.trend), format!("{:?}", after.trend));
}

#[test]
fn review_decisions_are_applied_and_remembered() {
    let (_d, mut db) = with_people();
    run(&mut db, ExportFormat::Slack, &fixture("slack"), &opts()).unwrap();
    let pending = db.accounts(true).unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].name.as_deref(), Some("Kim Tanaka"));
    let kim = pending[0].id;
    let acc = db.decide(kim, &Decision::Ignore, NOW).unwrap();
    assert_eq!(acc.resolution, Some(chorus::activity::Resolution::Ignored));
    let facts = db.facts().unwrap();
    let p = measures::participation(&facts, &measures::scope(&facts, &march(), today()).unwrap());
    assert_eq!((p.population, p.posts, p.active), (10, 3, 5), "an ignored account counts nowhere");
    // The decision survives a re-import.
    run(&mut db, ExportFormat::Slack, &fixture("slack"), &opts()).unwrap();
    assert!(db.accounts(true).unwrap().is_empty());
    // Create a person instead: Kim joins the directory and the figures.
    db.decide(kim, &Decision::Create, NOW).unwrap();
    let facts = db.facts().unwrap();
    let p = measures::participation(&facts, &measures::scope(&facts, &march(), today()).unwrap());
    assert_eq!((p.population, p.posts, p.active), (11, 4, 6));
    assert_eq!(db.people_count().unwrap(), 11);
}

#[test]
fn filters_narrow_the_population_and_group_by_department() {
    let (_d, mut db) = with_people();
    run(&mut db, ExportFormat::Slack, &fixture("slack"), &opts()).unwrap();
    let facts = db.facts().unwrap();
    let eng = Filter { department: Some("engineering".into()), ..march() };
    let p = measures::participation(&facts, &measures::scope(&facts, &eng, today()).unwrap());
    // Dev, Eva, Finn; only Dev active: 1 post, 1 reply (to himself), 1 reaction.
    assert_eq!((p.population, p.active, p.posts, p.replies, p.reactions), (3, 1, 1, 1, 1));
    let slack = Filter { tool: Some("slack".into()), ..march() };
    let p = measures::participation(&facts, &measures::scope(&facts, &slack, today()).unwrap());
    assert_eq!((p.population, p.lurkers), (6, 0), "with a tool: its accounts are the population");
    let rows = measures::by_group(&facts, &measures::scope(&facts, &march(), today()).unwrap(), measures::GroupBy::Department);
    let row = |n: &str| rows.iter().find(|r| r.name == n).unwrap();
    assert_eq!((row("Sales").population, row("Sales").active), (3, 2));
    assert_eq!((row("(none)").population, row("(none)").active), (1, 1), "Kim's account, not yet tied");
    assert_eq!(row("Marketing").posts + row("Marketing").replies, 2);
    assert!(matches!(
        measures::scope(&facts, &Filter { tool: Some("Teams".into()), ..march() }, today()),
        Err(measures::FilterError::UnknownTool(..))
    ));
}

#[test]
fn the_previous_period_and_stopped_participants() {
    let (_d, mut db) = with_people();
    run(&mut db, ExportFormat::Slack, &fixture("slack"), &opts()).unwrap();
    let facts = db.facts().unwrap();
    // 2024-03-05 alone, against 2024-03-04 alone.
    let day = chrono::NaiveDate::from_ymd_opt(2024, 3, 5);
    let d = measures::dashboard(&facts, &Filter { from: day, to: day, ..Filter::default() }, today()).unwrap();
    let f = |k: &str| d.headline.iter().find(|f| f.key == k).unwrap().clone();
    // 3/4: Ana, Ben, Chloé, Dev active; 3/5: Ana, Hugo, Kim.
    assert_eq!((f("active").value, f("active").previous, f("active").change), (Some(3.0), Some(4.0), Some(-1.0)));
    assert_eq!((f("posts").value, f("posts").previous), (Some(2.0), Some(2.0)));
    let stopped: Vec<&str> = d.stopped.iter().map(|l| l.name.as_str()).collect();
    // Active on 3/4 but not on 3/5; most active first (Dev 3 events, Ben 2, Chloé 2).
    assert_eq!(stopped, ["Dev Patel", "Ben Okafor", "Chloé Martin"]);
    let newest: Vec<&str> = d.newest_adopters.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(newest, ["Kim Tanaka", "Hugo Silva"]);
}

#[test]
fn community_health_per_channel() {
    let (_d, mut db) = with_people();
    run(&mut db, ExportFormat::Slack, &fixture("slack"), &opts()).unwrap();
    let facts = db.facts().unwrap();
    let d = measures::dashboard(&facts, &march(), today()).unwrap();
    let c: Vec<(&str, u32, u32)> = d.communities.iter().map(|c| (c.channel.as_str(), c.monthly_active, c.yearly_active)).collect();
    // general: Ana, Ben, Chloé, Dev, Hugo in March; random: Kim and Ana.
    assert!(c.contains(&("general", 5, 5)) && c.contains(&("random", 2, 2)), "{c:?}");
}
