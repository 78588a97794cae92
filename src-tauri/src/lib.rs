//! The Chorus desktop shell: opens the same database as the CLI, registers
//! the IPC commands and shows the window. It adapts the core and nothing more.

mod commands;
mod error;
mod state;

pub use commands::NAMES as COMMAND_NAMES;
pub use error::IpcError;

use chorus::app;

/// The database the app opens: `CHORUS_DB` if set, else the CLI's default.
pub fn database_path() -> std::path::PathBuf {
    std::env::var_os("CHORUS_DB").map(Into::into).unwrap_or_else(app::default_path)
}

/// Whether a graphical session is available (Linux needs X11 or Wayland).
fn has_display() -> bool {
    !cfg!(target_os = "linux")
        || ["DISPLAY", "WAYLAND_DISPLAY"].iter().any(|v| std::env::var_os(v).is_some_and(|s| !s.is_empty()))
}

pub fn run() {
    if !has_display() {
        eprintln!(
            "chorus: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set), so the window cannot open.\n\
             Run it in a desktop session, or headless under Xvfb: xvfb-run -a target/release/chorus-app.\n\
             The command line works without a display: target/release/chorus --help"
        );
        std::process::exit(1);
    }
    let path = database_path();
    let db = match app::open(&path) {
        Ok(db) => db,
        Err(e) => {
            eprintln!("chorus: {e}");
            std::process::exit(1);
        }
    };
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_clipboard_manager::init())
        .manage(state::AppState::new(db))
        .invoke_handler(tauri::generate_handler![
            commands::directory::overview,
            commands::directory::org_units,
            commands::people::list_people,
            commands::people::get_person,
            commands::people::edit_person,
            commands::demo::load_demo,
            commands::import::preview_import,
            commands::import::check_import,
            commands::import::run_import,
            commands::import::cancel_import,
            commands::activity::import_activity,
            commands::charts::list_charts,
            commands::charts::chart_svg,
            commands::charts::panel_charts,
            commands::charts::export_chart,
            commands::charts::copy_chart,
            commands::activity::dashboard,
            commands::activity::list_accounts,
            commands::activity::decide_account,
            commands::activity::list_tools,
            commands::people::person_adoption,
            commands::activity::set_rollout,
            commands::report::list_slides,
            commands::report::report_previews,
            commands::report::export_report,
            commands::report::save_deck,
            commands::report::saved_decks,
            commands::report::export_log,
            commands::report::add_to_deck,
            commands::report::list_evidence,
            commands::report::add_evidence,
            commands::report::update_evidence,
            commands::report::remove_evidence,
            commands::settings::get_settings,
            commands::settings::set_brand,
            commands::settings::set_logo,
            commands::settings::set_font,
            commands::settings::set_min_group,
            commands::network::network_view,
            commands::network::network_ego,
            commands::network::network_snapshot,
            commands::network::segment_kinds,
            commands::network::list_segments,
            commands::network::keep_segments,
            commands::network::set_segment,
            commands::network::clear_segment,
            commands::network::champions_coverage,
            commands::network::champions_suggest,
            commands::network::champions_nudges,
            commands::network::add_champion,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("chorus: the window could not start: {e}");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    /// The commands registered with Tauri, `NAMES`, and the names `ui/src/api/`
    /// invokes must be the same set: a command added on one side only fails here.
    #[test]
    fn ui_api_and_shell_agree_on_command_names() {
        let mut names: Vec<&str> = super::COMMAND_NAMES.to_vec();
        names.sort_unstable();

        let lib = include_str!("lib.rs");
        let start = lib.find("generate_handler![").expect("handler list");
        let end = start + lib[start..].find(']').expect("end of handler list");
        let mut registered: Vec<&str> = lib[start..end]
            .split(',')
            .filter_map(|s| s.trim().rsplit("::").next())
            .filter(|s| !s.is_empty() && !s.contains('['))
            .collect();
        registered.sort_unstable();
        assert_eq!(registered, names, "generate_handler! and commands::NAMES differ");

        let api = UI_API;
        // `invoke<T>("name", …)` and `invokeWithProgress<T>("name", …)`.
        let mut invoked: Vec<&str> = ["invoke<", "invokeWithProgress<"]
            .iter()
            .flat_map(|call| api.match_indices(call))
            .filter_map(|(i, _)| {
                let rest = &api[i..];
                let open = rest.find('(')?;
                rest[open + 1..].strip_prefix('"')?.split('"').next()
            })
            .collect();
        invoked.sort_unstable();
        invoked.dedup();
        assert_eq!(invoked, names, "ui/src/api/ calls other commands than the shell registers");
    }

    /// The UI's IPC module, one file per area.
    const UI_API: &str = concat!(
        include_str!("../../ui/src/api/ipc.ts"),
        include_str!("../../ui/src/api/directory.ts"),
        include_str!("../../ui/src/api/imports.ts"),
        include_str!("../../ui/src/api/activity.ts"),
        include_str!("../../ui/src/api/charts.ts"),
        include_str!("../../ui/src/api/report.ts"),
        include_str!("../../ui/src/api/settings.ts"),
        include_str!("../../ui/src/api/network.ts"),
    );

    /// The keys of `export interface NAME { … }` in the UI's api files.
    fn ts_keys(api: &str, name: &str) -> Vec<String> {
        let start = api.find(&format!("export interface {name} {{")).unwrap_or_else(|| panic!("no interface {name}"));
        let body = &api[start..start + api[start..].find("\n}").expect("end of interface")];
        let mut keys: Vec<String> = body
            .lines()
            .skip(1)
            .map(str::trim)
            .filter(|l| !l.starts_with("/") && !l.starts_with('*') && !l.is_empty())
            .filter_map(|l| l.split([':', '?']).next().map(|k| k.trim().to_owned()))
            .collect();
        keys.sort();
        keys
    }

    fn rust_keys(v: &serde_json::Value) -> Vec<String> {
        let mut keys: Vec<String> = v.as_object().expect("an object").keys().cloned().collect();
        keys.sort();
        keys
    }

    /// Every type crossing IPC has, in `ui/src/api/`, an interface with
    /// exactly the fields the Rust side serialises.
    #[test]
    fn ui_api_types_match_the_rust_side() {
        use chorus::directory::fields::parse_assignment;
        use chorus::directory::query::ListQuery;
        use chorus::ingest::{self, ImportOptions};
        use serde_json::to_value;

        let dir = tempfile::tempdir().expect("temp");
        use chorus::app::{directory, engagement};
        let mut db = chorus::app::open(&dir.path().join("c.db")).expect("db");
        let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).expect("date");
        let demo = chorus::app::demo::load_demo(
            &mut db,
            chorus::demo::DemoOptions { people: 40, seed: 3, as_of, activity: true },
            "2026-11-01T00:00:00Z".parse().expect("time"),
        )
        .expect("demo");
        let page = directory::list_people(&db, &ListQuery::default()).expect("list");
        let id = page.items[1].id;
        let now = "2026-11-01T00:00:00Z".parse().expect("time");
        directory::edit_person(&mut db, id, &[parse_assignment("skills=rust").expect("edit")], now).expect("edit");
        let detail = directory::person(&db, id).expect("person");
        let (person, changes) = (detail.person.clone(), detail.changes.clone());
        let csv = dir.path().join("p.csv");
        std::fs::write(&csv, "Employee ID,Full Name,Email\nX1,Ann Lee,bob@\n").expect("csv");
        let opts = ImportOptions { dry_run: true, ..ImportOptions::default() };
        let report = chorus::app::people::import_people(
            &mut db,
            &csv,
            &opts,
            chorus::progress::Watch::quiet(),
            "2026-11-01T00:00:00Z".parse().unwrap(),
        )
        .expect("dry run");
        let preview = ingest::preview(&csv, &opts, 5).expect("preview");
        let progress = ingest::Progress { stage: ingest::Stage::Writing, done: 1, total: 2 };

        let filter = chorus::activity::measures::Filter::default();
        let dash = engagement::dashboard(&db, &filter, as_of).expect("dashboard");
        let accounts = engagement::accounts(&db, false).expect("accounts");
        let tools = engagement::tools(&db).expect("tools");
        let adoption = (1..=40)
            .map(|id| directory::person_adoption(&db, id).expect("adoption"))
            .find(|a| !a.is_empty())
            .expect("someone in the demo used a tool");
        let activity_report = chorus::activity::ActivityReport::default();
        let edit = chorus::report::SlideEdit {
            slide: "summary".into(),
            title: Some("t".into()),
            notes: Some("n".into()),
            points: Some(vec!["p".into()]),
        };
        let req = chorus::app::report::ReportRequest { edits: vec![edit], ..Default::default() };
        let saved = chorus::app::report::save_deck(&db, "Monthly", &req, now).expect("save");
        let run = chorus::app::report::request_of(&saved).expect("request");
        let record = chorus::app::report::export_report(&db, &run, &dir.path().join("d.xlsx"), now).expect("export");
        let saved = chorus::app::report::saved_deck(&db, "Monthly").expect("saved");
        let previews = chorus::app::report::previews(&db, &run, as_of).expect("previews");
        let with_chart = chorus::app::report::add_to_deck(&db, "Monthly", "departments", &filter, now).expect("add");
        let logo = dir.path().join("logo.png");
        std::fs::write(
            &logo,
            chorus::charts::png(r#"<svg xmlns="http://www.w3.org/2000/svg" width="4" height="2"/>"#, 1.0).expect("png"),
        )
        .expect("logo");
        let settings = chorus::app::settings::set_logo(&db, Some(&logo)).expect("logo");
        let year = chorus::activity::measures::Filter { days: Some(365), ..Default::default() };
        let view_request = chorus::network::reports::view::ViewRequest {
            filter: year.clone(),
            options: chorus::network::GraphOptions {
                half_life_days: Some(90.0),
                layers: Some(chorus::network::Layers::default()),
            },
            ties_per_person: Some(3),
        };
        let net_view = chorus::app::network::view(&db, &view_request, as_of).expect("view");
        let snapshot =
            chorus::app::network::snapshot_view(&db, &view_request, as_of, as_of - chrono::Days::new(90), as_of)
                .expect("snapshot");
        let over = chorus::app::segments::set_override(&db, &format!("#{id}"), "talent", true, "wrote the guide", now)
            .expect("override");
        let segments = chorus::app::segments::segments(&db, &year, as_of, Default::default()).expect("segments");
        let coverage = chorus::app::champions::coverage(&db, &year, as_of, Default::default()).expect("coverage");
        let suggest = chorus::app::champions::suggest(&db, &year, as_of, Default::default(), 3).expect("suggest");
        let nudges = chorus::app::champions::nudges(&db, &year, as_of, Default::default()).expect("nudges");
        // What the UI sends: every key of its ReportSpec, no other.
        let spec: serde_json::Map<String, serde_json::Value> = ts_keys(UI_API, "ReportSpec")
            .into_iter()
            .map(|k| {
                let v = match k.as_str() {
                    "filter" => serde_json::json!({}),
                    "slides" => serde_json::json!(["summary"]),
                    "targets" | "edits" | "added" => serde_json::json!([]),
                    "saved" => serde_json::Value::Null,
                    _ => serde_json::json!(false),
                };
                (k, v)
            })
            .collect();
        serde_json::from_value::<chorus::report::ReportSpec>(spec.into()).expect("the UI's ReportSpec reads");

        let api = UI_API;
        let pairs: Vec<(&str, serde_json::Value)> = vec![
            ("ListQuery", to_value(ListQuery::default()).expect("json")),
            ("Page<T>", to_value(&page).expect("json")),
            ("PersonRow", to_value(&page.items[0]).expect("json")),
            ("Person", to_value(&person).expect("json")),
            ("PersonRef", to_value(person.manager.as_ref().expect("a manager")).expect("json")),
            ("Skill", to_value(&person.fields.skills[0]).expect("json")),
            ("Stakeholder", to_value(&person.fields.stakeholder).expect("json")),
            ("Change", to_value(&changes[0]).expect("json")),
            ("PersonDetail", to_value(&detail).expect("json")),
            ("Overview", to_value(directory::overview(&db).expect("overview")).expect("json")),
            ("DemoSummary", to_value(&demo).expect("json")),
            ("Preview", to_value(&preview).expect("json")),
            ("ImportReport", to_value(&report).expect("json")),
            ("RowProblem", to_value(&report.problems[0]).expect("json")),
            ("Progress", to_value(progress).expect("json")),
            ("IpcError", to_value(crate::IpcError::internal("x")).expect("json")),
            ("Filter", to_value(&filter).expect("json")),
            ("Dashboard", to_value(&dash).expect("json")),
            ("Period", to_value(dash.period).expect("json")),
            ("Figure", to_value(&dash.headline[0]).expect("json")),
            ("Participation", to_value(&dash.participation).expect("json")),
            ("Rule", to_value(dash.rule).expect("json")),
            ("TrendPoint", to_value(&dash.trend[0]).expect("json")),
            ("GroupRow", to_value(&dash.by_department[0]).expect("json")),
            ("AdoptionCurve", to_value(&dash.adoption).expect("json")),
            ("Band", to_value(&dash.adoption.bands[0]).expect("json")),
            ("Listed", to_value(&dash.top_contributors[0]).expect("json")),
            ("ChannelHealth", to_value(&dash.communities[0]).expect("json")),
            ("Movement", to_value(dash.movement).expect("json")),
            ("Account", to_value(&accounts[0]).expect("json")),
            ("Tool", to_value(&tools[0]).expect("json")),
            ("Wave", to_value(tools.iter().find_map(|t| t.waves.first()).expect("the demo's waves")).expect("json")),
            ("Adoption", to_value(&adoption[0]).expect("json")),
            ("ActivityReport", to_value(&activity_report).expect("json")),
            ("ChartInfo", to_value(&crate::commands::charts::list_charts()[0]).expect("json")),
            ("SlideInfo", to_value(&crate::commands::report::list_slides()[0]).expect("json")),
            ("SlidePreview", to_value(&previews[0]).expect("json")),
            ("ExportRecord", to_value(&record).expect("json")),
            ("SavedDeck", to_value(&saved).expect("json")),
            ("DeckSpec", to_value(&saved.spec).expect("json")),
            ("Run", to_value(saved.last_run.as_ref().expect("a run")).expect("json")),
            ("SlideEdit", to_value(&saved.spec.edits[0]).expect("json")),
            ("AddedChart", to_value(&with_chart.spec.added[0]).expect("json")),
            ("Settings", to_value(&settings).expect("json")),
            ("Evidence", to_value(&chorus::app::report::evidence(&db).expect("cards")[0]).expect("json")),
            ("Brand", to_value(&settings.brand).expect("json")),
            ("LogoInfo", to_value(settings.logo.as_ref().expect("a logo")).expect("json")),
            ("ViewRequest", to_value(&view_request).expect("json")),
            ("GraphOptions", to_value(view_request.options).expect("json")),
            ("Layers", to_value(chorus::network::Layers::default()).expect("json")),
            ("NetworkView", to_value(&net_view).expect("json")),
            ("ViewNode", to_value(&net_view.nodes[0]).expect("json")),
            ("ViewPeriod", to_value(&net_view.quarters[0]).expect("json")),
            ("SnapshotView", to_value(&snapshot).expect("json")),
            ("SegmentsReport", to_value(&segments).expect("json")),
            ("Segmented", to_value(&segments.people[0]).expect("json")),
            ("Shown", to_value(&segments.people[0].labels[0]).expect("json")),
            ("SegmentCount", to_value(&segments.counts[0]).expect("json")),
            ("SegmentKind", to_value(chorus::segments::Segment::kinds()[0]).expect("json")),
            ("UsageTotals", to_value(chorus::activity::UsageTotals::default()).expect("json")),
            ("Thresholds", to_value(segments.thresholds).expect("json")),
            ("Override", to_value(&over).expect("json")),
            ("CoverageReport", to_value(&coverage).expect("json")),
            ("Champion", to_value(&coverage.champions[0]).expect("json")),
            ("GroupCoverage", to_value(&coverage.departments[0]).expect("json")),
            ("SuggestReport", to_value(&suggest).expect("json")),
            ("Suggestion", to_value(&suggest.suggestions[0]).expect("json")),
            ("Nudges", to_value(&nudges[0]).expect("json")),
            ("Nudgee", to_value(nudges.iter().find_map(|n| n.people.first()).expect("a nudge")).expect("json")),
        ];
        for (name, value) in pairs {
            assert_eq!(ts_keys(api, name), rust_keys(&value), "fields of {name} in ui/src/api/");
        }
    }
}
