//! Settings: the brand applied to every chart and slide (organisation,
//! palette, light or dark, logo) and the privacy threshold of every export.

use std::path::Path;

use serde::Serialize;

use super::load;
use crate::Result;
use crate::charts::brand::{BrandError, ImageFormat};
use crate::charts::{Brand, FontFace, Logo, Theme};
use crate::file::FileError;
use crate::privacy::MIN_FLOOR;
use crate::store::Db;
use crate::store::Setting;

/// A logo as the Settings view shows it.
#[derive(Debug, Clone, Serialize)]
pub struct LogoInfo {
    pub format: ImageFormat,
    pub width: u32,
    pub height: u32,
    /// The picture, for the preview.
    pub data_url: String,
}

/// Everything the Settings view shows.
#[derive(Debug, Clone, Serialize)]
pub struct Settings {
    pub brand: Brand,
    pub logo: Option<LogoInfo>,
    /// The brand font's family, when one is set (else DejaVu Sans).
    pub font: Option<String>,
    pub min_group: u32,
    /// The palette used while the brand sets none (Okabe–Ito).
    pub default_palette: Vec<String>,
}

pub use crate::privacy::MAX_GROUP;

pub fn settings(db: &Db) -> Result<Settings> {
    let logo = load::logo(db)?.map(|l| LogoInfo {
        format: l.format,
        width: l.width,
        height: l.height,
        data_url: l.data_url(),
    });
    let default_palette =
        Theme::light().palette.0.iter().map(|c| format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)).collect();
    let font = load::font(db)?.map(|f| f.family);
    Ok(Settings { brand: load::brand(db)?, logo, font, min_group: db.min_group()?, default_palette })
}

/// Sets the organisation's name, palette (`#RRGGBB`, 2 to 12, or none for
/// the default), light or dark pages and the titles' colour.
pub fn set_brand(
    db: &Db,
    organisation: Option<String>,
    palette: &[String],
    dark: bool,
    title_colour: Option<&str>,
) -> Result<Settings> {
    let organisation = organisation.map(|o| o.trim().to_owned()).filter(|o| !o.is_empty());
    let brand =
        Brand { organisation, dark, ..Brand::default() }.with_palette(palette)?.with_title_colour(title_colour)?;
    let json = serde_json::to_vec(&brand).map_err(|e| crate::Error::Invalid(e.to_string()))?;
    db.set_setting(Setting::Brand, Some(&json))?;
    settings(db)
}

/// Keeps the logo at `path` (checked: PNG or JPEG, at most 2 MB and 4096
/// pixels a side), or removes it.
pub fn set_logo(db: &Db, path: Option<&Path>) -> Result<Settings> {
    match path {
        Some(p) => {
            let shown = p.display().to_string();
            let bytes = std::fs::read(p).map_err(|e| crate::Error::from(FileError::io(&shown, e)))?;
            let logo = Logo::from_bytes(&shown, bytes)?;
            db.set_setting(Setting::Logo, Some(&logo.bytes))?;
        }
        None => db.set_setting(Setting::Logo, None)?,
    }
    settings(db)
}

/// Keeps the font at `path` (and its bold face, when given) for every chart
/// and slide (checked: a TrueType or OpenType file with a family name and
/// the Latin letters, at most 20 MB; the bold of the same family), or goes
/// back to DejaVu Sans.
pub fn set_font(db: &Db, path: Option<&Path>, bold: Option<&Path>) -> Result<Settings> {
    let read = |p: &Path| -> Result<(String, Vec<u8>)> {
        let shown = p.display().to_string();
        let bytes = std::fs::read(p).map_err(|e| crate::Error::from(FileError::io(&shown, e)))?;
        Ok((shown, bytes))
    };
    match path {
        Some(p) => {
            let (shown, bytes) = read(p)?;
            let mut font = FontFace::from_bytes(&shown, bytes)?;
            if let Some(b) = bold {
                let (shown, bytes) = read(b)?;
                font = font.with_bold(&shown, bytes)?;
            }
            db.set_setting(Setting::Font, Some(&font.bytes))?;
            db.set_setting(Setting::FontBold, font.bold.as_ref().map(|b| b.as_slice()))?;
        }
        None => {
            db.set_setting(Setting::Font, None)?;
            db.set_setting(Setting::FontBold, None)?;
        }
    }
    settings(db)
}

/// Sets the privacy threshold ([`MIN_FLOOR`] to [`MAX_GROUP`] people).
pub fn set_min_group(db: &Db, n: u32) -> Result<Settings> {
    if !(MIN_FLOOR..=MAX_GROUP).contains(&n) {
        return Err(BrandError::Threshold { n, floor: MIN_FLOOR, max: MAX_GROUP }.into());
    }
    db.set_min_group(n)?;
    settings(db)
}
