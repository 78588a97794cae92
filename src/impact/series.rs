//! Weekly outcome series: what a rollout is judged on.
//!
//! Conventions (stated in the README too):
//! - A week is an ISO week, Monday to Sunday, in UTC (the day numbers the
//!   activity is kept in). Only whole weeks count: the first is the first
//!   Monday on or after the first day with data, the last ends on the last
//!   Sunday on or before the last day with data.
//! - Active people: people (and accounts not yet tied to anyone) with at
//!   least one counted event in the week. Active share: active people of
//!   the directory over the people of the group (everyone: the directory).
//!   Contributions: posts and replies. Responses per post: replies and
//!   reactions over posts (no value in a week without posts). Hours to the
//!   first reply: the median, over posts of the week that drew a reply from
//!   someone else, of the hours until the first one (no value in a week
//!   without such a post).
//! - By department or location: a subject counts in the group of their
//!   directory record; accounts not tied to a person count for everyone
//!   only.
//! - Imported series: a CSV with the columns week, group and value (the
//!   group may be empty or the column absent: everyone); a week is written
//!   as 2026-W05 or as any date of the week. Every group must have every
//!   week between its first and last exactly once.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::activity::facts::{Facts, WaveUnit};
use crate::activity::{date_of_day, day_of_date};
use crate::file::{FileError, RowProblem, Unit};

use super::stats::median;

/// An outcome measured from the activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    ActivePeople,
    ActiveShare,
    Contributions,
    ResponsesPerPost,
    HoursToFirstReply,
}

impl Metric {
    pub const ALL: [Metric; 5] = [
        Metric::ActivePeople,
        Metric::ActiveShare,
        Metric::Contributions,
        Metric::ResponsesPerPost,
        Metric::HoursToFirstReply,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Metric::ActivePeople => "active_people",
            Metric::ActiveShare => "active_share",
            Metric::Contributions => "contributions",
            Metric::ResponsesPerPost => "responses_per_post",
            Metric::HoursToFirstReply => "hours_to_first_reply",
        }
    }

    pub fn parse(s: &str) -> Option<Metric> {
        let s = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        Metric::ALL.into_iter().find(|m| m.as_str() == s)
    }

    /// What the series counts, in words: "weekly active people".
    pub fn words(self) -> &'static str {
        match self {
            Metric::ActivePeople => "weekly active people",
            Metric::ActiveShare => "the weekly share of people active",
            Metric::Contributions => "weekly posts and replies",
            Metric::ResponsesPerPost => "responses per post",
            Metric::HoursToFirstReply => "hours to the first reply",
        }
    }

    /// Whether a rise is good news (a faster first reply is a fall).
    pub fn higher_is_better(self) -> bool {
        self != Metric::HoursToFirstReply
    }
}

/// What the series are split by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupBy {
    Everyone,
    Department,
    Location,
}

impl From<WaveUnit> for GroupBy {
    fn from(u: WaveUnit) -> GroupBy {
        match u {
            WaveUnit::Department => GroupBy::Department,
            WaveUnit::Location => GroupBy::Location,
        }
    }
}

/// One group's series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupSeries {
    pub group: String,
    /// People of the directory in the group (for an imported series: none known).
    pub people: Option<u32>,
    /// One value per week of [`Outcome::weeks`]; `None` where the week has
    /// nothing to measure (no post to respond to, say).
    pub values: Vec<Option<f64>>,
}

/// Weekly series, one per group, over the same weeks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    /// What is measured: a [`Metric`]'s name, or the imported file's.
    pub name: String,
    pub words: String,
    pub higher_is_better: bool,
    pub by: GroupBy,
    /// The Monday of each week, oldest first.
    pub weeks: Vec<NaiveDate>,
    pub groups: Vec<GroupSeries>,
}

/// A row of an outcome, as `--json` prints it: anyone can redo the analysis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesRow {
    /// ISO week, e.g. 2026-W05.
    pub week: String,
    /// Its Monday.
    pub monday: NaiveDate,
    pub group: String,
    pub value: Option<f64>,
}

impl Outcome {
    pub fn rows(&self) -> Vec<SeriesRow> {
        let mut out = Vec::with_capacity(self.weeks.len() * self.groups.len());
        for g in &self.groups {
            for (w, v) in self.weeks.iter().zip(&g.values) {
                out.push(SeriesRow { week: iso_week(*w), monday: *w, group: g.group.clone(), value: *v });
            }
        }
        out
    }

    pub fn group(&self, name: &str) -> Option<&GroupSeries> {
        self.groups.iter().find(|g| g.group.eq_ignore_ascii_case(name))
    }
}

/// "2026-W05".
pub fn iso_week(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}

/// The Monday of the week a day number falls in.
pub fn monday_of(day: i32) -> i32 {
    // Day 0, 1970-01-01, was a Thursday: Monday is day −3.
    day - (day + 3).rem_euclid(7)
}

/// The whole weeks between two days (inclusive), as the day numbers of
/// their Mondays.
pub fn whole_weeks(first: i32, last: i32) -> Vec<i32> {
    let start = if monday_of(first) == first { first } else { monday_of(first) + 7 };
    (0..).map(|k| start + 7 * k).take_while(|m| m + 6 <= last).collect()
}

/// The outcome from the activity, for everyone or per group, over the whole
/// weeks of `span` (default: the days with data). `tool`: one tool's
/// activity only.
pub fn weekly(facts: &Facts, metric: Metric, by: GroupBy, tool: Option<u16>, span: Option<(i32, i32)>) -> Outcome {
    let (first, last) = span.or_else(|| facts.span()).unwrap_or((0, -1));
    let mondays = whole_weeks(first, last);
    let nw = mondays.len();
    let names: Vec<String> = match by {
        GroupBy::Everyone => vec!["Everyone".to_owned()],
        GroupBy::Department => facts.departments.clone(),
        GroupBy::Location => facts.locations.clone(),
    };
    let ng = names.len();
    // The group of each subject (people only; accounts not tied to a person
    // count for everyone).
    let group_of: Vec<Option<usize>> = facts
        .subjects
        .iter()
        .enumerate()
        .map(|(i, s)| match by {
            GroupBy::Everyone => Some(0),
            _ if i as u32 >= facts.people => None,
            GroupBy::Department => s.department.map(|d| d as usize),
            GroupBy::Location => s.location.map(|l| l as usize),
        })
        .collect();
    let mut people = vec![0u32; ng];
    for (i, g) in group_of.iter().enumerate() {
        if let Some(g) = g
            && (i as u32) < facts.people
        {
            people[*g] += 1;
        }
    }
    let (mut active, mut active_people) = (vec![0u32; ng * nw], vec![0u32; ng * nw]);
    let (mut posts, mut contributions, mut responses) = (vec![0u64; ng * nw], vec![0u64; ng * nw], vec![0u64; ng * nw]);
    let mut seen = vec![usize::MAX; facts.subjects.len()];
    let week_of = |day: i32| -> Option<usize> {
        let m = monday_of(day);
        let k = (m - mondays.first()?).div_euclid(7);
        (k >= 0 && (k as usize) < nw).then_some(k as usize)
    };
    if let (Some(&a), Some(&b)) = (mondays.first(), mondays.last()) {
        for d in facts.days_between(a, b + 6) {
            if tool.is_some_and(|t| t != d.tool) || d.counts.iter().all(|&c| c == 0) {
                continue;
            }
            let (Some(w), Some(g)) = (week_of(d.day), group_of[d.subject as usize]) else { continue };
            let cell = g * nw + w;
            if seen[d.subject as usize] != w {
                seen[d.subject as usize] = w;
                active[cell] += 1;
                if d.subject < facts.people {
                    active_people[cell] += 1;
                }
            }
            posts[cell] += u64::from(d.counts[0]);
            contributions[cell] += u64::from(d.counts[0]) + u64::from(d.counts[1]);
            responses[cell] += u64::from(d.counts[1]) + u64::from(d.counts[2]);
        }
    }
    let mut delays: Vec<Vec<f64>> = vec![Vec::new(); ng * nw];
    if let (Metric::HoursToFirstReply, Some(&a), Some(&b)) = (metric, mondays.first(), mondays.last()) {
        for r in facts.replies_between(a, b + 6) {
            if tool.is_some_and(|t| t != r.tool) {
                continue;
            }
            if let (Some(w), Some(g)) = (week_of(r.day), group_of[r.subject as usize]) {
                delays[g * nw + w].push(f64::from(r.seconds) / 3600.0);
            }
        }
    }
    let population = match by {
        GroupBy::Everyone => vec![facts.people],
        _ => people.clone(),
    };
    let groups = (0..ng)
        .map(|g| GroupSeries {
            group: names[g].clone(),
            people: Some(population[g]),
            values: (0..nw)
                .map(|w| {
                    let c = g * nw + w;
                    match metric {
                        Metric::ActivePeople => Some(f64::from(active[c])),
                        Metric::ActiveShare => {
                            (population[g] > 0).then(|| f64::from(active_people[c]) / f64::from(population[g]))
                        }
                        Metric::Contributions => Some(contributions[c] as f64),
                        Metric::ResponsesPerPost => (posts[c] > 0).then(|| responses[c] as f64 / posts[c] as f64),
                        Metric::HoursToFirstReply => median(&mut delays[c]),
                    }
                })
                .collect(),
        })
        .collect();
    Outcome {
        name: metric.as_str().to_owned(),
        words: metric.words().to_owned(),
        higher_is_better: metric.higher_is_better(),
        by,
        weeks: mondays.into_iter().map(date_of_day).collect(),
        groups,
    }
}

/// Reads an imported weekly series (week, group, value). Every problem
/// names the file and line; a gap or a week given twice is refused.
pub fn read_csv(file: &str, text: &str) -> Result<Outcome, SeriesError> {
    let mut rd = csv::ReaderBuilder::new().flexible(true).trim(csv::Trim::All).from_reader(text.as_bytes());
    let headers = rd.headers().map_err(|e| SeriesError::File(FileError::csv(file, &e, 1)))?.clone();
    let col = |names: &[&str]| headers.iter().position(|h| names.iter().any(|n| h.eq_ignore_ascii_case(n)));
    let problem = |line: usize, column: Option<&str>, message: String| {
        SeriesError::Row(RowProblem {
            file: file.to_owned(),
            unit: Unit::Line,
            number: line,
            column: column.map(str::to_owned),
            message,
        })
    };
    let week_col = col(&["week", "iso_week", "date", "monday"])
        .ok_or_else(|| problem(1, None, "no week column (week, iso_week or date)".into()))?;
    let value_col = col(&["value", "score", "count"])
        .ok_or_else(|| problem(1, None, "no value column (value, score or count)".into()))?;
    let group_col = col(&["group", "department", "location", "team"]);
    let mut rows: Vec<(String, i32, f64, usize)> = Vec::new();
    for (i, rec) in rd.records().enumerate() {
        let line = i + 2;
        let rec = rec.map_err(|e| SeriesError::File(FileError::csv(file, &e, line as u64)))?;
        if rec.iter().all(str::is_empty) {
            continue;
        }
        let wtext = rec.get(week_col).unwrap_or("");
        let monday = parse_week(wtext).ok_or_else(|| {
            problem(
                line,
                Some(&headers[week_col]),
                format!("{wtext:?} is not a week: write 2026-W05 or a date such as 2026-01-26"),
            )
        })?;
        let vtext = rec.get(value_col).unwrap_or("");
        let value: f64 = vtext
            .replace(',', ".")
            .parse()
            .ok()
            .filter(|v: &f64| v.is_finite())
            .ok_or_else(|| problem(line, Some(&headers[value_col]), format!("{vtext:?} is not a number")))?;
        let group = group_col.and_then(|c| rec.get(c)).filter(|g| !g.is_empty()).unwrap_or("Everyone").to_owned();
        rows.push((group, monday, value, line));
    }
    if rows.is_empty() {
        return Err(problem(1, None, "no rows".into()));
    }
    let first = rows.iter().map(|r| r.1).min().expect("rows");
    let last = rows.iter().map(|r| r.1).max().expect("rows");
    let nw = ((last - first) / 7 + 1) as usize;
    let mut names: Vec<String> = Vec::new();
    let mut values: Vec<Vec<Option<(f64, usize)>>> = Vec::new();
    for (group, monday, value, line) in &rows {
        let g = match names.iter().position(|n| n.eq_ignore_ascii_case(group)) {
            Some(g) => g,
            None => {
                names.push(group.clone());
                values.push(vec![None; nw]);
                names.len() - 1
            }
        };
        let w = ((monday - first) / 7) as usize;
        if let Some((_, earlier)) = values[g][w] {
            return Err(problem(
                *line,
                None,
                format!("{group}, week {}: given twice (also line {earlier})", iso_week(date_of_day(*monday))),
            ));
        }
        values[g][w] = Some((*value, *line));
    }
    for (g, vs) in values.iter().enumerate() {
        let present: Vec<usize> = (0..nw).filter(|&w| vs[w].is_some()).collect();
        let (a, b) = (present[0], *present.last().expect("a week"));
        if let Some(w) = (a..=b).find(|&w| vs[w].is_none()) {
            let after = vs[..w].iter().rev().flatten().next().map(|v| v.1).unwrap_or(1);
            return Err(problem(
                after,
                None,
                format!(
                    "{}: week {} is missing (every week between the first and the last must be given)",
                    names[g],
                    iso_week(date_of_day(first + 7 * w as i32))
                ),
            ));
        }
    }
    let name = std::path::Path::new(file)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| file.to_owned());
    Ok(Outcome {
        words: name.replace(['_', '-'], " "),
        name,
        higher_is_better: true,
        by: if names.len() == 1 && names[0] == "Everyone" { GroupBy::Everyone } else { GroupBy::Department },
        weeks: (0..nw).map(|w| date_of_day(first + 7 * w as i32)).collect(),
        groups: names
            .into_iter()
            .zip(values)
            .map(|(group, vs)| GroupSeries {
                group,
                people: None,
                values: vs.into_iter().map(|v| v.map(|v| v.0)).collect(),
            })
            .collect(),
    })
}

/// "2026-W05", "2026W05" or any date of the week → its Monday's day number.
pub fn parse_week(s: &str) -> Option<i32> {
    let s = s.trim();
    if let Some((y, w)) = s.split_once(['W', 'w']) {
        let y: i32 = y.trim_end_matches('-').parse().ok()?;
        let w: u32 = w.trim_start_matches('-').parse().ok()?;
        return NaiveDate::from_isoywd_opt(y, w, chrono::Weekday::Mon).map(day_of_date);
    }
    let d: NaiveDate = s.get(..10).unwrap_or(s).parse().ok()?;
    Some(monday_of(day_of_date(d)))
}

/// A problem with an imported series.
#[derive(Debug, thiserror::Error)]
pub enum SeriesError {
    #[error(transparent)]
    File(FileError),
    #[error("{0}")]
    Row(RowProblem),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> i32 {
        day_of_date(s.parse().unwrap())
    }

    #[test]
    fn weeks_are_iso_weeks_and_only_whole_ones_count() {
        assert_eq!(monday_of(d("2026-12-04")), d("2026-11-30"), "a Friday's Monday");
        assert_eq!(monday_of(d("2026-11-30")), d("2026-11-30"));
        assert_eq!(monday_of(d("2026-12-06")), d("2026-11-30"), "Sunday ends the week");
        // Wednesday 2 Dec to Monday 21 Dec: the whole weeks of 7 and 14 Dec.
        assert_eq!(whole_weeks(d("2026-12-02"), d("2026-12-21")), vec![d("2026-12-07"), d("2026-12-14")]);
        assert_eq!(iso_week(date_of_day(d("2027-01-01"))), "2026-W53");
        assert_eq!(parse_week("2026-W05"), Some(d("2026-01-26")));
        assert_eq!(parse_week("2026-01-29"), Some(d("2026-01-26")));
        assert_eq!(parse_week("week five"), None);
    }

    #[test]
    fn an_imported_series_is_read_and_its_gaps_and_repeats_refused() {
        let o = read_csv(
            "pulse.csv",
            "week,group,value\n2026-W01,Sales,3.5\n2026-W02,Sales,3.7\n2026-W01,IT,4\n2026-W02,IT,4.1\n",
        )
        .expect("reads");
        assert_eq!(o.weeks.len(), 2);
        assert_eq!(o.group("it").unwrap().values, vec![Some(4.0), Some(4.1)]);
        let twice = read_csv("pulse.csv", "week,value\n2026-W01,1\n2026-01-02,2\n").unwrap_err().to_string();
        assert!(twice.contains("pulse.csv:3") && twice.contains("twice"), "{twice}");
        let gap = read_csv("pulse.csv", "week,value\n2026-W01,1\n2026-W03,2\n").unwrap_err().to_string();
        assert!(gap.contains("2026-W02 is missing"), "{gap}");
        let bad = read_csv("pulse.csv", "week,value\n2026-W01,high\n").unwrap_err().to_string();
        assert!(bad.contains("pulse.csv:2") && bad.contains("value") && bad.contains("not a number"), "{bad}");
    }
}
