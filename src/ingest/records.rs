//! Second stage of reading: raw text rows become validated person records,
//! or the list of everything wrong with the row.

use super::{RawTable, RowProblem, mapping::Mapping};
use crate::directory::{Field, PersonRecord, ValueProblem};

/// A row that passed validation.
#[derive(Debug, Clone)]
pub struct Row {
    pub number: usize,
    pub record: PersonRecord,
}

/// Validates every row of `table` under `mapping`. Rows are independent, so
/// they are validated on every core (the results in file order).
pub fn records(table: &RawTable, mapping: &Mapping) -> Vec<Result<Row, Vec<RowProblem>>> {
    use rayon::prelude::*;
    let unit = table.format.unit();
    // Fields are applied in mapping order except that first and last names
    // must meet in that order whatever the columns' order.
    let mut cells: Vec<(usize, Field)> =
        mapping.columns.iter().enumerate().filter_map(|(i, f)| f.map(|f| (i, f))).collect();
    cells.sort_by_key(|&(i, f)| (f == Field::LastName, i));
    table
        .rows
        .par_iter()
        .with_min_len(1024)
        .map(|raw| {
            let mut record = PersonRecord::default();
            let mut problems = Vec::new();
            let mut problem = |column: Option<&str>, message: String| {
                problems.push(RowProblem {
                    file: table.file.clone(),
                    unit,
                    number: raw.number,
                    column: column.map(str::to_owned),
                    message,
                })
            };
            for &(i, field) in &cells {
                let cell = raw.cells.get(i).unwrap_or("");
                if cell.trim().is_empty() {
                    continue; // empty cells keep what is stored
                }
                match field.parse(cell) {
                    Ok(v) => field.apply_to_record(v, &mut record),
                    Err(p) => problem(Some(&table.headers[i]), p.to_string()),
                }
            }
            record.full_name = crate::text::clean(&record.full_name);
            if record.full_name.is_empty() {
                problem(None, format!("no name: the name column(s) are empty ({})", ValueProblem::Required));
            }
            if record.external_id.is_none() && record.emails.is_empty() {
                problem(None, "no external id and no email: the row cannot be matched to a person".to_owned());
            }
            if problems.is_empty() { Ok(Row { number: raw.number, record }) } else { Err(problems) }
        })
        .collect()
}
