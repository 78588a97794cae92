//! The only fonts charts use: DejaVu Sans (regular and bold), shipped in
//! `assets/fonts` and compiled in. Plotters measures text with them, usvg
//! lays it out with them; no system font is looked up.

use std::sync::{Arc, OnceLock};

use super::ChartError;

pub(super) const FAMILY: &str = "DejaVu Sans";
pub(crate) static REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
pub(crate) static BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// Registers the fonts with plotters (once per process).
pub(super) fn register() -> Result<(), ChartError> {
    static DONE: OnceLock<Result<(), String>> = OnceLock::new();
    DONE.get_or_init(|| {
        use plotters::style::{FontStyle, register_font};
        register_font(FAMILY, FontStyle::Normal, REGULAR).map_err(|_| "the regular font is not a font")?;
        register_font(FAMILY, FontStyle::Bold, BOLD).map_err(|_| "the bold font is not a font")?;
        Ok(())
    })
    .clone()
    .map_err(ChartError::Draw)
}

fn options() -> &'static usvg::Options<'static> {
    static OPTIONS: OnceLock<usvg::Options<'static>> = OnceLock::new();
    OPTIONS.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(REGULAR.to_vec());
        db.load_font_data(BOLD.to_vec());
        db.set_sans_serif_family(FAMILY);
        usvg::Options { font_family: FAMILY.to_owned(), fontdb: Arc::new(db), ..usvg::Options::default() }
    })
}

/// Lays an SVG out with the shipped fonts.
pub(crate) fn tree(svg: &str) -> Result<usvg::Tree, ChartError> {
    usvg::Tree::from_str(svg, options()).map_err(|e| ChartError::Svg(e.to_string()))
}
