//! Which column of a people file feeds which field: detected from the header
//! names of common HR exports, Viva Engage `Users.csv`, Workplace exports and
//! Slack, and overridable with `--map COLUMN=FIELD` (or `COLUMN=-` to ignore).

use serde::Serialize;

use super::IngestError;
use crate::directory::Field;

/// Header spellings per field, best first. Headers are compared folded and
/// with everything but letters and digits removed ("E-mail Address" →
/// "emailaddress").
#[rustfmt::skip]
const SYNONYMS: &[(Field, &[&str])] = &[
    (Field::ExternalId, &["externalid", "employeeid", "employeenumber", "employeeno", "empid", "empno", "staffid",
        "staffnumber", "personid", "workerid", "hrid", "personnelnumber", "personalnummer", "matricule",
        "numeroempleado", "id", "userid"]),
    (Field::FullName, &["fullname", "realname", "name", "employeename", "displayname", "username"]),
    (Field::FirstName, &["firstname", "givenname", "forename", "first", "vorname", "prenom", "nombre"]),
    (Field::LastName, &["lastname", "surname", "familyname", "last", "nachname", "nom", "apellidos", "apellido"]),
    (Field::PreferredName, &["preferredname", "knownas", "nickname", "displayname"]),
    (Field::Email, &["email", "emailaddress", "workemail", "businessemail", "primaryemail", "mail",
        "userprincipalname", "upn", "secondaryemail", "otheremail", "alternateemail", "emails", "courriel",
        "correo", "correoelectronico"]),
    (Field::Title, &["title", "jobtitle", "position", "jobrole", "role", "designation", "businesstitle", "poste",
        "puesto"]),
    (Field::Department, &["department", "departmentname", "dept", "abteilung", "departement", "departamento",
        "division", "businessunit", "function", "service"]),
    (Field::Team, &["team", "teamname", "subdepartment", "unit", "group"]),
    (Field::Location, &["location", "office", "officelocation", "worklocation", "site", "city", "officename",
        "standort", "ubicacion", "oficina"]),
    (Field::Country, &["country", "countryorregion", "countryregion", "countrycode", "nation", "land", "pays",
        "pais"]),
    (Field::Manager, &["manager", "managerid", "manageremail", "manageremployeeid", "reportsto", "supervisor",
        "supervisorid", "supervisoremail", "linemanager", "manageremployeenumber"]),
    (Field::HireDate, &["hiredate", "startdate", "dateofjoining", "datejoined", "employmentstartdate",
        "originalhiredate", "dateofhire"]),
    (Field::Languages, &["languages", "language", "spokenlanguages"]),
    (Field::Tags, &["tags", "tag", "labels", "keywords"]),
    (Field::Skills, &["skills", "skill", "expertise", "competencies"]),
    (Field::Notes, &["notes", "note", "comments", "comment"]),
    (Field::Influence, &["influence", "power", "influencelevel"]),
    (Field::Interest, &["interest", "interestlevel"]),
    (Field::Attitude, &["attitude", "stance", "sentiment"]),
    (Field::Executive, &["executive", "isexecutive", "exec"]),
    (Field::ItAlly, &["itally", "isitally"]),
    (Field::Champion, &["champion", "ischampion"]),
    (Field::LastContact, &["lastcontact", "lastcontactdate", "lastcontacted"]),
];

/// Fields that may be fed by several columns (their values are merged).
fn multi(field: Field) -> bool {
    matches!(field, Field::Email | Field::Tags | Field::Skills | Field::Languages)
}

fn normalise(header: &str) -> String {
    crate::text::fold(header).chars().filter(char::is_ascii_alphanumeric).collect()
}

/// The field each column feeds, by column position.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mapping {
    pub columns: Vec<Option<Field>>,
}

/// One `--map COLUMN=FIELD` override; `field: None` ignores the column.
#[derive(Debug, Clone, PartialEq)]
pub struct MapOverride {
    pub column: String,
    pub field: Option<Field>,
}

impl MapOverride {
    pub fn parse(s: &str) -> Result<MapOverride, IngestError> {
        let bad = || IngestError::BadMapping(format!("--map {s:?}: expected COLUMN=FIELD (or COLUMN=- to ignore)"));
        let (column, field) = s.rsplit_once('=').ok_or_else(bad)?;
        let field = match field.trim() {
            "-" | "" => None,
            f => Some(Field::from_name(f).ok_or_else(|| {
                let names: Vec<_> = Field::ALL.iter().map(|f| f.name()).collect();
                IngestError::BadMapping(format!("--map {s:?}: unknown field {f:?}; fields are: {}", names.join(", ")))
            })?),
        };
        Ok(MapOverride { column: column.trim().to_owned(), field })
    }
}

impl Mapping {
    /// Detects the mapping from headers, then applies overrides.
    pub fn detect(headers: &[String], overrides: &[MapOverride]) -> Result<Mapping, IngestError> {
        let keys: Vec<String> = headers.iter().map(|h| normalise(h)).collect();
        let mut columns: Vec<Option<Field>> = vec![None; headers.len()];
        let mut pinned = vec![false; headers.len()];
        for o in overrides {
            let pos = headers
                .iter()
                .position(|h| h.eq_ignore_ascii_case(&o.column))
                .or_else(|| keys.iter().position(|k| *k == normalise(&o.column)))
                .ok_or_else(|| {
                    IngestError::BadMapping(format!(
                        "--map: no column named {:?}; columns are: {}",
                        o.column,
                        crate::text::list_columns(headers, false)
                    ))
                })?;
            columns[pos] = o.field;
            pinned[pos] = true;
        }
        for &(field, spellings) in SYNONYMS {
            let taken = |cols: &[Option<Field>]| cols.contains(&Some(field));
            if !multi(field) && taken(&columns) {
                continue;
            }
            for spelling in spellings {
                for (i, k) in keys.iter().enumerate() {
                    if pinned[i] || columns[i].is_some() || k != spelling {
                        continue;
                    }
                    if !multi(field) && taken(&columns) {
                        break;
                    }
                    columns[i] = Some(field);
                }
            }
        }
        Ok(Mapping { columns })
    }

    /// Refuses a mapping that cannot name or key a person.
    pub fn check(&self, file: &str, headers: &[String]) -> Result<(), IngestError> {
        let has = |f: Field| self.columns.contains(&Some(f));
        let missing = if !(has(Field::FullName) || has(Field::FirstName) || has(Field::LastName)) {
            Some("the person's name (e.g. \"Full Name\", \"Name\", or \"First Name\" and \"Last Name\")")
        } else if !(has(Field::ExternalId) || has(Field::Email)) {
            Some("an identifier (e.g. \"Employee ID\" or \"Email\")")
        } else {
            None
        };
        match missing {
            Some(what) => Err(IngestError::MissingColumn {
                file: file.to_owned(),
                what,
                found: crate::text::list_columns(headers, true),
            }),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn detects_viva_engage_users_csv() {
        let headers = h(&["id", "name", "email", "job_title", "location", "department", "api_url", "joined_at"]);
        let m = Mapping::detect(&headers, &[]).unwrap();
        assert_eq!(
            m.columns,
            vec![
                Some(Field::ExternalId),
                Some(Field::FullName),
                Some(Field::Email),
                Some(Field::Title),
                Some(Field::Location),
                Some(Field::Department),
                None,
                None
            ]
        );
    }

    #[test]
    fn detects_hr_export_and_prefers_best_spelling() {
        let headers =
            h(&["Employee ID", "First Name", "Last Name", "E-mail", "Division", "Department", "Manager Email"]);
        let m = Mapping::detect(&headers, &[]).unwrap();
        assert_eq!(m.columns[0], Some(Field::ExternalId));
        assert_eq!(m.columns[3], Some(Field::Email));
        assert_eq!(m.columns[4], None, "Division loses to an exact Department column");
        assert_eq!(m.columns[5], Some(Field::Department));
        assert_eq!(m.columns[6], Some(Field::Manager));
    }

    #[test]
    fn overrides_win_and_unknown_names_are_errors() {
        let headers = h(&["Name", "Mail", "Cost Centre"]);
        let o = [MapOverride::parse("Cost Centre=tags").unwrap(), MapOverride::parse("Mail=-").unwrap()];
        let m = Mapping::detect(&headers, &o).unwrap();
        assert_eq!(m.columns, vec![Some(Field::FullName), None, Some(Field::Tags)]);
        assert!(m.check("f.csv", &headers).is_err(), "no identifier left once Mail is ignored");
        assert!(Mapping::detect(&headers, &[MapOverride::parse("Nope=tags").unwrap()]).is_err());
        assert!(MapOverride::parse("Name=shoe_size").is_err());
    }
}
