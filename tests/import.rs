//! Importing people files of every supported format into a real database.

mod common;

use chorus::directory::query::{ListQuery, SortColumn};
use chorus::directory::{Field, SkillSource};
use chorus::ingest::{ImportOptions, MapOverride, SourceFormat};
use common::{NOW, fixture, fresh, import, search};

#[test]
fn hr_export_loads_people_org_units_and_managers() {
    let (_dir, mut db) = fresh();
    let report = import(&mut db, "hr_export.csv").expect("a clean HR export imports");
    assert_eq!((report.added, report.updated, report.unchanged, report.rejected), (8, 0, 0, 0));
    assert!(report.problems.is_empty() && report.warnings.is_empty(), "{:?}", report.warnings);

    let zoe = db.person(db.resolve_person("E002").unwrap()).unwrap();
    assert_eq!(zoe.fields.full_name, "Zoë Ångström", "first and last names are joined");
    assert_eq!(zoe.fields.emails, vec!["zoe.angstrom@acme.example"]);
    assert_eq!(zoe.fields.department.as_deref(), Some("IT"));
    assert_eq!(zoe.fields.location.as_deref(), Some("Stockholm"));
    assert_eq!(zoe.manager.as_ref().map(|m| m.full_name.as_str()), Some("Hélène Moreau"));
    assert_eq!(zoe.reports.iter().map(|r| r.full_name.as_str()).collect::<Vec<_>>(), vec!["Łukasz Wójcik"]);
    assert_eq!(zoe.fields.languages, vec!["Swedish", "English"]);
    assert_eq!(zoe.fields.skills.len(), 2);
    assert!(zoe.fields.skills.iter().all(|s| s.source == SkillSource::Declared), "imported skills are declared");
    assert_eq!(zoe.fields.hire_date.map(|d| d.to_string()).as_deref(), Some("2015-09-14"));

    let overview = db.overview().unwrap();
    assert_eq!(overview.people, 8);
    assert_eq!(overview.departments.len(), 4, "Executive Office, IT, Marketing, Communications");
    assert_eq!(overview.imports, 1, "an import record is kept");
}

#[test]
fn reimporting_the_same_file_changes_nothing_and_a_newer_file_updates() {
    let (_dir, mut db) = fresh();
    import(&mut db, "hr_export.csv").unwrap();
    let before = common::fingerprint(&db);
    let again = import(&mut db, "hr_export.csv").unwrap();
    assert_eq!((again.added, again.updated, again.unchanged), (0, 0, 8), "same file, same directory");
    assert_eq!(common::fingerprint(&db).replace("imports: 2", "imports: 1"), before, "nothing but the record changes");

    let newer = import(&mut db, "hr_export_v2.csv").unwrap();
    assert_eq!((newer.added, newer.updated, newer.unchanged), (1, 1, 7));
    let jose = db.resolve_person("jose.nunez@acme.example").unwrap();
    assert_eq!(db.person(jose).unwrap().fields.title.as_deref(), Some("Senior Collaboration Tools Engineer"));
    let history = db.changes(jose).unwrap();
    assert_eq!(history.len(), 1, "one field changed: {history:?}");
    assert_eq!(history[0].field, "title");
    assert_eq!(history[0].old_value.as_deref(), Some("Collaboration Tools Engineer"));
    assert!(history[0].source.starts_with("import #3 (hr_export_v2.csv)"), "{}", history[0].source);
    let soren = db.person(db.resolve_person("E009").unwrap()).unwrap();
    assert_eq!(soren.manager.map(|m| m.full_name), Some("Ayşe Yılmaz".to_owned()), "a new person's manager resolves");
}

#[test]
fn viva_engage_users_match_existing_people_by_email() {
    let (_dir, mut db) = fresh();
    import(&mut db, "hr_export.csv").unwrap();
    let report = import(&mut db, "viva_engage_Users.csv").unwrap();
    assert_eq!(report.added, 1, "Marta is new");
    assert_eq!(report.updated, 1, "Zoë's title changes to CIO");
    assert_eq!(report.unchanged, 1, "Hélène matches by email, case aside, and nothing differs");
    assert_eq!(
        report.warnings.len(),
        2,
        "two people matched by email keep their HR external id: {:?}",
        report.warnings
    );
    let zoe = db.person(db.resolve_person("zoe.angstrom@acme.example").unwrap()).unwrap();
    assert_eq!(zoe.fields.external_id.as_deref(), Some("E002"), "the HR id is kept");
    assert_eq!(zoe.fields.title.as_deref(), Some("CIO"));
    assert_eq!(zoe.fields.team, None, "a column the file lacks is left as it was");
    let marta = db.person(db.resolve_person("1551299").unwrap()).unwrap();
    assert_eq!(marta.fields.department.as_deref(), Some("Finance"));
}

#[test]
fn slack_users_json_skips_bots_and_deactivated_accounts() {
    let (_dir, mut db) = fresh();
    let report = import(&mut db, "slack/users.json").unwrap();
    assert_eq!(report.format, SourceFormat::SlackUsers);
    assert_eq!(report.added, 2);
    assert_eq!(report.skipped.len(), 3, "a bot, Slackbot and a deactivated account: {:?}", report.skipped);
    let kenji = db.person(db.resolve_person("U02GH4IJ5KL").unwrap()).unwrap();
    assert_eq!(
        (kenji.fields.full_name.as_str(), kenji.fields.title.as_deref()),
        ("Kenji Itō", Some("Solutions Architect"))
    );
}

#[test]
fn windows_1252_semicolons_and_utf16_tabs_are_read() {
    let (_dir, mut db) = fresh();
    let r = import(&mut db, "finance_cp1252_semicolon.csv").unwrap();
    assert_eq!((r.added, r.encoding), (2, Some("windows-1252")));
    let juergen = db.person(db.resolve_person("P100").unwrap()).unwrap();
    assert_eq!(juergen.fields.full_name, "Jürgen Müller");
    assert_eq!(juergen.fields.location.as_deref(), Some("München"), "German headers map too (Standort → location)");

    let r = import(&mut db, "unicode_text_utf16le.txt").unwrap();
    assert_eq!((r.added, r.encoding), (2, Some("UTF-16LE")));
    assert_eq!(search(&db, "dang ngoc"), vec!["Đặng Ngọc"]);
}

#[test]
fn xlsx_workplace_export_is_read_with_dates_and_numbers() {
    let (dir, mut db) = fresh();
    let path = dir.path().join("workplace_export.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let sheet = wb.add_worksheet();
    let headers = [
        "Name",
        "Email",
        "Employee ID",
        "Title",
        "Department",
        "Division",
        "Location",
        "Manager",
        "Start Date",
        "Influence",
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    let rows = [
        (
            "Hélène Moreau",
            "helene.moreau@acme.example",
            1001.0,
            "CEO",
            "Executive Office",
            "HQ",
            "Paris",
            "",
            (2009, 4, 1),
            5.0,
        ),
        (
            "Bjørn Ødegaard",
            "bjorn.odegaard@acme.example",
            1002.0,
            "Sales Lead",
            "Sales",
            "Nordics",
            "Oslo",
            "helene.moreau@acme.example",
            (2017, 8, 15),
            4.0,
        ),
    ];
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, row.0).unwrap();
        sheet.write_string(r, 1, row.1).unwrap();
        sheet.write_number(r, 2, row.2).unwrap();
        sheet.write_string(r, 3, row.3).unwrap();
        sheet.write_string(r, 4, row.4).unwrap();
        sheet.write_string(r, 5, row.5).unwrap();
        sheet.write_string(r, 6, row.6).unwrap();
        sheet.write_string(r, 7, row.7).unwrap();
        let d = rust_xlsxwriter::ExcelDateTime::from_ymd(row.8.0, row.8.1, row.8.2).unwrap();
        sheet.write_datetime_with_format(r, 8, &d, &date).unwrap();
        sheet.write_number(r, 9, row.9).unwrap();
    }
    wb.save(&path).unwrap();

    let r = chorus::app::people::import_people(
        &mut db,
        &path,
        &ImportOptions::default(),
        chorus::progress::Watch::quiet(),
        NOW.parse().unwrap(),
    )
    .unwrap();
    assert_eq!((r.format, r.added, r.rejected), (SourceFormat::Workbook, 2, 0), "{:?}", r.problems);
    let bjorn = db.person(db.resolve_person("1002").unwrap()).unwrap();
    assert_eq!(bjorn.fields.external_id.as_deref(), Some("1002"), "whole numbers are not written as 1002.0");
    assert_eq!(
        bjorn.fields.hire_date.map(|d| d.to_string()).as_deref(),
        Some("2017-08-15"),
        "Excel dates become dates"
    );
    assert_eq!(bjorn.fields.stakeholder.influence, Some(4));
    assert_eq!(bjorn.fields.department.as_deref(), Some("Sales"), "Department wins over Division");
    assert_eq!(bjorn.manager.map(|m| m.full_name).as_deref(), Some("Hélène Moreau"), "manager by email");
}

#[test]
fn mapping_overrides_and_dry_run() {
    let (_dir, mut db) = fresh();
    let opts = ImportOptions {
        overrides: vec![MapOverride::parse("Team=tags").unwrap(), MapOverride::parse("Skills=-").unwrap()],
        dry_run: true,
        ..ImportOptions::default()
    };
    let r = chorus::app::people::import_people(
        &mut db,
        &fixture("hr_export.csv"),
        &opts,
        chorus::progress::Watch::quiet(),
        NOW.parse().unwrap(),
    )
    .unwrap();
    assert!(r.dry_run, "the report says it was a dry run");
    assert_eq!(r.added, 8, "a dry run counts what would be added");
    assert_eq!(db.people_count().unwrap(), 0, "and writes nothing");
    let team = r.mapping.iter().find(|(h, _)| h == "Team").unwrap();
    assert_eq!(team.1.as_deref(), Some(Field::Tags.name()));
    let skills = r.mapping.iter().find(|(h, _)| h == "Skills").unwrap();
    assert_eq!(skills.1, None);

    let real = ImportOptions { dry_run: false, ..opts };
    chorus::app::people::import_people(
        &mut db,
        &fixture("hr_export.csv"),
        &real,
        chorus::progress::Watch::quiet(),
        NOW.parse().unwrap(),
    )
    .unwrap();
    let q = ListQuery { tag: Some("Workplace Technology".into()), sort: SortColumn::Name, ..ListQuery::default() };
    let names: Vec<_> = db.list_people(&q).unwrap().items.into_iter().map(|p| p.full_name).collect();
    assert_eq!(names, vec!["José Núñez", "Łukasz Wójcik"], "sorted by name with accents folded");
}

#[test]
fn skipping_bad_rows_imports_the_rest_and_lists_the_bad_ones() {
    let (_dir, mut db) = fresh();
    let opts = ImportOptions { skip_bad_rows: true, ..ImportOptions::default() };
    let r = chorus::app::people::import_people(
        &mut db,
        &fixture("bad/one_bad_email.csv"),
        &opts,
        chorus::progress::Watch::quiet(),
        NOW.parse().unwrap(),
    )
    .unwrap();
    assert_eq!((r.added, r.rejected), (18, 1));
    assert_eq!(r.problems[0].to_string(), "one_bad_email.csv:17: column \"Email\": \"bob@\" is not an email address");
    assert_eq!(db.people_count().unwrap(), 18);

    let (_dir, mut db) = fresh();
    let r = chorus::app::people::import_people(
        &mut db,
        &fixture("bad/manager_cycle.csv"),
        &opts,
        chorus::progress::Watch::quiet(),
        NOW.parse().unwrap(),
    )
    .unwrap();
    assert_eq!((r.added, r.rejected), (1, 3), "the three people in the loop are left out, Di comes in");
    assert_eq!(r.problems[0].to_string(), "manager_cycle.csv:2: manager cycle: Ann Lee → Cy Young → Bob Ray → Ann Lee");
}

#[test]
fn format_can_be_forced() {
    let (_dir, mut db) = fresh();
    let opts = ImportOptions { format: Some(SourceFormat::Csv), ..ImportOptions::default() };
    let r = chorus::app::people::import_people(
        &mut db,
        &fixture("unicode_text_utf16le.txt"),
        &opts,
        chorus::progress::Watch::quiet(),
        NOW.parse().unwrap(),
    )
    .unwrap();
    assert_eq!(r.added, 2);
}

#[test]
fn a_bulk_import_puts_every_index_back() {
    let (dir, mut db) = fresh();
    let schema = |path: &std::path::Path| -> Vec<String> {
        let conn = rusqlite::Connection::open(path).unwrap();
        let mut st = conn
            .prepare("SELECT sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
            .unwrap();
        st.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    };
    let before = schema(&dir.path().join("chorus.db"));
    assert!(before.len() >= 8, "the people tables have secondary indexes: {before:?}");
    // Large enough to take the drop-and-rebuild path.
    let csv = dir.path().join("many.csv");
    let mut text = String::from("Employee ID,Full Name,Email,Department,Manager ID\n");
    for i in 1..=6000 {
        let manager = if i == 1 { String::new() } else { format!("M{}", i / 2) };
        text.push_str(&format!("M{i},Person {i},p{i}@acme.example,Dept {},{manager}\n", i % 7));
    }
    std::fs::write(&csv, text).unwrap();
    let r = chorus::app::people::import_people(
        &mut db,
        &csv,
        &ImportOptions::default(),
        chorus::progress::Watch::quiet(),
        NOW.parse().unwrap(),
    )
    .unwrap();
    assert_eq!(r.added, 6000);
    assert_eq!(
        schema(&dir.path().join("chorus.db")),
        before,
        "indexes are recreated exactly as the migrations made them"
    );
    let q = ListQuery { department: Some("Dept 3".into()), limit: None, ..ListQuery::default() };
    assert_eq!(db.list_people(&q).unwrap().total, 857);
    let p = db.person(db.resolve_person("M6000").unwrap()).unwrap();
    assert_eq!(p.manager.map(|m| m.full_name).as_deref(), Some("Person 3000"), "managers written before their reports");
}

#[test]
fn progress_is_reported_and_a_cancelled_import_writes_nothing() {
    use chorus::ingest::{IngestError, Progress, Stage, Watch};
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicBool, Ordering};

    let (dir, mut db) = fresh();
    import(&mut db, "hr_export.csv").unwrap();
    let before = common::fingerprint(&db);
    let csv = dir.path().join("three_thousand.csv");
    let mut text = String::from("Employee ID,Full Name,Email\n");
    for i in 1..=3000 {
        text.push_str(&format!("C{i},Person {i},c{i}@acme.example\n"));
    }
    std::fs::write(&csv, text).unwrap();

    // Stop once the writer has reported 1,000 rows.
    let seen: Mutex<Vec<Progress>> = Mutex::new(Vec::new());
    let cancel = AtomicBool::new(false);
    let progress = |p: Progress| {
        if p.stage == Stage::Writing && p.done >= 1000 {
            cancel.store(true, Ordering::Relaxed);
        }
        seen.lock().unwrap().push(p);
    };
    let control = Watch { progress: &progress, cancel: &cancel };
    let err =
        chorus::app::people::import_people(&mut db, &csv, &ImportOptions::default(), control, NOW.parse().unwrap())
            .unwrap_err();
    assert!(matches!(err, chorus::Error::Ingest(IngestError::Cancelled)), "{err}");
    assert_eq!(common::fingerprint(&db), before, "a cancelled import leaves nothing behind");
    let stages: Vec<Stage> = seen.lock().unwrap().iter().map(|p| p.stage).collect();
    assert_eq!(stages[..3], [Stage::Reading, Stage::Validating, Stage::Planning]);
    assert!(
        seen.lock().unwrap().iter().any(|p| p.stage == Stage::Writing && p.total == 3000),
        "progress counts the rows written"
    );

    // The same import, not cancelled, reports every stage and lands.
    let seen: Mutex<Vec<Progress>> = Mutex::new(Vec::new());
    let never = AtomicBool::new(false);
    let progress = |p: Progress| seen.lock().unwrap().push(p);
    let watch = Watch { progress: &progress, cancel: &never };
    let r = chorus::app::people::import_people(&mut db, &csv, &ImportOptions::default(), watch, NOW.parse().unwrap())
        .unwrap();
    assert_eq!(r.added, 3000);
    let last = *seen.lock().unwrap().last().unwrap();
    assert_eq!((last.stage, last.done, last.total), (Stage::Writing, 3000, 3000));
}
