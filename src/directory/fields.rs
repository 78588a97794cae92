//! The directory's fields and the one place where a raw value typed by a person
//! or read from a file becomes a validated value. Imports and `people set` both
//! go through [`Field::parse_value`], so a rule is written once.

use chrono::NaiveDate;

use super::{Attitude, DirectoryError, PersonRecord, Skill, SkillSource, ValueProblem};

/// Longest value accepted in a short field (names, titles, org units…).
pub const MAX_SHORT_BYTES: usize = 4 * 1024;
/// Longest value accepted in free notes.
pub const MAX_NOTES_BYTES: usize = 64 * 1024;

/// A field of a person, as named in mappings, `people set` and error messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    ExternalId,
    FullName,
    /// Import only: joined with [`Field::LastName`] when no full name is given.
    FirstName,
    /// Import only.
    LastName,
    PreferredName,
    Email,
    Title,
    Department,
    Team,
    Location,
    Country,
    Manager,
    HireDate,
    Languages,
    Tags,
    Skills,
    Notes,
    Influence,
    Interest,
    Attitude,
    Executive,
    ItAlly,
    Champion,
    LastContact,
}

/// A validated value for one field. `None` / empty means "no value".
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(Option<String>),
    Date(Option<NaiveDate>),
    Level(Option<u8>),
    Attitude(Option<Attitude>),
    Bool(bool),
    List(Vec<String>),
}

/// One validated change to one field of a person.
#[derive(Debug, Clone, PartialEq)]
pub struct Edit {
    pub field: Field,
    pub value: Value,
}

impl Field {
    pub const ALL: [Field; 24] = [
        Field::ExternalId,
        Field::FullName,
        Field::FirstName,
        Field::LastName,
        Field::PreferredName,
        Field::Email,
        Field::Title,
        Field::Department,
        Field::Team,
        Field::Location,
        Field::Country,
        Field::Manager,
        Field::HireDate,
        Field::Languages,
        Field::Tags,
        Field::Skills,
        Field::Notes,
        Field::Influence,
        Field::Interest,
        Field::Attitude,
        Field::Executive,
        Field::ItAlly,
        Field::Champion,
        Field::LastContact,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Field::ExternalId => "external_id",
            Field::FullName => "full_name",
            Field::FirstName => "first_name",
            Field::LastName => "last_name",
            Field::PreferredName => "preferred_name",
            Field::Email => "email",
            Field::Title => "title",
            Field::Department => "department",
            Field::Team => "team",
            Field::Location => "location",
            Field::Country => "country",
            Field::Manager => "manager",
            Field::HireDate => "hire_date",
            Field::Languages => "languages",
            Field::Tags => "tags",
            Field::Skills => "skills",
            Field::Notes => "notes",
            Field::Influence => "influence",
            Field::Interest => "interest",
            Field::Attitude => "attitude",
            Field::Executive => "executive",
            Field::ItAlly => "it_ally",
            Field::Champion => "champion",
            Field::LastContact => "last_contact",
        }
    }

    /// Parses a field name as written in `--map col=FIELD` or `FIELD=value`.
    pub fn from_name(s: &str) -> Option<Field> {
        let s = s.trim().to_ascii_lowercase().replace('-', "_");
        Field::ALL.into_iter().find(|f| f.name() == s)
    }

    /// Fields that `people set` accepts (first/last name exist for imports only).
    pub fn is_editable(self) -> bool {
        !matches!(self, Field::FirstName | Field::LastName)
    }

    pub fn editable_names() -> Vec<&'static str> {
        Field::ALL.into_iter().filter(|f| f.is_editable()).map(Field::name).collect()
    }

    fn max_bytes(self) -> usize {
        match self {
            Field::Notes => MAX_NOTES_BYTES,
            _ => MAX_SHORT_BYTES,
        }
    }

    /// Validates a raw value. Surrounding whitespace is ignored; an empty value
    /// means "no value" (clearing the field when used in an edit).
    pub fn parse_value(self, raw: &str) -> Result<Value, DirectoryError> {
        self.parse(raw).map_err(|problem| DirectoryError::Invalid { field: self.name(), problem })
    }

    /// As [`Field::parse_value`], with the problem alone (importers name the
    /// file's column instead of the field).
    pub fn parse(self, raw: &str) -> Result<Value, ValueProblem> {
        if raw.len() > self.max_bytes() {
            return Err(ValueProblem::TooLong { len: raw.len(), max: self.max_bytes() });
        }
        let multiline = self == Field::Notes;
        if let Some(c) = raw.chars().find(|&c| c.is_control() && c != '\t' && !(multiline && (c == '\n' || c == '\r')))
        {
            return Err(ValueProblem::ControlCharacter { code: c as u32 });
        }
        let raw = raw.trim();
        let text = || (!raw.is_empty()).then(|| crate::text::clean(raw));
        Ok(match self {
            Field::Notes => Value::Text((!raw.is_empty()).then(|| raw.to_owned())),
            Field::Email => {
                let mut emails = Vec::new();
                for e in split_list(raw) {
                    let e = e.to_lowercase();
                    if !crate::text::looks_like_email(&e) {
                        return Err(ValueProblem::InvalidEmail(e));
                    }
                    emails.push(e);
                }
                Value::List(dedupe(emails))
            }
            Field::Languages | Field::Tags | Field::Skills => {
                Value::List(dedupe(split_list(raw).map(crate::text::clean).collect()))
            }
            Field::HireDate | Field::LastContact => Value::Date(parse_date(raw)?),
            Field::Influence | Field::Interest => Value::Level(parse_level(raw)?),
            Field::Attitude => Value::Attitude(if raw.is_empty() {
                None
            } else {
                Some(Attitude::parse(raw).ok_or_else(|| ValueProblem::InvalidChoice {
                    value: raw.to_owned(),
                    expected: "champion, supporter, neutral, sceptic, blocker",
                })?)
            }),
            Field::Executive | Field::ItAlly | Field::Champion => Value::Bool(parse_bool(raw)?),
            Field::FullName if raw.is_empty() => return Err(ValueProblem::Required),
            _ => Value::Text(text()),
        })
    }

    /// Puts a validated, non-empty value into an import record. Lists merge.
    pub fn apply_to_record(self, value: Value, rec: &mut PersonRecord) {
        match (self, value) {
            (Field::ExternalId, Value::Text(v)) => rec.external_id = v,
            (Field::FullName, Value::Text(v)) => rec.full_name = v.unwrap_or_default(),
            (Field::FirstName, Value::Text(Some(v))) => {
                rec.full_name = if rec.full_name.is_empty() { v } else { format!("{v} {}", rec.full_name) }
            }
            (Field::LastName, Value::Text(Some(v))) => {
                rec.full_name = if rec.full_name.is_empty() { v } else { format!("{} {v}", rec.full_name) }
            }
            (Field::PreferredName, Value::Text(v)) => rec.preferred_name = v,
            (Field::Email, Value::List(v)) => merge(&mut rec.emails, v),
            (Field::Title, Value::Text(v)) => rec.title = v,
            (Field::Department, Value::Text(v)) => rec.department = v,
            (Field::Team, Value::Text(v)) => rec.team = v,
            (Field::Location, Value::Text(v)) => rec.location = v,
            (Field::Country, Value::Text(v)) => rec.country = v,
            (Field::Manager, Value::Text(v)) => rec.manager_ref = v,
            (Field::HireDate, Value::Date(v)) => rec.hire_date = v,
            (Field::LastContact, Value::Date(v)) => rec.last_contact = v,
            (Field::Languages, Value::List(v)) => merge(&mut rec.languages, v),
            (Field::Tags, Value::List(v)) => merge(&mut rec.tags, v),
            (Field::Skills, Value::List(v)) => {
                for name in v {
                    let skill = Skill { name, source: SkillSource::Declared };
                    if !rec.skills.contains(&skill) {
                        rec.skills.push(skill);
                    }
                }
            }
            (Field::Notes, Value::Text(v)) => rec.notes = v,
            (Field::Influence, Value::Level(v)) => rec.influence = v,
            (Field::Interest, Value::Level(v)) => rec.interest = v,
            (Field::Attitude, Value::Attitude(v)) => rec.attitude = v,
            (Field::Executive, Value::Bool(v)) => rec.executive = Some(v),
            (Field::ItAlly, Value::Bool(v)) => rec.it_ally = Some(v),
            (Field::Champion, Value::Bool(v)) => rec.champion = Some(v),
            _ => {}
        }
    }
}

impl std::fmt::Display for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Validates a value typed for one editable field.
pub fn parse_edit(name: &str, raw: &str) -> Result<Edit, DirectoryError> {
    let field = Field::from_name(name)
        .filter(|f| f.is_editable())
        .ok_or_else(|| DirectoryError::UnknownField(name.to_owned()))?;
    Ok(Edit { field, value: field.parse_value(raw)? })
}

/// Parses `FIELD=VALUE` as typed on the command line.
pub fn parse_assignment(s: &str) -> Result<Edit, DirectoryError> {
    let (name, raw) = s.split_once('=').ok_or_else(|| DirectoryError::BadAssignment(s.to_owned()))?;
    // An empty full name is refused by parse_value; other empty values clear.
    parse_edit(name, raw)
}

fn split_list(raw: &str) -> impl Iterator<Item = &str> {
    raw.split([';', ',', '|']).map(str::trim).filter(|s| !s.is_empty())
}

fn dedupe(items: Vec<String>) -> Vec<String> {
    if items.len() < 2 {
        return items;
    }
    let mut seen = std::collections::HashSet::new();
    items.into_iter().filter(|i| seen.insert(crate::text::fold(i))).collect()
}

fn merge(into: &mut Vec<String>, more: Vec<String>) {
    for m in more {
        if !into.iter().any(|x| crate::text::fold(x) == crate::text::fold(&m)) {
            into.push(m);
        }
    }
}

fn parse_level(raw: &str) -> Result<Option<u8>, ValueProblem> {
    if raw.is_empty() {
        return Ok(None);
    }
    let bad = || ValueProblem::OutOfRange { value: raw.to_owned(), min: 1, max: 5 };
    // Spreadsheets hand whole numbers over as "3.0".
    let n: f64 = raw.parse().map_err(|_| bad())?;
    if n.fract() != 0.0 || !(1.0..=5.0).contains(&n) {
        return Err(bad());
    }
    Ok(Some(n as u8))
}

fn parse_bool(raw: &str) -> Result<bool, ValueProblem> {
    match raw.to_ascii_lowercase().as_str() {
        "" | "0" | "no" | "n" | "false" | "f" => Ok(false),
        "1" | "yes" | "y" | "true" | "t" | "x" => Ok(true),
        _ => Err(ValueProblem::InvalidChoice { value: raw.to_owned(), expected: "yes/no, true/false, 1/0" }),
    }
}

/// Accepts `YYYY-MM-DD`, `YYYY/MM/DD`, and ISO date-times (the date part is
/// kept). Day-first and month-first forms are refused: `03/04/2021` is
/// ambiguous and guessing would silently corrupt hire dates.
pub fn parse_date(raw: &str) -> Result<Option<NaiveDate>, ValueProblem> {
    if raw.is_empty() {
        return Ok(None);
    }
    let bad = || ValueProblem::InvalidDate(raw.to_owned());
    let day = raw.get(..10).ok_or_else(bad)?;
    let rest = &raw[10..];
    if !(rest.is_empty() || rest.starts_with('T') || rest.starts_with(' ')) {
        return Err(bad());
    }
    let date = NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(day, "%Y/%m/%d"))
        .map_err(|_| bad())?;
    use chrono::Datelike;
    if !(1900..=2100).contains(&date.year()) {
        return Err(bad());
    }
    Ok(Some(date))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_stay_between_one_and_five() {
        assert_eq!(Field::Influence.parse_value("3").unwrap(), Value::Level(Some(3)));
        assert_eq!(Field::Influence.parse_value("4.0").unwrap(), Value::Level(Some(4)));
        for bad in ["0", "6", "2.5", "high", "-1"] {
            assert!(Field::Interest.parse_value(bad).is_err(), "{bad} must be refused");
        }
    }

    #[test]
    fn dates_are_iso_only() {
        assert_eq!(
            Field::HireDate.parse_value("2019-03-04T10:00:00Z").unwrap(),
            Value::Date(NaiveDate::from_ymd_opt(2019, 3, 4))
        );
        for bad in ["03/04/2021", "2021-02-30", "yesterday", "1850-01-01", "2021-01-011"] {
            assert!(Field::HireDate.parse_value(bad).is_err(), "{bad} must be refused");
        }
    }

    #[test]
    fn emails_are_checked_and_lowercased() {
        assert_eq!(
            Field::Email.parse_value("Ann@X.com; ann@x.com, b@y.org").unwrap(),
            Value::List(vec!["ann@x.com".into(), "b@y.org".into()])
        );
        let err = Field::Email.parse_value("bob@").unwrap_err();
        assert_eq!(err.to_string(), "field \"email\": \"bob@\" is not an email address");
    }

    #[test]
    fn oversized_and_control_values_are_refused() {
        let big = "x".repeat(MAX_SHORT_BYTES + 1);
        assert!(matches!(Field::Title.parse(&big), Err(ValueProblem::TooLong { .. })));
        assert!(matches!(Field::FullName.parse("a\0b"), Err(ValueProblem::ControlCharacter { .. })));
        assert!(Field::Notes.parse_value("line one\nline two").is_ok(), "notes may span lines");
    }

    #[test]
    fn assignments_parse() {
        let e = parse_assignment("attitude=Skeptic").unwrap();
        assert_eq!(e.value, Value::Attitude(Some(Attitude::Sceptic)));
        assert!(parse_assignment("first_name=x").is_err(), "import-only fields are not editable");
        assert!(parse_assignment("full_name=").is_err(), "a name cannot be cleared");
        assert!(parse_assignment("nonsense").is_err());
    }
}
