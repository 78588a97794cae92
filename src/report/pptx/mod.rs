//! The deck as a PowerPoint file (PresentationML, ECMA-376), written by
//! hand on zip: one master and layout carrying the theme, a slide and a
//! notes page per slide, charts as native charts with their workbook (or
//! as pictures drawn by the core where PowerPoint cannot draw them the
//! same way). No pptx crate has a track record; this writer keeps the
//! package minimal and in schema order, and the tests open what it writes
//! with independent readers (python-pptx, LibreOffice).

mod chart;
mod parts;
mod slide;

use std::io::Write;

use zip::write::SimpleFileOptions;

use super::{Deck, ReportError, SlideBody, layout};
use crate::charts::{self, Size};
use parts::rel;

/// How charts are placed in the deck.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PptxOptions {
    /// Bar and line charts as native, editable PowerPoint charts (the
    /// others, and all when false, as pictures).
    pub native_charts: bool,
}

impl Default for PptxOptions {
    fn default() -> Self {
        PptxOptions { native_charts: true }
    }
}

/// The deck's `.pptx` bytes.
pub fn pptx(deck: &Deck, opts: PptxOptions) -> Result<Vec<u8>, ReportError> {
    layout::with_face(deck.theme.font.as_ref(), || write(deck, opts))
}

fn write(deck: &Deck, opts: PptxOptions) -> Result<Vec<u8>, ReportError> {
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut add = |name: String, bytes: Vec<u8>| files.push((name, bytes));
    let (mut charts_n, mut images_n) = (0usize, 0usize);
    let logo_name = deck.logo.as_ref().map(|l| format!("logo.{}", l.format.extension()));
    if let (Some(logo), Some(name)) = (&deck.logo, &logo_name) {
        add(format!("ppt/media/{name}"), logo.bytes.clone());
    }
    for (i, s) in deck.slides.iter().enumerate() {
        let number = i + 1;
        let mut rels = vec![
            rel("rId1", "slideLayout", "../slideLayouts/slideLayout1.xml"),
            rel("rId2", "notesSlide", format!("../notesSlides/notesSlide{number}.xml")),
        ];
        let visual = match &s.body {
            SlideBody::Chart { chart, .. } => match chart::grid(chart).filter(|_| opts.native_charts) {
                Some(grid) => {
                    charts_n += 1;
                    let n = charts_n;
                    add(format!("ppt/charts/chart{n}.xml"), chart::chart_xml(&grid, &deck.theme).into_bytes());
                    add(
                        format!("ppt/charts/_rels/chart{n}.xml.rels"),
                        parts::rels(&[rel(
                            "rId1",
                            "package",
                            format!("../embeddings/Microsoft_Excel_Worksheet{n}.xlsx"),
                        )])
                        .into_bytes(),
                    );
                    add(format!("ppt/embeddings/Microsoft_Excel_Worksheet{n}.xlsx"), chart::workbook(&grid)?);
                    rels.push(rel("rId3", "chart", format!("../charts/chart{n}.xml")));
                    Some(slide::Visual::Native("rId3"))
                }
                None => {
                    images_n += 1;
                    let (w, h) = layout::CHART_PIXELS;
                    let svg = charts::svg(chart, Size { width: w, height: h }, &layout::chart_theme(&deck.theme))?;
                    add(format!("ppt/media/image{images_n}.png"), charts::png(&svg, 1.0)?);
                    rels.push(rel("rId3", "image", format!("../media/image{images_n}.png")));
                    Some(slide::Visual::Picture("rId3"))
                }
            },
            _ => None,
        };
        let logo = match (&deck.logo, &logo_name) {
            (Some(l), Some(name)) => {
                rels.push(rel("rId4", "image", format!("../media/{name}")));
                Some(("rId4", l.aspect()))
            }
            _ => None,
        };
        add(
            format!("ppt/slides/slide{number}.xml"),
            slide::slide_xml(s, number, &deck.theme, visual, logo).into_bytes(),
        );
        add(format!("ppt/slides/_rels/slide{number}.xml.rels"), parts::rels(&rels).into_bytes());
        let (notes, notes_rels) = parts::notes(number, &s.notes);
        add(format!("ppt/notesSlides/notesSlide{number}.xml"), notes.into_bytes());
        add(format!("ppt/notesSlides/_rels/notesSlide{number}.xml.rels"), notes_rels.into_bytes());
    }
    let n = deck.slides.len();
    let (presentation, presentation_rels) = parts::presentation(n);
    let (master, master_rels) = parts::master(&deck.theme);
    let (layout_xml, layout_rels) = parts::layout_part();
    let (notes_master, notes_master_rels) = parts::notes_master();
    let mut fixed = vec![
        ("[Content_Types].xml".to_owned(), parts::content_types(&parts::Contents { slides: n, charts: charts_n })),
        ("_rels/.rels".into(), parts::package_rels()),
        ("docProps/core.xml".into(), parts::core(deck)),
        ("docProps/app.xml".into(), parts::app(n)),
        ("ppt/presentation.xml".into(), presentation),
        ("ppt/_rels/presentation.xml.rels".into(), presentation_rels),
        ("ppt/presProps.xml".into(), parts::pres_props()),
        ("ppt/viewProps.xml".into(), parts::view_props()),
        ("ppt/tableStyles.xml".into(), parts::table_styles()),
        ("ppt/theme/theme1.xml".into(), parts::theme(&deck.theme, "Chorus")),
        ("ppt/theme/theme2.xml".into(), parts::theme(&deck.theme, "Chorus notes")),
        ("ppt/slideMasters/slideMaster1.xml".into(), master),
        ("ppt/slideMasters/_rels/slideMaster1.xml.rels".into(), master_rels),
        ("ppt/slideLayouts/slideLayout1.xml".into(), layout_xml),
        ("ppt/slideLayouts/_rels/slideLayout1.xml.rels".into(), layout_rels),
        ("ppt/notesMasters/notesMaster1.xml".into(), notes_master),
        ("ppt/notesMasters/_rels/notesMaster1.xml.rels".into(), notes_master_rels),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflate = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let zerr = |e: zip::result::ZipError| ReportError::Package(e.to_string());
    for (name, text) in fixed.drain(..) {
        zip.start_file(name, deflate).map_err(zerr)?;
        zip.write_all(text.as_bytes()).map_err(|e| ReportError::Package(e.to_string()))?;
    }
    for (name, bytes) in files {
        // Pictures and workbooks are compressed already.
        let how = if name.ends_with(".png") || name.ends_with(".xlsx") { stored } else { deflate };
        zip.start_file(name, how).map_err(zerr)?;
        zip.write_all(&bytes).map_err(|e| ReportError::Package(e.to_string()))?;
    }
    Ok(zip.finish().map_err(zerr)?.into_inner())
}
