//! Bulk reads and writes for imports: a snapshot of the directory to plan
//! against, and the writer that lands a planned import in one transaction.

use crate::text::FastMap as HashMap;

use rusqlite::{Connection, Transaction, params, params_from_iter, types::Value as SqlValue};

use super::people::{FIELD_COLUMNS, FIELD_JOINS, fields_from_row};
use super::{Db, StoreError};
use crate::directory::{Attitude, PersonFields, PersonId, Skill, SkillSource, StoredPerson};
use crate::ingest::{ImportMeta, ImportOutcome, ManagerTarget, Snapshot, WriteRow};

/// Lower-cased names to ids, so that org units, tags and skills are looked up
/// in memory during a bulk write instead of once per row in SQL.
#[derive(Default)]
struct Names {
    departments: HashMap<String, i64>,
    teams: HashMap<(i64, String), i64>,
    locations: HashMap<String, i64>,
    tags: HashMap<String, i64>,
    skills: HashMap<String, i64>,
}

fn key(s: &str) -> String {
    s.to_lowercase()
}

impl Names {
    fn load(tx: &Transaction) -> rusqlite::Result<Names> {
        let mut n = Names::default();
        let load = |sql: &str, map: &mut HashMap<String, i64>| -> rusqlite::Result<()> {
            let mut st = tx.prepare(sql)?;
            let rows = st.query_map([], |r| Ok((r.get::<_, String>(1)?, r.get::<_, i64>(0)?)))?;
            for row in rows {
                let (name, id) = row?;
                map.insert(key(&name), id);
            }
            Ok(())
        };
        load("SELECT id, name FROM departments", &mut n.departments)?;
        load("SELECT id, name FROM locations", &mut n.locations)?;
        load("SELECT id, name FROM tags", &mut n.tags)?;
        load("SELECT id, name FROM skills", &mut n.skills)?;
        let mut st = tx.prepare("SELECT id, ifnull(department_id, 0), name FROM teams")?;
        for row in st.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, String>(2)?)))? {
            let (id, dept, name) = row?;
            n.teams.insert((dept, key(&name)), id);
        }
        Ok(n)
    }
}

fn intern(tx: &Transaction, map: &mut HashMap<String, i64>, table: &str, name: &str) -> rusqlite::Result<i64> {
    if let Some(&id) = map.get(&key(name)) {
        return Ok(id);
    }
    let id = super::org::name_id(tx, table, name)?;
    map.insert(key(name), id);
    Ok(id)
}

fn intern_team(tx: &Transaction, names: &mut Names, dept: Option<i64>, name: &str) -> rusqlite::Result<i64> {
    let k = (dept.unwrap_or(0), key(name));
    if let Some(&id) = names.teams.get(&k) {
        return Ok(id);
    }
    let id = super::org::team_id(tx, dept, name)?;
    names.teams.insert(k, id);
    Ok(id)
}

impl Db {
    /// Loads everyone, with emails, tags and skills, for planning an import.
    pub fn snapshot(&self) -> Result<Snapshot, StoreError> {
        Ok(Snapshot { people: load_people(&self.conn)? })
    }
}

/// Everyone, with emails, tags and skills.
pub(super) fn load_people(conn: &Connection) -> rusqlite::Result<Vec<StoredPerson>> {
    {
        let mut emails: HashMap<PersonId, Vec<String>> = HashMap::default();
        let mut st = conn.prepare("SELECT person_id, email FROM person_emails ORDER BY person_id, position")?;
        for row in st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))? {
            let (id, e): (PersonId, String) = row?;
            emails.entry(id).or_default().push(e);
        }
        let mut tags: HashMap<PersonId, Vec<String>> = HashMap::default();
        let mut st = conn.prepare(
            "SELECT pt.person_id, t.name FROM person_tags pt JOIN tags t ON t.id = pt.tag_id ORDER BY pt.person_id, t.name",
        )?;
        for row in st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))? {
            let (id, t): (PersonId, String) = row?;
            tags.entry(id).or_default().push(t);
        }
        let mut skills: HashMap<PersonId, Vec<Skill>> = HashMap::default();
        let mut st = conn.prepare(
            "SELECT ps.person_id, s.name, ps.source FROM person_skills ps JOIN skills s ON s.id = ps.skill_id \
             ORDER BY ps.person_id, s.name, ps.source",
        )?;
        for row in st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, String>(2)?)))? {
            let (id, name, source): (PersonId, String, String) = row?;
            let source = SkillSource::parse(&source).unwrap_or(SkillSource::Declared);
            skills.entry(id).or_default().push(Skill { name, source });
        }
        let mut st = conn.prepare(&format!(
            "SELECT p.id, p.manager_id, {FIELD_COLUMNS} FROM people p {FIELD_JOINS} ORDER BY p.id"
        ))?;
        let people = st
            .query_map([], |r| {
                let id: PersonId = r.get(0)?;
                let mut fields = fields_from_row(r, 2)?;
                fields.emails = emails.remove(&id).unwrap_or_default();
                fields.tags = tags.remove(&id).unwrap_or_default();
                fields.skills = skills.remove(&id).unwrap_or_default();
                Ok(StoredPerson { id, fields, manager_id: r.get(1)? })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(people)
    }
}

impl Db {
    /// Writes planned rows in one transaction: org units, people (managers
    /// before their reports, since a manager may be another row of the same
    /// call), emails, tags, skills, the history of changes and, when given,
    /// the import record. Either all of it lands or none of
    /// it does.
    ///
    /// `tick` is told how many rows are written, every [`TICK_ROWS`] rows;
    /// when it answers `false` the write stops and nothing of it remains.
    pub fn write_people(
        &mut self,
        rows: &[WriteRow],
        meta: Option<&ImportMeta>,
        source: &str,
        now: &str,
        tick: &mut dyn FnMut(usize) -> bool,
    ) -> Result<ImportOutcome, StoreError> {
        let tx = self.conn.transaction()?;
        let import_id = match meta {
            Some(m) => {
                tx.execute(
                    "INSERT INTO imports (kind, file_name, sha256, added, updated, unchanged, rejected, at) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    params![m.kind, m.file_name, m.sha256, m.added, m.updated, m.unchanged, m.rejected, now],
                )?;
                Some(tx.last_insert_rowid())
            }
            None => None,
        };
        let source = match import_id {
            Some(id) => format!("import #{id} ({source})"),
            None => source.to_owned(),
        };
        let mut names = Names::load(&tx)?;
        let mut ids: Vec<PersonId> = vec![0; rows.len()];
        let rebuild = drop_indexes_for_bulk(&tx, rows.len())?;
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO people (external_id, full_name, preferred_name, title, department_id, team_id, \
                 location_id, country, hire_date, languages, notes, influence, interest, attitude, is_executive, \
                 is_it_ally, is_champion, last_contact, updated_at, name_key, manager_id, created_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, \
                 ?21, ?19)",
            )?;
            let mut update = tx.prepare_cached(
                "UPDATE people SET external_id = ?1, full_name = ?2, preferred_name = ?3, title = ?4, \
                 department_id = ?5, team_id = ?6, location_id = ?7, country = ?8, hire_date = ?9, languages = ?10, \
                 notes = ?11, influence = ?12, interest = ?13, attitude = ?14, is_executive = ?15, is_it_ally = ?16, \
                 is_champion = ?17, last_contact = ?18, updated_at = ?19, name_key = ?20, \
                 manager_id = iif(?22, ?21, manager_id) WHERE id = ?23",
            )?;
            let mut history = tx.prepare_cached(
                "INSERT INTO person_changes (person_id, at, field, old_value, new_value, source) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            // Managers first, so that every manager id is known when its
            // reports are written (the planner has refused loops).
            let mut lists = Lists::new();
            for (n, i) in write_order(rows).into_iter().enumerate() {
                if n % TICK_ROWS == 0 && !tick(n) {
                    return Err(StoreError::Cancelled); // dropping `tx` rolls everything back
                }
                let row = &rows[i];
                let f = &row.fields;
                let dept = f
                    .department
                    .as_deref()
                    .map(|d| intern(&tx, &mut names.departments, "departments", d))
                    .transpose()?;
                let team = f.team.as_deref().map(|t| intern_team(&tx, &mut names, dept, t)).transpose()?;
                let loc =
                    f.location.as_deref().map(|l| intern(&tx, &mut names.locations, "locations", l)).transpose()?;
                let languages = (!f.languages.is_empty()).then(|| f.languages.join(", "));
                let name_key = crate::text::fold(&f.full_name);
                let manager = match row.manager {
                    ManagerTarget::Keep => None,
                    ManagerTarget::Person(m) => Some(m),
                    ManagerTarget::Row(j) => Some(ids[j]),
                };
                let values = params![
                    f.external_id,
                    f.full_name,
                    f.preferred_name,
                    f.title,
                    dept,
                    team,
                    loc,
                    f.country,
                    f.hire_date,
                    languages,
                    f.notes,
                    f.stakeholder.influence,
                    f.stakeholder.interest,
                    f.stakeholder.attitude.map(Attitude::as_str),
                    f.stakeholder.executive,
                    f.stakeholder.it_ally,
                    f.stakeholder.champion,
                    f.stakeholder.last_contact,
                    now,
                    name_key,
                    manager,
                ];
                let id = match row.existing {
                    None => {
                        insert.execute(values)?;
                        tx.last_insert_rowid()
                    }
                    Some(id) => {
                        let set_manager = row.manager != ManagerTarget::Keep;
                        let mut v: Vec<&dyn rusqlite::ToSql> = values.to_vec();
                        v.push(&set_manager);
                        v.push(&id);
                        update.execute(v.as_slice())?;
                        tx.prepare_cached("DELETE FROM person_emails WHERE person_id = ?1")?.execute([id])?;
                        tx.prepare_cached("DELETE FROM person_tags WHERE person_id = ?1")?.execute([id])?;
                        tx.prepare_cached("DELETE FROM person_skills WHERE person_id = ?1")?.execute([id])?;
                        id
                    }
                };
                lists.add(&tx, &mut names, id, f)?;
                for c in &row.changes {
                    history.execute(params![id, now, c.field, c.old, c.new, source])?;
                }
                ids[i] = id;
            }
            lists.finish(&tx)?;
        }
        for sql in rebuild {
            tx.execute_batch(&sql)?;
        }
        tx.commit()?;
        self.search.mark_stale();
        self.facts.mark_stale();
        Ok(ImportOutcome { import_id, ids })
    }
}

/// For a write that adds many rows compared with what is stored, drops the
/// secondary indexes of the people tables and returns the SQL to recreate
/// them: building an index once, sorted, is several times faster than
/// growing it row by row. The indexes' own definitions are read back from
/// the schema, so this never drifts from the migrations. Inside the write's
/// transaction, so a failed import leaves them as they were.
fn drop_indexes_for_bulk(tx: &Transaction, rows: usize) -> rusqlite::Result<Vec<String>> {
    let stored: usize = tx.query_row("SELECT count(*) FROM people", [], |r| r.get(0))?;
    if rows < BULK_ROWS || rows < stored / 2 {
        return Ok(Vec::new());
    }
    let mut st = tx.prepare(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL \
         AND tbl_name IN ('people', 'person_emails', 'person_tags', 'person_skills')",
    )?;
    let indexes: Vec<(String, String)> =
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    for (name, _) in &indexes {
        tx.execute_batch(&format!("DROP INDEX \"{name}\""))?;
    }
    Ok(indexes.into_iter().map(|(_, sql)| sql).collect())
}

/// How often a bulk write reports progress and checks for cancellation.
pub const TICK_ROWS: usize = 1_000;

/// Below this many rows, a write keeps its indexes.
const BULK_ROWS: usize = 5_000;

/// Row indices ordered so that a row whose manager is another row comes after
/// it. Rows in a loop (which the planner never produces) keep file order.
fn write_order(rows: &[WriteRow]) -> Vec<usize> {
    let mut order = Vec::with_capacity(rows.len());
    let mut state = vec![0u8; rows.len()]; // 0 new, 1 on the stack, 2 placed
    for start in 0..rows.len() {
        let mut chain = Vec::new();
        let mut cur = start;
        while state[cur] == 0 {
            state[cur] = 1;
            chain.push(cur);
            match rows[cur].manager {
                ManagerTarget::Row(j) if state[j] == 0 => cur = j,
                _ => break,
            }
        }
        for &i in chain.iter().rev() {
            state[i] = 2;
            order.push(i);
        }
    }
    order
}

/// Rows for one link table, sent many to a statement: per-statement overhead
/// is a large share of a small row's insert (measured: 40% less time).
struct Batch {
    head: &'static str,
    width: usize,
    values: Vec<SqlValue>,
}

const BATCH_ROWS: usize = 32;

impl Batch {
    fn new(head: &'static str, width: usize) -> Batch {
        Batch { head, width, values: Vec::with_capacity(width * BATCH_ROWS) }
    }

    fn push(&mut self, tx: &Transaction, row: impl IntoIterator<Item = SqlValue>) -> rusqlite::Result<()> {
        self.values.extend(row);
        if self.values.len() >= self.width * BATCH_ROWS { self.flush(tx) } else { Ok(()) }
    }

    fn flush(&mut self, tx: &Transaction) -> rusqlite::Result<()> {
        if self.values.is_empty() {
            return Ok(());
        }
        let one = format!("({})", vec!["?"; self.width].join(", "));
        let sql = format!("{} VALUES {}", self.head, vec![one; self.values.len() / self.width].join(", "));
        tx.prepare_cached(&sql)?.execute(params_from_iter(self.values.drain(..)))?;
        Ok(())
    }
}

/// Emails, tags and skills of the people being written.
struct Lists {
    emails: Batch,
    tags: Batch,
    skills: Batch,
}

impl Lists {
    fn new() -> Lists {
        Lists {
            emails: Batch::new("INSERT INTO person_emails (email, person_id, position)", 3),
            tags: Batch::new("INSERT OR IGNORE INTO person_tags (person_id, tag_id)", 2),
            skills: Batch::new("INSERT OR IGNORE INTO person_skills (person_id, skill_id, source)", 3),
        }
    }

    fn add(&mut self, tx: &Transaction, names: &mut Names, id: PersonId, f: &PersonFields) -> rusqlite::Result<()> {
        for (pos, e) in f.emails.iter().enumerate() {
            self.emails.push(tx, [SqlValue::Text(e.clone()), SqlValue::Integer(id), SqlValue::Integer(pos as i64)])?;
        }
        for t in &f.tags {
            let tag = intern(tx, &mut names.tags, "tags", t)?;
            self.tags.push(tx, [SqlValue::Integer(id), SqlValue::Integer(tag)])?;
        }
        for s in &f.skills {
            let skill = intern(tx, &mut names.skills, "skills", &s.name)?;
            let source = SqlValue::Text(s.source.as_str().to_owned());
            self.skills.push(tx, [SqlValue::Integer(id), SqlValue::Integer(skill), source])?;
        }
        Ok(())
    }

    fn finish(mut self, tx: &Transaction) -> rusqlite::Result<()> {
        self.emails.flush(tx)?;
        self.tags.flush(tx)?;
        self.skills.flush(tx)
    }
}

pub(super) fn split_languages(s: Option<String>) -> Vec<String> {
    s.map(|s| s.split(", ").filter(|l| !l.is_empty()).map(str::to_owned).collect()).unwrap_or_default()
}
