//! Survey ties: who named whom ("who do you go to for advice?"). Two shapes
//! are read, both as survey tools export them:
//! - long: one row per answer, with a respondent column, a named-person
//!   column and optionally a question column;
//! - wide (Microsoft Forms, Google Forms): one row per respondent, one column
//!   per question, several people in a cell separated by `;` or new lines.
//!
//! People are matched like accounts: e-mail, external id, then a full name
//! exactly one person has. Pure: every problem names its line (or row) and
//! column; the caller writes nothing unless there are none.

use super::{RawTable, RowProblem};
use crate::activity::identity::{Lookup, PeopleKeys};
use crate::directory::PersonId;

const RESPONDENT: &[&str] = &[
    "respondent",
    "respondent_email",
    "respondent_id",
    "respondent_name",
    "from",
    "source",
    "ego",
    "email",
    "email_address",
    "name",
    "employee",
    "employee_id",
];
const NAMED: &[&str] = &["named", "named_person", "nominee", "nominated", "target", "to", "alter", "answer", "person"];
const QUESTION: &[&str] = &["question", "q", "relation", "relationship", "tie", "prompt", "label"];
/// An edge list's weight (Gephi: `Weight`) and direction (`Type`: Directed or Undirected).
const WEIGHT: &[&str] = &["weight", "count", "strength", "value"];
const DIRECTION: &[&str] = &["type", "direction", "directed"];
/// Columns of a wide export that are not questions.
const METADATA: &[&str] = &[
    "id",
    "start_time",
    "completion_time",
    "last_modified_time",
    "timestamp",
    "submitted",
    "submitted_at",
    "date",
    "language",
];

fn norm(s: &str) -> String {
    s.trim_start_matches('\u{feff}').trim().to_ascii_lowercase().replace([' ', '-', '.'], "_")
}

fn find(headers: &[String], names: &[&str]) -> Option<usize> {
    names.iter().find_map(|n| headers.iter().position(|h| norm(h) == *n))
}

/// The ties a survey file holds: (respondent, named, question), and the
/// problems of the rows that could not be read; self-nominations are left
/// out and counted.
#[derive(Debug, Default)]
pub struct SurveyRows {
    pub ties: Vec<(PersonId, PersonId, String, f64)>,
    pub problems: Vec<RowProblem>,
    pub self_named: usize,
    /// The questions, in the order met.
    pub questions: Vec<String>,
}

/// Reads the ties of a survey table.
pub fn survey_ties(table: &RawTable, people: &PeopleKeys) -> Result<SurveyRows, String> {
    let h = &table.headers;
    let Some(resp) = find(h, RESPONDENT) else {
        return Err(format!(
            "{}: no respondent column (respondent, email or name); columns found: {}",
            table.file,
            h.join(", ")
        ));
    };
    let named = find(h, NAMED);
    let question = find(h, QUESTION);
    let weight = named.and(find(h, WEIGHT));
    let direction = named.and(find(h, DIRECTION));
    // Wide: every other column that is not metadata is a question.
    let wide: Vec<usize> = match named {
        Some(_) => Vec::new(),
        None => (0..h.len())
            .filter(|&i| {
                i != resp && !RESPONDENT.contains(&norm(&h[i]).as_str()) && !METADATA.contains(&norm(&h[i]).as_str())
            })
            .collect(),
    };
    if named.is_none() && wide.is_empty() {
        return Err(format!(
            "{}: no column of named people (named, nominee, target) and no question columns; columns found: {}",
            table.file,
            h.join(", ")
        ));
    }
    let mut out = SurveyRows::default();
    let unit = table.format.unit();
    let problem = |number: usize, col: usize, message: String| RowProblem {
        file: table.file.clone(),
        unit,
        number,
        column: Some(h[col].clone()),
        message,
    };
    let person = |number: usize, col: usize, key: &str| -> Result<PersonId, RowProblem> {
        match people.lookup(key) {
            Lookup::Found(p) => Ok(p),
            Lookup::Shared => Err(problem(
                number,
                col,
                format!("{key:?} is the name of more than one person; give an e-mail or external id"),
            )),
            Lookup::Unknown => Err(problem(number, col, format!("{key:?} matches nobody in the directory"))),
        }
    };
    for row in &table.rows {
        let cell = |i: usize| row.cells.get(i).unwrap_or("").trim();
        let who = cell(resp);
        if who.is_empty() {
            out.problems.push(problem(row.number, resp, "no respondent".into()));
            continue;
        }
        let respondent = match person(row.number, resp, who) {
            Ok(p) => p,
            Err(e) => {
                out.problems.push(e);
                continue;
            }
        };
        let w = match weight.map(cell).filter(|w| !w.is_empty()) {
            None => 1.0,
            Some(text) => match text.replace(',', ".").parse::<f64>() {
                Ok(v) if v.is_finite() && v > 0.0 => v,
                _ => {
                    out.problems.push(problem(
                        row.number,
                        weight.unwrap_or(resp),
                        format!("{text:?} is not a positive number"),
                    ));
                    continue;
                }
            },
        };
        let both_ways = direction.map(cell).is_some_and(|d| d.eq_ignore_ascii_case("undirected"));
        let answers: Vec<(usize, String)> = match named {
            Some(n) => {
                let q = question.map(cell).filter(|q| !q.is_empty()).unwrap_or("named").to_owned();
                vec![(n, q)]
            }
            None => wide.iter().map(|&i| (i, h[i].trim().to_owned())).collect(),
        };
        for (col, q) in answers {
            for key in cell(col).split([';', '\n']).map(str::trim).filter(|k| !k.is_empty()) {
                match person(row.number, col, key) {
                    Ok(p) if p == respondent => out.self_named += 1,
                    Ok(p) => {
                        if !out.questions.contains(&q) {
                            out.questions.push(q.clone());
                        }
                        out.ties.push((respondent, p, q.clone(), w));
                        if both_ways {
                            out.ties.push((p, respondent, q.clone(), w));
                        }
                    }
                    Err(e) => out.problems.push(e),
                }
            }
        }
        if named.is_some_and(|n| cell(n).is_empty()) {
            out.problems.push(problem(row.number, named.unwrap_or(resp), "no one named".into()));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::SourceFormat;
    use crate::ingest::table::RawRow;

    fn table(headers: &[&str], rows: &[&[&str]]) -> RawTable {
        RawTable {
            file: "survey.csv".into(),
            format: SourceFormat::Csv,
            encoding: None,
            headers: headers.iter().map(|s| s.to_string()).collect(),
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, r)| RawRow { number: i + 2, cells: csv::StringRecord::from(r.to_vec()) })
                .collect(),
            skipped: Vec::new(),
        }
    }

    fn people() -> PeopleKeys {
        let mut k = PeopleKeys::default();
        k.add_email("ana@x.org", 1);
        k.add_name("Ana Lima", 1);
        k.add_name("Finn Berg", 2);
        k.add_external_id("E3", 3);
        k.add_name("Sam Lee", 4);
        k.add_name("Sam Lee", 5);
        k
    }

    #[test]
    fn long_rows_match_people_by_email_external_id_or_name() {
        let t = table(
            &["Respondent", "Named person", "Question"],
            &[
                &["ana@x.org", "Finn Berg", "advice"],
                &["E3", "ANA@X.ORG", "advice"],
                &["Finn Berg", "Finn Berg", "trust"],
            ],
        );
        let r = survey_ties(&t, &people()).unwrap();
        assert_eq!(r.ties, [(1, 2, "advice".into(), 1.0), (3, 1, "advice".into(), 1.0)]);
        assert_eq!((r.self_named, r.problems.len()), (1, 0));
    }

    #[test]
    fn wide_forms_exports_split_cells_into_people() {
        let t = table(
            &["ID", "Start time", "Email", "Who do you go to for advice?", "Who keeps you informed?"],
            &[&["1", "2026-01-05", "ana@x.org", "Finn Berg; E3", "Finn Berg"]],
        );
        let r = survey_ties(&t, &people()).unwrap();
        assert_eq!(r.ties.len(), 3);
        assert_eq!(r.questions, ["Who do you go to for advice?", "Who keeps you informed?"]);
    }

    #[test]
    fn gephi_edge_lists_carry_weight_and_direction() {
        let t = table(
            &["Source", "Target", "Type", "Weight"],
            &[&["ana@x.org", "E3", "Undirected", "2.5"], &["E3", "Finn Berg", "Directed", "1"]],
        );
        let r = survey_ties(&t, &people()).unwrap();
        assert_eq!(r.ties, [(1, 3, "named".into(), 2.5), (3, 1, "named".into(), 2.5), (3, 2, "named".into(), 1.0)]);
        let bad = table(&["Source", "Target", "Weight"], &[&["ana@x.org", "E3", "heavy"]]);
        assert_eq!(
            survey_ties(&bad, &people()).unwrap().problems[0].to_string(),
            "survey.csv:2: column \"Weight\": \"heavy\" is not a positive number"
        );
    }

    #[test]
    fn problems_name_the_line_column_and_why() {
        let t =
            table(&["respondent", "named"], &[&["ana@x.org", "Sam Lee"], &["nobody@x.org", "Finn Berg"], &["E3", ""]]);
        let r = survey_ties(&t, &people()).unwrap();
        let texts: Vec<String> = r.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            texts,
            [
                "survey.csv:2: column \"named\": \"Sam Lee\" is the name of more than one person; give an e-mail or external id",
                "survey.csv:3: column \"respondent\": \"nobody@x.org\" matches nobody in the directory",
                "survey.csv:4: column \"named\": no one named",
            ]
        );
        let none = table(&["when", "what"], &[]);
        assert!(survey_ties(&none, &people()).unwrap_err().contains("no respondent column"));
    }
}
