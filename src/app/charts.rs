//! Drawing a chart of the catalogue for a period and filters, and writing
//! it through the export door (checked, whole, logged) or to the clipboard.

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};

use super::{export, load};
use crate::Result;
use crate::activity::measures::Filter;
use crate::charts::{self, ChartError, ChartName, Size};
use crate::privacy::{ExportKind, ExportRecord};
use crate::store::Db;

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
    load::chart(db, req.name, &req.filter, today)
}

fn themed_svg(db: &Db, chart: &charts::Chart, req: &ChartRequest) -> Result<String> {
    let mut theme = load::theme(db, req.dark, req.brand.as_ref())?;
    if req.size.large_text() {
        theme = crate::report::layout::chart_theme(&theme);
    }
    Ok(charts::svg(chart, req.size, &theme)?)
}

/// The chart's SVG (text as paths), from the dashboard of the filter.
pub fn chart_svg(db: &Db, req: &ChartRequest, today: NaiveDate) -> Result<String> {
    themed_svg(db, &chart_of(db, req, today)?, req)
}

/// Draws a chart into `path` (SVG or PNG, by its extension) through the
/// export door: its text read against the directory, written beside the
/// target and renamed, logged.
pub fn export_chart(db: &Db, req: &ChartRequest, path: &Path, now: DateTime<Utc>) -> Result<ExportRecord> {
    let format = Format::of(path).ok_or_else(|| ChartError::Format(path.display().to_string()))?;
    let chart = chart_of(db, req, now.date_naive())?;
    let svg = themed_svg(db, &chart, req)?;
    let bytes = match format {
        Format::Svg => svg.into_bytes(),
        Format::Png => charts::png(&svg, req.scale)?,
    };
    let what = format!("{} chart, {}", req.name.name(), req.filter.describe());
    export::write(
        db,
        export::Outgoing { kind: ExportKind::Chart, what, texts: &chart.texts(), cited: &[], bytes: &bytes },
        path,
        now,
    )
}

/// The chart as pixels (width, height, RGBA) for the clipboard; checked and
/// logged as an export to "the clipboard".
pub fn chart_pixels(db: &Db, req: &ChartRequest, now: DateTime<Utc>) -> Result<(u32, u32, Vec<u8>)> {
    let chart = chart_of(db, req, now.date_naive())?;
    let pixels = charts::rgba(&themed_svg(db, &chart, req)?, req.scale)?;
    let what = format!("{} chart, {}", req.name.name(), req.filter.describe());
    let out = export::Outgoing { kind: ExportKind::Chart, what, texts: &chart.texts(), cited: &[], bytes: &pixels.2 };
    export::hand_over(db, out, export::Stream::Clipboard, now)?;
    Ok(pixels)
}
