//! An export as a list of named entries, whether it arrived as a .zip or as
//! the folder it unzips to. Archives are checked before anything is read:
//! an entry whose name climbs out of the export (`../`, absolute paths)
//! refuses the whole archive, and so does one that inflates far beyond its
//! compressed size (a zip bomb). Entries are read into memory one at a time
//! and never written to disk.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use super::ActivityError;
use crate::file::FileError;

/// An entry may inflate to at most this many times its compressed size…
pub const MAX_RATIO: u64 = 200;
/// …once it is larger than this (small files compress oddly well).
pub const RATIO_FLOOR: u64 = 1 << 20;
/// No single entry may be larger than this.
pub const MAX_ENTRY: u64 = 8 << 30;

/// One file inside an export.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Path inside the export, `/`-separated, with any single top folder removed.
    pub name: String,
    /// Uncompressed size as the archive declares it (or the file's size).
    pub size: u64,
    at: Where,
}

#[derive(Debug, Clone)]
enum Where {
    Zip(usize),
    File(PathBuf),
}

/// A Slack or Viva Engage export, zipped or not.
pub struct Export {
    /// The name used in messages (the zip's or folder's file name).
    pub label: String,
    pub entries: Vec<Entry>,
    zip: Option<zip::ZipArchive<BufReader<File>>>,
}

impl std::fmt::Debug for Export {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Export").field("label", &self.label).field("entries", &self.entries.len()).finish()
    }
}

impl Export {
    /// Opens a .zip archive or a folder.
    pub fn open(path: &Path) -> Result<Export, ActivityError> {
        let label =
            path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string());
        let meta = std::fs::metadata(path).map_err(|source| FileError::open(path, &label, source))?;
        let mut export = if meta.is_dir() {
            let mut entries = Vec::new();
            walk(path, path, &mut entries)
                .map_err(|source| ActivityError::from(FileError::Io { file: label.clone(), source }))?;
            Export { label, entries, zip: None }
        } else {
            open_zip(path, label, meta.len())?
        };
        export.entries.sort_by(|a, b| a.name.cmp(&b.name));
        export.strip_top_folder();
        Ok(export)
    }

    /// Exports are often zipped with their folder (`Slack export 2024/…`):
    /// when every entry shares one top folder, names start below it.
    fn strip_top_folder(&mut self) {
        let Some(first) = self.entries.first() else { return };
        let Some((top, _)) = first.name.split_once('/') else { return };
        let prefix = format!("{top}/");
        if self.entries.iter().all(|e| e.name.starts_with(&prefix)) {
            for e in &mut self.entries {
                e.name = e.name[prefix.len()..].to_owned();
            }
        }
    }

    /// The entry with this name (case-insensitive), if any.
    pub fn find(&self, name: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.name.eq_ignore_ascii_case(name))
    }

    /// `export.zip:general/2024-01-02.json`, for messages.
    pub fn place(&self, entry: &Entry) -> String {
        format!("{}:{}", self.label, entry.name)
    }

    /// Reads one entry whole. Stops, and refuses the archive, if the entry
    /// holds more than it declared.
    pub fn read(&mut self, entry: &Entry) -> Result<Vec<u8>, ActivityError> {
        let mut out = Vec::with_capacity(entry.size.min(64 << 20) as usize);
        self.reader(entry, |r| r.read_to_end(&mut out).map(|_| ()))?;
        Ok(out)
    }

    /// Runs `f` over a streaming reader of one entry.
    pub fn reader<T>(
        &mut self,
        entry: &Entry,
        f: impl FnOnce(&mut dyn Read) -> std::io::Result<T>,
    ) -> Result<T, ActivityError> {
        let place = self.place(entry);
        match &entry.at {
            Where::File(p) => {
                let file = File::open(p)
                    .map_err(|source| ActivityError::from(FileError::Io { file: place.clone(), source }))?;
                let mut r = BufReader::with_capacity(1 << 16, file);
                f(&mut r).map_err(|source| ActivityError::from(FileError::Io { file: place, source }))
            }
            Where::Zip(i) => {
                let zip = self.zip.as_mut().expect("zip entries come from a zip");
                let file = zip
                    .by_index(*i)
                    .map_err(|e| ActivityError::BadZip { file: place.clone(), reason: e.to_string() })?;
                let declared = file.size();
                let mut limited = Capped { inner: file, left: declared, over: false };
                let result = f(&mut limited);
                if limited.over {
                    return Err(ActivityError::ZipBomb {
                        file: self.label.clone(),
                        entry: entry.name.clone(),
                        reason: format!("holds more than the {declared} bytes it declares"),
                    });
                }
                result.map_err(|e| ActivityError::BadZip { file: place, reason: e.to_string() })
            }
        }
    }
}

/// A reader that stops after `left` bytes and notes whether more followed.
struct Capped<R> {
    inner: R,
    left: u64,
    over: bool,
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.left == 0 {
            let mut probe = [0u8; 1];
            if self.inner.read(&mut probe)? > 0 {
                self.over = true;
                return Err(std::io::Error::other("entry larger than declared"));
            }
            return Ok(0);
        }
        let n = buf.len().min(self.left.min(usize::MAX as u64) as usize);
        let got = self.inner.read(&mut buf[..n])?;
        self.left -= got as u64;
        Ok(got)
    }
}

/// What a file that is not a zip archive is, and which import fits it, in
/// words: a CSV (a usage report, a people list or an events file), JSON, a
/// PDF or a workbook.
fn not_a_zip(path: &Path) -> Option<String> {
    let mut head = Vec::with_capacity(4096);
    File::open(path).ok()?.take(4096).read_to_end(&mut head).ok()?;
    if head.starts_with(b"%PDF") {
        return Some("a PDF document".into());
    }
    if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Some("an old Excel or Office file; a people list in it goes to `chorus import people`".into());
    }
    let text = crate::file::decode::decode(&head).ok()?.text;
    let first = text.trim_start_matches('\u{feff}').lines().next().unwrap_or("").trim().to_owned();
    if first.starts_with('[') || first.starts_with('{') {
        return Some(
            "a JSON file; a Slack export is the .zip (or its folder) holding users.json, channels.json and one \
             folder per channel, and a Slack users.json alone goes to `chorus import people --format slack`"
                .into(),
        );
    }
    let delimiter = crate::file::decode::sniff_delimiter(&text);
    let columns: Vec<String> =
        first.split(delimiter as char).map(|c| c.trim().trim_matches('"').to_ascii_lowercase()).collect();
    if columns.len() < 2 {
        return None;
    }
    let has = |names: &[&str]| columns.iter().any(|c| names.contains(&c.as_str()));
    let shown: String = first.chars().take(80).collect();
    let fits = if super::m365::detect(&head).is_some() || has(&["user principal name"]) {
        "it looks like a Microsoft 365 usage report: use `chorus import m365`"
    } else if events_csv_fits(&first, delimiter) {
        "it looks like an events CSV: use `chorus import events`"
    } else if has(&["full name", "full_name", "name", "email", "e-mail", "employee id"]) {
        "it looks like a people list: use `chorus import people`"
    } else {
        "an events CSV goes to `chorus import events`, a people list to `chorus import people`"
    };
    Some(format!("a CSV file whose first line reads “{shown}”; {fits}"))
}

/// Whether the events CSV reader finds a time, an actor and a kind in these
/// headers (its own column names, so the hint never disagrees with it).
fn events_csv_fits(first_line: &str, delimiter: u8) -> bool {
    let mut r = csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).from_reader(first_line.as_bytes());
    let Some(Ok(record)) = r.records().next() else { return false };
    let headers: Vec<String> = record.iter().map(str::to_owned).collect();
    super::events_csv::EventMapping::detect(&headers, &[]).is_ok_and(|m| m.fits())
}

fn open_zip(path: &Path, label: String, archive_size: u64) -> Result<Export, ActivityError> {
    let file = File::open(path).map_err(|source| ActivityError::from(FileError::Io { file: label.clone(), source }))?;
    let mut zip = zip::ZipArchive::new(BufReader::new(file)).map_err(|e| match not_a_zip(path) {
        Some(is) => ActivityError::NotAZip { file: label.clone(), is },
        None => ActivityError::BadZip { file: label.clone(), reason: e.to_string() },
    })?;
    let mut entries = Vec::with_capacity(zip.len());
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let f =
            zip.by_index_raw(i).map_err(|e| ActivityError::BadZip { file: label.clone(), reason: e.to_string() })?;
        let raw_name = String::from_utf8_lossy(f.name_raw()).into_owned();
        let Some(safe) = f.enclosed_name() else {
            return Err(ActivityError::UnsafeEntry { file: label, entry: raw_name });
        };
        if raw_name.split(['/', '\\']).any(|c| c == "..") || raw_name.starts_with('/') || raw_name.contains(':') {
            return Err(ActivityError::UnsafeEntry { file: label, entry: raw_name });
        }
        if f.is_dir() || f.is_symlink() {
            continue;
        }
        let (size, packed) = (f.size(), f.compressed_size().max(1));
        let bomb = |reason: String| ActivityError::ZipBomb { file: label.clone(), entry: raw_name.clone(), reason };
        if size > MAX_ENTRY {
            return Err(bomb(format!("would inflate to {size} bytes (the limit is {MAX_ENTRY})")));
        }
        if size > RATIO_FLOOR && size / packed > MAX_RATIO {
            return Err(bomb(format!(
                "would inflate {}-fold ({packed} → {size} bytes; the limit is {MAX_RATIO}-fold)",
                size / packed
            )));
        }
        total = total.saturating_add(size);
        let name = safe.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        entries.push(Entry { name, size, at: Where::Zip(i) });
    }
    if total > RATIO_FLOOR && total / archive_size.max(1) > MAX_RATIO {
        return Err(ActivityError::ZipBomb {
            file: label.clone(),
            entry: "(whole archive)".into(),
            reason: format!("would inflate {}-fold in all", total / archive_size.max(1)),
        });
    }
    Ok(Export { label, entries, zip: Some(zip) })
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<Entry>) -> std::io::Result<()> {
    for item in std::fs::read_dir(dir)? {
        let item = item?;
        let kind = item.file_type()?;
        let path = item.path();
        if kind.is_dir() {
            walk(root, &path, out)?;
        } else if kind.is_file() {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            let name = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            out.push(Entry { name, size: item.metadata()?.len(), at: Where::File(path) });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    fn zip_with(entries: &[(&str, &[u8])], method: zip::CompressionMethod) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("export.zip");
        let mut w = zip::ZipWriter::new(File::create(&path).unwrap());
        for (name, data) in entries {
            w.start_file(*name, SimpleFileOptions::default().compression_method(method)).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap();
        (dir, path)
    }

    #[test]
    fn reads_entries_below_a_single_top_folder() {
        let (_d, path) = zip_with(
            &[("My export/users.json", b"[]"), ("My export/general/2024-01-02.json", b"[]")],
            zip::CompressionMethod::Deflated,
        );
        let mut e = Export::open(&path).unwrap();
        let users = e.find("users.json").unwrap().clone();
        assert_eq!(e.read(&users).unwrap(), b"[]");
        assert_eq!(e.place(&users), "export.zip:users.json");
        assert!(e.find("general/2024-01-02.json").is_some());
    }

    #[test]
    fn refuses_entries_that_climb_out() {
        let (_d, path) =
            zip_with(&[("users.json", b"[]"), ("../../etc/evil.json", b"[]")], zip::CompressionMethod::Stored);
        let err = Export::open(&path).unwrap_err();
        assert!(matches!(err, ActivityError::UnsafeEntry { .. }), "{err}");
        assert!(err.to_string().contains("../../etc/evil.json"), "{err}");
    }

    #[test]
    fn refuses_a_zip_bomb() {
        let zeros = vec![0u8; 50 << 20];
        let (_d, path) = zip_with(&[("general/2024-01-01.json", &zeros)], zip::CompressionMethod::Deflated);
        let err = Export::open(&path).unwrap_err();
        assert!(matches!(err, ActivityError::ZipBomb { .. }), "{err}");
        assert!(err.to_string().contains("general/2024-01-01.json"), "{err}");
    }

    #[test]
    fn a_truncated_archive_is_named() {
        let (_d, path) = zip_with(&[("users.json", b"[{\"id\":\"U1\"}]")], zip::CompressionMethod::Deflated);
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
        let err = Export::open(&path).unwrap_err();
        assert!(matches!(err, ActivityError::BadZip { .. }), "{err}");
        assert!(err.to_string().starts_with("export.zip: not a readable zip archive"), "{err}");
    }
}
