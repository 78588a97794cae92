//! Settings kept in the database (so they travel with it): the brand, its
//! logo and font as the bytes they were saved as (`app::load` reads them
//! back into a brand, checked again), and the privacy threshold.

use rusqlite::OptionalExtension;

use super::{Db, StoreError};
use crate::privacy::MIN_GROUP;

/// The settings kept as bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    /// The brand, as JSON.
    Brand,
    /// The logo file.
    Logo,
    /// The brand font file, and its bold face.
    Font,
    FontBold,
}

impl Setting {
    fn key(self) -> &'static str {
        match self {
            Setting::Brand => "brand",
            Setting::Logo => "logo",
            Setting::Font => "font",
            Setting::FontBold => "font.bold",
        }
    }
}

impl Db {
    /// A setting's stored bytes, by its key ([`Setting`]).
    pub fn setting(&self, key: Setting) -> Result<Option<Vec<u8>>, StoreError> {
        self.setting_of(key.key())
    }

    /// Replaces (or with `None` removes) a setting.
    pub fn set_setting(&self, key: Setting, value: Option<&[u8]>) -> Result<(), StoreError> {
        self.set_setting_of(key.key(), value)
    }

    pub(super) fn setting_of(&self, key: &str) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self.conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
    }

    pub(super) fn set_setting_of(&self, key: &str, value: Option<&[u8]>) -> Result<(), StoreError> {
        match value {
            Some(v) => self.conn.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                rusqlite::params![key, v],
            )?,
            None => self.conn.execute("DELETE FROM settings WHERE key = ?1", [key])?,
        };
        Ok(())
    }

    /// The privacy threshold: groups of fewer people are merged or left out.
    pub fn min_group(&self) -> Result<u32, StoreError> {
        Ok(self
            .setting_of("min_group")?
            .and_then(|v| String::from_utf8(v).ok())
            .and_then(|v| v.parse().ok())
            .unwrap_or(MIN_GROUP))
    }

    pub fn set_min_group(&self, n: u32) -> Result<(), StoreError> {
        self.set_setting_of("min_group", Some(n.to_string().as_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_are_kept_and_replaced() {
        let db = Db::open_in_memory().unwrap();
        assert_eq!(db.min_group().unwrap(), MIN_GROUP);
        assert!(db.setting(Setting::Logo).unwrap().is_none());
        db.set_setting(Setting::Brand, Some(b"{}")).unwrap();
        db.set_min_group(8).unwrap();
        assert_eq!(db.setting(Setting::Brand).unwrap().as_deref(), Some(&b"{}"[..]));
        assert_eq!(db.min_group().unwrap(), 8);
        db.set_setting(Setting::Brand, Some(b"[]")).unwrap();
        assert_eq!(db.setting(Setting::Brand).unwrap().as_deref(), Some(&b"[]"[..]), "replaced");
        db.set_setting(Setting::Brand, None).unwrap();
        assert!(db.setting(Setting::Brand).unwrap().is_none(), "removed");
    }
}
