//! The `chorus` command line, run as a user runs it.

mod common;

use assert_cmd::Command;
use common::fixture;

fn chorus(db: &std::path::Path) -> Command {
    let mut c = Command::cargo_bin("chorus").expect("binary");
    c.env("CHORUS_DB", db).env_remove("HOME");
    c
}

fn stdout(c: &mut Command) -> String {
    let out = c.output().expect("runs");
    assert!(out.status.success(), "failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn init_demo_search_show_and_edit() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    assert!(stdout(chorus(&db).arg("init")).contains("(0 people)"));
    let out = stdout(chorus(&db).args(["demo", "--people", "300", "--seed", "9", "--as-of", "2026-11-01"]));
    assert!(out.contains("300 added, 0 updated, 0 unchanged"), "{out}");
    let again = stdout(chorus(&db).args(["demo", "--people", "300", "--seed", "9", "--as-of", "2026-11-01"]));
    assert!(
        again.contains("0 added, 0 updated, 300 unchanged"),
        "loading the same demo twice changes nothing: {again}"
    );

    let page: serde_json::Value =
        serde_json::from_str(&stdout(chorus(&db).args(["people", "search", "chief", "--json"]))).unwrap();
    assert!(page["total"].as_u64().unwrap() >= 5, "the chiefs are found by title: {page}");
    let ceo = page["items"].as_array().unwrap().iter().find(|p| p["title"] == "Chief Executive Officer").unwrap();
    let id = format!("#{}", ceo["id"]);

    let shown = stdout(chorus(&db).args(["people", "show", &id]));
    assert!(shown.contains("Chief Executive Officer") && shown.contains("executive"), "{shown}");

    stdout(chorus(&db).args(["people", "set", &id, "attitude=champion", "interest=5"]));
    let shown = stdout(chorus(&db).args(["people", "show", &id]));
    assert!(shown.contains("Attitude      champion"), "{shown}");
    assert!(shown.contains("History (newest first)") && shown.contains("[edit]"), "edits are recorded: {shown}");

    let listed = stdout(chorus(&db).args(["people", "list", "--flag", "executive", "--sort", "department", "--json"]));
    let listed: serde_json::Value = serde_json::from_str(&listed).unwrap();
    assert_eq!(listed["total"], 12, "the CEO and eleven heads of department");
    let overview = stdout(chorus(&db).arg("overview"));
    assert!(overview.contains("300 people") && overview.contains("Engineering"), "{overview}");
}

#[test]
fn the_demo_is_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let list = |name: &str| {
        let db = dir.path().join(name);
        stdout(chorus(&db).args(["demo", "--people", "150", "--seed", "4", "--as-of", "2026-01-01"]));
        stdout(chorus(&db).args(["people", "list", "--limit", "1000", "--sort", "id", "--json"]))
    };
    assert_eq!(list("a.db"), list("b.db"));
}

#[test]
fn exit_codes_and_json_errors() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    chorus(&db).args(["people", "frobnicate"]).assert().code(2);
    chorus(&db).args(["people", "list", "--sort", "shoe_size"]).assert().code(2);
    let out = chorus(&db).args(["people", "show", "nobody@acme.example", "--json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["error"]["code"], "not_found");

    let bad = fixture("bad/one_bad_email.csv");
    let out = chorus(&db).args(["import", "people"]).arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("one_bad_email.csv:17: column \"Email\": \"bob@\" is not an email address"), "{text}");
    assert!(text.contains("18 would be added"), "{text}");
    let out = stdout(chorus(&db).args(["import", "people", "--skip-bad-rows"]).arg(&bad));
    assert!(out.contains("18 added") && out.contains("1 rejected"), "{out}");

    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, "not a database").unwrap();
    let out = Command::cargo_bin("chorus").unwrap().args(["--db"]).arg(&junk).arg("init").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a SQLite database"));
}

#[test]
fn a_database_from_a_newer_chorus_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    stdout(chorus(&db).arg("init"));
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    let out = chorus(&db).arg("init").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let msg = String::from_utf8_lossy(&out.stderr);
    assert!(msg.contains("made by a newer Chorus (schema version 99"), "{msg}");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let v: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(v, 99, "the newer database is not migrated down");
}

#[test]
fn exports_neutralise_formulas_and_leave_out_assessments_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let csv = dir.path().join("hostile.csv");
    std::fs::write(
        &csv,
        "Employee ID,Full Name,Email,Title,Attitude,Influence\n\
         X1,\"=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",x1@acme.example,+1 555 0100,blocker,5\n\
         X2,Ann Lee,ann@acme.example,@ops,supporter,2\n",
    )
    .unwrap();
    stdout(chorus(&db).args(["import", "people"]).arg(&csv));

    let out = stdout(chorus(&db).args(["export", "people", "--csv"]));
    let mut reader = csv::Reader::from_reader(out.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert!(!headers.iter().any(|h| h == "attitude"), "assessments are not exported unless asked: {headers:?}");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let name = headers.iter().position(|h| h == "full_name").unwrap();
    let title = headers.iter().position(|h| h == "title").unwrap();
    assert!(rows.iter().any(|r| r[name].starts_with("'=HYPERLINK")), "formula neutralised");
    assert!(rows.iter().any(|r| &r[title] == "'+1 555 0100"));
    assert!(rows.iter().any(|r| &r[title] == "'@ops"));

    let with = stdout(chorus(&db).args(["export", "people", "--csv", "--include-assessments"]));
    assert!(with.lines().next().unwrap().contains("attitude"), "{with}");
    assert!(with.contains("blocker"));

    let xlsx = dir.path().join("people.xlsx");
    chorus(&db).args(["export", "people", "--xlsx", "-o"]).arg(&xlsx).assert().success();
    use calamine::Reader;
    let mut wb = calamine::open_workbook_auto(&xlsx).unwrap();
    let range = wb.worksheet_range("People").unwrap();
    let cells: Vec<String> = range.rows().flat_map(|r| r.iter().map(|c| c.to_string())).collect();
    assert!(cells.iter().any(|c| c.starts_with("'=HYPERLINK")), "xlsx cells are neutralised strings too");
    assert_eq!(range.get_size().0, 3, "header and two people");

    // The people export, the most sensitive file Chorus writes, goes through
    // the export door like every other: written whole and logged.
    let csv_out = dir.path().join("people.csv");
    std::fs::write(&csv_out, "an older export").unwrap();
    chorus(&db).args(["export", "people", "--csv", "-o"]).arg(&csv_out).assert().success();
    let written = std::fs::read_to_string(&csv_out).unwrap();
    assert!(written.contains("Ann Lee") && !written.contains("an older export"), "replaced whole: {written}");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".part"))
        .collect();
    assert!(leftovers.is_empty(), "nothing half-written is left beside it: {leftovers:?}");
    let log: serde_json::Value =
        serde_json::from_str(&stdout(chorus(&db).args(["exports", "--json"]))).expect("the export log as JSON");
    let people: Vec<&serde_json::Value> =
        log.as_array().expect("a list").iter().filter(|e| e["kind"] == "people").collect();
    assert_eq!(people.len(), 4, "standard output twice, the workbook and the CSV file, all logged: {log}");
    assert!(people.iter().any(|e| e["path"] == "standard output"), "{log}");
    assert!(
        people.iter().any(|e| e["path"].as_str().is_some_and(|p| p.ends_with("people.xlsx"))
            && e["what"].as_str().is_some_and(|w| w.starts_with("2 people (XLSX), without assessments"))),
        "{log}"
    );
    assert!(people.iter().any(|e| e["what"].as_str().is_some_and(|w| w.contains("with assessments"))), "{log}");
}

#[test]
fn renaming_an_org_unit_is_one_change_seen_by_everyone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    stdout(chorus(&db).arg("import").arg("people").arg(fixture("hr_export.csv")));
    let out = stdout(chorus(&db).args(["org", "rename", "department", "marketing", "Brand & Marketing"]));
    assert!(out.contains("(3 people)"), "{out}");
    let page: serde_json::Value =
        serde_json::from_str(&stdout(chorus(&db).args(["people", "search", "brand", "--json"]))).unwrap();
    assert_eq!(page["total"], 3, "the new name is searchable at once: {page}");
    let out = chorus(&db).args(["org", "rename", "department", "IT", "Communications"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("a department named \"Communications\" already exists"));
    let out = chorus(&db).args(["org", "rename", "location", "Atlantis", "Mu"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("no single location named \"Atlantis\""));
    chorus(&db).args(["org", "rename", "planet", "a", "b"]).assert().code(2);
}

fn activity(rel: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/activity").join(rel)
}

#[test]
fn import_activity_review_and_read_the_metrics() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    stdout(chorus(&db).args(["import", "people"]).arg(activity("people.csv")));
    let out = stdout(chorus(&db).args(["import", "slack"]).arg(activity("slack")));
    assert!(out.contains("15 events read: 15 added") && out.contains("1 account(s) wait for review"), "{out}");
    assert!(out.contains("\"channel_canvas_updated\": not counted"), "{out}");

    let pending: serde_json::Value = serde_json::from_str(&stdout(chorus(&db).args(["accounts", "--json"]))).unwrap();
    let kim = pending.as_array().unwrap().iter().find(|a| a["name"] == "Kim Tanaka").expect("Kim waits for review");
    let decided = stdout(chorus(&db).args(["accounts", "ignore", &kim["id"].to_string()]));
    assert!(decided.contains("ignored"), "{decided}");
    assert!(stdout(chorus(&db).arg("accounts")).contains("No accounts wait for review"));

    let m: serde_json::Value = serde_json::from_str(&stdout(chorus(&db).args([
        "metrics",
        "--from",
        "2024-03-01",
        "--to",
        "2024-03-31",
        "--by",
        "department",
        "--json",
    ])))
    .unwrap();
    let figure = |k: &str| {
        m["dashboard"]["headline"].as_array().unwrap().iter().find(|f| f["key"] == k).unwrap()["value"].clone()
    };
    // Kim ignored: Ana, Ben, Chloé, Dev, Hugo active; 3 posts (Kim's is out).
    assert_eq!((figure("active"), figure("posts")), (serde_json::json!(5.0), serde_json::json!(3.0)));
    assert!(m["groups"].as_array().unwrap().iter().any(|g| g["name"] == "Sales"), "{m}");

    let text = stdout(chorus(&db).args(["metrics", "--from", "2024-03-01", "--to", "2024-03-31"]));
    assert!(text.contains("Participation (90-9-1 rule") && text.contains("Median time to first reply"), "{text}");
    let adoption = stdout(chorus(&db).args(["adoption", "--tool", "Slack"]));
    assert!(adoption.contains("Innovators:") && adoption.contains("Ana Lima"), "{adoption}");
}

#[test]
fn activity_errors_name_the_place_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let out = chorus(&db).args(["import", "events"]).arg(activity("bad/events_bad_rows.csv")).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("events_bad_rows.csv:4: column \"Timestamp\": 2099-01-01 00:00:00 UTC is in the future"),
        "{text}"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("5 row(s) have problems; nothing was imported"), "{err}");

    let out = chorus(&db).args(["--json", "import", "slack"]).arg(activity("engage")).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let e: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(e["error"]["code"], "bad_file");

    let out = chorus(&db).args(["metrics", "--by", "colour"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "bad usage");
}

#[test]
fn charts_are_listed_drawn_and_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    stdout(chorus(&db).args(["demo", "--people", "120", "--seed", "3", "--as-of", "2026-11-01"]));
    let list = stdout(chorus(&db).args(["chart", "list"]));
    assert!(list.contains("active-people") && list.contains("departments") && list.contains("participation"), "{list}");

    let png = dir.path().join("active.png");
    stdout(chorus(&db).args(["chart", "active-people", "--out"]).arg(&png));
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[1..4], b"PNG");
    assert_eq!(u32::from_be_bytes(bytes[16..20].try_into().unwrap()), 1920, "wide by default");
    let svg = dir.path().join("dep.svg");
    stdout(chorus(&db).args(["chart", "departments", "--size", "square", "--dark", "--out"]).arg(&svg));
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.starts_with("<svg") && text.contains("width=\"1080\"") && !text.contains("<text"), "{:.200}", text);

    // An unknown chart, a bad size, a format Chorus does not write: usage errors, nothing written.
    let out = chorus(&db).args(["chart", "pie", "--out"]).arg(dir.path().join("x.png")).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no chart named \"pie\"; charts: active-people"));
    let out = chorus(&db).args(["chart", "participation", "--size", "9x9", "--out"]).arg(&png).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = chorus(&db).args(["chart", "participation", "--out"]).arg(dir.path().join("x.gif")).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("x.gif: a chart is written as .png or .svg"));
    // An unwritable place: a clear error, and the earlier file is left as it was.
    let out = chorus(&db).args(["chart", "participation", "--out", "/no/such/dir/c.png"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/no/such/dir/c.png"), "names the file");
    assert_eq!(std::fs::read(&png).unwrap(), bytes, "a failed export never touches an existing file");
    let names: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(names.iter().all(|n| !n.ends_with(".part")), "no half-written file is left: {names:?}");
}

#[test]
fn network_metrics_as_json_name_each_person_with_their_measures() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    stdout(chorus(&db).args(["demo", "--people", "150", "--seed", "5", "--as-of", "2026-11-01"]));
    let out = stdout(chorus(&db).args(["--json", "network", "metrics", "--days", "365", "--limit", "5"]));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let people = v["people"].as_array().unwrap();
    assert_eq!(people.len(), 5);
    for key in ["name", "email", "pagerank", "betweenness", "community"] {
        assert!(people.iter().all(|p| p.get(key).is_some()), "{key} in every entry: {}", people[0]);
    }
    assert!(
        people[0]["pagerank"].as_f64().unwrap() >= people[4]["pagerank"].as_f64().unwrap(),
        "highest PageRank first"
    );
    let text = stdout(chorus(&db).args(["network", "metrics", "--tool", "Slack"]));
    assert!(text.contains("on Slack") && text.contains("pagerank"), "{text}");
    let bad = chorus(&db).args(["network", "metrics", "--tool", "Yammer"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("Slack"), "names the tools there are");
}

#[test]
fn network_communities_by_leiden_or_louvain() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    stdout(chorus(&db).args(["demo", "--people", "300", "--seed", "5", "--as-of", "2026-11-01"]));
    let json = |method: &str| -> serde_json::Value {
        let args = ["--json", "network", "communities", "--days", "365", "--method", method];
        serde_json::from_str(&stdout(chorus(&db).args(args))).unwrap()
    };
    for method in ["leiden", "louvain"] {
        let r = json(method);
        let communities = r["communities"].as_array().unwrap();
        assert!(communities.len() >= 2 && r["modularity"].as_f64().unwrap() > 0.1, "{method}: {r}");
        assert!(communities.iter().all(|c| c["central"].as_array().is_some_and(|c| !c.is_empty())), "{method}");
        assert_eq!(r["method"], method, "the report says how it was found");
    }
    let text = stdout(chorus(&db).args(["network", "communities", "--days", "365", "--method", "Louvain"]));
    assert!(text.contains("communities by Louvain") && text.contains("modularity"), "{text}");
    let bad = chorus(&db).args(["network", "communities", "--method", "girvan-newman"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("choose leiden or louvain"));
}

#[test]
fn segments_explain_each_label_and_overrides_survive_recomputes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    stdout(chorus(&db).args(["demo", "--people", "300", "--seed", "5", "--as-of", "2026-11-01"]));
    let json = |args: &[&str]| -> serde_json::Value {
        serde_json::from_str(&stdout(chorus(&db).arg("--json").args(args))).unwrap()
    };
    let r = json(&["segments", "--days", "365"]);
    let counts: Vec<(String, u64)> = r["counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["segment"].as_str().unwrap().to_owned(), c["people"].as_u64().unwrap()))
        .collect();
    for (segment, n) in &counts {
        assert!(*n > 0, "the demo has {segment}s: {counts:?}");
    }
    let people = r["people"].as_array().unwrap();
    assert!(
        people.iter().all(|p| p["labels"]
            .as_array()
            .unwrap()
            .iter()
            .all(|l| !l["evidence"].as_str().unwrap().is_empty()))
    );
    let leader = people
        .iter()
        .find(|p| p["labels"].as_array().unwrap().iter().any(|l| l["segment"] == "opinion-leader"))
        .unwrap();
    let email = leader["email"].as_str().unwrap();
    let evidence = |p: &serde_json::Value, s: &str| {
        p["labels"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["segment"] == s)
            .map(|l| l["evidence"].as_str().unwrap().to_owned())
    };
    assert!(evidence(leader, "opinion-leader").unwrap().contains("by PageRank"));
    // Removed by hand: gone from every recompute, with the reason kept.
    stdout(chorus(&db).args(["segments", "remove", email, "opinion-leader", "--reason", "left the company"]));
    stdout(chorus(&db).args(["segments", "add", email, "talent", "--reason", "wrote the style guide"]));
    let e = json(&["segments", "--explain", email, "--days", "365"]);
    assert!(e["history"].as_array().unwrap().is_empty(), "listing and explaining keep nothing: {e}");
    let kept = json(&["segments", "--days", "365", "keep"]);
    assert!(kept["kept"].as_u64().unwrap() > 0, "the period's labels are kept when asked: {kept}");
    let e = json(&["segments", "--explain", email, "--days", "365"]);
    assert!(e["labels"].as_array().unwrap().iter().all(|l| l["segment"] != "opinion-leader"));
    assert_eq!(e["removed"][0][1], "left the company");
    assert!(e["history"].as_array().unwrap().iter().any(|h| h["segment"] == "talent"), "{e}");
    let text = stdout(chorus(&db).args(["segments", "--explain", email, "--days", "365"]));
    assert!(text.contains("wrote the style guide") && text.contains("removed by hand: left the company"), "{text}");
    // Stricter thresholds: fewer leaders; back to the defaults: as before.
    stdout(chorus(&db).args(["segments", "thresholds", "--set", "leader_top_percent=1"]));
    let strict = json(&["segments", "--days", "365", "--segment", "opinion-leader"]);
    assert!(strict["counts"][0]["people"].as_u64().unwrap() < counts[0].1, "a stricter threshold, fewer leaders");
    stdout(chorus(&db).args(["segments", "thresholds", "--reset"]));
    let bad = chorus(&db).args(["segments", "add", email, "lurker", "--reason", "x"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not-yet-engaged"), "lists the segments");
}

#[test]
fn survey_answers_are_a_layer_and_a_bad_row_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    stdout(chorus(&db).args(["demo", "--people", "120", "--seed", "5", "--as-of", "2026-11-01"]));
    let json = |args: &[&str]| -> serde_json::Value {
        serde_json::from_str(&stdout(chorus(&db).arg("--json").args(args))).unwrap()
    };
    let m = json(&["network", "metrics", "--days", "365"]);
    let emails: Vec<String> =
        m["people"].as_array().unwrap().iter().filter_map(|p| p["email"].as_str().map(str::to_owned)).take(4).collect();
    let survey = dir.path().join("advice.csv");
    let rows = format!(
        "Respondent,Named person,Question\n{a},{b},advice\n{c},{d},advice\n{a},Nobody Known,advice\n",
        a = emails[0],
        b = emails[1],
        c = emails[2],
        d = emails[3]
    );
    std::fs::write(&survey, rows).unwrap();
    let bad = chorus(&db).args(["import", "survey"]).arg(&survey).output().unwrap();
    assert_eq!(bad.status.code(), Some(1));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(err.contains("advice.csv:4: column \"Named person\": \"Nobody Known\" matches nobody"), "{err}");
    let layer = |l: &str| json(&["network", "metrics", "--days", "365", "--layer", l])["ties"].as_u64().unwrap();
    assert_eq!(layer("survey"), 0, "nothing written");
    let r = json(&["import", "survey", "--skip-bad-rows", survey.to_str().unwrap()]);
    assert_eq!((r["added"].as_u64(), r["skipped"].as_array().unwrap().len()), (Some(2), 1));
    assert_eq!(layer("survey"), 2);
    let again = json(&["import", "survey", "--skip-bad-rows", survey.to_str().unwrap()]);
    assert_eq!((again["added"].as_u64(), again["already"].as_u64()), (Some(0), Some(2)), "read twice, kept once");
    assert!(layer("reports-to") > 100, "the reporting lines of 120 people");
    assert!(layer("activity,survey") >= layer("activity"));
    let nope = chorus(&db).args(["network", "metrics", "--layer", "friends"]).output().unwrap();
    assert_eq!(nope.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&nope.stderr).contains("reports-to"));
}

#[test]
fn champions_coverage_suggestions_nudges_and_adding_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    stdout(chorus(&db).args(["demo", "--people", "300", "--seed", "5", "--as-of", "2026-11-01"]));
    let json = |args: &[&str]| -> serde_json::Value {
        serde_json::from_str(&stdout(chorus(&db).arg("--json").args(args))).unwrap()
    };
    let c = json(&["champions", "coverage", "--days", "365"]);
    let (people, one, two) =
        (c["people"].as_u64().unwrap(), c["within_one"].as_u64().unwrap(), c["within_two"].as_u64().unwrap());
    let roster = c["champions"].as_array().unwrap().len();
    assert!(roster > 0 && one >= roster as u64 && two >= one && people >= two, "{people} {one} {two}");
    let in_departments: u64 = c["departments"].as_array().unwrap().iter().map(|d| d["people"].as_u64().unwrap()).sum();
    assert_eq!(in_departments, people, "every person is in one department row");
    let s = json(&["champions", "suggest", "-k", "3", "--days", "365"]);
    let picks = s["suggestions"].as_array().unwrap();
    assert_eq!(picks.len(), 3);
    assert!(picks.iter().all(|p| p["reason"].as_str().unwrap().starts_with("would put")));
    let (now_two, after_two) = (s["within_two_now"].as_u64(), s["within_two_after"].as_u64());
    assert!(
        now_two.is_some() && after_two >= now_two,
        "the suggestions never lower coverage (and both figures are there): {now_two:?} → {after_two:?}"
    );
    chorus(&db).args(["champions", "suggest", "-k", "0"]).assert().code(2);
    // Recruiting the first suggestion: the roster grows and coverage does not fall.
    let first = picks[0]["person_id"].as_i64().unwrap().to_string();
    stdout(chorus(&db).args(["champions", "add", &format!("#{first}")]));
    let after = json(&["champions", "coverage", "--days", "365"]);
    assert_eq!(after["champions"].as_array().unwrap().len(), roster + 1);
    assert!(after["within_one"].as_u64().unwrap() > one, "a new champion brings people within one step");
    let again = json(&["champions", "suggest", "-k", "3", "--days", "365"]);
    assert!(
        again["suggestions"].as_array().unwrap().iter().all(|p| p["person_id"].as_i64().unwrap().to_string() != first)
    );
    // Nudges name only people not yet engaged, with how the champion reaches them.
    let quiet: std::collections::HashSet<i64> =
        json(&["segments", "--days", "365", "--segment", "not-yet-engaged"])["people"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["person_id"].as_i64().unwrap())
            .collect();
    let n = json(&["champions", "nudges", "--days", "365"]);
    let listed: Vec<&serde_json::Value> =
        n.as_array().unwrap().iter().flat_map(|c| c["people"].as_array().unwrap()).collect();
    assert!(!listed.is_empty(), "the demo has people not yet engaged in a champion's reach");
    assert!(
        listed.iter().all(|p| quiet.contains(&p["person_id"].as_i64().unwrap())),
        "nudges name only people not yet engaged"
    );
}
