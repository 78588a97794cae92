//! The CEO report end to end over the demo organisation (1,000 people, a
//! year of activity on three tools), side by side in one run with its
//! peers:
//! - the deck (13 slides with the demo's evidence cards; `.pptx`, from the database to the file's bytes)
//!   against python-pptx assembling the same slides plus matplotlib
//!   drawing the same charts (target: under 1 s);
//! - the PDF report against LibreOffice converting our deck to PDF
//!   (target: under 2 s);
//! - the workbook, for the record.
//!
//! Run: `cargo bench --bench report` (or `make bench`). matplotlib and
//! python-pptx go into `target/bench-venv` on first run (pip, from PyPI).

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use chorus::app::report::{ReportRequest, deck, render};
use chorus::charts::Body;
use chorus::report::{ExportKind, SlideBody, pptx::PptxOptions};

#[path = "peers.rs"]
mod peers;
use peers::{median, python};

fn time(f: impl FnMut()) -> f64 {
    peers::time(ROUNDS, f)
}

const ROUNDS: usize = 7;

fn main() {
    let mut db = chorus::store::Db::open_in_memory().expect("db");
    let now: chrono::DateTime<chrono::Utc> = "2026-11-01T09:00:00Z".parse().expect("now");
    let today = now.date_naive();
    let opts = chorus::demo::DemoOptions { people: 1000, seed: 1, as_of: today, activity: true };
    chorus::app::demo::load_demo(&mut db, opts, now).expect("demo");
    let req = ReportRequest::default();
    let built = deck(&db, &req, today).expect("deck");
    let slides = built.slides.len();

    let native = time(|| {
        let d = deck(&db, &req, today).expect("deck");
        render(&d, ExportKind::Deck, PptxOptions::default()).expect("pptx");
    });
    let pictures = time(|| {
        let d = deck(&db, &req, today).expect("deck");
        render(&d, ExportKind::Deck, PptxOptions { native_charts: false }).expect("pptx");
    });
    let pdf = time(|| {
        let d = deck(&db, &req, today).expect("deck");
        render(&d, ExportKind::Pdf, PptxOptions::default()).expect("pdf");
    });
    let xlsx = time(|| {
        let d = deck(&db, &req, today).expect("deck");
        render(&d, ExportKind::Workbook, PptxOptions::default()).expect("xlsx");
    });
    println!(
        "Report benchmark: demo organisation of 1,000 people, a year on three tools; {slides} slides; median of {ROUNDS}"
    );
    println!("  deck .pptx, native charts     {native:>8.0} ms  (target < 1000)");
    println!("  deck .pptx, charts as pictures {pictures:>7.0} ms");
    println!("  PDF report                    {pdf:>8.0} ms  (target < 2000)");
    println!("  workbook .xlsx                {xlsx:>8.0} ms");

    // The peers, on the same slides and chart data.
    let dir = tempfile::tempdir().expect("tmp");
    let mut charts = Vec::new();
    let mut slides_json = Vec::new();
    for (i, s) in built.slides.iter().enumerate() {
        let points = match &s.body {
            SlideBody::Chart { points, .. } | SlideBody::Figures { points, .. } | SlideBody::Points { points } => {
                points.clone()
            }
            SlideBody::Cover { subtitle } => vec![subtitle.clone()],
            SlideBody::Cards { cards } => {
                cards.iter().map(|(statement, source)| format!("{statement} ({source})")).collect()
            }
        };
        slides_json.push(serde_json::json!({ "index": i, "title": s.title, "points": points, "notes": s.notes }));
        if let SlideBody::Chart { chart, .. } = &s.body {
            match &chart.body {
                Body::Trend { series, .. } => charts.push(serde_json::json!({
                    "index": i, "kind": "lines", "subtitle": chart.subtitle,
                    "series": series.iter().map(|s| serde_json::json!({
                        "name": s.name, "values": s.points.iter().map(|p| p.1).collect::<Vec<_>>() })).collect::<Vec<_>>(),
                })),
                Body::Bars { rows, .. } => charts.push(serde_json::json!({
                    "index": i, "kind": "bars", "subtitle": chart.subtitle,
                    "rows": rows.iter().map(|r| serde_json::json!({ "label": r.label, "share": r.share })).collect::<Vec<_>>(),
                })),
                Body::Curve { points, .. } => charts.push(serde_json::json!({
                    "index": i, "kind": "lines", "subtitle": chart.subtitle,
                    "series": [serde_json::json!({ "name": "Lorenz", "values": points.iter().map(|p| p.1).collect::<Vec<_>>() })],
                })),
                Body::Quadrants { .. } | Body::Network { .. } | Body::Empty { .. } => {}
            }
        }
    }
    let data = dir.path().join("deck.json");
    std::fs::write(&data, serde_json::json!({ "slides": slides_json, "charts": charts }).to_string()).expect("json");
    match python("matplotlib, pptx", &["matplotlib", "python-pptx==1.0.2"]) {
        Some(py) => {
            let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/report_python.py");
            let out = Command::new(py).arg(script).arg(&data).arg(ROUNDS.to_string()).output().expect("python");
            match serde_json::from_slice::<serde_json::Value>(&out.stdout) {
                Ok(v) => {
                    let whole = v["whole"].as_f64().unwrap_or(f64::NAN);
                    println!(
                        "  python-pptx + matplotlib      {whole:>8.0} ms  ({} pictures; python-pptx alone {:.0} ms) → Chorus {:.1}× faster (native), {:.1}× (pictures)",
                        v["pictures"],
                        v["pptx_only"].as_f64().unwrap_or(f64::NAN),
                        whole / native,
                        whole / pictures
                    );
                }
                Err(_) => eprintln!("  the python peer failed: {}", String::from_utf8_lossy(&out.stderr)),
            }
        }
        None => eprintln!("  python peer skipped: no venv with matplotlib and python-pptx"),
    }
    let pptx = dir.path().join("deck.pptx");
    std::fs::write(&pptx, render(&built, ExportKind::Deck, PptxOptions::default()).expect("pptx")).expect("write");
    let profile = format!("-env:UserInstallation=file://{}", dir.path().join("lo").display());
    let convert = || {
        Command::new("soffice")
            .args([&profile, "--headless", "--convert-to", "pdf", "--outdir"])
            .arg(dir.path())
            .arg(&pptx)
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false)
    };
    if convert() {
        let lo = median(
            (0..3)
                .map(|_| {
                    let t = Instant::now();
                    convert();
                    t.elapsed().as_secs_f64() * 1e3
                })
                .collect(),
        );
        println!("  LibreOffice deck → PDF        {lo:>8.0} ms  → Chorus's PDF {:.1}× faster", lo / pdf);
    } else {
        eprintln!("  LibreOffice peer skipped: soffice did not convert the deck");
    }
}
