//! The persisted types of the areas above the store: what the store keeps
//! for the report (saved decks, their runs, evidence cards). They depend on
//! nothing above them, so the store can keep them without knowing how a
//! deck is built. The export log's types are privacy's
//! ([`crate::privacy::ExportRecord`]); the segments' are segments'.

pub mod deck;
