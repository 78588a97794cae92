//! Keeps the in-memory search index ([`crate::directory::search`]) in step
//! with the database: built on first use, rebuilt after this connection
//! writes or when another connection (the CLI while the app is open) has
//! committed, which `PRAGMA data_version` reveals.

use std::cell::{Cell, Ref, RefCell};

use rusqlite::Connection;

use super::StoreError;
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

/// Every person's search document, folded.
fn documents(conn: &Connection) -> Result<Vec<Document>, StoreError> {
    let people = super::import::load_people(conn)?;
    Ok(people
        .iter()
        .map(|p| Document {
            id: p.id,
            name_key: crate::text::fold(&p.fields.full_name),
            columns: super::people::search_document(&super::people::DocParts::from(&p.fields)),
        })
        .collect())
}
