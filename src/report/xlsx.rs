//! The tables behind the deck's charts as an Excel workbook: one sheet per
//! table, shares as percentages, dates as dates, and a native Excel chart
//! beside each table of a trend or of bars. Every text is written as text,
//! never as a formula.

use rust_xlsxwriter::{Chart, ChartType, Format, Workbook, Worksheet, XlsxError};

use super::{Cell, Deck, ReportError, Table};

fn err(e: XlsxError) -> ReportError {
    ReportError::Workbook(e.to_string())
}

/// Excel's own limits on a sheet name: 31 characters, none of `[]:*?/\`.
fn sheet_name(name: &str, taken: &[String]) -> String {
    let clean: String = name.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(28).collect();
    let clean = if clean.trim().is_empty() { "Table".to_owned() } else { clean };
    let mut out = clean.clone();
    let mut n = 2;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&out)) {
        out = format!("{clean} {n}");
        n += 1;
    }
    out
}

/// The workbook's bytes.
pub fn workbook(deck: &Deck) -> Result<Vec<u8>, ReportError> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let title = Format::new().set_bold().set_font_size(14);
    let share = Format::new().set_num_format("0.0%");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let about = wb.add_worksheet();
    about.set_name("About").map_err(err)?;
    about.write_string_with_format(0, 0, &deck.title, &title).map_err(err)?;
    let lines = [
        format!("Period: {}", deck.period),
        format!("Made: {}", deck.made),
        "Source: Chorus, from the tools' own exports, measured on this computer.".to_owned(),
        format!("Privacy: groups of fewer than {} people are merged or left out; no person is named.", deck.min_group),
        "Each sheet holds the table behind one chart of the deck.".to_owned(),
    ];
    for (i, l) in lines.iter().enumerate() {
        about.write_string(i as u32 + 2, 0, l).map_err(err)?;
    }
    about.set_column_width(0, 90).map_err(err)?;
    let mut taken = vec!["About".to_owned()];
    for t in &deck.tables {
        let name = sheet_name(&t.name, &taken);
        taken.push(name.clone());
        let sheet = wb.add_worksheet();
        sheet.set_name(&name).map_err(err)?;
        write_table(sheet, t, (&bold, &title, &share, &date)).map_err(err)?;
        if let Some(chart) = chart_of(&name, t) {
            let col = t.columns.len() as u16 + 1;
            sheet.insert_chart(2, col, &chart).map_err(err)?;
        }
    }
    wb.save_to_buffer().map_err(err)
}

fn write_table(sheet: &mut Worksheet, t: &Table, f: (&Format, &Format, &Format, &Format)) -> Result<(), XlsxError> {
    let (bold, title, share, date) = f;
    sheet.write_string_with_format(0, 0, &t.title, title)?;
    for (c, name) in t.columns.iter().enumerate() {
        sheet.write_string_with_format(2, c as u16, name, bold)?;
    }
    for (r, row) in t.rows.iter().enumerate() {
        let r = r as u32 + 3;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Text(s) => sheet.write_string(r, c, s)?,
                Cell::Number(v) => sheet.write_number(r, c, *v)?,
                Cell::Share(v) => sheet.write_number_with_format(r, c, *v, share)?,
                Cell::Date(d) => {
                    use chrono::Datelike;
                    let day =
                        rust_xlsxwriter::ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                    sheet.write_date_with_format(r, c, &day, date)?
                }
                Cell::Empty => sheet,
            };
        }
    }
    sheet.set_freeze_panes(3, 0)?;
    sheet.set_column_width(0, 34)?;
    for c in 1..t.columns.len() as u16 {
        sheet.set_column_width(c, 16)?;
    }
    Ok(())
}

/// A native chart of the table: lines over dates, or bars of shares.
fn chart_of(sheet: &str, t: &Table) -> Option<Chart> {
    let n = t.rows.len() as u32;
    if n == 0 {
        return None;
    }
    let (first, last) = (3, 2 + n);
    let chart = match t.rows[0].first() {
        Some(Cell::Date(_)) => {
            let mut chart = Chart::new(ChartType::Line);
            for c in 1..t.columns.len() as u16 {
                chart
                    .add_series()
                    .set_name((sheet, 2, c))
                    .set_categories((sheet, first, 0, last, 0))
                    .set_values((sheet, first, c, last, c));
            }
            chart
        }
        Some(Cell::Text(_)) if matches!(t.rows[0].get(1), Some(Cell::Share(_))) => {
            let mut chart = Chart::new(ChartType::Bar);
            chart
                .add_series()
                .set_name((sheet, 2, 1))
                .set_categories((sheet, first, 0, last, 0))
                .set_values((sheet, first, 1, last, 1));
            chart.x_axis().set_num_format("0%");
            chart.y_axis().set_reverse();
            chart
        }
        _ => return None,
    };
    let mut chart = chart;
    chart.title().set_name(&t.title);
    chart.set_width(720).set_height(400);
    Some(chart)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_follow_excel_rules() {
        let taken = vec!["About".to_owned(), "tools".to_owned()];
        assert_eq!(sheet_name("TOOLS", &taken), "TOOLS 2");
        assert_eq!(sheet_name("a/b:c", &taken), "abc");
        assert_eq!(sheet_name(&"x".repeat(40), &taken).chars().count(), 28);
        assert_eq!(sheet_name("[]", &taken), "Table");
    }
}
