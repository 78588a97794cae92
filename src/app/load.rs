//! What several use cases read, loaded once here so that no area of `app`
//! imports another: the interaction graph of a period, people's e-mails,
//! the inputs of the segment rules, the brand and its theme, the data a
//! chart of the catalogue is drawn from. Loads and calls; computes nothing
//! of its own.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::Result;
use crate::activity::measures::{self, Filter};
use crate::charts::{self, Brand, ChartData, ChartName, FontFace, Logo, NetworkChart, Theme};
use crate::directory::query::ListQuery;
use crate::network::{self as net, Built, GraphOptions};
use crate::segments::{self, Override};
use crate::store::{Db, Setting, StoreError};

/// The stored brand (the default brand until one is set).
pub fn brand(db: &Db) -> Result<Brand> {
    match db.setting(Setting::Brand)? {
        Some(json) => serde_json::from_slice(&json)
            .map_err(|e| StoreError::Conflict(format!("the stored brand could not be read: {e}")).into()),
        None => Ok(Brand::default()),
    }
}

/// The stored logo, checked again as it is read.
pub fn logo(db: &Db) -> Result<Option<Logo>> {
    match db.setting(Setting::Logo)? {
        Some(bytes) => {
            Ok(Some(Logo::from_bytes("the stored logo", bytes).map_err(|e| StoreError::Conflict(e.to_string()))?))
        }
        None => Ok(None),
    }
}

/// The stored brand font, checked again as it is read.
pub fn font(db: &Db) -> Result<Option<FontFace>> {
    let conflict = |e: charts::BrandError| crate::Error::from(StoreError::Conflict(e.to_string()));
    let Some(bytes) = db.setting(Setting::Font)? else { return Ok(None) };
    let mut font = FontFace::from_bytes("the stored font", bytes).map_err(conflict)?;
    if let Some(bold) = db.setting(Setting::FontBold)? {
        font = font.with_bold("the stored bold font", bold).map_err(conflict)?;
    }
    Ok(Some(font))
}

/// The theme of the stored brand (or `over`), dark or light as asked (or
/// as the brand says).
pub fn theme(db: &Db, dark: Option<bool>, over: Option<&Brand>) -> Result<Theme> {
    let mut brand = match over {
        Some(b) => b.clone(),
        None => brand(db)?,
    };
    if let Some(d) = dark {
        brand.dark = d;
    }
    let mut theme = brand.theme();
    theme.font = font(db)?.map(std::sync::Arc::new);
    Ok(theme)
}

/// The interaction graph of the filter's period, tool and population: the
/// store hands the period's interactions, reporting lines and survey ties
/// to the network's builder.
pub fn graph(db: &Db, filter: &Filter, today: NaiveDate, opts: GraphOptions) -> Result<Built> {
    let facts = db.facts()?;
    let scope = measures::scope(&facts, filter, today)?;
    let mut b = net::Builder::new(facts, scope, opts);
    let tool_id = match b.tool() {
        Some(name) => db.tool_id(name)?,
        None => None,
    };
    let (first, last) = b.days();
    db.interactions(first, last, tool_id, |it| b.interaction(it))?;
    if b.layers().reports_to {
        b.reporting_lines(&db.reporting_lines()?);
    }
    if b.layers().survey {
        b.survey_ties(&db.survey_ties()?);
    }
    Ok(b.finish())
}

/// Each person's first e-mail, by person id.
pub fn emails(db: &Db) -> Result<HashMap<i64, Option<String>>> {
    Ok(db
        .list_people(&ListQuery { limit: None, ..ListQuery::default() })?
        .items
        .into_iter()
        .map(|p| (p.id, p.email))
        .collect())
}

/// Every node's segment labels, the strategist's overrides applied.
pub fn labels(db: &Db, b: &Built, m: &net::Measures) -> Result<Vec<segments::Labelled>> {
    let facts = net::segment_facts(b, m, &db.all_skills()?);
    let overrides: Vec<Override> = db.segment_overrides()?;
    Ok(segments::label_all(&facts, &b.persons(), &db.segment_thresholds()?, &b.scope.period(), &overrides))
}

/// The last `count` months or quarters up to the filter's end, each built
/// and measured, oldest first.
pub fn snapshots(
    db: &Db,
    filter: &Filter,
    today: NaiveDate,
    opts: GraphOptions,
    every: net::reports::snapshots::Every,
    count: usize,
) -> Result<Vec<net::reports::snapshots::Taken>> {
    // The base period's end anchors the snapshots.
    let end = measures::scope(&*db.facts()?, filter, today)?.to;
    net::reports::snapshots::periods(crate::activity::date_of_day(end), every, count)
        .into_iter()
        .map(|(label, from, to)| {
            let f = Filter { from: Some(from), to: Some(to), days: None, ..filter.clone() };
            let built = graph(db, &f, today, opts)?;
            let measures = net::measure(&built);
            Ok(net::reports::snapshots::Taken { label, from, to, built, measures })
        })
        .collect()
}

/// The champions' roster: when each became one, by person.
pub fn champions(db: &Db) -> Result<HashMap<i64, String>> {
    Ok(db.champion_since()?.into_iter().collect())
}

/// What the network's charts draw: the map, and champions' coverage on the same graph.
pub fn network_chart(db: &Db, filter: &Filter, today: NaiveDate) -> Result<NetworkChart> {
    let b = graph(db, filter, today, GraphOptions::default())?;
    let mut chart = net::reports::map::map(&b, db.min_group()?);
    crate::champions::fill_chart(&crate::champions::coverage(&b, &champions(db)?, &emails(db)?), &mut chart);
    Ok(chart)
}

/// A chart of the catalogue described from the dashboard of `filter` (and
/// the tools' trends, stakeholders or network where it draws them).
pub fn chart(db: &Db, name: ChartName, filter: &Filter, today: NaiveDate) -> Result<charts::Chart> {
    Ok(charts_of(db, &[name], filter, today)?.remove(0))
}

/// Several charts of one filter, from one reading of the data: the
/// dashboard (and trends, stakeholders, network) computed once for all.
pub fn charts_of(db: &Db, names: &[ChartName], filter: &Filter, today: NaiveDate) -> Result<Vec<charts::Chart>> {
    let facts = db.facts()?;
    let dashboard = measures::dashboard(&facts, filter, today)?;
    let tools = match names.iter().any(|n| n.needs_tools()) {
        true => measures::tool_trends(&facts, &measures::scope(&facts, filter, today)?, dashboard.grain),
        false => Vec::new(),
    };
    let stakeholders = match names.iter().any(|n| n.needs_stakeholders()) {
        true => db.stakeholders()?,
        false => Vec::new(),
    };
    let network = match names.iter().any(|n| n.needs_network()) {
        true => Some(network_chart(db, filter, today)?),
        false => None,
    };
    let data = ChartData {
        dashboard: &dashboard,
        tools: &tools,
        stakeholders: &stakeholders,
        min_group: db.min_group()?,
        network: network.as_ref(),
    };
    Ok(names.iter().map(|n| n.chart(&data, today)).collect())
}
