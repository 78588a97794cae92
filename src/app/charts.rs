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

/// The theme a request draws with: the brand, dark or light, a slide's
/// larger text at the sizes that need it.
fn theme_of(db: &Db, req: &ChartRequest) -> Result<charts::Theme> {
    let theme = load::theme(db, req.dark, req.brand.as_ref())?;
    Ok(if req.size.large_text() { crate::report::layout::chart_theme(&theme) } else { theme })
}

fn themed_svg(db: &Db, chart: &charts::Chart, req: &ChartRequest) -> Result<String> {
    Ok(charts::svg(chart, req.size, &theme_of(db, req)?)?)
}

/// The chart's SVG (text as paths), from the dashboard of the filter.
pub fn chart_svg(db: &Db, req: &ChartRequest, today: NaiveDate) -> Result<String> {
    themed_svg(db, &chart_of(db, req, today)?, req)
}

/// Several charts of one filter, size and theme (a dashboard's panels),
/// from one reading of the data; `req.name` is ignored.
pub fn chart_svgs(db: &Db, names: &[ChartName], req: &ChartRequest, today: NaiveDate) -> Result<Vec<String>> {
    let theme = theme_of(db, req)?;
    let drawn = load::charts_of(db, names, &req.filter, today)?;
    drawn.iter().map(|c| Ok(charts::svg(c, req.size, &theme)?)).collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dashboards_charts_drawn_together_are_each_as_drawn_alone() {
        let mut db = Db::open_in_memory().unwrap();
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let opts = crate::demo::DemoOptions { people: 60, seed: 4, as_of, activity: true };
        crate::app::demo::load_demo(&mut db, opts, "2026-11-01T00:00:00Z".parse().unwrap()).unwrap();
        let names = [ChartName::ActivePeople, ChartName::Participation, ChartName::Departments, ChartName::Adoption];
        let req = ChartRequest {
            name: names[0],
            filter: Filter::default(),
            size: Size::PANEL,
            dark: Some(false),
            brand: None,
            scale: 1.0,
        };
        let together = chart_svgs(&db, &names, &req, as_of).unwrap();
        assert_eq!(together.len(), names.len(), "one picture per chart, in order");
        for (name, svg) in names.iter().zip(&together) {
            let alone = chart_svg(&db, &ChartRequest { name: *name, ..req.clone() }, as_of).unwrap();
            assert_eq!(&alone, svg, "{} drawn with the others is the same picture", name.name());
        }
    }
}
