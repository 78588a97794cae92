//! The one error type that crosses IPC: `{ code, message }`, mirrored by
//! `IpcError` in `ui/src/api.ts`.

use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct IpcError {
    pub code: String,
    pub message: String,
}

impl From<chorus::Error> for IpcError {
    fn from(e: chorus::Error) -> Self {
        IpcError { code: e.code().to_owned(), message: e.to_string() }
    }
}

macro_rules! via_core {
    ($($t:ty),*) => {$(
        impl From<$t> for IpcError {
            fn from(e: $t) -> Self {
                chorus::Error::from(e).into()
            }
        }
    )*};
}
via_core!(
    chorus::store::StoreError,
    chorus::directory::DirectoryError,
    chorus::ingest::IngestError,
    chorus::activity::ActivityError,
    chorus::activity::measures::FilterError
);

impl IpcError {
    pub fn internal(message: impl Into<String>) -> IpcError {
        IpcError { code: "internal".into(), message: message.into() }
    }
}

pub type IpcResult<T> = Result<T, IpcError>;
