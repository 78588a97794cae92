//! Search, filters, sorting and paging over a real database.

mod common;

use chorus::demo::DemoOptions;
use chorus::directory::fields::parse_assignment;
use chorus::directory::query::{ListQuery, SortColumn};
use chorus::directory::{Attitude, Flag};
use common::{NOW, fresh, import, search};

#[test]
fn accents_and_case_are_ignored_and_words_are_prefixes() {
    let (_dir, mut db) = fresh();
    import(&mut db, "hr_export.csv").unwrap();
    assert_eq!(search(&db, "zoe ang"), vec!["Zoë Ångström"]);
    assert_eq!(search(&db, "ZOË ÅNG"), vec!["Zoë Ångström"]);
    assert_eq!(search(&db, "lukasz woj"), vec!["Łukasz Wójcik"], "ł folds to l");
    assert_eq!(search(&db, "ayse yil"), vec!["Ayşe Yılmaz"], "dotless ı folds to i");
    assert_eq!(search(&db, "nunez"), vec!["José Núñez"]);
    assert_eq!(search(&db, "pepe"), vec!["José Núñez"], "preferred names are searched");
    assert_eq!(search(&db, "thao.nguyen@"), vec!["Nguyễn Thảo"], "emails are searched");
    assert!(search(&db, "zoe xyz").is_empty(), "every word must match");
    assert!(search(&db, "\"*) OR (").len() <= 8, "FTS syntax typed by a user is not an error");
}

#[test]
fn name_hits_rank_above_other_fields() {
    let (_dir, mut db) = fresh();
    import(&mut db, "hr_export.csv").unwrap();
    // Nguyễn Thảo is a Designer with the skill "design"; Ayşe only mentions
    // design in her notes.
    let id = db.resolve_person("E008").unwrap();
    db.edit_person(id, &[parse_assignment("notes=Runs the design guild with the Marketing team").unwrap()], NOW)
        .unwrap();
    let hits = search(&db, "design");
    assert_eq!(
        hits.first().map(String::as_str),
        Some("Nguyễn Thảo"),
        "title and skill 'design' beat a notes hit: {hits:?}"
    );
    assert_eq!(hits.last().map(String::as_str), Some("Ayşe Yılmaz"), "{hits:?}");
}

#[test]
fn edits_are_searchable_at_once() {
    let (_dir, mut db) = fresh();
    import(&mut db, "hr_export.csv").unwrap();
    assert_eq!(search(&db, "chinedu"), vec!["Chinedu Okafor"], "builds the index before the edits");
    let id = db.resolve_person("E006").unwrap();
    db.edit_person(id, &[parse_assignment("full_name=Chinedu Okonkwo").unwrap()], NOW).unwrap();
    assert_eq!(search(&db, "okonkwo"), vec!["Chinedu Okonkwo"]);
    let jose = db.resolve_person("E004").unwrap();
    db.edit_person(jose, &[parse_assignment("preferred_name=Pito").unwrap()], NOW).unwrap();
    assert_eq!(search(&db, "pito"), vec!["José Núñez"]);
    assert!(search(&db, "pepe").is_empty(), "the old preferred name is gone from the index");
    db.edit_person(id, &[parse_assignment("tags=podcast host").unwrap()], NOW).unwrap();
    assert_eq!(search(&db, "podcast"), vec!["Chinedu Okonkwo"]);

    // A write by another connection (the CLI while the app is open) is seen too.
    let mut other = chorus::store::Db::open(db.path()).unwrap();
    common::import_with(&mut other, "hr_export_v2.csv");
    assert_eq!(search(&db, "soren"), vec!["Søren Østergaard"], "another process's import is picked up");
}

#[test]
fn edits_are_validated() {
    let (_dir, mut db) = fresh();
    import(&mut db, "hr_export.csv").unwrap();
    let zoe = db.resolve_person("E002").unwrap();
    let ceo = db.resolve_person("E001").unwrap();
    let err = db.edit_person(ceo, &[parse_assignment("manager=E004").unwrap()], NOW).unwrap_err();
    assert_eq!(
        err.to_string(),
        "manager cycle: Hélène Moreau → José Núñez → Łukasz Wójcik → Zoë Ångström → Hélène Moreau"
    );
    let err = db.edit_person(zoe, &[parse_assignment("manager=#2").unwrap()], NOW).unwrap_err();
    assert_eq!(err.to_string(), "Zoë Ångström cannot be their own manager");
    let err = db.edit_person(zoe, &[parse_assignment("email=priya.sharma@acme.example").unwrap()], NOW).unwrap_err();
    assert_eq!(err.to_string(), "email priya.sharma@acme.example already belongs to Priya Sharma");
    let err = db.edit_person(zoe, &[parse_assignment("external_id=E005").unwrap()], NOW).unwrap_err();
    assert_eq!(err.to_string(), "external id \"E005\" already belongs to Priya Sharma");
    assert!(parse_assignment("email=bob@").is_err());
    assert!(parse_assignment("interest=0").is_err());
    assert!(db.changes(zoe).unwrap().is_empty(), "refused edits leave no history");
    assert!(db.person(zoe).unwrap().manager.is_some(), "and change nothing");
}

#[test]
fn filters_sorting_and_paging() {
    let (_dir, mut db) = fresh();
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    chorus::app::demo::load_demo(
        &mut db,
        DemoOptions { people: 2000, seed: 5, as_of, activity: false },
        NOW.parse().unwrap(),
    )
    .unwrap();

    let q = ListQuery { department: Some("engineering".into()), limit: Some(25), ..ListQuery::default() };
    let page = db.list_people(&q).unwrap();
    assert!(page.total > 100 && page.items.len() == 25, "department filter is case-insensitive, paged");
    assert!(page.items.iter().all(|p| p.department.as_deref() == Some("Engineering")));

    let all: Vec<i64> =
        db.list_people(&ListQuery { limit: None, ..q.clone() }).unwrap().items.iter().map(|p| p.id).collect();
    let mut paged = Vec::new();
    for page in 0.. {
        let items = db.list_people(&ListQuery { offset: page * 25, ..q.clone() }).unwrap().items;
        if items.is_empty() {
            break;
        }
        paged.extend(items.iter().map(|p| p.id));
    }
    assert_eq!(paged, all, "pages cover the list once, in order");

    let execs =
        db.list_people(&ListQuery { flags: vec![Flag::Executive], limit: None, ..ListQuery::default() }).unwrap();
    assert_eq!(execs.total, 12);
    let it = ListQuery { flags: vec![Flag::ItAlly], department: Some("IT".into()), ..ListQuery::default() };
    assert!(db.list_people(&it).unwrap().total >= 3, "the IT allies of the fixture are found");
    let blockers = ListQuery { attitude: Some(Attitude::Blocker), limit: None, ..ListQuery::default() };
    assert!(
        db.list_people(&blockers).unwrap().items.iter().all(|p| p.attitude == Some(Attitude::Blocker)),
        "the attitude filter keeps blockers only"
    );
    let assessed = db.list_people(&ListQuery { assessed: true, limit: None, ..ListQuery::default() }).unwrap();
    assert!(assessed.total > 100 && assessed.total < 1000, "the map shows the assessed: {}", assessed.total);
    assert!(
        assessed.items.iter().all(|p| p.influence.is_some() && p.interest.is_some()),
        "assessed means influence and interest set"
    );
    let q: ListQuery = serde_json::from_str(r#"{"text": "a", "assessed": true}"#).unwrap();
    assert_eq!((q.limit, q.assessed), (Some(50), true), "the UI may send only what it sets");
    let remote = ListQuery { tag: Some("remote".into()), limit: None, ..ListQuery::default() };
    assert!(db.list_people(&remote).unwrap().items.iter().all(|p| p.tags.iter().any(|t| t == "remote")));

    for col in SortColumn::ALL {
        for descending in [false, true] {
            let q = ListQuery { sort: col, descending, text: "a".into(), limit: Some(200), ..ListQuery::default() };
            let page = db.list_people(&q).unwrap_or_else(|e| panic!("sort by {} fails: {e}", col.name()));
            assert!(!page.items.is_empty(), "every sort shows the people");
        }
    }
    let by_influence = ListQuery { sort: SortColumn::Influence, descending: true, limit: None, ..ListQuery::default() };
    let items = db.list_people(&by_influence).unwrap().items;
    let levels: Vec<Option<u8>> = items.iter().map(|p| p.influence).collect();
    let known: Vec<u8> = levels.iter().flatten().copied().collect();
    assert!(known.windows(2).all(|w| w[0] >= w[1]), "descending influence");
    assert!(levels.iter().skip_while(|l| l.is_some()).all(Option::is_none), "people without a value come last");
    let by_hire = ListQuery { sort: SortColumn::HireDate, limit: None, ..ListQuery::default() };
    let dates: Vec<_> = db.list_people(&by_hire).unwrap().items.iter().filter_map(|p| p.hire_date).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "ascending hire dates");
}
