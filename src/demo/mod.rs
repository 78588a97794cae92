//! A realistic demo organisation, generated deterministically from a seed:
//! departments and teams, a management tree, offices in several countries,
//! names from many cultures (with their accents), titles, hire dates, a few
//! executives and IT allies, and stakeholder assessments with a plausible
//! spread. The same seed, size and reference date always give the same people.
//!
//! The people go through the same planner and writer as an imported file, so
//! loading the demo twice changes nothing.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};

use crate::directory::{Attitude, PersonRecord, Skill, SkillSource};

pub mod activity;

/// The evidence cards the demo's first deck shows: (statement, source, date).
pub const EVIDENCE: [(&str, &str, Option<&str>); 2] = [
    (
        "About 30 % of CEOs are in social networks.",
        "PrideCom, “7 Social Media skills for Internal Communications Specialist”",
        None,
    ),
    (
        "In most online communities, 90 % of users lurk, 9 % contribute from time to time and 1 % account for almost all the action.",
        "Jakob Nielsen, “Participation Inequality”, Nielsen Norman Group",
        Some("2006-10-09"),
    ),
];
mod data;
use data::{CULTURES, DEPARTMENTS, LOCATIONS, NOTES, TAGS};

/// How big and which demo organisation to make.
#[derive(Debug, Clone, Copy)]
pub struct DemoOptions {
    pub people: usize,
    pub seed: u64,
    /// "Today" for the organisation: hire dates and last contacts fall before it.
    pub as_of: NaiveDate,
    /// Also generate a year of activity on three tools (see [`activity`]).
    pub activity: bool,
}

/// What loading the demo did.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DemoSummary {
    pub people: usize,
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Activity events generated and added.
    pub events: u64,
    pub events_added: u64,
}

pub use crate::random::Rng;

/// Generates the demo organisation's people (managers are referred to by
/// external id). Pure and deterministic.
pub fn generate(opts: DemoOptions) -> Vec<PersonRecord> {
    let n = opts.people;
    let mut rng = Rng::new(opts.seed);
    let mut emails: HashMap<String, usize> = HashMap::new();
    let mut names: std::collections::HashSet<(&str, &str)> = std::collections::HashSet::new();
    let mut out: Vec<PersonRecord> = Vec::with_capacity(n);
    if n == 0 {
        return out;
    }
    // Who goes where: the CEO, one head per department (the CEO heads the
    // Executive Office), then everyone else spread over teams by weight.
    let heads = (DEPARTMENTS.len() - 1).min(n - 1);
    let rest = n - 1 - heads;
    let team_slots: Vec<(usize, usize)> =
        DEPARTMENTS.iter().enumerate().flat_map(|(d, dep)| (0..dep.teams.len()).map(move |t| (d, t))).collect();
    let usable: Vec<(usize, usize)> = team_slots.iter().copied().filter(|&(d, _)| d == 0 || d <= heads).collect();
    let weights: Vec<f64> =
        usable.iter().map(|&(d, _)| DEPARTMENTS[d].weight / DEPARTMENTS[d].teams.len() as f64).collect();
    let total_w: f64 = weights.iter().sum();
    // Largest-remainder apportionment: sizes add up to exactly `rest`.
    let quotas: Vec<f64> = weights.iter().map(|w| w / total_w * rest as f64).collect();
    let mut sizes: Vec<usize> = quotas.iter().map(|q| q.floor() as usize).collect();
    let mut order: Vec<usize> = (0..sizes.len()).collect();
    order.sort_by(|&a, &b| (quotas[b] - quotas[b].floor()).total_cmp(&(quotas[a] - quotas[a].floor())).then(a.cmp(&b)));
    let short = rest - sizes.iter().sum::<usize>();
    for &i in order.iter().take(short) {
        sizes[i] += 1;
    }

    let hq = 0; // Paris
    let ext = |i: usize| format!("E{:06}", i + 1);
    let mut make = |rng: &mut Rng,
                    dept: usize,
                    team: Option<usize>,
                    title: String,
                    manager: Option<String>,
                    level: Level| {
        let i = out.len();
        let loc = if level == Level::Executive && rng.chance(0.7) {
            hq
        } else {
            rng.weighted(&LOCATIONS.iter().map(|l| l.3).collect::<Vec<_>>())
        };
        let (city, country, home_culture, _) = LOCATIONS[loc];
        let culture = &CULTURES[if rng.chance(0.8) { home_culture } else { rng.below(CULTURES.len()) }];
        // Redraw a few times to avoid namesakes and "Adebayo Adebayo"; large
        // organisations keep some namesakes, as real ones do.
        let (mut first, mut last) = ("", "");
        for _ in 0..6 {
            first = *rng.pick(culture.first);
            last = *rng.pick(culture.last);
            if first != last && !names.contains(&(first, last)) {
                break;
            }
        }
        names.insert((first, last));
        let full_name = format!("{first} {last}");
        let base = format!("{}.{}", email_part(first), email_part(last));
        let count = emails.entry(base.clone()).or_insert(0);
        *count += 1;
        let email =
            if *count == 1 { format!("{base}@northwind.example") } else { format!("{base}{count}@northwind.example") };
        let tenure_years = match level {
            Level::Executive => 3.0 + rng.unit() * 17.0,
            Level::Lead => 1.0 + rng.unit() * 14.0,
            _ => (-(1.0 - rng.unit()).ln() * 4.5).min(30.0),
        };
        let hire = opts.as_of - Duration::days((tenure_years * 365.25) as i64 + 1);
        let hire = hire.max(NaiveDate::from_ymd_opt(1990, 1, 1).unwrap_or(hire));
        let mut languages = vec![culture.language.to_owned()];
        if culture.language != "English" && rng.chance(0.75) {
            languages.push("English".to_owned());
        }
        let mut tags: Vec<String> = TAGS.iter().filter(|(_, p)| rng.chance(*p)).map(|(t, _)| (*t).to_owned()).collect();
        if tenure_years < 0.5 {
            tags.push("new joiner".to_owned());
        }
        let dep = &DEPARTMENTS[dept];
        let mut skills: Vec<Skill> = Vec::new();
        for _ in 0..1 + rng.below(3) {
            let s = Skill { name: (*rng.pick(dep.skills)).to_owned(), source: SkillSource::Declared };
            if !skills.contains(&s) {
                skills.push(s);
            }
        }
        if rng.chance(0.1) {
            skills.push(Skill { name: (*rng.pick(dep.skills)).to_owned(), source: SkillSource::Observed });
        }
        // Stakeholder assessments: leaders nearly always, others rarely.
        let assessed = match level {
            Level::Executive => true,
            Level::Lead | Level::Manager => rng.chance(0.85),
            Level::Individual => rng.chance(0.08),
        };
        let (influence, interest, attitude, last_contact) = if assessed {
            let influence = match level {
                Level::Executive => rng.between(4, 5),
                Level::Lead => rng.between(3, 4),
                Level::Manager => rng.between(2, 4),
                Level::Individual => rng.between(1, 3),
            };
            let keen = matches!(dep.name, "Communications" | "People & Culture" | "IT");
            let interest = if keen { rng.between(3, 5) } else { rng.between(1, 5) };
            let attitude = Attitude::ALL[rng.weighted(&[0.08, 0.25, 0.45, 0.15, 0.07])];
            let contact = opts.as_of - Duration::days(rng.below(180) as i64);
            (Some(influence), Some(interest), Some(attitude), Some(contact))
        } else {
            (None, None, None, None)
        };
        let champion = attitude == Some(Attitude::Champion) && rng.chance(0.6) || rng.chance(0.02);
        let it_ally = dep.name == "IT" && (level != Level::Individual || rng.chance(0.08));
        let notes = attitude.and_then(|a| {
            NOTES.iter().find(|(na, _)| *na == a).filter(|_| rng.chance(0.3)).map(|(_, t)| (*t).to_owned())
        });
        let preferred_name = match first {
            "Maximilian" => Some("Max".to_owned()),
            "Oluwaseun" => Some("Seun".to_owned()),
            "Alexander" => Some("Alex".to_owned()),
            "Agnieszka" => Some("Aga".to_owned()),
            _ => None,
        };
        out.push(PersonRecord {
            external_id: Some(ext(i)),
            full_name,
            preferred_name,
            emails: vec![email],
            title: Some(title),
            department: Some(dep.name.to_owned()),
            team: team.map(|t| dep.teams[t].to_owned()),
            location: Some(city.to_owned()),
            country: Some(country.to_owned()),
            manager_ref: manager,
            hire_date: Some(hire),
            languages,
            tags,
            skills,
            notes,
            influence,
            interest,
            attitude,
            executive: Some(level == Level::Executive),
            it_ally: Some(it_ally),
            champion: Some(champion),
            last_contact,
        });
        ext(i)
    };

    let ceo = make(&mut rng, 0, None, DEPARTMENTS[0].head_title.to_owned(), None, Level::Executive);
    let mut head_of: Vec<String> = vec![ceo.clone()];
    for (d, dep) in DEPARTMENTS.iter().enumerate().skip(1).take(heads) {
        head_of.push(make(&mut rng, d, None, dep.head_title.to_owned(), Some(ceo.clone()), Level::Executive));
    }
    for (slot, &(d, t)) in usable.iter().enumerate() {
        let dep = &DEPARTMENTS[d];
        let team = dep.teams[t];
        // A k-ary tree inside the team: member j reports to member (j-1)/SPAN,
        // member 0 (the team's head) to the department head.
        let size = sizes[slot];
        let has_reports = |j: usize| j * SPAN + 1 < size;
        let mut members: Vec<String> = Vec::with_capacity(size);
        for j in 0..size {
            let (title, manager, level) = if j == 0 {
                (format!("Head of {team}"), head_of[d].clone(), Level::Lead)
            } else if has_reports(j) {
                (format!("{team} Manager"), members[(j - 1) / SPAN].clone(), Level::Manager)
            } else {
                let role = *rng.pick(dep.roles);
                (role.to_owned(), members[(j - 1) / SPAN].clone(), Level::Individual)
            };
            members.push(make(&mut rng, d, Some(t), title, Some(manager), level));
        }
    }
    out
}

const SPAN: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Executive,
    Lead,
    Manager,
    Individual,
}

fn email_part(s: &str) -> String {
    crate::text::fold(s).chars().filter(char::is_ascii_alphanumeric).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(people: usize, seed: u64) -> DemoOptions {
        DemoOptions { people, seed, as_of: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(), activity: false }
    }

    #[test]
    fn same_seed_same_people() {
        assert_eq!(generate(opts(300, 7)), generate(opts(300, 7)));
        assert_ne!(generate(opts(300, 7)), generate(opts(300, 8)), "another seed gives another organisation");
    }

    #[test]
    fn makes_exactly_the_requested_size_with_unique_keys() {
        for n in [0, 1, 2, 5, 13, 1000] {
            let people = generate(opts(n, 1));
            assert_eq!(people.len(), n);
            let emails: std::collections::HashSet<_> = people.iter().map(|p| p.emails[0].clone()).collect();
            assert_eq!(emails.len(), n, "every email is unique");
        }
    }

    #[test]
    fn has_a_plausible_shape() {
        let people = generate(opts(1000, 42));
        let execs = people.iter().filter(|p| p.executive == Some(true)).count();
        assert_eq!(execs, DEPARTMENTS.len(), "the CEO and one head per other department");
        let countries: std::collections::HashSet<_> = people.iter().filter_map(|p| p.country.clone()).collect();
        assert!(countries.len() >= 8, "several countries, got {}", countries.len());
        assert!(people.iter().any(|p| p.full_name != crate::text::fold(&p.full_name)), "names with accents");
        let assessed = people.iter().filter(|p| p.attitude.is_some()).count();
        assert!((50..400).contains(&assessed), "some but not all are assessed: {assessed}");
        assert!(people.iter().filter(|p| p.it_ally == Some(true)).count() >= 3, "a few IT allies");
        assert_eq!(people.iter().filter(|p| p.manager_ref.is_none()).count(), 1, "only the CEO has no manager");
    }
}
