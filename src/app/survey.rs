//! `chorus import survey FILE`: who named whom, as a layer of the network.

use std::path::Path;

use serde::Serialize;

use crate::Result;
use crate::ingest::{IngestError, RowProblem, read_table, survey};
use crate::store::Db;

/// What a survey import did.
#[derive(Debug, Clone, Serialize)]
pub struct SurveyReport {
    pub file: String,
    /// Ties read, new ones written, ties already held.
    pub ties: usize,
    pub added: usize,
    pub already: usize,
    /// People who named themselves (left out).
    pub self_named: usize,
    pub questions: Vec<String>,
    /// Problems of rows left out (with --skip-bad-rows).
    pub skipped: Vec<RowProblem>,
    pub dry_run: bool,
}

/// Reads a survey file and writes its ties in one transaction; a bad row
/// fails the whole file (nothing written) unless `skip_bad_rows`.
pub fn import_survey(
    db: &mut Db,
    path: &Path,
    skip_bad_rows: bool,
    dry_run: bool,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<SurveyReport> {
    let (table, bytes) = read_table(path, None)?;
    let rows = survey::survey_ties(&table, &db.people_keys()?).map_err(IngestError::BadMapping)?;
    if !rows.problems.is_empty() && !skip_bad_rows {
        return Err(IngestError::SurveyRejected { file: table.file, problems: rows.problems }.into());
    }
    if rows.ties.is_empty() {
        return Err(IngestError::HeaderOnly { file: table.file }.into());
    }
    let ties: Vec<(i64, i64, String, f64)> = rows.ties;
    let added = if dry_run {
        0
    } else {
        use sha2::Digest;
        let sha: String = sha2::Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
        db.add_survey_ties(&ties, &table.file, &sha, rows.problems.len(), &super::stamp(now))?
    };
    Ok(SurveyReport {
        file: table.file,
        ties: ties.len(),
        added,
        already: if dry_run { 0 } else { ties.len() - added },
        self_named: rows.self_named,
        questions: rows.questions,
        skipped: rows.problems,
        dry_run,
    })
}
