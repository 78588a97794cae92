//! The planner's steps, each on small hand-made rows and directories.

use super::fields::fresh;
use super::*;
use crate::directory::{PersonRecord, StoredPerson};

fn rec(ext: &str, name: &str, email: &str, manager: Option<&str>) -> PersonRecord {
    PersonRecord {
        external_id: (!ext.is_empty()).then(|| ext.to_owned()),
        full_name: name.to_owned(),
        emails: if email.is_empty() { Vec::new() } else { vec![email.to_owned()] },
        manager_ref: manager.map(str::to_owned),
        ..PersonRecord::default()
    }
}

fn row(number: usize, record: PersonRecord) -> Result<Row, Vec<RowProblem>> {
    Ok(Row { number, record })
}

fn stored(id: PersonId, ext: &str, name: &str, email: &str, manager_id: Option<PersonId>) -> StoredPerson {
    let r = rec(ext, name, email, None);
    StoredPerson { id, fields: fresh(r), manager_id }
}

fn snapshot() -> Snapshot {
    Snapshot {
        people: vec![
            stored(1, "E1", "Ann Lee", "ann@acme.example", None),
            stored(2, "E2", "Bob Roy", "bob@acme.example", Some(1)),
        ],
    }
}

fn messages(p: &Plan) -> Vec<String> {
    p.problems.iter().chain(&p.warnings).map(|p| p.to_string()).collect()
}

#[test]
fn a_row_matches_by_external_id_before_email() {
    let snap = snapshot();
    let mut pl = Planner::new("hr.csv", Unit::Line, &snap);
    let good = pl.take_valid(vec![
        row(2, rec("E2", "Bob Roy", "", None)),
        row(3, rec("", "Ann Lee", "ann@acme.example", None)),
        row(4, rec("E9", "Cleo Park", "cleo@acme.example", None)),
    ]);
    assert_eq!(pl.match_rows(&good), vec![Some(1), Some(0), None], "by external id, by e-mail, new");
    assert!(pl.problems.is_empty(), "{:?}", pl.problems);
}

#[test]
fn the_first_of_two_rows_with_one_email_wins() {
    let snap = Snapshot::default();
    let p = plan(
        "hr.csv",
        Unit::Line,
        vec![row(2, rec("X1", "Ann", "a@x.example", None)), row(3, rec("X2", "Ann B", "a@x.example", None))],
        &snap,
    );
    assert_eq!((p.added, p.rejected), (1, 1));
    assert_eq!(messages(&p), ["hr.csv:3: email a@x.example is also on line 2"]);
}

#[test]
fn a_row_whose_emails_belong_to_two_people_is_rejected() {
    let snap = snapshot();
    let mut r = rec("", "Ann Roy", "ann@acme.example", None);
    r.emails.push("bob@acme.example".into());
    let p = plan("hr.csv", Unit::Line, vec![row(2, r)], &snap);
    assert_eq!(p.rejected, 1);
    assert!(
        messages(&p)[0].contains("belong to different people: Ann Lee (external id E1) and Bob Roy"),
        "{:?}",
        messages(&p)
    );
    assert!(p.writes.is_empty(), "nothing is written for it");
}

#[test]
fn rows_that_failed_validation_keep_their_problems() {
    let problem = RowProblem {
        file: "hr.csv".into(),
        unit: Unit::Line,
        number: 5,
        column: Some("Email".into()),
        message: "not an e-mail".into(),
    };
    let p =
        plan("hr.csv", Unit::Line, vec![Err(vec![problem]), row(6, rec("X", "Dee", "", None))], &Snapshot::default());
    assert_eq!((p.added, p.rejected), (1, 1));
    assert_eq!(messages(&p), ["hr.csv:5: column \"Email\": not an e-mail"]);
}

#[test]
fn managers_resolve_in_the_file_or_the_directory_and_loops_are_refused() {
    let snap = snapshot();
    let p = plan(
        "hr.csv",
        Unit::Line,
        vec![
            // Cleo reports to Dan (in the file), Dan to Ann (stored).
            row(2, rec("E3", "Cleo Park", "", Some("E4"))),
            row(3, rec("E4", "Dan Wu", "", Some("ann@acme.example"))),
            // Ann now reports to Bob, who reports to Ann: a loop.
            row(4, rec("E1", "Ann Lee", "", Some("E2"))),
        ],
        &snap,
    );
    assert_eq!(p.rejected, 1, "{:?}", messages(&p));
    assert_eq!(messages(&p), ["hr.csv:4: manager cycle: Ann Lee → Bob Roy → Ann Lee"]);
    assert_eq!(p.added, 2);
    let cleo = p.writes.iter().find(|w| w.fields.full_name == "Cleo Park").unwrap();
    let dan = p.writes.iter().position(|w| w.fields.full_name == "Dan Wu").unwrap();
    assert_eq!(cleo.manager, ManagerTarget::Row(dan), "a manager in the same file is the row written");
    assert_eq!(p.writes[dan].manager, ManagerTarget::Person(1));
}

#[test]
fn an_unknown_manager_is_a_warning_and_a_self_manager_a_rejection() {
    let p = plan(
        "hr.csv",
        Unit::Line,
        vec![row(2, rec("X1", "Eve", "", Some("nobody@x.example"))), row(3, rec("X2", "Fay", "", Some("X2")))],
        &Snapshot::default(),
    );
    assert_eq!((p.added, p.rejected), (1, 1));
    assert_eq!(p.warnings.len(), 1);
    assert!(p.warnings[0].message.contains("neither in this file nor in the directory"), "{:?}", p.warnings);
    assert!(p.problems[0].message.contains("is this person themself"), "{:?}", p.problems);
}

#[test]
fn an_unchanged_row_writes_nothing_and_a_change_is_in_the_history() {
    let snap = snapshot();
    let mut title = rec("E1", "Ann Lee", "", None);
    title.title = Some("CEO".into());
    let p = plan("hr.csv", Unit::Line, vec![row(2, rec("E2", "Bob Roy", "", None)), row(3, title)], &snap);
    assert_eq!((p.unchanged, p.updated, p.added), (1, 1, 0));
    assert_eq!(p.numbers, vec![3], "only the changed row is written");
    let change = &p.writes[0].changes;
    assert_eq!(change.len(), 1, "{change:?}");
    assert_eq!((change[0].field, change[0].new.as_deref()), ("title", Some("CEO")));
    assert_eq!(p.writes[0].fields.emails, ["ann@acme.example"], "stored e-mails are kept");
}
