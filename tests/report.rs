//! The CEO report end to end on a demo organisation: the deck, PDF and
//! workbook are written, opened by independent readers (python-pptx and
//! openpyxl in `.venv`, LibreOffice, poppler — all installed by
//! `scripts/deps.sh`), compared with what Chorus meant to write, and
//! searched for anyone they must not name.

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use chorus::app::report::{ReportRequest, deck, export_log, export_report};
use chorus::report::{ExportKind, SlideBody, SlideName, Targets};
use chorus::store::Db;
use chrono::{DateTime, NaiveDate, Utc};

fn now() -> DateTime<Utc> {
    "2026-11-01T09:00:00Z".parse().unwrap()
}

/// 60 people: at that size some departments have fewer than five people,
/// and many people took no part at all.
fn demo() -> Db {
    let mut db = Db::open_in_memory().unwrap();
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    let opts = chorus::demo::DemoOptions { people: 60, seed: 4, as_of, activity: true };
    chorus::app::demo::load_demo(&mut db, opts, now()).unwrap();
    db
}

fn unzip(path: &Path) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes).unwrap();
            (f.name().expect("an entry name").into_owned(), bytes)
        })
        .collect()
}

/// Every XML part parses; every part the content types name exists; every
/// relationship points at a part that exists, with unique ids.
fn check_package(parts: &[(String, Vec<u8>)]) {
    let names: HashSet<&str> = parts.iter().map(|(n, _)| n.as_str()).collect();
    for (name, bytes) in parts {
        if !(name.ends_with(".xml") || name.ends_with(".rels")) {
            continue;
        }
        let mut reader = quick_xml::Reader::from_reader(bytes.as_slice());
        let mut buf = Vec::new();
        loop {
            match reader.read_event_into(&mut buf) {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("{name} is not well-formed XML: {e}"),
            }
            buf.clear();
        }
        let text = String::from_utf8(bytes.clone()).expect("UTF-8");
        assert!(!text.contains("NaN") && !text.contains("inf\""), "{name} carries a NaN or infinity");
        if name == "[Content_Types].xml" {
            for part in text.split("PartName=\"/").skip(1) {
                let part = &part[..part.find('"').unwrap()];
                assert!(names.contains(part), "content types name {part}, which is not in the package");
            }
        }
        if name.ends_with(".rels") {
            let dir = name.trim_end_matches(|c| c != '/').trim_end_matches("_rels/");
            let mut ids = HashSet::new();
            for r in text.split("<Relationship ").skip(1) {
                let attr = |a: &str| {
                    let at = r.find(&format!("{a}=\"")).unwrap() + a.len() + 2;
                    r[at..at + r[at..].find('"').unwrap()].to_owned()
                };
                assert!(ids.insert(attr("Id")), "{name}: relationship id repeated");
                let mut path: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
                let target = attr("Target");
                for step in target.split('/') {
                    match step {
                        ".." => {
                            path.pop();
                        }
                        s => path.push(s),
                    }
                }
                let resolved = path.join("/");
                assert!(names.contains(resolved.as_str()), "{name}: {target} → {resolved} is missing");
            }
        }
    }
}

fn venv_python() -> PathBuf {
    let py = Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv/bin/python");
    assert!(py.exists(), "{} is missing: `make test` creates it (scripts/deps.sh)", py.display());
    py
}

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?} does not run ({e}): `make test` installs it"));
    assert!(out.status.success(), "{cmd:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn deck_pdf_and_workbook_are_read_back_by_independent_readers_and_name_no_one() {
    let db = demo();
    let dir = tempfile::tempdir().unwrap();
    let (pptx, pdf, xlsx) =
        (dir.path().join("deck.pptx"), dir.path().join("report.pdf"), dir.path().join("tables.xlsx"));
    let req = ReportRequest {
        targets: Targets(vec![("active_share".into(), 0.5), ("median_first_reply".into(), 4.0 * 3600.0)]),
        ..ReportRequest::default()
    };
    let meant = deck(&db, &req, now().date_naive()).unwrap();
    assert_eq!(meant.slides.len(), 14, "the storyline, with the demo's evidence cards");
    let SlideBody::Cards { cards } = &meant.slides[2].body else {
        panic!("evidence third: {:?}", meant.slides[2].name)
    };
    assert_eq!(cards.len(), 2);
    for path in [&pptx, &pdf, &xlsx] {
        export_report(&db, &req, path, now()).unwrap();
    }

    // The package itself.
    let parts = unzip(&pptx);
    check_package(&parts);

    // python-pptx and openpyxl read it back.
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference/office.py");
    let read: serde_json::Value =
        serde_json::from_str(&run(Command::new(venv_python()).arg(script).arg(&pptx).arg(&xlsx))).unwrap();
    let slides = read["deck"]["slides"].as_array().unwrap();
    assert_eq!(read["deck"]["width"], 12_192_000, "16:9 widescreen");
    assert_eq!(read["deck"]["height"], 6_858_000);
    assert_eq!(slides.len(), meant.slides.len());
    let mut natives = 0;
    for (got, want) in slides.iter().zip(&meant.slides) {
        let title = got["title"].as_str().unwrap().replace('\u{a0}', " ");
        assert_eq!(title, want.title, "the title is the slide's title placeholder");
        assert!(got["notes"].as_str().unwrap().len() > 40, "speaker notes on {}: {}", want.title, got["notes"]);
        if let SlideBody::Chart { chart, .. } = &want.body {
            let charts = got["charts"].as_array().unwrap();
            assert_eq!(charts.len() + got["pictures"].as_u64().unwrap() as usize, 1, "one chart on {}", want.title);
            if let (Some(c), chorus::charts::Body::Bars { rows, .. }) = (charts.first(), &chart.body) {
                natives += 1;
                let cats: Vec<&str> = c["categories"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
                let labels: Vec<&str> = rows.iter().map(|r| r.label.as_str()).collect();
                assert_eq!(cats, labels, "bars in the deck's order");
                let values: Vec<f64> =
                    c["series"][0]["values"].as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
                let shares: Vec<f64> = rows.iter().map(|r| r.share).collect();
                // (serde_json's float parsing is not exact in the last digit.)
                let same =
                    values.len() == shares.len() && values.iter().zip(&shares).all(|(a, b)| (a - b).abs() < 1e-12);
                assert!(same, "the chart's cached values are the measures: {values:?} vs {shares:?}");
                let book = c["workbook"].as_array().unwrap();
                assert_eq!(book.len(), rows.len() + 1, "the embedded workbook holds the same rows");
                assert_eq!(book[1][0], rows[0].label.as_str());
                assert!(
                    (book[1][1].as_f64().unwrap() - rows[0].share).abs() < 1e-12,
                    "the embedded workbook holds the bar's share"
                );
            }
            if let (Some(c), chorus::charts::Body::Trend { series, .. }) = (charts.first(), &chart.body) {
                natives += 1;
                assert_eq!(c["type"].as_str().unwrap(), "LINE (4)");
                assert_eq!(c["series"].as_array().unwrap().len(), series.len());
            }
        }
    }
    assert!(natives >= 5, "bar and line charts are native: {natives}");
    let summary = &slides[1]["texts"];
    let tiles = summary.to_string();
    assert!(
        tiles.contains("target")
            && (tiles.contains("on target") || tiles.contains("off target") || tiles.contains("close to")),
        "{tiles}"
    );

    let sheets = read["workbook"]["sheets"].as_array().unwrap();
    assert_eq!(sheets.len(), meant.tables.len() + 1, "an About sheet and one per table");
    for (sheet, table) in sheets[1..].iter().zip(&meant.tables) {
        assert_eq!(sheet["rows"][0][0], table.title.as_str());
        assert_eq!(sheet["rows"].as_array().unwrap().len(), table.rows.len() + 3, "{}", table.name);
    }
    assert!(sheets.iter().filter(|s| s["charts"] == 1).count() >= 6, "native Excel charts beside the tables");

    // LibreOffice converts the deck; poppler renders every page of both PDFs.
    let profile = format!("-env:UserInstallation=file://{}", dir.path().join("lo-profile").display());
    run(Command::new("soffice")
        .args([&profile, "--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path().join("lo"))
        .arg(&pptx));
    let converted = dir.path().join("lo/deck.pdf");
    for (pdf, prefix) in [(&converted, "page-lo"), (&pdf, "page-ours")] {
        run(Command::new("pdftoppm").args(["-r", "20", "-png"]).arg(pdf).arg(dir.path().join(prefix)));
        let pages = std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().starts_with(&format!("{prefix}-")))
            .count();
        assert_eq!(pages, 14, "{} pages of {}", pages, pdf.display());
    }
    let our_text = run(Command::new("pdftotext").arg(&pdf).arg("-"));
    assert!(our_text.contains(&meant.slides[3].title[..20]), "the PDF's text is text: {our_text:.200}");
    assert!(our_text.contains("About 30 % of CEOs"), "the evidence cards are on their slide");
    let lo_text = run(Command::new("pdftotext").arg(&converted).arg("-"));

    // Privacy: no person is named, and no department of fewer than five people.
    let all = chorus::directory::query::ListQuery { limit: None, ..Default::default() };
    let people = chorus::app::directory::list_people(&db, &all).unwrap();
    assert!(people.items.len() >= 60, "the demo's directory is loaded");
    let facts = db.facts().unwrap();
    let dash = chorus::activity::measures::dashboard(&facts, &Default::default(), now().date_naive()).unwrap();
    let small: Vec<&str> =
        dash.by_department.iter().filter(|g| g.population < 5 && g.name != "(none)").map(|g| g.name.as_str()).collect();
    assert!(!small.is_empty(), "the fixture has small departments");
    assert!(dash.participation.lurkers > 0, "and people who took no part");
    let departments_slide = slides.iter().find(|s| s["title"].as_str().unwrap().contains("leads at")).unwrap();
    let labels = departments_slide["charts"][0]["categories"].to_string();
    let sheet = sheets.iter().find(|s| s["name"] == "departments").unwrap()["rows"].to_string();
    for d in &small {
        assert!(!labels.contains(&format!("\"{d}\"")), "{d} (under five people) is a bar: {labels}");
        assert!(!sheet.contains(&format!("\"{d}\"")), "{d} (under five people) is a row: {sheet}");
    }
    let mut texts: Vec<(String, String)> = vec![("report.pdf".into(), our_text), ("LibreOffice's PDF".into(), lo_text)];
    for file in [&pptx, &xlsx] {
        for (name, bytes) in unzip(file) {
            if name.ends_with(".xml") {
                texts.push((name, String::from_utf8(bytes).unwrap()));
            } else if name.ends_with(".xlsx") {
                let inner = dir.path().join("inner.xlsx");
                std::fs::write(&inner, bytes).unwrap();
                for (n, b) in unzip(&inner).into_iter().filter(|(n, _)| n.ends_with(".xml")) {
                    texts.push((format!("{name}/{n}"), String::from_utf8(b).unwrap()));
                }
            }
        }
    }
    // The evidence cards are the strategist's own words about the world, not
    // group data (one cites "Internal Communications"): left out of the search.
    let cards = chorus::app::report::evidence(&db).unwrap();
    for (_, text) in texts.iter_mut() {
        for c in &cards {
            for words in [&c.statement, &c.source] {
                *text = text.replace(words.as_str(), "").replace(&words.replace('&', "&amp;"), "");
            }
        }
    }
    for (where_, text) in &texts {
        for p in &people.items {
            assert!(!text.contains(&p.full_name), "{} is named in {where_}", p.full_name);
            let escaped = p.full_name.replace('&', "&amp;").replace('\'', "&apos;");
            assert!(!text.contains(&escaped), "{} is named in {where_}", p.full_name);
        }
        // (A name as short as "IT" is searched for below, in the charts and sheets.)
        for d in small.iter().filter(|d| d.len() > 3) {
            let escaped = d.replace('&', "&amp;");
            assert!(!text.contains(*d) && !text.contains(&escaped), "{d} (under five people) appears in {where_}");
        }
    }

    // Every export is logged.
    let log = export_log(&db, 10).unwrap();
    let kinds: Vec<ExportKind> = log.iter().map(|e| e.kind).collect();
    assert_eq!(kinds, [ExportKind::Workbook, ExportKind::Pdf, ExportKind::Deck]);
    assert!(log[2].path.ends_with("deck.pptx") && log[2].bytes > 10_000);
    assert!(log[2].what.contains("summary") && log[2].what.contains("last 90 days"), "{}", log[2].what);
}

#[test]
fn without_evidence_cards_there_is_no_evidence_slide() {
    let db = demo();
    for c in chorus::app::report::evidence(&db).unwrap() {
        chorus::app::report::remove_evidence(&db, c.id).unwrap();
    }
    let d = deck(&db, &ReportRequest::default(), now().date_naive()).unwrap();
    assert_eq!(d.slides.len(), 13);
    assert!(d.slides.iter().all(|s| s.name != SlideName::Evidence), "no card, no evidence slide");
}

#[test]
fn bad_requests_leave_nothing_behind() {
    let db = demo();
    let dir = tempfile::tempdir().unwrap();
    // A period without activity names the days that have some.
    let empty = ReportRequest {
        filter: chorus::activity::measures::Filter {
            from: NaiveDate::from_ymd_opt(2020, 1, 1),
            to: NaiveDate::from_ymd_opt(2020, 3, 31),
            ..Default::default()
        },
        ..ReportRequest::default()
    };
    let out = dir.path().join("deck.pptx");
    let err = export_report(&db, &empty, &out, now()).unwrap_err();
    assert_eq!(err.code(), "no_data");
    assert!(err.to_string().contains("2020-01-01") && err.to_string().contains("runs from"), "{err}");
    // A format that is not a report, and a folder that does not exist.
    let err = export_report(&db, &ReportRequest::default(), &dir.path().join("deck.docx"), now()).unwrap_err();
    assert_eq!(err.code(), "bad_format");
    let err = export_report(&db, &ReportRequest::default(), &dir.path().join("no/such/deck.pptx"), now()).unwrap_err();
    assert!(err.to_string().contains("deck.pptx"), "{err}");
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(left.is_empty(), "nothing written: {left:?}");
    assert!(export_log(&db, 10).unwrap().is_empty(), "and nothing logged");
    // A deck of chosen slides, in the chosen order, replaces the old file whole.
    std::fs::write(&out, b"old").unwrap();
    let chosen = ReportRequest { slides: vec![SlideName::Departments, SlideName::Cover], ..ReportRequest::default() };
    export_report(&db, &chosen, &out, now()).unwrap();
    let parts = unzip(&out);
    check_package(&parts);
    assert_eq!(parts.iter().filter(|(n, _)| n.starts_with("ppt/slides/slide")).count(), 2);
    let first = &parts.iter().find(|(n, _)| n == "ppt/slides/slide1.xml").unwrap().1;
    assert!(String::from_utf8_lossy(first).contains("leads at"), "departments first");
}

#[test]
fn a_saved_deck_keeps_its_story_and_shows_what_moved_since_its_last_run() {
    let db = demo();
    let dir = tempfile::tempdir().unwrap();
    let edits = vec![chorus::report::SlideEdit {
        slide: "departments".into(),
        title: Some("Where we stand, department by department".into()),
        notes: Some("Say it plainly.".into()),
        points: None,
    }];
    let req = ReportRequest {
        slides: vec![SlideName::Cover, SlideName::Summary, SlideName::Departments],
        filter: chorus::activity::measures::Filter { days: Some(60), ..Default::default() },
        edits,
        ..ReportRequest::default()
    };
    let saved = chorus::app::report::save_deck(&db, "Monthly", &req, now()).unwrap();
    assert_eq!(
        saved.spec.slides,
        ["cover", "summary", "changes", "departments"],
        "the changes slide joins a saved deck"
    );
    let run = chorus::app::report::request_of(&saved).unwrap();
    let first = deck(&db, &run, now().date_naive()).unwrap();
    assert!(first.slides[2].title.contains("What changed"), "nothing to compare on a first run");
    assert_eq!(first.slides[3].title, "Where we stand, department by department", "the edit is kept");
    assert_eq!(first.slides[3].notes, "Say it plainly.");
    export_report(&db, &run, &dir.path().join("one.pptx"), now()).unwrap();
    let recorded = chorus::app::report::saved_deck(&db, "Monthly").unwrap().last_run.unwrap();
    assert!(!recorded.figures.is_empty(), "the run keeps its headline figures");
    // A month later, on a shorter window: the same story, and what moved.
    let later =
        ReportRequest { filter: chorus::activity::measures::Filter { days: Some(20), ..Default::default() }, ..run };
    let second = deck(&db, &later, now().date_naive()).unwrap();
    let changes = &second.slides[2];
    assert!(changes.title.starts_with("Since the report to"), "{}", changes.title);
    let SlideBody::Figures { tiles, .. } = &changes.body else { panic!("tiles: {:?}", changes.body) };
    assert!(tiles.iter().any(|t| t.change.contains("(was ")), "{tiles:?}");
}

#[test]
fn the_brand_and_the_privacy_threshold_apply_to_every_slide() {
    let db = demo();
    let dir = tempfile::tempdir().unwrap();
    let logo = dir.path().join("logo.png");
    // A real 4×2 PNG.
    let mut png = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut png, 4, 2);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        enc.write_header().unwrap().write_image_data(&[90; 24]).unwrap();
    }
    std::fs::write(&logo, &png).unwrap();
    use chorus::app::settings;
    settings::set_brand(&db, Some("Acme Group".into()), &["#5B2C83".into(), "#F2A900".into()], false, Some("#5B2C83"))
        .unwrap();
    settings::set_logo(&db, Some(&logo)).unwrap();
    let err = settings::set_logo(&db, Some(&dir.path().join("missing.png"))).unwrap_err();
    assert!(err.to_string().contains("missing.png"), "{err}");
    let err = settings::set_min_group(&db, 2).unwrap_err();
    assert!(err.to_string().contains("between 3 and 100"), "{err}");
    let facts = db.facts().unwrap();
    let dash = chorus::activity::measures::dashboard(&facts, &Default::default(), now().date_naive()).unwrap();
    // A threshold just above the smallest named department's size hides it.
    let smallest = dash
        .by_department
        .iter()
        .filter(|g| g.population >= 5 && g.name != "(none)")
        .min_by_key(|g| g.population)
        .unwrap();
    settings::set_min_group(&db, smallest.population + 1).unwrap();

    let out = dir.path().join("deck.pptx");
    export_report(&db, &ReportRequest::default(), &out, now()).unwrap();
    let parts = unzip(&out);
    check_package(&parts);
    let text = |name: &str| String::from_utf8(parts.iter().find(|(n, _)| n == name).unwrap().1.clone()).unwrap();
    assert!(parts.iter().any(|(n, b)| n == "ppt/media/logo.png" && *b == png), "the logo, as given");
    for i in 1..=12 {
        assert!(
            text(&format!("ppt/slides/_rels/slide{i}.xml.rels")).contains("../media/logo.png"),
            "logo on slide {i}"
        );
    }
    assert!(text("ppt/theme/theme1.xml").contains("<a:accent1><a:srgbClr val=\"5B2C83\"/>"), "the brand's accent");
    assert!(
        text("ppt/slides/slide1.xml").contains("Acme Group: our internal conversation"),
        "the cover names the organisation"
    );
    let departments =
        (1..=12).map(|i| text(&format!("ppt/slides/slide{i}.xml"))).find(|x| x.contains("leads at")).unwrap();
    let chart = parts
        .iter()
        .filter(|(n, _)| n.starts_with("ppt/charts/chart"))
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned());
    let escaped = smallest.name.replace('&', "&amp;");
    assert!(chart.clone().any(|c| c.contains("smaller group")), "merged under the threshold");
    assert!(
        !departments.contains(&escaped) && chart.clone().all(|c| !c.contains(&format!("<c:v>{escaped}</c:v>"))),
        "{} hidden",
        smallest.name
    );
    let svg = chorus::app::report::previews(&db, &ReportRequest::default(), now().date_naive()).unwrap();
    assert!(svg.iter().all(|p| p.svg.contains("<image")), "the previews carry the logo too");
}

#[test]
fn a_chart_added_with_its_filters_becomes_a_slide_of_the_deck() {
    let db = demo();
    let facts = db.facts().unwrap();
    let dash = chorus::activity::measures::dashboard(&facts, &Default::default(), now().date_naive()).unwrap();
    let tool = dash.tools[0].clone();
    let filter = chorus::activity::measures::Filter { tool: Some(tool.clone()), days: Some(30), ..Default::default() };
    let saved = chorus::app::report::add_to_deck(&db, "Board", "active-people", &filter, now()).unwrap();
    assert!(saved.spec.slides.contains(&"added-1".to_owned()), "{:?}", saved.spec.slides);
    let at = |n: &str| saved.spec.slides.iter().position(|s| s == n).unwrap();
    assert_eq!(at("added-1") + 1, at("recommendation"), "just before the recommendation");
    let err = chorus::app::report::add_to_deck(&db, "Board", "no-such-chart", &filter, now()).unwrap_err();
    assert!(err.to_string().contains("no-such-chart"), "{err}");
    let run = chorus::app::report::request_of(&chorus::app::report::saved_deck(&db, "Board").unwrap()).unwrap();
    let d = deck(&db, &run, now().date_naive()).unwrap();
    let slide = d.slides.iter().find(|s| s.name == SlideName::Added(0)).expect("the added slide");
    let SlideBody::Chart { chart, points } = &slide.body else { panic!("a chart") };
    assert!(chart.subtitle.contains(&tool), "drawn for its own tool: {}", chart.subtitle);
    assert!(points[0].contains(&format!("tool {tool}")) && points[0].contains("30 days"), "{points:?}");
    let main = d.slides.iter().find(|s| s.name == SlideName::Active).unwrap();
    let SlideBody::Chart { chart: all_tools, .. } = &main.body else { panic!("a chart") };
    assert!(all_tools.subtitle.contains("all tools"), "the storyline keeps the deck's own filters");
}

#[test]
fn the_brand_font_sets_every_slide_chart_and_page() {
    let db = demo();
    let dir = tempfile::tempdir().unwrap();
    let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fonts");
    use chorus::app::settings;
    let err =
        settings::set_font(&db, Some(&Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")), None).unwrap_err();
    assert!(err.to_string().contains("README.md: not a TrueType or OpenType font"), "{err}");
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/fonts/DejaVuSans-Bold.ttf");
    let err = settings::set_font(&db, Some(&fonts.join("DejaVuSerif.ttf")), Some(&shipped)).unwrap_err();
    assert!(err.to_string().contains("not “DejaVu Serif”"), "a bold of another family: {err}");
    let s = settings::set_font(&db, Some(&fonts.join("DejaVuSerif.ttf")), Some(&fonts.join("DejaVuSerif-Bold.ttf")))
        .unwrap();
    assert_eq!(s.font.as_deref(), Some("DejaVu Serif"));

    let (pptx, pdf) = (dir.path().join("deck.pptx"), dir.path().join("report.pdf"));
    export_report(&db, &ReportRequest::default(), &pptx, now()).unwrap();
    export_report(&db, &ReportRequest::default(), &pdf, now()).unwrap();
    let parts = unzip(&pptx);
    check_package(&parts);
    let theme = String::from_utf8(parts.iter().find(|(n, _)| n == "ppt/theme/theme1.xml").unwrap().1.clone()).unwrap();
    assert!(
        theme.contains("<a:latin typeface=\"DejaVu Serif\"/>") && !theme.contains("DejaVu Sans"),
        "the theme's font"
    );
    let slide = String::from_utf8(parts.iter().find(|(n, _)| n == "ppt/slides/slide2.xml").unwrap().1.clone()).unwrap();
    assert!(slide.contains("typeface=\"DejaVu Serif\""), "runs name it");
    let fonts_used = run(Command::new("pdffonts").arg(&pdf));
    assert!(fonts_used.contains("DejaVuSerif ") || fonts_used.contains("DejaVuSerif\n"), "{fonts_used}");
    assert!(fonts_used.contains("DejaVuSerif-Bold"), "titles in the bold face: {fonts_used}");
    assert!(!fonts_used.contains("DejaVuSans"), "nothing left in the shipped font: {fonts_used}");
    settings::set_font(&db, None, None).unwrap();
    assert!(settings::settings(&db).unwrap().font.is_none(), "back to DejaVu Sans");
}

/// The network map and champions' coverage join the deck: drawn as a picture
/// and a native bar chart, read back by python-pptx, naming no one.
#[test]
fn the_network_and_champions_slides_name_no_one() {
    let db = demo();
    let dir = tempfile::tempdir().unwrap();
    let (pptx, pdf) = (dir.path().join("network.pptx"), dir.path().join("network.pdf"));
    let req = ReportRequest {
        slides: vec![SlideName::Cover, SlideName::Network, SlideName::Champions],
        filter: chorus::activity::measures::Filter { days: Some(365), ..Default::default() },
        ..ReportRequest::default()
    };
    let meant = deck(&db, &req, now().date_naive()).unwrap();
    assert!(meant.slides[1].title.contains("communities"), "{}", meant.slides[1].title);
    assert!(meant.slides[2].title.contains("within two steps of a champion"), "{}", meant.slides[2].title);
    export_report(&db, &req, &pptx, now()).unwrap();
    export_report(&db, &req, &pdf, now()).unwrap();
    let parts = unzip(&pptx);
    check_package(&parts);
    assert!(parts.iter().any(|(n, _)| n.starts_with("ppt/media/")), "the map is a picture");
    assert!(parts.iter().any(|(n, _)| n.starts_with("ppt/charts/")), "coverage is a native chart");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference/office.py");
    let xlsx = dir.path().join("t.xlsx");
    export_report(&db, &req, &xlsx, now()).unwrap();
    let read: serde_json::Value =
        serde_json::from_str(&run(Command::new(venv_python()).arg(script).arg(&pptx).arg(&xlsx))).unwrap();
    assert_eq!(read["deck"]["slides"].as_array().unwrap().len(), 3);
    let all = chorus::directory::query::ListQuery { limit: None, ..Default::default() };
    let people = chorus::app::directory::list_people(&db, &all).unwrap();
    let mut text = run(Command::new("pdftotext").arg(&pdf).arg("-"));
    for (name, bytes) in parts.iter().filter(|(n, _)| n.ends_with(".xml")) {
        text.push_str(name);
        text.push_str(&String::from_utf8_lossy(bytes));
    }
    for p in &people.items {
        assert!(!text.contains(&p.full_name), "{} is named", p.full_name);
    }
}

#[test]
fn a_deck_whose_edited_text_names_a_colleague_is_refused_whole() {
    let db = demo();
    let dir = tempfile::tempdir().unwrap();
    let q = chorus::directory::query::ListQuery { limit: Some(1), ..Default::default() };
    let someone = chorus::app::directory::list_people(&db, &q).unwrap().items.remove(0).full_name;
    // Typed in lower case into the notes of one slide, as a strategist might.
    let edit = chorus::report::SlideEdit {
        slide: "summary".into(),
        title: None,
        notes: Some(format!("Thank {} for the launch.", someone.to_lowercase())),
        points: None,
    };
    let named = ReportRequest { edits: vec![edit], ..ReportRequest::default() };
    for file in ["deck.pptx", "deck.pdf", "deck.xlsx"] {
        let err = export_report(&db, &named, &dir.path().join(file), now()).unwrap_err();
        assert_eq!(err.code(), "privacy", "{file}: {err}");
        assert!(err.to_string().contains(&format!("would name {someone}")), "{file}: the message names whom: {err}");
    }
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(left.is_empty(), "nothing written: {left:?}");
    assert!(export_log(&db, 10).unwrap().is_empty(), "and nothing logged");
    // Without the name, the same deck leaves.
    export_report(&db, &ReportRequest::default(), &dir.path().join("deck.pptx"), now()).expect("the deck names no one");
}

#[test]
fn an_evidence_cards_author_is_cited_even_when_a_colleague_shares_the_name() {
    let db = demo();
    let dir = tempfile::tempdir().unwrap();
    let q = chorus::directory::query::ListQuery { limit: Some(2), ..Default::default() };
    let people = chorus::app::directory::list_people(&db, &q).unwrap().items;
    let (author, colleague) = (&people[0].full_name, &people[1].full_name);
    let cite = format!("{author}, a published study");
    chorus::app::report::add_evidence(&db, "Communities need their champions.", &cite, None, now()).unwrap();
    export_report(&db, &ReportRequest::default(), &dir.path().join("deck.pptx"), now())
        .expect("a card's source is a citation (repeated in the notes), not a colleague named");
    let corridor = format!("As {colleague} told us in the corridor");
    chorus::app::report::add_evidence(&db, &corridor, "a chat", None, now()).unwrap();
    let err = export_report(&db, &ReportRequest::default(), &dir.path().join("deck2.pptx"), now()).unwrap_err();
    assert_eq!(err.code(), "privacy", "a statement that names a colleague is read: {err}");
    assert!(err.to_string().contains(colleague.as_str()), "{err}");
}
