//! What real exports published by others taught us, each a regression test
//! named after what broke. The files are made here in the shape the real
//! ones have (a 2016 Slack workspace export, Microsoft 365 admin-centre
//! reports with guests, concealed names and the wrong report), small enough
//! to read.

mod common;

use std::path::Path;

use chorus::activity::{ActivityOptions, ExportFormat};
use chorus::app::activity::{ActivityImport, import_activity};
use chorus::app::engagement;
use chorus::ingest::{ImportOptions, SourceFormat};
use chorus::progress::Watch;

fn now() -> chrono::DateTime<chrono::Utc> {
    common::NOW.parse().unwrap()
}

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A 2016 workspace: Ann has a real name; Bob and Cleo only a handle and an
/// e-mail; a bot member posts with a `bot_id` and no subtype; Ann's old
/// file share begins with Slack's "<@U1> uploaded a file".
fn slack_2016(dir: &Path) -> std::path::PathBuf {
    let root = dir.join("slack-2016");
    write(
        &root,
        "users.json",
        r#"[
  {"id": "U1", "name": "ann", "real_name": "Ann Lee", "profile": {"real_name": "Ann Lee", "email": "ann@acme.example"}},
  {"id": "U2", "name": "bob", "profile": {"email": "bob@acme.example"}},
  {"id": "U3", "name": "cleo", "real_name": "", "profile": {"real_name": "", "display_name": "", "email": "cleo@acme.example"}},
  {"id": "B1", "name": "deploybot", "is_bot": true, "profile": {"real_name": "deploybot", "bot_id": "B01"}}
]"#,
    );
    write(&root, "channels.json", r#"[{"id": "C1", "name": "general"}]"#);
    write(
        &root,
        "general/2016-05-02.json",
        r#"[
  {"type": "message", "subtype": "file_share", "user": "U1", "ts": "1462179600.000002",
   "text": "<@U1|ann> uploaded a file: <https://acme.slack.com/files/ann/F1/plan.pdf|plan.pdf>"},
  {"type": "message", "user": "U2", "ts": "1462179700.000003", "text": "thanks <@U1>, and <@U3> have a look"},
  {"type": "message", "user": "U3", "ts": "1462179800.000004", "thread_ts": "1462179700.000003",
   "parent_user_id": "U2", "text": "on it"},
  {"type": "message", "user": "B1", "bot_id": "B01", "ts": "1462179900.000005", "text": "deployed <@U2>"}
]"#,
    );
    root
}

#[test]
fn a_mention_of_oneself_is_not_a_mention() {
    let (dir, mut db) = common::fresh();
    let export = slack_2016(dir.path());
    let input = ActivityImport { format: ExportFormat::Slack, path: &export, options: ActivityOptions::default() };
    let r = import_activity(&mut db, &input, Watch::quiet(), now()).expect("the export imports");
    assert_eq!(r.self_mentions, 1, "Slack's “<@U1> uploaded a file” is not Ann mentioning herself: {r:?}");
    // The post, Bob's message and its two mentions, Cleo's reply: five events.
    assert_eq!(r.events, 5, "{r:?}");
    assert_eq!(r.added, 5, "every event read is added: {r:?}");
}

#[test]
fn a_bot_members_message_without_a_subtype_is_the_bots() {
    let (dir, mut db) = common::fresh();
    let export = slack_2016(dir.path());
    let input = ActivityImport { format: ExportFormat::Slack, path: &export, options: ActivityOptions::default() };
    let r = import_activity(&mut db, &input, Watch::quiet(), now()).expect("the export imports");
    assert_eq!(r.not_engagement, 1, "the deploy bot's message (bot_id, no subtype) is a bot's: {r:?}");
    assert!(r.events + r.not_engagement + r.self_mentions >= 7, "every message and mention is accounted for: {r:?}");
    let accounts = engagement::accounts(&db, false).unwrap();
    let bot = accounts.iter().find(|a| a.source_id == "B1").expect("the bot's account is known");
    assert_eq!(bot.events, 0, "its message is not counted as an event of its account");
}

#[test]
fn members_with_only_a_handle_are_named_by_it() {
    let (dir, mut db) = common::fresh();
    let export = slack_2016(dir.path());
    let opts = ImportOptions { format: Some(SourceFormat::SlackUsers), ..ImportOptions::default() };
    let r = chorus::app::people::import_people(&mut db, &export.join("users.json"), &opts, Watch::quiet(), now())
        .expect("a users.json of handle-only members imports without --skip-bad-rows");
    assert_eq!((r.added, r.rejected), (3, 0), "Ann, bob and cleo; the bot skipped: {r:?}");
    let names: Vec<String> = chorus::app::directory::list_people(&db, &Default::default())
        .unwrap()
        .items
        .into_iter()
        .map(|p| p.full_name)
        .collect();
    assert_eq!(names, ["Ann Lee", "bob", "cleo"], "named by the handle, as the activity import names them");
    // The activity import then ties every account to its person by e-mail.
    let input = ActivityImport { format: ExportFormat::Slack, path: &export, options: ActivityOptions::default() };
    let a = import_activity(&mut db, &input, Watch::quiet(), now()).unwrap();
    assert_eq!(a.matched_email, 3, "{a:?}");
}

const ENGAGE_HEADER: &str = "Report Refresh Date,User Principal Name,Display Name,Last Activity Date,Posted Count,Read Count,Liked Count,Report Period\n";

#[test]
fn a_guests_address_is_read_out_of_their_principal_name() {
    let (dir, mut db) = common::fresh();
    write(dir.path(), "people.csv", "Employee ID,Full Name,Email\nP1,Ann Lee,ann.lee@partner.example\n");
    chorus::app::people::import_people(
        &mut db,
        &dir.path().join("people.csv"),
        &ImportOptions::default(),
        Watch::quiet(),
        now(),
    )
    .unwrap();
    let report = format!(
        "{ENGAGE_HEADER}2026-11-20,ann.lee_partner.example#EXT#@acme.onmicrosoft.com,Ann Lee (Guest),2026-11-18,3,10,2,30\n"
    );
    write(dir.path(), "engage.csv", &report);
    let path = dir.path().join("engage.csv");
    let input = ActivityImport { format: ExportFormat::M365, path: &path, options: ActivityOptions::default() };
    let r = import_activity(&mut db, &input, Watch::quiet(), now()).expect("the report imports");
    assert_eq!(r.matched_email, 1, "the guest is matched by the address inside the UPN: {r:?}");
    let account = engagement::accounts(&db, false).unwrap().remove(0);
    assert_eq!(account.email.as_deref(), Some("ann.lee@partner.example"));
}

#[test]
fn a_csv_given_to_the_slack_import_is_named_with_the_import_that_fits() {
    let (dir, mut db) = common::fresh();
    let cases = [
        ("people.csv", "Employee ID,Full Name,Email\nP1,Ann Lee,ann@acme.example\n", "chorus import people"),
        ("events.csv", "id,time,actor,kind,target\ne1,2026-01-02T10:00:00Z,ann,post,\n", "chorus import events"),
        ("usage.csv", ENGAGE_HEADER, "chorus import m365"),
        // A name and an e-mail column do not make an events file a people list.
        (
            "workplace.csv",
            "Event ID,Timestamp,User,Email,Name,Event Type,Group\ne1,2026-01-02T10:00:00Z,u1,a@x.example,Ann,post,G\n",
            "chorus import events",
        ),
    ];
    for (file, text, fits) in cases {
        write(dir.path(), file, text);
        let path = dir.path().join(file);
        let input = ActivityImport { format: ExportFormat::Slack, path: &path, options: ActivityOptions::default() };
        let err = import_activity(&mut db, &input, Watch::quiet(), now()).unwrap_err().to_string();
        assert!(err.contains("it is a CSV file whose first line reads"), "{file}: says what the file is: {err}");
        assert!(err.contains(fits), "{file}: names the import that fits ({fits}): {err}");
        assert!(!err.contains("EOCD"), "{file}: no zip jargon: {err}");
    }
}

#[test]
fn the_wrong_microsoft_365_report_asks_for_the_user_detail_report() {
    let (dir, mut db) = common::fresh();
    let cases = [
        (
            "teams_counts.csv",
            "Report Refresh Date,Team Chat Messages,Post Messages,Reply Messages,Private Chat Messages,Calls,Meetings,Report Date,Report Period\n\
             2026-11-20,40,12,30,100,3,5,2026-11-19,7\n",
            "user *counts* report",
        ),
        (
            "email.csv",
            "Report Refresh Date,User Principal Name,Display Name,Is Deleted,Deleted Date,Last Activity Date,Send Count,Receive Count,Read Count,Report Period\n\
             2026-11-20,ann@acme.example,Ann Lee,False,,2026-11-19,4,20,18,7\n",
            "e-mail activity report",
        ),
    ];
    for (file, text, what) in cases {
        write(dir.path(), file, text);
        let path = dir.path().join(file);
        let input = ActivityImport { format: ExportFormat::M365, path: &path, options: ActivityOptions::default() };
        let err = import_activity(&mut db, &input, Watch::quiet(), now()).unwrap_err().to_string();
        assert!(err.contains(what), "{file}: says which report it is: {err}");
        assert!(err.contains("user *detail* reports"), "{file}: says which report is needed: {err}");
    }
}

/// A Viva Engage activity report as the admin centre exports it by default:
/// every user a 32-digit code.
fn concealed_report(refresh: &str, rows: &[(u32, u32, u32)]) -> String {
    let mut s = ENGAGE_HEADER.to_owned();
    for (i, (posted, read, liked)) in rows.iter().enumerate() {
        s.push_str(&format!("{refresh},{:032X},{:032X},{refresh},{posted},{read},{liked},30\n", i + 1, i + 1000));
    }
    s
}

#[test]
fn a_report_with_concealed_names_can_be_counted_for_the_tool_as_a_whole() {
    let (dir, mut db) = common::fresh();
    write(dir.path(), "june.csv", &concealed_report("2026-06-30", &[(3, 10, 2), (0, 4, 0), (1, 0, 5)]));
    let path = dir.path().join("june.csv");
    let plain = ActivityImport { format: ExportFormat::M365, path: &path, options: ActivityOptions::default() };
    let err = import_activity(&mut db, &plain, Watch::quiet(), now()).unwrap_err().to_string();
    assert!(err.contains("--totals-only"), "the refusal says how to count it anyway: {err}");
    let whole = ActivityOptions { totals_only: true, ..ActivityOptions::default() };
    let input = ActivityImport { format: ExportFormat::M365, path: &path, options: whole.clone() };
    let r = import_activity(&mut db, &input, Watch::quiet(), now()).expect("counted as a whole");
    let t = r.totals.expect("the report's totals");
    assert_eq!((t.population, t.active, t.posts, t.replies, t.reactions), (3, 2, 4, 0, 7), "{t:?}");
    assert_eq!((r.accounts, r.pending_review), (0, 0), "no one named, nothing in review: {r:?}");
    let tools = engagement::tools(&db).unwrap();
    assert_eq!(tools.len(), 1);
    assert_eq!(tools[0].totals, [t], "the tool keeps the report's figures");
    // The same report again changes nothing; the next month adds to the trend;
    // one overlapping June is refused.
    let again = import_activity(&mut db, &input, Watch::quiet(), now()).expect("read twice");
    assert!(again.duplicates > 0, "recognised: {again:?}");
    write(dir.path(), "july.csv", &concealed_report("2026-07-30", &[(1, 1, 1), (2, 0, 0)]));
    let july = dir.path().join("july.csv");
    let next = ActivityImport { format: ExportFormat::M365, path: &july, options: whole.clone() };
    import_activity(&mut db, &next, Watch::quiet(), now()).expect("the next period");
    write(dir.path(), "mid.csv", &concealed_report("2026-07-10", &[(1, 1, 1)]));
    let mid = dir.path().join("mid.csv");
    let overlap = ActivityImport { format: ExportFormat::M365, path: &mid, options: whole };
    let err = import_activity(&mut db, &overlap, Watch::quiet(), now()).unwrap_err().to_string();
    assert!(err.contains("overlaps"), "{err}");
    let totals = &engagement::tools(&db).unwrap()[0].totals;
    assert_eq!(totals.len(), 2, "June and July, oldest first: {totals:?}");
    assert!(totals[0].last_day < totals[1].first_day);
}
