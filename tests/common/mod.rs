#![allow(dead_code)] // each test binary uses a different part of this module

use std::path::{Path, PathBuf};

use chorus::directory::query::ListQuery;
use chorus::ingest::{ImportOptions, ImportReport};
use chorus::store::Db;

pub const NOW: &str = "2026-11-25T10:00:00Z";

pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/people").join(rel)
}

/// A fresh database in a temporary folder that ran every migration.
pub fn fresh() -> (tempfile::TempDir, Db) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = Db::open(&dir.path().join("chorus.db")).expect("open a new database");
    (dir, db)
}

pub fn import(db: &mut Db, rel: &str) -> chorus::Result<ImportReport> {
    chorus::app::people::import_people(
        db,
        &fixture(rel),
        &ImportOptions::default(),
        chorus::progress::Watch::quiet(),
        NOW.parse().unwrap(),
    )
}

/// Everything a user could see in the directory, as text, to prove that a
/// failed import changed nothing.
pub fn fingerprint(db: &Db) -> String {
    let snapshot = db.snapshot().expect("snapshot");
    let overview = db.overview().expect("overview");
    let page = db.list_people(&ListQuery { limit: None, ..ListQuery::default() }).expect("list");
    format!("{:?}\n{:?}\n{:?}", snapshot.people, overview, page)
}

pub fn search(db: &Db, text: &str) -> Vec<String> {
    let q = ListQuery { text: text.to_owned(), ..ListQuery::default() };
    db.list_people(&q).expect("search").items.into_iter().map(|p| p.full_name).collect()
}

pub fn import_with(db: &mut Db, rel: &str) -> ImportReport {
    import(db, rel).expect("fixture imports")
}
