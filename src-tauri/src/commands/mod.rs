//! IPC commands, one file per area. Each takes its arguments, calls one core
//! function on a blocking thread and maps the error. No logic lives here.

pub mod activity;
pub mod charts;
pub mod demo;
pub mod directory;
pub mod import;
pub mod network;
pub mod people;
pub mod report;
pub mod settings;

/// Every command's name, as `ui/src/api/` calls it (checked by a test).
pub const NAMES: &[&str] = &[
    "overview",
    "org_units",
    "list_people",
    "get_person",
    "edit_person",
    "load_demo",
    "preview_import",
    "check_import",
    "run_import",
    "cancel_import",
    "import_activity",
    "dashboard",
    "list_accounts",
    "decide_account",
    "list_tools",
    "person_adoption",
    "set_rollout",
    "list_charts",
    "chart_svg",
    "panel_charts",
    "export_chart",
    "copy_chart",
    "list_slides",
    "report_previews",
    "export_report",
    "save_deck",
    "saved_decks",
    "export_log",
    "add_to_deck",
    "list_evidence",
    "add_evidence",
    "update_evidence",
    "remove_evidence",
    "get_settings",
    "set_brand",
    "set_logo",
    "set_font",
    "set_min_group",
    "network_view",
    "network_ego",
    "network_snapshot",
    "segment_kinds",
    "list_segments",
    "keep_segments",
    "set_segment",
    "clear_segment",
    "champions_coverage",
    "champions_suggest",
    "champions_nudges",
    "add_champion",
];
