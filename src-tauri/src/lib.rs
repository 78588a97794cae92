//! The Chorus desktop shell: opens the same database as the CLI, registers
//! the IPC commands and shows the window. It adapts the core and nothing more.

mod commands;
mod error;
mod state;

pub use commands::NAMES as COMMAND_NAMES;
pub use error::IpcError;

use chorus::store::{self, Db};

/// The database the app opens: `CHORUS_DB` if set, else the CLI's default.
pub fn database_path() -> std::path::PathBuf {
    std::env::var_os("CHORUS_DB").map(Into::into).unwrap_or_else(store::default_path)
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
    let db = match Db::open(&path) {
        Ok(db) => db,
        Err(e) => {
            eprintln!("chorus: {e}");
            std::process::exit(1);
        }
    };
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
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
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("chorus: the window could not start: {e}");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    /// The commands registered with Tauri, `NAMES`, and the names `ui/src/api.ts`
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

        let api = include_str!("../../ui/src/api.ts");
        let mut invoked: Vec<&str> =
            api.match_indices("invoke<").filter_map(|(i, _)| api[i..].split('"').nth(1)).collect();
        invoked.sort_unstable();
        invoked.dedup();
        assert_eq!(invoked, names, "ui/src/api.ts calls other commands than the shell registers");
    }
}
