//! End-to-end tests of the real desktop app: the built `chorus-app` under
//! Xvfb, driven over WebDriver through tauri-driver and WebKitWebDriver, the
//! way a person uses it. Screenshots of the main views are saved under
//! `target/e2e-shots/<test name>/`; look at them.
//!
//! Needs `Xvfb`, `WebKitWebDriver` (Debian `webkit2gtk-driver`) and
//! `tauri-driver` (`cargo install tauri-driver --locked`); `make test`
//! installs all three.

mod harness;

use std::path::{Path, PathBuf};
use std::process::Child;
use std::time::{Duration, Instant};

use chorus::directory::query::ListQuery;
use chorus::ingest::ImportOptions;
use chorus::store::Db;
use fantoccini::actions::{InputSource, MOUSE_BUTTON_LEFT, MouseActions, PointerAction};
use fantoccini::elements::Element;
use fantoccini::{Client, Locator};

const NOW: &str = "2026-11-25T10:00:00Z";

/// Xvfb, tauri-driver and a WebDriver session on the app. Dropping it stops
/// the processes, also when a test fails half-way.
struct App {
    client: Client,
    xvfb: Child,
    driver: Child,
    shots: PathBuf,
    _dir: tempfile::TempDir,
    db: PathBuf,
}

impl App {
    async fn start(test: &str) -> App {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("chorus.db");
        drop(Db::open(&db).expect("an empty database"));

        let (xvfb, display) = harness::xvfb();
        let (driver, port) = harness::driver(&display, &db, dir.path());
        let client = harness::session(port, env!("CARGO_BIN_EXE_chorus-app")).await;

        let shots = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/e2e-shots").join(test);
        std::fs::create_dir_all(&shots).expect("screenshot folder");
        App { client, xvfb, driver, shots, _dir: dir, db }
    }

    async fn find(&self, css: &str) -> Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(15))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element {css}: {e}"))
    }

    /// Waits until `check` holds for the text of `css`, and returns that text.
    async fn text_until(&self, css: &str, check: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        let mut last;
        loop {
            match self.client.find(Locator::Css(css)).await {
                // The rendered text, or the DOM's text where WebKitWebDriver
                // renders none (it returns "" for table bodies).
                Ok(e) => match e.text().await {
                    Ok(t) if check(&t) => return t,
                    Ok(t) => {
                        let content = e.prop("textContent").await.ok().flatten().unwrap_or_default();
                        if check(&content) {
                            return content;
                        }
                        last = t;
                    }
                    Err(err) => last = format!("(text failed: {err})"),
                },
                Err(err) => last = format!("(not found: {err})"),
            }
            if Instant::now() >= deadline {
                let png = self.client.screenshot().await.unwrap_or_default();
                let _ = std::fs::write(self.shots.join("failure.png"), png);
                panic!("the text of {css} never became what was expected (see failure.png); it was: {last}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    async fn shot(&self, name: &str) {
        // WebDriver's screenshot can lag the DOM a little.
        tokio::time::sleep(Duration::from_millis(600)).await;
        let png = self.client.screenshot().await.expect("screenshot");
        std::fs::write(self.shots.join(format!("{name}.png")), png).expect("write screenshot");
    }

    async fn close(self) {
        let _ = self.client.clone().close().await;
    }
}

impl Drop for App {
    fn drop(&mut self) {
        harness::stop(&mut self.driver);
        harness::stop(&mut self.xvfb);
    }
}

/// Waits until the Reports view shows `want` slide previews.
async fn slides_shown(app: &App, want: u64) {
    let mut seen = 0;
    for _ in 0..150 {
        seen = app
            .client
            .execute("return document.querySelectorAll('img[data-testid=slide-preview]').length", vec![])
            .await
            .expect("count")
            .as_u64()
            .unwrap_or(0);
        if seen == want {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the report never showed {want} slides (it showed {seen})");
}

/// The person as stored, read through the core from the test's side.
fn stored(db: &Path, id: i64) -> chorus::directory::Person {
    Db::open(db).expect("db").person(id).expect("person")
}

#[tokio::test(flavor = "multi_thread")]
async fn a_strategist_builds_and_maps_the_directory() {
    let app = App::start("a_strategist_builds_and_maps_the_directory").await;

    // First start: the empty state offers the demo organisation.
    app.find("[data-testid=load-demo]").await;
    app.shot("01-empty").await;
    app.find("[data-testid=load-demo]").await.click().await.expect("click");
    // Digits only: the separator depends on the locale.
    app.text_until("[data-testid=people-count]", |t| {
        t.chars().filter(char::is_ascii_digit).collect::<String>() == "1000"
    })
    .await;
    app.find("[data-testid=person-row]").await;
    app.shot("02-people").await;

    // The demo comes with a year of activity: the Engagement view draws it.
    app.find("[data-testid=nav-engagement]").await.click().await.expect("engagement");
    // The dashboard's charts are the core's own, captioned with their finding.
    app.find("[data-testid=chart-trend] img").await;
    app.text_until("[data-testid=chart-trend]", |t| t.contains("active")).await;
    app.text_until("[data-testid=chart-adoption]", |t| t.contains("have adopted")).await;
    let active = app.text_until("[data-testid=figure-active]", |t| t.chars().any(|c| c.is_ascii_digit())).await;
    assert!(active.contains("Active people"), "{active}");
    app.shot("02b-engagement-demo").await;
    app.client
        .execute("document.querySelector('[data-testid=chart-adoption]').scrollIntoView()", vec![])
        .await
        .expect("scroll");
    app.shot("02c-engagement-demo-adoption").await;
    // The charts for slides are the core's own drawing, previewed as saved.
    app.client
        .execute("document.querySelector('[data-testid=slide-charts]').scrollIntoView()", vec![])
        .await
        .expect("scroll");
    app.find("[data-testid=slide-chart-participation]").await.click().await.expect("participation chart");
    app.find("img[data-testid=chart-preview][alt='Chart: participation']").await;
    let mut width = serde_json::Value::Null;
    for _ in 0..50 {
        width = app
            .client
            .execute(
                "const i = document.querySelector('img[data-testid=chart-preview]'); \
                 return i && i.complete && i.naturalHeight ? Math.round(100 * i.naturalWidth / i.naturalHeight) : 0;",
                vec![],
            )
            .await
            .expect("image width");
        if width.as_u64().unwrap_or(0) > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(width.as_u64(), Some(178), "the core's 16:9 SVG is shown, whole: {width}");
    app.shot("02d-engagement-slide-chart").await;
    // Copied as a picture, to paste into any slide (and logged).
    app.find("[data-testid=chart-copy]").await.click().await.expect("copy");
    app.text_until("[data-testid=chart-saved]", |t| t.contains("Copied")).await;
    let log = Db::open(&app.db).expect("db").exports(5).expect("log");
    assert!(log.iter().any(|e| e.path == "the clipboard" && e.what.starts_with("participation")), "{log:?}");
    // Added to a deck with the view's filters.
    app.find("[data-testid=chart-add]").await.click().await.expect("add");
    let deck = app.find("[data-testid=chart-add-deck]").await;
    deck.clear().await.expect("clear");
    deck.send_keys("Board").await.expect("type");
    app.find("[data-testid=chart-add-ok]").await.click().await.expect("ok");
    app.text_until("[data-testid=chart-saved]", |t| t.contains("Board")).await;
    let board = Db::open(&app.db).expect("db").saved_deck("Board").expect("the deck");
    assert_eq!(board.spec.added[0].chart, "participation");

    // The CEO report: the storyline's slides drawn by the core, chosen,
    // retitled, previewed again.
    app.find("[data-testid=nav-reports]").await.click().await.expect("reports");
    slides_shown(&app, 14).await;
    app.shot("02e-report").await;
    app.find("[data-testid=slide-toggle-inequality]").await.click().await.expect("untick");
    slides_shown(&app, 13).await;
    let title = app.find("[data-testid=slide-title-departments]").await;
    title.clear().await.expect("clear");
    title.send_keys("Where each department stands\u{E004}").await.expect("type");
    app.find("img[data-testid=slide-preview][alt='Slide 8: Where each department stands']").await;
    app.client
        .execute("document.querySelector('[data-testid=slide-departments]').scrollIntoView()", vec![])
        .await
        .expect("scroll");
    app.shot("02f-report-edited").await;

    // The brand, set once in Settings, reaches the deck's cover.
    app.find("[data-testid=nav-settings]").await.click().await.expect("settings");
    app.find("[data-testid=brand-organisation]").await.send_keys("Acme Group").await.expect("type");
    app.find("[data-testid=brand-save]").await.click().await.expect("save");
    app.text_until("[data-testid=settings-note]", |t| t.contains("Brand saved")).await;
    app.shot("02g-settings").await;
    app.find("[data-testid=nav-reports]").await.click().await.expect("reports");
    app.find("img[data-testid=slide-preview][alt^='Slide 1: Acme Group: our internal conversation']").await;
    app.find("[data-testid=nav-people]").await.click().await.expect("people");

    // Search with the accents left out finds the accented name.
    let db = Db::open(&app.db).expect("db");
    let everyone = db.list_people(&ListQuery { limit: None, ..ListQuery::default() }).expect("people").items;
    let target = everyone
        .iter()
        .find(|p| chorus::text::fold(&p.full_name) != p.full_name.to_lowercase() && p.full_name.is_char_boundary(5))
        .expect("someone with an accented name");
    let typed: String = chorus::text::fold(&target.full_name);
    let search = app.find("[data-testid=global-search]").await;
    search.send_keys(&typed).await.expect("type");
    app.text_until("[data-testid=search-results]", |t| t.contains(&target.full_name)).await;
    app.shot("03-search").await;
    let results = app.client.find_all(Locator::Css("[data-testid=search-result]")).await.expect("results");
    let mut opened = false;
    for r in results {
        if r.text().await.unwrap_or_default().starts_with(&target.full_name) {
            r.click().await.expect("open the person");
            opened = true;
            break;
        }
    }
    assert!(opened, "{} is among the results", target.full_name);
    app.text_until("[data-testid=person-name]", |t| t == target.full_name).await;

    // Assess them: influence 5, interest 5, attitude blocker; the core stores it.
    app.find("[data-testid=edit-influence]").await.select_by_value("5").await.expect("influence");
    app.text_until("[data-testid=history]", |t| t.contains("influence")).await;
    app.find("[data-testid=edit-interest]").await.select_by_value("5").await.expect("interest");
    app.text_until("[data-testid=history]", |t| t.contains("interest")).await;
    app.find("[data-testid=edit-attitude]").await.select_by_value("blocker").await.expect("attitude");
    app.text_until("[data-testid=history]", |t| t.contains("→ blocker")).await;
    app.shot("04-person").await;
    let s = stored(&app.db, target.id).fields.stakeholder;
    assert_eq!((s.influence, s.interest, s.attitude.map(|a| a.as_str())), (Some(5), Some(5), Some("blocker")));

    // The map shows them in "manage closely", coloured as a blocker.
    app.find("[data-testid=nav-map]").await.click().await.expect("map");
    let point_css = format!("[data-testid=map-point][data-id=\"{}\"]", target.id);
    let point = app.find(&point_css).await;
    let class = point.attr("class").await.expect("class").unwrap_or_default();
    assert!(class.contains("att-blocker"), "the point is coloured by the new attitude: {class}");
    app.text_until("[data-testid=quadrant-manage]", |t| t.contains(&target.full_name)).await;
    app.shot("05-map").await;

    // Drag the point to the bottom-left cell: influence 1, interest 1.
    let (sx, sy, sw, sh) = app.find("[data-testid=stakeholder-map]").await.rectangle().await.expect("map box");
    let scale = sw.min(sh) / 600.0;
    let (tx, ty) = (sx + (48.0 + 0.5 * 100.8) * scale, sy + (600.0 - 48.0 - 0.5 * 100.8) * scale);
    let drag = MouseActions::new("mouse".into())
        .then(PointerAction::MoveToElement { element: point.clone(), duration: None, x: 0.0, y: 0.0 })
        .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
        .then(PointerAction::MoveTo { duration: Some(Duration::from_millis(200)), x: tx, y: ty })
        .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT });
    app.client.perform_actions(drag).await.expect("drag");
    app.text_until("[data-testid=quadrant-monitor]", |t| t.contains(&target.full_name)).await;
    let s = stored(&app.db, target.id).fields.stakeholder;
    assert_eq!((s.influence, s.interest), (Some(1), Some(1)), "the drag is saved through the core");
    app.shot("06-map-dragged").await;

    // A hostile name imported while the app runs shows as text, never HTML.
    let hostile_csv = app.db.with_file_name("hostile.csv");
    std::fs::write(&hostile_csv, "Employee ID,Full Name,Email\nH1,<img src=x onerror=alert(1)>,hostile@acme.example\n")
        .expect("csv");
    let mut writer = Db::open(&app.db).expect("db");
    chorus::app::people::import_people(
        &mut writer,
        &hostile_csv,
        &ImportOptions::default(),
        chorus::progress::Watch::quiet(),
        NOW.parse().unwrap(),
    )
    .expect("import");
    let search = app.find("[data-testid=global-search]").await;
    search.clear().await.expect("clear");
    search.send_keys("onerror").await.expect("type");
    let shown = app.text_until("[data-testid=search-results]", |t| t.contains("<img")).await;
    assert!(shown.contains("<img src=x onerror=alert(1)>"), "shown literally: {shown}");
    let images = app.client.find_all(Locator::Css("[data-testid=search-results] img")).await.expect("query");
    assert!(images.is_empty(), "no element was made from the name");
    app.shot("07-hostile-name").await;

    // Import a CSV with one bad row: the dry run names the line, the import
    // refuses the file until bad rows are skipped.
    let csv = app.db.with_file_name("new_hires.csv");
    std::fs::write(
        &csv,
        "Employee ID,Full Name,Email,Department\n\
         N1,Ngozi Eze,ngozi.eze@acme.example,Sales\n\
         N2,Bob Ray,bob@,Sales\n\
         N3,Łucja Nowak,lucja.nowak@acme.example,Finance\n",
    )
    .expect("csv");
    app.find("[data-testid=nav-import]").await.click().await.expect("import view");
    app.find("[data-testid=import-path]").await.send_keys(&csv.display().to_string()).await.expect("path");
    app.find("[data-testid=import-preview]").await.click().await.expect("preview");
    app.text_until("[data-testid=import-rows]", |t| t.contains("Łucja Nowak")).await;
    app.find("[data-testid=import-check]").await.click().await.expect("dry run");
    let report =
        app.text_until("[data-testid=import-check-report]", |t| t.contains("new_hires.csv:3: column \"Email\"")).await;
    assert!(report.contains("2 would be added") && report.contains("1 rejected"), "{report}");
    app.shot("08-import-check").await;
    app.find("[data-testid=import-run]").await.click().await.expect("import");
    app.text_until("[data-testid=import-result]", |t| t.contains("Nothing imported")).await;
    assert_eq!(Db::open(&app.db).expect("db").resolve_person("N1").ok(), None, "nothing written");
    app.find("[data-testid=import-skip]").await.click().await.expect("skip bad rows");
    app.find("[data-testid=import-run]").await.click().await.expect("import");
    let done = app.text_until("[data-testid=import-result]", |t| t.contains("Imported")).await;
    assert!(done.contains("2 added") && done.contains("1 rejected"), "{done}");
    assert!(Db::open(&app.db).expect("db").resolve_person("N3").is_ok(), "the good rows landed");
    app.shot("09-import-done").await;

    // The dark theme, on the map.
    app.find("[data-testid=theme]").await.click().await.expect("theme");
    app.find("[data-testid=nav-map]").await.click().await.expect("map");
    app.find("[data-testid=map-point]").await;
    let theme = app.client.execute("return document.documentElement.dataset.theme", vec![]).await.expect("theme");
    assert_eq!(theme, serde_json::json!("dark"));
    app.shot("10-dark-map").await;

    app.close().await;
}

/// The activity fixtures, as a strategist would have them on disk.
fn activity_fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/activity").join(rel)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_strategist_imports_slack_reviews_accounts_and_reads_engagement() {
    let app = App::start("a_strategist_imports_slack_reviews_accounts_and_reads_engagement").await;
    // The directory is there already (imported through the core, as the CLI would).
    let mut db = Db::open(&app.db).expect("db");
    chorus::app::people::import_people(
        &mut db,
        &activity_fixture("people.csv"),
        &ImportOptions::default(),
        chorus::progress::Watch::quiet(),
        NOW.parse().unwrap(),
    )
    .expect("people");
    drop(db);

    // Import the Slack export from the Import view: dry run first, then for real.
    app.find("[data-testid=nav-import]").await.click().await.expect("import");
    app.find("[data-testid=import-kind-slack]").await.click().await.expect("slack tab");
    let path = activity_fixture("slack");
    app.find("[data-testid=activity-path]").await.send_keys(&path.display().to_string()).await.expect("path");
    app.find("[data-testid=activity-check]").await.click().await.expect("check");
    app.text_until("[data-testid=activity-check-report]", |t| {
        t.contains("15 events read") && t.contains("would be added")
    })
    .await;
    app.find("[data-testid=activity-run]").await.click().await.expect("import");
    let done = app.text_until("[data-testid=activity-result]", |t| t.contains("Imported into Slack")).await;
    assert!(done.contains("4 matched by e-mail") && done.contains("1 by name"), "{done}");
    assert!(done.contains("channel_canvas_updated"), "unknown subtypes are reported: {done}");
    app.text_until("[data-testid=pending-count]", |t| t.trim() == "1").await;
    app.shot("01-slack-imported").await;

    // Review: Kim is a guest nobody in the directory matches; add her as a person.
    app.find("[data-testid=activity-review]").await.click().await.expect("review");
    app.text_until("[data-testid=accounts-table]", |t| t.contains("Kim Tanaka")).await;
    app.shot("02-review").await;
    let row = app.find("[data-testid=accounts-table] tbody tr").await;
    let id = row.attr("data-testid").await.expect("attr").unwrap_or_default().trim_start_matches("account-").to_owned();
    app.find(&format!("[data-testid=account-create-{id}]")).await.click().await.expect("create");
    app.find("[data-testid=accounts-empty]").await;
    assert_eq!(Db::open(&app.db).expect("db").people_count().expect("count"), 11, "Kim joined the directory");

    // The dashboard: figures worked out by hand in tests/activity.rs.
    app.find("[data-testid=nav-engagement]").await.click().await.expect("engagement");
    app.text_until("[data-testid=figure-posts]", |t| t.contains("Posts") && t.contains('4')).await;
    app.text_until("[data-testid=figure-active]", |t| t.contains('6')).await;
    app.text_until("[data-testid=figure-median_first_reply]", |t| t.contains("1.0 h")).await;
    app.text_until("[data-testid=figure-engagement_rate]", |t| t.contains("2.25")).await;
    app.text_until("[data-testid=list-top]", |t| t.starts_with("Ana Lima")).await;
    app.text_until("[data-testid=chart-pyramid]", |t| t.contains("posted")).await;
    app.shot("03-engagement").await;

    // Set Slack's rollout date in the tools table: the core stores it and the curve starts there.
    app.find("[data-testid=rollout-Slack]").await;
    app.client
        .execute(
            "const i = document.querySelector('[data-testid=rollout-Slack]'); \
             i.value = '2024-03-01'; i.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![],
        )
        .await
        .expect("set the date");
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let tools = Db::open(&app.db).expect("db").tools().expect("tools");
        if tools[0].rollout_date.as_deref() == Some("2024-03-01") {
            break;
        }
        assert!(Instant::now() < deadline, "the rollout date was not stored: {tools:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    app.text_until("[data-testid=chart-adoption]", |t| t.contains("since its rollout on 1 March 2024")).await;

    // Filtering by department narrows the figures.
    app.find("[data-testid=filter-department]").await.select_by_label("Engineering").await.expect("department");
    app.text_until("[data-testid=figure-active]", |t| {
        t.contains("Active people") && t.contains('1') && !t.contains('6')
    })
    .await;
    // A name in a list opens the person.
    app.find("[data-testid=list-top] button").await.click().await.expect("open");
    app.text_until("[data-testid=person-name]", |t| t == "Dev Patel").await;
    // Dev was the fourth of six to use Slack: late majority.
    app.text_until("[data-testid=person-tools]", |t| {
        t.contains("Slack") && t.contains("late majority") && t.contains("4 of 6")
    })
    .await;
    app.shot("04-engagement-engineering").await;

    app.find("[data-testid=theme]").await.click().await.expect("dark");
    app.find("[data-testid=filter-department]").await.select_by_label("All departments").await.expect("all");
    app.shot("05-engagement-dark").await;
    app.close().await;
}

/// Sets a form control's value the way a person's input would, and fires its event.
async fn set_value(app: &App, css: &str, value: &str, event: &str) {
    app.find(css).await;
    app.client
        .execute(
            "const e = document.querySelector(arguments[0]); e.value = arguments[1]; \
             e.dispatchEvent(new Event(arguments[2], { bubbles: true }));",
            vec![css.into(), value.into(), event.into()],
        )
        .await
        .expect("set the value");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_strategist_reads_the_network_segments_and_champions() {
    let app = App::start("a_strategist_reads_the_network_segments_and_champions").await;
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).expect("date");
    let mut db = Db::open(&app.db).expect("db");
    chorus::app::demo::load_demo(
        &mut db,
        chorus::demo::DemoOptions { people: 400, seed: 11, as_of, activity: true },
        NOW.parse().unwrap(),
    )
    .expect("demo");
    // Who the core says leads the network, to find in the view.
    let year = chorus::activity::measures::Filter { days: Some(365), ..Default::default() };
    let net = chorus::app::network::network(&db, &year, as_of, Default::default()).expect("network");
    let leader = net.people[0].name.clone();
    drop(db);

    // The Network view: everyone placed, the strongest ties drawn, painted.
    app.find("[data-testid=nav-network]").await.click().await.expect("network");
    let stats = app.text_until("[data-testid=network-stats]", |t| t.contains("people and accounts")).await;
    assert!(stats.contains(&net.nodes.to_string()), "{stats}");
    let stage = app.find("[data-testid=network-stage]").await;
    let mut painted = String::new();
    for _ in 0..100 {
        painted = stage.attr("data-first-paint").await.expect("attr").unwrap_or_default();
        if !painted.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(!painted.is_empty(), "the network was painted");
    let renderer = stage.attr("data-renderer").await.expect("attr").unwrap_or_default();
    assert!(renderer == "webgl" || renderer == "canvas", "{renderer}");
    app.shot("01-network-communities").await;

    // Colour by segment; find the leader: their own ties are listed.
    app.find("[data-testid=colour-by]").await.select_by_value("segment").await.expect("segment colours");
    app.find("[data-testid=network-search]").await.send_keys(&leader).await.expect("search");
    app.find("[data-testid=network-find]").await.click().await.expect("find");
    app.text_until("[data-testid=network-person]", |t| t.contains(&leader) && t.contains("Opinion leader")).await;
    app.text_until("[data-testid=ego-list]", |t| !t.trim().is_empty()).await;
    app.shot("02-network-ego").await;

    // The department matrix and a quarter on the slider.
    app.find("[data-testid=matrix-toggle]").await.click().await.expect("matrix");
    app.text_until("[data-testid=department-matrix]", |t| t.contains("Engineering")).await;
    app.shot("03-network-matrix").await;
    app.find("[data-testid=matrix-toggle]").await.click().await.expect("back to the map");
    set_value(&app, "[data-testid=snapshot-slider]", "0", "input").await;
    app.text_until("[data-testid=snapshot-label]", |t| t.contains(" Q")).await;
    app.text_until("[data-testid=network-stats]", |t| t.contains("ties, the")).await;
    app.shot("03b-network-quarter").await;

    // Champions: coverage, suggestions with reasons, add one in a click.
    app.find("[data-testid=nav-champions]").await.click().await.expect("champions");
    app.text_until("[data-testid=coverage-headline]", |t| t.contains("within two")).await;
    let first = app.text_until("[data-testid=suggestions] tbody tr", |t| t.contains("would put")).await;
    app.shot("04-champions").await;
    let roster = || Db::open(&app.db).expect("db").champion_since().expect("roster").len();
    let before = roster();
    app.find("[data-testid=add-champion]").await.click().await.expect("add");
    let deadline = Instant::now() + Duration::from_secs(10);
    while roster() != before + 1 {
        assert!(Instant::now() < deadline, "the first suggestion ({first}) was not made a champion");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    app.text_until("[data-testid=note]", |t| t.contains("is now a champion")).await;

    // People: the opinion leaders with their evidence; a label added by hand.
    app.find("[data-testid=nav-people]").await.click().await.expect("people");
    app.find("[data-testid=filter-segment]").await.select_by_value("opinion-leader").await.expect("segment");
    app.text_until("[data-testid=segment-table]", |t| t.contains("by PageRank")).await;
    // Listing them kept nothing; keeping them is a step of its own.
    let kept = || {
        let db = Db::open(&app.db).expect("db");
        let people = db.people_count().expect("count") as i64;
        (1..=people).map(|id| db.segment_history(id).map_or(0, |h| h.len())).sum::<usize>()
    };
    assert_eq!(kept(), 0, "reading segments writes nothing");
    app.find("[data-testid=segments-keep]").await.click().await.expect("keep");
    app.text_until("[data-testid=segments-kept]", |t| t.starts_with("Kept")).await;
    assert!(kept() > 0, "the period's labels are kept when asked");
    app.shot("05-people-opinion-leaders").await;
    app.find("[data-testid=segment-row]").await.click().await.expect("open");
    app.text_until("[data-testid=person-segments]", |t| t.contains("Opinion leader")).await;
    app.find("[data-testid=add-label]").await.click().await.expect("add a label");
    app.find("[data-testid=segment-reason]").await.send_keys("runs the data guild").await.expect("reason");
    app.find("form.override button[type=submit]").await.click().await.expect("save");
    app.text_until("[data-testid=person-segments]", |t| t.contains("runs the data guild")).await;
    assert_eq!(Db::open(&app.db).expect("db").segment_overrides().expect("overrides").len(), 1);
    app.shot("06-person-segments").await;
    app.close().await;
}
