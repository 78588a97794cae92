//! Exports of the people directory to CSV and XLSX.
//!
//! Two protections apply to every export. Cells that a spreadsheet would run
//! as a formula (starting with `=`, `+`, `-`, `@`, tab or carriage return) are
//! prefixed with an apostrophe. And stakeholder assessments (influence,
//! interest, attitude, notes) are left out unless asked for: a file calling a
//! colleague a "blocker" can hurt them if it travels.

use std::path::PathBuf;

use super::PersonRow;

/// Why an export could not be made (writing it is the export door's).
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{}: {message}", path.display())]
    Xlsx { path: PathBuf, message: String },
}

/// What goes into an export.
#[derive(Debug, Clone, Copy, Default)]
pub struct ExportOptions {
    /// Include influence, interest, attitude and last contact.
    pub include_assessments: bool,
}

/// Neutralises a cell a spreadsheet would evaluate as a formula.
pub fn safe_cell(s: &str) -> std::borrow::Cow<'_, str> {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}").into(),
        _ => s.into(),
    }
}

fn columns(opts: ExportOptions) -> Vec<&'static str> {
    let mut c = vec![
        "id",
        "external_id",
        "full_name",
        "preferred_name",
        "email",
        "title",
        "department",
        "team",
        "location",
        "country",
        "manager",
        "hire_date",
        "tags",
        "executive",
        "it_ally",
        "champion",
    ];
    if opts.include_assessments {
        c.extend(["influence", "interest", "attitude", "last_contact"]);
    }
    c
}

fn cells(p: &PersonRow, opts: ExportOptions) -> Vec<String> {
    let o = |v: &Option<String>| v.clone().unwrap_or_default();
    let yn = |b: bool| if b { "yes" } else { "no" }.to_owned();
    let mut c = vec![
        p.id.to_string(),
        o(&p.external_id),
        p.full_name.clone(),
        o(&p.preferred_name),
        o(&p.email),
        o(&p.title),
        o(&p.department),
        o(&p.team),
        o(&p.location),
        o(&p.country),
        o(&p.manager),
        p.hire_date.map(|d| d.to_string()).unwrap_or_default(),
        p.tags.join("; "),
        yn(p.executive),
        yn(p.it_ally),
        yn(p.champion),
    ];
    if opts.include_assessments {
        c.extend([
            p.influence.map(|v| v.to_string()).unwrap_or_default(),
            p.interest.map(|v| v.to_string()).unwrap_or_default(),
            p.attitude.map(|a| a.as_str().to_owned()).unwrap_or_default(),
            p.last_contact.map(|d| d.to_string()).unwrap_or_default(),
        ]);
    }
    c
}

/// People as UTF-8 CSV (with a BOM, so that Excel reads accents).
pub fn csv_bytes(people: &[PersonRow], opts: ExportOptions) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::Writer::from_writer(&mut out);
        // Writing to memory cannot fail.
        let _ = w.write_record(columns(opts));
        for p in people {
            let _ = w.write_record(cells(p, opts).iter().map(|c| safe_cell(c).into_owned()));
        }
        let _ = w.flush();
    }
    out
}

/// People as an XLSX workbook (`path` names it in errors).
pub fn xlsx_bytes(path: &std::path::Path, people: &[PersonRow], opts: ExportOptions) -> Result<Vec<u8>, ExportError> {
    let err = |e: rust_xlsxwriter::XlsxError| ExportError::Xlsx { path: path.to_owned(), message: e.to_string() };
    let mut wb = rust_xlsxwriter::Workbook::new();
    let sheet = wb.add_worksheet();
    sheet.set_name("People").map_err(err)?;
    let bold = rust_xlsxwriter::Format::new().set_bold();
    for (c, name) in columns(opts).iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *name, &bold).map_err(err)?;
    }
    for (r, p) in people.iter().enumerate() {
        for (c, v) in cells(p, opts).iter().enumerate() {
            // Strings, never formulas; the prefix keeps a copy-paste to CSV safe too.
            sheet.write_string(r as u32 + 1, c as u16, safe_cell(v)).map_err(err)?;
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(err)?;
    sheet.autofit();
    wb.save_to_buffer().map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        for risky in ["=1+1", "+SUM(A1)", "-2", "@cmd", "\t=x"] {
            assert!(safe_cell(risky).starts_with('\''), "{risky:?} must be prefixed");
        }
        assert_eq!(safe_cell("Ann"), "Ann");
        assert_eq!(safe_cell(""), "");
    }
}
