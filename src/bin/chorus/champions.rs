//! `chorus champions`: the roster and its coverage, whom to recruit next,
//! whom each champion could bring in, and adding a champion.

use chorus::app::champions as app;
use clap::Subcommand;

use crate::activity::Ctx;
use crate::network::GraphArgs;
use crate::{Failure, now, open};

#[derive(Subcommand, Debug)]
pub(crate) enum ChampionsCommand {
    /// The roster, and the share of people within one and two steps of a champion, per department and location
    Coverage(GraphArgs),
    /// The next people who would raise coverage most, each with the reason
    Suggest {
        /// How many to suggest (1 to 1,000)
        #[arg(short, long, default_value_t = 10, value_parser = clap::value_parser!(u16).range(1..=1000))]
        k: u16,
        #[command(flatten)]
        graph: GraphArgs,
    },
    /// For each champion, the people not yet engaged in their reach (shown here only, never exported)
    Nudges(GraphArgs),
    /// Make PERSON (#id, email or external id) a champion
    Add { person: String },
}

fn pct(n: u32, of: u32) -> String {
    if of == 0 { "—".into() } else { format!("{:.0} %", f64::from(n) * 100.0 / f64::from(of)) }
}

fn cut(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

pub(crate) fn champions(cmd: ChampionsCommand, ctx: &Ctx) -> Result<(), Failure> {
    let mut db = open(&ctx.db)?;
    let today = now().date_naive();
    let json = |v: &dyn erased::Json| println!("{}", v.json());
    match cmd {
        ChampionsCommand::Coverage(g) => {
            let (f, o) = g.parts()?;
            let r = app::coverage(&db, &f, today, o)?;
            if ctx.json {
                json(&r);
                return Ok(());
            }
            println!(
                "{} champions, {} to {}: {} of {} people within one step of a champion, {} within two",
                r.champions.len(),
                r.period.from,
                r.period.to,
                pct(r.within_one, r.people),
                r.people,
                pct(r.within_two, r.people)
            );
            for (title, groups) in [("Departments", &r.departments), ("Locations", &r.locations)] {
                println!("\n{title}, least covered first:");
                println!("  {:<24} {:>6} {:>9} {:>9} {:>9}", "", "people", "champions", "1 step", "2 steps");
                for g in groups {
                    println!(
                        "  {:<24} {:>6} {:>9} {:>9} {:>9}{}",
                        cut(&g.name, 24),
                        g.people,
                        g.champions,
                        pct(g.within_one, g.people),
                        pct(g.within_two, g.people),
                        if g.champions == 0 { "  no champion" } else { "" }
                    );
                }
            }
            println!("\nRoster:");
            for c in &r.champions {
                println!(
                    "  {:<28} {:<18} {:<14} since {:<10} reaches {} in one step, {} in two",
                    cut(&c.name, 28),
                    cut(c.department.as_deref().unwrap_or(""), 18),
                    cut(c.location.as_deref().unwrap_or(""), 14),
                    c.since,
                    c.within_one,
                    c.within_two
                );
            }
        }
        ChampionsCommand::Suggest { k, graph } => {
            let (f, o) = graph.parts()?;
            let r = app::suggest(&db, &f, today, o, usize::from(k))?;
            if ctx.json {
                json(&r);
                return Ok(());
            }
            println!(
                "Within two steps of a champion: {} now, {} with these {} recruits:",
                pct(r.within_two_now, r.people),
                pct(r.within_two_after, r.people),
                r.suggestions.len()
            );
            for (i, s) in r.suggestions.iter().enumerate() {
                println!(
                    "{:>3}. {:<28} {:<18} {}",
                    i + 1,
                    cut(&s.name, 28),
                    cut(s.department.as_deref().unwrap_or(""), 18),
                    s.reason
                );
            }
        }
        ChampionsCommand::Nudges(g) => {
            let (f, o) = g.parts()?;
            let r = app::nudges(&db, &f, today, o)?;
            if ctx.json {
                json(&r);
                return Ok(());
            }
            for n in &r {
                println!("{} — {} people not yet engaged in reach", n.champion, n.people.len());
                for p in n.people.iter().take(10) {
                    println!("    {:<28} {:<16} {}", cut(&p.name, 28), p.how, p.evidence);
                }
            }
        }
        ChampionsCommand::Add { person } => {
            let id = app::add_champion(&mut db, &person, now())?;
            if ctx.json {
                println!("{}", serde_json::json!({ "champion": id }));
            } else {
                println!("Person #{id} is now a champion.");
            }
        }
    }
    Ok(())
}

mod erased {
    pub trait Json {
        fn json(&self) -> String;
    }
    impl<T: serde::Serialize> Json for T {
        fn json(&self) -> String {
            serde_json::to_string(self).unwrap_or_default()
        }
    }
}
