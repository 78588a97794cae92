//! The one error type that crosses IPC: the core's `{ code, message }`
//! ([`chorus::app::Failure`]), mirrored by `IpcError` in `ui/src/api/`.

pub use chorus::app::Failure as IpcError;

pub type IpcResult<T> = Result<T, IpcError>;
