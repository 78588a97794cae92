//! Chart drawing, side by side with matplotlib in the same run: a 40-series
//! line chart and a 40-bar chart at 1920×1080, as PNG and as SVG; median
//! milliseconds of each and the ratio (target: at least 5× faster).
//!
//! Run: `cargo bench --bench charts` (or `make bench`). matplotlib is
//! installed into `target/bench-venv` on first run (pip, from PyPI).

use std::path::Path;
use std::process::Command;

use chorus::charts::{BarRow, Body, Chart, Marks, Series, Size, Theme};
use chorus::demo::Rng;

#[path = "peers.rs"]
mod peers;
use peers::python;

const ROUNDS: usize = 15;

fn data() -> (Chart, Chart, serde_json::Value) {
    let mut rng = Rng::new(40);
    let start = chrono::NaiveDate::from_ymd_opt(2026, 1, 5).expect("date");
    let series: Vec<Series> = (0..40)
        .map(|i| Series {
            name: format!("Tool {}", i + 1),
            points: (0..52).map(|w| (start + chrono::Duration::weeks(w), (rng.unit() * 400.0).round())).collect(),
        })
        .collect();
    let bars: Vec<BarRow> = (0..40)
        .map(|i| {
            let share = rng.unit();
            BarRow {
                label: format!("Department {}", i + 1),
                share,
                note: format!("{:.0} %", share * 100.0),
                reference: None,
            }
        })
        .collect();
    let title = "Forty lines of a year, drawn for a slide".to_owned();
    let json = serde_json::json!({
        "title": title,
        "series": series.iter().map(|s| serde_json::json!({
            "name": s.name, "values": s.points.iter().map(|p| p.1).collect::<Vec<_>>()
        })).collect::<Vec<_>>(),
        "bars": bars.iter().map(|b| serde_json::json!({ "name": b.label, "share": b.share })).collect::<Vec<_>>(),
    });
    let chart =
        |body| Chart { title: title.clone(), subtitle: "benchmark".into(), footer: "Source: bench".into(), body };
    let lines = chart(Body::Trend { series, axis: "active people".into(), marks: Marks::default() });
    let bars = chart(Body::Bars { rows: bars, axis: "share".into(), reference: None });
    (lines, bars, json)
}

fn ours(chart: &Chart, png: bool) -> f64 {
    let draw = || {
        let svg = chorus::charts::svg(chart, Size::WIDE, &Theme::light()).expect("svg");
        if png {
            chorus::charts::png(&svg, 1.0).expect("png");
        }
    };
    peers::time(ROUNDS, draw)
}

fn main() {
    let (lines, bars, json) = data();
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("data.json");
    std::fs::write(&file, json.to_string()).expect("data");
    println!("Chart benchmark: 1920x1080, median of {ROUNDS} rounds");
    let mine = [
        ("lines_png", ours(&lines, true)),
        ("lines_svg", ours(&lines, false)),
        ("bars_png", ours(&bars, true)),
        ("bars_svg", ours(&bars, false)),
    ];
    let peer: Option<serde_json::Value> = python("matplotlib", &["matplotlib"]).and_then(|py| {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/charts_matplotlib.py");
        let out = Command::new(py).arg(script).arg(&file).arg(ROUNDS.to_string()).output().ok()?;
        if !out.status.success() {
            eprintln!("matplotlib failed: {}", String::from_utf8_lossy(&out.stderr));
            return None;
        }
        serde_json::from_slice(&out.stdout).ok()
    });
    for (name, ms) in mine {
        match peer.as_ref().and_then(|p| p[name].as_f64()) {
            Some(theirs) => println!(
                "  {name:<10} chorus {ms:>7.1} ms   matplotlib {theirs:>7.1} ms   ratio {:.1}x (target >= 5x): {}",
                theirs / ms,
                if theirs / ms >= 5.0 { "met" } else { "not met" }
            ),
            None => println!("  {name:<10} chorus {ms:>7.1} ms   matplotlib: not available"),
        }
    }
}
