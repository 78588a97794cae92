//! `chorus chart list`, `chorus chart NAME --out FILE.png|FILE.svg`,
//! `chorus report --out deck.pptx|report.pdf|tables.xlsx` and `chorus exports`.

use std::path::PathBuf;

use chorus::app::charts::{ChartRequest, export_chart};
use chorus::app::report::{ReportRequest, ReportSpec, export_log, export_report};
use chorus::charts::{ChartName, Size};
use chorus::report::{SlideName, pptx::PptxOptions};
use clap::Args;

use crate::activity::{Ctx, FilterArgs};
use crate::{Failure, now, open, usage};

#[derive(Args, Debug)]
pub(crate) struct ChartArgs {
    /// The chart's name, or `list` to see them
    name: String,
    /// Where to write it: FILE.png or FILE.svg (replaced only once complete)
    #[arg(long, short, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Width x height in pixels, or `wide` (1920x1080), `square` (1080x1080) or `slide` (a deck's chart area, 1216x684)
    #[arg(long, default_value = "wide")]
    size: String,
    /// PNG at twice the size, for print
    #[arg(long)]
    print: bool,
    /// Light text on a dark page
    #[arg(long)]
    dark: bool,
    /// A brand file for this chart (JSON: organisation, palette, dark) instead of the stored one
    #[arg(long, value_name = "FILE")]
    theme: Option<PathBuf>,
    #[command(flatten)]
    filter: FilterArgs,
}

/// A brand file given with `--theme`: `{"palette": ["#0072B2", …], "dark": false, "organisation": "Acme"}`.
fn theme_file(path: &std::path::Path) -> Result<chorus::charts::Brand, Failure> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::from(chorus::Error::from(chorus::file::FileError::io(&shown, e))))?;
    let brand: chorus::charts::Brand = serde_json::from_str(&text).map_err(|e| {
        usage(format!("{shown}: not a theme file ({e}); expected {{\"palette\": [\"#0072B2\", …], \"dark\": false}}"))
    })?;
    let palette = brand.palette.clone();
    brand.with_palette(&palette).map_err(|e| usage(format!("{shown}: {e}")))
}

pub(crate) fn chart(a: ChartArgs, ctx: &Ctx) -> Result<(), Failure> {
    if a.name == "list" {
        for c in ChartName::ALL {
            println!("{:<16} {}", c.name(), c.describe());
        }
        return Ok(());
    }
    let names: Vec<&str> = ChartName::ALL.iter().map(|c| c.name()).collect();
    let name = ChartName::parse(&a.name)
        .ok_or_else(|| usage(format!("no chart named {:?}; charts: {}", a.name, names.join(", "))))?;
    let out = a.out.ok_or_else(|| usage("chart: say where to write it with --out FILE.png or FILE.svg".into()))?;
    let size = Size::parse(&a.size).ok_or_else(|| {
        usage(format!("--size {:?}: expected WIDTHxHEIGHT (200 to 8000 each), wide, square or slide", a.size))
    })?;
    let filter = a.filter.filter()?;
    let brand = a.theme.as_deref().map(theme_file).transpose()?;
    let dark = a.dark.then_some(true);
    let req = ChartRequest { name, filter, size, dark, brand, scale: if a.print { 2.0 } else { 1.0 } };
    let db = open(&ctx.db)?;
    export_chart(&db, &req, &out, now())?;
    if ctx.json {
        println!("{}", serde_json::json!({ "chart": name.name(), "file": out }));
    } else {
        eprintln!("Wrote {} to {}", name.name(), out.display());
    }
    Ok(())
}

#[derive(Args, Debug)]
pub(crate) struct ReportArgs {
    /// Where to write it: deck.pptx, report.pdf or tables.xlsx (replaced only once complete)
    #[arg(long, short, value_name = "FILE")]
    out: Option<PathBuf>,
    /// The slides, in order (`chorus report --list` names them); all by default
    #[arg(long, value_name = "a,b,c")]
    slides: Option<String>,
    /// List the slides of the storyline and exit
    #[arg(long)]
    list: bool,
    /// A target for a headline figure, e.g. active_share=40% or median_first_reply=4h (repeatable)
    #[arg(long = "target", value_name = "KEY=VALUE")]
    targets: Vec<String>,
    /// Charts as pictures only (no native, editable PowerPoint charts)
    #[arg(long)]
    pictures: bool,
    /// Light text on a dark page
    #[arg(long)]
    dark: bool,
    /// A brand file for this report (JSON: organisation, palette, dark) instead of the stored one
    #[arg(long, value_name = "FILE")]
    theme: Option<PathBuf>,
    /// Run a saved deck: its slides, order, edits, filters and targets, on
    /// fresh numbers, with what moved since its previous run
    #[arg(long, value_name = "NAME", conflicts_with_all = ["slides", "save"])]
    deck: Option<String>,
    /// Save this storyline as a deck of that name (then export it)
    #[arg(long, value_name = "NAME")]
    save: Option<String>,
    /// List the saved decks and exit
    #[arg(long)]
    decks: bool,
    #[command(flatten)]
    filter: FilterArgs,
}

pub(crate) fn report(a: ReportArgs, ctx: &Ctx) -> Result<(), Failure> {
    if a.list {
        for s in SlideName::ALL {
            println!("{:<16} {}", s.name(), s.describe());
        }
        for s in SlideName::EXTRA {
            println!("{:<16} {} (not in the default storyline)", s.name(), s.describe());
        }
        return Ok(());
    }
    if a.decks {
        let db = open(&ctx.db)?;
        let decks = chorus::app::report::saved_decks(&db)?;
        if ctx.json {
            println!("{}", serde_json::to_string(&decks).unwrap_or_default());
            return Ok(());
        }
        if decks.is_empty() {
            eprintln!("No deck is saved yet: chorus report --save NAME --out deck.pptx");
        }
        for d in decks {
            let last = d.last_run.as_ref().map(|r| format!("last run {}", r.at)).unwrap_or_else(|| "never run".into());
            println!("{:<24} {} slides · saved {} · {last}", d.name, d.spec.slides.len(), d.saved_at);
        }
        return Ok(());
    }
    let out = a
        .out
        .ok_or_else(|| usage("report: say where to write it with --out deck.pptx, report.pdf or tables.xlsx".into()))?;
    if chorus::report::ExportKind::of_report(&out).is_none() {
        return Err(usage(format!("{}: a report is written as .pptx, .pdf or .xlsx", out.display())));
    }
    let slides: Vec<String> = match &a.slides {
        Some(list) => list.split(',').map(|s| s.trim().to_owned()).collect(),
        None => SlideName::ALL.iter().map(|s| s.name().to_owned()).collect(),
    };
    let given = a.filter.filter()?;
    let spec = ReportSpec {
        filter: given.clone(),
        slides,
        targets: a.targets.clone(),
        dark: a.dark.then_some(true),
        pictures: a.pictures,
        ..ReportSpec::default()
    };
    let parsed = spec.parse().map_err(usage)?;
    let db = open(&ctx.db)?;
    let mut req = match &a.deck {
        Some(name) => {
            let mut req = chorus::app::report::request_of(&chorus::app::report::saved_deck(&db, name)?)?;
            // A period or filter given here replaces the saved one, for this run.
            if given != chorus::activity::measures::Filter::default() {
                req.filter = given;
            }
            req
        }
        None => ReportRequest { brand: a.theme.as_deref().map(theme_file).transpose()?, ..parsed },
    };
    req.pptx = PptxOptions { native_charts: !a.pictures };
    if let Some(name) = &a.save {
        let saved = chorus::app::report::save_deck(&db, name, &req, now())?;
        req = chorus::app::report::request_of(&saved)?;
    }
    let record = export_report(&db, &req, &out, now())?;
    if ctx.json {
        println!("{}", serde_json::to_string(&record).unwrap_or_default());
    } else {
        eprintln!(
            "Wrote {} ({} slides, {} bytes) to {}",
            record.kind.as_str(),
            req.slides.len(),
            record.bytes,
            out.display()
        );
    }
    Ok(())
}

#[derive(Args, Debug)]
pub(crate) struct ExportsArgs {
    /// How many of the latest exports to show
    #[arg(long, default_value_t = 50)]
    limit: u32,
}

pub(crate) fn exports(a: ExportsArgs, ctx: &Ctx) -> Result<(), Failure> {
    let db = open(&ctx.db)?;
    let log = export_log(&db, a.limit)?;
    if ctx.json {
        println!("{}", serde_json::to_string(&log).unwrap_or_default());
        return Ok(());
    }
    if log.is_empty() {
        eprintln!("Nothing has been exported yet.");
    }
    for e in log {
        println!("{}  {:<8} {:>10} B  {}  →  {}", e.at, e.kind.as_str(), e.bytes, e.what, e.path);
    }
    Ok(())
}

#[derive(Args, Debug)]
pub(crate) struct SettingsArgs {
    /// The organisation's name, shown on the deck's cover ("" to remove)
    #[arg(long)]
    organisation: Option<String>,
    /// The brand's colours, accent first: "#0072B2,#E69F00,…" (2 to 12; "" for the colour-blind-safe default)
    #[arg(long)]
    palette: Option<String>,
    /// The colour of titles, "#RRGGBB" ("" for the text's colour)
    #[arg(long, value_name = "#RRGGBB")]
    title_colour: Option<String>,
    /// Dark pages for charts and slides by default (true or false)
    #[arg(long, value_name = "true|false")]
    dark: Option<bool>,
    /// The logo on every slide: a PNG or JPEG file (at most 2 MB)
    #[arg(long, value_name = "FILE", conflicts_with = "no_logo")]
    logo: Option<PathBuf>,
    /// Remove the logo
    #[arg(long)]
    no_logo: bool,
    /// The brand font for every chart and slide: a .ttf or .otf file
    #[arg(long, value_name = "FILE", conflicts_with = "no_font")]
    font: Option<PathBuf>,
    /// The brand font's bold face (for titles), with --font
    #[arg(long, value_name = "FILE", requires = "font")]
    font_bold: Option<PathBuf>,
    /// Back to the shipped font (DejaVu Sans)
    #[arg(long)]
    no_font: bool,
    /// The privacy threshold: groups of fewer people are merged or left out of every export (3 to 100)
    #[arg(long, value_name = "N")]
    min_group: Option<u32>,
}

/// `chorus settings`: shows the brand and privacy settings, changing those given.
pub(crate) fn settings(a: SettingsArgs, ctx: &Ctx) -> Result<(), Failure> {
    use chorus::app::settings as s;
    let db = open(&ctx.db)?;
    let mut now = s::settings(&db)?;
    if a.organisation.is_some() || a.palette.is_some() || a.dark.is_some() || a.title_colour.is_some() {
        let organisation = a.organisation.or(now.brand.organisation.clone());
        let palette: Vec<String> = match &a.palette {
            Some(p) => p.split(',').map(|c| c.trim().to_owned()).filter(|c| !c.is_empty()).collect(),
            None => now.brand.palette.clone(),
        };
        let title = a.title_colour.clone().or(now.brand.title_colour.clone());
        now = s::set_brand(&db, organisation, &palette, a.dark.unwrap_or(now.brand.dark), title.as_deref())?;
    }
    if let Some(path) = &a.logo {
        now = s::set_logo(&db, Some(path))?;
    } else if a.no_logo {
        now = s::set_logo(&db, None)?;
    }
    if let Some(path) = &a.font {
        now = s::set_font(&db, Some(path), a.font_bold.as_deref())?;
    } else if a.no_font {
        now = s::set_font(&db, None, None)?;
    }
    if let Some(n) = a.min_group {
        now = s::set_min_group(&db, n)?;
    }
    if ctx.json {
        println!("{}", serde_json::to_string(&now).unwrap_or_default());
        return Ok(());
    }
    let b = &now.brand;
    println!("organisation   {}", b.organisation.as_deref().unwrap_or("(none)"));
    let palette = if b.palette.is_empty() {
        format!("default ({})", now.default_palette.join(", "))
    } else {
        b.palette.join(", ")
    };
    println!("palette        {palette}");
    println!("pages          {}", if b.dark { "dark" } else { "light" });
    println!("titles         {}", b.title_colour.as_deref().unwrap_or("the text's colour"));
    println!("font           {}", now.font.as_deref().unwrap_or("DejaVu Sans (shipped)"));
    match &now.logo {
        Some(l) => println!("logo           {} {}×{}", l.format.extension(), l.width, l.height),
        None => println!("logo           (none)"),
    }
    println!("privacy        groups of fewer than {} people are merged or left out", now.min_group);
    Ok(())
}

#[derive(clap::Subcommand, Debug)]
pub(crate) enum EvidenceCommand {
    /// The evidence cards, newest first
    List,
    /// Add a card: a statement and its source (who said it, where)
    Add {
        statement: String,
        #[arg(long)]
        source: String,
        /// When it was published (YYYY-MM-DD)
        #[arg(long)]
        date: Option<String>,
    },
    /// Change a card's statement, source or date
    Edit {
        id: i64,
        #[arg(long)]
        statement: Option<String>,
        #[arg(long)]
        source: Option<String>,
        #[arg(long, conflicts_with = "no_date")]
        date: Option<String>,
        #[arg(long)]
        no_date: bool,
    },
    /// Remove a card
    Remove { id: i64 },
}

/// `chorus evidence`: the cards placed on the deck's evidence slide.
pub(crate) fn evidence(cmd: Option<EvidenceCommand>, ctx: &Ctx) -> Result<(), Failure> {
    use chorus::app::report as r;
    let db = open(&ctx.db)?;
    let cards = match cmd.unwrap_or(EvidenceCommand::List) {
        EvidenceCommand::List => r::evidence(&db)?,
        EvidenceCommand::Add { statement, source, date } => {
            let date = date.as_deref().map(|d| crate::activity::date("--date", d)).transpose()?;
            r::add_evidence(&db, &statement, &source, date, now())?;
            r::evidence(&db)?
        }
        EvidenceCommand::Edit { id, statement, source, date, no_date } => {
            let mut card = r::evidence(&db)?.into_iter().find(|c| c.id == id).ok_or_else(|| Failure {
                body: chorus::app::Failure::new("not_found", format!("no evidence card #{id}")),
                usage: false,
            })?;
            if let Some(s) = statement {
                card.statement = s;
            }
            if let Some(s) = source {
                card.source = s;
            }
            if let Some(d) = date {
                card.date = Some(crate::activity::date("--date", &d)?);
            } else if no_date {
                card.date = None;
            }
            r::update_evidence(&db, &card)?
        }
        EvidenceCommand::Remove { id } => r::remove_evidence(&db, id)?,
    };
    if ctx.json {
        println!("{}", serde_json::to_string(&cards).unwrap_or_default());
        return Ok(());
    }
    if cards.is_empty() {
        eprintln!("No evidence card yet: chorus evidence add \"STATEMENT\" --source \"WHO, WHERE\"");
    }
    for c in cards {
        let date = c.date.map(|d| format!(", {d}")).unwrap_or_default();
        println!("#{:<4} {}\n      — {}{date}", c.id, c.statement, c.source);
    }
    Ok(())
}
