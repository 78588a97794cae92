//! The report as PDF: one page per slide, each the slide's own picture
//! ([`super::slide_svg`]) drawn by krilla with its text kept as text (the
//! shipped fonts embedded and subset), so the PDF is searchable and looks
//! exactly like the preview.

use krilla::Document;
use krilla::geom::Size;
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla_svg::{SurfaceExt, SvgSettings};

use super::{Deck, ReportError, layout, slide_svg};

/// The whole deck as a PDF document.
pub fn pdf(deck: &Deck) -> Result<Vec<u8>, ReportError> {
    let mut doc = Document::new();
    let size = Size::from_wh(layout::WIDTH, layout::HEIGHT).expect("a positive page size");
    for i in 0..deck.slides.len() {
        let svg = slide_svg::slide_svg(deck, i)?;
        let tree = crate::charts::fonts::tree_with(&svg, deck.theme.font.as_deref())?;
        let mut page = doc.start_page_with(PageSettings::new(size));
        let mut surface = page.surface();
        surface
            .draw_svg(&tree, size, SvgSettings { embed_text: true, ..SvgSettings::default() })
            .ok_or_else(|| ReportError::Pdf(format!("slide {} could not be drawn", i + 1)))?;
        surface.finish();
        page.finish();
    }
    doc.set_metadata(
        Metadata::new()
            .title(format!("{} · {}", deck.title, deck.period))
            .creator("Chorus".into())
            .language("en-GB".into()),
    );
    doc.finish().map_err(|e| ReportError::Pdf(format!("{e:?}")))
}
