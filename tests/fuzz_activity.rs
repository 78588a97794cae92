//! Whatever an activity export holds, importing it either succeeds or
//! returns an error: no panic is reachable from input, and a failed import
//! writes nothing. Property tests over arbitrary and near-valid exports.

mod common;

use std::path::Path;

use chorus::activity::{ActivityOptions, ExportFormat};
use chorus::app::activity::{ActivityImport, import_activity};
use chorus::progress::Watch;
use chorus::store::Db;
use proptest::prelude::*;

fn import(db: &mut Db, format: ExportFormat, path: &Path) -> bool {
    let options = ActivityOptions { skip_bad_rows: true, ..ActivityOptions::default() };
    let now = chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap();
    import_activity(db, &ActivityImport { format, path, options }, Watch::quiet(), now).is_ok()
}

fn events_in(db: &Db) -> usize {
    db.tools().unwrap().iter().map(|t| t.events as usize).sum()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let (dir, mut db) = common::fresh();
        let file = dir.path().join("x.csv");
        std::fs::write(&file, &bytes).unwrap();
        for format in [ExportFormat::Events, ExportFormat::M365, ExportFormat::Slack, ExportFormat::Engage] {
            let ok = import(&mut db, format, &file);
            if !ok {
                prop_assert_eq!(events_in(&db), 0);
            }
        }
        // The same bytes as a Slack day file and as an Engage Messages.csv, in folders.
        let slack = dir.path().join("slack");
        std::fs::create_dir_all(slack.join("general")).unwrap();
        std::fs::write(slack.join("users.json"), b"[]").unwrap();
        std::fs::write(slack.join("general/2024-03-04.json"), &bytes).unwrap();
        import(&mut db, ExportFormat::Slack, &slack);
        let engage = dir.path().join("engage");
        std::fs::create_dir_all(&engage).unwrap();
        std::fs::write(engage.join("Messages.csv"), &bytes).unwrap();
        import(&mut db, ExportFormat::Engage, &engage);
    }

    #[test]
    fn near_valid_events_never_panic(
        cells in proptest::collection::vec(
            prop_oneof![
                Just("2024-03-04T09:00:00Z".to_string()),
                Just("1985-01-01 00:00:00".to_string()),
                Just("post".to_string()), Just("reply".to_string()), Just("like".to_string()),
                "[ -~é,\"\\n]{0,10}",
            ],
            0..48,
        ),
    ) {
        let mut text = String::from("id,time,actor,kind,channel,parent\n");
        for (i, c) in cells.iter().enumerate() {
            text.push_str(c);
            text.push(if i % 6 == 5 { '\n' } else { ',' });
        }
        let (dir, mut db) = common::fresh();
        let file = dir.path().join("events.csv");
        std::fs::write(&file, text).unwrap();
        import(&mut db, ExportFormat::Events, &file);
    }

    #[test]
    fn near_valid_slack_messages_never_panic(
        messages in proptest::collection::vec(
            (prop_oneof![Just(None), Just(Some("U1")), Just(Some(""))],
             prop_oneof![Just(serde_json::json!("1709542800.000100")), Just(serde_json::json!(12)), Just(serde_json::json!("x"))],
             prop_oneof![Just(None), Just(Some("channel_join")), Just(Some("weird"))],
             "[ -~<@>|]{0,16}"),
            0..12,
        ),
    ) {
        let list: Vec<serde_json::Value> = messages.iter().map(|(user, ts, subtype, text)| {
            serde_json::json!({"type": "message", "user": user, "ts": ts, "subtype": subtype, "text": text,
                               "thread_ts": ts, "reactions": [{"name": "x", "users": [user], "count": 3}]})
        }).collect();
        let (dir, mut db) = common::fresh();
        let slack = dir.path().join("slack");
        std::fs::create_dir_all(slack.join("general")).unwrap();
        std::fs::write(slack.join("users.json"), br#"[{"id": "U1", "real_name": "Ann"}]"#).unwrap();
        std::fs::write(slack.join("general/2024-03-04.json"), serde_json::to_vec(&list).unwrap()).unwrap();
        import(&mut db, ExportFormat::Slack, &slack);
    }

    #[test]
    fn damaged_zips_never_panic(flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..24)) {
        let (dir, mut db) = common::fresh();
        let zip = dir.path().join("export.zip");
        write_zip(&zip);
        let mut bytes = std::fs::read(&zip).unwrap();
        for (at, b) in &flips {
            let i = at.index(bytes.len());
            bytes[i] = *b;
        }
        std::fs::write(&zip, &bytes).unwrap();
        if !import(&mut db, ExportFormat::Slack, &zip) {
            prop_assert_eq!(events_in(&db), 0);
        }
    }
}

/// The Slack fixture, zipped.
fn write_zip(to: &Path) {
    use std::io::Write;
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/activity/slack");
    let mut w = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for rel in
        ["users.json", "channels.json", "general/2024-03-04.json", "general/2024-03-05.json", "random/2024-03-05.json"]
    {
        w.start_file(rel, opts).unwrap();
        w.write_all(&std::fs::read(root.join(rel)).unwrap()).unwrap();
    }
    w.finish().unwrap();
}
