//! Engagement: the dashboard and its breakdowns, adoption, the review of
//! accounts and the tools.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::stamp;
use crate::Result;
use crate::activity::measures::{self, AdopterList, Dashboard, Filter, Grain, GroupBy, GroupRow, TrendPoint};
use crate::activity::{Account, Decision, Tool};
use crate::store::Db;

/// Every figure of the Engagement view for a filter.
pub fn dashboard(db: &Db, filter: &Filter, today: NaiveDate) -> Result<Dashboard> {
    Ok(measures::dashboard(&*db.facts()?, filter, today)?)
}

/// The dashboard, with a breakdown by unit and a trend at a chosen grain.
#[derive(Debug, Clone, Serialize)]
pub struct Metrics {
    pub dashboard: Dashboard,
    pub groups: Option<Vec<GroupRow>>,
    pub trend: Option<Vec<TrendPoint>>,
}

/// What `chorus metrics` shows.
pub fn metrics(db: &Db, filter: &Filter, by: Option<GroupBy>, per: Option<Grain>, today: NaiveDate) -> Result<Metrics> {
    let facts = db.facts()?;
    let dashboard = measures::dashboard(&facts, filter, today)?;
    let scope = measures::scope(&facts, filter, today)?;
    Ok(Metrics {
        dashboard,
        groups: by.map(|by| measures::by_group(&facts, &scope, by)),
        trend: per.map(|g| measures::active_trend(&facts, &scope, g)),
    })
}

/// Everyone who adopted, by Rogers category, and those who never did.
pub fn adopters(db: &Db, filter: &Filter, today: NaiveDate) -> Result<AdopterList> {
    let facts = db.facts()?;
    let scope = measures::scope(&facts, filter, today)?;
    Ok(measures::adopter_list(&facts, &scope))
}

/// Accounts waiting for review (`pending_only`), or every account.
pub fn accounts(db: &Db, pending_only: bool) -> Result<Vec<Account>> {
    Ok(db.accounts(pending_only)?)
}

/// Applies a review decision; it is kept for later imports.
pub fn decide(db: &mut Db, account: i64, decision: &Decision, now: DateTime<Utc>) -> Result<Account> {
    Ok(db.decide(account, decision, &stamp(now))?)
}

/// Ties waiting accounts by the automatic rules again; how many were tied.
pub fn resolve_accounts(db: &mut Db) -> Result<u64> {
    Ok(db.resolve_accounts()?)
}

/// Every tool, with its accounts, events and active span.
pub fn tools(db: &Db) -> Result<Vec<Tool>> {
    Ok(db.tools()?)
}

/// Sets (or clears) when a tool was rolled out; the tools as they now are.
pub fn set_rollout(db: &mut Db, tool: &str, date: Option<NaiveDate>) -> Result<Vec<Tool>> {
    db.set_rollout(tool, date)?;
    Ok(db.tools()?)
}
