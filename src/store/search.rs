//! Keeps the in-memory search index ([`crate::directory::search`]) in step
//! with the database: built on first use, rebuilt after this connection
//! writes or when another connection (the CLI while the app is open) has
//! committed, which `PRAGMA data_version` reveals.

use std::cell::{Cell, Ref, RefCell};

use rusqlite::Connection;

use super::StoreError;
use super::people::DocParts;
use crate::directory::PersonId;
use crate::directory::search::{Document, SearchIndex};

#[derive(Debug, Default)]
pub(super) struct SearchCache {
    index: RefCell<Option<(i64, SearchIndex)>>,
    stale: Cell<bool>,
}

impl SearchCache {
    /// Our own write changed people: rebuild before the next search.
    pub(super) fn mark_stale(&self) {
        self.stale.set(true);
    }

    /// Re-indexes one edited person in place, when the index is built and
    /// current; otherwise leaves it to be rebuilt.
    pub(super) fn replace(&self, old: &Document, new: &Document) {
        if let Some((_, index)) = self.index.borrow_mut().as_mut()
            && !self.stale.get()
            && index.replace(old, new)
        {
            return;
        }
        self.mark_stale();
    }

    /// The current index, rebuilt first if the data changed.
    pub(super) fn index(&self, conn: &Connection) -> Result<Ref<'_, SearchIndex>, StoreError> {
        let version: i64 = conn.pragma_query_value(None, "data_version", |r| r.get(0))?;
        let fresh = matches!(&*self.index.borrow(), Some((v, _)) if *v == version) && !self.stale.get();
        if !fresh {
            let docs = documents(conn)?;
            *self.index.borrow_mut() = Some((version, SearchIndex::build(docs)));
            self.stale.set(false);
        }
        Ok(Ref::map(self.index.borrow(), |i| match i {
            Some((_, index)) => index,
            None => unreachable!("the index was built just above"),
        }))
    }
}

/// Every person's search document, folded. Four ordered queries merged by
/// person id: no per-person lookups and no full snapshot.
fn documents(conn: &Connection) -> Result<Vec<Document>, StoreError> {
    let pairs = |sql: &str| -> rusqlite::Result<Vec<(PersonId, String)>> {
        conn.prepare(sql)?.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect()
    };
    let emails = pairs("SELECT person_id, email FROM person_emails ORDER BY person_id, position")?;
    let tags = pairs(
        "SELECT pt.person_id, t.name FROM person_tags pt JOIN tags t ON t.id = pt.tag_id \
         UNION ALL SELECT ps.person_id, s.name FROM person_skills ps JOIN skills s ON s.id = ps.skill_id \
         ORDER BY 1",
    )?;
    let (mut e, mut t) = (0, 0);
    let mut st = conn.prepare(
        "SELECT p.id, p.full_name, p.preferred_name, p.title, d.name, tm.name, l.name, p.country, p.notes \
         FROM people p LEFT JOIN departments d ON d.id = p.department_id LEFT JOIN teams tm ON tm.id = p.team_id \
         LEFT JOIN locations l ON l.id = p.location_id ORDER BY p.id",
    )?;
    let mut rows = st.query([])?;
    let mut docs = Vec::new();
    while let Some(r) = rows.next()? {
        let id: PersonId = r.get(0)?;
        let full_name: String = r.get(1)?;
        let text = |i: usize| r.get_ref(i).ok().and_then(|v| v.as_str_or_null().ok().flatten());
        let e0 = e;
        while e < emails.len() && emails[e].0 == id {
            e += 1;
        }
        let t0 = t;
        while t < tags.len() && tags[t].0 == id {
            t += 1;
        }
        let person_emails: Vec<String> = emails[e0..e].iter().map(|(_, m)| m.clone()).collect();
        let parts = DocParts {
            full_name: &full_name,
            preferred_name: text(2),
            emails: &person_emails,
            title: text(3),
            org: [text(4), text(5), text(6), text(7)],
            tags: tags[t0..t].iter().map(|(_, n)| n.as_str()).collect(),
            notes: text(8),
        };
        docs.push(document(id, &full_name, &parts));
    }
    Ok(docs)
}

/// One person's search document.
pub(super) fn document(id: PersonId, full_name: &str, parts: &DocParts) -> Document {
    Document { id, name_key: crate::text::fold(full_name), columns: super::people::search_document(parts) }
}
