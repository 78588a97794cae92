//! The fonts charts and slides use: DejaVu Sans (regular and bold), shipped
//! in `assets/fonts` and compiled in, or the brand's own font when one is
//! set ([`FontFace`]). Plotters and the slide layout measure text with them,
//! usvg lays it out with them; no system font is ever looked up.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use super::ChartError;

pub(crate) const FAMILY: &str = "DejaVu Sans";
pub(crate) static REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
pub(crate) static BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// A brand font: a TrueType or OpenType file the strategist chose, checked.
#[derive(Debug, Clone)]
pub struct FontFace {
    /// The family name the file declares ("Acme Sans").
    pub family: String,
    pub bytes: Arc<Vec<u8>>,
    /// Its bold face, when given (else titles are set in the regular face).
    pub bold: Option<Arc<Vec<u8>>>,
}

impl PartialEq for FontFace {
    fn eq(&self, other: &Self) -> bool {
        self.family == other.family && self.bytes == other.bytes && self.bold == other.bold
    }
}

/// The largest font file kept.
pub const MAX_FONT_BYTES: usize = 20 * 1024 * 1024;

impl FontFace {
    /// Checks a font file's bytes (`file` names it in errors): a TrueType
    /// or OpenType font with a family name and the Latin letters.
    pub fn from_bytes(file: &str, bytes: Vec<u8>) -> Result<FontFace, super::BrandError> {
        let refuse = |reason: String| super::BrandError::Font { file: file.to_owned(), reason };
        if bytes.len() > MAX_FONT_BYTES {
            return Err(refuse(format!(
                "the font is {:.0} MB; at most 20 MB is kept",
                bytes.len() as f64 / 1_048_576.0
            )));
        }
        let face = ttf_parser::Face::parse(&bytes, 0)
            .map_err(|e| refuse(format!("not a TrueType or OpenType font ({e}); a .ttf or .otf file is needed")))?;
        let family = face
            .names()
            .into_iter()
            .filter(|n| {
                n.name_id == ttf_parser::name_id::TYPOGRAPHIC_FAMILY || n.name_id == ttf_parser::name_id::FAMILY
            })
            .filter_map(|n| n.to_string())
            .find(|n| !n.trim().is_empty())
            .ok_or_else(|| refuse("the font has no family name".into()))?;
        if let Some(c) = ('a'..='z').chain('A'..='Z').find(|c| face.glyph_index(*c).is_none()) {
            return Err(refuse(format!("the font has no glyph for “{c}”: it cannot set the slides' text")));
        }
        Ok(FontFace { family: family.trim().to_owned(), bytes: Arc::new(bytes), bold: None })
    }

    /// The same family's bold face, checked like the regular one and
    /// required to belong to the same family.
    pub fn with_bold(mut self, file: &str, bytes: Vec<u8>) -> Result<FontFace, super::BrandError> {
        let bold = FontFace::from_bytes(file, bytes)?;
        if bold.family != self.family {
            return Err(super::BrandError::Font {
                file: file.to_owned(),
                reason: format!("its family is “{}”, not “{}”", bold.family, self.family),
            });
        }
        self.bold = Some(bold.bytes);
        Ok(self)
    }

    /// The bytes of the regular or bold face (the regular one when no bold is given).
    pub fn face(&self, bold: bool) -> &[u8] {
        match (&self.bold, bold) {
            (Some(b), true) => b.as_slice(),
            _ => self.bytes.as_slice(),
        }
    }
}

/// The family text is set in with `font` (the brand's, or DejaVu Sans).
pub(crate) fn family(font: Option<&FontFace>) -> &str {
    font.map(|f| f.family.as_str()).unwrap_or(FAMILY)
}

/// Registers the fonts with plotters (each family once per process; a
/// brand font's bytes are kept for the process's life, as plotters needs).
pub(super) fn register(font: Option<&FontFace>) -> Result<(), ChartError> {
    static DONE: OnceLock<Result<(), String>> = OnceLock::new();
    DONE.get_or_init(|| {
        use plotters::style::{FontStyle, register_font};
        register_font(FAMILY, FontStyle::Normal, REGULAR).map_err(|_| "the regular font is not a font")?;
        register_font(FAMILY, FontStyle::Bold, BOLD).map_err(|_| "the bold font is not a font")?;
        Ok(())
    })
    .clone()
    .map_err(ChartError::Draw)?;
    let Some(f) = font else { return Ok(()) };
    static BRANDS: OnceLock<Mutex<HashMap<String, FontFace>>> = OnceLock::new();
    let mut known =
        BRANDS.get_or_init(Default::default).lock().map_err(|_| ChartError::Draw("font registry".into()))?;
    if known.get(&f.family) == Some(f) {
        return Ok(());
    }
    let leak = |b: &[u8]| -> &'static [u8] { Box::leak(b.to_vec().into_boxed_slice()) };
    use plotters::style::{FontStyle, register_font};
    let bad = |_| ChartError::Draw(format!("{}: not a font", f.family));
    register_font(&f.family, FontStyle::Normal, leak(f.face(false))).map_err(bad)?;
    register_font(&f.family, FontStyle::Bold, leak(f.face(true))).map_err(bad)?;
    known.insert(f.family.clone(), f.clone());
    Ok(())
}

type Laid = Arc<usvg::Options<'static>>;

/// usvg's options for each family: the face they were built with, and them.
type OptionsCache = HashMap<String, (Option<FontFace>, Laid)>;

fn options(font: Option<&FontFace>) -> Laid {
    static CACHE: OnceLock<Mutex<OptionsCache>> = OnceLock::new();
    let key = family(font).to_owned();
    let cache = CACHE.get_or_init(Default::default);
    if let Ok(map) = cache.lock()
        && let Some((face, options)) = map.get(&key)
        && face.as_ref() == font
    {
        return options.clone();
    }
    let mut db = usvg::fontdb::Database::new();
    db.load_font_data(REGULAR.to_vec());
    db.load_font_data(BOLD.to_vec());
    if let Some(f) = font {
        db.load_font_data(f.bytes.as_slice().to_vec());
        if let Some(b) = &f.bold {
            db.load_font_data(b.as_slice().to_vec());
        }
    }
    let main = family(font).to_owned();
    db.set_sans_serif_family(&main);
    let options = Arc::new(usvg::Options { font_family: main, fontdb: Arc::new(db), ..usvg::Options::default() });
    if let Ok(mut map) = cache.lock() {
        map.insert(key, (font.cloned(), options.clone()));
    }
    options
}

/// Lays an SVG out with the shipped fonts (and the brand's, when given).
pub(crate) fn tree_with(svg: &str, font: Option<&FontFace>) -> Result<usvg::Tree, ChartError> {
    usvg::Tree::from_str(svg, &options(font)).map_err(|e| ChartError::Svg(e.to_string()))
}

/// Lays an SVG out with the shipped fonts.
pub(crate) fn tree(svg: &str) -> Result<usvg::Tree, ChartError> {
    tree_with(svg, None)
}
