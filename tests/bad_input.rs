//! The bad-input corpus: every file here must be refused with a message that
//! names the file (and line and column where there is one), and must leave the
//! directory exactly as it was.

mod common;

use chorus::ingest::{ImportOptions, IngestError};
use chorus::store::{Db, StoreError};
use common::{NOW, fingerprint, fixture, fresh, import};

/// Imports `path` into a directory that already holds the HR fixture and
/// returns the error text, after checking that nothing changed.
fn refused(path: &std::path::Path) -> String {
    let (_dir, mut db) = fresh();
    import(&mut db, "hr_export.csv").expect("baseline");
    let before = fingerprint(&db);
    let err = chorus::app::people::import_people(
        &mut db,
        path,
        &ImportOptions::default(),
        chorus::progress::Watch::quiet(),
        NOW.parse().unwrap(),
    )
    .expect_err(&format!("{} must be refused", path.display()));
    assert_eq!(fingerprint(&db), before, "a refused import of {} must change nothing", path.display());
    match err {
        chorus::Error::Ingest(IngestError::Rejected(report)) => {
            let mut text = IngestError::Rejected(report.clone()).to_string();
            for p in &report.problems {
                text.push('\n');
                text.push_str(&p.to_string());
            }
            text
        }
        e => err_text(&e),
    }
}

fn err_text(e: &chorus::Error) -> String {
    e.to_string()
}

fn bad(name: &str) -> String {
    refused(&fixture(&format!("bad/{name}")))
}

#[test]
fn empty_file() {
    assert_eq!(bad("empty.csv"), "empty.csv: the file is empty");
}

#[test]
fn header_only() {
    assert_eq!(bad("header_only.csv"), "header_only.csv: the file has a header row but no people");
}

#[test]
fn missing_required_column() {
    let msg = bad("missing_name.csv");
    assert!(msg.starts_with("missing_name.csv: no column for the person's name"), "{msg}");
    assert!(msg.contains("\"Employee ID\", \"Email\", \"Title\""), "lists the columns found: {msg}");
}

#[test]
fn duplicate_external_ids_in_one_file() {
    let msg = bad("duplicate_ids.csv");
    assert!(msg.contains("duplicate_ids.csv:4: external id \"E1\" is also on line 2"), "{msg}");
}

#[test]
fn two_people_with_one_email() {
    let msg = bad("duplicate_email.csv");
    assert!(msg.contains("duplicate_email.csv:3: email ann.lee@acme.example is also on line 2"), "{msg}");
}

#[test]
fn manager_cycle_names_the_people() {
    let msg = bad("manager_cycle.csv");
    assert!(msg.contains("3 row(s) have problems; nothing was imported"), "{msg}");
    assert!(msg.contains("manager_cycle.csv:3: manager cycle: Ann Lee → Cy Young → Bob Ray → Ann Lee"), "{msg}");
}

#[test]
fn manager_cycle_through_people_already_stored() {
    // Stored: Łukasz (E003) → Zoë (E002) → Hélène (E001). Making Hélène report
    // to Łukasz closes a loop that only one row of the file touches.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("loop.csv");
    std::fs::write(
        &path,
        "Employee ID,Full Name,Email,Manager ID\nE001,Hélène Moreau,helene.moreau@acme.example,E003\n",
    )
    .unwrap();
    let msg = refused(&path);
    assert!(
        msg.contains("loop.csv:2: manager cycle: Hélène Moreau → Łukasz Wójcik → Zoë Ångström → Hélène Moreau"),
        "{msg}"
    );
}

#[test]
fn email_of_another_stored_person() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("steal.csv");
    std::fs::write(&path, "Employee ID,Full Name,Email\nE001,Hélène Moreau,zoe.angstrom@acme.example\n").unwrap();
    let msg = refused(&path);
    assert!(
        msg.contains("steal.csv:2: email zoe.angstrom@acme.example already belongs to Zoë Ångström (external id E002)"),
        "{msg}"
    );
}

#[test]
fn malformed_dates() {
    let msg = bad("malformed_dates.csv");
    assert!(msg.contains("malformed_dates.csv:2: column \"Hire Date\": \"2021-02-30\" is not a date"), "{msg}");
    assert!(msg.contains("malformed_dates.csv:3: column \"Hire Date\": \"03/04/2021\" is not a date"), "{msg}");
}

#[test]
fn one_bad_email_aborts_the_whole_file() {
    let msg = bad("one_bad_email.csv");
    assert!(msg.contains("one_bad_email.csv:17: column \"Email\": \"bob@\" is not an email address"), "{msg}");
}

#[test]
fn ten_megabyte_field() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.csv");
    let huge = "x".repeat(10 * 1024 * 1024);
    std::fs::write(&path, format!("Employee ID,Full Name,Email,Title\nE1,Ann Lee,ann@acme.example,{huge}\n")).unwrap();
    let msg = refused(&path);
    assert!(
        msg.contains("huge.csv:2: column \"Title\": value is 10485760 bytes long; the limit is 4096 bytes"),
        "{msg}"
    );
}

#[test]
fn nul_bytes() {
    assert_eq!(bad("nul_bytes.csv"), "nul_bytes.csv: line 2 contains a NUL byte; this is not a CSV text file");
}

#[test]
fn binary_junk() {
    let msg = bad("binary_junk.csv");
    assert!(msg.starts_with("binary_junk.csv: "), "{msg}");
    assert!(msg.contains("NUL byte") || msg.contains("binary"), "{msg}");
}

#[test]
fn text_named_xlsx() {
    let msg = bad("not_really.xlsx");
    assert!(msg.starts_with("not_really.xlsx: not a readable spreadsheet: it does not start with a zip"), "{msg}");
}

#[test]
fn truncated_xlsx() {
    let msg = bad("truncated.xlsx");
    assert!(msg.starts_with("truncated.xlsx: not a readable spreadsheet"), "{msg}");
}

#[test]
fn json_that_is_not_json() {
    let msg = bad("not_json.json");
    assert!(msg.starts_with("not_json.json:2:"), "names the line: {msg}");
}

#[test]
fn path_that_does_not_exist() {
    let msg = refused(std::path::Path::new("/no/such/folder/people.csv"));
    assert_eq!(msg, "/no/such/folder/people.csv: no such file or folder");
}

#[test]
fn database_file_that_is_not_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    std::fs::write(&path, "shopping list: milk, eggs").unwrap();
    let err = Db::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::NotADatabase { .. }), "a text file is not taken for a database: {err:?}");
    assert!(
        err.to_string().ends_with("notes.db: not a SQLite database (the file does not start with the SQLite header)")
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "shopping list: milk, eggs", "the file is left alone");
}

#[test]
fn a_header_of_100000_columns_gives_a_short_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wide.csv");
    let header: Vec<String> = (0..100_000).map(|i| format!("col{i}")).collect();
    std::fs::write(&path, format!("{}\n{}\n", header.join(","), vec!["x"; 100_000].join(","))).unwrap();
    let msg = refused(&path);
    assert!(msg.starts_with("wide.csv: no column for the person's name"), "{}", &msg[..200]);
    assert!(msg.contains("\"col11\", and 99988 more"), "the first columns, then a count: {}", &msg[..300]);
    assert!(msg.len() < 1_000, "a message a person reads, not {} bytes", msg.len());
}
