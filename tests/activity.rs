//! Activity imports and measures, checked against values worked out by hand
//! from the fixtures in `tests/fixtures/activity/` (see the comments).

mod common;

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use chorus::activity::measures::{self, Category, Filter};
use chorus::activity::{ActivityError, ActivityOptions, ActivityReport, Decision, ExportFormat};
use chorus::app::activity::{ActivityImport, import_activity};
use chorus::ingest::ImportOptions;
use chorus::progress::Watch;
use chorus::store::Db;

const NOW: &str = "2026-11-25T10:00:00Z";

fn now() -> chrono::DateTime<chrono::Utc> {
    NOW.parse().unwrap()
}

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/activity").join(rel)
}

fn opts() -> ActivityOptions {
    ActivityOptions::default()
}

fn run(
    db: &mut Db,
    format: ExportFormat,
    path: &Path,
    opts: &ActivityOptions,
) -> Result<ActivityReport, chorus::Error> {
    import_activity(db, &ActivityImport { format, path, options: opts.clone() }, Watch::quiet(), now())
}

/// The fixture directory: ten people in four departments.
fn with_people() -> (tempfile::TempDir, Db) {
    let (dir, mut db) = common::fresh();
    chorus::app::people::import_people(
        &mut db,
        &fixture("people.csv"),
        &ImportOptions::default(),
        chorus::progress::Watch::quiet(),
        NOW.parse().unwrap(),
    )
    .expect("people import");
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
    assert!(db.accounts(true).unwrap().is_empty(), "every decision taken: nothing waits for review");
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
    let rows =
        measures::by_group(&facts, &measures::scope(&facts, &march(), today()).unwrap(), measures::GroupBy::Department);
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
    let c: Vec<(&str, u32, u32)> =
        d.communities.iter().map(|c| (c.channel.as_str(), c.monthly_active, c.yearly_active)).collect();
    // general: Ana, Ben, Chloé, Dev, Hugo in March; random: Kim and Ana.
    assert!(c.contains(&("general", 5, 5)) && c.contains(&("random", 2, 2)), "{c:?}");
}

// The Engage fixture, by hand: posts Eva (9001, Women in Tech) and Ines (9004, HR Leads);
// replies Grace → Eva 2 h, Ana → Eva, Ines → Ines (self), Grace → Ines 48 h; one mention
// (Eva → Grace); 9006 deleted; 9007 a system message.
#[test]
fn engage_export_is_read_as_the_format_documents() {
    let (_d, mut db) = with_people();
    let r = run(&mut db, ExportFormat::Engage, &fixture("engage"), &opts()).unwrap();
    assert_eq!((r.events, r.added, r.deleted, r.not_engagement), (8, 8, 1, 1), "{r:#?}");
    assert_eq!((r.matched_email, r.pending_review), (4, 1), "Sam, a contractor, waits for review");
    assert_eq!(r.tool, "Viva Engage");
    let facts = db.facts().unwrap();
    let april = Filter {
        tool: Some("Viva Engage".into()),
        from: chrono::NaiveDate::from_ymd_opt(2024, 4, 1),
        to: chrono::NaiveDate::from_ymd_opt(2024, 4, 30),
        ..Filter::default()
    };
    let p = measures::participation(&facts, &measures::scope(&facts, &april, today()).unwrap());
    assert_eq!((p.posts, p.replies, p.mentions, p.reactions), (2, 4, 1, 0));
    assert_eq!((p.population, p.active, p.creators, p.contributors), (5, 4, 2, 2), "Sam's only post was deleted");
    assert_eq!(p.median_first_reply, Some((7200.0 + 172_800.0) / 2.0));
    let d = measures::dashboard(&facts, &april, today()).unwrap();
    let groups: Vec<(&str, u32)> = d.communities.iter().map(|c| (c.channel.as_str(), c.yearly_active)).collect();
    assert!(groups.contains(&("Women in Tech", 3)) && groups.contains(&("HR Leads", 2)), "{groups:?}");
    // Again: nothing new.
    let again = run(&mut db, ExportFormat::Engage, &fixture("engage"), &opts()).unwrap();
    assert_eq!((again.added, again.duplicates), (0, 8));
}

#[test]
fn m365_usage_reports_count_per_person_and_refuse_double_counting() {
    let (_d, mut db) = with_people();
    let r = run(&mut db, ExportFormat::M365, &fixture("m365_engage.csv"), &opts()).unwrap();
    assert_eq!(r.tool, "Viva Engage");
    assert_eq!((r.accounts, r.matched_email, r.pending_review), (4, 3, 1), "{r:#?}");
    let facts = db.facts().unwrap();
    let june = Filter {
        from: chrono::NaiveDate::from_ymd_opt(2024, 6, 1),
        to: chrono::NaiveDate::from_ymd_opt(2024, 6, 30),
        ..Filter::default()
    };
    let p = measures::participation(&facts, &measures::scope(&facts, &june, today()).unwrap());
    // Ana 3 posts + 5 likes, Ben 2 likes, Pat 1 post; Eva read nothing and posted nothing.
    assert_eq!((p.posts, p.reactions, p.active, p.creators, p.contributors), (4, 7, 3, 2, 1));
    // The same report again: nothing changes.
    let again = run(&mut db, ExportFormat::M365, &fixture("m365_engage.csv"), &opts()).unwrap();
    assert_eq!(again.added, 0);
    let p2 = measures::participation(&db.facts().unwrap(), &measures::scope(&facts, &june, today()).unwrap());
    assert_eq!(p, p2);
    // The Teams report: posts and replies of channel conversations, private chats left out.
    let t = run(&mut db, ExportFormat::M365, &fixture("m365_teams.csv"), &opts()).unwrap();
    assert_eq!(t.tool, "Teams");
    let facts = db.facts().unwrap();
    let teams = Filter { tool: Some("Teams".into()), ..june };
    let p = measures::participation(&facts, &measures::scope(&facts, &teams, today()).unwrap());
    assert_eq!((p.population, p.posts, p.replies, p.active), (3, 4, 10, 2));
}

#[test]
fn an_overlapping_usage_report_or_one_over_an_export_is_refused() {
    let (dir, mut db) = with_people();
    run(&mut db, ExportFormat::M365, &fixture("m365_engage.csv"), &opts()).unwrap();
    let shifted = dir.path().join("m365_later.csv");
    let text = std::fs::read_to_string(fixture("m365_engage.csv")).unwrap().replace("2024-06-30,", "2024-07-10,");
    std::fs::write(&shifted, text).unwrap();
    let err = run(&mut db, ExportFormat::M365, &shifted, &opts()).unwrap_err();
    assert!(err.to_string().contains("overlaps the report already read for 2024-06-01 to 2024-06-30"), "{err}");
    // A tool holding an export's messages takes no usage report.
    let (_d2, mut db2) = with_people();
    run(&mut db2, ExportFormat::Engage, &fixture("engage"), &opts()).unwrap();
    let err = run(&mut db2, ExportFormat::M365, &fixture("m365_engage.csv"), &opts()).unwrap_err();
    assert!(err.to_string().contains("would count it twice"), "{err}");
    let other = ActivityOptions { tool: Some("Engage usage".into()), ..opts() };
    run(&mut db2, ExportFormat::M365, &fixture("m365_engage.csv"), &other).unwrap();
}

#[test]
fn events_csv_with_time_zone_and_kinds() {
    let (_d, mut db) = with_people();
    let o = ActivityOptions {
        tool: Some("Workplace".into()),
        kind: Some(chorus::activity::ToolKind::Workplace),
        time_zone: Some("Europe/Lisbon".parse().unwrap()),
        rollout: chrono::NaiveDate::from_ymd_opt(2024, 5, 1),
        ..opts()
    };
    let r = run(&mut db, ExportFormat::Events, &fixture("events.csv"), &o).unwrap();
    assert_eq!((r.events, r.added, r.matched_email, r.pending_review), (5, 5, 3, 0), "{r:#?}");
    // Lisbon is UTC+1 in May: Ana's share at 00:30 on 9 May, local, was 23:30 on 8 May, UTC.
    assert_eq!((r.first_day.as_deref(), r.last_day.as_deref()), (Some("2024-05-06"), Some("2024-05-08")));
    let facts = db.facts().unwrap();
    let may = Filter {
        tool: Some("Workplace".into()),
        from: chrono::NaiveDate::from_ymd_opt(2024, 5, 1),
        to: chrono::NaiveDate::from_ymd_opt(2024, 5, 31),
        ..Filter::default()
    };
    let p = measures::participation(&facts, &measures::scope(&facts, &may, today()).unwrap());
    assert_eq!((p.posts, p.replies, p.reactions, p.shares), (2, 1, 1, 1));
    assert_eq!(p.median_first_reply, Some(2700.0));
    let d = measures::dashboard(&facts, &may, today()).unwrap();
    assert_eq!(d.adoption.rollout, chrono::NaiveDate::from_ymd_opt(2024, 5, 1));
    assert_eq!(db.tools().unwrap()[0].rollout_date.as_deref(), Some("2024-05-01"));
    let again = run(&mut db, ExportFormat::Events, &fixture("events.csv"), &o).unwrap();
    assert_eq!(again.added, 0);
}

/// Everything a user could see of activity, to show a failed import changed nothing.
fn activity_state(db: &Db) -> String {
    let facts = db.facts().unwrap();
    format!("{:?}\n{:?}\n{:?}\n{:?}", db.tools().unwrap(), db.accounts(false).unwrap(), facts.days, facts.replies)
}

#[test]
fn bad_rows_are_named_and_nothing_is_written_unless_skipped() {
    let (_d, mut db) = with_people();
    let before = activity_state(&db);
    let err = run(&mut db, ExportFormat::Events, &fixture("bad/events_bad_rows.csv"), &opts()).unwrap_err();
    let chorus::Error::Activity(ActivityError::Rejected(r)) = &err else { panic!("{err}") };
    let texts: Vec<String> = r.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        texts,
        [
            "events_bad_rows.csv:3: column \"Timestamp\": 1985-01-01 00:00:00 UTC is before 1990",
            "events_bad_rows.csv:4: column \"Timestamp\": 2099-01-01 00:00:00 UTC is in the future",
            "events_bad_rows.csv:5: column \"Event Type\": \"applause\" is not an event kind (post, reply, reaction, mention, share)",
            "events_bad_rows.csv:6: column \"Timestamp\": \"yesterday\" is not a time Chorus reads (use ISO 8601 such as 2024-03-05T14:30:00Z, \"2024-03-05 14:30:00\", or Unix seconds)",
            "events_bad_rows.csv:7: column \"User\": no actor given",
        ]
    );
    assert_eq!(activity_state(&db), before, "a refused import leaves nothing behind");
    let r = run(
        &mut db,
        ExportFormat::Events,
        &fixture("bad/events_bad_rows.csv"),
        &ActivityOptions { skip_bad_rows: true, ..opts() },
    )
    .unwrap();
    assert_eq!((r.added, r.rejected), (1, 5));
}

#[test]
fn broken_exports_get_clear_errors_and_change_nothing() {
    let (dir, mut db) = with_people();
    run(&mut db, ExportFormat::Slack, &fixture("slack"), &opts()).unwrap();
    let before = activity_state(&db);

    let err = run(&mut db, ExportFormat::Slack, &fixture("bad/slack_not_json"), &opts()).unwrap_err();
    assert!(err.to_string().starts_with("slack_not_json:general/2024-03-04.json:3:"), "{err}");
    assert!(err.to_string().contains("not valid JSON"), "{err}");

    let copy = dir.path().join("Messages.csv");
    std::fs::copy(fixture("bad/Messages_missing_columns.csv"), &copy).unwrap();
    let err = run(&mut db, ExportFormat::Engage, dir.path(), &opts()).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{}:Messages.csv: no column for sender_id; columns found: id, group_id, body, created_at",
            dir.path().file_name().unwrap().to_string_lossy()
        )
    );

    let err = run(&mut db, ExportFormat::Slack, &fixture("engage"), &opts()).unwrap_err();
    assert!(err.to_string().contains("not a Slack export: it has no users.json"), "{err}");

    // A zip cut short.
    let zip = dir.path().join("cut.zip");
    zip_folder(&fixture("slack"), &zip);
    let bytes = std::fs::read(&zip).unwrap();
    std::fs::write(&zip, &bytes[..bytes.len() - 30]).unwrap();
    let err = run(&mut db, ExportFormat::Slack, &zip, &opts()).unwrap_err();
    assert!(err.to_string().starts_with("cut.zip: not a readable zip archive"), "{err}");

    // Entries that climb out of the folder.
    let evil = dir.path().join("evil.zip");
    {
        use std::io::Write;
        let mut w = zip::ZipWriter::new(std::fs::File::create(&evil).unwrap());
        let o = zip::write::SimpleFileOptions::default();
        w.start_file("users.json", o).unwrap();
        w.write_all(b"[]").unwrap();
        w.start_file("../../home/user/.bashrc", o).unwrap();
        w.write_all(b"echo owned").unwrap();
        w.finish().unwrap();
    }
    let err = run(&mut db, ExportFormat::Slack, &evil, &opts()).unwrap_err();
    assert_eq!(err.code(), "unsafe_archive");
    assert!(err.to_string().contains("\"../../home/user/.bashrc\" points outside the export"), "{err}");

    // A zip bomb: 64 MB of spaces in a few tens of kB.
    let bomb = dir.path().join("bomb.zip");
    {
        use std::io::Write;
        let mut w = zip::ZipWriter::new(std::fs::File::create(&bomb).unwrap());
        let o = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(false);
        w.start_file("users.json", o).unwrap();
        w.write_all(b"[]").unwrap();
        w.start_file("general/2024-03-04.json", o).unwrap();
        let zeros = vec![b' '; 1 << 20];
        for _ in 0..64 {
            w.write_all(&zeros).unwrap();
        }
        w.finish().unwrap();
    }
    let err = run(&mut db, ExportFormat::Slack, &bomb, &opts()).unwrap_err();
    assert_eq!(err.code(), "unsafe_archive");
    assert!(err.to_string().contains("general/2024-03-04.json"), "{err}");

    assert_eq!(activity_state(&db), before, "failed imports leave nothing behind");
}

#[test]
fn an_export_with_no_messages_warns() {
    let (_d, mut db) = with_people();
    let r = run(&mut db, ExportFormat::Slack, &fixture("bad/slack_empty"), &opts()).unwrap();
    assert_eq!((r.events, r.accounts), (0, 8));
    assert_eq!(
        r.warnings[0].to_string(),
        "slack_empty: entry 0: the export holds no messages; only its members were read"
    );
}

#[test]
fn a_dry_run_reports_and_writes_nothing() {
    let (_d, mut db) = with_people();
    let before = activity_state(&db);
    let r = run(&mut db, ExportFormat::Slack, &fixture("slack"), &ActivityOptions { dry_run: true, ..opts() }).unwrap();
    assert_eq!((r.added, r.import_id), (15, None));
    assert_eq!(activity_state(&db), before);
}

#[test]
fn cancel_stops_an_import_with_nothing_written() {
    let (_d, mut db) = with_people();
    let before = activity_state(&db);
    let cancel = AtomicBool::new(true);
    // Cancel is checked every few thousand events: a file big enough to reach it.
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.csv");
    let mut text = String::from("id,time,actor,kind\n");
    for i in 0..20_000 {
        text.push_str(&format!("e{i},2024-05-06T09:00:00Z,u{},post\n", i % 50));
    }
    std::fs::write(&big, text).unwrap();
    let input = ActivityImport { format: ExportFormat::Events, path: &big, options: opts() };
    let err = import_activity(&mut db, &input, Watch { progress: &|_| {}, cancel: &cancel }, now()).unwrap_err();
    assert!(matches!(err, chorus::Error::Activity(ActivityError::Cancelled)), "{err}");
    assert_eq!(activity_state(&db), before);
}

#[test]
fn a_header_of_100000_columns_gives_a_short_message() {
    let (_d, mut db) = with_people();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wide.csv");
    let header: Vec<String> = (0..100_000).map(|i| format!("col{i}")).collect();
    std::fs::write(&path, format!("{}\n", header.join(","))).unwrap();
    let msg = run(&mut db, ExportFormat::Events, &path, &opts()).unwrap_err().to_string();
    assert!(msg.starts_with("wide.csv: no column for time"), "{}", &msg[..200]);
    assert!(msg.ends_with("col11, and 99988 more"), "the first columns, then a count: {msg}");
    assert!(msg.len() < 1_000, "a message a person reads, not {} bytes", msg.len());
}

#[test]
fn engage_messages_with_rest_api_times_are_read_and_ambiguous_dates_refused() {
    let (_d, mut db) = with_people();
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("engage");
    std::fs::create_dir(&export).unwrap();
    std::fs::write(
        export.join("Messages.csv"),
        "id,replied_to_id,group_id,group_name,sender_id,sender_name,sender_email,body,created_at\n\
         1,,10,All Company,500,Ann Lee,ann.lee@example.org,hello,2025/06/02 08:00:00 +0000\n\
         2,1,10,All Company,501,Bo Chen,bo.chen@example.org,hi,2025/06/02 09:30:00 +0200\n",
    )
    .unwrap();
    let r = run(&mut db, ExportFormat::Engage, &export, &opts()).unwrap();
    assert_eq!((r.events, r.added, r.rejected), (2, 2, 0), "{:?}", r.problems);
    assert_eq!((r.first_day.as_deref(), r.last_day.as_deref()), (Some("2025-06-02"), Some("2025-06-02")));
    std::fs::write(export.join("Messages.csv"), "id,sender_id,created_at\n3,500,02/06/2025 08:00:00\n").unwrap();
    let err = run(&mut db, ExportFormat::Engage, &export, &opts()).unwrap_err();
    let chorus::Error::Activity(ActivityError::Rejected(r)) = &err else { panic!("{err}") };
    let text = r.problems[0].to_string();
    assert!(text.starts_with("engage:Messages.csv:2: column \"created_at\": \"02/06/2025 08:00:00\": a date written day or month first is ambiguous"), "{text}");
}

#[test]
fn an_event_listed_twice_in_one_export_counts_once() {
    let (_d, mut db) = with_people();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("twice.csv");
    std::fs::write(
        &path,
        "id,time,actor,kind,parent\n\
         p1,2024-05-06T09:00:00Z,ana.lima@acme.example,post,\n\
         r1,2024-05-06T10:00:00Z,ben.okafor@acme.example,reply,p1\n\
         p1,2024-05-06T09:00:00Z,ana.lima@acme.example,post,\n",
    )
    .unwrap();
    let r = run(&mut db, ExportFormat::Events, &path, &opts()).unwrap();
    assert_eq!((r.events, r.added, r.duplicates), (3, 2, 1), "the second p1 is the same event");
    let facts = db.facts().unwrap();
    let posts: u32 = facts.days.iter().map(|d| d.counts[0]).sum();
    assert_eq!(posts, 1, "counted once in the rollups");
    assert_eq!(facts.replies.len(), 1, "the reply answers the post");
    assert_eq!(facts.replies[0].seconds, 3600, "an hour later");
}

/// Microsoft 365 conceals user names in usage reports by default: a report
/// of 32-digit codes is refused with the setting named, and none of its
/// codes waits in the review list.
#[test]
fn a_usage_report_with_concealed_names_is_refused_and_leaves_nothing_to_review() {
    let (_d, mut db) = with_people();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("EngageUserActivity.csv");
    std::fs::write(
        &path,
        "Report Refresh Date,User Principal Name,Display Name,Is Deleted,Deleted Date,Last Activity Date,Posted Count,Read Count,Liked Count,Report Period\n\
         2024-06-30,9C5E1D2B7A3F4E6C8B0D1A2F3E4C5B6A,4F6E8D0C2B4A6E8F0A2C4E6B8D0F2A4C,False,,2024-06-20,3,10,2,30\n\
         2024-06-30,1A2B3C4D5E6F7A8B9C0D1E2F3A4B5C6D,9F8E7D6C5B4A39281706F5E4D3C2B1A0,False,,2024-06-21,1,4,0,30\n",
    )
    .unwrap();
    let before = activity_state(&db);
    let err = run(&mut db, ExportFormat::M365, &path, &opts()).unwrap_err();
    assert_eq!(err.code(), "concealed_names", "{err}");
    assert!(err.to_string().contains("Display concealed user, group, and site names in all reports"), "{err}");
    assert_eq!(activity_state(&db), before, "nothing written");
    assert!(db.accounts(true).unwrap().is_empty(), "no code waits for a review no one can decide");
}

/// A reply in a later import to a post of an earlier one is a tie in the
/// network's rollup, like a reply within one file.
#[test]
fn replies_to_an_earlier_import_join_the_network() {
    use chorus::app::network::network;
    use chorus::network::GraphOptions;
    let (dir, mut db) = with_people();
    let o = ActivityOptions { tool: Some("Workplace".into()), ..opts() };
    run(&mut db, ExportFormat::Events, &fixture("events.csv"), &o).unwrap();
    let later = dir.path().join("june.csv");
    std::fs::write(
        &later,
        "Event ID,Timestamp,User,Email,Name,Event Type,Group,Reply To,Text\n\
         w6,2024-06-02 09:00:00,wp-13,jon.park@acme.example,Jon Park,comment,Mobile,w4,Works on my phone\n",
    )
    .unwrap();
    run(&mut db, ExportFormat::Events, &later, &o).unwrap();
    let f = Filter {
        from: chrono::NaiveDate::from_ymd_opt(2024, 5, 1),
        to: chrono::NaiveDate::from_ymd_opt(2024, 6, 30),
        ..Filter::default()
    };
    let r = network(&db, &f, today(), GraphOptions::default()).unwrap();
    let person = |name: &str| r.people.iter().find(|p| p.name == name).unwrap();
    assert_eq!(r.interactions, 4, "Finn's comment, Jon's like, Ana's share, Jon's June comment");
    assert_eq!(person("Jon Park").out_degree, 2, "Jon answered Ana in May and Finn in June");
    assert_eq!((person("Ana Lima").in_degree, person("Finn Berg").in_degree), (2, 2));
    // Half a month later the June comment weighs more than the May ones.
    let decayed =
        network(&db, &f, today(), GraphOptions { half_life_days: Some(30.0), ..GraphOptions::default() }).unwrap();
    let jon = decayed.people.iter().find(|p| p.name == "Jon Park").unwrap();
    assert!(jon.weighted_out < 2.0 && jon.weighted_out > 1.0, "{}", jon.weighted_out);
}
