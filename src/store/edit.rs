//! Editing one person: validated field edits in one transaction, each change
//! recorded in the person's history, the search index updated in place.

use rusqlite::{Connection, OptionalExtension, params};

use super::people::{DocParts, OrgTable, name_of, person, resolve};
use super::{Db, StoreError};
use crate::directory::{Attitude, DirectoryError, Edit, Field, Person, PersonId, SkillSource, Value};

impl Db {
    /// Renames a department, team or location: one update, seen by everyone
    /// in it. Refuses a name another unit of that kind already has.
    pub fn rename_org_unit(
        &mut self,
        kind: crate::directory::OrgUnitKind,
        old: &str,
        new: &str,
    ) -> Result<u64, StoreError> {
        let table = kind.table();
        let new = crate::text::clean(new);
        if new.is_empty() {
            return Err(DirectoryError::Invalid {
                field: kind.name(),
                problem: crate::directory::ValueProblem::Required,
            }
            .into());
        }
        let tx = self.conn.transaction()?;
        let ids: Vec<i64> = tx
            .prepare(&format!("SELECT id FROM {table} WHERE name = ?1"))?
            .query_map([old], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let [id] = ids[..] else {
            return Err(
                DirectoryError::UnknownOrgUnit { kind: kind.name(), name: old.to_owned(), matches: ids.len() }.into()
            );
        };
        let taken: bool = tx.query_row(
            &format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE name = ?1 AND id != ?2)"),
            params![new, id],
            |r| r.get(0),
        )?;
        if taken {
            return Err(DirectoryError::OrgUnitExists { kind: kind.name(), name: new }.into());
        }
        tx.execute(&format!("UPDATE {table} SET name = ?1 WHERE id = ?2"), params![new, id])?;
        let people: u64 =
            tx.query_row(&format!("SELECT count(*) FROM people WHERE {} = ?1", kind.column()), [id], |r| r.get(0))?;
        tx.commit()?;
        self.search.mark_stale(); // org names are searchable
        self.facts.mark_stale(); // and measures break down by them
        Ok(people)
    }

    /// Applies validated edits to one person in one transaction, recording
    /// each change in their history, and returns the person as now stored.
    pub fn edit_person(&mut self, id: PersonId, edits: &[Edit], now: &str) -> Result<Person, StoreError> {
        let tx = self.conn.transaction()?;
        let before = person(&tx, id)?.ok_or_else(|| DirectoryError::PersonNotFound(format!("#{id}")))?;
        let mut changes: Vec<(&'static str, Option<String>, Option<String>)> = Vec::new();
        for edit in edits {
            let f = edit.field.name();
            let column = |c: &str, v: &dyn rusqlite::ToSql| -> rusqlite::Result<usize> {
                tx.execute(&format!("UPDATE people SET {c} = ?1 WHERE id = ?2"), params![v, id])
            };
            match (edit.field, &edit.value) {
                (Field::FullName, Value::Text(Some(v))) => {
                    column("full_name", v)?;
                    column("name_key", &crate::text::fold(v))?;
                    changes.push((f, Some(before.fields.full_name.clone()), Some(v.clone())));
                }
                (Field::ExternalId, Value::Text(v)) => {
                    if let Some(v) = v
                        && let Some(owner) = tx
                            .query_row(
                                "SELECT id FROM people WHERE external_id = ?1 AND id != ?2",
                                params![v, id],
                                |r| r.get::<_, PersonId>(0),
                            )
                            .optional()?
                    {
                        let owner = name_of(&tx, owner)?;
                        return Err(DirectoryError::ExternalIdTaken { external_id: v.clone(), owner }.into());
                    }
                    column("external_id", v)?;
                    changes.push((f, before.fields.external_id.clone(), v.clone()));
                }
                (Field::PreferredName | Field::Title | Field::Country | Field::Notes, Value::Text(v)) => {
                    column(f, v)?;
                    let old = match edit.field {
                        Field::PreferredName => &before.fields.preferred_name,
                        Field::Title => &before.fields.title,
                        Field::Country => &before.fields.country,
                        _ => &before.fields.notes,
                    };
                    changes.push((f, old.clone(), v.clone()));
                }
                (Field::Department | Field::Location, Value::Text(v)) => {
                    let (table, col, old) = if edit.field == Field::Department {
                        ("departments", "department_id", &before.fields.department)
                    } else {
                        ("locations", "location_id", &before.fields.location)
                    };
                    let unit = v.as_deref().map(|name| super::org::name_id(&tx, table, name)).transpose()?;
                    column(col, &unit)?;
                    changes.push((f, old.clone(), v.clone()));
                }
                (Field::Team, Value::Text(v)) => {
                    let dept: Option<i64> =
                        tx.query_row("SELECT department_id FROM people WHERE id = ?1", [id], |r| r.get(0))?;
                    let team = match v {
                        Some(name) => Some(super::org::team_id(&tx, dept, name)?),
                        None => None,
                    };
                    column("team_id", &team)?;
                    changes.push((f, before.fields.team.clone(), v.clone()));
                }
                (Field::Email, Value::List(emails)) => {
                    for e in emails {
                        if let Some(owner) = tx
                            .query_row(
                                "SELECT person_id FROM person_emails WHERE email = ?1 AND person_id != ?2",
                                params![e, id],
                                |r| r.get::<_, PersonId>(0),
                            )
                            .optional()?
                        {
                            let owner = name_of(&tx, owner)?;
                            return Err(DirectoryError::EmailTaken { email: e.clone(), owner }.into());
                        }
                    }
                    tx.execute("DELETE FROM person_emails WHERE person_id = ?1", [id])?;
                    for (pos, e) in emails.iter().enumerate() {
                        tx.execute(
                            "INSERT INTO person_emails (email, person_id, position) VALUES (?1, ?2, ?3)",
                            params![e, id, pos],
                        )?;
                    }
                    changes.push((f, join(&before.fields.emails), join(emails)));
                }
                (Field::Tags, Value::List(tags)) => {
                    tx.execute("DELETE FROM person_tags WHERE person_id = ?1", [id])?;
                    for t in tags {
                        let tag = super::org::name_id(&tx, "tags", t)?;
                        tx.execute("INSERT OR IGNORE INTO person_tags (person_id, tag_id) VALUES (?1, ?2)", [id, tag])?;
                    }
                    changes.push((f, join(&before.fields.tags), join(tags)));
                }
                (Field::Skills, Value::List(skills)) => {
                    // Editing sets the declared skills; observed ones come from activity.
                    tx.execute("DELETE FROM person_skills WHERE person_id = ?1 AND source = 'declared'", [id])?;
                    for s in skills {
                        let skill = super::org::name_id(&tx, "skills", s)?;
                        tx.execute(
                            "INSERT OR IGNORE INTO person_skills (person_id, skill_id, source) VALUES (?1, ?2, 'declared')",
                            [id, skill],
                        )?;
                    }
                    let old: Vec<String> = before
                        .fields
                        .skills
                        .iter()
                        .filter(|s| s.source == SkillSource::Declared)
                        .map(|s| s.name.clone())
                        .collect();
                    changes.push((f, join(&old), join(skills)));
                }
                (Field::Languages, Value::List(langs)) => {
                    column("languages", &(!langs.is_empty()).then(|| langs.join(", ")))?;
                    changes.push((f, join(&before.fields.languages), join(langs)));
                }
                (Field::HireDate | Field::LastContact, Value::Date(d)) => {
                    column(f, d)?;
                    let old = if edit.field == Field::HireDate {
                        before.fields.hire_date
                    } else {
                        before.fields.stakeholder.last_contact
                    };
                    changes.push((f, old.map(|d| d.to_string()), d.map(|d| d.to_string())));
                }
                (Field::Influence | Field::Interest, Value::Level(v)) => {
                    column(f, v)?;
                    let old = if edit.field == Field::Influence {
                        before.fields.stakeholder.influence
                    } else {
                        before.fields.stakeholder.interest
                    };
                    changes.push((f, old.map(|v| v.to_string()), v.map(|v| v.to_string())));
                }
                (Field::Attitude, Value::Attitude(a)) => {
                    column(f, &a.map(Attitude::as_str))?;
                    changes.push((
                        f,
                        before.fields.stakeholder.attitude.map(|a| a.as_str().into()),
                        a.map(|a| a.as_str().into()),
                    ));
                }
                (Field::Executive | Field::ItAlly | Field::Champion, Value::Bool(b)) => {
                    let (col, old) = match edit.field {
                        Field::Executive => ("is_executive", before.fields.stakeholder.executive),
                        Field::ItAlly => ("is_it_ally", before.fields.stakeholder.it_ally),
                        _ => ("is_champion", before.fields.stakeholder.champion),
                    };
                    column(col, b)?;
                    changes.push((f, Some(old.to_string()), Some(b.to_string())));
                }
                (Field::Manager, Value::Text(key)) => {
                    let manager = match key {
                        None => None,
                        Some(k) => Some(resolve(&tx, k)?.ok_or_else(|| DirectoryError::PersonNotFound(k.clone()))?),
                    };
                    if let Some(m) = manager {
                        check_manager(&tx, id, m)?;
                    }
                    column("manager_id", &manager)?;
                    let new = manager.map(|m| name_of(&tx, m)).transpose()?;
                    changes.push((f, before.manager.as_ref().map(|m| m.full_name.clone()), new));
                }
                (field, value) => {
                    return Err(DirectoryError::BadAssignment(format!("{field} cannot take {value:?}")).into());
                }
            }
        }
        let changes: Vec<_> = changes.into_iter().filter(|(_, old, new)| old != new).collect();
        if !changes.is_empty() {
            tx.execute("UPDATE people SET updated_at = ?1 WHERE id = ?2", params![now, id])?;
            for (field, old, new) in &changes {
                tx.execute(
                    "INSERT INTO person_changes (person_id, at, field, old_value, new_value, source) \
                     VALUES (?1, ?2, ?3, ?4, ?5, 'edit')",
                    params![id, now, field, old, new],
                )?;
            }
        }
        let after = person(&tx, id)?.ok_or_else(|| DirectoryError::PersonNotFound(format!("#{id}")))?;

        tx.commit()?;
        if !changes.is_empty() {
            let old = super::search::document(id, &before.fields.full_name, &DocParts::from(&before));
            let new = super::search::document(id, &after.fields.full_name, &DocParts::from(&after));
            self.search.replace(&old, &new);
            self.facts.mark_stale(); // a new department or name shows in the measures
        }
        Ok(after)
    }
}

fn join(v: &[String]) -> Option<String> {
    (!v.is_empty()).then(|| v.join(", "))
}

/// Refuses a manager that is the person themself or would close a loop.
fn check_manager(conn: &Connection, id: PersonId, manager: PersonId) -> Result<(), StoreError> {
    if manager == id {
        return Err(DirectoryError::ManagerIsSelf { name: name_of(conn, id)? }.into());
    }
    let mut chain = vec![id, manager];
    let mut current = manager;
    while let Some(next) =
        conn.query_row("SELECT manager_id FROM people WHERE id = ?1", [current], |r| r.get::<_, Option<PersonId>>(0))?
    {
        if next == id {
            chain.push(id);
            let names = chain.iter().map(|&p| name_of(conn, p)).collect::<rusqlite::Result<_>>()?;
            return Err(DirectoryError::ManagerCycle { names }.into());
        }
        if chain.contains(&next) {
            break; // an older loop above us, not one this edit makes
        }
        chain.push(next);
        current = next;
    }
    Ok(())
}
