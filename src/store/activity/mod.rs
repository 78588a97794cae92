//! Activity in the database: tools, channels, accounts, events and the
//! rollups kept by every import ([`write`]), the review list ([`review`]),
//! and the [`Facts`](crate::activity::Facts) the measures read ([`facts`]).
//! Only model types of [`crate::activity`] cross this boundary.

mod facts;
mod review;
mod tools;
mod write;

pub(crate) use facts::FactsCache;
pub use write::{ActivityTx, ImportRecord, ToolTarget, Written};
