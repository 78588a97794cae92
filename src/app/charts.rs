//! Drawing a chart of the catalogue for a period and filters, and writing
//! it to a file that is replaced only once the new one is complete.

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};

use crate::activity::measures::{self, Filter};
use crate::charts::{self, ChartData, ChartError, ChartName, Size};
use crate::file::FileError;
use crate::report::{ExportKind, ExportRecord};
use crate::store::Db;
use crate::{Error, Result};

/// The file formats a chart is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Svg,
    Png,
}

impl Format {
    /// From a file name's extension.
    pub fn of(path: &Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "svg" => Some(Format::Svg),
            "png" => Some(Format::Png),
            _ => None,
        }
    }
}

/// What to draw.
#[derive(Debug, Clone)]
pub struct ChartRequest {
    pub name: ChartName,
    pub filter: Filter,
    pub size: Size,
    /// Dark pages (`None`: as the brand says).
    pub dark: Option<bool>,
    /// A brand for this chart only (`chorus chart --theme FILE`); else the stored one.
    pub brand: Option<crate::charts::Brand>,
    /// 2 for print; PNG only.
    pub scale: f32,
}

/// The chart described from the dashboard of the request's filter.
pub fn chart_of(db: &Db, req: &ChartRequest, today: NaiveDate) -> Result<charts::Chart> {
    let facts = db.facts()?;
    let dashboard = measures::dashboard(&facts, &req.filter, today)?;
    let tools = match req.name.needs_tools() {
        true => measures::tool_trends(&facts, &measures::scope(&facts, &req.filter, today)?, dashboard.grain),
        false => Vec::new(),
    };
    let stakeholders = match req.name.needs_stakeholders() {
        true => db.stakeholders()?,
        false => Vec::new(),
    };
    let network = match req.name.needs_network() {
        true => Some(super::network::chart_data(db, &req.filter, today)?),
        false => None,
    };
    let data = ChartData {
        dashboard: &dashboard,
        tools: &tools,
        stakeholders: &stakeholders,
        min_group: db.min_group()?,
        network: network.as_ref(),
    };
    Ok(req.name.chart(&data, today))
}

/// The chart's SVG (text as paths), from the dashboard of the filter.
pub fn chart_svg(db: &Db, req: &ChartRequest, today: NaiveDate) -> Result<String> {
    let chart = chart_of(db, req, today)?;
    let mut theme = super::settings::theme(db, req.dark, req.brand.as_ref())?;
    if req.size == Size::SLIDE {
        theme = crate::report::layout::chart_theme(&theme);
    }
    Ok(charts::svg(&chart, req.size, &theme)?)
}

/// Draws a chart into `path` (SVG or PNG, by its extension). The file is
/// written beside the target and renamed over it when complete, so a
/// failure never leaves a half-written picture.
/// The export is logged (what, when, where to).
pub fn export_chart(db: &Db, req: &ChartRequest, path: &Path, now: DateTime<Utc>) -> Result<ExportRecord> {
    let format = Format::of(path).ok_or_else(|| ChartError::Format(path.display().to_string()))?;
    let svg = chart_svg(db, req, now.date_naive())?;
    let bytes = match format {
        Format::Svg => svg.into_bytes(),
        Format::Png => charts::png(&svg, req.scale)?,
    };
    write_whole(path, &bytes)?;
    let what = format!("{} chart, {}", req.name.name(), super::report::describe_filter(&req.filter));
    super::report::log(db, ExportKind::Chart, what, path, bytes.len(), now)
}

/// The chart as pixels (width, height, RGBA) for the clipboard; logged as
/// an export to "the clipboard".
pub fn chart_pixels(db: &Db, req: &ChartRequest, now: DateTime<Utc>) -> Result<(u32, u32, Vec<u8>)> {
    let svg = chart_svg(db, req, now.date_naive())?;
    let pixels = charts::rgba(&svg, req.scale)?;
    let what = format!("{} chart, {}", req.name.name(), super::report::describe_filter(&req.filter));
    let record = ExportRecord {
        at: now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        kind: ExportKind::Chart,
        what,
        path: "the clipboard".into(),
        bytes: pixels.2.len() as u64,
    };
    db.log_export(&record)?;
    Ok(pixels)
}

/// Writes `bytes` to a temporary file beside `path`, then renames it.
pub(crate) fn write_whole(path: &Path, bytes: &[u8]) -> Result<()> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.part"));
    let shown = path.display().to_string();
    std::fs::write(&tmp, bytes).map_err(|e| Error::from(FileError::io(&shown, e)))?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::from(FileError::io(&shown, e))
    })
}
