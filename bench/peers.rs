//! What the benchmarks that run a Python peer share: timing by median, and
//! the virtual environment (`target/bench-venv`) the peers run in, made or
//! completed on first use (pip, from PyPI).
#![allow(dead_code)] // each benchmark uses part of this module

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

pub fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Median milliseconds of `rounds` runs of `f`, after one to warm up.
pub fn time(rounds: usize, mut f: impl FnMut()) -> f64 {
    f();
    median(
        (0..rounds)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed().as_secs_f64() * 1e3
            })
            .collect(),
    )
}

/// The venv's python, with `modules` importable (installing `packages`
/// when they are not); `None` when that cannot be done here.
pub fn python(modules: &str, packages: &[&str]) -> Option<PathBuf> {
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-venv");
    let py = venv.join("bin/python");
    let ready = |py: &Path| {
        Command::new(py)
            .args(["-c", &format!("import {modules}")])
            .stderr(Stdio::null())
            .status()
            .map(|s| s.success())
            .unwrap_or(false)
    };
    if !ready(&py) {
        let made = py.exists() || Command::new("python3").arg("-m").arg("venv").arg(&venv).status().ok()?.success();
        let installed =
            made && Command::new(venv.join("bin/pip")).args(["install", "-q"]).args(packages).status().ok()?.success();
        if !installed {
            return None;
        }
    }
    Some(py)
}
