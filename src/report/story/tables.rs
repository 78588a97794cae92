//! The table behind each chart, for the workbook.

use chrono::NaiveDate;

use super::capitalise;
use crate::charts::{Body, Chart, ChartName};
use crate::report::{Cell, Table};

/// The table behind a chart.
pub(super) fn table_of(chart: &Chart, name: ChartName) -> Option<Table> {
    let sheet = name.name().to_owned();
    match &chart.body {
        Body::Trend { series, .. } => {
            let mut dates: Vec<NaiveDate> = series.iter().flat_map(|s| s.points.iter().map(|p| p.0)).collect();
            dates.sort();
            dates.dedup();
            let mut columns = vec!["Date".to_owned()];
            columns.extend(series.iter().map(|s| s.name.clone()));
            let rows = dates
                .iter()
                .map(|day| {
                    let mut row = vec![Cell::Date(*day)];
                    row.extend(series.iter().map(|s| {
                        s.points.iter().find(|p| p.0 == *day).map(|p| Cell::Number(p.1)).unwrap_or(Cell::Empty)
                    }));
                    row
                })
                .collect();
            Some(Table { name: sheet, title: chart.title.clone(), columns, rows })
        }
        Body::Bars { rows, reference, .. } => {
            let mut columns = vec!["".to_owned(), "Share".to_owned(), "Detail".to_owned()];
            if let Some(r) = reference {
                columns.push(r.clone());
            }
            let rows = rows
                .iter()
                .map(|r| {
                    let mut row = vec![Cell::Text(r.label.clone()), Cell::Share(r.share), Cell::Text(r.note.clone())];
                    if reference.is_some() {
                        row.push(r.reference.map(Cell::Share).unwrap_or(Cell::Empty));
                    }
                    row
                })
                .collect();
            Some(Table { name: sheet, title: chart.title.clone(), columns, rows })
        }
        Body::Curve { points, x_axis, y_axis, .. } => Some(Table {
            name: sheet,
            title: chart.title.clone(),
            columns: vec![capitalise(x_axis), capitalise(y_axis)],
            rows: points.iter().map(|&(x, y)| vec![Cell::Share(x), Cell::Share(y)]).collect(),
        }),
        Body::Quadrants { cells, parts, .. } => {
            let mut columns = vec!["Quadrant".to_owned(), "People".to_owned()];
            columns.extend(parts.iter().map(|p| capitalise(p)));
            let rows = cells
                .iter()
                .map(|c| {
                    let mut row = vec![Cell::Text(c.label.clone()), Cell::Number(f64::from(c.total))];
                    match &c.parts {
                        Some(n) => row.extend(n.iter().map(|v| Cell::Number(f64::from(*v)))),
                        None => row.extend(parts.iter().map(|_| Cell::Text("withheld (too few)".into()))),
                    }
                    row
                })
                .collect();
            Some(Table { name: sheet, title: chart.title.clone(), columns, rows })
        }
        Body::Network { groups, .. } => Some(Table {
            name: sheet,
            title: chart.title.clone(),
            columns: vec!["Community".into(), "People".into()],
            rows: groups.iter().map(|(l, n)| vec![Cell::Text(l.clone()), Cell::Number(f64::from(*n))]).collect(),
        }),
        Body::Empty { .. } => None,
    }
}
