//! The app's state: the open database, shared by commands. rusqlite is
//! synchronous, so every command runs its work on a blocking thread.

use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};

use chorus::app::Db;

use crate::error::{IpcError, IpcResult};

#[derive(Clone)]
pub struct AppState {
    db: Arc<Mutex<Db>>,
    /// Set by `cancel_import`; read by the running import without the db lock.
    cancel: Arc<AtomicBool>,
    /// The last Network view, by request and data stamp.
    views: Views,
}

pub type Views = Arc<Mutex<std::collections::HashMap<String, Arc<chorus::network::reports::view::NetworkView>>>>;

impl AppState {
    pub fn new(db: Db) -> AppState {
        AppState { db: Arc::new(Mutex::new(db)), cancel: Arc::new(AtomicBool::new(false)), views: Views::default() }
    }

    pub fn views(&self) -> Views {
        Arc::clone(&self.views)
    }

    pub fn cancel_flag(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.cancel)
    }

    /// Runs `f` with the database on a blocking thread, never on the UI thread.
    pub async fn with_db<T, F>(&self, f: F) -> IpcResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Db) -> IpcResult<T> + Send + 'static,
    {
        let db = Arc::clone(&self.db);
        tauri::async_runtime::spawn_blocking(move || {
            let mut guard = db.lock().map_err(|_| IpcError::internal("the database lock was poisoned"))?;
            f(&mut guard)
        })
        .await
        .map_err(|e| IpcError::internal(e.to_string()))?
    }
}

/// The current time, read at the edge.
#[allow(clippy::disallowed_methods)]
pub fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

/// Today's date, for the demo organisation.
#[allow(clippy::disallowed_methods)]
pub fn today() -> chrono::NaiveDate {
    chrono::Utc::now().date_naive()
}
