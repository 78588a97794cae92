//! People queries: search and list pages, one person in full, org-unit lists,
//! the history of changes, single edits, and the search index upkeep.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use rusqlite::{Connection, OptionalExtension, params_from_iter, types::Value as SqlValue};

use super::{Db, StoreError};
use crate::directory::query::{ListQuery, Page, SortColumn};
use crate::directory::{
    Attitude, Change, DirectoryError, Flag, OrgUnitKind, Overview, Person, PersonId, PersonRef, PersonRow, Quadrant,
    Skill, SkillSource, Stakeholder,
};

/// The parts of a person that search looks at.
pub(super) struct DocParts<'a> {
    pub full_name: &'a str,
    pub preferred_name: Option<&'a str>,
    pub emails: &'a [String],
    pub title: Option<&'a str>,
    pub org: [Option<&'a str>; 4],
    pub tags: Vec<&'a str>,
    pub notes: Option<&'a str>,
}

impl<'a> From<&'a crate::directory::PersonFields> for DocParts<'a> {
    fn from(f: &'a crate::directory::PersonFields) -> Self {
        DocParts {
            full_name: &f.full_name,
            preferred_name: f.preferred_name.as_deref(),
            emails: &f.emails,
            title: f.title.as_deref(),
            org: [f.department.as_deref(), f.team.as_deref(), f.location.as_deref(), f.country.as_deref()],
            tags: f.tags.iter().map(String::as_str).chain(f.skills.iter().map(|s| s.name.as_str())).collect(),
            notes: f.notes.as_deref(),
        }
    }
}

impl<'a> From<&'a Person> for DocParts<'a> {
    fn from(p: &'a Person) -> Self {
        DocParts::from(&p.fields)
    }
}

/// The stored fields [`fields_from_row`] reads, in order, from `people p`
/// joined with its org units by [`FIELD_JOINS`].
pub(super) const FIELD_COLUMNS: &str = "p.external_id, p.full_name, p.preferred_name, p.title, d.name, t.name, \
    l.name, p.country, p.hire_date, p.languages, p.notes, p.influence, p.interest, p.attitude, p.is_executive, \
    p.is_it_ally, p.is_champion, p.last_contact";
pub(super) const FIELD_JOINS: &str = "LEFT JOIN departments d ON d.id = p.department_id \
    LEFT JOIN teams t ON t.id = p.team_id LEFT JOIN locations l ON l.id = p.location_id";

/// A person's stored fields from a row holding [`FIELD_COLUMNS`] from column
/// `at` on; the lists (emails, tags, skills) are left for the caller.
pub(super) fn fields_from_row(r: &rusqlite::Row, at: usize) -> rusqlite::Result<crate::directory::PersonFields> {
    Ok(crate::directory::PersonFields {
        external_id: r.get(at)?,
        full_name: r.get(at + 1)?,
        preferred_name: r.get(at + 2)?,
        emails: Vec::new(),
        title: r.get(at + 3)?,
        department: r.get(at + 4)?,
        team: r.get(at + 5)?,
        location: r.get(at + 6)?,
        country: r.get(at + 7)?,
        hire_date: r.get(at + 8)?,
        languages: super::import::split_languages(r.get(at + 9)?),
        tags: Vec::new(),
        skills: Vec::new(),
        notes: r.get(at + 10)?,
        stakeholder: Stakeholder {
            influence: r.get(at + 11)?,
            interest: r.get(at + 12)?,
            attitude: r.get::<_, Option<String>>(at + 13)?.as_deref().and_then(Attitude::parse),
            executive: r.get(at + 14)?,
            it_ally: r.get(at + 15)?,
            champion: r.get(at + 16)?,
            last_contact: r.get(at + 17)?,
        },
    })
}

/// The columns of a person's search-index row (name, email, title, org,
/// tags, notes), folded so that accents and case never matter.
pub(super) fn search_document(d: &DocParts) -> [String; 6] {
    let fold = crate::text::fold;
    let join = |parts: &mut dyn Iterator<Item = &str>| fold(&parts.collect::<Vec<_>>().join(" "));
    [
        join(&mut std::iter::once(d.full_name).chain(d.preferred_name)),
        join(&mut d.emails.iter().map(String::as_str)),
        d.title.map(fold).unwrap_or_default(),
        join(&mut d.org.iter().flatten().copied()),
        join(&mut d.tags.iter().copied()),
        d.notes.map(fold).unwrap_or_default(),
    ]
}

/// A bound SQL argument: text, or a list of ids for `rarray(?)`.
enum Arg {
    Text(String),
    Ids(Rc<Vec<SqlValue>>),
}

impl rusqlite::ToSql for Arg {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        match self {
            Arg::Text(s) => s.to_sql(),
            Arg::Ids(ids) => ids.to_sql(),
        }
    }
}

/// The filter part of a list query.
#[derive(Default)]
struct Filters {
    department: Option<String>,
    team: Option<String>,
    location: Option<String>,
    tag: Option<String>,
    flags: Vec<Flag>,
    attitude: Option<Attitude>,
    assessed: bool,
}

impl Filters {
    fn of(q: &ListQuery) -> Filters {
        Filters {
            department: q.department.clone(),
            team: q.team.clone(),
            location: q.location.clone(),
            tag: q.tag.clone(),
            flags: q.flags.clone(),
            attitude: q.attitude,
            assessed: q.assessed,
        }
    }

    fn is_empty(&self) -> bool {
        self.department.is_none()
            && self.team.is_none()
            && self.location.is_none()
            && self.tag.is_none()
            && self.flags.is_empty()
            && self.attitude.is_none()
            && !self.assessed
    }

    /// ` WHERE …` (or nothing) and its arguments, over `people p` and ROW_JOINS.
    fn sql(&self) -> (String, Vec<Arg>) {
        let mut wheres: Vec<&str> = Vec::new();
        let mut args = Vec::new();
        for (value, clause) in [
            (&self.department, "d.name = ?"),
            (&self.team, "t.name = ?"),
            (&self.location, "l.name = ?"),
            (
                &self.tag,
                "EXISTS (SELECT 1 FROM person_tags pt JOIN tags tg ON tg.id = pt.tag_id \
                 WHERE pt.person_id = p.id AND tg.name = ?)",
            ),
        ] {
            if let Some(v) = value {
                wheres.push(clause);
                args.push(Arg::Text(v.clone()));
            }
        }
        for flag in &self.flags {
            wheres.push(match flag {
                Flag::Executive => "p.is_executive",
                Flag::ItAlly => "p.is_it_ally",
                Flag::Champion => "p.is_champion",
            });
        }
        if let Some(a) = self.attitude {
            wheres.push("p.attitude = ?");
            args.push(Arg::Text(a.as_str().to_owned()));
        }
        if self.assessed {
            wheres.push("p.influence IS NOT NULL AND p.interest IS NOT NULL");
        }
        let sql = if wheres.is_empty() { String::new() } else { format!(" WHERE {}", wheres.join(" AND ")) };
        (sql, args)
    }
}

const ROW_COLUMNS: &str = "p.id, p.external_id, p.full_name, p.preferred_name, \
    (SELECT e.email FROM person_emails e WHERE e.person_id = p.id ORDER BY e.position LIMIT 1), \
    p.title, d.name, t.name, l.name, p.country, m.full_name, p.hire_date, p.influence, p.interest, p.attitude, \
    p.is_executive, p.is_it_ally, p.is_champion, p.last_contact, \
    (SELECT group_concat(tg.name, char(31)) FROM person_tags pt JOIN tags tg ON tg.id = pt.tag_id WHERE pt.person_id = p.id)";

const ROW_JOINS: &str = "LEFT JOIN departments d ON d.id = p.department_id \
    LEFT JOIN teams t ON t.id = p.team_id LEFT JOIN locations l ON l.id = p.location_id \
    LEFT JOIN people m ON m.id = p.manager_id";

fn row_from(r: &rusqlite::Row) -> rusqlite::Result<PersonRow> {
    Ok(PersonRow {
        id: r.get(0)?,
        external_id: r.get(1)?,
        full_name: r.get(2)?,
        preferred_name: r.get(3)?,
        email: r.get(4)?,
        title: r.get(5)?,
        department: r.get(6)?,
        team: r.get(7)?,
        location: r.get(8)?,
        country: r.get(9)?,
        manager: r.get(10)?,
        hire_date: r.get(11)?,
        influence: r.get(12)?,
        interest: r.get(13)?,
        attitude: r.get::<_, Option<String>>(14)?.as_deref().and_then(Attitude::parse),
        executive: r.get(15)?,
        it_ally: r.get(16)?,
        champion: r.get(17)?,
        last_contact: r.get(18)?,
        tags: r
            .get::<_, Option<String>>(19)?
            .map(|s| s.split('\u{1f}').map(str::to_owned).collect())
            .unwrap_or_default(),
        quadrant: Quadrant::of(r.get(12)?, r.get(13)?),
    })
}

fn sort_expr(col: SortColumn) -> &'static str {
    match col {
        SortColumn::Relevance | SortColumn::Name => "p.name_key",
        SortColumn::ExternalId => "p.external_id",
        SortColumn::Email => {
            "(SELECT e.email FROM person_emails e WHERE e.person_id = p.id ORDER BY e.position LIMIT 1)"
        }
        SortColumn::Title => "p.title COLLATE NOCASE",
        SortColumn::Department => "d.name",
        SortColumn::Team => "t.name",
        SortColumn::Location => "l.name",
        SortColumn::Country => "p.country COLLATE NOCASE",
        SortColumn::Manager => "m.name_key",
        SortColumn::HireDate => "p.hire_date",
        SortColumn::Influence => "p.influence",
        SortColumn::Interest => "p.interest",
        SortColumn::Attitude => {
            "CASE p.attitude WHEN 'champion' THEN 1 WHEN 'supporter' THEN 2 WHEN 'neutral' THEN 3 \
             WHEN 'sceptic' THEN 4 WHEN 'blocker' THEN 5 END"
        }
        SortColumn::LastContact => "p.last_contact",
        SortColumn::Id => "p.id",
    }
}

impl Db {
    /// Every person's full name (what exports are read against).
    pub fn full_names(&self) -> Result<Vec<String>, StoreError> {
        let mut st = self.conn.prepare("SELECT full_name FROM people")?;
        let rows = st.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How many people the directory holds.
    pub fn people_count(&self) -> Result<u64, StoreError> {
        Ok(self.conn.query_row("SELECT count(*) FROM people", [], |r| r.get(0))?)
    }

    /// One page of people matching the query's words and filters.
    ///
    /// With words, the in-memory index finds and ranks the matches; SQL then
    /// applies filters and, for any sort but relevance, orders and pages them.
    pub fn list_people(&self, q: &ListQuery) -> Result<Page<PersonRow>, StoreError> {
        let filters = Filters::of(q);
        if crate::text::search_tokens(&q.text).is_empty() {
            return self.page_sql(q, &filters, None);
        }
        let index = self.search.index(&self.conn)?;
        let allowed: Option<HashSet<PersonId>> =
            if filters.is_empty() { None } else { Some(self.filtered_ids(&filters)?) };
        let allow = allowed.as_ref().map(|set| move |id: PersonId| set.contains(&id));
        let hits = index.search(&q.text, allow.as_ref().map(|f| f as &dyn Fn(PersonId) -> bool));
        if q.sort != SortColumn::Relevance {
            let ids = Rc::new(hits.ids().into_iter().map(SqlValue::Integer).collect::<Vec<_>>());
            return self.page_sql(q, &Filters::default(), Some(ids));
        }
        let total = hits.len() as u64;
        let page: Vec<PersonId> =
            hits.page(q.offset as usize, q.limit.map(|l| l as usize), q.descending).iter().map(|h| h.id).collect();
        let ids = Rc::new(page.iter().map(|&id| SqlValue::Integer(id)).collect::<Vec<_>>());
        let sql = format!("SELECT {ROW_COLUMNS} FROM people p {ROW_JOINS} WHERE p.id IN rarray(?1)");
        let mut rows: HashMap<PersonId, PersonRow> = self
            .conn
            .prepare_cached(&sql)?
            .query_map([ids], row_from)?
            .map(|r| r.map(|row| (row.id, row)))
            .collect::<rusqlite::Result<_>>()?;
        let items = page.iter().filter_map(|id| rows.remove(id)).collect();
        Ok(Page { total, offset: q.offset, items })
    }

    /// The ids of everyone passing the filters.
    fn filtered_ids(&self, f: &Filters) -> Result<HashSet<PersonId>, StoreError> {
        let (where_sql, args) = f.sql();
        let sql = format!("SELECT p.id FROM people p {ROW_JOINS}{where_sql}");
        let mut st = self.conn.prepare_cached(&sql)?;
        let ids = st.query_map(params_from_iter(args.iter()), |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }

    /// A page in SQL: filters, sort and paging, optionally within `only` ids.
    fn page_sql(
        &self,
        q: &ListQuery,
        f: &Filters,
        only: Option<Rc<Vec<SqlValue>>>,
    ) -> Result<Page<PersonRow>, StoreError> {
        let (mut where_sql, mut args) = f.sql();
        if let Some(ids) = only {
            where_sql.push_str(if where_sql.is_empty() { " WHERE " } else { " AND " });
            where_sql.push_str("p.id IN rarray(?)");
            args.push(Arg::Ids(ids));
        }
        let from = format!("FROM people p {ROW_JOINS}{where_sql}");
        let total: u64 = self
            .conn
            .prepare_cached(&format!("SELECT count(*) {from}"))?
            .query_row(params_from_iter(args.iter()), |r| r.get(0))?;
        let dir = if q.descending { "DESC" } else { "ASC" };
        let e = sort_expr(q.sort);
        let limit = q.limit.map(i64::from).unwrap_or(-1);
        let sql = format!(
            "SELECT {ROW_COLUMNS} {from} ORDER BY ({e}) IS NULL, {e} {dir}, p.name_key, p.id LIMIT {limit} OFFSET {}",
            q.offset
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let items = st.query_map(params_from_iter(args.iter()), row_from)?.collect::<rusqlite::Result<_>>()?;
        Ok(Page { total, offset: q.offset, items })
    }

    /// Finds a person by `#id`, email, external id, or a bare internal id.
    pub fn resolve_person(&self, key: &str) -> Result<PersonId, StoreError> {
        resolve(&self.conn, key)?.ok_or_else(|| DirectoryError::PersonNotFound(key.to_owned()).into())
    }

    /// Everything known about one person.
    pub fn person(&self, id: PersonId) -> Result<Person, StoreError> {
        person(&self.conn, id)?.ok_or_else(|| DirectoryError::PersonNotFound(format!("#{id}")).into())
    }

    /// The history of changes to a person, newest first.
    pub fn changes(&self, id: PersonId) -> Result<Vec<Change>, StoreError> {
        let mut st = self.conn.prepare_cached(
            "SELECT at, field, old_value, new_value, source FROM person_changes WHERE person_id = ?1 ORDER BY id DESC",
        )?;
        Ok(st
            .query_map([id], |r| {
                Ok(Change {
                    at: r.get(0)?,
                    field: r.get(1)?,
                    old_value: r.get(2)?,
                    new_value: r.get(3)?,
                    source: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Names of the departments, teams or locations, with how many people each
    /// holds, for filter menus.
    pub fn org_units(&self, kind: OrgUnitKind) -> Result<Vec<(String, u64)>, StoreError> {
        let (table, column) = (kind.table(), kind.column());
        let mut st = self.conn.prepare(&format!(
            "SELECT u.name, (SELECT count(*) FROM people p WHERE p.{column} = u.id) FROM {table} u ORDER BY u.name"
        ))?;
        Ok(st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?)
    }
}

/// Where each kind of org unit is kept.
pub(super) trait OrgTable {
    fn table(self) -> &'static str;
    fn column(self) -> &'static str;
}

impl OrgTable for OrgUnitKind {
    fn table(self) -> &'static str {
        match self {
            OrgUnitKind::Department => "departments",
            OrgUnitKind::Team => "teams",
            OrgUnitKind::Location => "locations",
        }
    }

    fn column(self) -> &'static str {
        match self {
            OrgUnitKind::Department => "department_id",
            OrgUnitKind::Team => "team_id",
            OrgUnitKind::Location => "location_id",
        }
    }
}

pub(super) fn name_of(conn: &Connection, id: PersonId) -> rusqlite::Result<String> {
    conn.query_row("SELECT full_name FROM people WHERE id = ?1", [id], |r| r.get(0))
}

pub(super) fn resolve(conn: &Connection, key: &str) -> rusqlite::Result<Option<PersonId>> {
    let key = key.trim();
    if let Some(n) = key.strip_prefix('#') {
        return match n.parse::<PersonId>() {
            Ok(n) => conn.query_row("SELECT id FROM people WHERE id = ?1", [n], |r| r.get(0)).optional(),
            Err(_) => Ok(None),
        };
    }
    if key.contains('@') {
        return conn
            .query_row("SELECT person_id FROM person_emails WHERE email = ?1", [key.to_lowercase()], |r| r.get(0))
            .optional();
    }
    if let Some(id) = conn.query_row("SELECT id FROM people WHERE external_id = ?1", [key], |r| r.get(0)).optional()? {
        return Ok(Some(id));
    }
    match key.parse::<PersonId>() {
        Ok(n) => conn.query_row("SELECT id FROM people WHERE id = ?1", [n], |r| r.get(0)).optional(),
        Err(_) => Ok(None),
    }
}

pub(super) fn person(conn: &Connection, id: PersonId) -> rusqlite::Result<Option<Person>> {
    let found = conn
        .query_row(
            &format!(
                "SELECT p.manager_id, m.full_name, p.created_at, p.updated_at, {FIELD_COLUMNS} \
                 FROM people p {FIELD_JOINS} LEFT JOIN people m ON m.id = p.manager_id WHERE p.id = ?1"
            ),
            [id],
            |r| {
                let manager = match r.get::<_, Option<PersonId>>(0)? {
                    Some(mid) => Some(PersonRef { id: mid, full_name: r.get(1)? }),
                    None => None,
                };
                Ok(Person {
                    id,
                    fields: fields_from_row(r, 4)?,
                    manager,
                    reports: Vec::new(),
                    created_at: r.get(2)?,
                    updated_at: r.get(3)?,
                })
            },
        )
        .optional()?;
    let Some(mut p) = found else { return Ok(None) };
    let strings = |sql: &str| -> rusqlite::Result<Vec<String>> {
        conn.prepare_cached(sql)?.query_map([id], |r| r.get(0))?.collect()
    };
    p.fields.emails = strings("SELECT email FROM person_emails WHERE person_id = ?1 ORDER BY position")?;
    p.fields.tags = strings(
        "SELECT t.name FROM person_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.person_id = ?1 ORDER BY t.name",
    )?;
    p.fields.skills = conn
        .prepare_cached(
            "SELECT s.name, ps.source FROM person_skills ps JOIN skills s ON s.id = ps.skill_id \
             WHERE ps.person_id = ?1 ORDER BY s.name, ps.source",
        )?
        .query_map([id], |r| {
            let source: String = r.get(1)?;
            Ok(Skill { name: r.get(0)?, source: SkillSource::parse(&source).unwrap_or(SkillSource::Declared) })
        })?
        .collect::<rusqlite::Result<_>>()?;
    p.reports = conn
        .prepare_cached("SELECT id, full_name FROM people WHERE manager_id = ?1 ORDER BY name_key")?
        .query_map([id], |r| Ok(PersonRef { id: r.get(0)?, full_name: r.get(1)? }))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(p))
}

impl Db {
    /// The stakeholder assessments of everyone flagged or assessed, without
    /// who they are: what the charts and the deck count.
    pub fn stakeholders(&self) -> Result<Vec<crate::directory::Stakeholder>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT influence, interest, attitude, is_executive, is_it_ally, is_champion, last_contact FROM people \
             WHERE is_executive OR is_it_ally OR is_champion OR attitude IS NOT NULL OR influence IS NOT NULL \
             OR interest IS NOT NULL ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(crate::directory::Stakeholder {
                influence: r.get(0)?,
                interest: r.get(1)?,
                attitude: r.get::<_, Option<String>>(2)?.as_deref().and_then(Attitude::parse),
                executive: r.get(3)?,
                it_ally: r.get(4)?,
                champion: r.get(5)?,
                last_contact: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Headline counts of the directory.
    pub fn overview(&self) -> Result<Overview, StoreError> {
        let count = |sql: &str| -> rusqlite::Result<u64> { self.conn.query_row(sql, [], |r| r.get(0)) };
        let by_size = |kind| -> Result<Vec<(String, u64)>, StoreError> {
            let mut v = self.org_units(kind)?;
            v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            Ok(v)
        };
        let departments = by_size(OrgUnitKind::Department)?;
        let locations = by_size(OrgUnitKind::Location)?;
        let mut attitudes = Vec::new();
        for a in Attitude::ALL {
            let n: u64 =
                self.conn.query_row("SELECT count(*) FROM people WHERE attitude = ?1", [a.as_str()], |r| r.get(0))?;
            attitudes.push((a.as_str().to_owned(), n));
        }
        Ok(Overview {
            people: count("SELECT count(*) FROM people")?,
            departments,
            locations,
            executives: count("SELECT count(*) FROM people WHERE is_executive")?,
            it_allies: count("SELECT count(*) FROM people WHERE is_it_ally")?,
            champions: count("SELECT count(*) FROM people WHERE is_champion")?,
            assessed: count("SELECT count(*) FROM people WHERE attitude IS NOT NULL OR influence IS NOT NULL")?,
            attitudes,
            imports: count("SELECT count(*) FROM imports")?,
        })
    }
}
