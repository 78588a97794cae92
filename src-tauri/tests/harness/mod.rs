//! Running the real app headless: Xvfb on a free display, tauri-driver on
//! free ports, and a WebDriver session on `chorus-app`. Shared by the
//! end-to-end tests and the app benchmark (`bench/app.rs`).
#![allow(dead_code)] // each user takes what it needs

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port")
}

/// Stops a child with SIGTERM, not SIGKILL: tauri-driver must stop
/// WebKitWebDriver itself, or the latter keeps its port and pipes.
pub fn stop(child: &mut Child) {
    let _ = Command::new("kill").arg("-TERM").arg(child.id().to_string()).status();
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// Starts Xvfb on a display it picks itself; returns it and `:N`.
pub fn xvfb() -> (Child, String) {
    let mut xvfb = Command::new("Xvfb")
        .args(["-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("Xvfb (Debian package xvfb) must be installed; `make test` installs it");
    let mut line = String::new();
    BufReader::new(xvfb.stdout.take().expect("stdout")).read_line(&mut line).expect("display number");
    (xvfb, format!(":{}", line.trim()))
}

/// Starts tauri-driver for the app on `db`, with the webview's storage kept
/// under `state` (each run a first start; the user's own left alone).
pub fn driver(display: &str, db: &Path, state: &Path) -> (Child, u16) {
    let (port, native) = (free_port(), free_port());
    let driver = Command::new("tauri-driver")
        .args(["--port", &port.to_string(), "--native-port", &native.to_string()])
        .env("DISPLAY", display)
        .env("CHORUS_DB", db)
        .env("XDG_DATA_HOME", state.join("data"))
        .env("XDG_CACHE_HOME", state.join("cache"))
        .env("XDG_CONFIG_HOME", state.join("config"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("tauri-driver must be installed (`cargo install tauri-driver --locked`; `make test` does it)");
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "tauri-driver did not listen on port {port}");
        std::thread::sleep(Duration::from_millis(50));
    }
    (driver, port)
}

/// A WebDriver session on the app (this launches it).
pub async fn session(port: u16, app: &str) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), "wry".into());
    caps.insert("tauri:options".into(), serde_json::json!({ "application": app }));
    ClientBuilder::native()
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .expect("a WebDriver session on the app")
}
