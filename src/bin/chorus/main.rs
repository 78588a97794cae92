//! `chorus`: the command-line face of the Chorus core. Errors become exit
//! codes here and only here: 0 ok, 1 error, 2 bad usage (clap's own).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use chorus::demo::{self, DemoOptions};
use chorus::directory::fields::parse_assignment;
use chorus::directory::query::{ListQuery, SortColumn};
use chorus::directory::{Attitude, Flag, Person, PersonRow};
use chorus::export::{self, ExportOptions};
use chorus::ingest::{self, ImportOptions, ImportReport, IngestError, MapOverride, SourceFormat};
use chorus::progress::Watch;
use chorus::store::{self, Db};
use clap::{Args, Parser, Subcommand};

/// `println!` that ends the program quietly when standard output is closed
/// (`chorus … | head`), instead of panicking on the broken pipe.
macro_rules! println {
    () => { println!("") };
    ($($t:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stdout().lock(), $($t)*) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
        }
    }};
}

mod activity;

/// Chorus: a private, offline workbench for internal-communications
/// strategists. Everything stays in one SQLite file on this computer.
#[derive(Parser, Debug)]
#[command(name = "chorus", version, about, long_about = None)]
pub(crate) struct Cli {
    /// Database file [default: ~/.local/share/chorus/chorus.db]
    #[arg(long, global = true, env = "CHORUS_DB", value_name = "FILE")]
    pub(crate) db: Option<PathBuf>,
    /// Print machine-readable JSON instead of text
    #[arg(long, global = true)]
    pub(crate) json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Create the database (or bring it up to date) and print where it is
    Init,
    /// Load a generated demo organisation
    Demo {
        /// How many people
        #[arg(long, default_value_t = 1000)]
        people: usize,
        /// Same seed, same organisation
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The organisation's "today" (YYYY-MM-DD) [default: today]
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// People only: no year of activity on Teams, Viva Engage and Slack
        #[arg(long)]
        no_activity: bool,
    },
    /// Headline counts of the directory
    Overview,
    /// Import data from a file
    #[command(subcommand)]
    Import(ImportCommand),
    /// List, search, show and edit people
    #[command(subcommand)]
    People(PeopleCommand),
    /// Export data
    #[command(subcommand)]
    Export(ExportCommand),
    /// Departments, teams and locations
    #[command(subcommand)]
    Org(OrgCommand),
    /// Engagement measures over imported activity
    Metrics(activity::MetricsArgs),
    /// Accounts on the tools: the review list of those not tied to a person
    Accounts(activity::AccountsArgs),
    /// The tools activity was imported from, and their rollout dates
    Tools(activity::ToolsArgs),
    /// Who adopted a tool, in order, with their Rogers category; and who never did
    Adoption(activity::AdoptionArgs),
}

#[derive(Subcommand, Debug)]
enum OrgCommand {
    /// Rename a department, team or location for everyone in it
    Rename {
        /// department, team or location
        kind: String,
        old: String,
        new: String,
    },
}

#[derive(Subcommand, Debug)]
enum ImportCommand {
    /// Import people from CSV/TSV, XLSX/XLS/ODS, or Slack users.json
    People {
        /// The file to import
        file: PathBuf,
        /// Feed column COLUMN into FIELD (COLUMN=- ignores it); repeatable
        #[arg(long = "map", value_name = "COLUMN=FIELD")]
        map: Vec<String>,
        /// Show what would be added, updated and rejected; write nothing
        #[arg(long)]
        dry_run: bool,
        /// Import the good rows even when some rows are bad
        #[arg(long)]
        skip_bad_rows: bool,
        /// Read as this format instead of guessing: csv, xlsx, slack
        #[arg(long, value_name = "FORMAT")]
        format: Option<String>,
    },
    /// Import a Slack workspace export (.zip or folder)
    Slack(activity::ImportArgs),
    /// Import a Viva Engage / Yammer network data export (.zip or folder)
    Engage(activity::ImportArgs),
    /// Import a Microsoft 365 usage report (Viva Engage or Teams user detail CSV)
    M365(activity::ImportArgs),
    /// Import a CSV of events (time, actor, kind, …) from any other tool
    Events(activity::ImportArgs),
}

#[derive(Args, Debug, Default)]
struct Filters {
    /// Only this department (case-insensitive)
    #[arg(long)]
    department: Option<String>,
    /// Only this team
    #[arg(long)]
    team: Option<String>,
    /// Only this location
    #[arg(long)]
    location: Option<String>,
    /// Only people with this tag
    #[arg(long)]
    tag: Option<String>,
    /// executive, it-ally or champion; repeatable
    #[arg(long = "flag", value_name = "FLAG")]
    flags: Vec<String>,
    /// champion, supporter, neutral, sceptic or blocker
    #[arg(long)]
    attitude: Option<String>,
    /// Column to sort by (name, department, hire_date, influence, …)
    #[arg(long, default_value = "relevance")]
    sort: String,
    /// Sort in descending order
    #[arg(long)]
    desc: bool,
}

#[derive(Subcommand, Debug)]
enum PeopleCommand {
    /// List people, with filters and paging
    List {
        #[command(flatten)]
        filters: Filters,
        /// Rows per page
        #[arg(long, default_value_t = 50)]
        limit: u32,
        /// Page number, from 1
        #[arg(long, default_value_t = 1)]
        page: u32,
    },
    /// Search by name, email, title, org unit, tag or notes (accents and case ignored)
    Search {
        /// Words to find; each matches as the start of a word
        query: String,
        #[command(flatten)]
        filters: Filters,
        /// Rows per page
        #[arg(long, default_value_t = 20)]
        limit: u32,
        /// Page number, from 1
        #[arg(long, default_value_t = 1)]
        page: u32,
    },
    /// Show one person: #ID, email or external id
    Show {
        /// #ID, email or external id
        person: String,
    },
    /// Change fields of one person: chorus people set KEY field=value …
    Set {
        /// #ID, email or external id
        person: String,
        #[arg(required = true, value_name = "FIELD=VALUE")]
        assignments: Vec<String>,
    },
}

#[derive(Subcommand, Debug)]
enum ExportCommand {
    /// Export people to CSV (stdout or -o) or XLSX (-o)
    People {
        #[arg(long, conflicts_with = "xlsx")]
        csv: bool,
        #[arg(long)]
        xlsx: bool,
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Also export influence, interest, attitude and last contact
        /// (sensitive: keep such files private)
        #[arg(long)]
        include_assessments: bool,
        #[command(flatten)]
        filters: Filters,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let json = cli.json;
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if json {
                let body = serde_json::json!({ "error": { "code": e.code, "message": e.message } });
                eprintln!("{body}");
            } else {
                eprintln!("chorus: {}", e.message);
            }
            ExitCode::from(if e.usage { 2 } else { 1 })
        }
    }
}

/// An error at the binary's edge.
pub(crate) struct Failure {
    code: &'static str,
    message: String,
    usage: bool,
}

impl From<chorus::Error> for Failure {
    fn from(e: chorus::Error) -> Self {
        Failure { code: e.code(), message: e.to_string(), usage: false }
    }
}

macro_rules! core_error {
    ($($t:ty),*) => {$(
        impl From<$t> for Failure {
            fn from(e: $t) -> Self {
                chorus::Error::from(e).into()
            }
        }
    )*};
}
core_error!(
    store::StoreError,
    IngestError,
    chorus::directory::DirectoryError,
    export::ExportError,
    chorus::activity::ActivityError,
    chorus::activity::measures::FilterError
);

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure { code: "io", message: e.to_string(), usage: false }
    }
}

pub(crate) fn usage(message: String) -> Failure {
    Failure { code: "usage", message, usage: true }
}

#[allow(clippy::disallowed_methods)] // the one place that reads the clock
pub(crate) fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

pub(crate) fn open(cli_db: &Option<PathBuf>) -> Result<Db, Failure> {
    let path = cli_db.clone().unwrap_or_else(store::default_path);
    Ok(Db::open(&path)?)
}

fn run(cli: Cli) -> Result<(), Failure> {
    let stamp = now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let ctx = activity::Ctx { db: cli.db.clone(), json: cli.json };
    match cli.command {
        Command::Init => {
            let db = open(&cli.db)?;
            let n = db.people_count()?;
            if cli.json {
                println!("{}", serde_json::json!({ "database": db.path(), "people": n }));
            } else {
                println!("Database: {} ({n} people)", db.path().display());
            }
        }
        Command::Demo { people, seed, as_of, no_activity } => {
            let as_of = match as_of {
                Some(s) => chrono::NaiveDate::parse_from_str(&s, "%Y-%m-%d")
                    .map_err(|_| usage(format!("--as-of {s:?}: expected a date like 2026-11-25")))?,
                None => now().date_naive(),
            };
            let mut db = open(&cli.db)?;
            let summary = demo::load(&mut db, DemoOptions { people, seed, as_of, activity: !no_activity }, now())?;
            if cli.json {
                println!("{}", serde_json::to_string(&summary).unwrap_or_default());
            } else {
                println!(
                    "Demo organisation (seed {seed}, {people} people) loaded into {}: {} added, {} updated, {} unchanged; \
                     {} activity events ({} new).",
                    db.path().display(),
                    summary.added,
                    summary.updated,
                    summary.unchanged,
                    summary.events,
                    summary.events_added
                );
            }
        }
        Command::Overview => {
            let db = open(&cli.db)?;
            let o = db.overview()?;
            if cli.json {
                println!("{}", serde_json::to_string(&o).unwrap_or_default());
            } else {
                print_overview(&db, &o);
            }
        }
        Command::Import(ImportCommand::People { file, map, dry_run, skip_bad_rows, format }) => {
            let format = match format {
                Some(f) => Some(
                    SourceFormat::parse(&f)
                        .ok_or_else(|| usage(format!("--format {f:?}: expected csv, xlsx or slack")))?,
                ),
                None => None,
            };
            let overrides = map.iter().map(|m| MapOverride::parse(m)).collect::<Result<Vec<_>, _>>()?;
            let mut db = open(&cli.db)?;
            let opts = ImportOptions { format, overrides, dry_run, skip_bad_rows };
            match chorus::app::people::import_people(&mut db, &file, &opts, Watch::quiet(), now()) {
                Ok(report) => print_report(&report, cli.json, !report.dry_run),
                Err(chorus::Error::Ingest(IngestError::Rejected(report))) => {
                    print_report(&report, cli.json, false);
                    return Err(chorus::Error::Ingest(IngestError::Rejected(report)).into());
                }
                Err(e) => return Err(e.into()),
            }
        }
        Command::Import(ImportCommand::Slack(a)) => activity::import(chorus::activity::ExportFormat::Slack, a, &ctx)?,
        Command::Import(ImportCommand::Engage(a)) => activity::import(chorus::activity::ExportFormat::Engage, a, &ctx)?,
        Command::Import(ImportCommand::M365(a)) => activity::import(chorus::activity::ExportFormat::M365, a, &ctx)?,
        Command::Import(ImportCommand::Events(a)) => activity::import(chorus::activity::ExportFormat::Events, a, &ctx)?,
        Command::Metrics(a) => activity::metrics(a, &ctx)?,
        Command::Accounts(a) => activity::accounts(a, &ctx, &stamp)?,
        Command::Tools(a) => activity::tools(a, &ctx)?,
        Command::Adoption(a) => activity::adoption(a, &ctx)?,
        Command::People(cmd) => people(cmd, &cli.db, cli.json, &stamp)?,
        Command::Org(OrgCommand::Rename { kind, old, new }) => {
            let kind = store::OrgUnitKind::parse(&kind)
                .ok_or_else(|| usage(format!("{kind:?}: expected department, team or location")))?;
            let mut db = open(&cli.db)?;
            let people = db.rename_org_unit(kind, &old, &new)?;
            if cli.json {
                println!("{}", serde_json::json!({ "renamed": kind.name(), "from": old, "to": new, "people": people }));
            } else {
                println!("Renamed {} {old:?} to {new:?} ({people} people).", kind.name());
            }
        }
        Command::Export(ExportCommand::People { csv, xlsx, output, include_assessments, filters }) => {
            if !csv && !xlsx {
                return Err(usage("export people: choose --csv or --xlsx".into()));
            }
            let db = open(&cli.db)?;
            let mut q = query(&filters, String::new())?;
            q.limit = None;
            let rows = db.list_people(&q)?.items;
            let opts = ExportOptions { include_assessments };
            if xlsx {
                let path = output.ok_or_else(|| usage("export people --xlsx needs -o FILE".into()))?;
                export::write_xlsx(&path, &rows, opts)?;
                eprintln!("Exported {} people to {}", rows.len(), path.display());
            } else if let Some(path) = output {
                let mut f = std::io::BufWriter::new(std::fs::File::create(&path)?);
                export::write_csv(&mut f, &rows, opts)?;
                f.flush()?;
                eprintln!("Exported {} people to {}", rows.len(), path.display());
            } else {
                export::write_csv(&mut std::io::stdout().lock(), &rows, opts)?;
            }
        }
    }
    Ok(())
}

fn query(f: &Filters, text: String) -> Result<ListQuery, Failure> {
    let flags = f
        .flags
        .iter()
        .map(|s| Flag::parse(s).ok_or_else(|| usage(format!("--flag {s:?}: expected executive, it-ally or champion"))))
        .collect::<Result<Vec<_>, _>>()?;
    let attitude = match &f.attitude {
        Some(a) => Some(Attitude::parse(a).ok_or_else(|| {
            usage(format!("--attitude {a:?}: expected champion, supporter, neutral, sceptic or blocker"))
        })?),
        None => None,
    };
    let sort = SortColumn::parse(&f.sort).ok_or_else(|| {
        let names: Vec<_> = SortColumn::ALL.iter().map(|c| c.name()).collect();
        usage(format!("--sort {:?}: expected one of {}", f.sort, names.join(", ")))
    })?;
    Ok(ListQuery {
        text,
        department: f.department.clone(),
        team: f.team.clone(),
        location: f.location.clone(),
        tag: f.tag.clone(),
        flags,
        attitude,
        assessed: false,
        sort,
        descending: f.desc,
        limit: Some(50),
        offset: 0,
    })
}

fn people(cmd: PeopleCommand, db_path: &Option<PathBuf>, json: bool, stamp: &str) -> Result<(), Failure> {
    match cmd {
        PeopleCommand::List { filters, limit, page } => {
            list(db_path, json, query(&filters, String::new())?, limit, page)?
        }
        PeopleCommand::Search { query: text, filters, limit, page } => {
            list(db_path, json, query(&filters, text)?, limit, page)?
        }
        PeopleCommand::Show { person } => {
            let db = open(db_path)?;
            let id = db.resolve_person(&person)?;
            let p = db.person(id)?;
            let changes = db.changes(id)?;
            let adoption = chorus::activity::measures::person_adoption(&*db.facts()?, id);
            if json {
                println!("{}", serde_json::json!({ "person": p, "changes": changes, "adoption": adoption }));
            } else {
                print_person(&p);
                if !adoption.is_empty() {
                    println!("\nTools:");
                    for a in &adoption {
                        println!(
                            "  {:<14} {} ({} of {} adopters), first {}, last {}, {} events",
                            a.tool,
                            a.category.label().trim_end_matches('s').to_lowercase(),
                            a.rank,
                            a.adopters,
                            a.first_day,
                            a.last_day,
                            a.events
                        );
                    }
                }
                if !changes.is_empty() {
                    println!("\nHistory (newest first):");
                    for c in changes.iter().take(15) {
                        println!(
                            "  {}  {:<14} {} → {}   [{}]",
                            c.at,
                            c.field,
                            c.old_value.as_deref().unwrap_or("—"),
                            c.new_value.as_deref().unwrap_or("—"),
                            c.source
                        );
                    }
                    if changes.len() > 15 {
                        println!("  … and {} older changes", changes.len() - 15);
                    }
                }
            }
        }
        PeopleCommand::Set { person, assignments } => {
            let edits = assignments.iter().map(|a| parse_assignment(a)).collect::<Result<Vec<_>, _>>()?;
            let mut db = open(db_path)?;
            let id = db.resolve_person(&person)?;
            let p = db.edit_person(id, &edits, stamp)?;
            if json {
                println!("{}", serde_json::to_string(&p).unwrap_or_default());
            } else {
                println!("Saved.");
                print_person(&p);
            }
        }
    }
    Ok(())
}

fn list(db_path: &Option<PathBuf>, json: bool, mut q: ListQuery, limit: u32, page: u32) -> Result<(), Failure> {
    if page == 0 {
        return Err(usage("--page counts from 1".into()));
    }
    q.limit = Some(limit);
    q.offset = limit.saturating_mul(page - 1);
    let db = open(db_path)?;
    let result = db.list_people(&q)?;
    if json {
        println!("{}", serde_json::to_string(&result).unwrap_or_default());
        return Ok(());
    }
    print_rows(&result.items);
    let shown = result.items.len() as u64;
    let first = u64::from(q.offset) + u64::from(shown > 0);
    println!(
        "\n{} of {} {} (page {page})",
        if shown == 0 { "0".to_owned() } else { format!("{first}–{}", u64::from(q.offset) + shown) },
        result.total,
        if result.total == 1 { "person" } else { "people" },
    );
    Ok(())
}

/// Cuts `s` to `width` characters, marking the cut with an ellipsis.
pub(crate) fn fit(s: &str, width: usize) -> String {
    let n = s.chars().count();
    if n <= width {
        format!("{s}{}", " ".repeat(width - n))
    } else {
        format!("{}…", s.chars().take(width - 1).collect::<String>())
    }
}

fn print_rows(rows: &[PersonRow]) {
    type Column = (&'static str, usize, fn(&PersonRow) -> String);
    let cols: [Column; 6] = [
        ("ID", 7, |p| format!("#{}", p.id)),
        ("NAME", 26, |p| p.full_name.clone()),
        ("TITLE", 28, |p| p.title.clone().unwrap_or_default()),
        ("DEPARTMENT", 20, |p| p.department.clone().unwrap_or_default()),
        ("LOCATION", 12, |p| p.location.clone().unwrap_or_default()),
        ("EMAIL", 34, |p| p.email.clone().unwrap_or_default()),
    ];
    let line: Vec<String> = cols.iter().map(|(h, w, _)| fit(h, *w)).collect();
    println!("{}", line.join("  ").trim_end());
    for p in rows {
        let line: Vec<String> = cols.iter().map(|(_, w, f)| fit(&f(p), *w)).collect();
        println!("{}", line.join("  ").trim_end());
    }
}

fn print_person(p: &Person) {
    let o = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
    println!("#{}  {}{}", p.id, p.full_name, p.preferred_name.as_ref().map(|n| format!(" ({n})")).unwrap_or_default());
    println!("  External id   {}", o(&p.external_id));
    println!("  Email         {}", if p.emails.is_empty() { "—".into() } else { p.emails.join(", ") });
    println!("  Title         {}", o(&p.title));
    println!("  Department    {}", o(&p.department));
    println!("  Team          {}", o(&p.team));
    println!("  Location      {}{}", o(&p.location), p.country.as_ref().map(|c| format!(", {c}")).unwrap_or_default());
    println!(
        "  Manager       {}",
        p.manager.as_ref().map(|m| format!("{} (#{})", m.full_name, m.id)).unwrap_or("—".into())
    );
    println!("  Reports       {}", p.reports.len());
    println!("  Hire date     {}", p.hire_date.map(|d| d.to_string()).unwrap_or("—".into()));
    println!("  Languages     {}", if p.languages.is_empty() { "—".into() } else { p.languages.join(", ") });
    println!("  Tags          {}", if p.tags.is_empty() { "—".into() } else { p.tags.join(", ") });
    let skills: Vec<String> = p.skills.iter().map(|s| format!("{} ({})", s.name, s.source.as_str())).collect();
    println!("  Skills        {}", if skills.is_empty() { "—".into() } else { skills.join(", ") });
    let s = &p.stakeholder;
    let lvl = |v: Option<u8>| v.map(|v| format!("{v}/5")).unwrap_or("—".into());
    println!("  Influence     {}    Interest {}", lvl(s.influence), lvl(s.interest));
    println!("  Attitude      {}", s.attitude.map(|a| a.as_str()).unwrap_or("—"));
    let quadrant = chorus::directory::Quadrant::of(s.influence, s.interest);
    println!("  Map quadrant  {}", quadrant.map(|q| q.label()).unwrap_or("— (not assessed)"));
    let flags: Vec<&str> = [(s.executive, "executive"), (s.it_ally, "IT ally"), (s.champion, "champion")]
        .into_iter()
        .filter_map(|(on, n)| on.then_some(n))
        .collect();
    println!("  Flags         {}", if flags.is_empty() { "—".into() } else { flags.join(", ") });
    println!("  Last contact  {}", s.last_contact.map(|d| d.to_string()).unwrap_or("—".into()));
    if let Some(n) = &p.notes {
        println!("  Notes         {n}");
    }
}

fn print_report(r: &ImportReport, json: bool, written: bool) {
    if json {
        println!("{}", serde_json::to_string(r).unwrap_or_default());
        return;
    }
    let verb = report_verb(r.dry_run, written);
    println!("{verb} {} ({:?}{}):", r.file, r.format, r.encoding.map(|e| format!(", {e}")).unwrap_or_default());
    let mapped: Vec<String> = r.mapping.iter().filter_map(|(h, f)| f.as_ref().map(|f| format!("{h} → {f}"))).collect();
    let ignored: Vec<&str> = r.mapping.iter().filter(|(_, f)| f.is_none()).map(|(h, _)| h.as_str()).collect();
    println!("  columns: {}", mapped.join(", "));
    if !ignored.is_empty() {
        println!("  not imported: {}", ignored.join(", "));
    }
    let would = if written { "" } else { "would be " };
    println!(
        "  {} {would}added, {} {would}updated, {} unchanged, {} rejected, {} skipped",
        r.added,
        r.updated,
        r.unchanged,
        r.rejected,
        r.skipped.len()
    );
    print_problems(&r.problems, &r.warnings);
    if let Some(id) = r.import_id {
        println!("Import #{id} recorded.");
    }
}

/// How an import report starts: what happened to the file.
pub(crate) fn report_verb(dry_run: bool, written: bool) -> &'static str {
    if dry_run {
        "Dry run of"
    } else if written {
        "Imported"
    } else {
        "Nothing imported from"
    }
}

/// An import's problems and warnings, 50 of each at most.
pub(crate) fn print_problems(problems: &[ingest::RowProblem], warnings: &[ingest::RowProblem]) {
    for (title, list) in [("Problems", problems), ("Warnings", warnings)] {
        if list.is_empty() {
            continue;
        }
        println!("{title}:");
        for p in list.iter().take(50) {
            println!("  {p}");
        }
        if list.len() > 50 {
            println!("  … and {} more", list.len() - 50);
        }
    }
}

fn print_overview(db: &Db, o: &store::Overview) {
    println!("Chorus directory: {}", db.path().display());
    println!("  {} people, {} imports", o.people, o.imports);
    println!(
        "  {} executives, {} IT allies, {} champions, {} assessed",
        o.executives, o.it_allies, o.champions, o.assessed
    );
    let bar = |n: u64, max: u64| "█".repeat(((n as f64 / max.max(1) as f64) * 30.0).round() as usize);
    let max = o.departments.first().map(|d| d.1).unwrap_or(0);
    println!("\nDepartments:");
    for (name, n) in &o.departments {
        println!("  {}  {n:>6}  {}", fit(name, 22), bar(*n, max));
    }
    println!("\nLocations:");
    let max = o.locations.first().map(|d| d.1).unwrap_or(0);
    for (name, n) in o.locations.iter().take(12) {
        println!("  {}  {n:>6}  {}", fit(name, 22), bar(*n, max));
    }
    println!("\nStakeholder attitudes:");
    let max = o.attitudes.iter().map(|a| a.1).max().unwrap_or(0);
    for (name, n) in &o.attitudes {
        println!("  {}  {n:>6}  {}", fit(name, 22), bar(*n, max));
    }
}
