//! The directory commands: `people list|search|show|set`, `overview`,
//! `org rename`, `export people`.

use std::io::Write;
use std::path::PathBuf;

use chorus::app::people::PeopleFormat;
use chorus::app::{self, Db, directory};
use chorus::directory::export::ExportOptions;
use chorus::directory::fields::parse_assignment;
use chorus::directory::query::{ListQuery, SortColumn};
use chorus::directory::{Attitude, Flag, Overview, Person, PersonRow};

use crate::{Failure, Filters, PeopleCommand, fit, now, open, usage};

pub(crate) fn query(f: &Filters, text: String) -> Result<ListQuery, Failure> {
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

pub(crate) fn people(cmd: PeopleCommand, db_path: &Option<PathBuf>, json: bool) -> Result<(), Failure> {
    match cmd {
        PeopleCommand::List { filters, limit, page } => {
            list(db_path, json, query(&filters, String::new())?, limit, page)?
        }
        PeopleCommand::Search { query: text, filters, limit, page } => {
            list(db_path, json, query(&filters, text)?, limit, page)?
        }
        PeopleCommand::Show { person } => {
            let db = open(db_path)?;
            let id = directory::find_person(&db, &person)?;
            let directory::PersonDetail { person: p, changes } = directory::person(&db, id)?;
            let adoption = directory::person_adoption(&db, id)?;
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
            let edits = assignments
                .iter()
                .map(|a| parse_assignment(a))
                .collect::<Result<Vec<_>, _>>()
                .map_err(chorus::Error::from)?;
            let mut db = open(db_path)?;
            let id = directory::find_person(&db, &person)?;
            let p = directory::edit_person(&mut db, id, &edits, now())?.person;
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
    let result = directory::list_people(&db, &q)?;
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
    let f = &p.fields;
    let o = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
    println!("#{}  {}{}", p.id, f.full_name, f.preferred_name.as_ref().map(|n| format!(" ({n})")).unwrap_or_default());
    println!("  External id   {}", o(&f.external_id));
    println!("  Email         {}", if f.emails.is_empty() { "—".into() } else { f.emails.join(", ") });
    println!("  Title         {}", o(&f.title));
    println!("  Department    {}", o(&f.department));
    println!("  Team          {}", o(&f.team));
    println!("  Location      {}{}", o(&f.location), f.country.as_ref().map(|c| format!(", {c}")).unwrap_or_default());
    println!(
        "  Manager       {}",
        p.manager.as_ref().map(|m| format!("{} (#{})", m.full_name, m.id)).unwrap_or("—".into())
    );
    println!("  Reports       {}", p.reports.len());
    println!("  Hire date     {}", f.hire_date.map(|d| d.to_string()).unwrap_or("—".into()));
    println!("  Languages     {}", if f.languages.is_empty() { "—".into() } else { f.languages.join(", ") });
    println!("  Tags          {}", if f.tags.is_empty() { "—".into() } else { f.tags.join(", ") });
    let skills: Vec<String> = f.skills.iter().map(|s| format!("{} ({})", s.name, s.source.as_str())).collect();
    println!("  Skills        {}", if skills.is_empty() { "—".into() } else { skills.join(", ") });
    let s = &f.stakeholder;
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
    if let Some(n) = &f.notes {
        println!("  Notes         {n}");
    }
}

pub(crate) fn print_overview(db: &Db, o: &Overview) {
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

/// `export people`: the directory as CSV (to a file or standard output) or
/// XLSX, without assessments unless asked.
pub(crate) fn export_people(
    db_path: &Option<PathBuf>,
    filters: &Filters,
    to: (bool, bool, Option<PathBuf>),
    include_assessments: bool,
) -> Result<(), Failure> {
    let (csv, xlsx, output) = to;
    if !csv && !xlsx {
        return Err(usage("export people: choose --csv or --xlsx".into()));
    }
    let db = open(db_path)?;
    let q = query(filters, String::new())?;
    let opts = ExportOptions { include_assessments };
    let format = if xlsx { PeopleFormat::Xlsx } else { PeopleFormat::Csv };
    match output {
        Some(path) => {
            let (_, n) = app::people::export_people(&db, &q, format, opts, &path, now())?;
            eprintln!("Exported {n} people to {}", path.display());
        }
        None if xlsx => return Err(usage("export people --xlsx needs -o FILE".into())),
        None => {
            let bytes = app::people::people_csv(&db, &q, opts, now())?;
            std::io::stdout().lock().write_all(&bytes)?;
        }
    }
    Ok(())
}

/// `overview`.
pub(crate) fn overview(db_path: &Option<PathBuf>, json: bool) -> Result<(), Failure> {
    let db = open(db_path)?;
    let o = app::directory::overview(&db)?;
    if json {
        println!("{}", serde_json::to_string(&o).unwrap_or_default());
    } else {
        print_overview(&db, &o);
    }
    Ok(())
}
