//! Importing activity: the export is opened and checked, its format's
//! reader chosen, and the records go through the import pipeline
//! (`app::import`). A Microsoft 365 usage report, read whole, is recognised
//! when read before and refused when it overlaps another.

use std::path::Path;

use chrono::{DateTime, Utc};

use super::import::{Target, conclude, pump, run};
use crate::Result;
use crate::activity::{
    ActivityError, ActivityOptions, ActivityReport, ExportFormat, ToolKind, UsageState, engage, events_csv, m365,
    slack, source,
};
use crate::progress::Watch;
use crate::store::{Db, ToolTarget};

/// An import to run.
#[derive(Debug, Clone)]
pub struct ActivityImport<'a> {
    pub format: ExportFormat,
    pub path: &'a Path,
    pub options: ActivityOptions,
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
}

fn open_error(path: &Path, file: &str, source: std::io::Error) -> ActivityError {
    crate::file::FileError::open(path, file, source).into()
}

/// Imports an export of the given format: one transaction; nothing is kept
/// on error, cancel or dry run.
pub fn import_activity(
    db: &mut Db,
    input: &ActivityImport,
    watch: Watch,
    now: DateTime<Utc>,
) -> Result<ActivityReport> {
    let opts = &input.options;
    let tool = |kind: ToolKind| opts.tool.clone().unwrap_or_else(|| kind.default_name().to_owned());
    let target = |file, sha256, name, kind, total| Target {
        format: input.format,
        file,
        sha256,
        tool: ToolTarget { name, kind, rollout: opts.rollout },
        total,
        horizon: None,
    };
    match input.format {
        ExportFormat::Slack | ExportFormat::Engage => {
            let mut export = source::Export::open(input.path)?;
            let (kind, total) = match input.format {
                ExportFormat::Slack => (ToolKind::Slack, slack::count_day_files(&export) as u64),
                _ => (ToolKind::Engage, export.find("Messages.csv").map(|e| e.size).unwrap_or(0)),
            };
            let (label, name) = (export.label.clone(), tool(kind));
            let format = input.format;
            run(db, &target(&label, "-", &name, kind, total), opts, watch, now, |sink| match format {
                ExportFormat::Slack => slack::read(&mut export, sink),
                _ => engage::read(&mut export, sink),
            })
        }
        ExportFormat::M365 => {
            let file = file_name(input.path);
            let bytes = std::fs::read(input.path).map_err(|e| open_error(input.path, &file, e))?;
            let kind = m365::detect(&bytes).ok_or_else(|| ActivityError::NotAnExport {
                file: file.clone(),
                what: "Microsoft 365 usage report Chorus reads",
                reason: m365::not_a_detail_report(&bytes),
            })?;
            let report = m365::read(&bytes, &file, kind, now.timestamp(), opts.totals_only)?;
            drop(bytes);
            let name = tool(kind);
            import_usage(db, &target(&file, &report.sha256, &name, kind, 0), &report, opts, watch, now)
        }
        ExportFormat::Events => {
            let file = file_name(input.path);
            let f = std::fs::File::open(input.path).map_err(|e| open_error(input.path, &file, e))?;
            let meta = f.metadata().map_err(|e| open_error(input.path, &file, e))?;
            if meta.is_dir() {
                let reason = "it is a folder".into();
                return Err(ActivityError::NotAnExport { file, what: "events CSV", reason }.into());
            }
            let total = meta.len();
            let name = tool(opts.kind.unwrap_or(ToolKind::Other));
            let mut r = std::io::BufReader::with_capacity(1 << 16, f);
            let (overrides, zone) = (&opts.overrides, opts.time_zone);
            let kind = opts.kind.unwrap_or(ToolKind::Other);
            run(db, &target(&file, "-", &name, kind, total), opts, watch, now, |sink| {
                events_csv::read(&mut r, &file, total, overrides, zone, sink)
            })
        }
        ExportFormat::Demo => Err(ActivityError::Invalid("the demo is loaded with `chorus demo`".into()).into()),
    }
}

/// A usage report: recognised when read before (nothing is added), refused
/// when it overlaps another; otherwise its counts are written.
fn import_usage(
    db: &mut Db,
    target: &Target,
    report: &m365::UsageReport,
    opts: &ActivityOptions,
    watch: Watch,
    now: DateTime<Utc>,
) -> Result<ActivityReport> {
    let tx = db.begin_activity(target.tool)?;
    let state = match report.span {
        Some((first, last)) => tx.usage_report(first, last, &report.sha256, &report.file)?,
        None => UsageState::Same,
    };
    // The report was read whole: the feed's own log has nothing to add.
    let (_, counts, rollup) = match (state, &report.totals) {
        // Counted as a whole: no one named, nothing to review.
        (UsageState::New, Some(t)) => {
            tx.add_totals(t)?;
            Default::default()
        }
        (UsageState::New, None) => pump(&tx, target, opts, watch, now, |sink| report.write(sink))?,
        (UsageState::Same, _) => Default::default(),
    };
    let mut out = conclude(tx, target, opts, now, report.log.clone(), counts, rollup)?;
    out.totals = report.totals;
    if state == UsageState::Same && report.span.is_some() {
        out.duplicates = report.totals.map_or_else(|| report.total(), |t| t.posts + t.replies + t.reactions);
    }
    Ok(out)
}
