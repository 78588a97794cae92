//! `chorus`: the command-line face of the Chorus core. Errors become exit
//! codes here and only here: 0 ok, 1 error, 2 bad usage (clap's own).

use std::path::PathBuf;
use std::process::ExitCode;

use chorus::app::{self, Db};
use chorus::demo::DemoOptions;
use chorus::directory::OrgUnitKind;
use chorus::ingest::{self, ImportOptions, ImportReport, IngestError, MapOverride, SourceFormat};
use chorus::progress::Watch;
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
mod champions;
mod charts;
mod impact;
mod network;
mod people;
mod segments;

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
    /// What a tool's rollout changed (interrupted time series, or waves by difference-in-differences), with its uncertainty
    Impact(impact::ImpactArgs),
    /// Who adopted a tool, in order, with their Rogers category; and who never did
    Adoption(activity::AdoptionArgs),
    /// Charts of the engagement measures, as PNG or SVG (`chart list` names them)
    Chart(charts::ChartArgs),
    /// The CEO report: a PowerPoint deck, a PDF or an Excel workbook of the tables
    Report(charts::ReportArgs),
    /// What was exported, when, and where to (newest first)
    Exports(charts::ExportsArgs),
    /// The brand (organisation, palette, dark pages, logo) and the privacy threshold of exports
    Settings(charts::SettingsArgs),
    /// The interaction network: who answers, mentions and reacts to whom
    #[command(subcommand)]
    Network(network::NetworkCommand),
    /// Opinion leaders, early adopters, talent, brokers and people not yet engaged, each with the reason
    Segments(segments::SegmentsArgs),
    /// The champions network: coverage, whom to recruit next, whom each champion could bring in
    #[command(subcommand)]
    Champions(champions::ChampionsCommand),
    /// Evidence cards for the deck: statements from outside your own data, with their source
    Evidence {
        #[command(subcommand)]
        command: Option<charts::EvidenceCommand>,
    },
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
    /// Import survey answers or an edge list: who named whom (rows of
    /// respondent, named, question; a Forms export with one column per
    /// question; or Gephi's Source, Target, Weight, Type)
    #[command(alias = "edges")]
    Survey {
        /// The file to import (CSV/TSV or a workbook)
        file: PathBuf,
        /// Show what would be added; write nothing
        #[arg(long)]
        dry_run: bool,
        /// Import the good answers even when some rows are bad
        #[arg(long)]
        skip_bad_rows: bool,
    },
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
                eprintln!("{}", serde_json::json!({ "error": e.body }));
            } else {
                eprintln!("chorus: {}", e.body.message);
            }
            ExitCode::from(if e.usage { 2 } else { 1 })
        }
    }
}

/// An error at the binary's edge: the core's `{code, message}`, and whether
/// the command line itself was misused (exit code 2).
pub(crate) struct Failure {
    body: app::Failure,
    usage: bool,
}

impl From<chorus::Error> for Failure {
    fn from(e: chorus::Error) -> Self {
        Failure { body: e.into(), usage: false }
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure { body: app::Failure::new("io", e.to_string()), usage: false }
    }
}

pub(crate) fn usage(message: String) -> Failure {
    Failure { body: app::Failure::new("usage", message), usage: true }
}

#[allow(clippy::disallowed_methods)] // the one place that reads the clock
pub(crate) fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

pub(crate) fn open(cli_db: &Option<PathBuf>) -> Result<Db, Failure> {
    let path = cli_db.clone().unwrap_or_else(app::default_path);
    Ok(app::open(&path)?)
}

fn run(cli: Cli) -> Result<(), Failure> {
    let ctx = activity::Ctx { db: cli.db.clone(), json: cli.json };
    match cli.command {
        Command::Init => {
            let db = open(&cli.db)?;
            let n = app::directory::people_count(&db)?;
            if cli.json {
                println!("{}", serde_json::json!({ "database": db.path(), "people": n }));
            } else {
                println!("Database: {} ({n} people)", db.path().display());
            }
        }
        Command::Demo { people, seed, as_of, no_activity } => {
            let as_of = match as_of {
                Some(s) => activity::date("--as-of", &s)?,
                None => now().date_naive(),
            };
            let mut db = open(&cli.db)?;
            let summary =
                app::demo::load_demo(&mut db, DemoOptions { people, seed, as_of, activity: !no_activity }, now())?;
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
            people::overview(&cli.db, cli.json)?;
        }
        Command::Import(ImportCommand::Survey { file, dry_run, skip_bad_rows }) => {
            let mut db = open(&cli.db)?;
            let r = app::survey::import_survey(&mut db, &file, skip_bad_rows, dry_run, now())?;
            if cli.json {
                println!("{}", serde_json::to_string(&r).unwrap_or_default());
            } else {
                let what = if r.dry_run { "would add" } else { "added" };
                println!(
                    "{}: {} ties read ({} new, {} already held), {what} to the survey layer; {} question(s): {}",
                    r.file,
                    r.ties,
                    r.added,
                    r.already,
                    r.questions.len(),
                    r.questions.join(" | ")
                );
                if r.self_named > 0 {
                    println!("{} answer(s) naming the respondent themselves were left out.", r.self_named);
                }
                for p in &r.skipped {
                    println!("skipped: {p}");
                }
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
            let overrides = map
                .iter()
                .map(|m| MapOverride::parse(m))
                .collect::<Result<Vec<_>, _>>()
                .map_err(chorus::Error::from)?;
            let mut db = open(&cli.db)?;
            let opts = ImportOptions { format, overrides, dry_run, skip_bad_rows };
            match app::people::import_people(&mut db, &file, &opts, Watch::quiet(), now()) {
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
        Command::Accounts(a) => activity::accounts(a, &ctx)?,
        Command::Tools(a) => activity::tools(a, &ctx)?,
        Command::Adoption(a) => activity::adoption(a, &ctx)?,
        Command::Impact(a) => impact::impact(a, &ctx)?,
        Command::Chart(a) => charts::chart(a, &ctx)?,
        Command::Report(a) => charts::report(a, &ctx)?,
        Command::Exports(a) => charts::exports(a, &ctx)?,
        Command::Settings(a) => charts::settings(a, &ctx)?,
        Command::Evidence { command } => charts::evidence(command, &ctx)?,
        Command::Network(cmd) => network::network(cmd, &ctx)?,
        Command::Segments(a) => segments::segments(a, &ctx)?,
        Command::Champions(cmd) => champions::champions(cmd, &ctx)?,
        Command::People(cmd) => people::people(cmd, &cli.db, cli.json)?,
        Command::Org(OrgCommand::Rename { kind, old, new }) => {
            let kind = OrgUnitKind::parse(&kind)
                .ok_or_else(|| usage(format!("{kind:?}: expected department, team or location")))?;
            let mut db = open(&cli.db)?;
            let people = app::directory::rename_org_unit(&mut db, kind, &old, &new)?;
            if cli.json {
                println!("{}", serde_json::json!({ "renamed": kind.name(), "from": old, "to": new, "people": people }));
            } else {
                println!("Renamed {} {old:?} to {new:?} ({people} people).", kind.name());
            }
        }
        Command::Export(ExportCommand::People { csv, xlsx, output, include_assessments, filters }) => {
            people::export_people(&cli.db, &filters, (csv, xlsx, output), include_assessments)?
        }
    }
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
