//! Engagement measures: pure functions of [`Facts`] and a [`Filter`].
//!
//! Definitions (also in the README):
//! - **Population**: with no tool chosen, everyone in the directory plus
//!   accounts not yet tied to a person; with a tool, everyone with an account
//!   on it. Department, location and team filters narrow it.
//! - **Active**: did anything (post, reply, reaction, mention, share) in the
//!   period.
//! - **Content**: posts + replies. **Engagement rate**: (replies + reactions)
//!   per post.
//! - **Creators** posted; **contributors** did something but never posted;
//!   **lurkers** are the rest of the population (90-9-1 rule: 1 / 9 / 90 %).
//! - **Top 1 % / 10 % share**: share of all content made by the ⌈1 %⌉ /
//!   ⌈10 %⌉ of the population who made most. **Gini**: over the content of
//!   everyone in the population, zeros included.
//! - **Adoption**: a person's first activity on a tool. Rogers categories by
//!   order of adoption among adopters (ties by directory order): the first
//!   2.5 % innovators, next 13.5 % early adopters, 34 % early majority, 34 %
//!   late majority, 16 % laggards.
//! - **Community health**: people active in a channel in the period's last
//!   month ÷ people active in it at least once in the 12 months to then.
//!
//! One file per topic: [`scope`] (filter, population, period), [`participation`],
//! [`statistics`], [`adoption`], [`trend`], [`groups`], [`lists`], [`health`],
//! and [`dashboard`], which gathers them for the Engagement view.

mod adoption;
mod dashboard;
mod groups;
mod health;
mod lists;
mod participation;
mod scope;
mod statistics;
mod trend;

pub use adoption::*;
pub use dashboard::*;
pub use groups::*;
pub use health::*;
pub use lists::*;
pub use participation::*;
pub use scope::*;
pub use statistics::*;
pub use trend::*;
