//! Importing people: the file is read, mapped, validated and planned by
//! [`crate::ingest`] against a snapshot of the directory, then written by
//! the store in one transaction. Exporting them: CSV or XLSX through the
//! export door (whole, logged), assessments left out unless asked.

use std::path::Path;

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use super::{export, stamp};
use crate::directory::export::{self as table, ExportOptions};
use crate::directory::query::ListQuery;
use crate::ingest::{ImportMeta, ImportOptions, ImportReport, IngestError, Mapping, plan, read_table, records};
use crate::privacy::{ExportKind, ExportRecord};
use crate::progress::{Progress, Stage, Watch};
use crate::store::{Db, StoreError};
use crate::{Error, Result};

/// Imports a people file into the directory: read, map, validate, plan and —
/// unless it is a dry run, or rows are bad and skipping was not asked for —
/// write everything in one transaction, reporting progress to `watch`; a
/// cancelled import writes nothing.
pub fn import_people(
    db: &mut Db,
    path: &Path,
    opts: &ImportOptions,
    watch: Watch,
    now: DateTime<Utc>,
) -> Result<ImportReport> {
    step(&watch, Stage::Reading, 0, 0)?;
    let (mut table, bytes) = read_table(path, opts.format)?;
    let sha256: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
    drop(bytes);
    let mapping = Mapping::detect(&table.headers, &opts.overrides)?;
    mapping.check(&table.file, &table.headers)?;
    step(&watch, Stage::Validating, 0, table.rows.len())?;
    let rows = records(&table, &mapping);
    table.rows = Vec::new(); // the raw cells are no longer needed: free them before planning
    step(&watch, Stage::Planning, 0, rows.len())?;
    let snapshot = db.snapshot()?;
    let plan = plan(&table.file, table.format.unit(), rows, &snapshot);
    step(&watch, Stage::Planning, plan.numbers.len(), plan.numbers.len())?;
    let mut report = ImportReport {
        file: table.file.clone(),
        format: table.format,
        encoding: table.encoding,
        mapping: table
            .headers
            .iter()
            .zip(&mapping.columns)
            .map(|(h, f)| (h.clone(), f.map(|f| f.name().to_owned())))
            .collect(),
        added: plan.added,
        updated: plan.updated,
        unchanged: plan.unchanged,
        rejected: plan.rejected,
        skipped: table.skipped.clone(),
        problems: plan.problems.clone(),
        warnings: plan.warnings.clone(),
        dry_run: opts.dry_run,
        import_id: None,
    };
    if opts.dry_run {
        return Ok(report);
    }
    if report.rejected > 0 && !opts.skip_bad_rows {
        return Err(IngestError::Rejected(Box::new(report)).into());
    }
    let meta = ImportMeta {
        kind: "people".to_owned(),
        file_name: table.file.clone(),
        sha256,
        added: report.added as u64,
        updated: report.updated as u64,
        unchanged: report.unchanged as u64,
        rejected: report.rejected as u64,
    };
    let total = plan.writes.len();
    let mut tick = |done: usize| step(&watch, Stage::Writing, done, total).is_ok();
    let outcome =
        db.write_people(&plan.writes, Some(&meta), &table.file, &stamp(now), &mut tick).map_err(|e| match e {
            StoreError::Cancelled => Error::Ingest(IngestError::Cancelled),
            e => Error::Store(e),
        })?;
    (watch.progress)(Progress { stage: Stage::Writing, done: total as u64, total: total as u64 });
    report.import_id = outcome.import_id;
    Ok(report)
}

fn step(watch: &Watch, stage: Stage, done: usize, total: usize) -> Result<(), IngestError> {
    watch.report(stage, done as u64, total as u64).map_err(|_| IngestError::Cancelled)
}

/// The file format of a people export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeopleFormat {
    Csv,
    Xlsx,
}

/// The people of `query` (every match: its limit is ignored) as a CSV or
/// XLSX file's bytes, and the line the export log keeps.
fn people_file(
    db: &Db,
    query: &ListQuery,
    format: PeopleFormat,
    opts: ExportOptions,
    name: &Path,
) -> Result<(Vec<u8>, String, usize)> {
    let q = ListQuery { limit: None, offset: 0, ..query.clone() };
    let rows = db.list_people(&q)?.items;
    let bytes = match format {
        PeopleFormat::Csv => table::csv_bytes(&rows, opts),
        PeopleFormat::Xlsx => table::xlsx_bytes(name, &rows, opts)?,
    };
    let what = format!(
        "{} people ({}){}",
        rows.len(),
        if format == PeopleFormat::Csv { "CSV" } else { "XLSX" },
        if opts.include_assessments { ", with assessments" } else { ", without assessments" }
    );
    Ok((bytes, what, rows.len()))
}

/// Writes the people of `query` to `path` through the export door.
pub fn export_people(
    db: &Db,
    query: &ListQuery,
    format: PeopleFormat,
    opts: ExportOptions,
    path: &Path,
    now: DateTime<Utc>,
) -> Result<(ExportRecord, usize)> {
    let (bytes, what, n) = people_file(db, query, format, opts, path)?;
    let record = export::write(
        db,
        export::Outgoing { kind: ExportKind::People, what, texts: &[], cited: &[], bytes: &bytes },
        path,
        now,
    )?;
    Ok((record, n))
}

/// The people of `query` as CSV for standard output, logged as an export.
pub fn people_csv(db: &Db, query: &ListQuery, opts: ExportOptions, now: DateTime<Utc>) -> Result<Vec<u8>> {
    let (bytes, what, _) = people_file(db, query, PeopleFormat::Csv, opts, Path::new("standard output"))?;
    let out = export::Outgoing { kind: ExportKind::People, what, texts: &[], cited: &[], bytes: &bytes };
    export::hand_over(db, out, export::Stream::StandardOutput, now)?;
    Ok(bytes)
}
