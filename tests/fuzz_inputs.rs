//! Whatever bytes a people file holds, reading it either succeeds or returns
//! an error: no panic is reachable from input. Property tests over arbitrary
//! and near-valid files, in every format the importer accepts.

mod common;

use chorus::ingest::{ImportOptions, SourceFormat};
use proptest::prelude::*;

fn import_bytes(name: &str, bytes: &[u8], format: Option<SourceFormat>) {
    let (dir, mut db) = common::fresh();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let opts = ImportOptions { format, skip_bad_rows: true, ..ImportOptions::default() };
    // Ok or Err are both fine; a panic fails the property.
    let _ = chorus::app::people::import_people(
        &mut db,
        &path,
        &opts,
        chorus::progress::Watch::quiet(),
        common::NOW.parse().unwrap(),
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        import_bytes("x.csv", &bytes, None);
        import_bytes("x.json", &bytes, None);
        import_bytes("x.xlsx", &bytes, None);
    }

    #[test]
    fn near_valid_csv_never_panics(
        cells in proptest::collection::vec("[ -~éÅ;,\"\\t\\n]{0,12}", 0..60),
        header in prop_oneof![
            Just("Employee ID,Full Name,Email,Manager ID,Hire Date,Influence\n"),
            Just("id;name;email;job_title;location;department\n"),
            Just("Full Name\tEmail\tTags\n"),
        ],
    ) {
        let mut text = header.to_string();
        for (i, c) in cells.iter().enumerate() {
            text.push_str(c);
            text.push(if i % 6 == 5 { '\n' } else { ',' });
        }
        import_bytes("near.csv", text.as_bytes(), Some(SourceFormat::Csv));
    }

    #[test]
    fn near_valid_slack_json_never_panics(
        names in proptest::collection::vec("[a-zA-Zé ]{0,10}", 0..8),
        flags in proptest::collection::vec(any::<(bool, bool)>(), 8),
    ) {
        let users: Vec<serde_json::Value> = names.iter().zip(&flags).enumerate().map(|(i, (n, (bot, deleted)))| {
            serde_json::json!({"id": format!("U{i}"), "is_bot": bot, "deleted": deleted,
                               "profile": {"real_name": n, "email": format!("u{i}@acme.example")}})
        }).collect();
        import_bytes("users.json", serde_json::to_string(&users).unwrap().as_bytes(), None);
    }
}
