//! Settings kept in the database (so they travel with it): the brand, its
//! logo and the privacy threshold.

use rusqlite::OptionalExtension;

use super::{Db, StoreError};
use crate::charts::catalogue::MIN_GROUP;
use crate::charts::{Brand, FontFace, Logo};

impl Db {
    pub(super) fn setting(&self, key: &str) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self.conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
    }

    pub(super) fn set_setting(&self, key: &str, value: Option<&[u8]>) -> Result<(), StoreError> {
        match value {
            Some(v) => self.conn.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                rusqlite::params![key, v],
            )?,
            None => self.conn.execute("DELETE FROM settings WHERE key = ?1", [key])?,
        };
        Ok(())
    }

    /// The brand (the default brand until one is set).
    pub fn brand(&self) -> Result<Brand, StoreError> {
        match self.setting("brand")? {
            Some(json) => serde_json::from_slice(&json)
                .map_err(|e| StoreError::Conflict(format!("the stored brand could not be read: {e}"))),
            None => Ok(Brand::default()),
        }
    }

    pub fn set_brand(&self, brand: &Brand) -> Result<(), StoreError> {
        let json = serde_json::to_vec(brand).map_err(|e| StoreError::Conflict(e.to_string()))?;
        self.set_setting("brand", Some(&json))
    }

    /// The logo, checked again as it is read.
    pub fn logo(&self) -> Result<Option<Logo>, StoreError> {
        match self.setting("logo")? {
            Some(bytes) => {
                Logo::from_bytes("the stored logo", bytes).map(Some).map_err(|e| StoreError::Conflict(e.to_string()))
            }
            None => Ok(None),
        }
    }

    pub fn set_logo(&self, logo: Option<&Logo>) -> Result<(), StoreError> {
        self.set_setting("logo", logo.map(|l| l.bytes.as_slice()))
    }

    /// The brand font, checked again as it is read.
    pub fn font(&self) -> Result<Option<FontFace>, StoreError> {
        let conflict = |e: crate::charts::BrandError| StoreError::Conflict(e.to_string());
        let Some(bytes) = self.setting("font")? else { return Ok(None) };
        let mut font = FontFace::from_bytes("the stored font", bytes).map_err(conflict)?;
        if let Some(bold) = self.setting("font.bold")? {
            font = font.with_bold("the stored bold font", bold).map_err(conflict)?;
        }
        Ok(Some(font))
    }

    pub fn set_font(&self, font: Option<&FontFace>) -> Result<(), StoreError> {
        self.set_setting("font", font.map(|f| f.bytes.as_slice()))?;
        self.set_setting("font.bold", font.and_then(|f| f.bold.as_ref()).map(|b| b.as_slice()))
    }

    /// The privacy threshold: groups of fewer people are merged or left out.
    pub fn min_group(&self) -> Result<u32, StoreError> {
        Ok(self
            .setting("min_group")?
            .and_then(|v| String::from_utf8(v).ok())
            .and_then(|v| v.parse().ok())
            .unwrap_or(MIN_GROUP))
    }

    pub fn set_min_group(&self, n: u32) -> Result<(), StoreError> {
        self.set_setting("min_group", Some(n.to_string().as_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_are_kept_and_replaced() {
        let db = Db::open_in_memory().unwrap();
        assert_eq!(db.brand().unwrap(), Brand::default());
        assert_eq!(db.min_group().unwrap(), MIN_GROUP);
        assert!(db.logo().unwrap().is_none());
        let brand = Brand {
            organisation: Some("Acme".into()),
            palette: vec!["#112233".into(), "#445566".into()],
            dark: true,
            title_colour: None,
        };
        db.set_brand(&brand).unwrap();
        db.set_min_group(8).unwrap();
        assert_eq!(db.brand().unwrap(), brand);
        assert_eq!(db.min_group().unwrap(), 8);
        db.set_brand(&Brand::default()).unwrap();
        assert_eq!(db.brand().unwrap(), Brand::default(), "replaced");
    }
}
