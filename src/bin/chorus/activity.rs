//! The activity commands: `import slack|engage|m365|events`, `metrics`,
//! `accounts` (the review list) and `tools`.

use std::path::PathBuf;

use chorus::activity::measures::{self, Filter, GroupBy};
use chorus::activity::{ActivityError, ActivityOptions, ActivityReport, Decision, ExportFormat, ToolKind};
use chorus::app::activity::{ActivityImport, import_activity};
use chorus::app::{Db, directory, engagement};
use chorus::progress::Watch;
use clap::{Args, Subcommand};

use crate::{Failure, fit, now, open, print_problems, report_verb, usage};

/// What every activity command needs from the global flags.
pub(crate) struct Ctx {
    pub db: Option<PathBuf>,
    pub json: bool,
}

#[derive(Args, Debug)]
pub(crate) struct ImportArgs {
    /// The export: a .zip or its folder (Slack, Engage), or a CSV (m365, events)
    path: PathBuf,
    /// The tool's name in Chorus [default: Slack, Viva Engage, Teams, Other]
    #[arg(long)]
    tool: Option<String>,
    /// For an events CSV: slack, engage, teams, workplace, linkedin or other
    #[arg(long)]
    kind: Option<String>,
    /// When the tool was rolled out (YYYY-MM-DD), for adoption curves
    #[arg(long, value_name = "DATE")]
    rollout: Option<String>,
    /// For an events CSV: feed COLUMN into FIELD (COLUMN=- ignores it); repeatable
    #[arg(long = "map", value_name = "COLUMN=FIELD")]
    map: Vec<String>,
    /// Time zone of times written without an offset (IANA name, e.g. Europe/Paris) [default: UTC]
    #[arg(long, value_name = "ZONE")]
    tz: Option<String>,
    /// Keep no message text at all (by default a short excerpt is kept)
    #[arg(long)]
    no_excerpts: bool,
    /// Read and check everything, write nothing
    #[arg(long)]
    dry_run: bool,
    /// Import the good rows even when some rows are bad
    #[arg(long)]
    skip_bad_rows: bool,
    /// For a Microsoft 365 usage report (concealed names): count the tool as a whole, no one named
    #[arg(long)]
    totals_only: bool,
}

/// A date given on the command line, read as every date in Chorus is.
pub(crate) fn date(flag: &str, s: &str) -> Result<chrono::NaiveDate, Failure> {
    match chorus::directory::fields::parse_date(s.trim()) {
        Ok(Some(d)) => Ok(d),
        Ok(None) => Err(usage(format!("{flag}: a date is required"))),
        Err(problem) => Err(usage(format!("{flag}: {problem}"))),
    }
}

pub(crate) fn import(format: ExportFormat, a: ImportArgs, ctx: &Ctx) -> Result<(), Failure> {
    let overrides = a
        .map
        .iter()
        .map(|m| {
            let (c, f) = m.rsplit_once('=').ok_or_else(|| usage(format!("--map {m:?}: expected COLUMN=FIELD")))?;
            let f = f.trim();
            Ok((c.trim().to_owned(), (!f.is_empty() && f != "-").then(|| f.to_owned())))
        })
        .collect::<Result<Vec<_>, Failure>>()?;
    let kind = match &a.kind {
        Some(k) => Some(ToolKind::parse(k).ok_or_else(|| {
            usage(format!("--kind {k:?}: expected slack, engage, teams, workplace, linkedin or other"))
        })?),
        None => None,
    };
    let time_zone = match &a.tz {
        Some(z) => Some(
            z.parse::<chrono_tz::Tz>()
                .map_err(|_| usage(format!("--tz {z:?}: not a time zone name such as Europe/Paris")))?,
        ),
        None => None,
    };
    let opts = ActivityOptions {
        tool: a.tool,
        kind,
        rollout: a.rollout.as_deref().map(|d| date("--rollout", d)).transpose()?,
        overrides,
        time_zone,
        no_excerpts: a.no_excerpts,
        dry_run: a.dry_run,
        skip_bad_rows: a.skip_bad_rows,
        totals_only: a.totals_only,
    };
    if a.totals_only && format != ExportFormat::M365 {
        return Err(usage("--totals-only counts a Microsoft 365 usage report: use it with `import m365`".into()));
    }
    let mut db = open(&ctx.db)?;
    let input = ActivityImport { format, path: &a.path, options: opts };
    match import_activity(&mut db, &input, Watch::quiet(), now()) {
        Ok(r) => print_report(&r, ctx.json, !r.dry_run),
        Err(chorus::Error::Activity(ActivityError::Rejected(r))) => {
            print_report(&r, ctx.json, false);
            return Err(chorus::Error::Activity(ActivityError::Rejected(r)).into());
        }
        Err(e) => return Err(e.into()),
    }
    Ok(())
}

fn print_report(r: &ActivityReport, json: bool, written: bool) {
    if json {
        println!("{}", serde_json::to_string(r).unwrap_or_default());
        return;
    }
    let verb = report_verb(r.dry_run, written);
    println!("{verb} {} into {:?}:", r.file, r.tool);
    let would = if written { "" } else { "would be " };
    if let Some(t) = &r.totals {
        let d = chorus::activity::date_of_day;
        println!(
            "  counted as a whole, {} to {}: {} people listed, {} took part; {} posts, {} replies, {} reactions \
             ({} report rows, no one named){}",
            d(t.first_day),
            d(t.last_day),
            t.population,
            t.active,
            t.posts,
            t.replies,
            t.reactions,
            r.usage_rows,
            if r.duplicates > 0 { "; this report was already counted" } else { "" }
        );
    } else if r.format == Some(ExportFormat::M365) {
        // A usage report holds counts per person, not events.
        println!(
            "  {} report rows read: {} posts, replies and likes {would}counted, {} already counted",
            r.usage_rows, r.added, r.duplicates
        );
        if r.concealed > 0 {
            println!("  {} row(s) with concealed user names left out (see the warning below)", r.concealed);
        }
    } else {
        println!(
            "  {} events read: {} {would}added, {} already there, {} deleted (kept, not counted)",
            r.events, r.added, r.duplicates, r.deleted
        );
    }
    if let (Some(a), Some(b)) = (&r.first_day, &r.last_day) {
        println!("  activity from {a} to {b}");
    }
    println!("  {} not engagement (joins, leaves, topic changes, bots)", r.not_engagement);
    if r.self_mentions > 0 {
        println!("  {} mention(s) of oneself left out (a mention of oneself is not a mention)", r.self_mentions);
    }
    for (s, n) in &r.unknown_subtypes {
        println!("  {n} message(s) of unknown type {s:?}: not counted");
    }
    println!(
        "  {} channels new; {} accounts ({} new): {} matched by e-mail, {} by external id, {} by name, {} bots",
        r.channels, r.accounts, r.new_accounts, r.matched_email, r.matched_external_id, r.matched_name, r.bots
    );
    if r.pending_review > 0 {
        println!("  {} account(s) wait for review: see `chorus accounts`", r.pending_review);
    }
    print_problems(&r.problems, &r.warnings);
    if r.rejected as usize > r.problems.len() {
        println!("  ({} rejected rows in all)", r.rejected);
    }
    if let Some(id) = r.import_id {
        println!("Import #{id} recorded.");
    }
}

/// Part of the organisation to measure.
#[derive(Args, Debug)]
struct UnitFilter {
    /// Only this department
    #[arg(long)]
    department: Option<String>,
    /// Only this location
    #[arg(long)]
    location: Option<String>,
    /// Only this team
    #[arg(long)]
    team: Option<String>,
}

/// What to measure: a tool, a period, part of the organisation.
#[derive(Args, Debug)]
pub(crate) struct FilterArgs {
    /// Only this tool
    #[arg(long)]
    tool: Option<String>,
    /// First day (YYYY-MM-DD) [default: --days days before --to]
    #[arg(long, value_name = "DATE", conflicts_with = "days")]
    from: Option<String>,
    /// Last day (YYYY-MM-DD) [default: the last day with activity]
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// The period's length, ending on --to [default: 90]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=36600))]
    days: Option<u32>,
    #[command(flatten)]
    unit: UnitFilter,
}

impl FilterArgs {
    pub(crate) fn filter(self) -> Result<Filter, Failure> {
        Ok(Filter {
            tool: self.tool,
            from: self.from.as_deref().map(|d| date("--from", d)).transpose()?,
            to: self.to.as_deref().map(|d| date("--to", d)).transpose()?,
            days: self.days,
            department: self.unit.department,
            location: self.unit.location,
            team: self.unit.team,
        })
    }
}

#[derive(Args, Debug)]
pub(crate) struct MetricsArgs {
    #[command(flatten)]
    filter: FilterArgs,
    /// Break the figures down by department, location or team
    #[arg(long, value_name = "UNIT")]
    by: Option<String>,
    /// Also list active people per day, week or month
    #[arg(long, value_name = "GRAIN")]
    per: Option<String>,
}

pub(crate) fn metrics(a: MetricsArgs, ctx: &Ctx) -> Result<(), Failure> {
    let filter = a.filter.filter()?;
    let by = match &a.by {
        Some(b) => {
            Some(GroupBy::parse(b).ok_or_else(|| usage(format!("--by {b:?}: expected department, location or team")))?)
        }
        None => None,
    };
    let per = match a.per.as_deref() {
        None => None,
        Some("day") => Some(measures::Grain::Day),
        Some("week") => Some(measures::Grain::Week),
        Some("month") => Some(measures::Grain::Month),
        Some(p) => return Err(usage(format!("--per {p:?}: expected day, week or month"))),
    };
    let db = open(&ctx.db)?;
    let m = engagement::metrics(&db, &filter, by, per, now().date_naive())?;
    if ctx.json {
        println!("{}", serde_json::to_string(&m).unwrap_or_default());
        return Ok(());
    }
    let engagement::Metrics { dashboard: d, groups, trend } = m;
    if d.data_from.is_none() {
        println!("No activity imported yet. Import an export first: chorus import slack|engage|m365|events PATH");
        return Ok(());
    }
    println!(
        "Engagement {} to {} ({} days){}; compared with {} to {}",
        d.period.from,
        d.period.to,
        d.period.days,
        d.tool.as_deref().map(|t| format!(", {t}")).unwrap_or_default(),
        d.previous.from,
        d.previous.to
    );
    println!("Population: {} people\n", d.population);
    println!("  {}  {:>12}  {:>12}  {:>10}", fit("", 34), "this period", "previous", "change");
    for f in &d.headline {
        let show = |v: Option<f64>| match v {
            None => "–".to_owned(),
            Some(v) => f.unit.format(v),
        };
        let change = match f.change {
            Some(c) if c != 0.0 => f.unit.format_change(c, f.change_ratio),
            _ => String::new(),
        };
        println!("  {}  {:>12}  {:>12}  {:>10}", fit(f.label, 34), show(f.value), show(f.previous), change);
    }
    let p = &d.participation;
    let (r, pc) = (d.rule, |x: f64| x * 100.0);
    println!(
        "\nParticipation (90-9-1 rule: {:.0} % create, {:.0} % contribute, {:.0} % lurk):",
        pc(r.creators),
        pc(r.contributors),
        pc(r.lurkers)
    );
    let pct = |n: u32| if p.population > 0 { f64::from(n) * 100.0 / f64::from(p.population) } else { 0.0 };
    println!("  creators {:>6} ({:.1} %)", p.creators, pct(p.creators));
    println!("  contributors {:>2} ({:.1} %)", p.contributors, pct(p.contributors));
    println!("  lurkers {:>7} ({:.1} %)", p.lurkers, pct(p.lurkers));
    if let Some(groups) = groups {
        println!("\nBy {}:", a.by.as_deref().unwrap_or(""));
        println!(
            "  {}  {:>6}  {:>6}  {:>7}  {:>6}  {:>7}  {:>9}",
            fit("", 24),
            "people",
            "active",
            "share",
            "posts",
            "replies",
            "content"
        );
        for g in groups {
            let share = g.active_share.map(|s| format!("{:.0} %", s * 100.0)).unwrap_or_default();
            let content = g.content_share.map(|s| format!("{:.0} %", s * 100.0)).unwrap_or_default();
            println!(
                "  {}  {:>6}  {:>6}  {:>7}  {:>6}  {:>7}  {:>9}",
                fit(&g.name, 24),
                g.population,
                g.active,
                share,
                g.posts,
                g.replies,
                content
            );
        }
    }
    if let Some(trend) = trend {
        println!("\nActive people per {}:", a.per.as_deref().unwrap_or(""));
        let max = trend.iter().map(|p| p.active).max().unwrap_or(0).max(1);
        for p in &trend {
            let bar = "█".repeat((f64::from(p.active) / f64::from(max) * 40.0).round() as usize);
            println!("  {}  {:>6}  {bar}", p.start, p.active);
        }
    }
    let ad = &d.adoption;
    println!(
        "\nAdoption{}: {} adopters, {} never{}",
        ad.tool.as_deref().map(|t| format!(" of {t}")).unwrap_or_default(),
        ad.adopters,
        ad.never,
        ad.rollout.map(|r| format!(" (rolled out {r})")).unwrap_or_default()
    );
    for b in &ad.bands {
        let span = match (b.from, b.to) {
            (Some(a), Some(z)) => format!("{a} – {z}"),
            _ => String::new(),
        };
        println!("  {}  {:>6}  {span}", fit(b.label, 16), b.people);
    }
    if !d.communities.is_empty() {
        println!("\nCommunity health (active this month ÷ active in the last 12 months):");
        for c in d.communities.iter().take(10) {
            println!(
                "  {}  {:>4} / {:<4}  {:.0} %",
                fit(&format!("{} ({})", c.channel, c.tool), 30),
                c.monthly_active,
                c.yearly_active,
                c.health.unwrap_or(0.0) * 100.0
            );
        }
    }
    Ok(())
}

#[derive(Args, Debug)]
pub(crate) struct AccountsArgs {
    /// List every account, not only those waiting for review
    #[arg(long)]
    all: bool,
    #[command(subcommand)]
    action: Option<AccountAction>,
}

#[derive(Subcommand, Debug)]
enum AccountAction {
    /// This account is this person (#ID, e-mail or external id)
    Link { account: i64, person: String },
    /// Add a person to the directory for this account
    Create { account: i64 },
    /// Leave this account out of every figure
    Ignore { account: i64 },
    /// Put this account back in the review list
    Reset { account: i64 },
    /// Tie waiting accounts by e-mail, external id and exact name again
    Resolve,
}

pub(crate) fn accounts(a: AccountsArgs, ctx: &Ctx) -> Result<(), Failure> {
    let mut db = open(&ctx.db)?;
    let decided = |account: i64, d: Decision, db: &mut Db| -> Result<(), Failure> {
        let acc = engagement::decide(db, account, &d, now())?;
        if ctx.json {
            println!("{}", serde_json::to_string(&acc).unwrap_or_default());
        } else {
            let who = acc.person_name.as_deref().map(|n| format!(" → {n}")).unwrap_or_default();
            let how = acc.resolution.map(|r| r.as_str()).unwrap_or("waiting for review");
            println!(
                "Account #{} ({}, {}): {how}{who}",
                acc.id,
                acc.tool,
                acc.name.as_deref().unwrap_or(&acc.source_id)
            );
        }
        Ok(())
    };
    match a.action {
        Some(AccountAction::Link { account, person }) => {
            let person_id = directory::find_person(&db, &person)?;
            return decided(account, Decision::Link { person_id }, &mut db);
        }
        Some(AccountAction::Create { account }) => return decided(account, Decision::Create, &mut db),
        Some(AccountAction::Ignore { account }) => return decided(account, Decision::Ignore, &mut db),
        Some(AccountAction::Reset { account }) => return decided(account, Decision::Reset, &mut db),
        Some(AccountAction::Resolve) => {
            let n = engagement::resolve_accounts(&mut db)?;
            if ctx.json {
                println!("{}", serde_json::json!({ "resolved": n }));
            } else {
                println!("{n} account(s) tied to people.");
            }
            return Ok(());
        }
        None => {}
    }
    let list = engagement::accounts(&db, !a.all)?;
    if ctx.json {
        println!("{}", serde_json::to_string(&list).unwrap_or_default());
        return Ok(());
    }
    if list.is_empty() {
        println!("{}", if a.all { "No accounts yet." } else { "No accounts wait for review." });
        return Ok(());
    }
    println!(
        "  {:>6}  {}  {}  {}  {:>6}  status",
        "#",
        fit("tool", 12),
        fit("account", 26),
        fit("e-mail", 28),
        "events"
    );
    for acc in &list {
        let status = match (acc.resolution, &acc.person_name) {
            (Some(r), Some(n)) => format!("{} → {n}", r.as_str()),
            (Some(r), None) => r.as_str().to_owned(),
            (None, _) if !acc.suggestions.is_empty() => format!(
                "review; maybe {}",
                acc.suggestions.iter().map(|(id, n)| format!("#{id} {n}")).collect::<Vec<_>>().join(", ")
            ),
            (None, _) => "review".to_owned(),
        };
        println!(
            "  {:>6}  {}  {}  {}  {:>6}  {status}",
            acc.id,
            fit(&acc.tool, 12),
            fit(acc.name.as_deref().unwrap_or(&acc.source_id), 26),
            fit(acc.email.as_deref().unwrap_or(""), 28),
            acc.events
        );
    }
    if !a.all {
        println!("\nDecide with: chorus accounts link ACCOUNT PERSON | create ACCOUNT | ignore ACCOUNT");
    }
    Ok(())
}

#[derive(Args, Debug)]
pub(crate) struct ToolsArgs {
    #[command(subcommand)]
    action: Option<ToolAction>,
}

#[derive(Subcommand, Debug)]
enum ToolAction {
    /// Set when a tool was rolled out (YYYY-MM-DD, or "none"); with
    /// --department or --location, when that one received it (one wave of
    /// a rollout in waves; repeat for each wave)
    Rollout {
        tool: String,
        date: String,
        /// The department this date is for
        #[arg(long, conflicts_with = "location")]
        department: Option<String>,
        /// The location this date is for
        #[arg(long)]
        location: Option<String>,
    },
}

pub(crate) fn tools(a: ToolsArgs, ctx: &Ctx) -> Result<(), Failure> {
    let mut db = open(&ctx.db)?;
    let tools = match a.action {
        Some(ToolAction::Rollout { tool, date: d, department, location }) => {
            let d = if d == "none" { None } else { Some(date("rollout", &d)?) };
            use chorus::activity::facts::WaveUnit;
            match (department, location) {
                (Some(name), _) => chorus::app::impact::set_wave(&mut db, &tool, WaveUnit::Department, &name, d)?,
                (None, Some(name)) => chorus::app::impact::set_wave(&mut db, &tool, WaveUnit::Location, &name, d)?,
                (None, None) => {
                    engagement::set_rollout(&mut db, &tool, d)?;
                }
            }
            engagement::tools(&db)?
        }
        None => engagement::tools(&db)?,
    };
    if ctx.json {
        println!("{}", serde_json::to_string(&tools).unwrap_or_default());
        return Ok(());
    }
    if tools.is_empty() {
        println!("No tools yet: import an export with chorus import slack|engage|m365|events PATH");
    }
    for t in tools {
        println!(
            "  {}  {}  {:>6} accounts  {:>9} events  {} – {}  rollout {}",
            fit(&t.name, 16),
            fit(t.kind.as_str(), 9),
            t.accounts,
            t.events,
            t.first_day.as_deref().unwrap_or("?"),
            t.last_day.as_deref().unwrap_or("?"),
            t.rollout_date.as_deref().unwrap_or("not set")
        );
        for w in &t.waves {
            let unit = match w.unit {
                chorus::activity::facts::WaveUnit::Department => "department",
                chorus::activity::facts::WaveUnit::Location => "location",
            };
            println!("      wave: {} {} from {}", unit, w.name, w.date);
        }
        // Reports counted as a whole: the tool's trend, no one named.
        for x in &t.totals {
            let d = chorus::activity::date_of_day;
            println!(
                "      {} – {}: {} of {} people took part ({:.0} %); {} posts, {} replies, {} reactions",
                d(x.first_day),
                d(x.last_day),
                x.active,
                x.population,
                100.0 * x.active as f64 / x.population.max(1) as f64,
                x.posts,
                x.replies,
                x.reactions
            );
        }
    }
    Ok(())
}

#[derive(Args, Debug)]
pub(crate) struct AdoptionArgs {
    /// The tool [default: first activity on any tool]
    #[arg(long)]
    tool: Option<String>,
    #[command(flatten)]
    unit: UnitFilter,
}

pub(crate) fn adoption(a: AdoptionArgs, ctx: &Ctx) -> Result<(), Failure> {
    let filter = Filter {
        tool: a.tool,
        department: a.unit.department,
        location: a.unit.location,
        team: a.unit.team,
        ..Filter::default()
    };
    let db = open(&ctx.db)?;
    let list = engagement::adopters(&db, &filter, now().date_naive())?;
    if ctx.json {
        println!("{}", serde_json::to_string(&list).unwrap_or_default());
        return Ok(());
    }
    println!(
        "Adoption of {}: {} adopted, {} never",
        list.tool.as_deref().unwrap_or("any tool"),
        list.adopters.len(),
        list.never.len()
    );
    let mut current = None;
    for l in &list.adopters {
        if current != l.category {
            current = l.category;
            println!("\n{}:", l.category.map(|c| c.label()).unwrap_or(""));
        }
        println!(
            "  {:>6}  {}  {}  {}",
            l.value,
            l.date.map(|d| d.to_string()).unwrap_or_default(),
            fit(&l.name, 28),
            l.department.as_deref().unwrap_or("")
        );
    }
    if !list.never.is_empty() {
        println!("\nNever ({}):", list.never.len());
        for l in list.never.iter().take(50) {
            println!("  {}  {}", fit(&l.name, 28), l.department.as_deref().unwrap_or(""));
        }
        if list.never.len() > 50 {
            println!("  … and {} more (--json lists everyone)", list.never.len() - 50);
        }
    }
    Ok(())
}
