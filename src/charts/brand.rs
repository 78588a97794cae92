//! The organisation's brand, set once and applied to every chart and slide:
//! its name, its colours (the colour-blind-safe palette by default), light
//! or dark pages, and its logo (PNG or JPEG, checked before it is kept).

use serde::{Deserialize, Serialize};

use super::theme::{Palette, Rgb, Theme};

/// The brand as stored (the logo's bytes are kept apart).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Brand {
    /// Shown on the cover ("Acme: our internal conversation…").
    pub organisation: Option<String>,
    /// Series colours as `#RRGGBB`, first the accent; empty: Okabe–Ito.
    pub palette: Vec<String>,
    /// Light text on dark pages.
    pub dark: bool,
    /// The colour of titles (`#RRGGBB`); the text's when `None`.
    pub title_colour: Option<String>,
}

/// Why a brand setting was refused.
#[derive(Debug, thiserror::Error)]
pub enum BrandError {
    #[error("“{0}” is not a colour: write it #RRGGBB, e.g. #0072B2")]
    Colour(String),
    #[error("a palette needs 2 to 12 colours (it has {0})")]
    PaletteSize(usize),
    #[error("{file}: {reason}")]
    Logo { file: String, reason: String },
    #[error("{file}: {reason}")]
    Font { file: String, reason: String },
    #[error("the privacy threshold must be between {floor} and {max} people (not {n})")]
    Threshold { n: u32, floor: u32, max: u32 },
}

impl BrandError {
    pub fn code(&self) -> &'static str {
        "bad_setting"
    }
}

/// `#0072B2` (or `0072b2`) as a colour.
pub fn parse_colour(s: &str) -> Option<Rgb> {
    let hex = s.trim().trim_start_matches('#');
    if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some(Rgb(byte(0)?, byte(2)?, byte(4)?))
}

impl Brand {
    /// The brand with a checked title colour (`#RRGGBB`), or none.
    pub fn with_title_colour(mut self, colour: Option<&str>) -> Result<Brand, BrandError> {
        self.title_colour = match colour.map(str::trim).filter(|c| !c.is_empty()) {
            Some(c) => {
                let rgb = parse_colour(c).ok_or_else(|| BrandError::Colour(c.to_owned()))?;
                Some(format!("#{:02X}{:02X}{:02X}", rgb.0, rgb.1, rgb.2))
            }
            None => None,
        };
        Ok(self)
    }

    /// The brand with a checked palette: every colour `#RRGGBB`, 2 to 12 of them.
    pub fn with_palette(mut self, colours: &[String]) -> Result<Brand, BrandError> {
        if !colours.is_empty() && !(2..=12).contains(&colours.len()) {
            return Err(BrandError::PaletteSize(colours.len()));
        }
        let mut out = Vec::new();
        for c in colours {
            let rgb = parse_colour(c).ok_or_else(|| BrandError::Colour(c.clone()))?;
            out.push(format!("#{:02X}{:02X}{:02X}", rgb.0, rgb.1, rgb.2));
        }
        self.palette = out;
        Ok(self)
    }

    /// The theme charts and slides are drawn with.
    pub fn theme(&self) -> Theme {
        let mut theme = if self.dark { Theme::dark() } else { Theme::light() };
        let colours: Vec<Rgb> = self.palette.iter().filter_map(|c| parse_colour(c)).collect();
        if colours.len() >= 2 {
            theme.palette = Palette(colours);
        }
        if let Some(c) = self.title_colour.as_deref().and_then(parse_colour) {
            theme.title = c;
        }
        theme
    }
}

/// A logo's picture format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ImageFormat {
    Png,
    Jpeg,
}

impl ImageFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Png => "png",
            ImageFormat::Jpeg => "jpeg",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            ImageFormat::Png => "image/png",
            ImageFormat::Jpeg => "image/jpeg",
        }
    }
}

/// A logo, checked: a PNG or JPEG picture of sensible size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logo {
    pub bytes: Vec<u8>,
    pub format: ImageFormat,
    pub width: u32,
    pub height: u32,
}

/// The largest logo file kept (a logo is a small picture).
pub const MAX_LOGO_BYTES: usize = 2 * 1024 * 1024;
/// The largest side of a logo, in pixels.
pub const MAX_LOGO_SIDE: u32 = 4096;

impl Logo {
    /// Checks a logo file's bytes: `file` names it in errors.
    pub fn from_bytes(file: &str, bytes: Vec<u8>) -> Result<Logo, BrandError> {
        let refuse = |reason: String| BrandError::Logo { file: file.to_owned(), reason };
        if bytes.len() > MAX_LOGO_BYTES {
            return Err(refuse(format!(
                "the logo is {:.1} MB; a logo of at most {} MB is kept (export it smaller)",
                bytes.len() as f64 / 1_048_576.0,
                MAX_LOGO_BYTES / 1_048_576
            )));
        }
        let (format, size) = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            (ImageFormat::Png, png_size(&bytes))
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            (ImageFormat::Jpeg, jpeg_size(&bytes))
        } else {
            return Err(refuse("not a PNG or JPEG picture (an SVG or PDF logo: export it as PNG first)".into()));
        };
        let (width, height) = size.ok_or_else(|| refuse(format!("a damaged {} picture", format.extension())))?;
        if width == 0 || height == 0 || width > MAX_LOGO_SIDE || height > MAX_LOGO_SIDE {
            return Err(refuse(format!("the logo is {width}×{height} pixels; at most {MAX_LOGO_SIDE} on a side")));
        }
        Ok(Logo { bytes, format, width, height })
    }

    /// Width ÷ height.
    pub fn aspect(&self) -> f32 {
        self.width as f32 / self.height as f32
    }

    /// The picture as a `data:` URL.
    pub fn data_url(&self) -> String {
        use base64::Engine;
        format!("data:{};base64,{}", self.format.mime(), base64::engine::general_purpose::STANDARD.encode(&self.bytes))
    }
}

/// A PNG's size, from its IHDR chunk.
fn png_size(b: &[u8]) -> Option<(u32, u32)> {
    if b.len() < 24 || &b[12..16] != b"IHDR" {
        return None;
    }
    let word = |at: usize| u32::from_be_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]);
    Some((word(16), word(20)))
}

/// A JPEG's size, from its first start-of-frame marker.
fn jpeg_size(b: &[u8]) -> Option<(u32, u32)> {
    let mut i = 2;
    while i + 9 < b.len() {
        if b[i] != 0xFF {
            return None;
        }
        let marker = b[i + 1];
        if marker == 0xFF {
            i += 1;
            continue;
        }
        let len = usize::from(u16::from_be_bytes([b[i + 2], b[i + 3]]));
        // SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC).
        if (0xC0..=0xCF).contains(&marker) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
            let h = u16::from_be_bytes([b[i + 5], b[i + 6]]);
            let w = u16::from_be_bytes([b[i + 7], b[i + 8]]);
            return Some((u32::from(w), u32::from(h)));
        }
        i += 2 + len;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A real 2×1 PNG (red and blue pixels).
    pub(crate) fn tiny_png() -> Vec<u8> {
        let mut out = Vec::new();
        let mut enc = png::Encoder::new(&mut out, 2, 1);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        let mut w = enc.write_header().unwrap();
        w.write_image_data(&[255, 0, 0, 0, 0, 255]).unwrap();
        w.finish().unwrap();
        out
    }

    #[test]
    fn palettes_are_checked_and_become_the_theme() {
        let b = Brand::default().with_palette(&["#112233".into(), "aabbcc".into()]).unwrap();
        assert_eq!(b.palette, ["#112233", "#AABBCC"]);
        assert_eq!(b.theme().palette.0[1], Rgb(0xAA, 0xBB, 0xCC));
        assert!(matches!(
            Brand::default().with_palette(&["#12345".into(), "#000000".into()]),
            Err(BrandError::Colour(_))
        ));
        assert!(matches!(Brand::default().with_palette(&["#123456".into()]), Err(BrandError::PaletteSize(1))));
        assert_eq!(Brand::default().theme(), Theme::light(), "no palette: the colour-blind-safe default");
        let titled = Brand::default().with_title_colour(Some("#5b2c83")).unwrap();
        assert_eq!((titled.title_colour.as_deref(), titled.theme().title), (Some("#5B2C83"), Rgb(0x5B, 0x2C, 0x83)));
        assert!(Brand::default().with_title_colour(Some("purple")).is_err());
    }

    #[test]
    fn logos_are_pictures_of_sensible_size() {
        let logo = Logo::from_bytes("logo.png", tiny_png()).unwrap();
        assert_eq!((logo.format, logo.width, logo.height), (ImageFormat::Png, 2, 1));
        assert!(logo.data_url().starts_with("data:image/png;base64,iVBORw0KGgo"));
        let err = Logo::from_bytes("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>".to_vec()).unwrap_err();
        assert!(err.to_string().starts_with("logo.svg: not a PNG or JPEG"), "{err}");
        let err = Logo::from_bytes("huge.png", vec![0; MAX_LOGO_BYTES + 1]).unwrap_err();
        assert!(err.to_string().contains("at most 2 MB"), "{err}");
        let mut wide = tiny_png();
        wide[16..20].copy_from_slice(&10_000u32.to_be_bytes());
        assert!(Logo::from_bytes("wide.png", wide).unwrap_err().to_string().contains("10000×1"));
        let damaged = b"\x89PNG\r\n\x1a\n\0\0".to_vec();
        assert!(Logo::from_bytes("bad.png", damaged).unwrap_err().to_string().contains("damaged png"));
        // A JPEG's size is read from its frame header.
        let jpeg =
            [0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xC0, 0, 11, 8, 0, 30, 0, 40, 1, 1, 0x11, 0, 0xFF, 0xD9, 0, 0];
        let logo = Logo::from_bytes("logo.jpg", jpeg.to_vec()).unwrap();
        assert_eq!((logo.width, logo.height), (40, 30));
    }
}
